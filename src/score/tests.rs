use super::*;
use crate::model::{KeyResult, Objective};

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn debt(id: &str, r: [u8; 4], effort: u32) -> Debt {
    let mut d = Debt::new(id.into(), id.into(), day("2026-01-01"));
    [d.customer, d.delivery, d.risk, d.urgency] = r;
    d.effort = Some(effort);
    d
}

#[test]
fn wsjf_by_hand() {
    let mut plan = Plan::default();
    plan.weights.customer = 2.0;
    plan.weights.risk = 1.5;
    let d = debt("D-1", [3, 2, 4, 1], 5);
    let b = Scorer::new(&plan, day("2026-01-01")).wsjf(&d);
    // 2·3 + 1·2 + 1.5·4 + 1·1 = 15, over 5 points = 3.
    assert_eq!(b.customer, 6.0);
    assert_eq!(b.risk, 6.0);
    assert_eq!(b.cost_of_delay(), 15.0);
    assert_eq!(b.score(), Some(3.0));
    assert_eq!(b.main_terms()[0].0, "customer");
}

#[test]
fn ties_break_by_effort_then_id() {
    let plan = Plan {
        debts: vec![
            debt("D-A", [2, 0, 0, 0], 2),
            debt("D-B", [1, 0, 0, 0], 1),
            debt("D-C", [1, 0, 0, 0], 1),
            debt("D-D", [5, 5, 5, 5], 1),
        ],
        ..Plan::default()
    };
    let order: Vec<_> = rank_open(&plan, day("2026-01-01"))
        .iter()
        .map(|r| plan.debts[r.index].id.as_str())
        .collect();
    assert_eq!(order, ["D-D", "D-B", "D-C", "D-A"]);
}

#[test]
fn kr_pressure_counts_slipping_key_results() {
    let mut plan = Plan::default();
    plan.objectives.push(Objective {
        id: "O-1".into(),
        title: "Reliability".into(),
        description: String::new(),
    });
    let kr = |id: &str, current: f64| KeyResult {
        id: id.into(),
        objective: "O-1".into(),
        title: id.into(),
        unit: String::new(),
        baseline: 0.0,
        target: Some(100.0),
        current,
        start: day("2026-01-01"),
        due: Some(day("2026-12-31")),
        owner: String::new(),
        checkins: vec![],
    };
    // Half the year gone: 50 is on track, 35 at risk, 0 off track.
    plan.key_results = vec![kr("KR-A", 50.0), kr("KR-B", 35.0), kr("KR-C", 0.0)];
    let mut d = debt("D-1", [1, 0, 0, 0], 1);
    d.key_results = vec!["KR-A".into(), "KR-B".into(), "KR-C".into()];
    let b = Scorer::new(&plan, day("2026-07-02")).wsjf(&d);
    assert_eq!((b.krs_at_risk, b.krs_off_track), (1, 1));
    assert_eq!(b.kr_pressure, 1.0 + 2.0);
    assert_eq!(b.cost_of_delay(), 4.0);
}

#[test]
fn ice_multiplies() {
    let mut h = Hypothesis::new("H-1".into(), "x".into(), day("2026-01-01"));
    (h.impact, h.confidence, h.ease) = (8, 5, 3);
    assert_eq!(ice(&h), 120);
}

fn plan_of(debts: Vec<Debt>) -> Plan {
    Plan {
        debts,
        ..Plan::default()
    }
}

fn due_in(days: i64, typed: u8) -> Debt {
    let today = day("2026-03-01");
    let mut d = debt("D-1", [0, 0, 0, typed], 1);
    d.due = Some(today + chrono::Duration::days(days));
    d
}

#[test]
fn due_urgency_steps_up_to_five_on_the_day() {
    let got: Vec<(i64, u8)> = [400, 90, 89, 60, 59, 30, 29, 14, 13, 12, 1, 0, -1, -400]
        .into_iter()
        .map(|d| (d, due_urgency(d)))
        .collect();
    assert_eq!(
        got,
        [
            (400, 0),
            (90, 0),
            (89, 1),
            (60, 1),
            (59, 2),
            (30, 2),
            (29, 3),
            (14, 3),
            (13, 4),
            (12, 4),
            (1, 4),
            (0, 5),
            (-1, 5),
            (-400, 5)
        ]
    );
}

