//! Fuzzy search over every entity of a plan: titles first, then the rest of
//! their text. Pure: the UI feeds it keystrokes and draws the hits.
//!
//! A query is split on whitespace into terms; an entity is a hit when every
//! term is a fuzzy subsequence of one of its fields. Subsequence matching is
//! monotone — whatever matches "abc" also matches "ab" — so while the user
//! keeps typing, [`Searcher`] only re-scores the previous hits instead of the
//! whole plan.

mod build;
mod lazy;
mod matching;

pub use lazy::LazyIndex;
use matching::{Query, Term, find_term, narrows, skim_max, skim_window, subsequence_end, terms};

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::sync::atomic::{AtomicU64, Ordering};

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
    /// Which characters occur in it ([`char_mask`]): a term with a
    /// character it lacks is skipped without reading the text.
    mask: u32,
    name: FieldName,
    /// Title and id count double, and get skim's full fuzzy score.
    weight: u8,
}

struct Entry {
    kind: Kind,
    /// The union of its fields' masks.
    mask: u32,
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
        let all: Vec<u32> = (0..self.entries.len() as u32).collect();
        self.top(self.search(&all, &q, limit).best, limit)
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

    /// At least what [`Self::field_score`] gives, without calling skim:
    /// `None` exactly when it is `None`.
    fn field_bound(&self, f: &Field, term: &Term) -> Option<i64> {
        if f.mask & term.mask != term.mask {
            return None;
        }
        if f.weight == 1 {
            return self.field_score(f, term);
        }
        let text = self.text(f);
        let at = find_term(text, term);
        if at.is_none() && (term.len == 1 || subsequence_end(text, &term.text).is_none()) {
            return None;
        }
        let mut s = skim_max(term.len);
        if let Some(at) = at {
            s += SUBSTRING_BONUS * term.len;
            if at == 0 {
                s += PREFIX_BONUS * term.len;
            }
        }
        Some(s * i64::from(f.weight))
    }

    /// At least the score of one entry, `None` exactly when it is not a
    /// hit: cheap enough to run over every candidate.
    fn bound(&self, entry: &Entry, q: &Query) -> Option<i64> {
        if entry.mask & q.mask != q.mask {
            return None;
        }
        let fields = self.entry_fields(entry);
        let mut total = 0;
        for term in &q.terms {
            total += fields
                .iter()
                .filter_map(|f| self.field_bound(f, term))
                .max()?;
        }
        Some(total + self.exact_title_bonus(fields, q))
    }

    fn exact_title_bonus(&self, fields: &[Field], q: &Query) -> i64 {
        let exact = !q.terms.is_empty()
            && fields
                .first()
                .is_some_and(|f| f.name == FieldName::Title && self.text(f) == q.joined);
        if exact { EXACT_TITLE_BONUS } else { 0 }
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
                if f.mask & term.mask != term.mask {
                    continue;
                }
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
        Some((total + self.exact_title_bonus(fields, q), best.1))
    }

    /// Every hit among `candidates` (in their order, for the next
    /// narrowing) and the best `limit` of them scored exactly.
    fn search(&self, candidates: &[u32], q: &Query, limit: usize) -> Found {
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        if candidates.len() < PARALLEL_FROM || threads < 2 {
            return self.search_slice(candidates, q, limit);
        }
        // Independent per entry: split the candidates over the cores; the
        // best of the whole are among the best of the parts.
        let chunk = candidates.len().div_ceil(threads);
        std::thread::scope(|scope| {
            let parts: Vec<_> = candidates
                .chunks(chunk)
                .map(|part| scope.spawn(move || self.search_slice(part, q, limit)))
                .collect();
            let mut all = Found::default();
            for part in parts {
                let part = part.join().unwrap_or_default();
                all.hits.extend(part.hits);
                all.best.extend(part.best);
            }
            all
        })
    }

    fn search_slice(&self, candidates: &[u32], q: &Query, limit: usize) -> Found {
        let mut hits = Vec::new();
        // The best so far, worst on top.
        let mut best: BinaryHeap<Reverse<Scored>> = BinaryHeap::with_capacity(limit + 1);
        for &i in candidates {
            let Some(entry) = self.entries.get(i as usize) else {
                continue;
            };
            let Some(bound) = self.bound(entry, q) else {
                continue;
            };
            hits.push(i);
            let could = Scored {
                index: i,
                score: bound,
                field: FieldName::Title,
            };
            if limit == 0
                || best.len() == limit && best.peek().is_some_and(|Reverse(w)| could <= *w)
            {
                continue;
            }
            let Some((score, field)) = self.score(entry, q) else {
                continue;
            };
            best.push(Reverse(Scored {
                index: i,
                score,
                field,
            }));
            if best.len() > limit {
                best.pop();
            }
        }
        Found {
            hits,
            best: best.into_iter().map(|Reverse(s)| s).collect(),
        }
    }

    fn top(&self, mut best: Vec<Scored>, limit: usize) -> Vec<Hit> {
        best.sort_unstable_by(|a, b| b.cmp(a));
        best.truncate(limit);
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

/// Better is a higher score, then an earlier position: entries are in id
/// order, so that breaks ties by id without touching the strings.
impl Ord for Scored {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.score
            .cmp(&other.score)
            .then(other.index.cmp(&self.index))
    }
}

impl PartialOrd for Scored {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Scored {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other).is_eq()
    }
}

impl Eq for Scored {}

#[derive(Default)]
struct Found {
    hits: Vec<u32>,
    best: Vec<Scored>,
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
        let found = match self.levels.last() {
            Some((_, prev)) => index.search(prev, &q, limit),
            None => {
                let all: Vec<u32> = (0..index.entries.len() as u32).collect();
                index.search(&all, &q, limit)
            }
        };
        if !same {
            if self.levels.len() == MAX_LEVELS {
                self.levels.remove(0);
            }
            self.levels.push((terms, found.hits));
        }
        index.top(found.best, limit)
    }
}

#[cfg(test)]
mod reference;
#[cfg(test)]
mod tests;
