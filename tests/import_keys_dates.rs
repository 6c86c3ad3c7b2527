//! Issue 13 fixes, with the real binary on files as spreadsheets and
//! trackers write them: each sheet has its own key space (`csv:NAME:ID`,
//! `--source`), a close upstream is dated by the source's close date, a dry
//! run names the ids the import then gives, a European `;` file reads `3,0`,
//! and the errors of a wrongly split file or an unknown status say what to
//! do.

use bearing::model::{Debt, DebtStatus, Plan};
use chrono::NaiveDate;

mod common;

use common::cli::{Sandbox, by_title};

fn sources(plan: &Plan) -> Vec<String> {
    let mut s: Vec<String> = plan.debts.iter().filter_map(|d| d.source.clone()).collect();
    s.sort();
    s
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// The day the item's last status change (to its current status) is dated.
fn closed_on(d: &Debt) -> NaiveDate {
    let c = d.changes.last().expect("a status change");
    assert_eq!(c.status, d.status);
    c.date
}

const TODAY: &str = "2026-11-20";

// Point 1: one key space per sheet.

#[test]
fn two_sheets_with_the_same_row_ids_stay_apart() {
    let sb = Sandbox::init();
    // Excel's UTF-8 CSV: a BOM and CRLF line ends.
    let ours = sb.bytes(
        "backlog.csv",
        "\u{feff}ID,Title,Effort\r\n1,Flaky CI,3\r\n2,Old logger,2\r\n".as_bytes(),
    );
    let theirs = sb.write("payments.csv", "id,title\n1,Rotate the keys\n");
    assert_eq!(
        sb.ok_at(TODAY, &["import", "csv", &ours]).stdout,
        "2 added, 0 updated, 0 closed, 0 unchanged\n"
    );
    // The other team's row 1 is a new item, not an update of ours.
    assert_eq!(
        sb.ok_at(TODAY, &["import", "csv", &theirs]).stdout,
        "1 added, 0 updated, 0 closed, 0 unchanged\n"
    );
    let plan = sb.loaded();
    assert_eq!(
        sources(&plan),
        ["csv:backlog:1", "csv:backlog:2", "csv:payments:1"]
    );
    assert_eq!(
        by_title(&plan, "Flaky CI").source.as_deref(),
        Some("csv:backlog:1")
    );
    // Importing our sheet again neither touches theirs nor calls it missing.
    let again = sb.ok_at(TODAY, &["import", "csv", &ours]);
    assert_eq!(again.stdout, "0 added, 0 updated, 0 closed, 2 unchanged\n");
}

#[test]
fn list_json_gives_each_items_key_so_a_script_can_find_it() {
    let sb = Sandbox::init();
    let sheet = sb.write("backlog.csv", "id,title\n7,Flaky CI\n");
    sb.ok_at(TODAY, &["import", "csv", &sheet]);
    sb.ok(&["add", "debt", "Made here"]);
    let list = common::cli::json(&sb.ok(&["list", "--format", "json"]));
    let by = |title: &str| {
        list.as_array()
            .unwrap()
            .iter()
            .find(|d| d["title"] == title)
            .unwrap()["source"]
            .clone()
    };
    assert_eq!(by("Flaky CI"), "csv:backlog:7");
    assert!(by("Made here").is_null());
}

#[test]
fn source_names_the_sheet_so_a_renamed_export_still_syncs() {
    let sb = Sandbox::init();
    let first = sb.write("backlog.csv", "id,title\n7,Flaky CI\n");
    sb.ok_at(TODAY, &["import", "csv", &first]);
    let renamed = sb.write("backlog (1).csv", "id,title\n7,Flaky CI on main\n");
    let r = sb.ok_at(TODAY, &["import", "csv", &renamed, "--source", "backlog"]);
    assert_eq!(r.stdout, "0 added, 1 updated, 0 closed, 0 unchanged\n");
    let plan = sb.loaded();
    assert_eq!(plan.debts.len(), 1);
    assert_eq!(plan.debts[0].title, "Flaky CI on main");
    // Without --source the renamed file is another sheet.
    let r = sb.ok_at(TODAY, &["import", "csv", &renamed, "--dry-run"]);
    assert!(r.stdout.starts_with("1 added, 0 updated"), "{}", r.stdout);
}

/// A plan written before sheets were named: the same import, its keys made
/// bare (`csv:ID`) as the older Bearing wrote them.
fn legacy_plan(sb: &Sandbox) {
    let f = sb.write("backlog.csv", "id,title\n1,Flaky CI\n2,Old logger\n");
    sb.ok_at(TODAY, &["import", "csv", &f]);
    let text = sb.text().replace("\"csv:backlog:", "\"csv:");
    std::fs::write(sb.plan(), text).unwrap();
    assert_eq!(sources(&sb.loaded()), ["csv:1", "csv:2"]);
}

#[test]
fn bare_csv_keys_of_an_older_plan_are_taken_over_by_the_first_named_import() {
    let sb = Sandbox::init();
    legacy_plan(&sb);
    let f = sb.write(
        "backlog.csv",
        "id,title\n1,Flaky CI on main\n2,Old logger\n",
    );
    let r = sb.ok_at(TODAY, &["import", "csv", &f]);
    assert_eq!(r.stdout, "0 added, 1 updated, 0 closed, 1 unchanged\n");
    let plan = sb.loaded();
    assert_eq!(sources(&plan), ["csv:backlog:1", "csv:backlog:2"]);
    assert!(plan.debts.iter().any(|d| d.title == "Flaky CI on main"));
    // Once a named sheet is there, a bare key is ambiguous: another sheet's
    // row 1 never takes it over.
    let text = sb.text().replace("\"csv:backlog:2\"", "\"csv:2\"");
    std::fs::write(sb.plan(), text).unwrap();
    let other = sb.write("payments.csv", "id,title\n2,Rotate the keys\n");
    let r = sb.ok_at(TODAY, &["import", "csv", &other]);
    assert_eq!(r.stdout, "1 added, 0 updated, 0 closed, 0 unchanged\n");
}

// Point 2: a close upstream carries the upstream date.

fn gh(state: &str, closed_at: &str) -> String {
    format!(
        r#"[{{"number":4,"title":"Flaky CI","body":null,"labels":[],"assignees":[],"milestone":null,"state":"{state}","createdAt":"2026-11-01T09:00:00Z","updatedAt":"2026-11-18T09:00:00Z","closedAt":{closed_at},"url":"https://github.com/acme/shop/issues/4"}}]"#
    )
}

#[test]
fn github_closed_upstream_is_dated_closed_at_on_reimport() {
    let sb = Sandbox::init();
    let f = sb.write("issues.json", &gh("OPEN", "null"));
    sb.ok_at("2026-11-05", &["import", "github", &f]);
    sb.write("issues.json", &gh("CLOSED", "\"2026-11-09T16:30:00Z\""));
    let r = sb.ok_at(TODAY, &["import", "github", &f]);
    assert_eq!(r.stdout, "0 added, 0 updated, 1 closed, 0 unchanged\n");
    let d = &sb.loaded().debts[0];
    assert_eq!(d.status, DebtStatus::Done);
    assert_eq!(closed_on(d), day("2026-11-09"));
}

#[test]
fn jira_resolved_dates_the_close_on_reimport() {
    let sb = Sandbox::init();
    let export = |category: &str, resolved: &str| {
        format!(
            "Summary,Issue key,Status,Status Category,Created,Resolved\r\n\
             Flaky CI,PAY-1,x,{category},01/Nov/26 9:00 AM,{resolved}\r\n"
        )
    };
    let f = sb.write("jira.csv", &export("To Do", ""));
    sb.ok_at("2026-11-05", &["import", "jira", &f]);
    sb.write("jira.csv", &export("Done", "08/Nov/26 2:02 PM"));
    let r = sb.ok_at(TODAY, &["import", "jira", &f]);
    assert!(r.stdout.contains("1 closed"), "{}", r.stdout);
    assert_eq!(closed_on(&sb.loaded().debts[0]), day("2026-11-08"));
}

#[test]
fn a_sheets_closed_date_column_dates_the_close_else_today() {
    let sb = Sandbox::init();
    let f = sb.write(
        "backlog.csv",
        "id,title,status\n1,Flaky CI,open\n2,Old logger,open\n",
    );
    sb.ok_at("2026-11-05", &["import", "csv", &f]);
    sb.write(
        "backlog.csv",
        "id,title,status,Done date\n1,Flaky CI,done,2026-11-12\n2,Old logger,done,\n",
    );
    let r = sb.ok_at(TODAY, &["import", "csv", &f]);
    assert_eq!(r.stdout, "0 added, 0 updated, 2 closed, 0 unchanged\n");
    let plan = sb.loaded();
    assert_eq!(closed_on(by_title(&plan, "Flaky CI")), day("2026-11-12"));
    assert_eq!(closed_on(by_title(&plan, "Old logger")), day(TODAY));
}

// Point 3: the ids a preview names are the ids the import gives.

fn added_ids(stdout: &str) -> Vec<String> {
    let mut ids: Vec<String> = stdout
        .lines()
        .filter_map(|l| l.trim().strip_prefix("added "))
        .filter_map(|l| l.split_whitespace().next())
        .map(str::to_owned)
        .collect();
    ids.sort();
    ids
}

fn plan_ids(sb: &Sandbox) -> Vec<String> {
    let mut ids: Vec<String> = sb.loaded().debts.iter().map(|d| d.id.clone()).collect();
    ids.sort();
    ids
}

#[test]
fn dry_run_names_the_ids_the_import_then_gives() {
    let sb = Sandbox::init();
    // With a key column, and without one (nothing to match by).
    let keyed = sb.write("backlog.csv", "id,title\n1,Flaky CI\n2,Old logger\n");
    let plain = sb.write("plain.csv", "title\nUnused flags\nUnused flags\n");
    let issues = sb.write("issues.json", &gh("OPEN", "null"));
    for (kind, f) in [("csv", &keyed), ("csv", &plain), ("github", &issues)] {
        let before = plan_ids(&sb);
        let dry = sb.ok_at(TODAY, &["import", kind, f, "--dry-run"]);
        let preview = added_ids(&dry.stdout);
        assert!(!preview.is_empty(), "{}", dry.stdout);
        sb.ok_at(TODAY, &["import", kind, f]);
        let mut now = plan_ids(&sb);
        now.retain(|id| !before.contains(id));
        assert_eq!(now, preview, "{kind} {f}");
    }
}

// Point 4: a decimal comma in a European `;` file.

#[test]
fn libreoffice_semicolon_windows_1252_reads_decimal_commas() {
    let sb = Sandbox::init();
    // LibreOffice, German locale, "Western Europe (Windows-1252)".
    let f = sb.bytes(
        "lo.csv",
        b"Titel;title;effort;risk;owner\r\nx;Caf\xe9 menu;3,0;4,0;Zo\xeb\r\n",
    );
    let r = sb.ok_at(TODAY, &["import", "csv", &f]);
    assert_eq!(r.stdout, "1 added, 0 updated, 0 closed, 0 unchanged\n");
    let plan = sb.loaded();
    let d = by_title(&plan, "Café menu");
    assert_eq!((d.effort, d.risk, d.owner.as_str()), (Some(3), 4, "Zoë"));
}

#[test]
fn a_decimal_comma_that_is_not_whole_is_a_bad_cell_quoted_as_typed() {
    let sb = Sandbox::init();
    let f = sb.write("eu.csv", "title;effort\nHalf;2,5\n");
    let r = sb.run_at(Some(TODAY), &["import", "csv", &f]);
    assert_ne!(r.code, 0);
    assert!(
        r.stderr
            .contains("eu.csv:2: effort: must be a whole number of points, got \"2,5\""),
        "{}",
        r.stderr
    );
    // In a comma-separated file a comma is a separator, never a decimal.
    let f = sb.write("us.csv", "title,effort\n\"Half\",\"3,0\"\n");
    let r = sb.run_at(Some(TODAY), &["import", "csv", &f]);
    assert_ne!(r.code, 0, "{}", r.stdout);
}

// Point 5.

#[test]
fn an_unknown_status_lists_the_words_accepted() {
    let sb = Sandbox::init();
    let f = sb.write("s.csv", "title,status\nA,maybe\n");
    let r = sb.run_at(Some(TODAY), &["import", "csv", &f]);
    assert_ne!(r.code, 0);
    assert!(
        r.stderr.contains(
            "s.csv:2: status: \"maybe\" is not a status; write one of: open (or todo, to do"
        ),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("won't fix (or wontfix"), "{}", r.stderr);
}

#[test]
fn a_wrongly_split_file_hints_at_delimiter() {
    let sb = Sandbox::init();
    let f = sb.write("eu.csv", "title;owner;effort\nA;ana;3\n");
    let r = sb.run_at(Some(TODAY), &["import", "csv", &f, "--delimiter", ","]);
    assert_ne!(r.code, 0);
    assert!(
        r.stderr.contains("pass --delimiter ';'"),
        "header: {}",
        r.stderr
    );
    // One named column, rows with more cells: split by another character?
    let f = sb.write("one.csv", "title\nA,b,c\n");
    let r = sb.run_at(Some(TODAY), &["import", "csv", &f]);
    assert_ne!(r.code, 0);
    assert!(r.stderr.contains("--delimiter"), "rows: {}", r.stderr);
}

#[test]
fn an_effort_of_zero_means_not_estimated() {
    let sb = Sandbox::init();
    let f = sb.write("z.csv", "title;effort\nA;0\nB;0,0\nC;2\n");
    let r = sb.ok_at(TODAY, &["import", "csv", &f]);
    assert_eq!(r.stdout, "3 added, 0 updated, 0 closed, 0 unchanged\n");
    let plan = sb.loaded();
    assert_eq!(by_title(&plan, "A").effort, None);
    assert_eq!(by_title(&plan, "B").effort, None);
    assert_eq!(by_title(&plan, "C").effort, Some(2));
}

#[test]
fn linear_and_gitlab_closes_are_dated_by_their_columns_on_reimport() {
    let sb = Sandbox::init();
    let linear = |status: &str, completed: &str| {
        format!(
            "ID,Team,Title,Status,Estimate,Priority,Created,Completed\n\
             ENG-1,Core,Flaky CI,{status},2,High,2026-11-01T09:00:00.000Z,{completed}\n"
        )
    };
    let f = sb.write("linear.csv", &linear("Todo", ""));
    sb.ok_at("2026-11-05", &["import", "linear", &f]);
    sb.write("linear.csv", &linear("Done", "2026-11-07T12:00:00.000Z"));
    let r = sb.ok_at(TODAY, &["import", "linear", &f]);
    assert!(r.stdout.contains("1 closed"), "{}", r.stdout);
    let gitlab = |state: &str, closed: &str| {
        format!(
            "Issue ID,URL,Title,State,Author,Created At (UTC),Closed At (UTC)\n\
             7,https://gitlab.com/acme/shop/-/issues/7,Old logger,{state},ana,2026-11-01 09:00:00,{closed}\n"
        )
    };
    let g = sb.write("gitlab.csv", &gitlab("Open", ""));
    sb.ok_at("2026-11-05", &["import", "gitlab", &g]);
    sb.write("gitlab.csv", &gitlab("Closed", "2026-11-08 17:00:00"));
    let r = sb.ok_at(TODAY, &["import", "gitlab", &g]);
    assert!(r.stdout.contains("1 closed"), "{}", r.stdout);
    let plan = sb.loaded();
    assert_eq!(closed_on(by_title(&plan, "Flaky CI")), day("2026-11-07"));
    assert_eq!(closed_on(by_title(&plan, "Old logger")), day("2026-11-08"));
}
