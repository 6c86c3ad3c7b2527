//! A strict reader for the canonical text `to_text` writes: 4–4.6 times
//! faster than the general RON parser on a plan of 100k debt items
//! (`cargo bench --bench plan -- load_parse`).
//!
//! It accepts only text laid out byte for byte as the pretty printer lays it
//! out (fields in declaration order, two-space indents, trailing commas, no
//! comments, the number and string spellings the printer uses) and answers
//! `None` for anything else, so the caller falls back to the full RON parse
//! and every error message stays RON's. The grammar is deterministic, so
//! text it accepts has exactly one reading and RON reads it the same way;
//! `tests/load_equivalence.rs` checks this against RON on generated plans.
//!
//! Which fields each struct has, in which order, is not written here: the
//! reader and the writer share one table per struct in `fast_fields.rs`
//! (with the checklist for adding a field). This file is the cursor.

use chrono::NaiveDate;

use super::fast_fields::Value;
use crate::model::{Debt, Plan};

/// Below this many bytes of debt items one thread is faster than two.
pub(super) const PARALLEL_MIN_BYTES: usize = 1 << 20;

/// `parallel_from`: the size in bytes from which the debt list is read on
/// two threads (a parameter so tests can force the split on small plans).
pub(super) fn parse(text: &str, parallel_from: usize) -> Option<Plan> {
    let mut c = Cur::new(text, 0);
    c.parallel_from = parallel_from;
    let plan = Plan::read(&mut c, 0)?;
    let rest = &c.s[c.pos..];
    if !(rest.is_empty() || rest == b"\n") {
        return None;
    }
    Some(plan)
}

/// The debt list, split into two runs of whole items parsed on two
/// threads. The split points are only guesses (the list's end `  ],`, an
/// item boundary `    ),` + `    (` near the middle); each run must parse to
/// its exact end, so a wrong guess makes the fast path fail, never misread.
pub(super) fn debt_list(c: &mut Cur) -> Option<Vec<Debt>> {
    let parallel_from = c.parallel_from;
    let body = c.pos + 2;
    let split = || {
        if !c.s[c.pos..].starts_with(b"[\n") || c.s.len() - body < parallel_from {
            return None;
        }
        let end = body + find(&c.s[body..], b"\n  ],\n")? + 1;
        let mid = body + (end - body) / 2;
        let cut = mid + find(&c.s[mid..end], b"\n    ),\n    (\n")? + 8;
        Some((cut, end))
    };
    let Some((cut, end)) = split() else {
        return Vec::<Debt>::read(c, 2);
    };
    let text = c.text;
    let run = move |from: usize, to: usize| -> Option<Vec<Debt>> {
        let mut r = Cur::new(&text[..to], from);
        let mut out = Vec::new();
        while r.pos < to {
            r.indent(4)?;
            out.push(Debt::read(&mut r, 4)?);
            r.lit(b",\n")?;
        }
        Some(out)
    };
    let (first, second) = std::thread::scope(|s| {
        let h = s.spawn(move || run(body, cut));
        let second = run(cut, end);
        (h.join().ok().flatten(), second)
    });
    let (mut first, second) = (first?, second?);
    first.extend(second);
    c.pos = end;
    c.indent(2)?;
    c.lit(b"]")?;
    Some(first)
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// A position in the text. Every method consumes exactly what it matched
/// or answers `None`; a `None` abandons the whole fast path, so a failed
/// method may leave the position anywhere.
pub(super) struct Cur<'a> {
    text: &'a str,
    s: &'a [u8],
    pos: usize,
    /// From this many bytes of debt items the list is read on two threads.
    parallel_from: usize,
}

impl<'a> Cur<'a> {
    fn new(text: &'a str, pos: usize) -> Self {
        Cur {
            text,
            s: text.as_bytes(),
            pos,
            parallel_from: usize::MAX,
        }
    }

    #[inline]
    pub(super) fn lit(&mut self, l: &[u8]) -> Option<()> {
        if self.s[self.pos..].starts_with(l) {
            self.pos += l.len();
            Some(())
        } else {
            None
        }
    }

