//! Unit tests, compiled only under `#[cfg(test)] mod tests;` in the parent:
//! unwrap() here is on fixtures the test builds, never on user input.

use chrono::NaiveDate;

use super::*;
use crate::model::{Debt, Hypothesis, HypothesisStatus, KeyResult, Objective, Sprint};
use crate::store::format;

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn today() -> NaiveDate {
    day("2026-03-02")
}

/// A plan that breaks no rule.
fn clean() -> Plan {
    let mut plan = Plan::default();
    plan.objectives.push(Objective {
        id: "O-00001".into(),
        title: "Reliability".into(),
        description: String::new(),
    });
    plan.key_results.push(KeyResult {
        current: 60.0,
        due: Some(day("2026-06-30")),
        ..KeyResult::mttr_fixture()
    });
    let mut h = Hypothesis::new("H-00001".into(), "Runbooks".into(), day("2026-01-02"));
    h.key_results = vec!["KR-00001".into()];
    h.status = HypothesisStatus::Running;
    h.started = Some(day("2026-02-20"));
    h.review_by = Some(day("2026-03-06"));
    plan.hypotheses.push(h);
    for (id, effort) in [("D-00001", 3), ("D-00002", 5)] {
        let mut d = Debt::new(id.into(), format!("debt {id}"), day("2026-01-02"));
        d.owner = "ana".into();
        d.risk = 3;
        d.effort = Some(effort);
        d.key_results = vec!["KR-00001".into()];
        plan.debts.push(d);
    }
    let mut s = Sprint::new(
        "S-00001".into(),
        "Sprint 1".into(),
        day("2026-03-02"),
        day("2026-03-13"),
        8,
    );
    s.items = vec!["D-00001".into(), "D-00002".into()];
    plan.sprints.push(s);
    plan
}

/// Runs the check on the plan's own canonical text.
fn run(plan: &Plan, today: NaiveDate) -> (Vec<Finding>, String) {
    let text = format::to_text(plan).unwrap();
    let lines = format::item_lines(&text);
    (check(plan, Some(&lines), today), text)
}

/// The line of `id: "ID"` found independently of `item_lines`.
fn line_of(text: &str, id: &str) -> usize {
    let needle = format!("id: \"{id}\"");
    text.lines()
        .position(|l| l.trim_start().starts_with(&needle))
        .unwrap()
        + 1
}

fn only(plan: &Plan, rule: Rule, id: &str) -> Finding {
    let (findings, text) = run(plan, today());
    assert_eq!(findings.len(), 1, "{findings:#?}");
    let f = findings.into_iter().next().unwrap();
    assert_eq!((f.rule, f.id.as_str()), (rule, id));
    assert_eq!(f.line, Some(line_of(&text, id)));
    f
}

#[test]
fn clean_plan_has_no_findings() {
    assert_eq!(run(&clean(), today()).0, []);
}

#[test]
fn dangling_reference() {
    let mut plan = clean();
    plan.debts[1].key_results.push("KR-GONE1".into());
    let f = only(&plan, Rule::DanglingReference, "D-00002");
    assert_eq!(f.message, "key result \"KR-GONE1\" does not exist");
    assert_eq!(f.severity, Severity::Error);
    let mut plan = clean();
    plan.key_results[0].objective = "O-GONE1".into();
    only(&plan, Rule::DanglingReference, "KR-00001");
    let mut plan = clean();
    plan.sprints[0].items.push("D-GONE1".into());
    only(&plan, Rule::DanglingReference, "S-00001");
}

#[test]
fn duplicate_id() {
    let mut plan = clean();
    let twin = plan.debts[0].clone();
    plan.debts.insert(1, twin);
    let f = only(&plan, Rule::DuplicateId, "D-00001");
    assert!(f.message.contains("used by 2 items"), "{}", f.message);
}

#[test]
fn debt_without_owner_and_impact() {
    let mut plan = clean();
    plan.debts[0].owner = "  ".into();
    let f = only(&plan, Rule::DebtWithoutOwner, "D-00001");
    assert_eq!(f.message, "debt \"debt D-00001\" has no owner");
    let mut plan = clean();
    plan.debts[1].risk = 0;
    only(&plan, Rule::DebtWithoutImpact, "D-00002");
    // Urgency from the due date is impact (5 days left: urgency 4); a date
    // beyond the curve's horizon gives none.
    plan.debts[1].due = Some(day("2026-03-07"));
    assert_eq!(run(&plan, today()).0, []);
    plan.debts[1].due = Some(day("2026-12-31"));
    only(&plan, Rule::DebtWithoutImpact, "D-00002");
    plan.debts[1].due = None;
    // Finished debt is not held to the rules.
    plan.debts[1].status = crate::model::DebtStatus::Done;
    plan.debts[1].owner.clear();
    assert_eq!(run(&plan, today()).0, []);
}

