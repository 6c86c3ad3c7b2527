//! The search index as it was before the flat-text rewrite, kept only as a
//! test oracle: the rewrite must give exactly the same hits, in the same
//! order, for every plan and query (see `same_hits_as_the_reference`).
//! Compiled only under `#[cfg(test)]`.
#![allow(dead_code)]

use std::sync::atomic::{AtomicU64, Ordering};

use fuzzy_matcher::skim::SkimMatcherV2;

use super::Hit;
use crate::model::{Kind, Plan};

/// Title and id matches count this many times a match in other text, so an
/// item named after the query ranks above one that mentions it.
const TITLE_WEIGHT: i64 = 2;
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

struct Field {
    name: &'static str,
    weight: i64,
    /// Case-folded once, when the index is built.
    text: String,
}

struct Entry {
    kind: Kind,
    id: String,
    title: String,
    folded_title: String,
    fields: Vec<Field>,
}

/// Everything searchable in a plan, prepared once. Rebuild it after the plan
/// changes (it is cheap next to a render of the same plan).
pub struct SearchIndex {
    stamp: u64,
    entries: Vec<Entry>,
    matcher: SkimMatcherV2,
}

/// Lower case, one char at a time: unlike `str::to_lowercase` (final sigma)
/// the fold of a prefix is then always a prefix of the fold, which the
/// narrowing relies on.
fn fold(s: &str) -> String {
    s.chars().flat_map(char::to_lowercase).collect()
}

