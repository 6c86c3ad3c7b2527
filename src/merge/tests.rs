//! One test per rule of the merge.

use chrono::NaiveDate;

use super::*;
use crate::model::{Debt, Decision, Hypothesis, HypothesisStatus, KeyResult, Objective, Sprint};

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn debt(id: &str) -> Debt {
    Debt::new(id.into(), "slow build".into(), day("2026-01-01"))
}

/// A base with one objective, one key result, one hypothesis, two debts
/// and a sprint.
fn base() -> Plan {
    let mut p = Plan {
        north_star: "Ship weekly.".into(),
        ..Plan::default()
    };
    p.objectives.push(Objective {
        id: "O-00001".into(),
        title: "Faster".into(),
        description: "line one\nline two\nline three\n".into(),
    });
    p.key_results
        .push(KeyResult::bare_fixture("KR-00001", "O-00001"));
    p.hypotheses.push(Hypothesis::new(
        "H-00001".into(),
        "Cache".into(),
        day("2026-01-01"),
    ));
    let mut d = debt("D-00001");
    d.tags = vec!["ci".into(), "build".into()];
    p.debts.push(d);
    p.debts.push(debt("D-00002"));
    let mut s = Sprint::new(
        "S-00001".into(),
        "one".into(),
        day("2026-03-01"),
        day("2026-03-14"),
        10,
    );
    s.items = vec!["D-00001".into()];
    p.sprints.push(s);
    p
}

fn edit(p: &Plan, f: impl FnOnce(&mut Plan)) -> Plan {
    let mut p = p.clone();
    f(&mut p);
    p
}

/// (id, field) of each conflict.
fn where_(m: &Merged) -> Vec<(String, Option<String>)> {
    m.conflicts
        .iter()
        .map(|c| (c.id.clone(), c.field.clone()))
        .collect()
}

#[test]
fn different_fields_of_one_item_both_land() {
    let b = base();
    let o = edit(&b, |p| p.debts[0].customer = 4);
    let t = edit(&b, |p| p.debts[0].delivery = 5);
    let m = merge(&b, &o, &t);
    assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
    assert_eq!((m.plan.debts[0].customer, m.plan.debts[0].delivery), (4, 5));
}

#[test]
fn the_same_field_changed_both_ways_is_a_conflict_holding_ours() {
    let b = base();
    let o = edit(&b, |p| p.debts[0].risk = 2);
    let t = edit(&b, |p| p.debts[0].risk = 3);
    let m = merge(&b, &o, &t);
    assert_eq!(m.plan.debts[0].risk, 2);
    assert_eq!(
        m.conflicts,
        vec![Conflict {
            reason: None,
            id: "D-00001".into(),
            field: Some("risk".into()),
            base: Some("0".into()),
            ours: Some("2".into()),
            theirs: Some("3".into()),
        }]
    );
}

#[test]
fn the_same_change_on_both_sides_is_no_conflict() {
    let b = base();
    let o = edit(&b, |p| p.debts[0].owner = "ana".into());
    let m = merge(&b, &o, &o);
    assert!(m.conflicts.is_empty());
    assert_eq!(m.plan, o);
}

#[test]
fn a_delete_against_an_edit_is_a_conflict_and_both_deleted_is_fine() {
    let b = base();
    let gone = edit(&b, |p| {
        p.debts.remove(1);
    });
    let edited = edit(&b, |p| p.debts[1].owner = "ana".into());
    let m = merge(&b, &gone, &edited);
    assert_eq!(where_(&m), vec![("D-00002".into(), None)]);
    assert!(m.plan.debt("D-00002").is_none(), "ours: deleted");
    assert_eq!(m.conflicts[0].ours, None);
    let m = merge(&b, &edited, &gone);
    assert_eq!(where_(&m), vec![("D-00002".into(), None)]);
    assert_eq!(m.plan.debt("D-00002").unwrap().owner, "ana");

    let m = merge(&b, &gone, &gone);
    assert!(m.conflicts.is_empty());
    assert_eq!(m.plan, gone);
    // Deleted on one side, untouched on the other: deleted.
    assert_eq!(merge(&b, &b, &gone).plan, gone);
}

