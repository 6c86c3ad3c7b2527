//! Where a token stands in the plan: the path of field names and list
//! elements leading to it. A list element is named by what identifies it
//! (its `id`, else its first field's value, else the scalar itself), with a
//! count for repeats, so the same item has the same path wherever the list
//! is sorted and a comment found before it can be written before it again.

use std::borrow::Cow;
use std::collections::HashMap;

use super::lex::{Kind, Lexer, Token};

/// Separates the parts of a key (never in a field name; an id holding it
/// could only make two keys alike, never lose a comment).
pub(super) const SEP: char = '\u{1}';

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Seg<'a> {
    Field(&'a str),
    Elem(Cow<'a, str>, u32),
    /// The closing bracket of the container the path leads to.
    Close(u8),
}

struct Frame<'a> {
    open: u8,
    /// The path's length when the bracket opened.
    base: usize,
    /// In a list: an element has started and no `,` has ended it yet.
    in_elem: bool,
    /// In a list: how often each identity was seen.
    seen: HashMap<Cow<'a, str>, u32>,
}

pub(super) struct Walker<'a> {
    text: &'a str,
    path: Vec<Seg<'a>>,
    frames: Vec<Frame<'a>>,
}

impl<'a> Walker<'a> {
    pub fn new(text: &'a str) -> Self {
        Walker {
            text,
            path: Vec::new(),
            frames: Vec::new(),
        }
    }

    /// Takes the next significant token; the path is then that token's.
    pub fn step(&mut self, tok: Token) {
        if tok.kind != Kind::Comma && matches!(self.path.last(), Some(Seg::Close(_))) {
            self.path.pop();
        }
        match tok.kind {
            Kind::Comment | Kind::Colon => {}
            Kind::Comma => {
                if let Some(f) = self.frames.last_mut()
                    && f.open == b'['
                {
                    f.in_elem = false;
                }
            }
            Kind::Close(c) => {
                if let Some(f) = self.frames.pop() {
                    self.path.truncate(f.base);
                }
                self.path.push(Seg::Close(c));
            }
            Kind::Open(o) => {
                self.value_start(tok);
                self.frames.push(Frame {
                    open: o,
                    base: self.path.len(),
                    in_elem: false,
                    seen: HashMap::new(),
                });
            }
            Kind::Ident | Kind::Scalar => {
                let field = self
                    .frames
                    .last()
                    .filter(|f| f.open != b'[' && next_is_colon(self.text, tok.end))
                    .map(|f| f.base);
                match field {
                    Some(base) => {
                        self.path.truncate(base);
                        self.path.push(Seg::Field(&self.text[tok.start..tok.end]));
                    }
                    None => self.value_start(tok),
                }
            }
        }
    }

    /// A value at the start of a list element opens the element.
    fn value_start(&mut self, tok: Token) {
        let Some(f) = self.frames.last_mut() else {
            return;
        };
        if f.open != b'[' || f.in_elem {
            return;
        }
        f.in_elem = true;
        let id = identity(self.text, tok);
        let n = f.seen.entry(id.clone()).or_insert(0);
        let repeat = *n;
        *n += 1;
        let base = f.base;
        self.path.truncate(base);
        self.path.push(Seg::Elem(id, repeat));
    }

    /// The last token opened a list element.
    pub fn in_element(&self) -> bool {
        matches!(self.path.last(), Some(Seg::Elem(..)))
    }

    /// The current path as a key (`out` is cleared first).
    pub fn key_into(&self, out: &mut String) {
        out.clear();
        for seg in &self.path {
            out.push(SEP);
            match seg {
                Seg::Field(name) => {
                    out.push('.');
                    out.push_str(name);
                }
                Seg::Elem(id, repeat) => {
                    out.push('=');
                    out.push_str(id);
                    if *repeat > 0 {
                        out.push('~');
                        out.push_str(&repeat.to_string());
                    }
                }
                Seg::Close(c) => out.push(*c as char),
            }
        }
    }
}

