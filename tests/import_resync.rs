//! Every tracker source re-imports as a sync, through the built binary
//! (issue 13, point 2): a GitHub or Jira export imported again after an
//! upstream change closes what closed upstream, updates what changed only
//! upstream, keeps what changed only here, and reports a field changed on
//! both sides; `--dry-run` on github, jira, linear and gitlab prints the
//! summary and leaves the plan file byte for byte as it was.

use bearing::model::{Debt, DebtStatus, Plan};

mod common;

use common::cli::Sandbox;

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/import/");

fn by_source<'p>(plan: &'p Plan, source: &str) -> &'p Debt {
    let mut found = plan
        .debts
        .iter()
        .filter(|d| d.source.as_deref() == Some(source));
    let d = found
        .next()
        .unwrap_or_else(|| panic!("no item from {source}"));
    assert!(found.next().is_none(), "{source} imported twice");
    d
}

/// `gh issue list --json number,title,body,labels,state,url,…` of the
/// issues `(number, title, state)`.
fn gh(issues: &[(u32, &str, &str)]) -> String {
    let rows: Vec<String> = issues
        .iter()
        .map(|(n, title, state)| {
            // gh's `closedAt`: null while open.
            let closed = if *state == "CLOSED" {
                "\"2026-11-15T10:00:00Z\""
            } else {
                "null"
            };
            format!(
                r#"{{"number":{n},"title":"{title}","body":"Body {n}","labels":[{{"name":"tech-debt"}}],"assignees":[],"milestone":null,"state":"{state}","createdAt":"2026-11-01T09:00:00Z","updatedAt":"2026-11-02T09:00:00Z","closedAt":{closed},"url":"https://github.com/acme/shop/issues/{n}"}}"#
            )
        })
        .collect();
    format!("[\n{}\n]\n", rows.join(",\n"))
}

fn gh_source(n: u32) -> String {
    format!("github:https://github.com/acme/shop/issues/{n}")
}

/// Jira's "Export Excel CSV (all fields)" of `(key, summary, status
/// category)`, with a repeated `Labels` column as Jira writes it.
fn jira(issues: &[(&str, &str, &str)]) -> String {
    let mut text = String::from(
        "Summary,Issue key,Issue Type,Status,Status Category,Priority,Labels,Labels,Created\r\n",
    );
    for (key, summary, category) in issues {
        let status = if *category == "Done" { "Done" } else { "To Do" };
        text.push_str(&format!(
            "{summary},{key},Task,{status},{category},Medium,tech-debt,,01/Nov/26 9:00 AM\r\n"
        ));
    }
    text
}

/// The same re-import story for any source: A closes upstream, B is renamed
/// both here and upstream, C is renamed upstream only; B's owner is set
/// here only. Asserts the counts line (B, whose only upstream change
/// clashes, counts as unchanged besides its conflict), the conflict line
/// and the plan after; A's close is dated `closed_on` (the source's close
/// date, or today when it gives none).
fn re_import_story(
    source: &str,
    first: &str,
    again: &str,
    file: &str,
    [a, b, c]: [&str; 3],
    closed_on: &str,
) {
    let sb = Sandbox::init();
    let f = sb.write(file, first);
    assert_eq!(
        sb.ok(&["import", source, &f]),
        "3 added, 0 updated, 0 closed, 0 unchanged\n"
    );
    let plan = sb.loaded();
    let b_id = by_source(&plan, b).id.clone();
    sb.ok(&["edit", &b_id, "--title", "Bravo (mine)", "--owner", "ana"]);
    let f = sb.write(file, again);
    let out = sb.ok(&["import", source, &f]);
    assert_eq!(
        out,
        format!(
            "0 added, 1 updated, 1 closed, 1 unchanged, 1 conflict\n\
             {b_id} title: kept \"Bravo (mine)\" (upstream: \"Bravo (theirs)\")\n"
        ),
        "{source}"
    );
    let plan = sb.loaded();
    assert_eq!(plan.debts.len(), 3, "{source}: nothing duplicated");
    let a = by_source(&plan, a);
    assert_eq!(a.status, DebtStatus::Done, "{source}: closed upstream");
    assert_eq!(
        a.changes.last().map(|c| (c.date, c.status)),
        Some((common::day(closed_on), DebtStatus::Done)),
        "{source}: the close is dated"
    );
    let b = by_source(&plan, b);
    assert_eq!(
        (b.title.as_str(), b.owner.as_str()),
        ("Bravo (mine)", "ana"),
        "{source}: changed here, kept"
    );
    assert_eq!(
        by_source(&plan, c).title,
        "Charlie renamed",
        "{source}: changed only upstream, updated"
    );
    // The same export once more: nothing to do, the clash not repeated.
    assert_eq!(
        sb.ok(&["import", source, &f]),
        "0 added, 0 updated, 0 closed, 3 unchanged\n",
        "{source}"
    );
}

