//! Git-style conflict markers (diff3 style, with the base section):
//!
//! ```text
//! <<<<<<< OURS-LABEL
//! …ours lines…
//! ||||||| BASE-LABEL
//! …base lines…
//! =======
//! …theirs lines…
//! >>>>>>> THEIRS-LABEL
//! ```
//!
//! Two ways to get there: [`mark`] wraps the lines where a merged plan and
//! the same plan settled to base and to theirs differ (the plan-aware
//! driver), and [`merge_lines`] is a plain three-way line merge like
//! `git merge-file --diff3` (the fallback for text that is not a plan).
//! Pure; bytes in, bytes out.

use super::diff::{Hunk, diff, lines};

/// The labels after the markers and the marker size (git's `%L`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Labels {
    pub ours: String,
    pub base: String,
    pub theirs: String,
    pub size: usize,
}

impl Default for Labels {
    fn default() -> Self {
        Labels {
            ours: "ours".into(),
            base: "base".into(),
            theirs: "theirs".into(),
            size: 7,
        }
    }
}

/// Text and how many conflict blocks it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marked {
    pub text: Vec<u8>,
    pub blocks: usize,
}

/// A stretch of the pivot text `[start, end)` some hunk touches.
struct Region {
    start: usize,
    end: usize,
}

/// Whether two pivot ranges must be one block: they overlap, or one is an
/// insertion at the edge of (or inside) the other; with `adjacent`, two
/// ranges that merely touch too (a line merge's rule).
fn joins(s1: usize, e1: usize, s2: usize, e2: usize, adjacent: bool) -> bool {
    let empty = s1 == e1 || s2 == e2;
    (s1 < e2 && s2 < e1) || ((empty || adjacent) && s1 <= e2 && s2 <= e1)
}

/// The pivot ranges where either side has a hunk, joined.
fn regions(x: &[Hunk], y: &[Hunk], adjacent: bool) -> Vec<Region> {
    let mut all: Vec<(usize, usize)> = x.iter().chain(y).map(|h| (h.a_start, h.a_end)).collect();
    all.sort_unstable();
    let mut out: Vec<Region> = Vec::new();
    for (s, e) in all {
        match out.last_mut() {
            Some(r) if joins(r.start, r.end, s, e, adjacent) => r.end = r.end.max(e),
            _ => out.push(Region { start: s, end: e }),
        }
    }
    out
}

/// A pivot range's counterpart in the other text, given that side's hunks
/// (sorted; `from` is where to start looking and is advanced).
fn map(hunks: &[Hunk], from: &mut usize, start: usize, end: usize) -> (usize, usize, bool) {
    // Every hunk lies in exactly one region (regions are their union).
    while *from < hunks.len() && hunks[*from].a_start < start {
        *from += 1;
    }
    // Hunks before the range shift it by what they added or removed.
    let delta = |h: &Hunk| h.b_end as isize - h.a_end as isize;
    let before = hunks[..*from].last().map_or(0, delta);
    let inside: Vec<&Hunk> = hunks[*from..]
        .iter()
        .take_while(|h| h.a_end <= end)
        .collect();
    match (inside.first(), inside.last()) {
        (Some(f), Some(l)) => {
            *from += inside.len();
            (
                f.b_start - (f.a_start - start),
                l.b_end + (end - l.a_end),
                true,
            )
        }
        _ => (
            (start as isize + before) as usize,
            (end as isize + before) as usize,
            false,
        ),
    }
}

struct Out<'l> {
    text: Vec<u8>,
    labels: &'l Labels,
    blocks: usize,
}

impl Out<'_> {
    fn put(&mut self, lines: &[&[u8]]) {
        for l in lines {
            self.text.extend_from_slice(l);
        }
    }

    fn marker(&mut self, c: u8, label: &str) {
        if !self.text.is_empty() && !self.text.ends_with(b"\n") {
            self.text.push(b'\n');
        }
        self.text
            .extend(std::iter::repeat_n(c, self.labels.size.max(1)));
        if !label.is_empty() {
            self.text.push(b' ');
            self.text.extend_from_slice(label.as_bytes());
        }
        self.text.push(b'\n');
    }

    fn block(&mut self, ours: &[&[u8]], base: &[&[u8]], theirs: &[&[u8]]) {
        let l = self.labels;
        self.marker(b'<', &l.ours);
        self.put(ours);
        self.marker(b'|', &l.base);
        self.put(base);
        self.marker(b'=', "");
        self.put(theirs);
        self.marker(b'>', &l.theirs);
        self.blocks += 1;
    }
}

