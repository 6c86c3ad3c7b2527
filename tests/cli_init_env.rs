//! The real binary on where `init` writes, blank or bad environment
//! variables, the JSON error object of `check`, and what `sprint new` says
//! its suggested capacity is based on.

use std::path::Path;

mod common;

use common::cli::{Run, run_env};

/// Runs and expects success; returns the whole run.
fn ok(dir: &Path, args: &[&str]) -> Run {
    let r = run_env(dir, &[], args);
    assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
    r
}

#[test]
fn init_in_a_subdirectory_writes_there_despite_a_parent_plan() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    ok(root, &["init"]);
    let sub = root.join("team-a");
    std::fs::create_dir(&sub).unwrap();
    let before = std::fs::read(root.join("bearing.ron")).unwrap();
    let r = ok(&sub, &["init"]);
    assert!(r.stdout.contains("team-a/bearing.ron"), "{}", r.stdout);
    assert!(sub.join("bearing.ron").is_file());
    // Said once: the subdirectory's commands now use the new plan.
    assert!(r.stdout.contains("not "), "{}", r.stdout);
    assert_eq!(std::fs::read(root.join("bearing.ron")).unwrap(), before);
    ok(&sub, &["add", "debt", "Only here", "--risk", "2"]);
    let parent = String::from_utf8(before).unwrap();
    assert!(!parent.contains("Only here"));
    // Still never overwrites, naming this directory's file.
    let r = run_env(&sub, &[], &["init"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("team-a/bearing.ron") && r.stderr.contains("already exists"),
        "{}",
        r.stderr
    );
}

#[test]
fn check_json_says_an_os_error_once() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    std::fs::create_dir(d.join("bearing.ron")).unwrap();
    let r = run_env(
        d,
        &[],
        &["--file", "bearing.ron", "check", "--format", "json"],
    );
    assert_eq!(r.code, 1);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["error"]["kind"], "io");
    let message = v["error"]["message"].as_str().unwrap();
    assert_eq!(message.matches("os error 21").count(), 1, "{message}");
    assert_eq!(r.stderr.matches("os error 21").count(), 1, "{}", r.stderr);
}

#[test]
fn blank_bearing_today_is_unset_and_a_bad_one_is_quoted_raw() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    ok(d, &["init"]);
    for blank in [" ", "\t"] {
        let r = run_env(d, &[("BEARING_TODAY", blank)], &["rank"]);
        assert_eq!(r.code, 0, "{blank:?}: {}", r.stderr);
        let r = run_env(d, &[("BEARING_FILE", blank)], &["rank"]);
        assert_eq!(r.code, 0, "{blank:?}: {}", r.stderr);
    }
    let r = run_env(d, &[("BEARING_TODAY", " 2026-13-01")], &["rank"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("BEARING_TODAY: \" 2026-13-01\" is not a calendar date"),
        "{}",
        r.stderr
    );
}

fn new_sprint(d: &Path, name: &str, start: &str, end: &str) -> String {
    let r = ok(d, &["sprint", "new", name, "--start", start, "--end", end]);
    let id = r.stdout.split_whitespace().last().unwrap().to_owned();
    let note = r.stderr.lines().find(|l| l.starts_with("note: capacity"));
    format!("{id} {}", note.unwrap_or(&r.stderr))
}

#[test]
fn sprint_new_says_where_its_capacity_comes_from() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    ok(d, &["init"]);
    let first = new_sprint(d, "One", "2026-11-02", "2026-11-13");
    assert!(
        first.contains("capacity 20 points, the default: no sprint has closed yet"),
        "{first}"
    );
    let two = ok(
        d,
        &[
            "sprint",
            "new",
            "Two",
            "--start",
            "2026-11-16",
            "--end",
            "2026-11-27",
            "--capacity",
            "8",
        ],
    );
    let id = two.stdout.split_whitespace().last().unwrap().to_owned();
    let third = new_sprint(d, "Three", "2026-11-30", "2026-12-11");
    assert!(
        third.contains(&format!(
            "capacity 8 points, the last sprint's capacity ({id}"
        )),
        "{third}"
    );
    let debt = ok(d, &["add", "debt", "Work", "--risk", "3", "--effort", "5"]).stdout;
    let debt = debt.split_whitespace().last().unwrap().to_owned();
    ok(d, &["sprint", "add", &id, &debt]);
    ok(d, &["sprint", "start", &id]);
    ok(d, &["sprint", "close", &id, "--done", &debt]);
    let fourth = new_sprint(d, "Four", "2026-12-14", "2026-12-25");
    assert!(
        fourth.contains("capacity 5 points, the velocity of the last closed sprint"),
        "{fourth}"
    );
}
