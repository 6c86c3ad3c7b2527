//! `bearing org fetch` and the workspace as a new user found them (issue
//! 15), with real git teams (`file://` and local-path repositories): three
//! fetches at once, a relative `git:` path, a git `path:` with `./` or
//! naming a directory, a local path's typo, the summary of a team keeping
//! an older copy.

mod common;
mod org_support;

use std::process::Stdio;

use common::cli::Run;
use org_support::Org;

/// `teams` as git repositories, each with its plan at plan/bearing.ron,
/// listed in the workspace by `file://` URL.
fn git_teams(org: &Org, teams: &[&str]) -> std::path::PathBuf {
    let mut entries = String::new();
    for t in teams {
        org.team_repo(t, &format!("{t} debt"));
        entries.push_str(&format!(
            "    (id: \"{t}\", git: \"{}\", rev: \"main\", path: \"plan/bearing.ron\"),\n",
            org.url(t)
        ));
    }
    org.workspace(&entries)
}

#[test]
fn three_fetches_at_once_all_succeed_and_no_team_is_left_failed() {
    let org = Org::new();
    let ws = git_teams(&org, &["payments", "search", "mobile"]);
    // Twice: on an empty cache (every fetch makes the repositories) and on
    // a full one.
    for round in 0..2 {
        let children: Vec<_> = (0..3)
            .map(|_| {
                let mut cmd = common::cli::command(&ws, &["org", "fetch"]);
                org.env(&mut cmd);
                cmd.stdin(Stdio::null())
                    .stdout(Stdio::piped())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for child in children {
            let r: Run = child.wait_with_output().unwrap().into();
            assert_eq!(r.code, 0, "round {round}: {}{}", r.stdout, r.stderr);
            assert!(
                r.stdout.contains("3 git teams: 3 fetched, 0 failed"),
                "{}",
                r.stdout
            );
        }
        let v = org.json(&ws, &["org", "status", "--format", "json"]);
        for team in v["teams"].as_array().unwrap() {
            assert!(team["problem_kind"].is_null(), "round {round}: {team}");
            assert!(team["fetch_failed"].is_null(), "round {round}: {team}");
        }
    }
}

#[test]
fn a_second_fetch_waits_for_the_first_naming_its_pid() {
    let org = Org::new();
    let ws = git_teams(&org, &["payments"]);
    org.ok(&ws, &["org", "fetch"]);
    // Hold payments' lock as a running fetch would.
    let cache = org.root().join("cache");
    let dir = std::fs::read_dir(&cache)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(dir.join("payments/fetch.lock"))
        .unwrap();
    lock.lock().unwrap();
    std::fs::write(dir.join("payments/fetch.lock"), "4242\n").unwrap();
    let mut cmd = common::cli::command(&ws, &["org", "fetch"]);
    org.env(&mut cmd);
    let child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(700));
    drop(lock);
    let r: Run = child.wait_with_output().unwrap().into();
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stderr
            .contains("payments: waiting for another bearing org fetch (pid 4242)…"),
        "{}",
        r.stderr
    );
    assert!(r.stdout.contains("payments: up to date at"), "{}", r.stdout);
}

#[test]
fn a_relative_git_path_is_relative_to_the_workspace_file() {
    let org = Org::new();
    org.team_repo("repos/payments", "Card retries double charge");
    let ws = org.workspace(
        "    (id: \"payments\", git: \"../repos/payments\", rev: \"main\", path: \"plan/bearing.ron\"),\n",
    );
    // Run from elsewhere: the path is the workspace file's, not the cwd's.
    let elsewhere = org.root().join("elsewhere/deeper");
    std::fs::create_dir_all(&elsewhere).unwrap();
    let file = ws.join("bearing-org.ron");
    let r = org.bearing(
        &elsewhere,
        &["org", "fetch", "--org", file.to_str().unwrap()],
    );
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.contains("payments: fetched "), "{}", r.stdout);
    let v = org.json(
        &elsewhere,
        &[
            "org",
            "status",
            "--format",
            "json",
            "--org",
            file.to_str().unwrap(),
        ],
    );
    assert_eq!(v["teams"][0]["items"], 5, "{v}");
}

