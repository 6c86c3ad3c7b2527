//! Importer defects a new user found following the README (issue 13,
//! helper G13): due dates and dates as locales write them in sheets,
//! Bearing's own sprint CSV read back, unreadable tracker dates, a status
//! log out of date order, repeated keys, conflict lines, stdout against
//! stderr, `--help` against the README, line ends, and the status words —
//! with the real binary on real files.

use bearing::model::DebtStatus;
use chrono::NaiveDate;

mod common;

use common::cli::{Sandbox, by_title};

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

const TODAY: &str = "2026-11-30";

/// Point 1: a sheet's due column, by any of its names or mapped.
#[test]
fn a_sheet_due_column_is_read_by_its_names_and_by_map() {
    let sb = Sandbox::init();
    let f = sb.write(
        "due.csv",
        "id,title,Due date,effort\r\n7,A,2026-12-05,2\r\n8,B,,1\r\n",
    );
    sb.ok_at(TODAY, &["import", "csv", &f]);
    let g = sb.write("dl.csv", "title,Deadline\r\nC,05.12.2026\r\n");
    sb.ok_at(TODAY, &["import", "csv", &g]);
    let h = sb.write("m.csv", "title,Target day\r\nD,\"Dec 6, 2026\"\r\n");
    let r = sb.ok_at(TODAY, &["import", "csv", &h, "--map", "Target day=due"]);
    assert!(!r.stderr.contains("ignored"), "{}", r.stderr);
    let plan = sb.loaded();
    let dues: Vec<Option<NaiveDate>> = ["A", "B", "C", "D"]
        .iter()
        .map(|t| by_title(&plan, t).due)
        .collect();
    assert_eq!(
        dues,
        [
            Some(day("2026-12-05")),
            None,
            Some(day("2026-12-05")),
            Some(day("2026-12-06"))
        ]
    );
}

/// Point 1: the sprint CSV carries due and description, imports into a
/// new plan equal, and into its own plan updates instead of duplicating.
#[test]
fn a_sprint_csv_imports_back_equal_and_into_its_own_plan_updates() {
    let sb = Sandbox::init();
    let a = sb.add(&[
        "add",
        "debt",
        "Rotate keys",
        "--effort",
        "3",
        "--due",
        "2026-12-20",
        "--description",
        "line one\nline two",
        "--owner",
        "ana",
    ]);
    let b = sb.add(&["add", "debt", "=cmd fix", "--effort", "2"]);
    let s = sb.add(&[
        "sprint",
        "new",
        "S1",
        "--start",
        "2026-12-01",
        "--end",
        "2026-12-12",
    ]);
    sb.ok(&["sprint", "add", &s, &a, &b]);
    sb.ok(&[
        "export",
        "sprint",
        &s,
        "--format",
        "csv",
        "-o",
        "sprint.csv",
    ]);
    let csv = std::fs::read_to_string(sb.path().join("sprint.csv")).unwrap();
    let header = csv.lines().next().unwrap();
    assert!(header.ends_with(",due,description"), "{header}");
    assert!(csv.contains("2026-12-20,\"line one\nline two\""), "{csv}");

    // Into the plan it came from: the same items, unchanged.
    let before = sb.loaded().debts;
    let r = sb.ok_at(TODAY, &["import", "csv", "sprint.csv"]);
    assert!(
        r.stdout
            .starts_with("0 added, 0 updated, 0 closed, 2 unchanged"),
        "{}",
        r.stdout
    );
    assert_eq!(sb.loaded().debts, before);

    // Edited in a spreadsheet: the edit updates the item itself.
    let edited = csv.replace("Rotate keys,ana", "Rotate all keys,bo");
    sb.write("sprint.csv", &edited);
    let r = sb.ok_at(TODAY, &["import", "csv", "sprint.csv"]);
    assert!(
        r.stdout
            .starts_with("0 added, 1 updated, 0 closed, 1 unchanged"),
        "{}",
        r.stdout
    );
    let plan = sb.loaded();
    assert_eq!(plan.debts.len(), 2);
    let d = plan.debts.iter().find(|d| d.id == a).unwrap();
    assert_eq!(
        (d.title.as_str(), d.owner.as_str()),
        ("Rotate all keys", "bo")
    );
    assert_eq!(d.source, None, "made here, still made here");

    // Into another plan: new items equal in what the file carries.
    let other = Sandbox::init();
    std::fs::write(other.path().join("sprint.csv"), &csv).unwrap();
    other.ok_at(TODAY, &["import", "csv", "sprint.csv"]);
    let plan = other.loaded();
    let d = by_title(&plan, "Rotate keys");
    assert_eq!(d.description, "line one\nline two");
    assert_eq!(d.due, Some(day("2026-12-20")));
    assert_eq!((d.effort, d.owner.as_str()), (Some(3), "ana"));
    assert_eq!(by_title(&plan, "=cmd fix").effort, Some(2));
    assert_eq!(
        d.source.as_deref(),
        Some(format!("csv:sprint:{a}").as_str())
    );
}

