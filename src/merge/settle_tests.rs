//! Settling: every conflict settled with theirs is the merge the other way
//! round; with ours it is the merge itself; with base it is the same
//! whichever side was ours. Plus one test per kind of conflict.

use proptest::prelude::*;

use super::proptests::{apply, base, edits, ids};
use super::*;
use crate::model::{Debt, KeyResult};

fn settle_all(m: &Merged, side: Side) -> Plan {
    let mut p = m.plan.clone();
    for c in &m.conflicts {
        p = match settle(&p, c, side) {
            Ok(p) => p,
            Err(e) => panic!("{c:?}: {e}"),
        };
    }
    p
}

/// The plan as JSON with every set sorted: a set merged ours-first and one
/// merged theirs-first hold the same members in another order.
fn canon(p: &Plan) -> Value {
    let mut v = serde_json::to_value(p).unwrap();
    for list in LISTS {
        for r in v[list].as_array_mut().unwrap() {
            for s in SETS {
                if let Some(a) = r.get_mut(s).and_then(Value::as_array_mut) {
                    a.sort_by_key(Value::to_string);
                }
            }
        }
    }
    v
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 128,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn settling_with_a_side_is_the_merge_that_side_first(base in base(), ea in edits(), eb in edits()) {
        let ids = ids(&base);
        let a = apply(&base, &ids, &ea);
        let b = apply(&base, &ids, &eb);
        let ab = merge(&base, &a, &b);
        let ba = merge(&base, &b, &a);
        prop_assert_eq!(&settle_all(&ab, Side::Ours), &ab.plan);
        prop_assert_eq!(canon(&settle_all(&ab, Side::Theirs)), canon(&settle_all(&ba, Side::Ours)));
        prop_assert_eq!(canon(&settle_all(&ba, Side::Theirs)), canon(&ab.plan));
        prop_assert_eq!(canon(&settle_all(&ab, Side::Base)), canon(&settle_all(&ba, Side::Base)));
    }
}

fn day(s: &str) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn plan_with_debt() -> Plan {
    let mut p = Plan::default();
    p.debts.push(Debt::new(
        "D-00001".into(),
        "slow".into(),
        day("2026-01-01"),
    ));
    let mut kr = KeyResult::bare_fixture("KR-00001", "O-00001");
    kr.check_in(day("2026-03-01"), 1.0);
    p.key_results.push(kr);
    p
}

#[test]
fn a_field_conflict_settles_to_each_side() {
    let b = plan_with_debt();
    let mut o = b.clone();
    o.debts[0].risk = 2;
    let mut t = b.clone();
    t.debts[0].risk = 3;
    let m = merge(&b, &o, &t);
    assert_eq!(m.conflicts.len(), 1);
    let c = &m.conflicts[0];
    assert_eq!(settle(&m.plan, c, Side::Theirs).unwrap().debts[0].risk, 3);
    assert_eq!(settle(&m.plan, c, Side::Ours).unwrap().debts[0].risk, 2);
    assert_eq!(settle(&m.plan, c, Side::Base).unwrap(), b);
}

#[test]
fn a_delete_against_an_edit_settles_by_removing_or_restoring_the_item() {
    let b = plan_with_debt();
    let mut o = b.clone();
    o.debts.clear();
    let mut t = b.clone();
    t.debts[0].owner = "ana".into();
    let m = merge(&b, &o, &t);
    let c = &m.conflicts[0];
    assert_eq!(c.field, None);
    assert!(m.plan.debts.is_empty());
    let theirs = settle(&m.plan, c, Side::Theirs).unwrap();
    assert_eq!(theirs.debts, t.debts);
    assert_eq!(settle(&theirs, c, Side::Ours).unwrap().debts, vec![]);
}

#[test]
fn a_check_in_settled_recomputes_current() {
    let b = plan_with_debt();
    let mut o = b.clone();
    o.key_results[0].check_in(day("2026-03-08"), 2.0);
    let mut t = b.clone();
    t.key_results[0].check_in(day("2026-03-08"), 5.0);
    let m = merge(&b, &o, &t);
    let c = &m.conflicts[0];
    assert_eq!(c.field.as_deref(), Some("checkins[2026-03-08]"));
    let theirs = settle(&m.plan, c, Side::Theirs).unwrap();
    assert_eq!(theirs.key_results[0].current, 5.0);
    assert_eq!(theirs.key_results[0].checkins.len(), 2);
    let base = settle(&m.plan, c, Side::Base).unwrap();
    assert_eq!(base.key_results[0].current, 1.0);
    assert_eq!(base.key_results[0].checkins.len(), 1);
}

#[test]
fn a_settings_field_settles_by_its_path() {
    let b = Plan::default();
    let mut o = b.clone();
    o.weights.risk = 2.0;
    let mut t = b.clone();
    t.weights.risk = 3.0;
    let m = merge(&b, &o, &t);
    let c = &m.conflicts[0];
    assert_eq!(
        (c.id.as_str(), c.field.as_deref()),
        (SETTINGS, Some("weights.risk"))
    );
    assert_eq!(settle(&m.plan, c, Side::Theirs).unwrap().weights.risk, 3.0);
}

#[test]
fn an_unknown_item_or_a_bad_value_is_an_error_not_a_panic() {
    let p = plan_with_debt();
    let c = Conflict {
        reason: None,
        id: "D-00009".into(),
        field: Some("risk".into()),
        base: None,
        ours: None,
        theirs: Some("3".into()),
    };
    assert!(settle(&p, &c, Side::Theirs).is_err());
    let c = Conflict {
        reason: None,
        id: "D-00001".into(),
        field: Some("risk".into()),
        base: None,
        ours: None,
        theirs: Some("{not json".into()),
    };
    assert!(matches!(
        settle(&p, &c, Side::Theirs),
        Err(SettleError::BadValue { .. })
    ));
    let c = Conflict {
        reason: None,
        theirs: Some("\"high\"".into()),
        ..c
    };
    assert!(matches!(
        settle(&p, &c, Side::Theirs),
        Err(SettleError::Invalid { .. })
    ));
}

/// Found by the property above: both sides check in on a key result
/// without check-ins, one side at the base's value. Settled with base the
/// check-in goes and `current` is the baseline either way round, as
/// removing the last check-in leaves it.
#[test]
fn settling_away_the_only_check_in_leaves_the_baseline_whichever_side_was_ours() {
    let mut b = Plan::default();
    let mut kr = KeyResult::bare_fixture("KR-00001", "O-00001");
    kr.baseline = 0.0;
    kr.current = 0.0;
    b.key_results.push(kr);
    let mut o = b.clone();
    o.key_results[0].check_in(day("2026-03-08"), 0.5);
    let mut t = b.clone();
    t.key_results[0].check_in(day("2026-03-08"), 0.0);
    for (ours, theirs) in [(&o, &t), (&t, &o)] {
        let m = merge(&b, ours, theirs);
        assert_eq!(m.conflicts.len(), 1, "{:?}", m.conflicts);
        let base = settle(&m.plan, &m.conflicts[0], Side::Base).unwrap();
        assert!(base.key_results[0].checkins.is_empty());
        assert_eq!(base.key_results[0].current, 0.0);
    }
}
