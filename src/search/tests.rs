//! Unit tests, compiled only under `#[cfg(test)] mod tests;` in the parent:
//! unwrap() here is on fixtures the test builds, never on user input.

use super::matching::*;
use super::*;
use crate::model::{Debt, Hypothesis, KeyResult, Objective, Sprint};
use chrono::NaiveDate;
use proptest::prelude::*;
use std::sync::Arc;

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

/// Plans with every kind of entity and text in several scripts, so titles,
/// ids, tags and the other fields all take part.
fn arb_rich_plan() -> impl Strategy<Value = Plan> {
    let text = "[abcΣσé -]{0,10}";
    let debts = proptest::collection::vec(
        (
            text,
            text,
            "[ab ]{0,4}",
            proptest::collection::vec("[abcé ]{0,4}", 0..3),
        ),
        0..20,
    );
    let others = proptest::collection::vec((text, text), 0..6);
    (debts, others).prop_map(|(debts, others)| {
        let mut p = Plan::default();
        // Ids that do not sort in kind order, so the index has to order them.
        for (i, (title, description, owner, tags)) in debts.into_iter().enumerate() {
            let mut d = debt(&format!("D-{:05}", 99 - i), &title);
            d.description = description;
            d.owner = owner;
            d.tags = tags;
            p.debts.push(d);
        }
        p.debts.sort_by(|a, b| a.id.cmp(&b.id));
        for (i, (title, other)) in others.into_iter().enumerate() {
            p.objectives.push(Objective {
                id: format!("O-{i:05}"),
                title: title.clone(),
                description: other.clone(),
            });
            let mut h = Hypothesis::new(format!("H-{i:05}"), title.clone(), day());
            h.belief = other.clone();
            p.hypotheses.push(h);
            let mut s = Sprint::new(format!("S-{i:05}"), title, day(), day(), 10);
            s.goal = other;
            p.sprints.push(s);
        }
        p
    })
}

proptest! {
    /// The flat-buffer index answers exactly as the straightforward one it
    /// replaced: same hits, scores, fields and order.
    #[test]
    fn same_hits_as_the_reference(plan in arb_rich_plan(), query in "[abcΣσé -]{0,6}", limit in 0usize..12) {
        let new = SearchIndex::new(&plan);
        let old = reference::SearchIndex::new(&plan);
        prop_assert_eq!(new.query(&query, limit), old.query(&query, limit));
    }
}

#[test]
fn same_hits_as_the_reference_on_a_synthetic_plan() {
    let plan = crate::synth::plan(3_000, 7);
    let new = SearchIndex::new(&plan);
    let old = reference::SearchIndex::new(&plan);
    for q in [
        "l",
        "le",
        "leg",
        "legacy cron",
        "ana",
        "d-0",
        "retry loop",
        "x",
    ] {
        assert_eq!(new.query(q, 200), old.query(q, 200), "query {q:?}");
    }
    // Big enough to be scored on several threads.
    assert!(new.len() > PARALLEL_FROM / 4);
}

#[test]
fn ties_rank_by_id_across_kinds() {
    let mut p = Plan::default();
    p.debts.push(debt("D-00002", "cache"));
    p.debts.push(debt("D-00001", "cache"));
    p.debts.sort_by(|a, b| a.id.cmp(&b.id));
    p.sprints.push(Sprint::new(
        "S-00001".into(),
        "cache".into(),
        day(),
        day(),
        5,
    ));
    p.objectives.push(Objective {
        id: "O-00001".into(),
        title: "cache".into(),
        description: String::new(),
    });
    let hits = SearchIndex::new(&p).query("cache", 10);
    assert_eq!(ids(&hits), ["D-00001", "D-00002", "O-00001", "S-00001"]);
    assert!(hits.windows(2).all(|w| w[0].score == w[1].score));
}

