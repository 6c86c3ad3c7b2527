//! The whole story in exports: a closed sprint lists what was committed and
//! not done and where it went (md, csv, json); a reversed decision stays in
//! the learning log; time reads the same as in the views.

use chrono::NaiveDate;

use super::*;
use crate::model::{Debt, Hypothesis, HypothesisStatus, Sprint};
use crate::{lifecycle, planning};

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// S-00001 ran with three items: D-00001 done, D-00002 carried to S-00002.
fn closed_plan() -> Plan {
    let mut plan = Plan::default();
    for (id, title) in [("D-00001", "Fix flaky CI"), ("D-00002", "Rotate keys")] {
        let mut d = Debt::new(id.into(), title.into(), day("2026-01-02"));
        d.effort = Some(3);
        d.risk = 2;
        d.owner = "ana".into();
        plan.debts.push(d);
    }
    for (id, start, end) in [
        ("S-00001", "2026-03-02", "2026-03-13"),
        ("S-00002", "2026-03-16", "2026-03-27"),
    ] {
        let s = Sprint::new(id.into(), format!("Sprint {id}"), day(start), day(end), 10);
        plan.sprints.push(s);
    }
    plan.normalize();
    let ids = ["D-00001".to_owned(), "D-00002".to_owned()];
    let o = planning::add_items(&plan, "S-00001", &ids, day("2026-03-01")).unwrap();
    plan.apply(o.change);
    plan.apply(
        planning::start(&plan, "S-00001", day("2026-03-02"))
            .unwrap()
            .change,
    );
    let c = planning::close(&plan, "S-00001", &ids[..1], day("2026-03-13")).unwrap();
    plan.apply(c.change);
    plan
}

#[test]
fn a_closed_sprint_in_markdown_says_what_was_not_done_and_where_it_went() {
    let plan = closed_plan();
    let md = sprint_markdown(&plan, "S-00001", day("2026-03-20")).unwrap();
    assert!(md.contains("(closed 2026-03-13)"), "{md}");
    assert!(md.contains("## Committed, not done"), "{md}");
    assert!(
        md.contains("| D-00002 | Rotate keys | ana | 3 | carried to S-00002 |"),
        "{md}"
    );
}

#[test]
fn a_closed_sprint_in_csv_adds_rows_that_import_back() {
    let plan = closed_plan();
    let csv = sprint_csv(&plan, "S-00001", day("2026-03-20")).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 3, "{csv}");
    assert!(
        lines[0].ends_with(",status,sprint,due,description"),
        "{csv}"
    );
    assert!(lines[1].starts_with("D-00001,") && lines[1].ends_with(",done,done,,"));
    assert!(lines[2].starts_with("D-00002,") && lines[2].ends_with(",open,carried to S-00002,,"));
    let back = crate::import::csv::parse(&csv, "x.csv", &Plan::default(), day("2026-03-20"));
    assert_eq!(back.map(|items| items.len()).ok(), Some(2));
}

#[test]
fn a_closed_sprint_in_json_has_not_done() {
    let plan = closed_plan();
    let j = sprint_json(&plan, "S-00001", day("2026-03-20")).unwrap();
    let v: serde_json::Value = serde_json::from_str(&j).unwrap();
    assert_eq!(v["format_version"], 1);
    assert_eq!(
        v["not_done"],
        serde_json::json!([{"id": "D-00002", "title": "Rotate keys", "effort": 3,
                            "went": "sprint", "sprint": "S-00002"}])
    );
    assert_eq!(v["sprint"]["when"], "closed 2026-03-13");
}

#[test]
fn an_overdue_sprint_reads_the_same_in_every_export() {
    let mut plan = closed_plan();
    plan.apply(
        planning::start(&plan, "S-00002", day("2026-03-16"))
            .unwrap()
            .change,
    );
    let today = day("2026-03-30");
    let md = sprint_markdown(&plan, "S-00002", today).unwrap();
    assert!(md.contains("(ended 3 days ago — close it)"), "{md}");
    let j: serde_json::Value =
        serde_json::from_str(&sprint_json(&plan, "S-00002", today).unwrap()).unwrap();
    assert_eq!(j["sprint"]["when"], "ended 3 days ago — close it");
    let list: serde_json::Value =
        serde_json::from_str(&sprints_json(&plan, today).unwrap()).unwrap();
    assert_eq!(list[1]["when"], "ended 3 days ago — close it");
}