/// `ours` with a block wherever `base` or `theirs` differs from it: the
/// merged plan, and the same plan with every conflict settled to base and
/// to theirs. Lines that are one field each on all three sides (`risk: 2,`
/// beside `urgency: 4,`) get a block per field.
pub fn mark(ours: &[u8], base: &[u8], theirs: &[u8], labels: &Labels) -> Marked {
    let (o, b, t) = (lines(ours), lines(base), lines(theirs));
    let (hb, ht) = (diff(&o, &b), diff(&o, &t));
    let mut out = Out {
        text: Vec::with_capacity(ours.len() + 1024),
        labels,
        blocks: 0,
    };
    let (mut fb, mut ft, mut pos) = (0, 0, 0);
    for r in regions(&hb, &ht, false) {
        let (bs, be, _) = map(&hb, &mut fb, r.start, r.end);
        let (ts, te, _) = map(&ht, &mut ft, r.start, r.end);
        out.put(&o[pos..r.start]);
        let (ol, bl, tl) = (&o[r.start..r.end], &b[bs..be], &t[ts..te]);
        if one_field_a_line(ol, bl, tl) {
            for i in 0..ol.len() {
                if ol[i] == bl[i] && ol[i] == tl[i] {
                    out.put(&ol[i..=i]);
                } else {
                    out.block(&ol[i..=i], &bl[i..=i], &tl[i..=i]);
                }
            }
        } else {
            out.block(ol, bl, tl);
        }
        pos = r.end;
    }
    out.put(&o[pos..]);
    Marked {
        text: out.text,
        blocks: out.blocks,
    }
}

/// Whether three equally long runs of lines are, line by line, the same
/// `key: value,` field.
fn one_field_a_line(o: &[&[u8]], b: &[&[u8]], t: &[&[u8]]) -> bool {
    o.len() > 1
        && o.len() == b.len()
        && o.len() == t.len()
        && (0..o.len())
            .all(|i| key(o[i]).is_some_and(|k| key(b[i]) == Some(k) && key(t[i]) == Some(k)))
}

/// The `key` of a `  key: value,` line whose value is complete on the line.
fn key(line: &[u8]) -> Option<&[u8]> {
    let s = line.trim_ascii();
    let colon = s.iter().position(|&c| c == b':')?;
    let (k, v) = (&s[..colon], s[colon + 1..].trim_ascii());
    let word = !k.is_empty() && k.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'_');
    let open = matches!(v.first(), Some(b'(' | b'[')) && !matches!(v, b"[]," | b"()," | b"[]");
    (word && v.ends_with(b",") && !open).then_some(k)
}

/// A three-way merge of lines, as `git merge-file --diff3`: a change on one
/// side lands; changes of both sides to the same or touching lines land
/// when equal and are a block otherwise.
pub fn merge_lines(base: &[u8], ours: &[u8], theirs: &[u8], labels: &Labels) -> Marked {
    let (b, o, t) = (lines(base), lines(ours), lines(theirs));
    let (ho, ht) = (diff(&b, &o), diff(&b, &t));
    let mut out = Out {
        text: Vec::with_capacity(ours.len().max(theirs.len()) + 1024),
        labels,
        blocks: 0,
    };
    let (mut fo, mut ft, mut pos) = (0, 0, 0);
    for r in regions(&ho, &ht, true) {
        let (os, oe, o_changed) = map(&ho, &mut fo, r.start, r.end);
        let (ts, te, t_changed) = map(&ht, &mut ft, r.start, r.end);
        out.put(&b[pos..r.start]);
        let (bl, ol, tl) = (&b[r.start..r.end], &o[os..oe], &t[ts..te]);
        if !t_changed || ol == tl {
            out.put(ol);
        } else if !o_changed {
            out.put(tl);
        } else {
            out.block(ol, bl, tl);
        }
        pos = r.end;
    }
    out.put(&b[pos..]);
    Marked {
        text: out.text,
        blocks: out.blocks,
    }
}