#[test]
fn a_lazy_index_builds_once_and_lets_the_plan_go() {
    let plan = Arc::new(plan());
    let lazy = LazyIndex::new(Arc::clone(&plan));
    assert!(lazy.try_get().is_none(), "nothing is built until asked");
    assert_eq!(
        Arc::strong_count(&plan),
        2,
        "it holds the snapshot meanwhile"
    );
    let hits = lazy.get().query("rotate", 5);
    assert_eq!(ids(&hits)[0], "D-00001");
    assert!(lazy.try_get().is_some());
    assert_eq!(Arc::strong_count(&plan), 1, "the snapshot is released");
    // Built from another thread, seen from this one.
    let lazy = Arc::new(LazyIndex::new(Arc::clone(&plan)));
    let other = Arc::clone(&lazy);
    std::thread::spawn(move || other.get().len())
        .join()
        .unwrap();
    assert_eq!(lazy.try_get().map(SearchIndex::len), Some(7));
}

proptest! {
    /// The byte loops agree with std's searches, also over text that is not
    /// ASCII (an ASCII byte is never part of a longer character).
    #[test]
    fn ascii_matching_agrees_with_std(hay in "[abcé€ ]{0,24}", needle in "[abc ]{0,4}", other in "[aé€]{1,3}") {
        for term in [&needle, &other] {
            if !term.is_empty() {
                let q = Query::new(std::slice::from_ref(term));
                prop_assert_eq!(find_term(&hay, &q.terms[0]), hay.find(term.as_str()));
            }
        }
        let mut rest = hay.chars();
        let generic = needle.chars().all(|c| rest.by_ref().any(|h| h == c));
        prop_assert_eq!(subsequence_end_ascii(hay.as_bytes(), needle.as_bytes()).is_some(), generic);
        // Where the greedy match ends, counted in chars and turned into bytes.
        let mut end = Some(0);
        for want in needle.chars() {
            end = end.and_then(|e: usize| hay[e..].find(want).map(|i| e + i + want.len_utf8()));
        }
        prop_assert_eq!(subsequence_end_ascii(hay.as_bytes(), needle.as_bytes()), end);
    }
}

proptest! {
    /// The bound that lets a keystroke skip skim really bounds skim.
    #[test]
    fn skim_never_scores_above_its_bound(choice in "[abc_ -.Aé0]{0,20}", pattern in "[abcé0 .-]{1,6}") {
        let m = SkimMatcherV2::default().respect_case().element_limit(1);
        if let Some((s, _)) = m.fuzzy(&choice, &pattern, false) {
            prop_assert!(s <= skim_max(pattern.chars().count() as i64), "{s} for {pattern:?} in {choice:?}");
        }
    }

    /// Every entry's bound is at least its score, and a hit exactly when
    /// it scores.
    #[test]
    fn the_bound_bounds_every_entry(plan in arb_rich_plan(), query in "[abcΣσé -]{0,6}") {
        let idx = SearchIndex::new(&plan);
        let q = Query::new(&terms(&query));
        for e in &idx.entries {
            let bound = idx.bound(e, &q);
            let score = idx.score(e, &q).map(|(s, _)| s);
            prop_assert_eq!(bound.is_some(), score.is_some());
            prop_assert!(bound >= score, "{bound:?} < {score:?}");
        }
    }
}

#[test]
fn the_masks_sort_characters_into_their_bits() {
    assert_eq!(char_mask('a'), 1);
    assert_eq!(char_mask('z'), 1 << 25);
    assert_eq!(char_mask('7'), 1 << 26);
    assert_eq!(char_mask('-'), 1 << 27);
    assert_eq!(char_mask('é'), 1 << 28);
    assert_eq!(text_mask("ab é"), 0b11 | 1 << 27 | 1 << 28);
    assert_eq!(text_mask(""), 0);
}

#[test]
fn where_a_word_sits_in_the_title_does_not_change_its_score() {
    let mut p = Plan::default();
    p.debts.push(debt("D-00001", "Split legacy invoice cron"));
    p.debts.push(debt("D-00002", "Remove legacy invoice cron"));
    p.debts
        .push(debt("D-00003", "Document the legacy invoice cron"));
    let hits = SearchIndex::new(&p).query("leg", 10);
    assert_eq!(hits.len(), 3);
    assert!(
        hits.windows(2).all(|w| w[0].score == w[1].score),
        "{hits:?}"
    );
    // A title that starts with the term still comes first.
    p.debts.push(debt("D-00009", "Legacy exports"));
    let hits = SearchIndex::new(&p).query("leg", 10);
    assert_eq!(hits[0].id, "D-00009");
}
