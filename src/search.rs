//! Fuzzy search over every entity of a plan: titles first, then the rest of
//! their text. Pure: the UI feeds it keystrokes and draws the hits.
//!
//! A query is split on whitespace into terms; an entity is a hit when every
//! term is a fuzzy subsequence of one of its fields. Subsequence matching is
//! monotone — whatever matches "abc" also matches "ab" — so while the user
//! keeps typing, [`Searcher`] only re-scores the previous hits instead of the
//! whole plan.

mod build;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use fuzzy_matcher::skim::SkimMatcherV2;

use crate::model::{Kind, Plan};

/// Per matched character when a term occurs contiguously in a field, and again
/// when the field starts with it: exact and prefix matches beat scattered ones.
const SUBSTRING_BONUS: i64 = 8;
const PREFIX_BONUS: i64 = 8;
/// The whole query equal to the whole title.
const EXACT_TITLE_BONUS: i64 = 1000;
/// Below this many candidates, scoring on one thread is faster than
/// starting more.
const PARALLEL_FROM: usize = 8192;
/// Per matched character in non-title text, like skim's per-character score.
const CHAR_SCORE: i64 = 16;
/// Query levels a [`Searcher`] remembers for backspacing.
const MAX_LEVELS: usize = 64;

/// Each index gets its own stamp so a [`Searcher`] notices when it is handed a
/// rebuilt index and drops candidate sets that point into the old one.
static NEXT_STAMP: AtomicU64 = AtomicU64::new(1);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub kind: Kind,
    pub id: String,
    pub title: String,
    pub score: i64,
    /// The field that matched best: "title", "id", "owner", …
    pub field: &'static str,
}

/// Which field of an entity a piece of text is; one byte in the index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FieldName {
    Title,
    Id,
    Description,
    Owner,
    Unit,
    Objective,
    Belief,
    Signal,
    Evidence,
    Area,
    Tags,
    Goal,
}

impl FieldName {
    fn label(self) -> &'static str {
        match self {
            FieldName::Title => "title",
            FieldName::Id => "id",
            FieldName::Description => "description",
            FieldName::Owner => "owner",
            FieldName::Unit => "unit",
            FieldName::Objective => "objective",
            FieldName::Belief => "belief",
            FieldName::Signal => "signal",
            FieldName::Evidence => "evidence",
            FieldName::Area => "area",
            FieldName::Tags => "tags",
            FieldName::Goal => "goal",
        }
    }
}

/// One field's folded text, as a range of the index's flat buffer.
struct Field {
    start: u32,
    end: u32,
    name: FieldName,
    /// Title and id count double, and get skim's full fuzzy score.
    weight: u8,
}

struct Entry {
    kind: Kind,
    /// Its fields, a range of the index's field list (title first when the
    /// title is not blank).
    fields: (u32, u32),
    /// Ranges of the index's `originals`.
    id: (u32, u32),
    title: (u32, u32),
}

/// Everything searchable in a plan, prepared once: all text case-folded into
/// one buffer, entries in id order. Rebuild it after the plan changes.
pub struct SearchIndex {
    stamp: u64,
    folded: String,
    originals: String,
    fields: Vec<Field>,
    entries: Vec<Entry>,
    matcher: SkimMatcherV2,
}

/// A query prepared once for all the entries it is scored against.
struct Query {
    terms: Vec<Term>,
    /// The terms joined by single spaces: equal to a folded title, the
    /// exact-title bonus.
    joined: String,
}

struct Term {
    text: String,
    /// Length in chars, for the per-character bonuses.
    len: i64,
    first: char,
}

/// Terms up to this many bytes are looked for by `memchr` on their first
/// char and a compare: for a few letters that beats setting up std's
/// two-way searcher for every field (a third of a keystroke's time).
const SHORT_TERM: usize = 16;

fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    build::fold_into(&mut out, s);
    out
}

fn terms(query: &str) -> Vec<String> {
    fold(query).split_whitespace().map(str::to_owned).collect()
}