#[test]
fn a_git_path_with_dot_parts_is_read_and_a_directory_is_named_as_such() {
    let org = Org::new();
    let repo = org.team_repo("payments", "Card retries double charge");
    let head = org.head(&repo);
    let url = org.url("payments");
    let ws = org.workspace(&format!(
        "    (id: \"dotted\", git: \"{url}\", rev: \"main\", path: \"./plan/./bearing.ron\"),\n\
         \x20   (id: \"dir\", git: \"{url}\", rev: \"main\", path: \"plan\"),\n"
    ));
    let r = org.bearing(&ws, &["org", "fetch"]);
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stdout.contains(&format!("dotted: fetched {head} (main)")),
        "{}",
        r.stdout
    );
    let line = r.stdout.lines().find(|l| l.starts_with("dir: ")).unwrap();
    assert!(
        line.contains(&format!(
            "plan is a directory in commit {head}; give the plan file, e.g. plan/bearing.ron"
        )),
        "{line}"
    );
    let v = org.json(&ws, &["org", "status", "--format", "json"]);
    assert_eq!(
        v["teams"][1]["fetch_failed"]["reason"],
        format!("plan is a directory in commit {head}; give the plan file, e.g. plan/bearing.ron"),
        "{v}"
    );
    assert_eq!(v["teams"][0]["items"], 5, "{v}");
}

#[test]
fn a_local_path_typo_is_missing_names_its_line_and_fails_a_required_team() {
    let org = Org::new();
    org.plan(
        &org.root().join("mobile/bearing.ron"),
        "Crash on resume",
        "3",
    );
    let ws = org.workspace(
        "    (id: \"mobile\", path: \"../mobile/bearing.ron\"),\n\
         \x20   (id: \"typo\", path: \"../mobil/bearing.ron\"),\n",
    );
    let r = org.bearing(&ws, &["org", "fetch"]);
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stdout.contains(
            "typo: local file ../mobil/bearing.ron: not found (check the team's path in bearing-org.ron line 4)"
        ),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("0 git teams: 0 fetched, 0 failed; 1 local team's file not found: typo"),
        "{}",
        r.stdout
    );
    assert!(
        r.stderr
            .contains("org fetch: 1 required team's plan file missing: typo"),
        "{}",
        r.stderr
    );
    let v = org.json(&ws, &["org", "status", "--format", "json"]);
    let problem = v["teams"][1]["problem"].as_str().unwrap();
    assert!(
        problem
            == "local file ../mobil/bearing.ron: not found (check the team's path in bearing-org.ron line 4)",
        "{problem}"
    );
    assert!(!problem.contains("bearing init"), "{problem}");

    // Optional: said the same, but not a failure.
    let ws = org.workspace("    (id: \"typo\", path: \"../mobil/bearing.ron\", optional: true),\n");
    let r = org.bearing(&ws, &["org", "fetch"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.contains(": not found (check"), "{}", r.stdout);
}

