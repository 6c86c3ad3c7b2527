use chrono::{Days, NaiveDate};
use proptest::prelude::*;

use super::*;
use crate::model::{Commitment, Debt, DebtStatus, SprintState};

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// Closed ten-day sprints that completed `history` points, an active
/// ten-day sprint (2026-03-02 → 03-11) holding items of `sprint` points,
/// and open backlog items of `backlog` points.
fn plan(history: &[u32], sprint: &[u32], backlog: &[u32]) -> Plan {
    let mut plan = Plan::default();
    let mut n = 0;
    let mut debt = |plan: &mut Plan, effort: u32| {
        n += 1;
        let mut d = Debt::new(format!("D-{n:03}"), format!("debt {n}"), day("2025-12-01"));
        d.effort = Some(effort);
        d.risk = 3;
        let id = d.id.clone();
        plan.debts.push(d);
        id
    };
    let first = day("2025-06-02");
    for (i, &points) in history.iter().enumerate() {
        let start = first + Days::new(14 * i as u64);
        let mut s = Sprint::new(
            format!("S-H{i:02}"),
            format!("past {i}"),
            start,
            start + Days::new(9),
            20,
        );
        s.state = SprintState::Closed;
        s.commitment = Some(Commitment {
            date: start,
            items: vec!["D-X".into()],
            points,
        });
        s.completed_points = Some(points);
        plan.sprints.push(s);
    }
    let mut active = Sprint::new(
        "S-NOW".into(),
        "now".into(),
        day("2026-03-02"),
        day("2026-03-11"),
        20,
    );
    active.state = SprintState::Active;
    for &e in sprint {
        let id = debt(&mut plan, e);
        active.items.push(id);
    }
    plan.sprints.push(active);
    for &e in backlog {
        debt(&mut plan, e);
    }
    plan
}

/// Five of the ten days left.
fn today() -> NaiveDate {
    day("2026-03-07")
}

fn run(plan: &Plan, seed: u64) -> Forecast {
    let opts = Options {
        trials: 2000,
        seed,
        top_n: 3,
    };
    forecast(plan, None, today(), opts).unwrap()
}

fn p_finish(f: &Forecast) -> f64 {
    f.sprint.as_ref().unwrap().p_finish.unwrap()
}

#[test]
fn identical_sprints_give_an_exact_answer() {
    let f = run(&plan(&[10, 10, 10, 10], &[5], &[]), 1);
    let s = f.sprint.as_ref().unwrap();
    assert_eq!((s.days_left, s.remaining_points), (5, 5));
    assert_eq!(p_finish(&f), 1.0);
    assert_eq!(p_finish(&run(&plan(&[10, 10, 10, 10], &[6], &[]), 1)), 0.0);
    // 10 points a sprint: 15 points take 2 sprints in every trial, 23 take 3.
    let f = run(&plan(&[10; 4], &[], &[5, 5, 5, 8]), 9);
    assert_eq!(f.backlog.top.points, 15);
    assert_eq!(f.backlog.top.p50, Some(Sprints::Within(2)));
    assert_eq!(f.backlog.top.p95, Some(Sprints::Within(2)));
    assert_eq!(f.backlog.all.points, 23);
    assert_eq!(f.backlog.all.p50, Some(Sprints::Within(3)));
    assert_eq!(f.backlog.all.p95, Some(Sprints::Within(3)));
    assert_eq!(f.warning, None);
}

#[test]
fn done_and_wont_fix_items_are_not_left_and_unestimated_ones_are_said() {
    let mut p = plan(&[10; 4], &[3, 4, 5], &[2]);
    p.debts[0].set_status(DebtStatus::Done, day("2026-03-03"));
    p.debts[1].status = DebtStatus::WontFix;
    let mut t = Debt::new("D-900".into(), "to triage".into(), day("2026-01-01"));
    t.effort = None;
    p.debts.push(t.clone());
    p.sprints.last_mut().unwrap().items.push("D-900".into());
    t.id = "D-901".into();
    p.debts.push(t);
    let f = run(&p, 1);
    let s = f.sprint.as_ref().unwrap();
    assert_eq!((s.remaining_points, s.unestimated), (5, 1));
    assert_eq!((f.backlog.all.items, f.backlog.unestimated), (1, 1));
}

