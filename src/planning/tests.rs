//! Unit tests, compiled only under `#[cfg(test)] mod tests;` in the parent:
//! unwrap() here is on fixtures the test builds, never on user input.

use chrono::NaiveDate;
use proptest::prelude::*;

use super::*;
use crate::model::{Commitment, Debt, DebtStatus, Plan, Sprint, SprintState};
use crate::score;

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn today() -> NaiveDate {
    day("2026-03-02")
}

/// A debt item whose WSJF score is `cod / effort` (cost of delay in the
/// customer term only).
fn debt(id: &str, cod: u8, effort: u32) -> Debt {
    let mut d = Debt::new(id.into(), format!("title {id}"), day("2026-01-01"));
    d.customer = cod;
    d.effort = Some(effort);
    d
}

fn sprint(id: &str, start: &str, end: &str, capacity: u32) -> Sprint {
    Sprint::new(
        id.into(),
        format!("name {id}"),
        day(start),
        day(end),
        capacity,
    )
}

fn plan_with(debts: Vec<Debt>, sprints: Vec<Sprint>) -> Plan {
    let mut plan = Plan {
        debts,
        sprints,
        ..Plan::default()
    };
    plan.normalize();
    plan
}

fn ids(plan: &Plan, rows: &[Ranked]) -> Vec<String> {
    rows.iter()
        .map(|r| plan.debts[r.index].id.clone())
        .collect()
}

#[test]
fn candidates_skip_closed_debt_and_open_sprints() {
    let mut done = debt("D-00003", 5, 1);
    done.status = DebtStatus::Done;
    let mut s = sprint("S-00001", "2026-03-02", "2026-03-13", 10);
    s.items = vec!["D-00002".into()];
    let mut old = sprint("S-00000", "2026-02-02", "2026-02-13", 10);
    old.items = vec!["D-00001".into()];
    old.state = SprintState::Closed;
    let plan = plan_with(
        vec![
            debt("D-00001", 1, 1),
            debt("D-00002", 5, 1),
            done,
            debt("D-00004", 4, 1),
        ],
        vec![old, s],
    );
    // D-00001 sits in a closed sprint only, so it is a candidate again.
    assert_eq!(
        ids(&plan, &candidates(&plan, today())),
        ["D-00004", "D-00001"]
    );
}

#[test]
fn velocity_and_suggested_capacity() {
    let mut plan = plan_with(vec![], vec![]);
    assert_eq!(velocity(&plan), None);
    assert_eq!(suggested_capacity(&plan), DEFAULT_CAPACITY);
    assert_eq!(capacity_suggestion(&plan).1, CapacityBasis::Default);
    plan.sprints
        .push(sprint("S-00009", "2026-01-05", "2026-01-16", 13));
    assert_eq!(suggested_capacity(&plan), 13);
    assert_eq!(
        capacity_suggestion(&plan).1,
        CapacityBasis::LastSprint("S-00009".into())
    );
    let closed = |id: &str, end: &str, pts: u32| {
        let mut s = sprint(id, "2025-01-01", end, 30);
        s.state = SprintState::Closed;
        s.completed_points = Some(pts);
        s
    };
    plan.sprints = vec![
        closed("S-00001", "2025-06-01", 100), // oldest: outside the window
        closed("S-00002", "2025-07-01", 10),
        closed("S-00003", "2025-08-01", 12),
        closed("S-00004", "2025-09-01", 15),
        sprint("S-00005", "2026-01-05", "2026-01-16", 13),
    ];
    assert_eq!(velocity(&plan), Some(37.0 / 3.0));
    assert_eq!(suggested_capacity(&plan), 12);
    assert_eq!(capacity_suggestion(&plan).1, CapacityBasis::Velocity(3));
}

#[test]
fn new_sprint_validates_and_suggests() {
    let plan = plan_with(vec![], vec![]);
    let (change, id) = new_sprint(
        &plan,
        " Sprint 1 ",
        day("2026-03-02"),
        day("2026-03-13"),
        None,
        "",
    )
    .unwrap();
    let mut p = plan.clone();
    p.apply(change);
    let s = p.sprint(&id).unwrap();
    assert_eq!(
        (s.name.as_str(), s.capacity),
        ("Sprint 1", DEFAULT_CAPACITY)
    );
    let e = new_sprint(
        &plan,
        "x",
        day("2026-03-13"),
        day("2026-03-02"),
        Some(0),
        "",
    )
    .unwrap_err();
    let msg = e.to_string();
    assert!(
        msg.contains("must be on or after the start") && msg.contains("at least 1"),
        "{msg}"
    );
}