#[test]
fn no_due_date_scores_the_typed_urgency() {
    for typed in 0..=5 {
        let d = debt("D-1", [0, 0, 0, typed], 1);
        assert_eq!(urgency_on(&d, day("2026-03-01")), (typed, None));
        let b = Scorer::new(&plan_of(vec![d.clone()]), day("2026-03-01")).wsjf(&d);
        assert_eq!(
            (b.urgency, b.urgency_rating, b.due_in),
            (f64::from(typed), typed, None)
        );
    }
}

#[test]
fn a_far_date_keeps_the_typed_urgency_and_overdue_is_five() {
    let today = day("2026-03-01");
    assert_eq!(urgency_on(&due_in(200, 2), today), (2, Some(200)));
    assert_eq!(urgency_on(&due_in(200, 0), today), (0, Some(200)));
    assert_eq!(urgency_on(&due_in(12, 1), today), (4, Some(12)));
    assert_eq!(urgency_on(&due_in(12, 5), today), (5, Some(12)));
    assert_eq!(urgency_on(&due_in(-3, 0), today), (5, Some(-3)));
}

#[test]
fn the_breakdown_says_why_urgency_rose() {
    let today = day("2026-03-01");
    let d = due_in(12, 1);
    let b = Scorer::new(&plan_of(vec![d.clone()]), today).wsjf(&d);
    let urgency = b.rated(&d, &Weights::default())[3];
    assert_eq!(urgency.formula(), "4 × 1 = 4 (due in 12 days)");
    assert_eq!(urgency.compact(), "4×1=4 (12d)");
    let late = due_in(-3, 0);
    let b = Scorer::new(&plan_of(vec![late.clone()]), today).wsjf(&late);
    assert_eq!(
        b.rated(&late, &Weights::default())[3].formula(),
        "5 × 1 = 5 (overdue by 3 days)"
    );
}

#[test]
fn unestimated_items_rank_after_every_estimated_one() {
    let mut big = debt("D-BIG", [5, 5, 5, 5], 1);
    big.effort = None;
    let mut small = debt("D-SMALL", [1, 0, 0, 0], 1);
    small.effort = None;
    let plan = plan_of(vec![
        big,
        debt("D-LOW", [0, 0, 0, 0], 13),
        small,
        debt("D-MID", [2, 0, 0, 0], 2),
    ]);
    let rows = rank_open(&plan, day("2026-01-01"));
    let order: Vec<_> = rows
        .iter()
        .map(|r| plan.debts[r.index].id.as_str())
        .collect();
    assert_eq!(order, ["D-MID", "D-LOW", "D-BIG", "D-SMALL"]);
    assert_eq!(rows[2].breakdown.score(), None);
    assert!(rows[2].breakdown.is_triage() && !rows[1].breakdown.is_triage());
}

proptest::proptest! {
    /// As the date nears (today moves forward), the urgency scored never
    /// falls, never drops under the typed rating, and is 5 once due.
    #[test]
    fn urgency_never_falls_as_time_passes(typed in 0u8..=5, due in 0i64..400, a in 0i64..500, b in 0i64..500) {
        let start = day("2026-01-01");
        let mut d = debt("D-1", [0, 0, 0, typed], 1);
        d.due = Some(start + chrono::Duration::days(due));
        let (early, late) = (a.min(b), a.max(b));
        let (u1, _) = urgency_on(&d, start + chrono::Duration::days(early));
        let (u2, _) = urgency_on(&d, start + chrono::Duration::days(late));
        proptest::prop_assert!(u1 <= u2);
        proptest::prop_assert!(u1 >= typed && u2 <= 5);
        if late >= due {
            proptest::prop_assert_eq!(u2, 5);
        }
    }
}

#[test]
fn equal_scores_rank_the_sooner_due_date_first_then_effort_then_age() {
    let today = day("2026-03-01");
    // Both due within 13 days: urgency 5 → 4 from the date, score 5 each.
    let mut tomorrow = debt("D-9", [0, 0, 0, 5], 1);
    tomorrow.due = Some(day("2026-03-02"));
    let mut week = debt("D-1", [0, 0, 0, 5], 1);
    week.due = Some(day("2026-03-08"));
    // Same score, no date: after both dated ones; the older first.
    let mut old = debt("D-8", [5, 0, 0, 0], 1);
    old.created = day("2025-06-01");
    let young = debt("D-2", [5, 0, 0, 0], 1);
    let plan = plan_of(vec![week, young, tomorrow, old]);
    let order: Vec<_> = rank_open(&plan, today)
        .iter()
        .map(|r| plan.debts[r.index].id.as_str())
        .collect();
    assert_eq!(order, ["D-9", "D-1", "D-8", "D-2"]);
}
