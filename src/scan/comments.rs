//! Markers (`TODO`, `FIXME`…) inside comments, by the comment syntax of the
//! file's language (chosen from its extension or name).
//!
//! A line scanner, not a parser: it follows block comments across lines and
//! skips string literals (`"…"`, `'…'`, and `` `…` `` where the language
//! has them), so `"TODO: not a comment"` is not a marker. Strings that may
//! span lines are followed across them too (a Rust `"…"`, Python's
//! `"""…"""` and `'''…'''`, a JavaScript template literal or a Go raw
//! string), so a `// TODO` line inside one is text, not a comment. Raw
//! strings' own delimiters (`r#"…"#`) and heredocs are not known: best
//! effort, documented in the README.

/// How a language writes comments and strings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Syntax {
    /// Line comment openers (`//`, `#`, `--`, `;`).
    pub line: &'static [&'static str],
    /// Block comment (open, close).
    pub block: Option<(&'static str, &'static str)>,
    /// String delimiters.
    pub quotes: &'static [u8],
    /// `'` starts a character literal only when it closes within a few
    /// characters (Rust's lifetimes `'a` are not strings).
    pub short_single: bool,
    /// The string delimiters whose strings may span lines (`"""`, `` ` ``).
    pub multiline: &'static [&'static str],
}

const C_LIKE: Syntax = Syntax {
    line: &["//"],
    block: Some(("/*", "*/")),
    quotes: b"\"'`",
    short_single: false,
    multiline: &["`"],
};
const RUST: Syntax = Syntax {
    line: &["//"],
    block: Some(("/*", "*/")),
    quotes: b"\"'",
    short_single: true,
    multiline: &["\""],
};
const HASH: Syntax = Syntax {
    line: &["#"],
    block: None,
    quotes: b"\"'",
    short_single: false,
    multiline: &["\"\"\"", "'''"],
};
const SQL: Syntax = Syntax {
    line: &["--"],
    block: Some(("/*", "*/")),
    quotes: b"\"'",
    short_single: false,
    multiline: &[],
};
const LUA: Syntax = Syntax {
    line: &["--"],
    block: Some(("--[[", "]]")),
    quotes: b"\"'",
    short_single: false,
    multiline: &[],
};
const HASKELL: Syntax = Syntax {
    line: &["--"],
    block: Some(("{-", "-}")),
    quotes: b"\"",
    short_single: false,
    multiline: &[],
};
const LISP: Syntax = Syntax {
    line: &[";"],
    block: None,
    quotes: b"\"",
    short_single: false,
    multiline: &[],
};
const MARKUP: Syntax = Syntax {
    line: &[],
    block: Some(("<!--", "-->")),
    quotes: b"",
    short_single: false,
    multiline: &[],
};
const CSS: Syntax = Syntax {
    line: &[],
    block: Some(("/*", "*/")),
    quotes: b"\"'",
    short_single: false,
    multiline: &[],
};
const SCSS: Syntax = Syntax {
    line: &["//"],
    block: Some(("/*", "*/")),
    quotes: b"\"'",
    short_single: false,
    multiline: &[],
};

/// The comment syntax of a file from its path (`/`-separated); `None` for a
/// file whose language is not known (it is not searched for markers).
pub fn syntax(path: &str) -> Option<Syntax> {
    let name = path.rsplit('/').next().unwrap_or(path);
    match name {
        "Makefile" | "makefile" | "GNUmakefile" | "Dockerfile" | "CMakeLists.txt" | "Rakefile"
        | "Gemfile" | "Vagrantfile" | "BUILD" | "WORKSPACE" => return Some(HASH),
        _ => {}
    }
    let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
    Some(match ext.as_str() {
        "rs" => RUST,
        "c" | "h" | "cc" | "cpp" | "cxx" | "hpp" | "hh" | "hxx" | "m" | "mm" | "go" | "java"
        | "kt" | "kts" | "scala" | "swift" | "cs" | "js" | "mjs" | "cjs" | "jsx" | "ts" | "tsx"
        | "dart" | "php" | "groovy" | "gradle" | "proto" | "zig" | "v" | "sv" => C_LIKE,
        "py" | "pyi" | "rb" | "sh" | "bash" | "zsh" | "fish" | "pl" | "pm" | "r" | "yaml"
        | "yml" | "toml" | "cmake" | "mk" | "tf" | "hcl" | "nix" | "ex" | "exs" | "jl" | "ps1"
        | "conf" | "cfg" | "ini" | "properties" | "dockerfile" | "bzl" => HASH,
        "sql" => SQL,
        "lua" => LUA,
        "hs" | "elm" => HASKELL,
        "el" | "lisp" | "clj" | "cljs" | "scm" | "rkt" | "asm" | "s" => LISP,
        "html" | "htm" | "xml" | "xhtml" | "vue" | "svelte" => MARKUP,
        "css" => CSS,
        "scss" | "sass" | "less" => SCSS,
        _ => return None,
    })
}