#[test]
fn add_and_remove_refuse_what_they_must() {
    let mut closed = sprint("S-00000", "2026-01-05", "2026-01-16", 5);
    closed.state = SprintState::Closed;
    let mut other = sprint("S-00002", "2026-03-16", "2026-03-27", 5);
    other.items = vec!["D-00002".into()];
    let mut done = debt("D-00003", 1, 1);
    done.status = DebtStatus::Done;
    let plan = plan_with(
        vec![debt("D-00001", 1, 3), debt("D-00002", 1, 1), done],
        vec![
            closed,
            sprint("S-00001", "2026-03-02", "2026-03-13", 2),
            other,
        ],
    );
    let one = |s: &str| vec![s.to_string()];
    assert_eq!(
        add_items(&plan, "S-00001", &one("D-00002"), today())
            .unwrap_err()
            .to_string(),
        "D-00002 is already in S-00002 (name S-00002); remove it there first"
    );
    assert!(matches!(
        add_items(&plan, "S-00001", &one("D-00009"), today()),
        Err(PlanningError::UnknownDebt(_))
    ));
    assert!(matches!(
        add_items(&plan, "S-00001", &one("D-00003"), today()),
        Err(PlanningError::DebtNotOpen { .. })
    ));
    assert_eq!(
        add_items(&plan, "S-00000", &one("D-00001"), today())
            .unwrap_err()
            .to_string(),
        "S-00000 is closed; only a planned or active sprint can be planned"
    );
    let out = add_items(&plan, "S-00001", &one("D-00001"), today()).unwrap();
    assert_eq!(
        out.message,
        "added 1 item to S-00001: 3/2 pts — over capacity by 1 pt"
    );
    let mut p = plan.clone();
    p.apply(out.change);
    assert_eq!(p.sprint("S-00001").unwrap().items, ["D-00001"]);
    assert!(matches!(
        remove_items(&p, "S-00001", &one("D-00002"), today()),
        Err(PlanningError::NotInSprint { .. })
    ));
    let out = remove_items(&p, "S-00001", &one("D-00001"), today()).unwrap();
    p.apply(out.change);
    assert!(p.sprint("S-00001").unwrap().items.is_empty());
}

#[test]
fn auto_plan_is_exact_and_keeps_commitments() {
    // Capacity 10 with 2 points committed leaves 8. Rank order would take
    // D-00001 (score 1.0, 5 pts) and then nothing else fits; the best total
    // is D-00002 + D-00003 (1.0 + 1.0 in 8 pts).
    let mut s = sprint("S-00001", "2026-03-02", "2026-03-13", 10);
    s.items = vec!["D-00009".into()];
    let plan = plan_with(
        vec![
            debt("D-00001", 5, 5),
            debt("D-00002", 4, 4),
            debt("D-00003", 4, 4),
            debt("D-00004", 3, 4),
            debt("D-00009", 1, 2),
        ],
        vec![s],
    );
    let out = auto_plan(&plan, "S-00001", today()).unwrap();
    assert_eq!(out.chosen, ["D-00002", "D-00003"]);
    assert_eq!(
        out.message,
        "planned 2 items, 10/10 pts, total score 2.0 — best total within capacity"
    );
    let mut p = plan.clone();
    let undo = p.apply(out.change);
    assert_eq!(
        p.sprint("S-00001").unwrap().items,
        ["D-00009", "D-00002", "D-00003"]
    );
    let again = auto_plan(&p, "S-00001", today()).unwrap();
    assert!(again.change.is_empty());
    assert!(again.message.contains("is full"), "{}", again.message);
    p.apply(undo);
    assert_eq!(p, plan);
}

#[test]
fn top_n_says_when_it_overflows() {
    let plan = plan_with(
        vec![
            debt("D-00001", 5, 5),
            debt("D-00002", 4, 4),
            debt("D-00003", 3, 3),
        ],
        vec![sprint("S-00001", "2026-03-02", "2026-03-13", 9)],
    );
    let out = top_n(&plan, "S-00001", 3, today()).unwrap();
    assert_eq!(out.chosen.len(), 3);
    assert_eq!(
        out.message,
        "added the top 3 items: 12/9 pts — over capacity by 3 pts"
    );
}

#[test]
fn start_refuses_a_second_active_sprint() {
    let mut s1 = sprint("S-00001", "2026-03-02", "2026-03-13", 9);
    s1.items = vec!["D-00001".into()];
    let plan = plan_with(
        vec![debt("D-00001", 5, 5)],
        vec![s1, sprint("S-00002", "2026-03-16", "2026-03-27", 9)],
    );
    let out = start(&plan, "S-00001", today()).unwrap();
    let mut p = plan.clone();
    p.apply(out.change);
    let s = p.sprint("S-00001").unwrap();
    assert_eq!(s.state, SprintState::Active);
    assert_eq!(
        s.commitment,
        Some(Commitment {
            date: today(),
            items: vec!["D-00001".into()],
            points: 5
        })
    );
    assert_eq!(
        start(&p, "S-00002", today()).unwrap_err().to_string(),
        "S-00001 (name S-00001) is already active; close it before starting S-00002"
    );
    assert!(matches!(
        start(&p, "S-00001", today()),
        Err(PlanningError::NotPlanned { .. })
    ));
}