impl Query {
    fn new(terms: &[String]) -> Query {
        Query {
            joined: terms.join(" "),
            terms: terms
                .iter()
                .map(|t| Term {
                    len: t.chars().count() as i64,
                    first: t.chars().next().unwrap_or(' '),
                    text: t.clone(),
                })
                .collect(),
        }
    }
}

/// Whether every hit for `new` is necessarily a hit for `old`.
fn narrows(old: &[String], new: &[String]) -> bool {
    let Some((last, rest)) = old.split_last() else {
        return true;
    };
    new.len() >= old.len()
        && rest.iter().zip(new).all(|(a, b)| a == b)
        && new[rest.len()].starts_with(last.as_str())
}

/// Where `term` first occurs in `text`.
fn find_term(text: &str, term: &Term) -> Option<usize> {
    if term.text.len() > SHORT_TERM {
        return text.find(term.text.as_str());
    }
    if term.text.is_ascii() {
        return find_ascii(text.as_bytes(), term.text.as_bytes());
    }
    let mut from = 0;
    while let Some(i) = text.get(from..)?.find(term.first) {
        let at = from + i;
        if text.get(at..)?.starts_with(term.text.as_str()) {
            return Some(at);
        }
        from = at + term.first.len_utf8();
    }
    None
}

/// Where the greedy left-to-right match of `term` as a subsequence of
/// `text` (both folded) ends: the byte just past its last character.
fn subsequence_end(text: &str, term: &str) -> Option<usize> {
    if term.is_ascii() {
        return subsequence_end_ascii(text.as_bytes(), term.as_bytes());
    }
    let mut end = 0;
    for want in term.chars() {
        end += text.get(end..)?.find(want)? + want.len_utf8();
    }
    Some(end)
}

/// The part of `text` skim's linear scorer looks at, when `term` is a
/// subsequence: for one character the first occurrence and the character
/// before it (its word-boundary bonus); for more, everything up to where
/// the greedy match ends (skim scores backwards from there). Handing skim
/// that instead of the whole title gives the same score — the reference
/// property test holds it to that — for a fraction of the work.
fn skim_window<'a>(text: &'a str, term: &Term, at: Option<usize>) -> Option<&'a str> {
    if term.len == 1 {
        let at = at?;
        let from = text
            .get(..at)?
            .chars()
            .next_back()
            .map_or(at, |c| at - c.len_utf8());
        text.get(from..at + term.text.len())
    } else {
        text.get(..subsequence_end(text, &term.text)?)
    }
}

// An ASCII term is matched byte by byte, also in text that is not ASCII:
// in UTF-8 an ASCII byte is always a whole character. Plain loops, not
// `memchr`: the fields are short, and calling out per field and per
// character cost a fifth of a keystroke.

fn find_ascii(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let (&first, rest) = needle.split_first()?;
    let last_start = hay.len().checked_sub(needle.len())?;
    (0..=last_start).find(|&at| {
        hay[at] == first
            && hay[at + 1..at + needle.len()]
                .iter()
                .zip(rest)
                .all(|(a, b)| a == b)
    })
}

fn subsequence_end_ascii(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let mut end = 0;
    for &want in needle {
        end += hay.get(end..)?.iter().position(|&b| b == want)? + 1;
    }
    Some(end)
}

