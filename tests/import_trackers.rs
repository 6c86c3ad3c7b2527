//! `bearing import linear|gitlab FILE`, and `bearing import csv` recognising
//! their exports, with the real binary on fixtures written with the headers
//! Linear's "Export CSV" and GitLab's "Export as CSV" write
//! (tests/data/import/linear.csv, gitlab.csv).

use std::path::Path;

use bearing::model::{Debt, DebtStatus, Plan};

mod common;

use common::cli::Sandbox;

fn fixture(sb: &Sandbox, name: &str) -> String {
    let from = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/import")
        .join(name);
    std::fs::copy(from, sb.path().join(name)).unwrap();
    name.to_owned()
}

fn by_source<'p>(plan: &'p Plan, source: &str) -> &'p Debt {
    plan.debts
        .iter()
        .find(|d| d.source.as_deref() == Some(source))
        .unwrap_or_else(|| panic!("no {source} in {:?}", plan.debts))
}

fn day(s: &str) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

#[test]
fn a_linear_export() {
    let sb = Sandbox::init();
    let f = fixture(&sb, "linear.csv");
    let r = sb.run(&["import", "linear", &f]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        (r.stdout.as_str(), r.stderr.as_str()),
        ("4 added, 0 updated, 0 closed, 0 unchanged\n", "")
    );
    let plan = sb.loaded();
    let a = by_source(&plan, "linear:ENG-42");
    assert_eq!(a.title, "Flaky deploys on Fridays");
    assert!(
        a.description.contains("=cmd|' /C calc'!A0\n```"),
        "{:?}",
        a.description
    );
    assert_eq!(
        (a.status, a.effort, a.urgency),
        (DebtStatus::InProgress, Some(3), 5)
    );
    assert_eq!(
        (a.owner.as_str(), a.area.as_str()),
        ("ana@example.com", "Platform")
    );
    assert_eq!(a.tags, ["tech-debt", "ci"]);
    assert_eq!(a.created, day("2026-05-14"));
    let b = by_source(&plan, "linear:ENG-43");
    assert_eq!(
        (b.status, b.urgency, b.owner.as_str()),
        (DebtStatus::Open, 3, "")
    );
    assert!(b.title.contains('\u{202e}'));
    // No estimate: to triage.
    assert_eq!(b.effort, None);
    // "Shipped" is this team's own state: its Completed time says done.
    let c = by_source(&plan, "linear:ENG-44");
    assert_eq!(
        (c.status, c.effort, c.urgency),
        (DebtStatus::Done, Some(5), 2)
    );
    assert_eq!(c.changes.last().unwrap().date, day("2026-03-20"));
    assert_eq!(
        by_source(&plan, "linear:ENG-45").status,
        DebtStatus::WontFix
    );
    // Listed, the bidi override is inert.
    let list = sb.ok(&["list", "debt"]);
    assert!(!list.contains('\u{202e}'), "{list}");
}

#[test]
fn a_gitlab_export() {
    let sb = Sandbox::init();
    let f = fixture(&sb, "gitlab.csv");
    let r = sb.run(&["import", "gitlab", &f]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout, "3 added, 0 updated, 0 closed, 0 unchanged\n");
    let plan = sb.loaded();
    let a = by_source(
        &plan,
        "gitlab:https://gitlab.example.com/acme/shop/-/issues/17",
    );
    assert_eq!(a.title, "=HYPERLINK(\"http://evil\",\"click\")");
    assert_eq!(
        a.description,
        "Checkout retries twice.\nSee \"logs\"; then, fix"
    );
    assert_eq!(
        (a.status, a.effort, a.urgency),
        (DebtStatus::Open, Some(5), 4)
    );
    assert_eq!(a.owner, "Ana Lima");
    // The scoped priority label is the urgency, not a tag.
    assert_eq!(a.tags, ["tech-debt"]);
    let b = by_source(
        &plan,
        "gitlab:https://gitlab.example.com/acme/shop/-/issues/18",
    );
    assert_eq!(b.status, DebtStatus::Done);
    assert_eq!(b.changes.last().unwrap().date, day("2026-02-01"));
    let c = by_source(
        &plan,
        "gitlab:https://gitlab.example.com/acme/shop/-/issues/19",
    );
    assert_eq!((c.owner.as_str(), c.urgency, c.effort), ("bo", 5, None));
}

