//! Comments a person writes in the plan file (`// why`, `/* … */`) kept
//! across saves. The plan itself has no place for them, so the store reads
//! them beside it ([`extract`]), keyed by where they stood: before the line
//! of an item, of one of its fields, or of a setting, or at the end of a
//! line. Saving writes the plan as always and puts each comment back before
//! the same item's or field's line ([`apply`]): a comment moves with its
//! item when the list is re-sorted, and goes when its item is deleted.
//!
//! A comment whose field line is no longer written (a description cleared)
//! stays inside its item, before the item's closing line; one whose item
//! (or check-in, or tag) is gone goes with it.

use std::collections::{HashMap, HashSet};

mod lex;
mod merge;
mod walk;

use lex::{Kind, Lexer};
use walk::{SEP, Walker};

/// The comments of one plan file, by where they belong.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Comments {
    /// In file order, so comments that share a new place keep their order.
    slots: Vec<(String, Slot)>,
    index: HashMap<String, usize>,
    /// After the plan's last line.
    end: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Slot {
    /// Whole lines before the line, as written (indent included).
    leading: Vec<String>,
    /// After the line's last token, as written (the space before included).
    trailing: String,
}

impl Comments {
    pub fn is_empty(&self) -> bool {
        self.slots.is_empty() && self.end.is_empty()
    }

    /// How many comments (a run of them on one line counts once).
    pub fn len(&self) -> usize {
        self.slots
            .iter()
            .map(|(_, s)| s.leading.len() + usize::from(!s.trailing.is_empty()))
            .sum::<usize>()
            + self.end.len()
    }

    fn slot(&mut self, key: &str) -> &mut Slot {
        let i = match self.index.get(key) {
            Some(&i) => i,
            None => {
                self.index.insert(key.to_owned(), self.slots.len());
                self.slots.push((key.to_owned(), Slot::default()));
                self.slots.len() - 1
            }
        };
        &mut self.slots[i].1
    }
}

/// Without trailing `\r` (a CRLF file's comment is written back with `\n`).
fn raw(text: &str, from: usize, to: usize) -> String {
    text[from..to].trim_end_matches('\r').to_owned()
}

fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |i| i + 1)
}

/// The comments in plan text RON has read (text it could not read has
/// none worth keeping).
pub fn extract(text: &str) -> Comments {
    extract_in(text, None)
}

/// [`extract`] for text whose [`strip`]ped form is canonical (the fast
/// reader took it): an item with no comment inside is stepped over.
pub fn extract_canonical(text: &str, stripped: &Stripped) -> Comments {
    extract_in(text, Some(&stripped.starts))
}

/// `starts`: where every comment starts, when the text is canonical apart
/// from them.
fn extract_in(text: &str, starts: Option<&[usize]>) -> Comments {
    let mut out = Comments::default();
    if !text.contains('/') {
        return out;
    }
    let mut lx = Lexer::new(text, 0);
    let mut walker = Walker::new(text);
    let mut key = String::new();
    // The end of the last significant token; where a trailing comment's
    // text starts (that token's end, or the previous trailing comment's).
    let mut last_end: Option<usize> = None;
    let mut trail_from = 0;
    // Comments waiting for the token they precede, and where the last one
    // of them ends (a second comment on its line joins it).
    let mut pending: Vec<String> = Vec::new();
    let mut pending_from = 0;
    let mut pending_end: Option<usize> = None;
    while let Ok(Some(tok)) = lx.next_token() {
        if tok.kind != Kind::Comment {
            walker.step(tok);
            if !pending.is_empty() {
                walker.key_into(&mut key);
                out.slot(&key).leading.append(&mut pending);
            }
            pending_end = None;
            last_end = Some(tok.end);
            trail_from = tok.end;
            if let Some(starts) = starts
                && let Some(close) = skippable(text, tok, &walker, starts)
            {
                lx.pos = close;
            }
            continue;
        }
        let line = line_start(text, tok.start);
        if last_end.is_some_and(|e| e > line) {
            walker.key_into(&mut key);
            let text = raw(text, trail_from, tok.end);
            out.slot(&key).trailing.push_str(&text);
            trail_from = tok.end;
        } else if let Some(end) = pending_end
            && !text[end..tok.start].contains('\n')
            && let Some(last) = pending.last_mut()
        {
            *last = raw(text, pending_from, tok.end);
            pending_end = Some(tok.end);
        } else {
            pending.push(raw(text, line, tok.end));
            pending_from = line;
            pending_end = Some(tok.end);
        }
    }
    out.end = pending;
    out
}

/// Where each wanted key's line is in the canonical text: the byte where
/// the line it starts begins (comments before it go there) and the byte
/// where the line it ends ends (comments after it go there).
#[derive(Default, Clone, Copy)]
struct Lines {
    starts: Option<usize>,
    ends: Option<usize>,
}