#[test]
fn a_reversed_decision_stays_in_the_learning_log() {
    let mut plan = Plan::default();
    let mut h = Hypothesis::new("H-00001".into(), "Canaries".into(), day("2026-01-05"));
    h.status = HypothesisStatus::Running;
    h.started = Some(day("2026-01-10"));
    plan.hypotheses.push(h);
    let (c, _) =
        lifecycle::validate(&plan, "H-00001", "fewer incidents", day("2026-02-01")).unwrap();
    plan.apply(c);
    let (c, _) = lifecycle::reopen(&plan, "H-00001", day("2026-02-20")).unwrap();
    plan.apply(c);
    let md = learning_log_markdown(&plan, None, day("2026-03-01"));
    assert!(
        md.contains("### Validated (reversed): Canaries (H-00001), 2026-02-01"),
        "{md}"
    );
    assert!(md.contains("- **Reversed:** reopened 2026-02-20"), "{md}");
    assert!(md.contains("- **Evidence:** fewer incidents"), "{md}");
    let j: serde_json::Value =
        serde_json::from_str(&learning_log_json(&plan, None).unwrap()).unwrap();
    let e = &j["months"][0]["entries"][0];
    assert_eq!(
        (e["decision"].as_str(), e["reversed"].as_str()),
        (Some("validated"), Some("2026-02-20"))
    );
    // Decided again: both decisions, the standing one first.
    let (c, _) =
        lifecycle::abandon(&plan, "H-00001", "no effect after all", day("2026-02-25")).unwrap();
    plan.apply(c);
    let j: serde_json::Value =
        serde_json::from_str(&learning_log_json(&plan, None).unwrap()).unwrap();
    let entries = &j["months"][0]["entries"];
    assert_eq!(entries[0]["decision"], "abandoned");
    assert_eq!(entries[0]["reversed"], serde_json::Value::Null);
    assert_eq!(entries[1]["reversed"], "2026-02-20");
}

#[test]
fn an_item_sent_back_at_close_and_finished_later_says_done_later_everywhere() {
    let mut plan = closed_plan();
    // The same story with no next sprint: D-00002 goes back to the backlog.
    plan.sprints.retain(|s| s.id != "S-00002");
    let s1 = plan.sprints.iter_mut().find(|s| s.id == "S-00001").unwrap();
    s1.carried_to = None;
    let went = |plan: &Plan| {
        let s = plan.sprint("S-00001").unwrap();
        planning::not_done(plan, s)
    };
    assert_eq!(went(&plan)[0].1, planning::WentTo::Backlog);
    let d = plan.debts.iter_mut().find(|d| d.id == "D-00002").unwrap();
    d.set_status(crate::model::DebtStatus::Done, day("2026-03-18"));
    assert_eq!(went(&plan)[0].1, planning::WentTo::DoneLater);

    let today = day("2026-03-20");
    let md = sprint_markdown(&plan, "S-00001", today).unwrap();
    assert!(
        md.contains("| D-00002 | Rotate keys | ana | 3 | done later |"),
        "{md}"
    );
    let csv = sprint_csv(&plan, "S-00001", today).unwrap();
    assert!(
        csv.lines()
            .any(|l| l.starts_with("D-00002,") && l.ends_with(",done,done later,,")),
        "{csv}"
    );
    let j: serde_json::Value =
        serde_json::from_str(&sprint_json(&plan, "S-00001", today).unwrap()).unwrap();
    assert_eq!(j["not_done"][0]["went"], "done_later", "{j}");
}

#[test]
fn an_item_taken_out_mid_sprint_and_done_in_another_is_not_done_later() {
    let mut plan = closed_plan();
    // D-00002 was taken out on 03-05 (by hand, before the close) and then
    // finished in S-00002; a third item was sent back and done in S-00002.
    let s1 = plan.sprints.iter_mut().find(|s| s.id == "S-00001").unwrap();
    s1.carried.clear();
    s1.carried_to = None;
    s1.items.retain(|i| i != "D-00002");
    s1.scope.push(crate::model::ScopeChange {
        date: day("2026-03-05"),
        item: "D-00002".into(),
        change: crate::model::ScopeKind::Removed,
        points: 3,
    });
    let d = plan.debts.iter_mut().find(|d| d.id == "D-00002").unwrap();
    d.set_status(crate::model::DebtStatus::Done, day("2026-03-18"));
    let s2 = plan.sprints.iter_mut().find(|s| s.id == "S-00002").unwrap();
    s2.items.push("D-00002".into());
    let s = plan.sprint("S-00001").unwrap();
    assert_eq!(
        planning::not_done(&plan, s),
        [(
            "D-00002".into(),
            planning::WentTo::TakenOut(day("2026-03-05"))
        )]
    );
    let today = day("2026-03-20");
    let md = sprint_markdown(&plan, "S-00001", today).unwrap();
    assert!(!md.contains("## Committed, not done"), "{md}");
    assert!(md.contains("## Taken out during the sprint"), "{md}");
    assert!(md.contains("| taken out on 2026-03-05 |"), "{md}");
    let j: serde_json::Value =
        serde_json::from_str(&sprint_json(&plan, "S-00001", today).unwrap()).unwrap();
    assert_eq!(j["not_done"][0]["went"], "taken_out", "{j}");
    assert_eq!(j["not_done"][0]["taken_out"], "2026-03-05", "{j}");

    // Not taken out, sent back at the close, finished inside S-00002.
    let s1 = plan.sprints.iter_mut().find(|s| s.id == "S-00001").unwrap();
    s1.scope.clear();
    let s = plan.sprint("S-00001").unwrap();
    assert_eq!(
        planning::not_done(&plan, s)[0].1,
        planning::WentTo::DoneIn("S-00002".into())
    );
    let md = sprint_markdown(&plan, "S-00001", today).unwrap();
    assert!(md.contains("| done in S-00002 |"), "{md}");
}
