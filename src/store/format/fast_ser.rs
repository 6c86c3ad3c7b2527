//! Writes a plan in exactly the bytes RON's pretty printer writes with the
//! crate's settings (two-space indents, no struct names, trailing commas,
//! implicit `Some`, strings escaped with `char::escape_debug` but for `'`, floats with
//! `{:?}`), several times faster. `tests/load_equivalence.rs` compares the
//! two byte for byte on generated plans.
//!
//! Which fields each struct has, in which order, is not written here: the
//! writer and the reader share one table per struct in `fast_fields.rs`
//! (with the checklist for adding a field). This file is the output.

use std::fmt::Write;

use chrono::NaiveDate;

use super::fast_fields::{Value, write_list};
use crate::model::{Debt, Plan};

/// From this many debt items the list is written on two threads.
const PARALLEL_FROM: usize = 20_000;

pub(super) fn write(plan: &Plan) -> String {
    let mut w = W(String::with_capacity(600 * (plan.debts.len() + 64)));
    plan.write(&mut w, 0);
    w.0
}

/// The plan's debt list (the value after `debts: `, at indent `i`); a big
/// one is written on two threads, each half into its own string.
pub(super) fn debt_list(w: &mut W, i: usize, list: &[Debt]) {
    if list.len() < PARALLEL_FROM {
        write_list(w, i, list);
        return;
    }
    let (a, b) = list.split_at(list.len() / 2);
    let items = |xs: &[Debt]| {
        let mut w = W(String::with_capacity(600 * xs.len()));
        for x in xs {
            w.indent(i + 2);
            x.write(&mut w, i + 2);
            w.end();
        }
        w.0
    };
    let (first, second) = std::thread::scope(|s| {
        let h = s.spawn(|| items(a));
        let second = items(b);
        (h.join(), second)
    });
    w.0.push_str("[\n");
    match first {
        Ok(first) => w.0.push_str(&first),
        // Unreachable (writing cannot panic), but never lose the items.
        Err(_) => w.0.push_str(&items(a)),
    }
    w.0.push_str(&second);
    w.indent(i);
    w.0.push(']');
}

/// The text being written, and the spellings of its values.
pub(super) struct W(pub(super) String);

impl W {
    #[inline]
    pub(super) fn indent(&mut self, n: usize) {
        const SPACES: &str = "                                ";
        let mut n = n;
        while n > SPACES.len() {
            self.0.push_str(SPACES);
            n -= SPACES.len();
        }
        self.0.push_str(&SPACES[..n]);
    }

    /// `{indent}{name}: `.
    #[inline]
    pub(super) fn key(&mut self, i: usize, name: &str) {
        self.indent(i);
        self.0.push_str(name);
        self.0.push_str(": ");
    }

    /// The comma and newline after a field or list item.
    #[inline]
    pub(super) fn end(&mut self) {
        self.0.push_str(",\n");
    }

    #[inline]
    pub(super) fn uint(&mut self, v: u64) {
        let _ = write!(self.0, "{v}");
    }

    #[inline]
    pub(super) fn float(&mut self, v: f64) {
        if v.is_nan() && v.is_sign_negative() {
            self.0.push('-');
        }
        let _ = write!(self.0, "{v:?}");
    }

    #[inline]
    pub(super) fn date(&mut self, d: NaiveDate) {
        // chrono serializes dates with `Debug`: `YYYY-MM-DD`, signed for
        // years outside 0..=9999; never anything that needs escaping.
        let _ = write!(self.0, "\"{d:?}\"");
    }

    #[inline]
    pub(super) fn string(&mut self, s: &str) {
        self.0.push('"');
        let plain = |b: &u8| (0x20..0x7f).contains(b) && !matches!(b, b'"' | b'\\');
        if s.as_bytes().iter().all(plain) {
            self.0.push_str(s);
        } else {
            for c in s.chars() {
                // `'` needs no escape in a double-quoted string.
                if c == '\'' {
                    self.0.push(c);
                } else {
                    self.0.extend(c.escape_debug());
                }
            }
        }
        self.0.push('"');
    }
}
