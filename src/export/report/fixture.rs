//! The hostile plan the report tests share: a tagged trick string in every
//! text field the report shows.

use chrono::NaiveDate;

use crate::model::{
    Checkin, Commitment, Debt, DebtStatus, Hypothesis, HypothesisStatus, KeyResult, Objective,
    Plan, ScopeChange, ScopeKind, Sprint, SprintState,
};

pub fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

pub fn today() -> NaiveDate {
    day("2026-03-04")
}

/// Every trick at once, tagged so each field's copy can be found: markup,
/// an attribute break-out, a script link, an entity, a bidi override, a
/// terminal escape and a line break.
pub fn evil(tag: &str) -> String {
    format!(
        "<script>alert('{tag}')</script>\"><img src=x onerror=alert('{tag}')> <a href=\"javascript:alert('{tag}')\">{tag}</a> javascript:alert(1) &amp; \u{202E}{tag}\u{1b}[31m end"
    )
}

/// What [`evil`] reads as on the page: the same characters, the unsafe
/// ones as U+FFFD.
pub fn shown(tag: &str) -> String {
    evil(tag).replace(['\u{202E}', '\u{1b}'], "\u{FFFD}")
}

/// The tags of the text fields [`hostile_plan`] fills.
pub const FIELDS: [&str; 22] = [
    "north_star",
    "objective_title",
    "objective_description",
    "kr_title",
    "kr_unit",
    "kr_owner",
    "proposed_title",
    "proposed_belief",
    "proposed_owner",
    "running_title",
    "running_belief",
    "decided_title",
    "decided_evidence",
    "decided_belief",
    "decided_signal",
    "decided_owner",
    "debt_title",
    "debt_owner",
    "sprint_name",
    "sprint_goal",
    "closed_name",
    "item_title",
];

pub fn hostile_plan() -> Plan {
    let mut plan = Plan {
        north_star: evil("north_star"),
        ..Plan::default()
    };
    plan.objectives.push(Objective {
        id: "O-00001".into(),
        title: evil("objective_title"),
        description: evil("objective_description"),
    });
    plan.key_results.push(KeyResult {
        title: evil("kr_title"),
        unit: evil("kr_unit"),
        owner: evil("kr_owner"),
        due: Some(day("2026-06-30")),
        checkins: vec![
            Checkin {
                date: day("2026-02-01"),
                value: 80.0,
            },
            Checkin {
                date: day("2026-03-01"),
                value: 70.0,
            },
        ],
        ..KeyResult::mttr_fixture()
    });
    let mut proposed = Hypothesis::new("H-00001".into(), evil("proposed_title"), day("2026-01-02"));
    proposed.belief = evil("proposed_belief");
    proposed.owner = evil("proposed_owner");
    let mut running = Hypothesis::new("H-00002".into(), evil("running_title"), day("2026-01-02"));
    running.belief = evil("running_belief");
    running.status = HypothesisStatus::Running;
    running.started = Some(day("2026-02-01"));
    running.review_by = Some(day("2026-03-01"));
    let mut decided = Hypothesis::new("H-00003".into(), evil("decided_title"), day("2026-01-02"));
    decided.status = HypothesisStatus::Validated;
    decided.started = Some(day("2026-01-10"));
    decided.decided = Some(day("2026-02-20"));
    decided.evidence = evil("decided_evidence");
    decided.belief = evil("decided_belief");
    decided.signal = evil("decided_signal");
    decided.owner = evil("decided_owner");
    decided.key_results = vec!["KR-00001".into()];
    plan.hypotheses = vec![proposed, running, decided];
    let mut debt = Debt::new("D-00001".into(), evil("debt_title"), day("2026-01-01"));
    debt.owner = evil("debt_owner");
    debt.effort = Some(3);
    debt.risk = 4;
    debt.key_results = vec!["KR-00001".into()];
    let mut item = Debt::new("D-00002".into(), evil("item_title"), day("2026-01-01"));
    item.effort = Some(5);
    item.set_status(DebtStatus::Done, day("2026-03-03"));
    let mut old = Debt::new("D-00003".into(), "old work".into(), day("2026-01-01"));
    old.effort = Some(8);
    plan.debts = vec![debt, item, old];
    let mut s = Sprint::new(
        "S-00001".into(),
        evil("sprint_name"),
        day("2026-03-02"),
        day("2026-03-13"),
        20,
    );
    s.goal = evil("sprint_goal");
    s.state = SprintState::Active;
    s.items = vec!["D-00001".into(), "D-00002".into()];
    s.commitment = Some(Commitment {
        date: day("2026-03-02"),
        items: vec!["D-00002".into()],
        points: 5,
    });
    s.scope.push(ScopeChange {
        date: day("2026-03-03"),
        item: "D-00001".into(),
        change: ScopeKind::Added,
        points: 3,
    });
    let mut closed = Sprint::new(
        "S-00000".into(),
        evil("closed_name"),
        day("2026-02-16"),
        day("2026-02-27"),
        20,
    );
    closed.state = SprintState::Closed;
    closed.closed = Some(day("2026-02-27"));
    closed.commitment = Some(Commitment {
        date: day("2026-02-16"),
        items: vec!["D-00003".into()],
        points: 8,
    });
    closed.completed_points = Some(6);
    plan.sprints = vec![closed, s];
    plan.normalize();
    plan
}