    #[inline]
    pub(super) fn indent(&mut self, n: usize) -> Option<()> {
        let end = self.pos.checked_add(n)?;
        if self.s.get(self.pos..end)?.iter().all(|&b| b == b' ') {
            self.pos = end;
            Some(())
        } else {
            None
        }
    }

    /// Whether `{indent}{name}: ` follows; consumes it if so.
    #[inline]
    pub(super) fn key(&mut self, indent: usize, name: &str) -> bool {
        let rest = &self.s[self.pos..];
        let n = indent + name.len() + 2;
        let ok = rest.len() >= n
            && rest[..indent].iter().all(|&b| b == b' ')
            && &rest[indent..indent + name.len()] == name.as_bytes()
            && &rest[indent + name.len()..n] == b": ";
        if ok {
            self.pos += n;
        }
        ok
    }

    /// A required field line: `{indent}{name}: value,\n`.
    #[inline]
    pub(super) fn field<T>(
        &mut self,
        indent: usize,
        name: &str,
        v: impl FnOnce(&mut Self) -> Option<T>,
    ) -> Option<T> {
        if !self.key(indent, name) {
            return None;
        }
        let x = v(self)?;
        self.lit(b",\n")?;
        Some(x)
    }

    /// A field the printer leaves out when empty: `Some(None)` when absent.
    #[inline]
    pub(super) fn opt<T>(
        &mut self,
        indent: usize,
        name: &str,
        v: impl FnOnce(&mut Self) -> Option<T>,
    ) -> Option<Option<T>> {
        if !self.key(indent, name) {
            return Some(None);
        }
        let x = v(self)?;
        self.lit(b",\n")?;
        Some(Some(x))
    }

    /// A struct opened on a line indented by `indent`: fields at +2, the
    /// closing parenthesis at `indent`.
    #[inline]
    pub(super) fn block<T>(
        &mut self,
        indent: usize,
        f: impl FnOnce(&mut Self, usize) -> Option<T>,
    ) -> Option<T> {
        self.lit(b"(\n")?;
        let x = f(self, indent + 2)?;
        self.indent(indent)?;
        self.lit(b")")?;
        Some(x)
    }

    /// `[]`, or one item per line at `indent + 2` and `]` at `indent`.
    #[inline]
    pub(super) fn list<T>(
        &mut self,
        indent: usize,
        mut item: impl FnMut(&mut Self) -> Option<T>,
    ) -> Option<Vec<T>> {
        if self.lit(b"[]").is_some() {
            return Some(Vec::new());
        }
        self.lit(b"[\n")?;
        let mut out = Vec::new();
        loop {
            let rest = &self.s[self.pos..];
            if rest.len() > indent
                && rest[..indent].iter().all(|&b| b == b' ')
                && rest[indent] == b']'
            {
                self.pos += indent + 1;
                return Some(out);
            }
            self.indent(indent + 2)?;
            out.push(item(self)?);
            self.lit(b",\n")?;
        }
    }

    /// An identifier from a fixed set, followed by the field's comma.
    #[inline]
    pub(super) fn ident<T: Copy>(&mut self, names: &[(&str, T)]) -> Option<T> {
        let rest = &self.s[self.pos..];
        for (name, v) in names {
            let n = name.len();
            if rest.len() > n && &rest[..n] == name.as_bytes() && rest[n] == b',' {
                self.pos += n;
                return Some(*v);
            }
        }
        None
    }

    /// Plain decimal digits without a leading zero, in range for `T`.
    #[inline]
    pub(super) fn uint<T: TryFrom<u64>>(&mut self) -> Option<T> {
        let rest = &self.s[self.pos..];
        let n = rest.iter().take_while(|b| b.is_ascii_digit()).count();
        if n == 0 || n > 19 || (n > 1 && rest[0] == b'0') || rest.get(n) != Some(&b',') {
            return None;
        }
        let v = rest[..n]
            .iter()
            .fold(0u64, |acc, &b| acc * 10 + u64::from(b - b'0'));
        self.pos += n;
        T::try_from(v).ok()
    }

