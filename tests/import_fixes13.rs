//! Fixes to issue 13 found by a user trying the README (helper B13): the
//! one mapping table for every tracker and for a mapped priority column,
//! due dates from Linear and GitLab, owners on a taskwarrior import, and
//! what an import leaves out — with the real binary on real files.

use bearing::model::{Debt, Plan};

mod common;

use common::cli::Sandbox;

fn loaded(sb: &Sandbox) -> Plan {
    bearing::store::load(&sb.plan()).unwrap().plan
}

fn by_title<'p>(plan: &'p Plan, title: &str) -> &'p Debt {
    plan.debts
        .iter()
        .find(|d| d.title == title)
        .unwrap_or_else(|| panic!("no {title:?} in {:?}", plan.debts))
}

#[test]
fn a_priority_column_mapped_to_urgency_takes_words() {
    let sb = Sandbox::init();
    let f = sb.write(
        "sheet.csv",
        "\u{feff}Title,Priority\r\nA,Highest\r\nB,P2\r\nC,critical\r\nD,3\r\nE,\r\n",
    );
    let r = sb.run(&["import", "csv", &f, "--map", "Priority=urgency"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let plan = loaded(&sb);
    let u: Vec<u8> = ["A", "B", "C", "D", "E"]
        .iter()
        .map(|t| by_title(&plan, t).urgency)
        .collect();
    assert_eq!(u, [5, 3, 5, 3, 0]);
    // A word the rules do not know is a bad cell naming what is accepted.
    let g = sb.write("bad.csv", "Title,Priority\nX,someday\n");
    let r = sb.run(&["import", "csv", &g, "--map", "Priority=urgency"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("bad.csv:2: urgency: must be 0–5 or a priority word"),
        "{}",
        r.stderr
    );
}

#[test]
fn gitlab_and_linear_exports_map_labels_and_read_due_dates() {
    let sb = Sandbox::init();
    let gitlab = sb.write(
        "gitlab.csv",
        "Issue ID,URL,Title,State,Description,Author,Author Username,Assignee,Assignee Username,Confidential,Locked,Due Date,Created At (UTC),Updated At (UTC),Closed At (UTC),Milestone,Weight,Labels,Time Estimate,Time Spent\r\n\
         7,https://gitlab.example.com/a/b/-/issues/7,Slow search,Open,,Sam,sam,Ana,ana,No,No,2026-07-01,2026-03-04 05:06:07,2026-03-04 05:06:07,,,3,\"priority::high,area::search,tech-debt\",0,0\r\n",
    );
    sb.ok(&["import", "gitlab", &gitlab]);
    let plan = loaded(&sb);
    let d = by_title(&plan, "Slow search");
    assert_eq!(
        (d.urgency, d.area.as_str(), d.tags.clone()),
        (4, "search", vec!["tech-debt".to_owned()])
    );
    assert_eq!(d.due.map(|d| d.to_string()).as_deref(), Some("2026-07-01"));
}