#[test]
fn a_github_export_imported_again_after_upstream_changes_syncs() {
    re_import_story(
        "github",
        &gh(&[
            (1, "Alpha", "OPEN"),
            (2, "Bravo", "OPEN"),
            (3, "Charlie", "OPEN"),
        ]),
        &gh(&[
            (1, "Alpha", "CLOSED"),
            (2, "Bravo (theirs)", "OPEN"),
            (3, "Charlie renamed", "OPEN"),
        ]),
        "issues.json",
        [&gh_source(1), &gh_source(2), &gh_source(3)],
        "2026-11-15",
    );
}

#[test]
fn a_jira_export_imported_again_after_upstream_changes_syncs() {
    re_import_story(
        "jira",
        &jira(&[
            ("PAY-1", "Alpha", "To Do"),
            ("PAY-2", "Bravo", "To Do"),
            ("PAY-3", "Charlie", "To Do"),
        ]),
        &jira(&[
            ("PAY-1", "Alpha", "Done"),
            ("PAY-2", "Bravo (theirs)", "To Do"),
            ("PAY-3", "Charlie renamed", "In Progress"),
        ]),
        "jira.csv",
        ["jira:PAY-1", "jira:PAY-2", "jira:PAY-3"],
        // This export has no Resolved column: today.
        "2026-11-20",
    );
}

/// `--dry-run`: the counts and the first changes on stdout, and the plan
/// file byte for byte as it was — on a first import and on a re-import
/// that would update and close.
#[test]
fn dry_run_on_every_tracker_source_writes_nothing() {
    let fixtures = [
        ("github", format!("{DATA}trackers/gh_issue_list.json")),
        ("github", format!("{DATA}trackers/rest_issues.json")),
        ("jira", format!("{DATA}trackers/jira_all_fields.csv")),
        ("linear", format!("{DATA}linear.csv")),
        ("gitlab", format!("{DATA}gitlab.csv")),
        ("csv", format!("{DATA}linear.csv")),
    ];
    for (source, file) in fixtures {
        let sb = Sandbox::init();
        let before = std::fs::read(sb.plan()).unwrap();
        let r = sb.ok_at("2026-11-20", &["import", source, &file, "--dry-run"]);
        assert!(
            r.stdout.ends_with("dry run: nothing written\n"),
            "{source} {file}: {}",
            r.stdout
        );
        assert!(r.stdout.contains(" added, 0 updated"), "{}", r.stdout);
        assert!(r.stdout.contains("\n  added D-"), "{}", r.stdout);
        assert_eq!(
            std::fs::read(sb.plan()).unwrap(),
            before,
            "{source} {file}: the plan file changed"
        );
        // Imported for real, then a dry run of the same: still nothing.
        sb.ok_at("2026-11-20", &["import", source, &file]);
        let imported = std::fs::read(sb.plan()).unwrap();
        let r = sb.ok_at("2026-11-21", &["import", source, &file, "--dry-run"]);
        assert!(
            r.stdout.starts_with("0 added, 0 updated, 0 closed, "),
            "{}",
            r.stdout
        );
        assert_eq!(std::fs::read(sb.plan()).unwrap(), imported);
    }
}

#[test]
fn dry_run_of_a_re_import_shows_the_updates_and_writes_nothing() {
    for (source, file, first, again, [a, b]) in [
        (
            "github",
            "issues.json",
            gh(&[(1, "Alpha", "OPEN"), (2, "Bravo", "OPEN")]),
            gh(&[(1, "Alpha", "CLOSED"), (2, "Bravo renamed", "OPEN")]),
            [gh_source(1), gh_source(2)],
        ),
        (
            "jira",
            "jira.csv",
            jira(&[("PAY-1", "Alpha", "To Do"), ("PAY-2", "Bravo", "To Do")]),
            jira(&[
                ("PAY-1", "Alpha", "Done"),
                ("PAY-2", "Bravo renamed", "To Do"),
            ]),
            ["jira:PAY-1".to_owned(), "jira:PAY-2".to_owned()],
        ),
    ] {
        let sb = Sandbox::init();
        let f = sb.write(file, &first);
        sb.ok(&["import", source, &f]);
        let before = std::fs::read(sb.plan()).unwrap();
        let f = sb.write(file, &again);
        let out = sb.ok(&["import", source, &f, "--dry-run"]);
        let plan = sb.loaded();
        let (a, b) = (&by_source(&plan, &a).id, &by_source(&plan, &b).id);
        assert_eq!(
            out,
            format!(
                "0 added, 1 updated, 1 closed, 0 unchanged\n  \
                 closed {a} \"Alpha\"\n  \
                 updated {b} title: \"Bravo\" → \"Bravo renamed\"\n\
                 dry run: nothing written\n"
            ),
            "{source}"
        );
        assert_eq!(std::fs::read(sb.plan()).unwrap(), before, "{source}");
    }
}
