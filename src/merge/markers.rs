//! Git conflict markers in a plan's text: finding the blocks and settling
//! them. Pure text, no I/O: the loader, `bearing check`, `bearing resolve`
//! and the conflict screen all read markers through here.
//!
//! A block, at the start of lines, with a marker size `L` ≥ 7 (git's `%L`):
//!
//! ```text
//! <<<<<<< OURS-LABEL
//! …ours lines…
//! ||||||| BASE-LABEL        (optional: git's diff3 / zdiff3 style)
//! …base lines…
//! =======
//! …theirs lines…
//! >>>>>>> THEIRS-LABEL
//! ```
//!
//! A marker line is exactly `L` marker characters, then the end of the line
//! or a space and a label (`=======` takes no label but trailing blanks are
//! allowed). Only a `<<<<<<<` line opens a block: a stray `=======` or
//! `>>>>>>>` outside a block (a North Star that holds such a line) is text.
//! Inside a block only markers of the opener's size count, so a block of
//! size 9 may hold size-7 markers as text. Line endings (LF or CRLF) are
//! kept by [`settle`]; the sides in a [`Block`] end each line with `\n`.
//!
//! The item a block belongs to is the first `id: "…"` inside it (a block of
//! whole items: a delete against an edit, the same new id twice), else the
//! nearest `id: "…"` line above it; `None` above every item (the settings).
//! The field is the first `key:` inside it, `None` for a block of whole
//! items; a settings field inside an object is named with it, as the merge
//! names it (`weights.risk`, not `risk`, which would read like a debt's).

mod place;

use place::linked_from;
pub use place::place;

use std::collections::BTreeMap;
use std::fmt;

/// One conflict-marker block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// The `<<<<<<<` line, 1-based.
    pub start_line: usize,
    /// The `>>>>>>>` line, 1-based.
    pub end_line: usize,
    /// The item's id; `None` for the settings (above every item).
    pub id: Option<String>,
    /// The first field inside; `None` for a block of whole items.
    pub field: Option<String>,
    /// Every field inside, in order, when it spans several (a line merge's
    /// block over `customer`, `delivery` and `risk`); else empty.
    pub fields: Vec<String>,
    /// Theirs' item when the two sides hold different ones (each branch
    /// added an item at the same place): `id` is then ours'.
    pub other_id: Option<String>,
    /// For a block of whole items: the items outside it that link to its
    /// item (a sprint listing a debt one side deleted), the usual cause.
    pub linked_from: Vec<String>,
    /// Each side's lines, each ending with `\n` (a `\r` before it dropped).
    pub ours: String,
    /// `Some` for a diff3 / zdiff3 block (a `|||||||` section).
    pub base: Option<String>,
    pub theirs: String,
    pub labels: Labels,
}

/// The labels after the markers (git writes branch names or `HEAD`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Labels {
    pub ours: Option<String>,
    pub base: Option<String>,
    pub theirs: Option<String>,
    /// The marker size `L`.
    pub size: usize,
}

/// Which side of a block to keep: the same choice as settling a
/// [`Conflict`](super::Conflict) of a merged plan.
pub use super::settle::Side;

/// A block that does not close, or a pick that does not fit its block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkerError {
    /// 1-based: the block's `<<<<<<<` line.
    pub line: usize,
    pub message: String,
}

impl fmt::Display for MarkerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for MarkerError {}

/// The smallest marker size git writes.
pub const MIN_SIZE: usize = 7;

/// Every block in `text`, in order; an error for a block that is not closed.
pub fn blocks(text: &str) -> Result<Vec<Block>, MarkerError> {
    let lines = split(text);
    let spans = spans(&lines)?;
    let mut out: Vec<Block> = spans.iter().map(|s| block(&lines, s)).collect();
    for b in out.iter_mut().filter(|b| b.field.is_none()) {
        if let Some(id) = b.id.clone() {
            b.linked_from = linked_from(&lines, &spans, &id);
        }
    }
    Ok(out)
}

/// True when `text` has a line that opens a block: a cheap test before
/// [`blocks`].
pub fn has_markers(text: &str) -> bool {
    // A substring search, no line split: the loader asks on every load.
    let line_at = |i: usize| {
        let rest = &text[i..];
        strip(&rest[..rest.find('\n').map_or(rest.len(), |n| n + 1)])
    };
    opener(line_at(0)).is_some()
        || text
            .match_indices("\n<<<<<<<")
            .any(|(i, _)| opener(line_at(i + 1)).is_some())
}

/// `text` with each block that has a pick (keyed by its `start_line`)
/// replaced by the lines of the picked side, line endings kept; other
/// blocks stay as they are. An error for a malformed block, or for
/// [`Side::Base`] picked in a block without a base section.
pub fn settle(text: &str, picks: &BTreeMap<usize, Side>) -> Result<String, MarkerError> {
    settle_with(text, |b| picks.get(&b.start_line).copied())
}