impl SearchIndex {
    pub fn new(plan: &Plan) -> Self {
        let build::Parts {
            folded,
            originals,
            fields,
            entries,
        } = build::Parts::of(plan);
        SearchIndex {
            stamp: NEXT_STAMP.fetch_add(1, Ordering::Relaxed),
            folded,
            originals,
            fields,
            entries,
            // Text and terms are folded already; respecting case is then the
            // same answer, and cheaper than folding again on every compare.
            // `element_limit(1)` routes every match through skim's linear
            // scorer: its dynamic-programming scorer reuses a matrix between
            // calls without clearing it, so the same text and pattern scored
            // differently depending on what was matched before (found by the
            // narrowing property test), and it was five times slower.
            matcher: SkimMatcherV2::default().respect_case().element_limit(1),
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The best `limit` hits for `query`, best first, ties by id. An empty
    /// query lists everything (by id), so a search box starts full.
    pub fn query(&self, query: &str, limit: usize) -> Vec<Hit> {
        let q = Query::new(&terms(query));
        let scored = self.score_all(0..self.entries.len() as u32, &q);
        self.top(&scored, limit)
    }

    fn text(&self, f: &Field) -> &str {
        self.folded
            .get(f.start as usize..f.end as usize)
            .unwrap_or_default()
    }

    fn original(&self, (start, end): (u32, u32)) -> &str {
        self.originals
            .get(start as usize..end as usize)
            .unwrap_or_default()
    }

    fn entry_fields(&self, entry: &Entry) -> &[Field] {
        self.fields
            .get(entry.fields.0 as usize..entry.fields.1 as usize)
            .unwrap_or_default()
    }

    /// One term against one field: `None` unless it is a subsequence.
    fn field_score(&self, f: &Field, term: &Term) -> Option<i64> {
        let text = self.text(f);
        let at = find_term(text, term);
        // Title and id get skim's full fuzzy score; the longer other text
        // only the subsequence check, which is what keeps a keystroke over
        // 100k items within a frame or two.
        let mut s = if f.weight > 1 {
            self.matcher
                .fuzzy(skim_window(text, term, at)?, &term.text, false)?
                .0
        } else if at.is_some() || (term.len > 1 && subsequence_end(text, &term.text).is_some()) {
            term.len * CHAR_SCORE
        } else {
            return None;
        };
        if let Some(at) = at {
            s += SUBSTRING_BONUS * term.len;
            if at == 0 {
                s += PREFIX_BONUS * term.len;
            }
        }
        Some(s * i64::from(f.weight))
    }

    /// The score of one entry for all the terms, with its best field; `None`
    /// unless every term matches some field.
    fn score(&self, entry: &Entry, q: &Query) -> Option<(i64, FieldName)> {
        let fields = self.entry_fields(entry);
        let mut total = 0;
        let mut best = (i64::MIN, FieldName::Title);
        for term in &q.terms {
            let mut term_best: Option<(i64, FieldName)> = None;
            for f in fields {
                if let Some(s) = self.field_score(f, term)
                    && term_best.is_none_or(|(b, _)| s > b)
                {
                    term_best = Some((s, f.name));
                }
            }
            let (s, name) = term_best?;
            total += s;
            if s > best.0 {
                best = (s, name);
            }
        }
        if !q.terms.is_empty()
            && let Some(title) = fields.first().filter(|f| f.name == FieldName::Title)
            && self.text(title) == q.joined
        {
            total += EXACT_TITLE_BONUS;
        }
        Some((total, best.1))
    }

    fn score_all(&self, candidates: impl Iterator<Item = u32>, q: &Query) -> Vec<Scored> {
        let candidates: Vec<u32> = candidates.collect();
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        if candidates.len() < PARALLEL_FROM || threads < 2 {
            return self.score_slice(&candidates, q);
        }
        // Scoring is independent per entry: split the candidates over the
        // cores and keep their order, so the result is the same as serial.
        let chunk = candidates.len().div_ceil(threads);
        std::thread::scope(|scope| {
            let parts: Vec<_> = candidates
                .chunks(chunk)
                .map(|part| scope.spawn(move || self.score_slice(part, q)))
                .collect();
            parts
                .into_iter()
                .flat_map(|h| h.join().unwrap_or_default())
                .collect()
        })
    }

    fn score_slice(&self, candidates: &[u32], q: &Query) -> Vec<Scored> {
        candidates
            .iter()
            .copied()
            .filter_map(|i| {
                let entry = self.entries.get(i as usize)?;
                let (score, field) = self.score(entry, q)?;
                Some(Scored {
                    index: i,
                    score,
                    field,
                })
            })
            .collect()
    }

    fn top(&self, scored: &[Scored], limit: usize) -> Vec<Hit> {
        // Entries are in id order, so the position breaks ties by id
        // without touching the strings.
        let order = |a: &Scored, b: &Scored| b.score.cmp(&a.score).then(a.index.cmp(&b.index));
        let mut best: Vec<Scored> = scored.to_vec();
        if best.len() > limit {
            if limit == 0 {
                return Vec::new();
            }
            best.select_nth_unstable_by(limit - 1, order);
            best.truncate(limit);
        }
        best.sort_unstable_by(order);
        best.iter()
            .filter_map(|s| {
                let e = self.entries.get(s.index as usize)?;
                Some(Hit {
                    kind: e.kind,
                    id: self.original(e.id).to_owned(),
                    title: self.original(e.title).to_owned(),
                    score: s.score,
                    field: s.field.label(),
                })
            })
            .collect()
    }
}

#[derive(Debug, Clone, Copy)]
struct Scored {
    index: u32,
    score: i64,
    field: FieldName,
}

/// A search index built on first use from a snapshot of the plan, by
/// whichever thread asks first: the UI creates it for free when search
/// opens and the search worker builds it, so a 100k plan's index is never
/// built on the input path. The snapshot is let go once the index is built.
pub struct LazyIndex {
    plan: Mutex<Option<Arc<Plan>>>,
    index: OnceLock<SearchIndex>,
}

impl LazyIndex {
    pub fn new(plan: Arc<Plan>) -> LazyIndex {
        LazyIndex {
            plan: Mutex::new(Some(plan)),
            index: OnceLock::new(),
        }
    }

    /// An index that is built already.
    pub fn built(index: SearchIndex) -> LazyIndex {
        LazyIndex {
            plan: Mutex::new(None),
            index: OnceLock::from(index),
        }
    }

    /// The index, building it now if nobody has (this waits for a build
    /// another thread is running).
    pub fn get(&self) -> &SearchIndex {
        self.index.get_or_init(|| {
            let plan = self
                .plan
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .take();
            SearchIndex::new(plan.as_deref().unwrap_or(&Plan::default()))
        })
    }

    /// The index if it is built; never waits.
    pub fn try_get(&self) -> Option<&SearchIndex> {
        self.index.get()
    }
}

/// Search-as-you-type over one [`SearchIndex`]: remembers the hits of the
/// queries typed so far, so a longer query scores only the previous hits and
/// a Backspace goes back to a remembered level.
#[derive(Default, Clone)]
pub struct Searcher {
    stamp: u64,
    /// Each query's terms with the entries that matched it: indices only
    /// (4 bytes a hit), so a long query over a big plan stays small.
    levels: Vec<(Vec<String>, Vec<u32>)>,
}

impl Searcher {
    pub fn new() -> Self {
        Self::default()
    }

    /// Forgets the remembered levels.
    pub fn reset(&mut self) {
        self.levels.clear();
    }

    /// Same answer as [`SearchIndex::query`], usually faster.
    pub fn query(&mut self, index: &SearchIndex, query: &str, limit: usize) -> Vec<Hit> {
        if self.stamp != index.stamp {
            self.levels.clear();
            self.stamp = index.stamp;
        }
        let terms = terms(query);
        while self
            .levels
            .last()
            .is_some_and(|(old, _)| !narrows(old, &terms))
        {
            self.levels.pop();
        }
        let same = self.levels.last().is_some_and(|(old, _)| *old == terms);
        let q = Query::new(&terms);
        let scored = match self.levels.last() {
            Some((_, prev)) => index.score_all(prev.iter().copied(), &q),
            None => index.score_all(0..index.entries.len() as u32, &q),
        };
        if !same {
            if self.levels.len() == MAX_LEVELS {
                self.levels.remove(0);
            }
            self.levels
                .push((terms, scored.iter().map(|s| s.index).collect()));
        }
        index.top(&scored, limit)
    }
}

#[cfg(test)]
mod reference;
#[cfg(test)]
mod tests;
