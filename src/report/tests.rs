use chrono::NaiveDate;

use super::*;
use crate::model::{
    Checkin, Debt, Hypothesis, HypothesisStatus, KeyResult, Plan, Sprint, SprintState,
};

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
}

fn debt(id: &str, risk: u8) -> Debt {
    let mut d = Debt::new(id.into(), format!("title {id}"), day(1));
    d.risk = risk;
    d.effort = Some(1);
    d
}

fn plan() -> Plan {
    let mut kr = KeyResult::bare_fixture("KR-00001", "O-00001");
    kr.baseline = 0.0;
    kr.target = Some(10.0);
    kr.start = day(1);
    kr.checkins = vec![Checkin {
        date: day(2),
        value: 2.0,
    }];
    Plan {
        key_results: vec![kr],
        hypotheses: vec![Hypothesis::new("H-00001".into(), "h".into(), day(1))],
        debts: vec![debt("D-00001", 3), debt("D-00002", 2), debt("D-00003", 1)],
        sprints: vec![Sprint::new(
            "S-00001".into(),
            "s".into(),
            day(1),
            day(14),
            5,
        )],
        ..Plan::default()
    }
}

#[test]
fn fields_ranks_checkins_states_and_settings_are_reported() {
    let old = plan();
    let mut new = old.clone();
    new.debts[2].risk = 5;
    new.debts.remove(1);
    new.key_results[0].check_in(day(10), 6.0);
    new.hypotheses[0].status = HypothesisStatus::Validated;
    new.hypotheses[0].evidence = "it worked".into();
    new.sprints[0].state = SprintState::Active;
    new.weights.risk = 2.0;
    let r = diff_report(&old, &new, "a", "b", day(20));

    assert_eq!(r.removed[0].id, "D-00002");
    let d3 = r.changed.iter().find(|c| c.id == "D-00003").unwrap();
    assert_eq!(
        d3.fields,
        [FieldChange {
            field: "risk".into(),
            old: Some("1".into()),
            new: Some("5".into())
        }]
    );
    assert_eq!(r.settings[0].field, "weights.risk");
    assert_eq!(r.settings[0].new.as_deref(), Some("2"));
    // D-00003 climbs from third to first; D-00002 leaves the ranking.
    let m = r.rank_moves.iter().find(|m| m.id == "D-00003").unwrap();
    assert_eq!((m.old_rank, m.new_rank), (Some(3), Some(1)));
    let gone = r.rank_moves.last().unwrap();
    assert_eq!((gone.id.as_str(), gone.new_rank), ("D-00002", None));
    let k = &r.key_results[0];
    assert_eq!(k.checkins.len(), 1);
    assert_eq!(k.checkins[0].value, 6.0);
    assert_eq!((k.old_progress, k.new_progress), (Some(0.2), Some(0.6)));
    assert_eq!(r.hypotheses[0].new_status, "validated");
    assert_eq!(r.hypotheses[0].evidence, "it worked");
    assert_eq!(r.sprints[0].old_state, Some("planned"));
    assert!(r.table().contains("risk: 1 → 5"), "{}", r.table());
    assert!(r.markdown().contains("| `D-00003` |"), "{}", r.markdown());
}

#[test]
fn health_and_rank_follow_today() {
    let old = plan();
    let r = diff_report(&old, &old, "a", "b", day(20));
    assert!(r.is_empty());
    assert_eq!(
        r.table(),
        "a → b (as of 2026-11-20)\nno changes to the plan\n"
    );
    let mut new = old.clone();
    new.key_results[0].check_in(day(25), 9.0);
    // Seen before the new check-in's day, it does not count yet.
    let early = diff_report(&old, &new, "a", "b", day(20));
    let late = diff_report(&old, &new, "a", "b", day(26));
    assert_eq!(early.key_results[0].new_progress, Some(0.2));
    assert_eq!(late.key_results[0].new_progress, Some(0.9));
}

#[test]
fn long_lists_are_cut_in_text_and_whole_in_data() {
    let old = Plan {
        debts: (0..30).map(|i| debt(&format!("D-{i:05}"), 1)).collect(),
        ..Plan::default()
    };
    let mut new = old.clone();
    new.debts[29].risk = 5;
    let r = diff_report(&old, &new, "a", "b", day(20));
    assert_eq!(r.rank_moves.len(), 30);
    assert!(
        r.table()
            .contains("… and 20 more (--format json lists all)")
    );
    assert!(r.markdown().contains("… and 20 more"), "{}", r.markdown());
}
