//! The real binary's tables never exceed the width they are given, from
//! the documented minimum of 40 columns up: `rank`, every `list` kind and
//! `sprint list`, on the demo plan and on a plan with long names.

use std::path::Path;

mod common;

/// The table `args` prints at `columns` wide.
fn table(dir: &Path, columns: usize, args: &[&str]) -> String {
    let r = common::cli::run_env(dir, &[("COLUMNS", &columns.to_string())], args);
    assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
    r.stdout
}

const COMMANDS: [&[&str]; 7] = [
    &["rank"],
    &["list", "objectives"],
    &["list", "krs"],
    &["list", "hypotheses"],
    &["list", "debt"],
    &["list", "sprints"],
    &["sprint", "list"],
];

fn assert_fits(dir: &Path, plan: &[&str]) {
    for columns in 40..=200 {
        for cmd in COMMANDS {
            let args: Vec<&str> = plan.iter().chain(cmd.iter()).copied().collect();
            let out = table(dir, columns, &args);
            for line in out.lines() {
                let w = unicode_width::UnicodeWidthStr::width(line);
                assert!(w <= columns, "{args:?} at {columns}: {w} wide\n{out}");
            }
        }
    }
}

#[test]
fn tables_never_exceed_the_width_on_the_demo() {
    let dir = tempfile::tempdir().unwrap();
    assert_fits(dir.path(), &["--demo"]);
    // Below the minimum the table is laid out for 40 columns.
    let narrow = table(dir.path(), 30, &["--demo", "rank"]);
    assert!(narrow.lines().all(|l| l.chars().count() <= 40), "{narrow}");
    assert_eq!(narrow, table(dir.path(), 40, &["--demo", "rank"]));
}

#[test]
fn tables_never_exceed_the_width_with_long_names() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let run = |args: &[&str]| table(d, 80, args);
    run(&["init"]);
    let long = "Ünïcödé owner with a very long name indeed";
    run(&[
        "add",
        "debt",
        &"A title that goes on and on ".repeat(4),
        "--risk",
        "3",
        "--owner",
        long,
        "--area",
        &"platform-infrastructure-and-tooling".repeat(2),
    ]);
    run(&[
        "sprint",
        "new",
        &"Sprint name ".repeat(5),
        "--start",
        "2026-11-16",
        "--end",
        "2026-11-27",
    ]);
    assert_fits(d, &[]);
}