/// Point 2: dates as locales and spreadsheets write them; a guess refused.
#[test]
fn sheet_dates_as_locales_write_them_and_an_ambiguous_one_is_refused() {
    let sb = Sandbox::init();
    let f = sb.write(
        "s.csv",
        "sep=;\r\nTitle;Effort;Status;Closed;Due\r\n\
         A;2;done;28/11/2026;\r\n\
         B;3;done;11/28/2026;15.12.2026\r\n\
         C;1;resolved;2026-11-28T10:00:00Z;28-Dec-2026\r\n\
         D;1;done;Nov 27, 2026;\r\n",
    );
    sb.ok_at(TODAY, &["import", "csv", &f]);
    let plan = sb.loaded();
    for (t, closed, due) in [
        ("A", "2026-11-28", None),
        ("B", "2026-11-28", Some("2026-12-15")),
        ("C", "2026-11-28", Some("2026-12-28")),
        ("D", "2026-11-27", None),
    ] {
        let d = by_title(&plan, t);
        assert_eq!(d.status, DebtStatus::Done, "{t}");
        assert_eq!(d.changes.last().unwrap().date, day(closed), "{t}");
        assert_eq!(d.due, due.map(day), "{t}");
    }
    let g = sb.write("amb.csv", "title,status,closed\r\nE,done,05/06/2026\r\n");
    sb.refused(
        &["import", "csv", &g],
        "amb.csv:2: closed: cannot read the date \"05/06/2026\": it could be 5 June 2026 (day first) or May 6, 2026 (month first); write it as YYYY-MM-DD",
    );
}

const LINEAR: &str = "ID,Team,Title,Description,Status,Estimate,Priority,Labels,Assignee,Created,Due Date,Started,Completed,Canceled\r\n";

/// Point 3: JavaScript dates read; a date read nowhere warns, located.
#[test]
fn linear_javascript_dates_are_read_and_unreadable_dates_warn() {
    let sb = Sandbox::init();
    let f = sb.write(
        "linear.csv",
        &format!(
            "{LINEAR}\
             ENG-1,Core,One,,Done,2,High,,ana,Tue Oct 06 2026 09:12:33 GMT+0000 (Coordinated Universal Time),,,Wed Nov 25 2026 10:00:00 GMT+0000 (Coordinated Universal Time),\r\n\
             ENG-2,Core,Two,,Done,2,High,,ana,someday,,,last week,\r\n"
        ),
    );
    let r = sb.ok_at(TODAY, &["import", "linear", &f]);
    assert!(
        r.stderr
            .contains("linear.csv:3: Created: cannot read the date \"someday\""),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("linear.csv:3: Completed: cannot read the date \"last week\""),
        "{}",
        r.stderr
    );
    let plan = sb.loaded();
    let one = by_title(&plan, "One");
    assert_eq!(one.created, day("2026-10-06"));
    assert_eq!(one.changes.last().unwrap().date, day("2026-11-25"));
    // GitLab too.
    let g = sb.write(
        "gitlab.csv",
        "Issue ID,URL,Title,State,Created At (UTC),Closed At (UTC)\r\n\
         7,https://gitlab.example.com/a/b/-/issues/7,Slow,Closed,2026-03-04 05:06:07,31/31/2026\r\n",
    );
    let r = sb.ok_at(TODAY, &["import", "gitlab", &g]);
    assert!(
        r.stderr
            .contains("gitlab.csv:2: Closed At (UTC): cannot read the date \"31/31/2026\""),
        "{}",
        r.stderr
    );
}

