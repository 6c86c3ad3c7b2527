//! A small, realistic plan with fixed ids and dates, for the UI tests.
#![allow(dead_code)]

pub mod cli;
pub mod keys;
pub mod tmux;

use bearing::model::{
    Debt, DebtStatus, Hypothesis, HypothesisStatus, KeyResult, Objective, Plan, Sprint, SprintState,
};
use bearing::tui::NoPersist;
use bearing::tui::app::{App, Message};
use chrono::NaiveDate;

pub fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

pub fn today() -> NaiveDate {
    day("2026-11-20")
}

/// The fixture in an editable UI that keeps everything in memory.
pub fn app() -> App {
    App::new(fixture(), today(), false, Box::new(NoPersist::memory()))
}

/// The status bar's message, or "" when there is none.
pub fn message(app: &App) -> &str {
    app.message.as_ref().map_or("", Message::text)
}

/// The debt table's ids in the order shown.
pub fn debt_rows(app: &App) -> Vec<&str> {
    app.cache
        .debt_rows
        .iter()
        .map(|&i| app.plan().debts[i].id.as_str())
        .collect()
}

fn debt(id: &str, title: &str, r: [u8; 4], effort: u32, owner: &str, area: &str) -> Debt {
    let mut d = Debt::new(id.into(), title.into(), day("2026-09-01"));
    [d.customer, d.delivery, d.risk, d.urgency] = r;
    d.effort = Some(effort);
    d.owner = owner.into();
    d.area = area.into();
    d
}

fn kr(
    id: &str,
    obj: &str,
    title: &str,
    unit: &str,
    base: f64,
    target: f64,
    vals: &[f64],
) -> KeyResult {
    let mut k = KeyResult {
        id: id.into(),
        objective: obj.into(),
        title: title.into(),
        unit: unit.into(),
        baseline: base,
        target: Some(target),
        current: base,
        start: day("2026-10-01"),
        due: Some(day("2026-12-31")),
        owner: "ana".into(),
        checkins: vec![],
    };
    for (i, v) in vals.iter().enumerate() {
        k.check_in(day("2026-10-05") + chrono::Days::new(7 * i as u64), *v);
    }
    k
}

fn hyp(id: &str, title: &str, ice: [u8; 3], status: HypothesisStatus, owner: &str) -> Hypothesis {
    let mut h = Hypothesis::new(id.into(), title.into(), day("2026-09-15"));
    [h.impact, h.confidence, h.ease] = ice;
    h.status = status;
    h.owner = owner.into();
    h
}

