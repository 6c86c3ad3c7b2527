//! Fixes to issue 13 found by a user trying the README (helper B13): the
//! one mapping table for every tracker and for a mapped priority column,
//! due dates from Linear and GitLab, owners on a taskwarrior import, and
//! what an import leaves out — with the real binary on real files.

mod common;

use common::cli::{Sandbox, by_title};

#[test]
fn a_priority_column_mapped_to_urgency_takes_words() {
    let sb = Sandbox::init();
    let f = sb.write(
        "sheet.csv",
        "\u{feff}Title,Priority\r\nA,Highest\r\nB,P2\r\nC,critical\r\nD,3\r\nE,\r\n",
    );
    let r = sb.run(&["import", "csv", &f, "--map", "Priority=urgency"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let plan = sb.loaded();
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
    let plan = sb.loaded();
    let d = by_title(&plan, "Slow search");
    assert_eq!(
        (d.urgency, d.area.as_str(), d.tags.clone()),
        (4, "search", vec!["tech-debt".to_owned()])
    );
    assert_eq!(d.due.map(|d| d.to_string()).as_deref(), Some("2026-07-01"));
}

#[test]
fn a_closed_item_without_effort_is_not_to_triage() {
    let sb = Sandbox::init();
    sb.ok_at(
        "2026-11-30",
        &["add", "debt", "Wontfix", "--owner", "bo", "--risk", "2"],
    );
    sb.ok_at(
        "2026-11-30",
        &["add", "debt", "Waits", "--owner", "bo", "--risk", "2"],
    );
    let plan = sb.loaded();
    let id = by_title(&plan, "Wontfix").id.clone();
    sb.ok_at("2026-11-30", &["edit", &id, "--status", "wont_fix"]);
    let out = sb.ok_at("2026-11-30", &["list", "debt"]).stdout;
    let row = |t: &str| {
        out.lines()
            .find(|l| l.contains(t))
            .unwrap_or_else(|| panic!("{out}"))
            .to_owned()
    };
    assert!(row("Wontfix").trim_end().ends_with(" -"), "{out}");
    assert!(row("Waits").trim_end().ends_with("triage"), "{out}");
    let r = sb.run_at(Some("2026-11-30"), &["check"]);
    assert!(
        !r.stdout.contains("\"Wontfix\" has no effort"),
        "{}",
        r.stdout
    );
}

#[test]
fn check_counts_urgency_from_a_due_date_as_impact() {
    let sb = Sandbox::init();
    sb.ok_at(
        "2026-11-30",
        &[
            "add",
            "debt",
            "Due soon",
            "--owner",
            "ana",
            "--effort",
            "2",
            "--due",
            "2026-12-05",
        ],
    );
    let r = sb.run_at(Some("2026-11-30"), &["check"]);
    let all = format!("{}{}", r.stdout, r.stderr);
    assert!(!all.contains("debt-without-impact"), "{all}");
    // Months before the date, the date gives no urgency yet.
    let r = sb.run_at(Some("2026-01-02"), &["check"]);
    let all = format!("{}{}", r.stdout, r.stderr);
    assert!(all.contains("debt-without-impact"), "{all}");
}

/// Taskwarrior has no owner field: a fresh import must not fail `check`
/// (the items are to triage; their owner is a warning until then), and the
/// summary says what the export had that was left out.
#[test]
fn a_real_taskwarrior_import_passes_check_and_says_what_it_skipped() {
    let sb = Sandbox::init();
    let Some(tw) = common::cli::taskwarrior(sb.path()) else {
        return;
    };
    use common::cli::task;
    task(
        &tw,
        &["add", "Fix flaky CI", "priority:H", "due:2026-11-25"],
    );
    task(&tw, &["add", "Later", "wait:2027-01-01"]);
    task(&tw, &["add", "Finished", "priority:L"]);
    task(&tw, &["description:Finished", "done"]);
    task(&tw, &["add", "Dropped"]);
    task(&tw, &["description:Dropped", "delete"]);
    task(
        &tw,
        &["add", "Rotate keys", "recur:monthly", "due:2026-12-01"],
    );
    let f = sb.write("export.json", &task(&tw, &["export"]));
    let r = sb.run(&["import", "taskwarrior", &f]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // Pending: two plus the recurring task's first instance; left out: the
    // completed and deleted tasks never imported, and the template.
    assert_eq!(
        r.stdout,
        "3 added, 0 updated, 0 closed, 0 unchanged \
         (3 skipped: 1 completed, 1 deleted, 1 recurring template)\n"
    );
    let r = sb.run(&["check"]);
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    let all = format!("{}{}", r.stdout, r.stderr);
    assert!(
        all.contains("warning debt-without-owner")
            && all.contains("still to triage")
            && !all.contains(" error "),
        "{all}"
    );
    // Once estimated, an item without an owner is an error again.
    let id = sb.loaded().debts[0].id.clone();
    sb.ok(&["edit", &id, "--effort", "3"]);
    let r = sb.run(&["check"]);
    assert_eq!(r.code, 1, "{}\n{}", r.stdout, r.stderr);
}

#[test]
fn only_debt_keeps_linear_and_gitlab_issues_with_a_debt_label() {
    let sb = Sandbox::init();
    let linear = sb.write(
        "linear.csv",
        "ID,Team,Title,Description,Status,Estimate,Priority,Project ID,Project,Creator,Assignee,Labels,Cycle Number,Cycle Name,Cycle Start,Cycle End,Created,Updated,Started,Triaged,Completed,Canceled,Archived,Due Date,Parent issue,Initiatives,Project Milestone ID,Project Milestone,SLA Status,Roadmaps\n\
         ENG-1,Platform,Old logger,,Todo,,High,,,,,\"Tech Debt, logging\",,,,,2026-01-02T10:00:00.000Z,,,,,,,2026-12-24,,,,,,\n\
         ENG-2,Platform,New feature,,Todo,,Low,,,,,feature,,,,,2026-01-02T10:00:00.000Z,,,,,,,,,,,,,\n",
    );
    let r = sb.run(&["import", "linear", &linear, "--only-debt"]);
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (
            0,
            "1 added, 0 updated, 0 closed, 0 unchanged (1 not marked as debt)\n"
        ),
        "{}",
        r.stderr
    );
    let plan = sb.loaded();
    let d = by_title(&plan, "Old logger");
    assert_eq!(
        (d.urgency, d.due.map(|d| d.to_string())),
        (4, Some("2026-12-24".to_owned()))
    );
    assert!(plan.debts.iter().all(|d| d.title != "New feature"));
}
