//! `bearing diff` with the real git and the real binary: between two
//! commits, HEAD → the working file, two files, --since a date, each
//! format, and the errors (not a repository, no git, unknown revision,
//! the plan not in that revision, no commit before the date).

mod common;
#[path = "git_support/mod.rs"]
mod git_support;

use git_support::Repo;

const DEMO: &str = include_str!("../assets/demo.ron");
const F: &str = "bearing.ron";

/// Three commits: a README (2026-10-01); the demo plan without D-0YRKT
/// (2026-11-01); the demo plan without D-12ZG1, with a rating and an owner
/// edit, a check-in, a validated hypothesis, a sprint closed and one
/// started (2026-11-15). The working file then raises D-3HRFK's urgency.
fn history() -> Repo {
    let repo = Repo::new();
    std::fs::write(repo.root.join("README.md"), "plans\n").unwrap();
    repo.commit("readme", "2026-10-01T12:00:00Z");

    std::fs::write(repo.root.join(F), DEMO).unwrap();
    repo.ok(&["--file", F, "rm", "D-0YRKT", "--force"]);
    repo.commit("plan", "2026-11-01T12:00:00Z");

    std::fs::write(repo.root.join(F), DEMO).unwrap();
    repo.ok(&["--file", F, "rm", "D-12ZG1", "--force"]);
    repo.ok(&[
        "--file", F, "edit", "D-1ZBET", "--risk", "5", "--owner", "lena",
    ]);
    repo.ok(&["--file", F, "checkin", "KR-2M9XF", "104"]);
    repo.ok(&[
        "--file",
        F,
        "hypothesis",
        "validate",
        "H-4NB2T",
        "--evidence",
        "p95 | latency down 40% on the payment path",
    ]);
    repo.ok(&["--file", F, "sprint", "close", "S-7WM4K"]);
    repo.ok(&["--file", F, "sprint", "start", "S-TB5XR"]);
    repo.commit("a week of work", "2026-11-15T12:00:00Z");

    repo.ok(&["--file", F, "edit", "D-3HRFK", "--urgency", "5"]);
    repo
}

#[test]
fn between_two_commits_as_a_table() {
    let repo = history();
    let out = repo.ok(&["--file", F, "diff", "HEAD~1", "HEAD"]);
    insta::assert_snapshot!("diff_table", out);
}

#[test]
fn between_two_commits_as_markdown() {
    let repo = history();
    let out = repo.ok(&["--file", F, "diff", "HEAD~1", "HEAD", "--format", "md"]);
    insta::assert_snapshot!("diff_md", out);
}