/// `canonical` (what `to_text` wrote) with `comments` put back.
pub fn apply(canonical: String, comments: &Comments) -> String {
    if comments.is_empty() {
        return canonical;
    }
    // The keys with comments, the keys a comment can fall back to, and
    // every prefix of them (an item no key runs through is skipped whole).
    let mut wanted: HashMap<String, Lines> = HashMap::new();
    let mut prefixes: HashSet<&str> = HashSet::new();
    for (key, _) in &comments.slots {
        wanted.insert(key.clone(), Lines::default());
        prefixes.insert(key);
        for (at, _) in key.match_indices(SEP) {
            let prefix = &key[..at];
            prefixes.insert(prefix);
            wanted.entry(prefix.to_owned()).or_default();
            for close in [")", "]"] {
                wanted.entry(format!("{prefix}{SEP}{close}")).or_default();
            }
        }
    }
    locate(&canonical, &mut wanted, &prefixes);

    // (byte, order, text): inserted at that byte, in file order.
    let mut inserts: Vec<(usize, usize, String)> = Vec::new();
    for (key, slot) in &comments.slots {
        let at = wanted.get(key).copied().unwrap_or_default();
        let start = at.starts.or_else(|| fallback(key, &wanted));
        if let Some(start) = start {
            for c in &slot.leading {
                inserts.push((start, inserts.len(), format!("{c}\n")));
            }
        }
        if slot.trailing.is_empty() {
            continue;
        }
        if let Some(end) = at.ends {
            inserts.push((end, inserts.len(), slot.trailing.clone()));
        } else if let Some(start) = start {
            let line = &canonical[start..];
            let indent = &line[..line.len() - line.trim_start_matches(' ').len()];
            let c = format!("{indent}{}\n", slot.trailing.trim_start());
            inserts.push((start, inserts.len(), c));
        }
    }
    inserts.sort_by_key(|(at, order, _)| (*at, *order));
    let extra: usize = inserts.iter().map(|(_, _, c)| c.len()).sum::<usize>()
        + comments.end.iter().map(|l| l.len() + 1).sum::<usize>();
    let mut out = String::with_capacity(canonical.len() + extra + 1);
    let mut from = 0;
    for (at, _, c) in &inserts {
        out.push_str(&canonical[from..*at]);
        out.push_str(c);
        from = *at;
    }
    out.push_str(&canonical[from..]);
    if !comments.end.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    for c in &comments.end {
        out.push_str(c);
        out.push('\n');
    }
    out
}

/// Fills in where each wanted key's line starts and ends. `text` is
/// canonical: a list element that opens on a line of its own closes on the
/// next line at its indent that starts with `)`, so an element no wanted
/// key runs through is stepped over without reading it.
fn locate(text: &str, wanted: &mut HashMap<String, Lines>, prefixes: &HashSet<&str>) {
    let mut lx = Lexer::new(text, 0);
    let mut walker = Walker::new(text);
    let mut key = String::new();
    // The end of the last token, and where the current line begins.
    let (mut at, mut line_begin) = (0usize, 0usize);
    let mut first_token = true;
    while let Ok(Some(tok)) = lx.next_significant() {
        let gap = &text[at..tok.start];
        let first = first_token || gap.contains('\n');
        first_token = false;
        if let Some(nl) = gap.rfind('\n') {
            line_begin = at + nl + 1;
        }
        at = tok.end;
        walker.step(tok);
        let rest = &text[tok.end..];
        let eol = rest.find('\n').map_or(text.len(), |n| tok.end + n);
        let last = text[tok.end..eol].trim().is_empty();
        if !(first || last) {
            continue;
        }
        walker.key_into(&mut key);
        if let Some(w) = wanted.get_mut(key.as_str()) {
            if first && w.starts.is_none() {
                w.starts = Some(line_begin);
            }
            if last && w.ends.is_none() {
                w.ends = Some(eol);
            }
        }
        let alone = first && last && tok.kind == Kind::Open(b'(');
        if alone && walker.in_element() && !prefixes.contains(key.as_str()) {
            let close = format!("\n{})", &text[line_begin..tok.start]);
            if let Some(n) = text[tok.end..].find(&close) {
                // On to the closing line; the walker reads its `)`.
                at = tok.end + n;
                lx.pos = at + 1;
            }
        }
    }
}

/// A line for a comment whose own line is not written any more: the end
/// of the nearest container that still is, but never outside the list
/// element it was in (an item's comment goes when the item goes).
fn fallback(key: &str, wanted: &HashMap<String, Lines>) -> Option<usize> {
    let mut prefix = key;
    while let Some(at) = prefix.rfind(SEP) {
        if prefix[at + SEP.len_utf8()..].starts_with('=') {
            return None;
        }
        prefix = &prefix[..at];
        let found = [")", "]"]
            .iter()
            .find_map(|c| wanted.get(&format!("{prefix}{SEP}{c}"))?.starts)
            .or_else(|| wanted.get(prefix)?.starts);
        if found.is_some() {
            return found;
        }
    }
    None
}