    /// The `{:?}` spellings of finite floats (`-12.5`, `1e-7`, `1.5e300`),
    /// read with the same `f64::from_str` RON uses.
    #[inline]
    pub(super) fn float(&mut self) -> Option<f64> {
        let rest = &self.s[self.pos..];
        let mut i = usize::from(rest.first() == Some(&b'-'));
        let digits = |i: &mut usize| {
            let n = rest[*i..].iter().take_while(|b| b.is_ascii_digit()).count();
            *i += n;
            n
        };
        if digits(&mut i) == 0 {
            return None;
        }
        if rest.get(i) == Some(&b'.') {
            i += 1;
            if digits(&mut i) == 0 {
                return None;
            }
        }
        if rest.get(i) == Some(&b'e') {
            i += 1;
            i += usize::from(rest.get(i) == Some(&b'-'));
            if digits(&mut i) == 0 {
                return None;
            }
        }
        if rest.get(i) != Some(&b',') {
            return None;
        }
        let v = self.text[self.pos..self.pos + i].parse().ok()?;
        self.pos += i;
        Some(v)
    }

    /// `"YYYY-MM-DD"` read directly (what chrono's parser makes of it);
    /// other spellings, such as signed years, go through chrono's parser.
    #[inline]
    pub(super) fn date(&mut self) -> Option<NaiveDate> {
        let rest = &self.s[self.pos..];
        if rest.len() > 11 && rest[0] == b'"' && rest[11] == b'"' {
            let d = &rest[1..11];
            let num = |r: std::ops::Range<usize>| {
                d[r].iter().try_fold(0u32, |acc, &b| {
                    b.is_ascii_digit().then(|| acc * 10 + u32::from(b - b'0'))
                })
            };
            if d[4] == b'-' && d[7] == b'-' {
                let y = i32::try_from(num(0..4)?).ok()?;
                let date = NaiveDate::from_ymd_opt(y, num(5..7)?, num(8..10)?)?;
                self.pos += 12;
                return Some(date);
            }
        }
        self.string()?.parse().ok()
    }

    /// A double-quoted string with the escapes `char::escape_debug` writes,
    /// decoded as RON decodes them. Anything else (`\x`, line continuations,
    /// raw strings) is left to RON.
    #[inline]
    pub(super) fn string(&mut self) -> Option<String> {
        self.lit(b"\"")?;
        let rest = &self.s[self.pos..];
        let n = rest.iter().position(|&b| b == b'"' || b == b'\\')?;
        if rest[n] == b'"' {
            // The common case: no escapes, one exact allocation.
            let out = self.text[self.pos..self.pos + n].to_owned();
            self.pos += n + 1;
            return Some(out);
        }
        let mut out = String::with_capacity(n + 16);
        loop {
            let rest = &self.s[self.pos..];
            let n = rest.iter().position(|&b| b == b'"' || b == b'\\')?;
            out.push_str(&self.text[self.pos..self.pos + n]);
            self.pos += n + 1;
            if rest[n] == b'"' {
                return Some(out);
            }
            let e = *self.s.get(self.pos)?;
            self.pos += 1;
            match e {
                b'\'' => out.push('\''),
                b'"' => out.push('"'),
                b'\\' => out.push('\\'),
                b'n' => out.push('\n'),
                b'r' => out.push('\r'),
                b't' => out.push('\t'),
                b'0' => out.push('\0'),
                b'u' => {
                    self.lit(b"{")?;
                    let rest = &self.s[self.pos..];
                    let n = rest.iter().take_while(|b| b.is_ascii_hexdigit()).count();
                    if n == 0 || n > 6 || rest.get(n) != Some(&b'}') {
                        return None;
                    }
                    let v = u32::from_str_radix(&self.text[self.pos..self.pos + n], 16).ok()?;
                    out.push(char::from_u32(v)?);
                    self.pos += n + 1;
                }
                _ => return None,
            }
        }
    }
}
