//! The merged plan checked as a whole: what the merge broke is a conflict.

use chrono::NaiveDate;

use super::*;
use crate::model::{Debt, Hypothesis, KeyResult, Objective, Sprint};

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn objective(id: &str) -> Objective {
    Objective {
        id: id.into(),
        title: "Faster".into(),
        description: String::new(),
    }
}

/// One objective, one key result under it, a debt, a hypothesis, a sprint.
fn base() -> Plan {
    let mut p = Plan::default();
    p.objectives.push(objective("O-00001"));
    p.key_results
        .push(KeyResult::bare_fixture("KR-00001", "O-00001"));
    p.debts.push(Debt::new(
        "D-00001".into(),
        "slow".into(),
        day("2026-01-01"),
    ));
    p.hypotheses.push(Hypothesis::new(
        "H-00001".into(),
        "Cache".into(),
        day("2026-01-01"),
    ));
    p.sprints.push(Sprint::new(
        "S-00001".into(),
        "Week".into(),
        day("2026-03-02"),
        day("2026-03-13"),
        10,
    ));
    p
}

fn places(m: &Merged) -> Vec<(String, Option<String>)> {
    let mut v: Vec<_> = m
        .conflicts
        .iter()
        .map(|c| (c.id.clone(), c.field.clone()))
        .collect();
    v.sort();
    v
}

/// Both ways round: the same places; the plan writes and reads back.
fn both(b: &Plan, o: &Plan, t: &Plan) -> (Merged, Merged) {
    let ab = merge(b, o, t);
    let ba = merge(b, t, o);
    assert_eq!(places(&ab), places(&ba));
    for m in [&ab, &ba] {
        let text = crate::store::format::to_text(&m.plan).unwrap();
        assert_eq!(crate::store::format::from_text(&text).unwrap(), m.plan);
    }
    (ab, ba)
}

fn whole(id: &str) -> Vec<(String, Option<String>)> {
    vec![(id.to_owned(), None)]
}

#[test]
fn a_key_result_added_under_an_objective_deleted_on_the_other_side_is_a_conflict() {
    let b = base();
    let mut o = b.clone();
    o.objectives.clear();
    o.key_results.clear();
    let mut t = b.clone();
    t.key_results
        .push(KeyResult::bare_fixture("KR-00009", "O-00001"));
    let (ab, ba) = both(&b, &o, &t);
    assert_eq!(places(&ab), whole("O-00001"));
    let c = &ab.conflicts[0];
    assert!(
        c.base.is_some() && c.ours.is_none() && c.theirs.is_some(),
        "{c:?}"
    );
    // Ours deleted it: it stays deleted until settled; with theirs as ours,
    // it is put back and nothing dangles.
    assert!(ab.plan.objectives.is_empty());
    assert_eq!(ba.plan.objectives, b.objectives);
    assert!(ba.plan.key_results.iter().any(|k| k.id == "KR-00009"));
}

#[test]
fn links_to_a_deleted_key_result_or_debt_are_conflicts() {
    let b = base();
    let mut o = b.clone();
    o.key_results.clear();
    o.debts.clear();
    let mut t = b.clone();
    t.debts[0].key_results.push("KR-00001".into());
    t.hypotheses[0].key_results.push("KR-00001".into());
    t.sprints[0].items.push("D-00001".into());
    let (ab, _) = both(&b, &o, &t);
    assert_eq!(
        places(&ab),
        vec![("D-00001".into(), None), ("KR-00001".into(), None)]
    );
    // A hypothesis' link alone is enough.
    let mut t = b.clone();
    t.hypotheses[0].key_results.push("KR-00001".into());
    let mut o = b.clone();
    o.key_results.clear();
    let (ab, _) = both(&b, &o, &t);
    assert_eq!(places(&ab), whole("KR-00001"));
}

