//! Sprints in time: one-day sprints, cancelling, velocity over real
//! sprints, and what a finished sprint's report says went where.

use chrono::NaiveDate;

use super::*;
use crate::model::{Debt, DebtStatus, Plan, Sprint, SprintState};

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn plan() -> Plan {
    let mut plan = Plan::default();
    for (id, effort) in [("D-00001", 3), ("D-00002", 5), ("D-00003", 2)] {
        let mut d = Debt::new(id.into(), format!("debt {id}"), day("2026-01-01"));
        d.effort = Some(effort);
        d.risk = 3;
        plan.debts.push(d);
    }
    plan.normalize();
    plan
}

fn new(plan: &mut Plan, name: &str, start: &str, end: &str) -> String {
    let (c, id) = new_sprint(plan, name, day(start), day(end), Some(10), "").unwrap();
    plan.apply(c);
    id
}

#[test]
fn a_one_day_sprint_is_allowed() {
    let mut plan = plan();
    let id = new(&mut plan, "Debt day", "2026-03-06", "2026-03-06");
    let s = plan.sprint(&id).unwrap();
    assert_eq!(s.start, s.end);
    assert!(
        start_warnings(&plan, s, day("2026-03-06")).len() == 1,
        "only: empty"
    );
}

#[test]
fn an_empty_sprint_started_and_closed_does_not_halve_velocity() {
    let mut plan = plan();
    let real = new(&mut plan, "Real", "2026-02-02", "2026-02-13");
    let o = add_items(
        &plan,
        &real,
        &["D-00001".into(), "D-00002".into()],
        day("2026-02-01"),
    )
    .unwrap();
    plan.apply(o.change);
    plan.apply(start(&plan, &real, day("2026-02-02")).unwrap().change);
    let c = close(
        &plan,
        &real,
        &["D-00001".into(), "D-00002".into()],
        day("2026-02-13"),
    );
    plan.apply(c.unwrap().change);
    assert_eq!(velocity(&plan), Some(8.0));
    let oops = new(&mut plan, "Oops", "2026-02-16", "2026-02-27");
    plan.apply(start(&plan, &oops, day("2026-02-16")).unwrap().change);
    plan.apply(close(&plan, &oops, &[], day("2026-02-16")).unwrap().change);
    assert_eq!(
        velocity(&plan),
        Some(8.0),
        "the empty sprint does not count"
    );
}

#[test]
fn cancel_sends_items_back_and_never_counts() {
    let mut plan = plan();
    let id = new(&mut plan, "Maybe", "2026-03-02", "2026-03-13");
    plan.apply(
        add_items(&plan, &id, &["D-00003".into()], day("2026-02-01"))
            .unwrap()
            .change,
    );
    plan.apply(start(&plan, &id, day("2026-03-02")).unwrap().change);
    let before = plan.clone();
    let o = cancel(&plan, &id, day("2026-03-03")).unwrap();
    assert_eq!(
        o.message,
        format!("cancelled {id} (Maybe); 1 item back to the backlog: D-00003")
    );
    let inverse = plan.apply(o.change);
    let s = plan.sprint(&id).unwrap();
    assert_eq!(s.state, SprintState::Cancelled);
    assert!(s.items.is_empty());
    assert_eq!(s.carried, ["D-00003"]);
    assert_eq!(not_done(&plan, s), [("D-00003".into(), WentTo::Backlog)]);
    assert!(candidates(&plan, day("2026-03-03")).len() == 3);
    assert_eq!(velocity(&plan), None);
    assert!(matches!(
        cancel(&plan, &id, day("2026-03-03")),
        Err(PlanningError::NotCancellable { .. })
    ));
    plan.apply(inverse);
    assert_eq!(plan, before, "one undo restores it");
}

#[test]
fn close_records_where_unfinished_items_went() {
    let mut plan = plan();
    let a = new(&mut plan, "A", "2026-03-02", "2026-03-13");
    let b = new(&mut plan, "B", "2026-03-16", "2026-03-27");
    let ids: Vec<String> = ["D-00001", "D-00002", "D-00003"].map(String::from).into();
    plan.apply(
        add_items(&plan, &a, &ids, day("2026-02-01"))
            .unwrap()
            .change,
    );
    plan.apply(start(&plan, &a, day("2026-03-02")).unwrap().change);
    let mut dropped = plan.debt("D-00003").unwrap().clone();
    dropped.set_status(DebtStatus::WontFix, day("2026-03-05"));
    plan.apply(crate::model::Change::new("drop").put(crate::model::Item::Debt(dropped)));
    let done = ["D-00001".to_owned()];
    plan.apply(close(&plan, &a, &done, day("2026-03-13")).unwrap().change);
    let s: &Sprint = plan.sprint(&a).unwrap();
    assert_eq!(
        (s.carried.clone(), s.carried_to.clone()),
        (vec!["D-00002".into()], Some(b.clone()))
    );
    assert_eq!(
        not_done(&plan, s),
        [
            ("D-00002".into(), WentTo::Sprint(b)),
            ("D-00003".into(), WentTo::WontFix)
        ]
    );
}

#[test]
fn creation_warns_of_overlaps_and_past_windows() {
    let mut plan = plan();
    let a = new(&mut plan, "A", "2026-03-02", "2026-03-13");
    let b = new(&mut plan, "B", "2026-03-13", "2026-03-20");
    let s = plan.sprint(&b).unwrap();
    let w = creation_warnings(&plan, s, day("2026-03-25"));
    assert_eq!(w.len(), 2, "{w:?}");
    assert!(w[0].contains(&format!("overlaps {a}")), "{w:?}");
    assert_eq!(w[1], "its window ended 5 days ago (2026-03-20)");
}

#[test]
fn starting_outside_the_window_empty_or_over_capacity_warns() {
    let mut plan = plan();
    let a = new(&mut plan, "A", "2026-03-02", "2026-03-04");
    let s = plan.sprint(&a).unwrap();
    let w = start_warnings(&plan, s, day("2026-03-01"));
    assert_eq!(
        w,
        [
            "today (2026-03-01) is before its window opens (2026-03-02, in 1 day)",
            "nothing is committed to it"
        ]
    );
    let ids: Vec<String> = ["D-00001", "D-00002", "D-00003"].map(String::from).into();
    plan.apply(
        add_items(&plan, &a, &ids, day("2026-02-01"))
            .unwrap()
            .change,
    );
    assert!(start_warnings(&plan, plan.sprint(&a).unwrap(), day("2026-03-03")).is_empty());
    let mut big = plan.sprint(&a).unwrap().clone();
    big.capacity = 9;
    assert_eq!(
        start_warnings(&plan, &big, day("2026-03-05")),
        [
            "its window ended 1 day ago (2026-03-04)",
            "it holds 10 of 9 pts, over capacity by 1 pt"
        ]
    );
}
