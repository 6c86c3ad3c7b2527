//! Fuzzy search over every entity of a plan: titles first, then the rest of
//! their text. Pure: the UI feeds it keystrokes and draws the hits.
//!
//! A query is split on whitespace into terms; an entity is a hit when every
//! term is a fuzzy subsequence of one of its fields. Subsequence matching is
//! monotone — whatever matches "abc" also matches "ab" — so while the user
//! keeps typing, [`Searcher`] only re-scores the previous hits instead of the
//! whole plan.

use std::sync::atomic::{AtomicU64, Ordering};

use fuzzy_matcher::skim::SkimMatcherV2;

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
                let Some(raw) = self.matcher.fuzzy(&f.text, term, false).map(|(s, _)| s) else {
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
        candidates
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

/// Search-as-you-type over one [`SearchIndex`]: remembers the hits of the
/// queries typed so far, so a longer query scores only the previous hits and
/// a Backspace goes back to a remembered level.
#[derive(Default)]
pub struct Searcher {
    stamp: u64,
    levels: Vec<(Vec<String>, Vec<Scored>)>,
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
        if self.levels.last().is_none_or(|(old, _)| *old != terms) {
            let scored = match self.levels.last() {
                Some((_, prev)) => index.score_all(prev.iter().map(|s| s.index), &terms),
                None => index.score_all(0..index.entries.len() as u32, &terms),
            };
            if self.levels.len() == MAX_LEVELS {
                self.levels.remove(0);
            }
            self.levels.push((terms, scored));
        }
        match self.levels.last() {
            Some((_, scored)) => index.top(scored, limit),
            None => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Debt, Hypothesis, KeyResult, Objective, Sprint};
    use chrono::NaiveDate;
    use proptest::prelude::*;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 1, 5).unwrap()
    }

    fn debt(id: &str, title: &str) -> Debt {
        Debt::new(id.into(), title.into(), day())
    }

    fn plan() -> Plan {
        let mut p = Plan::default();
        let mut d = debt("D-00001", "Rotate API keys");
        d.owner = "alice".into();
        d.tags = vec!["security".into()];
        p.debts.push(d);
        let mut d = debt("D-00002", "Remove old tracing exporter");
        d.description = "rotate the logs while at it".into();
        d.owner = "bob".into();
        p.debts.push(d);
        p.debts.push(debt("D-00003", "Flaky integration tests"));
        p.objectives.push(Objective {
            id: "O-00001".into(),
            title: "Reliable releases".into(),
            description: "Ship without fear".into(),
        });
        p.key_results.push(KeyResult {
            id: "KR-00001".into(),
            objective: "O-00001".into(),
            title: "Deploys per week".into(),
            unit: "deploys".into(),
            baseline: 1.0,
            target: Some(10.0),
            current: 2.0,
            start: day(),
            due: None,
            owner: "carol".into(),
            checkins: Vec::new(),
        });
        let mut h = Hypothesis::new("H-00001".into(), "Canary deploys".into(), day());
        h.belief = "Canaries catch regressions early".into();
        p.hypotheses.push(h);
        let mut s = Sprint::new("S-00001".into(), "Debt week".into(), day(), day(), 10);
        s.goal = "Pay down security debt".into();
        p.sprints.push(s);
        p
    }

    fn ids(hits: &[Hit]) -> Vec<&str> {
        hits.iter().map(|h| h.id.as_str()).collect()
    }

    #[test]
    fn finds_by_title() {
        let idx = SearchIndex::new(&plan());
        let hits = idx.query("flaky", 10);
        assert_eq!(ids(&hits), ["D-00003"]);
        assert_eq!(hits[0].field, "title");
        assert_eq!(hits[0].kind, Kind::Debt);
        assert_eq!(hits[0].title, "Flaky integration tests");
    }

    #[test]
    fn finds_by_id_any_case() {
        let idx = SearchIndex::new(&plan());
        let hits = idx.query("kr-00001", 10);
        assert_eq!(hits[0].id, "KR-00001");
        assert_eq!(hits[0].field, "id");
        assert_eq!(hits[0].kind, Kind::KeyResult);
    }

    #[test]
    fn finds_by_owner_and_other_text() {
        let idx = SearchIndex::new(&plan());
        let hits = idx.query("carol", 10);
        assert_eq!(hits[0].id, "KR-00001");
        assert_eq!(hits[0].field, "owner");
        let hits = idx.query("regressions", 10);
        assert_eq!(ids(&hits), ["H-00001"]);
        assert_eq!(hits[0].field, "belief");
        // Two terms may match two different fields.
        let hits = idx.query("alice keys", 10);
        assert_eq!(ids(&hits), ["D-00001"]);
    }

    #[test]
    fn title_outranks_other_text() {
        let idx = SearchIndex::new(&plan());
        // D-00001's title starts with "rotate"; D-00002 only says it in the
        // description.
        let hits = idx.query("rotate", 10);
        assert_eq!(ids(&hits), ["D-00001", "D-00002"]);
        assert_eq!(hits[1].field, "description");
        assert!(hits[0].score > hits[1].score);
    }

    #[test]
    fn exact_and_prefix_outrank_scattered() {
        let mut p = Plan::default();
        p.debts.push(debt("D-00001", "cache layer"));
        p.debts.push(debt("D-00002", "crash action helper echo"));
        p.debts.push(debt("D-00003", "cache"));
        p.debts.push(debt("D-00004", "the cache"));
        let idx = SearchIndex::new(&p);
        let hits = idx.query("cache", 10);
        // exact, then prefix, then substring, then scattered c-a-c-h-e.
        assert_eq!(ids(&hits), ["D-00003", "D-00001", "D-00004", "D-00002"]);
    }

    #[test]
    fn limit_and_ties_by_id() {
        let mut p = Plan::default();
        for id in ["D-0000C", "D-0000A", "D-0000B"] {
            p.debts.push(debt(id, "same"));
        }
        p.normalize();
        let idx = SearchIndex::new(&p);
        assert_eq!(ids(&idx.query("same", 2)), ["D-0000A", "D-0000B"]);
        assert!(idx.query("same", 0).is_empty());
        assert_eq!(idx.query("", 10).len(), 3);
        assert!(idx.query("zzz", 10).is_empty());
    }

    #[test]
    fn narrowing_checks_terms() {
        let t = |s: &str| terms(s);
        assert!(narrows(&t(""), &t("a")));
        assert!(narrows(&t("ab"), &t("abc")));
        assert!(narrows(&t("ab"), &t("ab c")));
        assert!(narrows(&t("ab c"), &t("ab cd")));
        assert!(!narrows(&t("abc"), &t("ab")));
        assert!(!narrows(&t("ab c"), &t("abc")));
        assert!(!narrows(&t("x"), &t("y")));
    }

    #[test]
    fn searcher_narrows_and_backs_up() {
        let idx = SearchIndex::new(&plan());
        let mut s = Searcher::new();
        assert_eq!(s.query(&idx, "r", 50).len(), idx.query("r", 50).len());
        assert_eq!(s.query(&idx, "ro", 50), idx.query("ro", 50));
        assert_eq!(s.levels.len(), 2);
        assert_eq!(s.query(&idx, "rot", 50), idx.query("rot", 50));
        assert_eq!(s.levels.len(), 3);
        // Backspace reuses the remembered level.
        assert_eq!(s.query(&idx, "ro", 50), idx.query("ro", 50));
        assert_eq!(s.levels.len(), 2);
        assert_eq!(s.query(&idx, "flaky", 50), idx.query("flaky", 50));
        // A rebuilt index is noticed.
        let mut p = plan();
        p.debts.push(debt("D-00009", "flaky e2e"));
        let idx2 = SearchIndex::new(&p);
        assert_eq!(s.query(&idx2, "flaky", 50).len(), 2);
    }

    #[test]
    fn scores_do_not_depend_on_earlier_queries() {
        // The minimal case the property test found with skim's matrix scorer.
        let mut p = Plan::default();
        let mut d = debt("D-00000", "");
        d.owner = "  aaaa".into();
        p.debts.push(d);
        p.debts.push(debt("D-00002", "σ ΣAAaσa"));
        let idx = SearchIndex::new(&p);
        let before = idx.query("aaa", 5);
        idx.query("aaa Σ", 5);
        assert_eq!(idx.query("aaa", 5), before);
    }

    fn arb_plan() -> impl Strategy<Value = Plan> {
        proptest::collection::vec(("[abcA Σσ]{0,12}", "[abc ]{0,8}"), 0..25).prop_map(|items| {
            let mut p = Plan::default();
            for (i, (title, owner)) in items.into_iter().enumerate() {
                let mut d = debt(&format!("D-{i:05}"), &title);
                d.owner = owner;
                p.debts.push(d);
            }
            p
        })
    }

    proptest! {
        #[test]
        fn narrowing_equals_fresh(plan in arb_plan(), typed in "[abcAΣ ]{0,8}", back in 0usize..4, more in "[abc ]{0,3}") {
            let idx = SearchIndex::new(&plan);
            let mut s = Searcher::new();
            let mut q = String::new();
            for c in typed.chars() {
                q.push(c);
                prop_assert_eq!(s.query(&idx, &q, 7), idx.query(&q, 7));
            }
            for _ in 0..back {
                q.pop();
                prop_assert_eq!(s.query(&idx, &q, 7), idx.query(&q, 7));
            }
            for c in more.chars() {
                q.push(c);
                prop_assert_eq!(s.query(&idx, &q, 7), idx.query(&q, 7));
            }
        }
    }
}