/// [`settle`] with the pick asked of `pick` for each block.
pub fn settle_with(
    text: &str,
    mut pick: impl FnMut(&Block) -> Option<Side>,
) -> Result<String, MarkerError> {
    let lines = split(text);
    let spans = spans(&lines)?;
    let mut out = String::with_capacity(text.len());
    let mut next = 0;
    for s in &spans {
        let Some(side) = pick(&block(&lines, s)) else {
            continue;
        };
        let keep = match side {
            Side::Ours => s.ours.clone(),
            Side::Theirs => s.theirs.clone(),
            Side::Base => s.base.clone().ok_or_else(|| MarkerError {
                line: s.start + 1,
                message: "the block has no base section (|||||||) to keep".into(),
            })?,
        };
        lines[next..s.start].iter().for_each(|l| out.push_str(l));
        lines[keep.clone()].iter().for_each(|l| out.push_str(l));
        next = s.end + 1;
    }
    lines[next..].iter().for_each(|l| out.push_str(l));
    Ok(out)
}

/// A block as line indexes (0-based) into the text's lines.
struct Span {
    start: usize,
    end: usize,
    ours: std::ops::Range<usize>,
    base: Option<std::ops::Range<usize>>,
    theirs: std::ops::Range<usize>,
}

/// The lines of `text`, each with its line ending.
fn split(text: &str) -> Vec<&str> {
    text.split_inclusive('\n').collect()
}

/// A line without its line ending.
fn strip(line: &str) -> &str {
    let l = line.strip_suffix('\n').unwrap_or(line);
    l.strip_suffix('\r').unwrap_or(l)
}

/// A marker line of `c`: its size and label, or `None`.
fn marker(line: &str, c: char) -> Option<(usize, Option<String>)> {
    let size = line.chars().take_while(|x| *x == c).count();
    if size < MIN_SIZE {
        return None;
    }
    let rest = &line[size..];
    if rest.is_empty() {
        return Some((size, None));
    }
    let label = rest.strip_prefix(' ')?.trim();
    Some((size, (!label.is_empty()).then(|| label.to_string())))
}

fn opener(line: &str) -> Option<(usize, Option<String>)> {
    marker(line.strip_prefix('\u{feff}').unwrap_or(line), '<')
}

/// A marker of `c` of exactly `size`.
fn sized(line: &str, c: char, size: usize) -> Option<Option<String>> {
    marker(line, c).and_then(|(s, label)| (s == size).then_some(label))
}

fn spans(lines: &[&str]) -> Result<Vec<Span>, MarkerError> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if let Some((size, _)) = opener(strip(lines[i])) {
            let s = span(lines, i, size)?;
            i = s.end + 1;
            out.push(s);
        } else {
            i += 1;
        }
    }
    Ok(out)
}

/// The block opened at `start` with markers of `size`.
fn span(lines: &[&str], start: usize, size: usize) -> Result<Span, MarkerError> {
    let err = |message: &str| MarkerError {
        line: start + 1,
        message: message.into(),
    };
    let mut base_at = None;
    let mut sep = None;
    for (i, l) in lines.iter().enumerate().skip(start + 1) {
        let l = strip(l);
        match sep {
            None => {
                if sized(l, '<', size).is_some() {
                    return Err(err(
                        "a conflict block opens inside another (no ======= or >>>>>>> before the next <<<<<<<)",
                    ));
                }
                if base_at.is_none() && sized(l, '|', size).is_some() {
                    base_at = Some(i);
                } else if is_separator(l, size) {
                    sep = Some(i);
                } else if sized(l, '>', size).is_some() {
                    return Err(err("the conflict block closes before its ======= line"));
                }
            }
            Some(sep) => {
                if sized(l, '>', size).is_some() {
                    let ours_end = base_at.unwrap_or(sep);
                    return Ok(Span {
                        start,
                        end: i,
                        ours: start + 1..ours_end,
                        base: base_at.map(|b| b + 1..sep),
                        theirs: sep + 1..i,
                    });
                }
                if sized(l, '<', size).is_some() {
                    return Err(err(
                        "a conflict block opens inside another (no >>>>>>> before the next <<<<<<<)",
                    ));
                }
            }
        }
    }
    Err(err(if sep.is_none() {
        "unclosed conflict block: no ======= and no >>>>>>> line after this <<<<<<<"
    } else {
        "unclosed conflict block: no >>>>>>> line after this <<<<<<<"
    }))
}

/// `=======` of `size`, nothing after it but blanks.
fn is_separator(line: &str, size: usize) -> bool {
    let n = line.chars().take_while(|c| *c == '=').count();
    n == size && line[n..].trim().is_empty()
}

