//! A line diff fast on long, mostly equal texts (a 10k-item plan against
//! itself with a hundred edits): lines unique to both sides anchor the
//! alignment (patience diff), and the short stretches between anchors are
//! diffed by Myers' algorithm. Pure; lines are byte slices so text that is
//! not UTF-8 diffs too.

use std::collections::HashMap;

/// `a[a_start..a_end]` replaced by `b[b_start..b_end]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hunk {
    pub a_start: usize,
    pub a_end: usize,
    pub b_start: usize,
    pub b_end: usize,
}

/// Above this many edits in one stretch Myers stops, and the stretch is one
/// hunk: still a correct diff, only coarser.
const MAX_EDITS: usize = 1_500;
/// How deep the anchoring recurses before the rest is left to Myers.
const MAX_DEPTH: usize = 3;

/// The lines of `text`, each with its `\n`.
pub fn lines(text: &[u8]) -> Vec<&[u8]> {
    text.split_inclusive(|&b| b == b'\n').collect()
}

/// The hunks that turn `a` into `b`, in order, none touching another.
pub fn diff(a: &[&[u8]], b: &[&[u8]]) -> Vec<Hunk> {
    let mut out = Vec::new();
    ranges(a, b, 0, a.len(), 0, b.len(), 0, &mut out);
    let mut merged: Vec<Hunk> = Vec::with_capacity(out.len());
    for h in out {
        match merged.last_mut() {
            Some(last) if last.a_end == h.a_start && last.b_end == h.b_start => {
                last.a_end = h.a_end;
                last.b_end = h.b_end;
            }
            _ => merged.push(h),
        }
    }
    for i in 0..merged.len() {
        let before = i
            .checked_sub(1)
            .and_then(|p| merged.get(p))
            .map_or(0, |p| p.a_end);
        let after = merged.get(i + 1).map_or(a.len(), |n| n.a_start);
        let h = &mut merged[i];
        let room = (h.a_start - before, after - h.a_end);
        slide(a, b, h, room);
    }
    merged
}

#[allow(clippy::too_many_arguments)]
fn ranges(
    a: &[&[u8]],
    b: &[&[u8]],
    mut a0: usize,
    mut a1: usize,
    mut b0: usize,
    mut b1: usize,
    depth: usize,
    out: &mut Vec<Hunk>,
) {
    while a0 < a1 && b0 < b1 && a[a0] == b[b0] {
        a0 += 1;
        b0 += 1;
    }
    while a0 < a1 && b0 < b1 && a[a1 - 1] == b[b1 - 1] {
        a1 -= 1;
        b1 -= 1;
    }
    if a0 == a1 || b0 == b1 {
        if a0 < a1 || b0 < b1 {
            out.push(Hunk {
                a_start: a0,
                a_end: a1,
                b_start: b0,
                b_end: b1,
            });
        }
        return;
    }
    let anchors = if depth < MAX_DEPTH {
        anchors(a, b, a0, a1, b0, b1)
    } else {
        Vec::new()
    };
    if anchors.is_empty() {
        return myers(a, b, a0, a1, b0, b1, out);
    }
    let (mut x, mut y) = (a0, b0);
    for (i, j) in anchors {
        ranges(a, b, x, i, y, j, depth + 1, out);
        (x, y) = (i + 1, j + 1);
    }
    ranges(a, b, x, a1, y, b1, depth + 1, out);
}

/// Lines that occur once in each range, matched, longest increasing run.
fn anchors(
    a: &[&[u8]],
    b: &[&[u8]],
    a0: usize,
    a1: usize,
    b0: usize,
    b1: usize,
) -> Vec<(usize, usize)> {
    // line → (count in a, index in a, count in b, index in b)
    let mut seen: HashMap<&[u8], (u32, usize, u32, usize)> = HashMap::new();
    for (i, l) in a.iter().enumerate().take(a1).skip(a0) {
        let e = seen.entry(l).or_insert((0, i, 0, 0));
        e.0 += 1;
    }
    for (j, l) in b.iter().enumerate().take(b1).skip(b0) {
        if let Some(e) = seen.get_mut(l) {
            e.2 += 1;
            e.3 = j;
        }
    }
    let mut pairs: Vec<(usize, usize)> = seen
        .values()
        .filter(|e| e.0 == 1 && e.2 == 1)
        .map(|e| (e.1, e.3))
        .collect();
    pairs.sort_unstable();
    longest_increasing(&pairs)
}

