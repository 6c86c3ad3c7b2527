//! RON split into the tokens that matter for placing comments: brackets,
//! `,` and `:`, scalars (strings, numbers, identifiers) and the comments
//! themselves, each with its byte range. Strings (`"…"`, raw `r#"…"#`, byte
//! strings) and characters are single tokens, so `//` in a URL is never a
//! comment; block comments nest, as RON's do.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Open(u8),
    Close(u8),
    Comma,
    Colon,
    /// An identifier (a field name, `true`, an enum variant).
    Ident,
    /// A string, character or number.
    Scalar,
    Comment,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Token {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
}

/// Text the lexer cannot split the way RON would (an unclosed string or
/// comment, a lone `/`): the caller leaves such text to RON.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Unreadable;

pub(super) struct Lexer<'a> {
    s: &'a [u8],
    text: &'a str,
    pub pos: usize,
    /// A line comment ran to the end of the text without a newline (RON
    /// refuses that in some places).
    pub unclosed_line: bool,
}

/// RON's whitespace (`ron::parse::is_whitespace_char`).
fn is_ws(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t'
            | '\n'
            | '\r'
            | '\x0B'
            | '\x0C'
            | '\u{85}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

fn is_ident_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_'
}

fn is_ident(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

impl<'a> Lexer<'a> {
    pub fn new(text: &'a str, pos: usize) -> Self {
        Lexer {
            s: text.as_bytes(),
            text,
            pos,
            unclosed_line: false,
        }
    }

    fn skip_ws(&mut self) {
        while self.pos < self.s.len() {
            let b = self.s[self.pos];
            if b.is_ascii() {
                if !is_ws(b as char) {
                    return;
                }
                self.pos += 1;
            } else {
                match self.text[self.pos..].chars().next() {
                    Some(c) if is_ws(c) => self.pos += c.len_utf8(),
                    _ => return,
                }
            }
        }
    }

    /// The next token, `None` at the end.
    pub fn next_token(&mut self) -> Result<Option<Token>, Unreadable> {
        self.skip_ws();
        let start = self.pos;
        let Some(&b) = self.s.get(start) else {
            return Ok(None);
        };
        let kind = match b {
            b'(' | b'[' | b'{' => {
                self.pos += 1;
                Kind::Open(b)
            }
            b')' | b']' | b'}' => {
                self.pos += 1;
                Kind::Close(b)
            }
            b',' => {
                self.pos += 1;
                Kind::Comma
            }
            b':' => {
                self.pos += 1;
                Kind::Colon
            }
            b'/' => {
                self.comment()?;
                Kind::Comment
            }
            b'"' => {
                self.pos += 1;
                self.string()?;
                Kind::Scalar
            }
            b'\'' => {
                self.pos += 1;
                self.character()?;
                Kind::Scalar
            }
            b'r' | b'b' if self.raw_or_byte_string()? => Kind::Scalar,
            b if is_ident_start(b) => {
                while self.s.get(self.pos).is_some_and(|&b| is_ident(b)) {
                    self.pos += 1;
                }
                // A raw identifier: `r#name`.
                if &self.s[start..self.pos] == b"r" && self.s.get(self.pos) == Some(&b'#') {
                    self.pos += 1;
                    while self
                        .s
                        .get(self.pos)
                        .is_some_and(|&b| is_ident(b) || b == b'.' || b == b'-' || b == b'+')
                    {
                        self.pos += 1;
                    }
                }
                Kind::Ident
            }
            _ => {
                // A number or anything else up to the next delimiter.
                // Whole characters at a time: the position stays on a
                // character boundary.
                while let Some(c) = self.text.get(self.pos..).and_then(|r| r.chars().next()) {
                    if is_ws(c) || (c.is_ascii() && b"()[]{},:\"'/".contains(&(c as u8))) {
                        break;
                    }
                    self.pos += c.len_utf8();
                }
                // At least one character, so the lexer always moves on.
                if self.pos == start
                    && let Some(c) = self.text[start..].chars().next()
                {
                    self.pos += c.len_utf8();
                }
                Kind::Scalar
            }
        };
        Ok(Some(Token {
            kind,
            start,
            end: self.pos,
        }))
    }

    /// The next token that is not a comment.
    pub fn next_significant(&mut self) -> Result<Option<Token>, Unreadable> {
        loop {
            match self.next_token()? {
                Some(t) if t.kind == Kind::Comment => continue,
                t => return Ok(t),
            }
        }
    }

    /// After `"`: to the closing quote, escapes skipped.
    fn string(&mut self) -> Result<(), Unreadable> {
        while let Some(&b) = self.s.get(self.pos) {
            self.pos += 1;
            match b {
                b'\\' => self.pos += 1,
                b'"' => return Ok(()),
                _ => {}
            }
        }
        Err(Unreadable)
    }

    /// After `'`: one (possibly escaped) character and the closing quote.
    fn character(&mut self) -> Result<(), Unreadable> {
        while let Some(&b) = self.s.get(self.pos) {
            self.pos += 1;
            match b {
                b'\\' => self.pos += 1,
                b'\'' => return Ok(()),
                b'\n' => return Err(Unreadable),
                _ => {}
            }
        }
        Err(Unreadable)
    }

    /// `r"…"`, `r#"…"#`, `b"…"`, `br#"…"#`, `b'x'`: consumed when the text at
    /// the position is one of them (`Ok(false)`: it is an identifier).
    fn raw_or_byte_string(&mut self) -> Result<bool, Unreadable> {
        let mut p = self.pos;
        if self.s[p] == b'b' {
            p += 1;
            match self.s.get(p) {
                Some(b'"') => {
                    self.pos = p + 1;
                    self.string()?;
                    return Ok(true);
                }
                Some(b'\'') => {
                    self.pos = p + 1;
                    self.character()?;
                    return Ok(true);
                }
                Some(b'r') => {}
                _ => return Ok(false),
            }
        }
        // At `r`.
        p += 1;
        let hashes = self.s[p..].iter().take_while(|&&b| b == b'#').count();
        if self.s.get(p + hashes) != Some(&b'"') {
            return Ok(false);
        }
        let body = p + hashes + 1;
        let mut close = Vec::with_capacity(hashes + 1);
        close.push(b'"');
        close.extend(std::iter::repeat_n(b'#', hashes));
        match self.s[body..].windows(close.len()).position(|w| w == close) {
            Some(at) => {
                self.pos = body + at + close.len();
                Ok(true)
            }
            None => Err(Unreadable),
        }
    }

    /// At `/`: a line comment (to the end of the line, the newline not
    /// included) or a nested block comment.
    fn comment(&mut self) -> Result<(), Unreadable> {
        match self.s.get(self.pos + 1) {
            Some(b'/') => {
                match self.s[self.pos..].iter().position(|&b| b == b'\n') {
                    Some(n) => self.pos += n,
                    None => {
                        self.pos = self.s.len();
                        self.unclosed_line = true;
                    }
                }
                Ok(())
            }
            Some(b'*') => {
                self.pos += 2;
                let mut level = 1;
                while level > 0 {
                    let rest = &self.s[self.pos..];
                    let Some(n) = rest.iter().position(|&b| b == b'/' || b == b'*') else {
                        return Err(Unreadable);
                    };
                    self.pos += n;
                    let rest = &self.s[self.pos..];
                    if rest.starts_with(b"/*") {
                        level += 1;
                        self.pos += 2;
                    } else if rest.starts_with(b"*/") {
                        level -= 1;
                        self.pos += 2;
                    } else {
                        self.pos += 1;
                    }
                }
                Ok(())
            }
            _ => Err(Unreadable),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Result<Vec<(Kind, &str)>, Unreadable> {
        let mut l = Lexer::new(text, 0);
        let mut out = Vec::new();
        while let Some(t) = l.next_token()? {
            out.push((t.kind, &text[t.start..t.end]));
        }
        Ok(out)
    }

    #[test]
    fn strings_hide_comment_markers() {
        let toks = kinds(
            r##"(url: "https://x/*y", r: r#"a"// b"#, c: '"', d: 1.5e3) // end
"##,
        )
        .unwrap();
        let comments: Vec<_> = toks.iter().filter(|t| t.0 == Kind::Comment).collect();
        assert_eq!(comments, [&(Kind::Comment, "// end")]);
        assert!(toks.contains(&(Kind::Scalar, "\"https://x/*y\"")));
        assert!(toks.contains(&(Kind::Scalar, "r#\"a\"// b\"#")));
        assert!(toks.contains(&(Kind::Scalar, "'\"'")));
        assert!(toks.contains(&(Kind::Scalar, "1.5e3")));
    }

    #[test]
    fn block_comments_nest() {
        let toks = kinds("a /* x /* y */ z */ b").unwrap();
        assert_eq!(
            toks,
            [
                (Kind::Ident, "a"),
                (Kind::Comment, "/* x /* y */ z */"),
                (Kind::Ident, "b")
            ]
        );
    }

    #[test]
    fn any_text_lexes_without_panicking() {
        for text in ["é🦀x", "1é/", "\u{2028}a\u{85}b", "(a: \\é)", "'é'", "r#é"] {
            let _ = kinds(text);
        }
    }

    #[test]
    fn unclosed_things_are_unreadable() {
        for text in ["\"abc", "/* x", "/ x", "'a", "r#\"x\""] {
            assert_eq!(kinds(text), Err(Unreadable), "{text}");
        }
    }
}