pub fn fixture() -> Plan {
    let mut p = Plan {
        north_star: "Weekly active teams shipping on Fridays".into(),
        ..Plan::default()
    };
    p.objectives = vec![
        Objective {
            id: "O-00001".into(),
            title: "Ship safely every day".into(),
            description: String::new(),
        },
        Objective {
            id: "O-00002".into(),
            title: "Keep customers".into(),
            description: String::new(),
        },
    ];
    p.key_results = vec![
        kr(
            "KR-00001",
            "O-00001",
            "Deploys per week",
            "deploys",
            2.0,
            20.0,
            &[3.0, 5.0, 8.0, 11.0, 14.0],
        ),
        kr(
            "KR-00002",
            "O-00001",
            "Change failure rate",
            "%",
            30.0,
            10.0,
            &[29.0, 28.0, 28.0],
        ),
        kr(
            "KR-00003",
            "O-00002",
            "Monthly churn",
            "%",
            4.0,
            2.0,
            &[3.8, 3.5, 3.1, 2.9],
        ),
    ];
    let mut flaky = debt(
        "D-00001",
        "Flaky payment tests",
        [2, 4, 3, 2],
        3,
        "ana",
        "payments",
    );
    flaky.key_results = vec!["KR-00002".into()];
    flaky.tags = vec!["tests".into()];
    let mut logs = debt(
        "D-00002",
        "Rotate leaked API keys",
        [3, 1, 5, 5],
        2,
        "bo",
        "security",
    );
    logs.tags = vec!["security".into()];
    let mut done = debt(
        "D-00007",
        "Remove dead feature flags",
        [0, 2, 1, 0],
        2,
        "bo",
        "web",
    );
    done.set_status(DebtStatus::Done, day("2026-11-01"));
    let mut wip = debt(
        "D-00004",
        "Split the monolith build",
        [1, 5, 1, 2],
        8,
        "cy",
        "build",
    );
    wip.set_status(DebtStatus::InProgress, day("2026-11-10"));
    p.debts = vec![
        flaky,
        logs,
        debt(
            "D-00003",
            "Upgrade Postgres 12",
            [1, 1, 4, 3],
            5,
            "cy",
            "data",
        ),
        wip,
        debt(
            "D-00005",
            "Slow search index rebuild",
            [3, 2, 1, 1],
            3,
            "ana",
            "search",
        ),
        debt(
            "D-00006",
            "Untyped billing events",
            [2, 3, 2, 0],
            5,
            "",
            "payments",
        ),
        done,
        debt(
            "D-00008",
            "Manual TLS renewals",
            [1, 0, 4, 2],
            1,
            "bo",
            "infra",
        ),
    ];
    let mut active = Sprint::new(
        "S-00001".into(),
        "Sprint 47".into(),
        day("2026-11-16"),
        day("2026-11-27"),
        10,
    );
    active.state = SprintState::Active;
    active.goal = "Stop the bleeding in payments".into();
    active.items = vec!["D-00001".into(), "D-00004".into()];
    let mut next = Sprint::new(
        "S-00002".into(),
        "Sprint 48".into(),
        day("2026-11-30"),
        day("2026-12-11"),
        8,
    );
    next.items = vec!["D-00003".into(), "D-00006".into()];
    let mut closed = Sprint::new(
        "S-00000".into(),
        "Sprint 46".into(),
        day("2026-11-02"),
        day("2026-11-13"),
        10,
    );
    closed.state = SprintState::Closed;
    closed.items = vec!["D-00007".into()];
    p.sprints = vec![closed, active, next];
    let mut stale = hyp(
        "H-00001",
        "Canary deploys cut failures",
        [8, 6, 5],
        HypothesisStatus::Running,
        "ana",
    );
    stale.started = Some(day("2026-10-01"));
    stale.review_by = Some(day("2026-11-15"));
    stale.key_results = vec!["KR-00002".into()];
    let mut running = hyp(
        "H-00002",
        "Onboarding checklist lowers churn",
        [6, 5, 8],
        HypothesisStatus::Running,
        "bo",
    );
    running.started = Some(day("2026-11-01"));
    running.review_by = Some(day("2026-12-01"));
    running.key_results = vec!["KR-00003".into()];
    let mut valid = hyp(
        "H-00003",
        "Feature flags speed releases",
        [7, 8, 6],
        HypothesisStatus::Validated,
        "cy",
    );
    valid.evidence = "deploys doubled".into();
    let mut gone = hyp(
        "H-00004",
        "Weekly release train",
        [4, 3, 6],
        HypothesisStatus::Abandoned,
        "cy",
    );
    gone.evidence = "teams ignored it".into();
    p.hypotheses = vec![
        stale,
        running,
        valid,
        gone,
        hyp(
            "H-00005",
            "Pairing on incidents",
            [5, 4, 9],
            HypothesisStatus::Proposed,
            "ana",
        ),
        hyp(
            "H-00006",
            "Error budgets per team",
            [7, 3, 4],
            HypothesisStatus::Proposed,
            "bo",
        ),
    ];
    p.normalize();
    p
}

/// The embedded demo plan, as `bearing --demo` opens it.
pub fn demo() -> Plan {
    bearing::store::format::from_text(bearing::store::embedded::DEMO).unwrap()
}

pub fn demo_today() -> NaiveDate {
    day(bearing::store::embedded::DEMO_TODAY)
}
