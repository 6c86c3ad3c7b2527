//! Re-import is a sync (issue 13, point 2), through the built binary:
//! import, change upstream and here, import again → the right fields win, a
//! clash is reported, nothing is duplicated; closed upstream → done;
//! `--dry-run` writes nothing; and the same with a real `task export` after
//! `task done` and `task modify`.

use bearing::model::{Debt, DebtStatus, Plan};

mod common;

use common::cli::{Sandbox, task};

fn titled<'a>(plan: &'a Plan, prefix: &str) -> &'a Debt {
    plan.debts
        .iter()
        .find(|d| d.title.starts_with(prefix))
        .unwrap_or_else(|| panic!("no item {prefix:?} in {:?}", plan.debts))
}

fn by_source<'a>(plan: &'a Plan, uuid: &str) -> &'a Debt {
    let source = format!("taskwarrior:{uuid}");
    let mut found = plan
        .debts
        .iter()
        .filter(|d| d.source.as_deref() == Some(source.as_str()));
    let d = found
        .next()
        .unwrap_or_else(|| panic!("no item from {uuid}"));
    assert!(found.next().is_none(), "{uuid} imported twice");
    d
}

/// A `task export` of three tasks, the fields given as `(uuid, status,
/// description, priority)`.
fn export(tasks: &[(&str, &str, &str, &str)]) -> String {
    let rows: Vec<String> = tasks
        .iter()
        .map(|(uuid, status, description, priority)| {
            format!(
                r#"{{"uuid":"{uuid}","status":"{status}","description":"{description}","priority":"{priority}","entry":"20261101T090000Z"}}"#
            )
        })
        .collect();
    format!("[\n{}\n]\n", rows.join(",\n"))
}

const A: &str = "00000000-0000-4000-8000-00000000000a";
const B: &str = "00000000-0000-4000-8000-00000000000b";
const C: &str = "00000000-0000-4000-8000-00000000000c";

#[test]
fn a_re_import_updates_keeps_local_edits_reports_the_clash_and_closes() {
    let sb = Sandbox::init();
    let f = sb.write(
        "tasks.json",
        &export(&[
            (A, "pending", "Alpha", "H"),
            (B, "pending", "Bravo", "L"),
            (C, "pending", "Charlie", "M"),
        ]),
    );
    assert_eq!(
        sb.ok(&["import", "taskwarrior", &f]),
        "3 added, 0 updated, 0 closed, 0 unchanged\n"
    );
    let plan = sb.loaded();
    let (a, b) = (
        by_source(&plan, A).id.clone(),
        by_source(&plan, B).id.clone(),
    );
    // Here: A's title and B's effort and owner.
    sb.ok(&["edit", &a, "--title", "Alpha (mine)"]);
    sb.ok(&["edit", &b, "--effort", "5", "--owner", "ana"]);
    // Upstream: A's and B's descriptions, B's priority, C done.
    let f = sb.write(
        "tasks.json",
        &export(&[
            (A, "pending", "Alpha (theirs)", "H"),
            (B, "pending", "Bravo renamed", "H"),
            (C, "completed", "Charlie", "M"),
        ]),
    );
    let out = sb.ok(&["import", "taskwarrior", &f]);
    assert_eq!(
        out,
        format!(
            "0 added, 1 updated, 1 closed, 1 unchanged, 1 conflict\n\
             {a} title: kept \"Alpha (mine)\" (upstream: \"Alpha (theirs)\")\n"
        )
    );
    let plan = sb.loaded();
    assert_eq!(plan.debts.len(), 3, "nothing duplicated");
    assert_eq!(by_source(&plan, A).title, "Alpha (mine)", "ours kept");
    let b = by_source(&plan, B);
    assert_eq!(b.title, "Bravo renamed", "changed only upstream");
    assert_eq!(b.ratings(), [3, 3, 3, 0], "priority L → H upstream");
    assert_eq!(
        (b.effort, b.owner.as_str()),
        (Some(5), "ana"),
        "changed only here"
    );
    let c = by_source(&plan, C);
    assert_eq!(c.status, DebtStatus::Done);
    assert_eq!(
        c.changes.last().map(|x| x.date),
        Some(common::day("2026-11-20"))
    );
    // The same export again: nothing left to do, the clash not repeated.
    assert_eq!(
        sb.ok(&["import", "taskwarrior", &f]),
        "0 added, 0 updated, 0 closed, 3 unchanged\n"
    );
}