#[test]
fn sprint_over_capacity() {
    let mut plan = clean();
    plan.sprints[0].capacity = 7;
    let f = only(&plan, Rule::SprintOverCapacity, "S-00001");
    assert_eq!(
        f.message,
        "sprint \"Sprint 1\" holds 8 pts, over its capacity of 7 by 1 pt"
    );
    plan.sprints[0].state = crate::model::SprintState::Closed;
    assert_eq!(run(&plan, today()).0, []);
}

#[test]
fn stale_experiment_appears_after_review_by() {
    let plan = clean();
    assert_eq!(run(&plan, day("2026-03-06")).0, []);
    let (findings, text) = run(&plan, day("2026-03-09"));
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0].rule, Rule::StaleExperiment);
    assert_eq!(findings[0].line, Some(line_of(&text, "H-00001")));
    assert!(
        findings[0].message.contains("3 days past"),
        "{}",
        findings[0].message
    );
}

#[test]
fn decided_without_evidence() {
    let mut plan = clean();
    plan.hypotheses[0].status = HypothesisStatus::Validated;
    plan.hypotheses[0].decided = Some(today());
    plan.hypotheses[0].evidence = " ".into();
    only(&plan, Rule::DecidedWithoutEvidence, "H-00001");
    plan.hypotheses[0].evidence = "MTTR 40".into();
    assert_eq!(run(&plan, today()).0, []);
}

#[test]
fn kr_without_target_and_past_due() {
    let mut plan = clean();
    plan.key_results[0].target = None;
    only(&plan, Rule::KrWithoutTarget, "KR-00001");
    let mut plan = clean();
    plan.hypotheses[0].review_by = Some(day("2026-12-31"));
    // By July the March sprint is long over: closed, so only the KR speaks.
    plan.sprints[0].state = crate::model::SprintState::Closed;
    let (findings, _) = run(&plan, day("2026-07-01"));
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0].rule, Rule::KrPastDue);
    assert_eq!(
        findings[0].message,
        "key result \"MTTR\" was due 2026-06-30 and is at 50% of its target"
    );
    // Reached: not flagged even past due.
    plan.key_results[0].current = 30.0;
    assert_eq!(run(&plan, day("2026-07-01")).0, []);
}

#[test]
fn policy_sets_severity_and_off_skips() {
    let mut plan = clean();
    plan.debts[0].owner.clear();
    plan.debts[1].risk = 0;
    plan.policy.debt_without_owner = Severity::Off;
    plan.policy.debt_without_impact = Severity::Error;
    let f = only(&plan, Rule::DebtWithoutImpact, "D-00002");
    assert_eq!(f.severity, Severity::Error);
    assert!(has_errors(&[f]));
}

#[test]
fn findings_sorted_by_line_then_rule_and_formatted() {
    let mut plan = clean();
    plan.debts[1].owner.clear();
    plan.debts[1].risk = 0;
    plan.key_results[0].target = None;
    let (findings, text) = run(&plan, today());
    let got: Vec<_> = findings.iter().map(|f| (f.line.unwrap(), f.rule)).collect();
    let kr = line_of(&text, "KR-00001");
    let d2 = line_of(&text, "D-00002");
    assert!(kr < d2);
    assert_eq!(
        got,
        [
            (kr, Rule::KrWithoutTarget),
            (d2, Rule::DebtWithoutOwner),
            (d2, Rule::DebtWithoutImpact)
        ]
    );
    assert_eq!(
        format_line("plan.ron", &findings[1]),
        format!("plan.ron:{d2}: error debt-without-owner: debt \"debt D-00002\" has no owner")
    );
    assert!(!has_errors(&findings[2..]));
    let json = serde_json::to_value(&findings[0]).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "rule": "kr-without-target",
            "severity": "warn",
            "id": "KR-00001",
            "line": kr,
            "message": "key result \"MTTR\" has no target",
        })
    );
}

#[test]
fn without_text_there_are_no_lines() {
    let mut plan = clean();
    plan.debts[0].owner.clear();
    let f = &check(&plan, None, today())[0];
    assert_eq!(f.line, None);
    assert_eq!(
        format_line("p", f),
        "p: error debt-without-owner: debt \"debt D-00001\" has no owner"
    );
}