/// Which words count as markers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Markers {
    /// These words, exactly (upper case as written); the first one in a
    /// comment line is its marker.
    Named(Vec<String>),
    /// Any upper-case word of two letters or more, every one in a comment
    /// line: a superset of every `Named` set, so `check` can tell whether
    /// a marker of any kind is still there without knowing which words the
    /// scan that added it looked for.
    AnyUpper,
}

impl Markers {
    pub fn default_set() -> Markers {
        Markers::Named(super::DEFAULT_MARKERS.map(str::to_owned).to_vec())
    }

    /// A quick test on the raw bytes: can this text hold a marker at all?
    /// (Files without one are not scanned line by line.)
    pub fn may_occur(&self, bytes: &[u8]) -> bool {
        match self {
            Markers::Named(words) => words
                .iter()
                .any(|w| memchr::memmem::find(bytes, w.as_bytes()).is_some()),
            Markers::AnyUpper => true,
        }
    }
}

/// Whether `w` can be a marker: one upper-case word (an upper-case letter,
/// then upper-case letters, digits or `_`), at least two long — the words
/// [`Markers::AnyUpper`] finds.
pub fn marker_word(w: &str) -> bool {
    let b = w.as_bytes();
    b.len() >= 2
        && b[0].is_ascii_uppercase()
        && b.iter()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || *c == b'_')
}

/// One marker found: where, which word, who (`TODO(alice)`), and the rest
/// of the comment on its line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// 1-based.
    pub line: usize,
    pub marker: String,
    pub author: Option<String>,
    pub text: String,
}

/// Every marker in the comments of `text`, written in `syntax`.
pub fn markers(text: &str, syntax: &Syntax, markers: &Markers) -> Vec<Found> {
    let mut out = Vec::new();
    // Inside a block comment, or a string, carried over from an earlier
    // line.
    let mut open = Open::Code;
    let table = openers(syntax);
    for (i, line) in text.lines().enumerate() {
        for comment in comments(line, syntax, &table, &mut open) {
            find_in(comment, i + 1, markers, &mut out);
        }
    }
    out
}

/// The bytes that can start a comment or a string in `s` (all ASCII): the
/// scanner steps over every other byte without a look, so a line of plain
/// code costs one table lookup per byte.
fn openers(s: &Syntax) -> [bool; 256] {
    let mut t = [false; 256];
    let firsts = s
        .line
        .iter()
        .chain(s.block.iter().map(|(open, _)| open))
        .filter_map(|o| o.bytes().next())
        .chain(s.quotes.iter().copied());
    for b in firsts {
        t[usize::from(b)] = true;
    }
    t
}

/// What is open at the end of a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Open {
    Code,
    Block,
    /// A string that spans lines, closed by this delimiter.
    Str(&'static str),
}

/// The comment parts of one line, updating what is open at its end.
fn comments<'a>(line: &'a str, s: &Syntax, openers: &[bool; 256], open: &mut Open) -> Vec<&'a str> {
    let b = line.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i <= b.len() {
        if let Open::Str(delim) = *open {
            match close_of(b, i, delim) {
                Some(end) => {
                    i = end;
                    *open = Open::Code;
                }
                None => return out,
            }
            continue;
        }
        if *open == Open::Block {
            let Some((_, close)) = s.block else {
                *open = Open::Code;
                continue;
            };
            match line[i..].find(close) {
                Some(end) => {
                    out.push(&line[i..i + end]);
                    i += end + close.len();
                    *open = Open::Code;
                }
                None => {
                    out.push(&line[i..]);
                    return out;
                }
            }
            continue;
        }
        // Only ASCII bytes are openers, so `i` stays on a character
        // boundary.
        match b[i..].iter().position(|c| openers[usize::from(*c)]) {
            Some(skip) => i += skip,
            None => break,
        }
        let rest = &line[i..];
        // Lua's `--[[` before its `--`.
        if let Some((opener, _)) = s.block.filter(|(o, _)| rest.starts_with(o)) {
            *open = Open::Block;
            i += opener.len();
            continue;
        }
        if s.line.iter().any(|l| rest.starts_with(l)) {
            out.push(rest);
            return out;
        }
        // The longest delimiter first: `"""` before `"`.
        if let Some(delim) = s.multiline.iter().find(|d| rest.starts_with(**d)) {
            match close_of(b, i + delim.len(), delim) {
                Some(end) => i = end,
                None => {
                    *open = Open::Str(delim);
                    return out;
                }
            }
            continue;
        }
        let c = b[i];
        if s.quotes.contains(&c) {
            i = string_end(b, i, s);
            continue;
        }
        // An opener's first byte that opens nothing here (`/` alone).
        i += 1;
    }
    out
}