#[test]
fn dry_run_prints_the_changes_and_writes_nothing() {
    let sb = Sandbox::init();
    let f = sb.write(
        "tasks.json",
        &export(&[(A, "pending", "Alpha", "H"), (B, "pending", "Bravo", "L")]),
    );
    let before = std::fs::read(sb.plan()).unwrap();
    let out = sb.ok(&["import", "taskwarrior", "--dry-run", &f]);
    assert!(
        out.starts_with("2 added, 0 updated, 0 closed, 0 unchanged\n  added D-"),
        "{out}"
    );
    assert!(out.contains(" \"Bravo\"\n"), "{out}");
    assert!(out.ends_with("dry run: nothing written\n"), "{out}");
    assert_eq!(
        std::fs::read(sb.plan()).unwrap(),
        before,
        "not a byte changed"
    );

    sb.ok(&["import", "taskwarrior", &f]);
    let f = sb.write(
        "tasks.json",
        &export(&[
            (A, "completed", "Alpha", "H"),
            (B, "pending", "Bravo 2", "L"),
        ]),
    );
    let before = std::fs::read(sb.plan()).unwrap();
    let out = sb.ok(&["import", "taskwarrior", &f, "--dry-run"]);
    let plan = sb.loaded();
    let (a, b) = (
        by_source(&plan, A).id.clone(),
        by_source(&plan, B).id.clone(),
    );
    assert_eq!(
        out,
        format!(
            "0 added, 1 updated, 1 closed, 0 unchanged\n  closed {a} \"Alpha\"\n  \
             updated {b} title: \"Bravo\" → \"Bravo 2\"\ndry run: nothing written\n"
        )
    );
    assert_eq!(std::fs::read(sb.plan()).unwrap(), before);

    // CSV takes the flag too, from the same shared options.
    let f = sb.write("in.csv", "title,effort\nFrom a sheet,2\n");
    let out = sb.ok(&["import", "csv", &f, "--dry-run"]);
    assert!(
        out.starts_with("1 added, 0 updated, 0 closed, 0 unchanged\n"),
        "{out}"
    );
    assert_eq!(std::fs::read(sb.plan()).unwrap(), before);
}

#[test]
fn items_missing_from_the_export_are_kept_and_said_so() {
    let sb = Sandbox::init();
    let f = sb.write(
        "tasks.json",
        &export(&[(A, "pending", "Alpha", "H"), (B, "pending", "Bravo", "L")]),
    );
    sb.ok(&["import", "taskwarrior", &f]);
    let f = sb.write("tasks.json", &export(&[(A, "pending", "Alpha", "H")]));
    // The counts are the result (stdout); what was left alone is a note
    // (stderr).
    let r = sb.run(&["import", "taskwarrior", &f]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout, "0 added, 0 updated, 0 closed, 1 unchanged\n");
    assert_eq!(
        r.stderr,
        "1 item imported before is not in this input: kept as it is (an export may be filtered)\n"
    );
    assert_eq!(sb.loaded().debts.len(), 2);
}

