//! Matching one term against one field's folded text: the prepared
//! query, character masks, substring and subsequence search, and the bound
//! on skim's score that lets a keystroke skip skim for most items.

use super::build::fold_into;

/// A query prepared once for all the entries it is scored against.
pub(super) struct Query {
    pub(super) terms: Vec<Term>,
    /// The union of the terms' masks.
    pub(super) mask: u32,
    /// The terms joined by single spaces: equal to a folded title, the
    /// exact-title bonus.
    pub(super) joined: String,
}

pub(super) struct Term {
    pub(super) text: String,
    /// Prepared once per query: SIMD substring search.
    pub(super) finder: memchr::memmem::Finder<'static>,
    pub(super) mask: u32,
    /// Length in chars, for the per-character bonuses.
    pub(super) len: i64,
}

pub(super) fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(&mut out, s);
    out
}

pub(super) fn terms(query: &str) -> Vec<String> {
    fold(query).split_whitespace().map(str::to_owned).collect()
}

impl Query {
    pub(super) fn new(terms: &[String]) -> Query {
        let terms: Vec<Term> = terms
            .iter()
            .map(|t| Term {
                len: t.chars().count() as i64,
                mask: t.chars().map(char_mask).fold(0, |m, c| m | c),
                finder: memchr::memmem::Finder::new(t.as_bytes()).into_owned(),
                text: t.clone(),
            })
            .collect();
        Query {
            joined: terms
                .iter()
                .map(|t| t.text.as_str())
                .collect::<Vec<_>>()
                .join(" "),
            mask: terms.iter().fold(0, |m, t| m | t.mask),
            terms,
        }
    }
}

/// One bit per letter, one for digits, one for other ASCII and one for
/// anything else: if a term has a bit its field lacks, the term cannot be
/// a subsequence of it.
pub(super) fn char_mask(c: char) -> u32 {
    match c {
        'a'..='z' => 1 << (c as u32 - 'a' as u32),
        '0'..='9' => 1 << 26,
        c if c.is_ascii() => 1 << 27,
        _ => 1 << 28,
    }
}

/// The mask of folded text, from its bytes: every byte of a non-ASCII
/// character sets the "anything else" bit, as the character itself does.
pub(super) fn text_mask(text: &str) -> u32 {
    text.bytes().fold(0, |m, b| {
        m | if b.is_ascii() {
            char_mask(char::from(b))
        } else {
            1 << 28
        }
    })
}

/// The most skim's linear scorer gives a term of `len` characters: a lone
/// character scores only its position bonus (at most `bonus_head`, 8);
/// longer ones per character the match (16) plus at most that bonus, minus
/// gaps. Checked against skim by a property test; the bound lets a
/// keystroke skip skim for every item that cannot reach the hits shown.
pub(super) fn skim_max(len: i64) -> i64 {
    if len == 1 { 8 } else { len * (16 + 8) }
}

/// Whether every hit for `new` is necessarily a hit for `old`.
pub(super) fn narrows(old: &[String], new: &[String]) -> bool {
    let Some((last, rest)) = old.split_last() else {
        return true;
    };
    new.len() >= old.len()
        && rest.iter().zip(new).all(|(a, b)| a == b)
        && new[rest.len()].starts_with(last.as_str())
}

/// Where `term` first occurs in `text`. Byte-wise is exact for UTF-8: a
/// match of valid UTF-8 in valid UTF-8 starts on a character boundary.
pub(super) fn find_term(text: &str, term: &Term) -> Option<usize> {
    term.finder.find(text.as_bytes())
}

/// Where the greedy left-to-right match of `term` as a subsequence of
/// `text` (both folded) ends: the byte just past its last character.
pub(super) fn subsequence_end(text: &str, term: &str) -> Option<usize> {
    if term.is_ascii() {
        return subsequence_end_ascii(text.as_bytes(), term.as_bytes());
    }
    let mut end = 0;
    for want in term.chars() {
        end += text.get(end..)?.find(want)? + want.len_utf8();
    }
    Some(end)
}

/// The part of `text` skim's linear scorer is given, when `term` is a
/// subsequence: for one character the first occurrence and the character
/// before it (its word-boundary bonus); for more, from the first
/// occurrence of its first character to where the greedy match ends.
///
/// Starting there is not only cheaper. skim 0.3.7 finds where the match
/// starts by scanning back from its end but keeps that position relative to
/// the first occurrence, and then scores from the wrong place: everything
/// before the first occurrence counted as a gap, so "leg" ranked
/// "Split legacy…" (an early "l") above "Remove legacy…". From the first
/// occurrence the two offsets agree and every "legacy" scores the same.
/// Ending at the greedy end gives the same score as the whole title.
pub(super) fn skim_window<'a>(text: &'a str, term: &Term, at: Option<usize>) -> Option<&'a str> {
    if term.len == 1 {
        let at = at?;
        let from = text
            .get(..at)?
            .chars()
            .next_back()
            .map_or(at, |c| at - c.len_utf8());
        text.get(from..at + term.text.len())
    } else {
        let first = term.text.chars().next()?;
        text.get(text.find(first)?..subsequence_end(text, &term.text)?)
    }
}

/// An ASCII term is followed byte by byte, also through text that is not
/// ASCII: in UTF-8 an ASCII byte is always a whole character.
pub(super) fn subsequence_end_ascii(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let mut end = 0;
    for &want in needle {
        end += memchr::memchr(want, hay.get(end..)?)? + 1;
    }
    Some(end)
}