#[test]
fn import_csv_recognises_a_tracker_export_by_its_header() {
    let sb = Sandbox::init();
    for (name, says) in [
        ("linear.csv", "a Linear export"),
        ("gitlab.csv", "a GitLab export"),
    ] {
        let f = fixture(&sb, name);
        let r = sb.run(&["import", "csv", &f]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert_eq!(r.stderr, format!("{name}: read as {says}\n"));
    }
    let plan = sb.loaded();
    assert_eq!(plan.debts.len(), 7);
    by_source(&plan, "linear:ENG-42");
    by_source(
        &plan,
        "gitlab:https://gitlab.example.com/acme/shop/-/issues/19",
    );
}

#[test]
fn a_file_that_is_not_that_export_is_a_header_problem() {
    let sb = Sandbox::init();
    let before = std::fs::read(sb.plan()).unwrap();
    let f = sb.write("sheet.csv", "Title,Effort\nA,1\n");
    let r = sb.run(&["import", "linear", &f]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains(
            "sheet.csv:1: ID: required column of a Linear export missing from the header"
        ),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("--skip-invalid"), "{}", r.stderr);
    let r = sb.run(&["import", "gitlab", &f]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("Issue ID: required column of a GitLab export"),
        "{}",
        r.stderr
    );
    assert_eq!(std::fs::read(sb.plan()).unwrap(), before);
}

#[test]
fn a_short_linear_export_with_missing_fields_and_a_bad_row() {
    let sb = Sandbox::init();
    // Fewer columns (an older export shape), one row missing its title, one
    // a fractional estimate, an empty file body otherwise.
    let f = sb.write(
        "short.csv",
        "ID,Title,Status,Estimate,Priority\r\nENG-1,Keep,Todo,2,High\r\nENG-2,,Todo,,\r\nENG-3,Half,Todo,0.5,\r\n",
    );
    let r = sb.run(&["import", "linear", &f]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("short.csv:3: Title: must not be empty"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("short.csv:4: Estimate: must be a whole number of points, got \"0.5\""),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("--skip-invalid to import the 1 valid one"),
        "{}",
        r.stderr
    );
    let r = sb.run(&["import", "linear", &f, "--skip-invalid"]);
    assert_eq!(
        r.stdout,
        "1 added, 0 updated, 0 closed, 0 unchanged (skipped 2 invalid rows)\n"
    );
    let plan = sb.loaded();
    let d = by_source(&plan, "linear:ENG-1");
    assert_eq!(
        (d.status, d.effort, d.urgency, d.area.as_str()),
        (DebtStatus::Open, Some(2), 4, "")
    );
    let e = sb.write("empty.csv", "");
    let r = sb.run(&["import", "gitlab", &e]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("empty.csv:1: header: the file is empty"),
        "{}",
        r.stderr
    );
}

#[test]
fn ten_thousand_gitlab_rows() {
    let sb = Sandbox::init();
    let header = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/import/gitlab.csv"),
    )
    .unwrap();
    let mut text = header.lines().next().unwrap().to_owned();
    text.push('\n');
    for i in 0..10_000 {
        text.push_str(&format!(
            "{i},https://g.example/p/-/issues/{i},\"Issue {i}, \"\"quoted\"\"\",{},,a,a,,,No,No,,2026-01-01 00:00:00,,,,{},\"x,y\",0,0\n",
            if i % 2 == 0 { "Open" } else { "Closed" },
            i % 5,
        ));
    }
    let f = sb.write("big.csv", &text);
    let r = sb.run(&["import", "gitlab", &f]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout, "10000 added, 0 updated, 0 closed, 0 unchanged\n");
    let plan = sb.loaded();
    let d = by_source(&plan, "gitlab:https://g.example/p/-/issues/9999");
    assert_eq!(
        (d.title.as_str(), d.status, d.effort),
        ("Issue 9999, \"quoted\"", DebtStatus::Done, Some(4))
    );
    assert_eq!(
        plan.debts
            .iter()
            .filter(|d| d.status == DebtStatus::Open)
            .count(),
        5_000
    );
}