#[test]
fn few_sprints_are_a_weak_forecast_and_none_is_no_forecast() {
    let f = run(&plan(&[10, 12], &[5], &[3]), 1);
    assert_eq!(f.samples, 2);
    let w = f.warning.as_deref().unwrap();
    assert!(w.contains("weak forecast: only 2 closed sprints"), "{w}");
    assert!(f.line().contains("weak: 2 sprints sampled"), "{}", f.line());

    let f = run(&plan(&[], &[5], &[3]), 1);
    assert_eq!(f.samples, 0);
    assert_eq!(f.sprint.as_ref().unwrap().p_finish, None);
    assert_eq!(f.backlog.all.p50, None);
    assert!(f.warning.as_deref().unwrap().starts_with("no forecast"));
    assert!(f.line().contains("none yet"), "{}", f.line());
}

#[test]
fn sprints_that_completed_nothing_do_not_loop_forever() {
    let f = run(&plan(&[0, 0, 0, 0], &[5], &[3]), 1);
    assert_eq!(p_finish(&f), 0.0);
    assert_eq!(f.backlog.all.p50, Some(Sprints::MoreThan(MAX_SPRINTS)));
    // Mostly nothing, now and then 10 points: 500 points would take about
    // 200 sprints, so trials run to the cap and stop there.
    let f = run(&plan(&[0, 0, 0, 10], &[], &[500]), 1);
    assert_eq!(f.backlog.all.p50, Some(Sprints::MoreThan(MAX_SPRINTS)));
    // Beyond what even the best sprint every time could do: no trial runs.
    let f = run(&plan(&[0, 0, 0, 1], &[], &[500]), 1);
    assert_eq!(f.backlog.all.p50, Some(Sprints::MoreThan(MAX_SPRINTS)));
    assert!(f.line().contains("more than 100 sprints"), "{}", f.line());
}

#[test]
fn the_default_sprint_is_the_active_one_else_the_first_planned() {
    let mut p = plan(&[10; 4], &[5], &[]);
    assert_eq!(run(&p, 1).sprint.unwrap().id, "S-NOW");
    p.sprints.last_mut().unwrap().state = SprintState::Planned;
    let mut later = Sprint::new(
        "S-LATER".into(),
        "later".into(),
        day("2026-04-01"),
        day("2026-04-10"),
        20,
    );
    later.state = SprintState::Planned;
    p.sprints.push(later);
    p.sprints.sort_by(|a, b| a.id.cmp(&b.id));
    let f = run(&p, 1);
    // A planned sprint has all its days ahead once it starts.
    let s = f.sprint.unwrap();
    assert_eq!((s.id.as_str(), s.days_left), ("S-NOW", 5));
    let f = forecast(&p, Some("S-LATER"), today(), Options::default()).unwrap();
    assert_eq!(f.sprint.unwrap().days_left, 10);
    assert_eq!(
        forecast(&p, Some("S-H00"), today(), Options::default()),
        Err(ForecastError::NotOpen {
            id: "S-H00".into(),
            state: "closed"
        })
    );
    assert!(matches!(
        forecast(&p, Some("S-NOPE"), today(), Options::default()),
        Err(ForecastError::UnknownSprint(_))
    ));
}

#[test]
fn a_sprint_past_its_end_has_no_days_left() {
    let p = plan(&[10; 4], &[5], &[]);
    let f = forecast(&p, None, day("2026-03-20"), Options::default()).unwrap();
    let s = f.sprint.clone().unwrap();
    // No chance over 0 days left: the timing says to close it instead.
    assert_eq!((s.days_left, s.p_finish), (0, None));
    assert!(f.table().contains("p_finish   - (past its end: close it)"));
}

#[test]
fn a_sprint_past_its_end_says_when_it_ended_not_zero_days_left() {
    let p = plan(&[10; 4], &[5], &[]);
    let f = forecast(&p, None, day("2026-03-20"), Options::default()).unwrap();
    let table = f.table();
    assert!(!table.contains("0 days left"), "{table}");
    assert!(table.contains("ago — close it)"), "{table}");
    let line = f.line();
    assert!(line.contains("ago — close it, 5 pts open"), "{line}");
    assert!(!line.contains("to finish"), "{line}");
    let when = f.json()["when"].as_str().unwrap_or_default().to_owned();
    assert!(
        when.starts_with("ended ") && when.ends_with("ago — close it"),
        "{when}"
    );
}