#[test]
fn a_link_that_dangled_on_a_side_already_is_not_the_merges() {
    let mut b = base();
    b.key_results[0].objective = "O-00404".into();
    let mut o = b.clone();
    o.debts[0].title = "slower".into();
    let mut t = b.clone();
    t.hypotheses[0].title = "Cache more".into();
    let (ab, _) = both(&b, &o, &t);
    assert_eq!(ab.conflicts, vec![]);
    // A delete of the objective with its key result on one side, an edit
    // of that key result on the other: the delete-vs-edit conflict only.
    let b = base();
    let mut o = b.clone();
    o.objectives.clear();
    o.key_results.clear();
    let mut t = b.clone();
    t.key_results[0].owner = "ana".into();
    let (ab, _) = both(&b, &o, &t);
    assert_eq!(places(&ab), whole("KR-00001"));
}

#[test]
fn a_start_from_one_side_after_a_due_date_from_the_other_is_a_conflict() {
    let mut b = base();
    b.key_results[0].due = Some(day("2026-06-01"));
    let mut o = b.clone();
    o.key_results[0].start = day("2026-05-01");
    let mut t = b.clone();
    t.key_results[0].due = Some(day("2026-04-01"));
    let (ab, ba) = both(&b, &o, &t);
    assert_eq!(places(&ab), vec![("KR-00001".into(), Some("due".into()))]);
    let c = &ab.conflicts[0];
    assert_eq!(c.ours.as_deref(), Some("\"2026-06-01\""));
    assert_eq!(c.theirs.as_deref(), Some("\"2026-04-01\""));
    // The plan holds ours' record, which keeps the rule.
    assert_eq!(ab.plan.key_results[0], o.key_results[0]);
    assert_eq!(ba.plan.key_results[0], t.key_results[0]);
    assert_eq!(crate::model::validate::plan(&ab.plan), None);
}

#[test]
fn a_rule_broken_only_with_the_other_pick_is_a_conflict_both_ways() {
    // Both changed the start, theirs also the due date: with ours' start
    // the merged record breaks the rule, with theirs' it keeps it.
    let mut b = base();
    b.key_results[0].start = day("2026-01-01");
    b.key_results[0].due = Some(day("2026-06-01"));
    let mut o = b.clone();
    o.key_results[0].start = day("2026-05-15");
    let mut t = b.clone();
    t.key_results[0].start = day("2026-02-01");
    t.key_results[0].due = Some(day("2026-05-01"));
    let (ab, _) = both(&b, &o, &t);
    assert_eq!(
        places(&ab),
        vec![
            ("KR-00001".into(), Some("due".into())),
            ("KR-00001".into(), Some("start".into()))
        ]
    );
}

#[test]
fn health_thresholds_crossed_by_the_merge_are_a_settings_conflict() {
    let b = base();
    let mut o = b.clone();
    o.health.at_risk = 0.2;
    let mut t = b.clone();
    t.health.off_track = 0.15;
    let (ab, ba) = both(&b, &o, &t);
    assert!(
        places(&ab)
            .iter()
            .all(|(id, f)| id == SETTINGS && f.as_deref().is_some_and(|f| f.starts_with("health."))),
        "{:?}",
        places(&ab)
    );
    assert!(!ab.conflicts.is_empty());
    assert_eq!(ab.plan.health, o.health);
    assert_eq!(ba.plan.health, t.health);
}

#[test]
fn an_id_held_twice_after_the_merge_is_a_conflict() {
    let b = base();
    let mut o = b.clone();
    o.objectives.push(objective("X-1"));
    let mut t = b.clone();
    t.debts
        .push(Debt::new("X-1".into(), "slow".into(), day("2026-01-01")));
    let ab = merge(&b, &o, &t);
    let ba = merge(&b, &t, &o);
    assert_eq!(places(&ab), whole("X-1"));
    assert_eq!(places(&ba), whole("X-1"));
    assert!(ab.plan.objectives.iter().any(|x| x.id == "X-1"));
    assert!(ab.plan.debts.iter().all(|x| x.id != "X-1"));
    assert!(ba.plan.debts.iter().any(|x| x.id == "X-1"));
    assert!(ba.plan.objectives.iter().all(|x| x.id != "X-1"));
}