fn block(lines: &[&str], s: &Span) -> Block {
    let side = |r: &std::ops::Range<usize>| -> String {
        lines[r.clone()]
            .iter()
            .map(|l| format!("{}\n", strip(l)))
            .collect()
    };
    let label = |i: usize, c: char| marker(strip(lines[i]), c).and_then(|(_, l)| l);
    let (size, ours_label) = opener(strip(lines[s.start])).unwrap_or((MIN_SIZE, None));
    let inside: Vec<&str> = [Some(&s.ours), s.base.as_ref(), Some(&s.theirs)]
        .into_iter()
        .flatten()
        .flat_map(|r| lines[r.clone()].iter().map(|l| strip(l)))
        .collect();
    let own_id = inside.iter().find_map(|l| id_of(l));
    let first_id =
        |r: &std::ops::Range<usize>| lines[r.clone()].iter().find_map(|l| id_of(strip(l)));
    let other_id = match (first_id(&s.ours), first_id(&s.theirs)) {
        (Some(o), Some(t)) if o != t => Some(t),
        _ => None,
    };
    let first_key = match own_id {
        Some(_) => None,
        None => inside
            .iter()
            .find_map(|l| key_of(l).map(|k| (k, indent(l)))),
    };
    let mut fields: Vec<String> = Vec::new();
    if own_id.is_none() {
        for k in inside.iter().filter_map(|l| key_of(l)) {
            if !fields.contains(&k) {
                fields.push(k);
            }
        }
    }
    if fields.len() < 2 {
        fields.clear();
    }
    let whole = own_id.is_some();
    let id = own_id.or_else(|| lines[..s.start].iter().rev().find_map(|l| id_of(strip(l))));
    // A check-in clash is named by its date, as the merge names it
    // (`checkins[2026-11-28]`), not by the keys of its lines.
    let checkin = (!whole
        && (fields.iter().any(|f| f == "checkins") || in_checkins(&lines[..s.start])))
    .then(|| inside.iter().find_map(|l| date_of(l)))
    .flatten();
    if checkin.is_some() {
        fields.clear();
    }
    let field = match checkin {
        Some(date) => Some(format!("checkins[{date}]")),
        None => first_key.map(|(key, at)| match id {
            Some(_) => key,
            None => settings_path(&lines[..s.start], key, at),
        }),
    };
    Block {
        start_line: s.start + 1,
        end_line: s.end + 1,
        id,
        field,
        fields,
        other_id,
        linked_from: Vec::new(),
        ours: side(&s.ours),
        base: s.base.as_ref().map(side),
        theirs: side(&s.theirs),
        labels: Labels {
            ours: ours_label,
            base: s.base.as_ref().and_then(|b| label(b.start - 1, '|')),
            theirs: label(s.end, '>'),
            size,
        },
    }
}

/// A settings field named with the objects it is in (`weights.risk`, as
/// the merge names it), found from the `key: (` lines above it that are
/// indented less; `key` itself at the top level.
fn settings_path(above: &[&str], key: String, mut at: usize) -> String {
    let mut path = key;
    for l in above.iter().rev().map(|l| strip(l)) {
        if l.trim().is_empty() || indent(l) >= at {
            continue;
        }
        let opens = matches!(l.trim_end().chars().last(), Some('(' | '{'));
        match key_of(l) {
            Some(parent) if opens => {
                path = format!("{parent}.{path}");
                at = indent(l);
            }
            _ => break,
        }
    }
    path
}

/// Whether the lines just above a block are inside a `checkins: [` list:
/// the nearest list opener, id or list end above it says.
fn in_checkins(above: &[&str]) -> bool {
    for l in above.iter().rev().map(|l| strip(l).trim()) {
        if l.ends_with(": [") {
            return l == "checkins: [";
        }
        if l.starts_with("id:") || l.starts_with(']') {
            return false;
        }
    }
    false
}

/// The date of a check-in's `date: "…"` line.
fn date_of(line: &str) -> Option<String> {
    let rest = line.trim().strip_prefix("date:")?.trim();
    let rest = rest.strip_suffix(',').unwrap_or(rest).trim_end();
    let date = rest.strip_prefix('"')?.strip_suffix('"')?;
    (!date.is_empty() && !date.contains(['"', '\\'])).then(|| date.to_string())
}

/// The number of leading blanks of a line.
fn indent(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

/// The id of an `id: "…"` line.
fn id_of(line: &str) -> Option<String> {
    let rest = line.trim_start().strip_prefix("id:")?.trim();
    let rest = rest.strip_suffix(',').unwrap_or(rest).trim_end();
    let id = rest.strip_prefix('"')?.strip_suffix('"')?;
    (!id.is_empty() && !id.contains(['"', '\\'])).then(|| id.to_string())
}

/// The key of a `key: …` line.
fn key_of(line: &str) -> Option<String> {
    let t = line.trim_start();
    let n = t
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_alphanumeric() || *c == '_'))
        .map_or(t.len(), |(i, _)| i);
    let key = &t[..n];
    let starts = key
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_');
    (starts && t[n..].trim_start().starts_with(':')).then(|| key.to_string())
}