/// Where the list element `tok` opens in canonical text closes (the start
/// of its closing line), when it opens on a line of its own and no comment
/// lies before that line: nothing in it needs reading.
fn skippable(text: &str, tok: lex::Token, walker: &Walker, starts: &[usize]) -> Option<usize> {
    if tok.kind != Kind::Open(b'(') || !walker.in_element() {
        return None;
    }
    let begin = line_start(text, tok.start);
    let indent = &text[begin..tok.start];
    let rest = &text[tok.end..];
    if !indent.bytes().all(|b| b == b' ') || !rest.starts_with('\n') {
        return None;
    }
    let close = tok.end + rest.find(&format!("\n{indent})"))? + 1;
    let next_comment = starts.partition_point(|&s| s < tok.end);
    match starts.get(next_comment) {
        Some(&s) if s < close => None,
        _ => Some(close),
    }
}

/// Text without its comments ([`strip`]), and where they started.
#[derive(Debug, Clone)]
pub struct Stripped {
    pub text: String,
    starts: Vec<usize>,
}

/// `text` without its comments, for the fast reader: a line that held only
/// comments goes, a comment ending a line goes with the spaces before it,
/// any other becomes one space. `None` when there are none, or when the
/// text cannot be split the way RON would (RON then reads the original).
pub fn strip(text: &str) -> Option<String> {
    strip_marked(text).map(|s| s.text)
}

/// [`strip`], keeping where the comments were for [`extract_canonical`].
pub fn strip_marked(text: &str) -> Option<Stripped> {
    if !text.contains('/') {
        return None;
    }
    let spans = match comment_spans_quick(text) {
        Quick::Spans(spans) => spans,
        Quick::Unreadable => return None,
        Quick::AskTheLexer => comment_spans(text)?,
    };
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    let mut starts = Vec::with_capacity(spans.len());
    for (start, end) in spans {
        let tok = lex::Token {
            kind: Kind::Comment,
            start,
            end,
        };
        starts.push(tok.start);
        out.push_str(&text[last..tok.start]);
        let rest = &text[tok.end..];
        let gap = rest.len() - rest.trim_start_matches([' ', '\t']).len();
        let ends_line = rest[gap..].is_empty() || rest[gap..].starts_with('\n');
        if ends_line {
            out.truncate(out.trim_end_matches([' ', '\t']).len());
            last = tok.end + gap;
            if (out.is_empty() || out.ends_with('\n')) && rest[gap..].starts_with('\n') {
                last += 1;
            }
        } else {
            if !out.ends_with([' ', '\t', '\n']) {
                out.push(' ');
            }
            last = tok.end;
        }
    }
    if starts.is_empty() {
        return None;
    }
    out.push_str(&text[last..]);
    Some(Stripped { text: out, starts })
}

/// Every comment's byte range, by the lexer; `None` when the text cannot
/// be split the way RON would, or a line comment ends it unclosed.
fn comment_spans(text: &str) -> Option<Vec<(usize, usize)>> {
    let mut lx = Lexer::new(text, 0);
    let mut spans = Vec::new();
    while let Some(tok) = lx.next_token().ok()? {
        if tok.kind == Kind::Comment {
            spans.push((tok.start, tok.end));
        }
    }
    (!lx.unclosed_line).then_some(spans)
}

enum Quick {
    Spans(Vec<(usize, usize)>),
    Unreadable,
    /// Raw or byte strings, or characters: the lexer knows those.
    AskTheLexer,
}

/// [`comment_spans`] in one pass over the bytes for text with only plain
/// `"…"` strings (Bearing's layout), several times faster than lexing.
fn comment_spans_quick(text: &str) -> Quick {
    let s = text.as_bytes();
    let mut spans = Vec::new();
    let mut i = 0;
    while i < s.len() {
        match s[i] {
            b'"' => {
                if i > 0 && matches!(s[i - 1], b'r' | b'#' | b'b') {
                    return Quick::AskTheLexer;
                }
                i += 1;
                loop {
                    match s.get(i) {
                        None => return Quick::Unreadable,
                        Some(b'\\') => i += 2,
                        Some(b'"') => break,
                        Some(_) => i += 1,
                    }
                }
                i += 1;
            }
            b'\'' => return Quick::AskTheLexer,
            b'/' => {
                let mut lx = Lexer::new(text, i);
                match lx.next_token() {
                    Ok(Some(t)) if t.kind == Kind::Comment && !lx.unclosed_line => {
                        spans.push((t.start, t.end));
                        i = t.end;
                    }
                    _ => return Quick::Unreadable,
                }
            }
            _ => i += 1,
        }
    }
    Quick::Spans(spans)
}

#[cfg(test)]
mod proptests;
#[cfg(test)]
mod tests;