#[test]
fn the_summary_counts_a_team_keeping_an_older_copy_and_org_check_warns() {
    let org = Org::new();
    let ws = git_teams(&org, &["payments", "search"]);
    org.ok(&ws, &["org", "fetch"]);
    let repo = org.root().join("payments");
    std::fs::write(repo.join("plan/bearing.ron"), "(schema: 1, oops\n").unwrap();
    org.commit(&repo, "typo");
    let r = org.bearing(&ws, &["org", "fetch"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stdout.contains(
            "2 git teams: 2 fetched (1 keeps an older copy: its newest plan does not load), 0 failed"
        ),
        "{}",
        r.stdout
    );
    // What a CI job should run to notice it.
    let check = org.bearing(&ws, &["org", "check"]);
    assert!(
        check.stdout.contains("warning newest-does-not-load"),
        "{}",
        check.stdout
    );
}

#[test]
fn jobs_zero_and_org_given_twice_are_refused() {
    let org = Org::new();
    let ws = git_teams(&org, &["payments"]);
    let r = org.bearing(&ws, &["org", "fetch", "--jobs", "0"]);
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stderr.contains("--jobs must be at least 1"),
        "{}",
        r.stderr
    );
    for args in [
        ["--org", "a.ron", "org", "--org", "b.ron", "status"],
        ["--org", "a.ron", "org", "status", "--org", "b.ron"],
    ] {
        let r = org.bearing(&ws, &args);
        assert_eq!(r.code, 1, "{args:?}: {}{}", r.stdout, r.stderr);
        assert!(r.stderr.contains("--org given twice"), "{}", r.stderr);
    }
    // Once, before or after `org`, is fine.
    let file = ws.join("bearing-org.ron");
    let file = file.to_str().unwrap();
    org.ok(&ws, &["--org", file, "org", "status"]);
    org.ok(&ws, &["org", "--org", file, "status"]);
}

#[test]
fn org_help_shows_a_workspace_that_parses_and_a_plan_is_not_taken_for_one() {
    let org = Org::new();
    let help = org.ok(org.root(), &["org", "--help"]);
    let start = help.find("\n(\n").expect(&help) + 1;
    let end = start + help[start..].find("\n)\n").expect(&help) + 2;
    let ws = bearing::org::parse(&help[start..end]).unwrap();
    assert_eq!(ws.title.as_deref(), Some("Acme engineering"));
    // The missing-workspace error points at it.
    let r = org.bearing(org.root(), &["org", "status", "--org", "none.ron"]);
    assert!(
        r.stderr.contains("see `bearing org --help`"),
        "{}",
        r.stderr
    );

    let plan = org.root().join("team/bearing.ron");
    org.plan(&plan, "Card retries double charge", "3");
    let r = org.bearing(
        org.root(),
        &["org", "status", "--org", plan.to_str().unwrap()],
    );
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stderr.contains(&format!(
            "{} is a plan, not a workspace: the workspace lists teams, see `bearing org --help`",
            plan.display()
        )),
        "{}",
        r.stderr
    );
}

#[test]
fn fetch_prunes_the_cached_copies_of_teams_no_longer_in_the_workspace() {
    let org = Org::new();
    let ws = git_teams(&org, &["payments", "search"]);
    org.ok(&ws, &["org", "fetch"]);
    let cache = std::fs::read_dir(org.root().join("cache"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    assert!(cache.join("search/repo.git").is_dir());
    std::fs::create_dir_all(cache.join("notes")).unwrap();
    org.workspace(&format!(
        "    (id: \"payments\", git: \"{}\", rev: \"main\", path: \"plan/bearing.ron\"),\n",
        org.url("payments")
    ));
    let out = org.ok(&ws, &["org", "fetch"]);
    assert!(
        out.contains("pruned the cached copy of team \"search\" (no longer in the workspace)"),
        "{out}"
    );
    assert!(!cache.join("search").exists());
    assert!(cache.join("payments/fetched.ron").is_file());
    assert!(
        cache.join("notes").is_dir(),
        "not a team's copy: left alone"
    );
    let again = org.ok(&ws, &["org", "fetch"]);
    assert!(!again.contains("pruned"), "{again}");
}

#[test]
fn the_readme_workspace_example_parses_with_its_title() {
    let readme = include_str!("../README.md");
    let start = readme.find("```ron\n(\n  title:").unwrap() + "```ron\n".len();
    let end = start + readme[start..].find("```").unwrap();
    let ws = bearing::org::parse(&readme[start..end]).unwrap();
    assert_eq!(ws.title.as_deref(), Some("Acme engineering"));
    assert!(ws.team("billing").is_some());
}