#[test]
fn lines_are_the_callers_word() {
    // The checks read no text: whatever map the caller hands in is used.
    let mut plan = clean();
    plan.debts[0].owner.clear();
    let lines = Lines::from([("D-00001".to_owned(), 42)]);
    let f = &check(&plan, Some(&lines), today())[0];
    assert_eq!(f.line, Some(42));
    assert_eq!(
        format_line("p", f),
        "p:42: error debt-without-owner: debt \"debt D-00001\" has no owner"
    );
}

#[test]
fn hostile_titles_stay_inert() {
    let mut plan = clean();
    plan.debts[0].owner.clear();
    plan.debts[0].title = "x\u{1b}]0;pwn\u{7}\ny".into();
    let f = &check(&plan, None, today())[0];
    let line = format_line("p", f);
    assert!(!line.chars().any(crate::text::is_unsafe), "{line:?}");
}

#[test]
fn an_active_sprint_past_its_end_is_overdue() {
    let mut plan = clean();
    plan.sprints[0].state = crate::model::SprintState::Active;
    plan.hypotheses[0].review_by = Some(day("2026-12-31"));
    let (findings, text) = run(&plan, day("2026-03-16"));
    assert_eq!(findings.len(), 1, "{findings:#?}");
    let f = &findings[0];
    assert_eq!((f.rule, f.severity), (Rule::SprintOverdue, Severity::Warn));
    assert_eq!(f.line, Some(line_of(&text, "S-00001")));
    assert_eq!(
        f.message,
        "sprint \"Sprint 1\" is still active 3 days after its end 2026-03-13: close it (bearing sprint close S-00001)"
    );
    // On its last day it is not late yet.
    assert_eq!(run(&plan, day("2026-03-13")).0, []);
}

#[test]
fn a_planned_sprint_whose_window_passed_is_flagged() {
    let mut plan = clean();
    plan.hypotheses[0].review_by = Some(day("2026-12-31"));
    let (findings, _) = run(&plan, day("2026-03-14"));
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert_eq!(findings[0].rule, Rule::SprintWindowPassed);
    assert!(
        findings[0].message.contains("which ended 1 day ago"),
        "{}",
        findings[0].message
    );
    plan.policy.sprint_window_passed = Severity::Off;
    assert_eq!(run(&plan, day("2026-03-14")).0, []);
}

#[test]
fn overlapping_sprints_are_flagged_once_on_the_later() {
    let mut plan = clean();
    let mut next = Sprint::new(
        "S-00002".into(),
        "Sprint 2".into(),
        day("2026-03-13"),
        day("2026-03-13"),
        5,
    );
    plan.sprints.push(next.clone());
    let f = only(&plan, Rule::SprintOverlap, "S-00002");
    assert!(f.message.contains("overlaps S-00001"), "{}", f.message);
    // A cancelled sprint overlaps nothing; back to back is fine.
    next.state = crate::model::SprintState::Cancelled;
    plan.sprints[1] = next.clone();
    assert_eq!(run(&plan, today()).0, []);
    next.state = crate::model::SprintState::Planned;
    next.start = day("2026-03-14");
    next.end = day("2026-03-14");
    plan.sprints[1] = next;
    assert_eq!(run(&plan, today()).0, []);
}

#[test]
fn debt_untriaged_warns_about_open_items_with_no_effort() {
    let mut plan = clean();
    plan.debts[1].effort = None;
    let f = only(&plan, Rule::DebtUntriaged, "D-00002");
    assert_eq!(f.severity, Severity::Warn);
    assert!(f.message.contains("no effort estimate"), "{}", f.message);
    // Closed items are not a queue; the level is the policy's.
    plan.debts[1].status = crate::model::DebtStatus::WontFix;
    assert_eq!(run(&plan, today()).0, []);
    plan.debts[1].status = crate::model::DebtStatus::Open;
    plan.policy.debt_untriaged = Severity::Error;
    assert_eq!(
        only(&plan, Rule::DebtUntriaged, "D-00002").severity,
        Severity::Error
    );
    plan.policy.debt_untriaged = Severity::Off;
    assert_eq!(run(&plan, today()).0, []);
}

#[test]
fn debt_overdue_warns_once_the_due_date_passed() {
    let mut plan = clean();
    plan.debts[0].due = Some(today());
    assert_eq!(run(&plan, today()).0, [], "due today is not overdue yet");
    plan.debts[0].due = Some(day("2026-02-27"));
    let f = only(&plan, Rule::DebtOverdue, "D-00001");
    assert_eq!(f.severity, Severity::Warn);
    assert_eq!(
        f.message,
        "debt \"debt D-00001\" was due 2026-02-27, 3 days ago, and is still open"
    );
    plan.debts[0].status = crate::model::DebtStatus::Done;
    assert_eq!(run(&plan, today()).0, []);
}