#[test]
fn a_new_id_on_both_sides_conflicts_only_when_the_content_differs() {
    let b = base();
    let o = edit(&b, |p| p.debts.push(debt("D-00009")));
    let same = merge(&b, &o, &o);
    assert!(same.conflicts.is_empty());
    let t = edit(&b, |p| {
        let mut d = debt("D-00009");
        d.title = "other".into();
        p.debts.push(d);
    });
    let m = merge(&b, &o, &t);
    assert_eq!(where_(&m), vec![("D-00009".into(), None)]);
    assert_eq!(m.plan.debt("D-00009").unwrap().title, "slow build");
    assert_eq!(m.conflicts[0].base, None);
}

#[test]
fn new_items_of_both_sides_are_kept_in_id_order() {
    let b = base();
    let o = edit(&b, |p| p.debts.push(debt("D-00005")));
    let t = edit(&b, |p| p.debts.insert(0, debt("D-00000")));
    let m = merge(&b, &o, &t);
    assert!(m.conflicts.is_empty());
    let ids: Vec<&str> = m.plan.debts.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["D-00000", "D-00001", "D-00002", "D-00005"]);
}

#[test]
fn tags_merge_as_sets_in_ours_order_then_theirs_additions() {
    let b = base();
    let o = edit(&b, |p| p.debts[0].tags = vec!["perf".into(), "ci".into()]);
    let t = edit(&b, |p| {
        p.debts[0].tags = vec!["ci".into(), "build".into(), "flaky".into()];
    });
    let m = merge(&b, &o, &t);
    assert!(m.conflicts.is_empty());
    assert_eq!(m.plan.debts[0].tags, ["perf", "ci", "flaky"]);
    // Theirs removes one, ours adds one.
    let t = edit(&b, |p| p.debts[0].tags = vec!["build".into()]);
    let o = edit(&b, |p| p.debts[0].tags.push("x".into()));
    assert_eq!(merge(&b, &o, &t).plan.debts[0].tags, ["build", "x"]);
}

#[test]
fn linked_key_results_and_sprint_items_merge_as_sets() {
    let b = base();
    let o = edit(&b, |p| {
        p.hypotheses[0].key_results.push("KR-00001".into());
        p.sprints[0].items.push("D-00002".into());
    });
    let t = edit(&b, |p| {
        p.hypotheses[0].key_results.push("KR-00007".into());
        p.sprints[0].items.clear();
    });
    let m = merge(&b, &o, &t);
    assert!(m.conflicts.is_empty());
    assert_eq!(m.plan.hypotheses[0].key_results, ["KR-00001", "KR-00007"]);
    assert_eq!(m.plan.sprints[0].items, ["D-00002"]);
}

#[test]
fn check_ins_merge_by_date_and_current_follows_the_latest() {
    let b = edit(&base(), |p| {
        p.key_results[0].check_in(day("2026-03-02"), 0.1);
    });
    let o = edit(&b, |p| {
        p.key_results[0].check_in(day("2026-03-09"), 0.4);
    });
    let t = edit(&b, |p| {
        p.key_results[0].check_in(day("2026-03-05"), 0.2);
        p.key_results[0].owner = "ana".into();
    });
    let m = merge(&b, &o, &t);
    assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
    let kr = &m.plan.key_results[0];
    let dates: Vec<String> = kr.checkins.iter().map(|c| c.date.to_string()).collect();
    assert_eq!(dates, ["2026-03-02", "2026-03-05", "2026-03-09"]);
    assert_eq!((kr.current, kr.owner.as_str()), (0.4, "ana"));
    // Theirs' check-in is the latest: current follows it, not ours' mirror.
    let m = merge(&b, &t, &o);
    assert_eq!(m.plan.key_results[0].current, 0.4);
}