/// Point 4: done upstream on a day before it was started here.
#[test]
fn a_close_dated_before_the_last_change_keeps_the_log_in_order() {
    let sb = Sandbox::init();
    sb.write("b.csv", "id,title,status\r\n1,Fix it,in progress\r\n");
    sb.ok_at(TODAY, &["import", "csv", "b.csv"]);
    sb.write(
        "b.csv",
        "id,title,status,closed\r\n1,Fix it,done,2026-11-28\r\n",
    );
    sb.ok_at(TODAY, &["import", "csv", "b.csv"]);
    let plan = sb.loaded();
    let d = by_title(&plan, "Fix it");
    let log: Vec<(NaiveDate, DebtStatus)> = d.changes.iter().map(|c| (c.date, c.status)).collect();
    assert_eq!(
        log,
        [
            (day(TODAY), DebtStatus::InProgress),
            (day(TODAY), DebtStatus::Done)
        ]
    );
}

/// Point 5: each row dropped for repeating a key is named.
#[test]
fn a_repeated_key_names_each_row_left_out() {
    let sb = Sandbox::init();
    let f = sb.write(
        "rep.csv",
        "id,title\r\n1,First\r\n2,Other\r\n1,Second\r\n1,Third\r\n",
    );
    let r = sb.ok_at(TODAY, &["import", "csv", &f]);
    assert!(
        r.stdout.starts_with("2 added") && r.stdout.contains("2 repeated in the file"),
        "{}",
        r.stdout
    );
    for line in [4, 5] {
        let want = format!(
            "rep.csv:{line}: repeated: key \"1\" is the key of line 2 too: line 2 is used, this row left out"
        );
        assert!(r.stderr.contains(&want), "{want}\n{}", r.stderr);
    }
    let l = sb.write(
        "linear.csv",
        &format!("{LINEAR}ENG-1,Core,One,,Todo,,,,,,,,,\r\nENG-1,Core,Again,,Todo,,,,,,,,,\r\n"),
    );
    let r = sb.ok_at(TODAY, &["import", "linear", &l]);
    assert!(
        r.stderr
            .contains("linear.csv:3: repeated: key \"ENG-1\" is the key of line 2 too"),
        "{}",
        r.stderr
    );
    let j = sb.write(
        "jira.csv",
        "Summary,Issue key\r\nOne,PAY-1\r\nTwo,PAY-2\r\nAgain,PAY-1\r\n",
    );
    let r = sb.ok_at(TODAY, &["import", "jira", &j]);
    assert!(r.stdout.contains("1 repeated in the file"), "{}", r.stdout);
    assert!(
        r.stderr
            .contains("jira.csv:4: repeated: key \"PAY-1\" is the key of line 2 too"),
        "{}",
        r.stderr
    );
}

/// Point 7: stdout is the result (the counts, each conflict, a dry run's
/// changes); notes on what was left alone go to stderr, so `2>/dev/null`
/// leaves the result alone.
#[test]
fn stdout_is_the_result_and_notes_go_to_stderr() {
    let sb = Sandbox::init();
    sb.write("a.csv", "id,title\r\n1,One\r\n2,Two\r\n");
    sb.ok_at(TODAY, &["import", "csv", "a.csv"]);
    sb.write("a.csv", "id,title\r\n1,One renamed\r\n");
    let r = sb.ok_at(TODAY, &["import", "csv", "a.csv", "--dry-run"]);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(
        lines[0], "0 added, 1 updated, 0 closed, 0 unchanged",
        "{}",
        r.stdout
    );
    assert!(
        lines[1].starts_with("  updated D-")
            && lines[1].ends_with("title: \"One\" → \"One renamed\""),
        "{}",
        r.stdout
    );
    assert_eq!(lines[2..], ["dry run: nothing written"], "{}", r.stdout);
    assert_eq!(
        r.stderr.trim(),
        "1 item imported before is not in this input: kept as it is (an export may be filtered)"
    );
}

