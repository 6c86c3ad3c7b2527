//! Linear's and GitLab's CSV exports, with the headers they really write.

use super::*;

/// Linear's 30-column export header.
pub const LINEAR: &str = "ID,Team,Title,Description,Status,Estimate,Priority,Project ID,Project,Creator,Assignee,Labels,Cycle Number,Cycle Name,Cycle Start,Cycle End,Created,Updated,Started,Triaged,Completed,Canceled,Archived,Due Date,Parent issue,Initiatives,Project Milestone ID,Project Milestone,SLA Status,Roadmaps";

/// GitLab's issue export header.
pub const GITLAB: &str = "Issue ID,URL,Title,State,Description,Author,Author Username,Assignee,Assignee Username,Confidential,Locked,Due Date,Created At (UTC),Updated At (UTC),Closed At (UTC),Milestone,Weight,Labels,Time Estimate,Time Spent";

/// A row under `header` with the given cells by column name.
fn row(header: &str, cells: &[(&str, &str)]) -> String {
    header
        .split(',')
        .map(|name| {
            let v = cells
                .iter()
                .find(|(n, _)| *n == name)
                .map_or("", |(_, v)| v);
            if v.contains([',', '"', '\n']) {
                format!("\"{}\"", v.replace('"', "\"\""))
            } else {
                v.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join(",")
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

#[test]
fn a_linear_export_is_read_by_column_name() {
    let text = [
        LINEAR.to_owned(),
        row(
            LINEAR,
            &[
                ("ID", "ENG-42"),
                ("Team", "Platform"),
                ("Title", "Flaky deploys"),
                ("Description", "Steps:\n1. \"deploy\""),
                ("Status", "In Progress"),
                ("Estimate", "3"),
                ("Priority", "Urgent"),
                ("Assignee", "ana@example.com"),
                ("Labels", "tech-debt, ci"),
                ("Created", "2026-05-14T08:53:33.000Z"),
                ("Started", "2026-06-01T10:00:00.000Z"),
            ],
        ),
        row(
            LINEAR,
            &[
                ("ID", "ENG-43"),
                ("Team", "Platform"),
                ("Title", "Old logger"),
                ("Status", "Shipped"),
                ("Priority", "No priority"),
                ("Created", "2026-01-02T10:00:00.000Z"),
                ("Completed", "2026-02-03T10:00:00.000Z"),
            ],
        ),
        row(
            LINEAR,
            &[
                ("ID", "ENG-44"),
                ("Title", "Dup"),
                ("Status", "Duplicate"),
                ("Priority", "Low"),
                ("Estimate", "0"),
            ],
        ),
    ]
    .join("\n");
    let o = read_with(&text, &Options::default()).unwrap();
    assert_eq!(o.flavor, Flavor::Linear);
    assert!(o.skipped.is_empty(), "{:?}", o.skipped);
    let [a, b, c] = &o.items[..] else {
        panic!("{:?}", o.items)
    };
    assert_eq!(a.source.as_deref(), Some("linear:ENG-42"));
    assert_eq!(a.title, "Flaky deploys");
    assert_eq!(a.description, "Steps:\n1. \"deploy\"");
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
    assert_eq!(a.changes[0].date, day("2026-06-01"));
    // A team's own state name falls back on the timestamps.
    assert_eq!((b.status, b.urgency), (DebtStatus::Done, 0));
    assert_eq!(b.changes[0].date, day("2026-02-03"));
    assert_eq!((c.status, c.urgency), (DebtStatus::WontFix, 2));
    // No estimate: to triage.
    assert_eq!((b.effort, c.effort), (None, None));
}

#[test]
fn linear_rows_with_bad_cells_are_located() {
    let text = [
        LINEAR.to_owned(),
        row(
            LINEAR,
            &[("ID", "ENG-1"), ("Title", ""), ("Priority", "Soon")],
        ),
        row(LINEAR, &[("ID", ""), ("Title", "x"), ("Estimate", "2.5")]),
    ]
    .join("\r\n");
    let o = read_with(&text, &Options::default()).unwrap();
    let msgs: Vec<String> = o.skipped.iter().map(ToString::to_string).collect();
    assert_eq!(
        msgs,
        [
            "s.csv:2: Title: must not be empty",
            "s.csv:2: Priority: must be Urgent, High, Medium, Low or No priority, got \"Soon\"",
            "s.csv:3: ID: must not be empty (Linear's issue id, e.g. ENG-42)",
            "s.csv:3: Estimate: must be a whole number of points, got \"2.5\"",
        ]
    );
}

#[test]
fn a_forced_format_names_the_missing_columns() {
    let options = Options {
        flavor: Flavor::Linear,
        ..Options::default()
    };
    // "title" is Linear's Title (names ignore case); ID is missing.
    let errs = read_with("title,effort\nA,1\n", &options).unwrap_err();
    assert_eq!(
        errs,
        ["s.csv:1: ID: required column of a Linear export missing from the header"]
    );
    let options = Options {
        flavor: Flavor::GitLab,
        ..Options::default()
    };
    let errs = read_with("Title\nA\n", &options).unwrap_err();
    assert_eq!(errs.len(), 2, "{errs:?}");
}

#[test]
fn a_gitlab_export_is_read_by_column_name() {
    let text = [
        GITLAB.to_owned(),
        row(
            GITLAB,
            &[
                ("Issue ID", "17"),
                ("URL", "https://gitlab.example.com/acme/shop/-/issues/17"),
                ("Title", "'=HYPERLINK(\"http://x\")"),
                ("State", "Open"),
                ("Description", "body\r\nmore"),
                ("Author", "Sam"),
                ("Assignee", "Ana Lima"),
                ("Assignee Username", "ana"),
                ("Confidential", "No"),
                ("Locked", "No"),
                ("Created At (UTC)", "2026-03-04 05:06:07"),
                ("Weight", "5"),
                ("Labels", "tech-debt,priority::high"),
            ],
        ),
        row(
            GITLAB,
            &[
                ("Issue ID", "18"),
                ("Title", "Closed one"),
                ("State", "Closed"),
                ("Assignee Username", "bo"),
                ("Closed At (UTC)", "2026-04-01 00:00:00"),
                ("Labels", "Priority: Critical"),
            ],
        ),
    ]
    .join("\n");
    let o = read_with(&text, &Options::default()).unwrap();
    assert_eq!(o.flavor, Flavor::GitLab);
    assert!(o.skipped.is_empty(), "{:?}", o.skipped);
    let [a, b] = &o.items[..] else {
        panic!("{:?}", o.items)
    };
    assert_eq!(
        a.source.as_deref(),
        Some("gitlab:https://gitlab.example.com/acme/shop/-/issues/17")
    );
    // GitLab guards a formula with ' as Bearing's export does.
    assert_eq!(a.title, "=HYPERLINK(\"http://x\")");
    assert_eq!(a.description, "body\nmore");
    assert_eq!(
        (a.status, a.effort, a.urgency),
        (DebtStatus::Open, Some(5), 4)
    );
    assert_eq!(a.owner, "Ana Lima");
    // The scoped priority label is a rating, not a tag.
    assert_eq!(a.tags, ["tech-debt"]);
    assert_eq!(a.created, day("2026-03-04"));
    assert_eq!(b.source.as_deref(), Some("gitlab:#18"));
    assert_eq!(
        (b.status, b.urgency, b.owner.as_str()),
        (DebtStatus::Done, 5, "bo")
    );
    assert_eq!(b.changes[0].date, day("2026-04-01"));
}

#[test]
fn a_gitlab_state_other_than_open_or_closed_is_a_bad_cell() {
    let text = [
        GITLAB.to_owned(),
        row(
            GITLAB,
            &[("Issue ID", "1"), ("Title", "t"), ("State", "Merged")],
        ),
    ]
    .join("\n");
    let o = read_with(&text, &Options::default()).unwrap();
    assert_eq!(
        o.skipped[0].to_string(),
        "s.csv:2: State: must be Open or Closed, got \"Merged\""
    );
}

#[test]
fn gitlab_scoped_labels_go_through_the_plans_mapping() {
    let text = [
        GITLAB.to_owned(),
        row(
            GITLAB,
            &[
                ("Issue ID", "1"),
                ("Title", "a"),
                ("State", "Open"),
                ("Labels", "priority::high,area::payments,tech-debt"),
            ],
        ),
        row(
            GITLAB,
            &[
                ("Issue ID", "2"),
                ("Title", "b"),
                ("State", "Open"),
                ("Labels", "priority/critical,area/search,P3"),
            ],
        ),
    ]
    .join("\n");
    let o = read_with(&text, &Options::default()).unwrap();
    let [a, b] = &o.items[..] else {
        panic!("{:?}", o.items)
    };
    assert_eq!(
        (a.urgency, a.area.as_str(), a.tags.clone()),
        (4, "payments", vec!["tech-debt".to_owned()])
    );
    assert_eq!((b.urgency, b.area.as_str(), b.tags.len()), (5, "search", 0));
}

#[test]
fn linear_priority_and_labels_use_the_plans_rules() {
    let text = [
        LINEAR.to_owned(),
        row(
            LINEAR,
            &[
                ("ID", "ENG-1"),
                ("Team", "Platform"),
                ("Title", "a"),
                ("Priority", "Sev1"),
                ("Labels", "area/billing, debt"),
            ],
        ),
    ]
    .join("\n");
    let mut plan = Plan::default();
    plan.import.priorities.push(crate::model::PriorityRule {
        word: "sev1".into(),
        urgency: 5,
    });
    let o = read(&text, "s.csv", &plan, today(), &Options::default()).unwrap();
    assert!(o.skipped.is_empty(), "{:?}", o.skipped);
    let d = &o.items[0];
    // A label that names an area wins over the team.
    assert_eq!(
        (d.urgency, d.area.as_str(), d.tags.clone()),
        (5, "billing", vec!["debt".to_owned()])
    );
}

#[test]
fn linear_and_gitlab_due_dates_are_read() {
    let linear = [
        LINEAR.to_owned(),
        row(
            LINEAR,
            &[
                ("ID", "ENG-1"),
                ("Title", "a"),
                ("Due Date", "2026-07-01T00:00:00.000Z"),
            ],
        ),
        row(
            LINEAR,
            &[("ID", "ENG-2"), ("Title", "b"), ("Due Date", "2026-07-02")],
        ),
        row(LINEAR, &[("ID", "ENG-3"), ("Title", "c")]),
        row(
            LINEAR,
            &[("ID", "ENG-4"), ("Title", "d"), ("Due Date", "soon")],
        ),
    ]
    .join("\r\n");
    let o = read_with(&linear, &Options::default()).unwrap();
    let dues: Vec<_> = o.items.iter().map(|d| d.due).collect();
    assert_eq!(
        dues,
        [Some(day("2026-07-01")), Some(day("2026-07-02")), None]
    );
    assert_eq!(
        o.skipped[0].to_string(),
        "s.csv:5: Due Date: cannot read the date \"soon\": write it like 2026-11-28 (also 28.11.2026, 28/11/2026, 28-Nov-2026 or Nov 28, 2026)"
    );
    let gitlab = [
        GITLAB.to_owned(),
        row(
            GITLAB,
            &[
                ("Issue ID", "1"),
                ("Title", "a"),
                ("State", "Open"),
                ("Due Date", "2026-08-15"),
            ],
        ),
    ]
    .join("\n");
    let o = read_with(&gitlab, &Options::default()).unwrap();
    assert_eq!(o.items[0].due, Some(day("2026-08-15")));
}