#[test]
fn the_same_date_with_two_values_is_a_conflict() {
    let b = base();
    let o = edit(&b, |p| {
        p.key_results[0].check_in(day("2026-03-09"), 0.4);
    });
    let t = edit(&b, |p| {
        p.key_results[0].check_in(day("2026-03-09"), 0.5);
    });
    let m = merge(&b, &o, &t);
    assert_eq!(
        m.conflicts,
        vec![Conflict {
            reason: None,
            id: "KR-00001".into(),
            field: Some("checkins[2026-03-09]".into()),
            base: None,
            ours: Some("0.4".into()),
            theirs: Some("0.5".into()),
        }]
    );
    assert_eq!(m.plan.key_results[0].current, 0.4);
}

#[test]
fn hypothesis_history_merges_by_its_entries() {
    let decision = |reopened: &str| Decision {
        status: HypothesisStatus::Abandoned,
        date: day("2026-02-01"),
        evidence: "no change".into(),
        reopened: day(reopened),
    };
    let b = edit(&base(), |p| {
        p.hypotheses[0].history.push(decision("2026-02-10"))
    });
    let o = edit(&b, |p| p.hypotheses[0].history.push(decision("2026-03-01")));
    let t = edit(&b, |p| p.hypotheses[0].history.push(decision("2026-04-01")));
    let m = merge(&b, &o, &t);
    assert!(m.conflicts.is_empty());
    let reopened: Vec<String> = m.plan.hypotheses[0]
        .history
        .iter()
        .map(|d| d.reopened.to_string())
        .collect();
    assert_eq!(reopened, ["2026-02-10", "2026-03-01", "2026-04-01"]);
}

#[test]
fn settings_merge_as_fields() {
    let b = base();
    let o = edit(&b, |p| {
        p.weights.customer = 2.0;
        p.health.at_risk = 0.2;
    });
    let t = edit(&b, |p| {
        p.weights.risk = 3.0;
        p.policy.stale_experiment = crate::model::Severity::Error;
    });
    let m = merge(&b, &o, &t);
    assert!(m.conflicts.is_empty());
    assert_eq!((m.plan.weights.customer, m.plan.weights.risk), (2.0, 3.0));
    assert_eq!(m.plan.health.at_risk, 0.2);
    assert_eq!(
        m.plan.policy.stale_experiment,
        crate::model::Severity::Error
    );

    let t = edit(&b, |p| p.weights.customer = 5.0);
    let m = merge(&b, &o, &t);
    assert_eq!(
        where_(&m),
        vec![(SETTINGS.into(), Some("weights.customer".into()))]
    );
    assert_eq!(m.plan.weights.customer, 2.0);
}

#[test]
fn long_text_changed_on_both_sides_merges_by_line() {
    let b = base();
    let o = edit(&b, |p| {
        p.objectives[0].description = "LINE ONE\nline two\nline three\n".into();
    });
    let t = edit(&b, |p| {
        p.objectives[0].description = "line one\nline two\nline three\nline four\n".into();
    });
    let m = merge(&b, &o, &t);
    assert!(m.conflicts.is_empty());
    assert_eq!(
        m.plan.objectives[0].description,
        "LINE ONE\nline two\nline three\nline four\n"
    );
    // The same line both ways: a conflict.
    let t = edit(&b, |p| {
        p.objectives[0].description = "Line One\nline two\nline three\n".into();
    });
    let m = merge(&b, &o, &t);
    assert_eq!(
        where_(&m),
        vec![("O-00001".into(), Some("description".into()))]
    );
    assert_eq!(
        m.plan.objectives[0].description,
        o.objectives[0].description
    );
}