/// The index just past the string literal opening at `start` (or just past
/// the quote when it does not close on this line, or is a Rust lifetime).
fn string_end(b: &[u8], start: usize, s: &Syntax) -> usize {
    let q = b[start];
    let mut i = start + 1;
    let limit = if q == b'\'' && s.short_single {
        // 'x', '\n', '\u{1F600}': short; anything longer is a lifetime.
        (start + 12).min(b.len())
    } else {
        b.len()
    };
    while i < limit {
        match b[i] {
            b'\\' => i += 2,
            c if c == q => return i + 1,
            _ => i += 1,
        }
    }
    if q == b'\'' && s.short_single {
        return start + 1;
    }
    b.len()
}

/// The index just past `delim` closing a string from `from` on, stepping
/// over backslash escapes; `None` when it does not close on this line.
fn close_of(b: &[u8], from: usize, delim: &str) -> Option<usize> {
    let d = delim.as_bytes();
    let mut i = from;
    while i < b.len() {
        if b[i] == b'\\' {
            i += 2;
        } else if b[i..].starts_with(d) {
            return Some(i + d.len());
        } else {
            i += 1;
        }
    }
    None
}

fn is_word(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

/// The characters a comment's text starts after: the leader (`//`, `///`,
/// `//!`, `#`, `--`, `;`, `<!--`, `{-`, `--[[`, a block comment's `*`) and
/// spaces.
fn is_leader(c: char) -> bool {
    c.is_whitespace() || matches!(c, '/' | '!' | '#' | '*' | '-' | ';' | '<' | '{' | '[')
}

/// Markers in one comment's text. A word counts only where it is a
/// marker, not prose (as leasot and tickgit read them): at the start of
/// the comment text (`// TODO fix`, `# FIXME`), or anywhere when `:` or
/// `(` follows it (`// see TODO: x`, `FIXME(ana)`). `/// Finds TODO
/// markers` is prose.
fn find_in(comment: &str, line: usize, markers: &Markers, out: &mut Vec<Found>) {
    let b = comment.as_bytes();
    let start = comment.len() - comment.trim_start_matches(is_leader).len();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_uppercase() || (i > 0 && is_word(b[i - 1])) {
            i += 1;
            continue;
        }
        let end = i + b[i..].iter().take_while(|c| is_word(**c)).count();
        let word = &comment[i..end];
        let wanted = match markers {
            Markers::Named(words) => words.iter().any(|w| w == word),
            Markers::AnyUpper => marker_word(word),
        };
        if wanted && let Some(found) = after(&comment[end..], line, word, i == start) {
            out.push(found);
            if matches!(markers, Markers::Named(_)) {
                return;
            }
        }
        i = end.max(i + 1);
    }
}

/// What follows a marker word: `:` or `(author)`, or — for a word that
/// starts the comment text (`at_start`) — a space or the end of the
/// comment; then the text.
fn after(rest: &str, line: usize, marker: &str, at_start: bool) -> Option<Found> {
    let (author, rest) = match rest.strip_prefix('(') {
        Some(r) => {
            let close = r.find(')')?;
            let who = r[..close].trim();
            ((!who.is_empty()).then(|| who.to_owned()), &r[close + 1..])
        }
        None => (None, rest),
    };
    let rest = match rest.strip_prefix(':') {
        Some(r) => r,
        None if at_start && (rest.is_empty() || rest.starts_with(char::is_whitespace)) => rest,
        None if author.is_some() => rest,
        None => return None,
    };
    Some(Found {
        line,
        marker: marker.to_owned(),
        author,
        text: clean(rest),
    })
}

/// The comment text after a marker: without a block comment's leftover
/// closer or leading `*`, `-`, and with runs of space made one.
fn clean(text: &str) -> String {
    let t = text.trim();
    let t = t.trim_end_matches("*/").trim_end_matches("-->");
    let t = t.trim_start_matches(['-', ':']).trim();
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}