fn terms(query: &str) -> Vec<String> {
    fold(query).split_whitespace().map(str::to_owned).collect()
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

/// Whether `term` is a subsequence of `text` (both folded): the score of one
/// matched character per char, more when the characters are adjacent. The
/// substring and prefix bonuses are added by the caller as for titles.
fn subsequence_score(text: &str, term: &str) -> Option<i64> {
    let mut chars = text.chars();
    let mut matched = 0i64;
    for want in term.chars() {
        chars.by_ref().find(|c| *c == want)?;
        matched += 1;
    }
    Some(matched * CHAR_SCORE)
}

struct EntryBuilder {
    kind: Kind,
    id: String,
    title: String,
    fields: Vec<Field>,
}

impl EntryBuilder {
    fn new(kind: Kind, id: &str, title: &str) -> Self {
        let mut b = EntryBuilder {
            kind,
            id: id.to_owned(),
            title: title.to_owned(),
            fields: Vec::new(),
        };
        b.field_weighted("title", title, TITLE_WEIGHT);
        b.field_weighted("id", id, TITLE_WEIGHT);
        b
    }

    fn field_weighted(&mut self, name: &'static str, text: &str, weight: i64) {
        if !text.trim().is_empty() {
            self.fields.push(Field {
                name,
                weight,
                text: fold(text),
            });
        }
    }

    fn field(mut self, name: &'static str, text: &str) -> Self {
        self.field_weighted(name, text, 1);
        self
    }

    fn build(self) -> Entry {
        Entry {
            kind: self.kind,
            folded_title: fold(&self.title),
            id: self.id,
            title: self.title,
            fields: self.fields,
        }
    }
}

impl SearchIndex {
    pub fn new(plan: &Plan) -> Self {
        let mut entries = Vec::new();
        for o in &plan.objectives {
            entries.push(
                EntryBuilder::new(Kind::Objective, &o.id, &o.title)
                    .field("description", &o.description)
                    .build(),
            );
        }
        for kr in &plan.key_results {
            entries.push(
                EntryBuilder::new(Kind::KeyResult, &kr.id, &kr.title)
                    .field("owner", &kr.owner)
                    .field("unit", &kr.unit)
                    .field("objective", &kr.objective)
                    .build(),
            );
        }
        for h in &plan.hypotheses {
            entries.push(
                EntryBuilder::new(Kind::Hypothesis, &h.id, &h.title)
                    .field("belief", &h.belief)
                    .field("signal", &h.signal)
                    .field("evidence", &h.evidence)
                    .field("owner", &h.owner)
                    .build(),
            );
        }
        for d in &plan.debts {
            entries.push(
                EntryBuilder::new(Kind::Debt, &d.id, &d.title)
                    .field("description", &d.description)
                    .field("owner", &d.owner)
                    .field("area", &d.area)
                    .field("tags", &d.tags.join(" "))
                    .build(),
            );
        }
        for s in &plan.sprints {
            entries.push(
                EntryBuilder::new(Kind::Sprint, &s.id, &s.name)
                    .field("goal", &s.goal)
                    .build(),
            );
        }
        SearchIndex {
            stamp: NEXT_STAMP.fetch_add(1, Ordering::Relaxed),
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
        let terms = terms(query);
        let scored = self.score_all(0..self.entries.len() as u32, &terms);
        self.top(&scored, limit)
    }

    /// The score of one entry for all the terms, with its best field; `None`
    /// unless every term matches some field.
    fn score(&self, entry: &Entry, terms: &[String]) -> Option<(i64, &'static str)> {
        let mut total = 0;
        let mut best = (i64::MIN, "title");
        for term in terms {
            let mut term_best: Option<(i64, &'static str)> = None;
            for f in &entry.fields {
                // Title and id get skim's full fuzzy score; the longer other
                // text only a subsequence check, which is what keeps a
                // keystroke over 100k items within a frame or two.
                // From the first occurrence of the term's first character:
                // see `matching::skim_window` for why.
                let from = if term.chars().nth(1).is_some() {
                    term.chars().next().and_then(|c| f.text.find(c))
                } else {
                    Some(0)
                };
                let raw = if f.weight > 1 {
                    from.and_then(|at| self.matcher.fuzzy(&f.text[at..], term, false))
                        .map(|(s, _)| s)
                } else {
                    subsequence_score(&f.text, term)
                };
                let Some(raw) = raw else {
                    continue;
                };
                let len = term.chars().count() as i64;
                let mut s = raw;
                if let Some(at) = f.text.find(term.as_str()) {
                    s += SUBSTRING_BONUS * len;
                    if at == 0 {
                        s += PREFIX_BONUS * len;
                    }
                }
                let s = s * f.weight;
                if term_best.is_none_or(|(b, _)| s > b) {
                    term_best = Some((s, f.name));
                }
            }
            let (s, name) = term_best?;
            total += s;
            if s > best.0 {
                best = (s, name);
            }
        }
        if !terms.is_empty() && entry.folded_title == terms.join(" ") {
            total += EXACT_TITLE_BONUS;
        }
        Some((total, best.1))
    }

    fn score_all(&self, candidates: impl Iterator<Item = u32>, terms: &[String]) -> Vec<Scored> {
        let candidates: Vec<u32> = candidates.collect();
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        if candidates.len() < PARALLEL_FROM || threads < 2 {
            return self.score_slice(&candidates, terms);
        }
        // Scoring is independent per entry: split the candidates over the
        // cores and keep their order, so the result is the same as serial.
        let chunk = candidates.len().div_ceil(threads);
        std::thread::scope(|scope| {
            let parts: Vec<_> = candidates
                .chunks(chunk)
                .map(|part| scope.spawn(move || self.score_slice(part, terms)))
                .collect();
            parts
                .into_iter()
                .flat_map(|h| h.join().unwrap_or_default())
                .collect()
        })
    }

    fn score_slice(&self, candidates: &[u32], terms: &[String]) -> Vec<Scored> {
        candidates
            .iter()
            .copied()
            .filter_map(|i| {
                let entry = self.entries.get(i as usize)?;
                let (score, field) = self.score(entry, terms)?;
                Some(Scored {
                    index: i,
                    score,
                    field,
                })
            })
            .collect()
    }

    fn top(&self, scored: &[Scored], limit: usize) -> Vec<Hit> {
        let order = |a: &Scored, b: &Scored| {
            b.score.cmp(&a.score).then_with(|| {
                self.entries[a.index as usize]
                    .id
                    .cmp(&self.entries[b.index as usize].id)
            })
        };
        let mut best: Vec<Scored> = scored.to_vec();
        if best.len() > limit {
            if limit == 0 {
                return Vec::new();
            }
            best.select_nth_unstable_by(limit - 1, order);
            best.truncate(limit);
        }
        best.sort_by(order);
        best.iter()
            .map(|s| {
                let e = &self.entries[s.index as usize];
                Hit {
                    kind: e.kind,
                    id: e.id.clone(),
                    title: e.title.clone(),
                    score: s.score,
                    field: s.field,
                }
            })
            .collect()
    }
}

#[derive(Debug, Clone, Copy)]
struct Scored {
    index: u32,
    score: i64,
    field: &'static str,
}