#[test]
fn real_taskwarrior_done_and_modify_come_through_on_re_import() {
    let sb = Sandbox::init();
    let Some(tw) = common::cli::taskwarrior(sb.path()) else {
        return;
    };
    task(&tw, &["add", "Fix flaky CI", "priority:H"]);
    task(&tw, &["add", "Retire the old cron", "priority:L"]);
    task(&tw, &["add", "Rotate the keys", "priority:M"]);
    let f = sb.write("export.json", &task(&tw, &["export"]));
    assert_eq!(
        sb.ok(&["import", "taskwarrior", &f]),
        "3 added, 0 updated, 0 closed, 0 unchanged\n"
    );
    // Here: the keys item retitled. Upstream: CI done, the cron renamed,
    // the keys renamed too (a clash).
    let keys = titled(&sb.loaded(), "Rotate").id.clone();
    sb.ok(&["edit", &keys, "--title", "Rotate the signing keys"]);
    task(&tw, &["1", "done"]);
    task(&tw, &["2", "modify", "Retire the billing cron"]);
    task(&tw, &["2", "modify", "+debt"]);
    task(&tw, &["3", "modify", "Rotate all keys"]);
    let f = sb.write("export.json", &task(&tw, &["export"]));

    let before = std::fs::read(sb.plan()).unwrap();
    let dry = sb.ok(&["import", "taskwarrior", "--dry-run", &f]);
    assert_eq!(std::fs::read(sb.plan()).unwrap(), before, "--dry-run wrote");
    let out = sb.ok(&["import", "taskwarrior", &f]);
    assert!(
        dry.starts_with(&out) && dry.ends_with("dry run: nothing written\n"),
        "a dry run prints the same summary, then the changes:\n{dry}\n{out}"
    );
    assert!(
        out.starts_with("0 added, 1 updated, 1 closed, 1 unchanged, 1 conflict\n"),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "{keys} title: kept \"Rotate the signing keys\" (upstream: \"Rotate all keys\")"
        )),
        "{out}"
    );
    let plan = sb.loaded();
    assert_eq!(plan.debts.len(), 3, "nothing duplicated");
    assert_eq!(titled(&plan, "Fix flaky CI").status, DebtStatus::Done);
    let cron = titled(&plan, "Retire the billing cron");
    assert_eq!(cron.tags, ["debt"]);
    assert_eq!(titled(&plan, "Rotate").title, "Rotate the signing keys");
}

#[test]
fn a_sheet_with_fewer_columns_changes_only_what_it_has() {
    // The new-user test: re-importing the same rows with only id, title
    // and effort wiped every owner, area and tag and reopened done items.
    let sb = Sandbox::init();
    let full = sb.write(
        "full.csv",
        "id,title,owner,area,tags,effort,risk,status\r\n\
         1,Flaky deploy script,ana,ci,ci;deploy,3,4,open\r\n\
         2,Old cron jobs,bo,infra,,2,2,done\r\n",
    );
    sb.ok(&["import", "csv", &full]);
    let subset = sb.write(
        "subset.csv",
        "id,title,effort\r\n1,Deploy script is flaky,3\r\n2,Old cron jobs,2\r\n",
    );
    let before = std::fs::read(sb.plan()).unwrap();
    // Another file of the same sheet: named as the first with --source.
    let dry = sb.ok(&["import", "csv", &subset, "--source", "full", "--dry-run"]);
    assert!(dry.contains("1 updated"), "{dry}");
    assert!(!dry.contains("owner"), "{dry}");
    assert_eq!(std::fs::read(sb.plan()).unwrap(), before, "dry run wrote");
    let out = sb.ok(&["import", "csv", &subset, "--source", "full"]);
    assert!(
        out.contains("0 added, 1 updated, 0 closed, 1 unchanged"),
        "{out}"
    );
    let plan = sb.loaded();
    let a = titled(&plan, "Deploy script is flaky");
    assert_eq!(
        (a.owner.as_str(), a.area.as_str(), a.risk),
        ("ana", "ci", 4)
    );
    assert_eq!(a.tags, ["ci", "deploy"]);
    let b = titled(&plan, "Old cron jobs");
    assert_eq!((b.status, b.owner.as_str()), (DebtStatus::Done, "bo"));
    // The columns it did have still sync: a later full sheet changes owner.
    let later = sb.write(
        "later.csv",
        "id,title,owner,area,tags,effort,risk,status\r\n\
         1,Deploy script is flaky,carla,ci,ci;deploy,3,4,open\r\n",
    );
    let out = sb.ok(&["import", "csv", &later, "--source", "full"]);
    assert!(out.contains("1 updated"), "{out}");
    assert_eq!(titled(&sb.loaded(), "Deploy script").owner, "carla");
}