fn next_is_colon(text: &str, from: usize) -> bool {
    matches!(
        Lexer::new(text, from).next_significant(),
        Ok(Some(Token {
            kind: Kind::Colon,
            ..
        }))
    )
}

/// What names the list element that starts with `tok`: a scalar names
/// itself; a struct is named by its `id` field, else by its first field
/// with a plain value.
fn identity(text: &str, tok: Token) -> Cow<'_, str> {
    match tok.kind {
        Kind::Ident | Kind::Scalar => decode(&text[tok.start..tok.end]),
        Kind::Open(b'(' | b'{') => struct_identity(text, tok.end).unwrap_or(Cow::Borrowed("")),
        _ => Cow::Borrowed(""),
    }
}

fn struct_identity(text: &str, from: usize) -> Option<Cow<'_, str>> {
    let mut lx = Lexer::new(text, from);
    let mut depth = 0usize;
    let mut first = None;
    while let Some(t) = lx.next_significant().ok()? {
        match t.kind {
            Kind::Open(_) => depth += 1,
            Kind::Close(_) if depth == 0 => break,
            Kind::Close(_) => depth -= 1,
            Kind::Ident | Kind::Scalar if depth == 0 && next_is_colon(text, t.end) => {
                let _colon = lx.next_significant().ok()?;
                let Some(v) = lx.next_significant().ok()? else {
                    break;
                };
                match v.kind {
                    Kind::Ident | Kind::Scalar => {
                        let value = &text[v.start..v.end];
                        if &text[t.start..t.end] == "id" {
                            return Some(decode(value));
                        }
                        first.get_or_insert(value);
                    }
                    Kind::Open(_) => depth += 1,
                    Kind::Close(_) => break,
                    _ => {}
                }
            }
            _ => {}
        }
    }
    first.map(decode)
}

/// A string literal's value (so `"é"` and `"\u{e9}"` name the same
/// item); anything else as written.
fn decode(lit: &str) -> Cow<'_, str> {
    if let Some(inner) = lit.strip_prefix('"').and_then(|s| s.strip_suffix('"'))
        && !inner.contains('\\')
    {
        return Cow::Borrowed(inner);
    }
    if lit.starts_with(['"', 'r', 'b'])
        && let Ok(s) = ron::from_str::<String>(lit)
    {
        return Cow::Owned(s);
    }
    Cow::Borrowed(lit)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every significant token's text and key.
    fn keys(text: &str) -> Vec<(String, String)> {
        let mut lx = Lexer::new(text, 0);
        let mut w = Walker::new(text);
        let mut out = Vec::new();
        let mut key = String::new();
        while let Some(t) = lx.next_significant().unwrap() {
            w.step(t);
            w.key_into(&mut key);
            out.push((text[t.start..t.end].to_owned(), key.replace(SEP, "/")));
        }
        out
    }

    #[test]
    fn tokens_know_their_item_and_field() {
        let text = "(\n  debts: [\n    (\n      title: \"x\",\n      id: \"D-1\",\n      tags: [\n        \"ci\",\n      ],\n    ),\n    (id: r\"D-2\", changes: [(date: \"d\", status: open), (date: \"d\", status: done)]),\n  ],\n)\n";
        let k = keys(text);
        let find = |tok: &str, nth: usize| {
            k.iter()
                .filter(|(t, _)| t == tok)
                .nth(nth)
                .map(|(_, k)| k.as_str())
                .unwrap()
        };
        assert_eq!(find("(", 0), "");
        assert_eq!(find("debts", 0), "/.debts");
        assert_eq!(find("(", 1), "/.debts/=D-1");
        assert_eq!(find("title", 0), "/.debts/=D-1/.title");
        assert_eq!(find("\"ci\"", 0), "/.debts/=D-1/.tags/=ci");
        assert_eq!(find("]", 0), "/.debts/=D-1/.tags/]");
        assert_eq!(find(")", 0), "/.debts/=D-1/)");
        assert_eq!(find("status", 1), "/.debts/=D-2/.changes/=d~1/.status");
        assert_eq!(find("]", 2), "/.debts/]");
        assert_eq!(find(")", 4), "/)");
    }
}