/// Points 6 and 7: a conflict line shows where the two values differ, on
/// stdout with the counts; notes on what was left alone go to stderr.
#[test]
fn conflicts_show_the_difference_on_stdout_and_notes_go_to_stderr() {
    let sb = Sandbox::init();
    let head = "Old HMAC signing still used by the billing export";
    let sheet = |last: &str| {
        format!("id,title,description\r\n1,Keys,\"{head}\nRemove it {last}\"\r\n2,Other,x\r\n")
    };
    sb.write("k.csv", &sheet("after the migration"));
    sb.ok_at(TODAY, &["import", "csv", "k.csv"]);
    let id = by_title(&sb.loaded(), "Keys").id.clone();
    sb.ok(&[
        "edit",
        &id,
        "--description",
        &format!("{head}\nRemove it after Q1"),
    ]);
    // Upstream changes the same line differently, and drops row 2.
    sb.write(
        "k.csv",
        &format!("id,title,description\r\n1,Keys,\"{head}\nRemove it before the audit\"\r\n"),
    );
    let r = sb.ok_at(TODAY, &["import", "csv", "k.csv"]);
    let conflict = r
        .stdout
        .lines()
        .find(|l| l.starts_with(&format!("{id} description: kept")))
        .unwrap_or_else(|| panic!("no conflict line in {}", r.stdout));
    assert!(
        conflict.contains("after Q1\"") && conflict.contains("before the audit\")"),
        "{conflict}"
    );
    assert!(!conflict.contains("Old HMAC"), "{conflict}");
    assert!(!r.stdout.contains("not in this input"), "{}", r.stdout);
    assert!(
        r.stderr
            .contains("1 item imported before is not in this input: kept as it is"),
        "{}",
        r.stderr
    );
    assert_eq!(r.stdout.lines().count(), 2, "{}", r.stdout);
}

/// Point 8: the gh command in `import github --help` and in the README
/// ask for the same fields, closedAt among them; every import's --help
/// names the README's columns.
#[test]
fn import_help_asks_for_the_fields_the_readme_does() {
    let sb = Sandbox::new();
    let help = sb.ok(&["import", "github", "--help"]);
    let fields = |text: &str| -> String {
        let at = text.find("--json").expect("a --json list") + 6;
        text[at..]
            .split(|c: char| c.is_whitespace() || c == '`' || c == '>')
            .find(|w| !w.is_empty())
            .unwrap()
            .to_owned()
    };
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    assert!(fields(&help).split(',').any(|f| f == "closedAt"), "{help}");
    assert_eq!(fields(&help), fields(&readme));
    let csv = sb.ok(&["import", "csv", "--help"]);
    for column in bearing::import::csv::COLUMNS {
        assert!(csv.contains(column), "{column} not in import csv --help");
    }
}

/// Point 9: a GitHub body's CRLF line ends come in as `\n`.
#[test]
fn descriptions_come_in_with_unix_line_ends() {
    let sb = Sandbox::init();
    let f = sb.write(
        "issues.json",
        r#"[{"number":1,"title":"Win","body":"one\r\ntwo\r\n\r\nthree","labels":[],"assignees":[],"state":"OPEN","createdAt":"2026-11-01T00:00:00Z","url":"https://github.com/o/r/issues/1"}]"#,
    );
    sb.ok_at(TODAY, &["import", "github", &f]);
    let l = sb.write(
        "linear.csv",
        &format!("{LINEAR}ENG-9,Core,Lin,\"a\r\nb\",Todo,,,,,,,,,\r\n"),
    );
    sb.ok_at(TODAY, &["import", "linear", &l]);
    let plan = sb.loaded();
    assert_eq!(by_title(&plan, "Win").description, "one\ntwo\n\nthree");
    assert_eq!(by_title(&plan, "Lin").description, "a\nb");
}

/// Point 10: the README's status table lists exactly the words read.
#[test]
fn the_readme_status_table_lists_exactly_the_words_read() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    for (status, words) in DebtStatus::NAMES {
        let row = readme
            .lines()
            .find(|l| l.starts_with("| `") && l.ends_with(&format!("| {} |", status.label())))
            .unwrap_or_else(|| panic!("no README row for {}", status.label()));
        let listed: Vec<&str> = row.split('`').skip(1).step_by(2).collect();
        assert_eq!(listed, words, "README row for {}", status.label());
        for w in words {
            assert_eq!(DebtStatus::parse(w), Some(status), "{w}");
        }
    }
}