#[test]
fn between_two_commits_as_json() {
    let repo = history();
    let out = repo.ok(&["--file", F, "diff", "HEAD~1", "HEAD", "--format", "json"]);
    let v = common::cli::json(&out);
    let ids = |k: &str| -> Vec<String> {
        v[k].as_array()
            .unwrap()
            .iter()
            .map(|x| x["id"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(ids("added"), ["D-0YRKT"]);
    assert_eq!(ids("removed"), ["D-12ZG1"]);
    let changed = ids("changed");
    for id in ["D-1ZBET", "KR-2M9XF", "H-4NB2T", "S-7WM4K", "S-TB5XR"] {
        assert!(changed.contains(&id.to_owned()), "{id} in {changed:?}");
    }
    let d = v["changed"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "D-1ZBET")
        .unwrap();
    let risk = d["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["field"] == "risk")
        .unwrap();
    assert_eq!(risk["new"], "5");
    assert_eq!(v["key_results"][0]["id"], "KR-2M9XF");
    assert_eq!(v["key_results"][0]["checkins"][0]["value"], 104.0);
    assert_eq!(v["hypotheses"][0]["new_status"], "validated");
    assert_eq!(ids("sprints"), ["S-7WM4K", "S-TB5XR"]);
    assert!(!v["rank_moves"].as_array().unwrap().is_empty());
}

#[test]
fn default_is_head_to_the_working_file() {
    let repo = history();
    let out = repo.ok(&["--file", F, "diff"]);
    assert!(
        out.starts_with("HEAD → bearing.ron (as of 2026-11-20)\n"),
        "{out}"
    );
    assert!(out.contains("0 added, 1 changed, 0 removed"), "{out}");
    assert!(out.contains("    urgency: "), "{out}");
    assert!(out.contains("D-3HRFK"), "{out}");
}

#[test]
fn since_a_date_is_the_last_commit_before_it() {
    let repo = history();
    let out = repo.ok(&["--file", F, "diff", "--since", "2026-11-10"]);
    assert!(out.starts_with("last commit before 2026-11-10 ("), "{out}");
    // From the first plan: D-0YRKT came back, D-12ZG1 went, D-3HRFK changed.
    assert!(out.contains("1 added"), "{out}");
    assert!(out.contains("D-3HRFK"), "{out}");
    assert!(out.contains("D-12ZG1"), "{out}");
}

#[test]
fn two_files() {
    let repo = history();
    let old = repo.git(&["show", "HEAD~1:bearing.ron"]);
    std::fs::write(repo.root.join("old plan.ron"), old).unwrap();
    let out = repo.ok(&["--file", F, "diff", "old plan.ron", F, "--format", "json"]);
    let v = common::cli::json(&out);
    assert_eq!(v["from"], "old plan.ron");
    assert_eq!(v["to"], "bearing.ron");
    assert_eq!(v["added"][0]["id"], "D-0YRKT");

    // No repository needed for two files.
    let outside = repo.home().join("outside");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::copy(repo.root.join("old plan.ron"), outside.join("a.ron")).unwrap();
    std::fs::copy(repo.root.join(F), outside.join("b.ron")).unwrap();
    let r = repo.bearing_in(&outside, &["diff", "a.ron", "b.ron"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("a.ron → b.ron"), "{}", r.stdout);
}

/// Fails with exit 1 (a user error, as every command: 2 is for usage) and
/// a message holding `needle`.
fn fails(repo: &Repo, dir: &std::path::Path, args: &[&str], needle: &str) {
    let r = repo.bearing_in(dir, args);
    assert_eq!(r.code, 1, "{args:?}: {}{}", r.stdout, r.stderr);
    assert!(r.stderr.contains(needle), "{args:?}: {}", r.stderr);
    assert!(r.stdout.is_empty(), "{}", r.stdout);
}

#[test]
fn errors_say_what_is_missing() {
    let repo = history();
    let root = repo.root.clone();
    fails(
        &repo,
        &root,
        &["--file", F, "diff", "nope"],
        "unknown revision \"nope\"",
    );
    fails(
        &repo,
        &root,
        &["--file", F, "diff", "HEAD~2"],
        "bearing.ron is not in revision HEAD~2",
    );
    fails(
        &repo,
        &root,
        &["--file", F, "diff", "--since", "2026-09-01"],
        "no commit before 2026-09-01",
    );
    let outside = repo.home().join("outside");
    std::fs::create_dir_all(&outside).unwrap();
    repo.bearing_in(&outside, &["init"]);
    fails(&repo, &outside, &["diff"], "is not inside a git repository");

    // No git on PATH.
    let mut cmd = common::cli::command(&root, &["--file", F, "diff"]);
    cmd.env("PATH", repo.home().join("no-bin"));
    let r = common::cli::finish(cmd);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("git is not installed"), "{}", r.stderr);
}

#[test]
fn usage_errors_exit_2() {
    let repo = history();
    let r = repo.bearing(&["--file", F, "diff", "--since", "2026-11-01", "HEAD"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
}

/// The real binary in the repository with TZ set (git reads a time with
/// no zone in the local time zone).
fn bearing_tz(repo: &Repo, tz: &str, args: &[&str]) -> common::cli::Run {
    let mut cmd = common::cli::command(&repo.root, args);
    cmd.env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", repo.home())
        .env("GIT_CEILING_DIRECTORIES", repo.home())
        .env("TZ", tz);
    common::cli::finish(cmd)
}

#[test]
fn since_is_before_midnight_not_before_the_time_of_day_now() {
    let repo = Repo::new();
    std::fs::write(repo.root.join(F), DEMO).unwrap();
    repo.ok(&["--file", F, "rm", "D-0YRKT", "--force"]);
    repo.commit("late on the 29th", "2026-11-29T23:00:00Z");
    std::fs::write(repo.root.join(F), DEMO).unwrap();
    repo.commit("early on the 30th", "2026-11-30T01:00:00Z");
    let r = bearing_tz(
        &repo,
        "UTC",
        &["--file", F, "diff", "--since", "2026-11-30"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    // From the 23:00 commit (without D-0YRKT), not the 01:00 one.
    assert!(r.stdout.contains("1 added"), "{}", r.stdout);
    assert!(r.stdout.contains("D-0YRKT"), "{}", r.stdout);
    // Midnight is local: in UTC-2 the 30th starts at 02:00 UTC.
    let r = bearing_tz(
        &repo,
        "XXX+2",
        &["--file", F, "diff", "--since", "2026-11-30"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("no changes to the plan"), "{}", r.stdout);
    // A commit at midnight itself is not before DATE (git's --before is
    // inclusive, so the bound is the last second of the day before).
    repo.ok(&["--file", F, "rm", "D-0YRKT", "--force"]);
    repo.commit("on the stroke of the 1st", "2026-12-01T00:00:00Z");
    let r = bearing_tz(
        &repo,
        "UTC",
        &["--file", F, "diff", "--since", "2026-12-01"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("1 removed"), "{}", r.stdout);
}

#[test]
fn since_takes_only_a_calendar_date() {
    let repo = history();
    for bad in ["garbage", "2026-11-31", "yesterday"] {
        let r = repo.bearing(&["--file", F, "diff", "--since", bad]);
        assert_eq!(r.code, 2, "{bad}: {}{}", r.stdout, r.stderr);
        assert!(
            r.stderr.contains("is not a calendar date (YYYY-MM-DD)"),
            "{bad}: {}",
            r.stderr
        );
    }
}

#[test]
fn three_dots_compare_from_the_merge_base_as_a_pull_request_does() {
    let repo = Repo::new();
    std::fs::write(repo.root.join(F), DEMO).unwrap();
    repo.commit("plan", "2026-11-01T12:00:00Z");
    repo.git(&["checkout", "-q", "-b", "feature"]);
    repo.ok(&["--file", F, "edit", "D-1ZBET", "--owner", "lena"]);
    repo.commit("feature", "2026-11-02T12:00:00Z");
    repo.git(&["checkout", "-q", "main"]);
    repo.ok(&["--file", F, "rm", "D-12ZG1", "--force"]);
    repo.commit("main moves on", "2026-11-03T12:00:00Z");

    let out = repo.ok(&["--file", F, "diff", "main...feature", "--format", "json"]);
    let v = common::cli::json(&out);
    assert!(
        v["from"]
            .as_str()
            .unwrap()
            .starts_with("merge base of main and feature ("),
        "{out}"
    );
    assert_eq!(v["to"], "feature");
    // Only what the branch did: not main's removal of D-12ZG1.
    assert_eq!(v["removed"].as_array().unwrap().len(), 0, "{out}");
    assert_eq!(v["changed"][0]["id"], "D-1ZBET", "{out}");

    // Two dots: the two ends as they are.
    let out = repo.ok(&["--file", F, "diff", "main..feature", "--format", "json"]);
    let v = common::cli::json(&out);
    assert_eq!(v["from"], "main");
    assert_eq!(v["added"][0]["id"], "D-12ZG1", "{out}");
    fails(
        &repo,
        &repo.root.clone(),
        &["--file", F, "diff", "main...nope"],
        "unknown revision \"nope\"",
    );
}