#[test]
fn the_north_star_and_evidence_are_long_text() {
    let b = edit(&base(), |p| {
        p.north_star = "a\nb\nc\n".into();
        p.hypotheses[0].evidence = "x\ny\nz\n".into();
    });
    let o = edit(&b, |p| {
        p.north_star = "A\nb\nc\n".into();
        p.hypotheses[0].evidence = "X\ny\nz\n".into();
    });
    let t = edit(&b, |p| {
        p.north_star = "a\nb\nC\n".into();
        p.hypotheses[0].evidence = "x\ny\nZ\n".into();
    });
    let m = merge(&b, &o, &t);
    assert!(m.conflicts.is_empty());
    assert_eq!(m.plan.north_star, "A\nb\nC\n");
    assert_eq!(m.plan.hypotheses[0].evidence, "X\ny\nZ\n");
    // A one-line title is not long text: both ways is a conflict.
    let o = edit(&b, |p| p.debts[0].title = "ours".into());
    let t = edit(&b, |p| p.debts[0].title = "theirs".into());
    assert_eq!(
        where_(&merge(&b, &o, &t)),
        vec![("D-00001".into(), Some("title".into()))]
    );
}

#[test]
fn an_optional_field_set_on_one_side_and_cleared_on_the_other() {
    let b = edit(&base(), |p| p.debts[0].source = Some("import".into()));
    let o = edit(&b, |p| p.debts[0].source = None);
    let t = edit(&b, |p| p.debts[0].source = Some("other".into()));
    let m = merge(&b, &o, &t);
    assert_eq!(m.conflicts[0].ours, None);
    assert_eq!(m.plan.debts[0].source, None);
    // Cleared on one side only: cleared.
    assert_eq!(merge(&b, &o, &b).plan.debts[0].source, None);
}

#[test]
fn a_duplicate_id_is_kept_not_dropped() {
    let b = edit(&base(), |p| p.debts.insert(1, debt("D-00001")));
    let o = edit(&b, |p| p.debts[1].owner = "ana".into());
    let t = edit(&b, |p| p.debts[2].owner = "bo".into());
    let m = merge(&b, &o, &t);
    assert!(m.conflicts.is_empty());
    let owners: Vec<(&str, &str)> = m
        .plan
        .debts
        .iter()
        .map(|d| (d.id.as_str(), d.owner.as_str()))
        .collect();
    assert_eq!(
        owners,
        [("D-00001", ""), ("D-00001", "ana"), ("D-00002", "bo")]
    );
}

/// The import mapping rules merge like the other settings: one side's
/// change to them and the other's to a weight both land; the same rule
/// changed two ways is a conflict named by its field.
#[test]
fn import_rules_merge_as_settings() {
    let b = base();
    let o = edit(&b, |p| p.import.debt_labels = vec!["cleanup".into()]);
    let t = edit(&b, |p| {
        p.weights.risk = 3.0;
        p.import.area_prefixes = vec!["team:".into()];
    });
    let m = merge(&b, &o, &t);
    assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
    assert_eq!(m.plan.import.debt_labels, ["cleanup"]);
    assert_eq!(m.plan.import.area_prefixes, ["team:"]);
    assert_eq!(m.plan.weights.risk, 3.0);

    let t = edit(&b, |p| p.import.debt_labels = vec!["refactor".into()]);
    let m = merge(&b, &o, &t);
    let fields: Vec<Option<String>> = m.conflicts.iter().map(|c| c.field.clone()).collect();
    assert_eq!(m.conflicts.len(), 1, "{:?}", m.conflicts);
    assert!(
        fields[0]
            .as_deref()
            .is_some_and(|f| f.starts_with("import")),
        "{fields:?}"
    );
}

#[test]
fn an_import_record_taken_on_both_sides_is_the_later_one() {
    let b = base();
    let (mut o, mut t) = (b.clone(), b.clone());
    let record = |date: &str, title: &str| {
        let mut d = debt("D-00002");
        d.title = title.into();
        Some(crate::model::Imported::of(&d, day(date)))
    };
    o.debts[1].imported = record("2026-02-01", "as imported here");
    t.debts[1].imported = record("2026-02-03", "as imported there");
    for (ours, theirs) in [(&o, &t), (&t, &o)] {
        let m = merge(&b, ours, theirs);
        assert_eq!(m.conflicts, [], "bookkeeping, not a clash");
        assert_eq!(m.plan.debts[1].imported, t.debts[1].imported);
    }
}