#[test]
fn the_line_reads_like_the_issue_says() {
    let f = run(&plan(&[8, 10, 12, 14, 9, 11], &[18], &[5, 5, 5, 5]), 1);
    let line = f.line();
    assert!(line.starts_with("Forecast: "), "{line}");
    assert!(line.contains("to finish 18 pts by Wed 11 Mar"), "{line}");
    assert!(line.contains("backlog top 3: "), "{line}");
    assert!(line.ends_with(" · 6 sprints sampled"), "{line}");
    assert_eq!(range(Sprints::Within(3), Sprints::Within(5)), "3–5 sprints");
    assert_eq!(range(Sprints::Within(1), Sprints::Within(1)), "1 sprint");
    assert_eq!(
        range(Sprints::Within(60), Sprints::MoreThan(100)),
        "60 to more than 100 sprints"
    );
    assert_eq!(chance(0.999), ">99%");
    assert_eq!(chance(0.001), "<1%");
    assert_eq!(chance(0.724), "72%");
}

#[test]
fn the_table_fits_80_columns_and_the_json_has_the_fields() {
    let f = run(&plan(&[8, 10, 12], &[18], &[5, 5, 5, 5]), 1);
    for l in f.table().lines() {
        assert!(crate::text::display_width(l) <= 80, "{l}");
    }
    let v = f.json();
    for k in [
        "sprint",
        "remaining_points",
        "samples",
        "p_finish",
        "backlog",
        "warning",
    ] {
        assert!(v.get(k).is_some(), "{k} missing in {v}");
    }
    for k in ["n", "points", "p50", "p85", "p95"] {
        assert!(v["backlog"]["top_n"].get(k).is_some(), "{k} missing in {v}");
    }
    assert_eq!(v["backlog"]["top_n"]["n"], 3);
    assert_eq!(v["backlog"]["all"]["points"], 20);
}

fn history_strategy() -> impl Strategy<Value = Vec<u32>> {
    prop::collection::vec(0u32..40, 0..12)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn probabilities_stay_within_0_and_1(
        history in history_strategy(),
        sprint in prop::collection::vec(1u32..13, 0..8),
        seed in any::<u64>(),
    ) {
        let f = run(&plan(&history, &sprint, &[3, 5]), seed);
        if let Some(p) = f.sprint.and_then(|s| s.p_finish) {
            prop_assert!((0.0..=1.0).contains(&p));
        }
    }

    #[test]
    fn more_points_left_never_raise_the_chance(
        history in prop::collection::vec(0u32..40, 1..12),
        left in 0u32..60,
        more in 1u32..30,
        seed in any::<u64>(),
    ) {
        let less = run(&plan(&history, &[left], &[]), seed);
        let more = run(&plan(&history, &[left + more], &[]), seed);
        // No points left has no odds (an_empty_sprint_has_no_odds_…): it
        // is as finished as a sprint gets.
        let less = less.sprint.and_then(|s| s.p_finish).unwrap_or(1.0);
        prop_assert!(p_finish(&more) <= less);
    }

    #[test]
    fn the_same_seed_gives_the_same_forecast(
        history in history_strategy(),
        backlog in prop::collection::vec(1u32..13, 0..20),
        seed in any::<u64>(),
    ) {
        let p = plan(&history, &[7, 3], &backlog);
        let a = run(&p, seed);
        prop_assert_eq!(&a, &run(&p, seed));
        // Percentiles never cross.
        for part in [&a.backlog.top, &a.backlog.all] {
            let key = |s: Option<Sprints>| match s {
                Some(Sprints::Within(n)) => n,
                Some(Sprints::MoreThan(_)) => u32::MAX,
                None => 0,
            };
            prop_assert!(key(part.p50) <= key(part.p85) && key(part.p85) <= key(part.p95));
        }
    }
}

#[test]
fn an_empty_sprint_has_no_odds_and_says_nothing_planned() {
    // A history that would finish anything: still no odds for nothing.
    let f = run(&plan(&[10, 10, 10], &[], &[]), 1);
    let s = f.sprint.as_ref().unwrap();
    assert_eq!((s.planned, s.remaining_points, s.p_finish), (0, 0, None));
    assert!(
        f.table().contains("p_finish   - (nothing planned)"),
        "{}",
        f.table()
    );
    assert!(f.line().contains("S-NOW nothing planned"), "{}", f.line());
    // Everything done: no odds either, and it says so.
    let mut done = plan(&[10, 10, 10], &[3], &[]);
    done.debts[0].status = crate::model::DebtStatus::Done;
    let f = run(&done, 1);
    assert_eq!(f.sprint.as_ref().unwrap().p_finish, None);
    assert!(
        f.table().contains("p_finish   - (no points left)"),
        "{}",
        f.table()
    );
}