#[test]
fn close_marks_done_and_carries_the_rest() {
    let mut s1 = sprint("S-00001", "2026-03-02", "2026-03-13", 9);
    s1.items = vec!["D-00001".into(), "D-00002".into(), "D-00003".into()];
    let mut s2 = sprint("S-00002", "2026-03-16", "2026-03-27", 9);
    s2.items = vec!["D-00004".into()];
    let plan = plan_with(
        vec![
            debt("D-00001", 5, 5),
            debt("D-00002", 4, 2),
            debt("D-00003", 3, 1),
            debt("D-00004", 1, 1),
        ],
        vec![s1, s2],
    );
    let mut p = plan.clone();
    p.apply(start(&plan, "S-00001", today()).unwrap().change);
    let before = p.clone();
    let mut tight = p.clone();
    tight.sprints[1].capacity = 2;
    let msg = close(&tight, "S-00001", &[], day("2026-03-13"))
        .unwrap()
        .message;
    assert!(
        msg.ends_with("D-00003 — S-00002 now over capacity by 7 pts"),
        "{msg}"
    );
    let end = day("2026-03-13");
    assert!(matches!(
        close(&p, "S-00001", &["D-00004".into()], end),
        Err(PlanningError::NotInSprint { .. })
    ));
    let out = close(&p, "S-00001", &["D-00001".into()], end).unwrap();
    assert_eq!(
        out.message,
        "closed S-00001 (name S-00001): 1 item done, 5 pts of 8 planned; \
         2 carried to S-00002 (name S-00002): D-00002, D-00003"
    );
    let undo = p.apply(out.change);
    let d1 = p.debt("D-00001").unwrap();
    assert_eq!(d1.status, DebtStatus::Done);
    assert_eq!(d1.changes.last().unwrap().date, end);
    let s = p.sprint("S-00001").unwrap();
    assert_eq!(
        (s.state, s.closed, s.completed_points),
        (SprintState::Closed, Some(end), Some(5))
    );
    assert_eq!(s.completed, ["D-00001"]);
    assert_eq!(
        p.sprint("S-00002").unwrap().items,
        ["D-00004", "D-00002", "D-00003"]
    );
    assert_eq!(velocity(&p), Some(5.0));
    p.apply(undo);
    assert_eq!(p, before);

    // Without a next sprint the rest goes back to the backlog, still open.
    let mut p2 = before.clone();
    p2.sprints.retain(|s| s.id != "S-00002");
    let out = close(&p2, "S-00001", &[], end).unwrap();
    assert!(
        out.message
            .ends_with("3 back to the backlog: D-00001, D-00002, D-00003"),
        "{}",
        out.message
    );
    p2.apply(out.change);
    assert!(p2.debts.iter().all(|d| d.status.is_open()));
    assert_eq!(ids(&p2, &candidates(&p2, end)).len(), 4);
}

#[test]
fn totals_sum_the_sprint() {
    let mut s = sprint("S-00001", "2026-03-02", "2026-03-13", 9);
    s.items = vec!["D-00001".into(), "D-00002".into()];
    let mut d1 = debt("D-00001", 4, 2);
    d1.key_results = vec!["KR-2".into(), "KR-1".into()];
    let mut d2 = debt("D-00002", 3, 3);
    d2.key_results = vec!["KR-1".into()];
    let plan = plan_with(vec![d1, d2], vec![s]);
    let t = totals(&plan, "S-00001", today()).unwrap();
    assert_eq!((t.effort, t.capacity, t.score_sum), (5, 9, 3.0));
    assert_eq!(t.key_results, ["KR-1", "KR-2"]);
}

fn brute_force(items: &[(u32, f64)], cap: u32) -> f64 {
    let mut best = 0.0f64;
    for mask in 0u32..(1 << items.len()) {
        let (mut e, mut v) = (0u32, 0.0);
        for (i, (ei, vi)) in items.iter().enumerate() {
            if mask & (1 << i) != 0 {
                e += ei;
                v += vi;
            }
        }
        if e <= cap {
            best = best.max(v);
        }
    }
    best
}