/// The longest run of pairs increasing in the second index (patience sort).
fn longest_increasing(pairs: &[(usize, usize)]) -> Vec<(usize, usize)> {
    // tails[k]: index in pairs of the smallest end of a run of length k+1.
    let mut tails: Vec<usize> = Vec::new();
    let mut prev: Vec<Option<usize>> = vec![None; pairs.len()];
    for (i, p) in pairs.iter().enumerate() {
        let k = tails.partition_point(|&t| pairs[t].1 < p.1);
        if k > 0 {
            prev[i] = Some(tails[k - 1]);
        }
        if k == tails.len() {
            tails.push(i);
        } else {
            tails[k] = i;
        }
    }
    let mut out = Vec::with_capacity(tails.len());
    let mut at = tails.last().copied();
    while let Some(i) = at {
        out.push(pairs[i]);
        at = prev[i];
    }
    out.reverse();
    out
}

/// Myers' greedy O(ND) diff of `a[a0..a1]` and `b[b0..b1]`.
fn myers(
    a: &[&[u8]],
    b: &[&[u8]],
    a0: usize,
    a1: usize,
    b0: usize,
    b1: usize,
    out: &mut Vec<Hunk>,
) {
    let (n, m) = ((a1 - a0) as isize, (b1 - b0) as isize);
    let max = ((n + m) as usize).min(MAX_EDITS) as isize;
    let off = max + 1;
    let mut v = vec![0isize; (2 * off + 1) as usize];
    let mut trace: Vec<Vec<isize>> = Vec::new();
    let mut found = None;
    'outer: for d in 0..=max {
        // The diagonals step d reads: -d..=d.
        trace.push(v[(off - d) as usize..=(off + d) as usize].to_vec());
        let mut k = -d;
        while k <= d {
            let down = k == -d || (k != d && v[(off + k - 1) as usize] < v[(off + k + 1) as usize]);
            let mut x = if down {
                v[(off + k + 1) as usize]
            } else {
                v[(off + k - 1) as usize] + 1
            };
            let mut y = x - k;
            while x < n && y < m && a[a0 + x as usize] == b[b0 + y as usize] {
                x += 1;
                y += 1;
            }
            v[(off + k) as usize] = x;
            if x >= n && y >= m {
                found = Some(d);
                break 'outer;
            }
            k += 2;
        }
    }
    let Some(dmax) = found else {
        out.push(Hunk {
            a_start: a0,
            a_end: a1,
            b_start: b0,
            b_end: b1,
        });
        return;
    };
    // Walk back through the trace: each step is one deleted or inserted line.
    let mut edits: Vec<(usize, usize, bool)> = Vec::new(); // (x, y, is_delete) before the edit
    let (mut x, mut y) = (n, m);
    for d in (1..=dmax).rev() {
        let v = &trace[d as usize];
        let at = |k: isize| v[(k + d) as usize];
        let k = x - y;
        let down = k == -d || (k != d && at(k - 1) < at(k + 1));
        let pk = if down { k + 1 } else { k - 1 };
        let px = at(pk);
        let py = px - pk;
        edits.push((px as usize, py as usize, !down));
        (x, y) = (px, py);
    }
    edits.reverse();
    for (x, y, delete) in edits {
        let h = if delete {
            Hunk {
                a_start: a0 + x,
                a_end: a0 + x + 1,
                b_start: b0 + y,
                b_end: b0 + y,
            }
        } else {
            Hunk {
                a_start: a0 + x,
                a_end: a0 + x,
                b_start: b0 + y,
                b_end: b0 + y + 1,
            }
        };
        match out.last_mut() {
            Some(last) if last.a_end == h.a_start && last.b_end == h.b_start => {
                last.a_end = h.a_end;
                last.b_end = h.b_end;
            }
            _ => out.push(h),
        }
    }
}

/// A pure insertion or deletion can often sit at several places (a new
/// item between two others: `(` … `),` or `id` … `(`); it is put where its
/// first and last lines are least indented, so it holds whole items.
fn slide(a: &[&[u8]], b: &[&[u8]], h: &mut Hunk, room: (usize, usize)) {
    let (seq, start, end) = if h.a_start == h.a_end {
        (b, h.b_start, h.b_end)
    } else if h.b_start == h.b_end {
        (a, h.a_start, h.a_end)
    } else {
        return;
    };
    let len = end - start;
    let (mut lo, mut hi) = (start, start);
    // Up: the line before equals the hunk's last line (in both texts, as
    // the lines around a pure hunk are common).
    while start - lo < room.0 && seq[lo - 1] == seq[lo - 1 + len] {
        lo -= 1;
    }
    while hi - start < room.1 && seq[hi] == seq[hi + len] {
        hi += 1;
    }
    let indent = |l: &[u8]| l.iter().take_while(|&&c| c == b' ' || c == b'\t').count();
    let score = |s: usize| indent(seq[s]) + indent(seq[s + len - 1]);
    let best = (lo..=hi).rev().min_by_key(|&s| score(s)).unwrap_or(start);
    let shift = best as isize - start as isize;
    let mv = |v: &mut usize| *v = (*v as isize + shift) as usize;
    mv(&mut h.a_start);
    mv(&mut h.a_end);
    mv(&mut h.b_start);
    mv(&mut h.b_end);
}