proptest! {
    #[test]
    fn auto_plan_is_optimal(
        raw in prop::collection::vec((0u8..=5, 0u8..=5, 1u32..=8), 0..=12),
        capacity in 1u32..=30,
    ) {
        let debts: Vec<Debt> = raw
            .iter()
            .enumerate()
            .map(|(i, &(c, r, e))| {
                let mut d = debt(&format!("D-{i:05}"), c, e);
                d.risk = r;
                d
            })
            .collect();
        let plan = plan_with(debts, vec![sprint("S-00001", "2026-03-02", "2026-03-13", capacity)]);
        let out = auto_plan(&plan, "S-00001", today()).unwrap();
        let mut p = plan.clone();
        let undo = p.apply(out.change.clone());
        let s = p.sprint("S-00001").unwrap();
        prop_assert!(p.effort_of(&s.items) <= capacity);
        let scorer = score::Scorer::new(&plan, today());
        let got: f64 = out.chosen.iter().map(|id| scorer.wsjf(plan.debt(id).unwrap()).score().unwrap()).sum();
        let items: Vec<(u32, f64)> = plan.debts.iter().map(|d| (d.effort.unwrap(), scorer.wsjf(d).score().unwrap())).collect();
        prop_assert!((got - brute_force(&items, capacity)).abs() < 1e-6);
        p.apply(undo);
        prop_assert_eq!(p, plan);
    }

    #[test]
    fn close_carries_exactly_the_unfinished(
        efforts in prop::collection::vec(1u32..=5, 1..=8),
        done_mask in any::<u8>(),
        next in any::<bool>(),
    ) {
        let debts: Vec<Debt> = efforts.iter().enumerate().map(|(i, &e)| debt(&format!("D-{i:05}"), 1, e)).collect();
        let all: Vec<String> = debts.iter().map(|d| d.id.clone()).collect();
        let mut s = sprint("S-00001", "2026-03-02", "2026-03-13", 50);
        s.items = all.clone();
        s.state = SprintState::Active;
        let mut sprints = vec![s];
        if next {
            sprints.push(sprint("S-00002", "2026-03-16", "2026-03-27", 10));
        }
        let plan = plan_with(debts, sprints);
        let done: Vec<String> = all.iter().enumerate().filter(|(i, _)| done_mask & (1 << i) != 0).map(|(_, id)| id.clone()).collect();
        let rest: Vec<String> = all.iter().filter(|id| !done.contains(id)).cloned().collect();
        let out = close(&plan, "S-00001", &done, today()).unwrap();
        let carried: Vec<String> = out.report.carried.iter().map(|(id, _)| id.clone()).collect();
        prop_assert_eq!(&carried, &rest);
        let mut p = plan.clone();
        let undo = p.apply(out.change);
        prop_assert_eq!(p.sprint("S-00001").unwrap().completed_points, Some(plan.effort_of(&done)));
        if next {
            prop_assert_eq!(&p.sprint("S-00002").unwrap().items, &rest);
        }
        for id in &all {
            let d = p.debt(id).unwrap();
            prop_assert_eq!(d.status == DebtStatus::Done, done.contains(id));
        }
        p.apply(undo);
        prop_assert_eq!(p, plan);
    }
}

#[test]
fn scope_moved_after_the_start_is_recorded_with_its_day_and_points() {
    let mut plan = plan_with(
        vec![debt("D-00001", 5, 3), debt("D-00002", 5, 4)],
        vec![sprint("S-00001", "2026-03-02", "2026-03-13", 10)],
    );
    let one = |s: &str| vec![s.to_string()];
    plan.apply(
        add_items(&plan, "S-00001", &one("D-00001"), today())
            .unwrap()
            .change,
    );
    assert!(
        plan.sprint("S-00001").unwrap().scope.is_empty(),
        "planning is not a scope change"
    );
    plan.apply(start(&plan, "S-00001", today()).unwrap().change);
    let later = day("2026-03-05");
    plan.apply(
        add_items(&plan, "S-00001", &one("D-00002"), later)
            .unwrap()
            .change,
    );
    plan.apply(
        remove_items(&plan, "S-00001", &one("D-00001"), later)
            .unwrap()
            .change,
    );
    let got: Vec<(NaiveDate, &str, ScopeKind, u32)> = plan
        .sprint("S-00001")
        .unwrap()
        .scope
        .iter()
        .map(|c| (c.date, c.item.as_str(), c.change, c.points))
        .collect();
    assert_eq!(
        got,
        vec![
            (later, "D-00002", ScopeKind::Added, 4),
            (later, "D-00001", ScopeKind::Removed, 3)
        ]
    );
    let b = burnup(&plan, "S-00001", later).unwrap();
    assert_eq!(b.latest(), (4, 0));
}
