//! What the roll-ups say about the copy they read, with real git teams
//! (`file://` repositories): a fetch that fails after a good one (the
//! repository moved away) keeps the copy and every view says when it was
//! fetched and that the last fetch failed; a newest commit whose plan does
//! not load (committed conflict markers, a syntax error) keeps the last
//! good copy; the next good fetch clears both.

mod common;
mod org_support;

use bearing::org::TeamPlan;
use bearing::tui::org::{OrgApp, draw};
use bearing::tui::theme::Theme;
use org_support::{Org, ids};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// payments (git) and infra (a local file).
fn two_teams(org: &Org) -> std::path::PathBuf {
    org.team_repo("payments", "Card retries double charge");
    org.plan(
        &org.root().join("infra/bearing.ron"),
        "Terraform by hand",
        "2",
    );
    org.workspace(&format!(
        "    (id: \"payments\", name: \"Payments\", git: \"{}\", rev: \"main\", path: \"plan/bearing.ron\"),\n\
         \x20   (id: \"infra\", name: \"Infra\", path: \"../infra/bearing.ron\"),\n",
        org.url("payments"),
    ))
}

/// The org UI's Teams view on what the roll-ups read from the real cache.
fn teams_view(org: &Org, ws: &std::path::Path) -> String {
    let file = ws.join("bearing-org.ron");
    let text = std::fs::read_to_string(&file).unwrap();
    let workspace = bearing::org::parse(&text).unwrap();
    let cache = bearing::store::org::cache_dir(&org.root().join("cache"), &file);
    let teams: Vec<TeamPlan> = workspace
        .teams
        .iter()
        .map(|t| bearing::store::org::read_team(ws, &cache, t, false))
        .collect();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    let mut app = OrgApp::new(teams, today, "test".into());
    app.theme = Theme::plain();
    let mut term = Terminal::new(TestBackend::new(160, 12)).unwrap();
    term.draw(|f| draw(f, &app)).unwrap();
    term.backend().to_string()
}

#[test]
fn a_failed_fetch_keeps_the_copy_and_every_view_says_when_and_why() {
    let org = Org::new();
    let ws = two_teams(&org);
    let repo = org.root().join("payments");
    let head = org.head(&repo);
    org.ok(&ws, &["org", "fetch"]);
    let fetched = format!("{head} (main), fetched 20");
    let status = org.ok(&ws, &["org", "status"]);
    assert!(status.contains(&fetched), "{status}");

    // The repository goes away: the fetch fails, the copy stays.
    std::fs::rename(&repo, org.root().join("moved")).unwrap();
    let r = org.bearing(&ws, &["org", "fetch"]);
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);

    let status = org.ok(&ws, &["org", "status"]);
    assert!(status.contains("warning: fetch-failed"), "{status}");
    let warning = status
        .lines()
        .find(|l| l.starts_with("warning: payments: "))
        .unwrap_or_else(|| panic!("no warning line: {status}"));
    assert!(warning.contains("last fetch failed 20"), "{warning}");
    assert!(
        warning.contains("does not appear to be a git repository"),
        "{warning}"
    );
    assert!(
        !warning.contains("fatal:"),
        "git's prefix is noise: {warning}"
    );
    assert!(
        warning.contains(&format!("; showing {fetched}")),
        "{warning}"
    );
    assert!(
        status.contains(&format!("read: payments {fetched}")),
        "{status}"
    );

    let v = org.json(&ws, &["org", "status", "--format", "json"]);
    let pay = &v["teams"][0];
    assert_eq!(pay["state"], "warning", "{pay}");
    assert_eq!(pay["problem_kind"], "fetch-failed", "{pay}");
    assert_eq!(pay["version"], format!("{head} (main)"));
    assert!(
        pay["fetched_at"].as_str().unwrap().starts_with("20"),
        "{pay}"
    );
    assert!(
        pay["fetch_failed"]["at"]
            .as_str()
            .unwrap()
            .starts_with("20")
    );
    assert!(
        pay["fetch_failed"]["reason"]
            .as_str()
            .unwrap()
            .contains("git repository")
    );
    assert_eq!(pay["items"], 5, "its rows still count: {pay}");
    assert!(v["teams"][1]["fetch_failed"].is_null());

    // Still read: its debt is ranked.
    let rank = org.json(&ws, &["org", "rank", "--format", "json"]);
    assert!(
        ids(&rank, "debt")
            .iter()
            .any(|i| i.starts_with("payments:"))
    );
    // A warning, not an error, even for a required team.
    let check = org.bearing(&ws, &["org", "check"]);
    assert_eq!(check.code, 0, "{}{}", check.stdout, check.stderr);
    assert!(
        check
            .stdout
            .contains("warning fetch-failed: last fetch failed"),
        "{}",
        check.stdout
    );
    let md = org.ok(&ws, &["org", "export"]);
    assert!(
        md.contains("> **warning** payments: last fetch failed 20"),
        "{md}"
    );
    assert!(md.contains(&format!("| {fetched}")), "{md}");
    let html = org.ok(&ws, &["org", "export", "--format", "html"]);
    assert!(
        html.contains("last fetch failed 20"),
        "no warning in the page"
    );
    let ui = teams_view(&org, &ws);
    assert!(ui.contains("fetch-failed: last fetch failed"), "{ui}");
    assert!(ui.contains(&head), "{ui}");

    // Back: the next fetch clears the failure.
    std::fs::rename(org.root().join("moved"), &repo).unwrap();
    org.ok(&ws, &["org", "fetch"]);
    let v = org.json(&ws, &["org", "status", "--format", "json"]);
    assert_eq!(v["teams"][0]["state"], "ok", "{v}");
    assert!(v["teams"][0]["fetch_failed"].is_null(), "{v}");
    assert!(!teams_view(&org, &ws).contains("fetch-failed"));
}

#[test]
fn a_fetch_that_never_worked_says_why_instead_of_run_fetch() {
    let org = Org::new();
    let ws = org.workspace(&format!(
        "    (id: \"ghost\", name: \"Ghost\", git: \"{}\", optional: true),\n",
        org.url("nowhere")
    ));
    let r = org.bearing(&ws, &["org", "fetch"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let status = org.ok(&ws, &["org", "status"]);
    assert!(status.contains("last fetch failed 20"), "{status}");
    assert!(
        status.contains("does not appear to be a git repository (no copy yet)"),
        "{status}"
    );
    assert!(!status.contains("run `bearing org fetch`"), "{status}");
    let v = org.json(&ws, &["org", "status", "--format", "json"]);
    assert!(v["teams"][0]["items"].is_null(), "unknown, not 0: {v}");
    assert!(v["teams"][0]["debt_open"].is_null(), "{v}");
}

/// Writes conflict markers around the plan's first `title:` line.
fn commit_conflict(org: &Org, repo: &std::path::Path) {
    let plan = repo.join("plan/bearing.ron");
    let text = std::fs::read_to_string(&plan).unwrap();
    let at = text.find("title:").unwrap();
    let end = at + text[at..].find('\n').unwrap();
    let broken = format!(
        "{}\n<<<<<<< ours\n    {}\n=======\n    title: \"Other\",\n>>>>>>> theirs\n{}",
        &text[..at],
        &text[at..end],
        &text[end + 1..]
    );
    std::fs::write(&plan, broken).unwrap();
    org.commit(repo, "a merge gone wrong");
}

#[test]
fn a_newest_commit_that_does_not_load_keeps_the_last_good_copy() {
    let org = Org::new();
    let ws = two_teams(&org);
    let repo = org.root().join("payments");
    let good = org.head(&repo);
    org.ok(&ws, &["org", "fetch"]);

    commit_conflict(&org, &repo);
    let bad = org.head(&repo);
    let out = org.ok(&ws, &["org", "fetch"]);
    let line = out.lines().find(|l| l.starts_with("payments: ")).unwrap();
    assert!(
        line.starts_with(&format!(
            "payments: fetched {bad} (main) but its plan does not load ("
        )),
        "{line}"
    );
    assert!(
        line.ends_with(&format!("; keeping {good} (main)")),
        "{line}"
    );
    assert!(line.contains("ask the team to resolve them"), "{line}");
    assert!(
        !line.contains("bearing resolve"),
        "not the reader's to resolve: {line}"
    );

    let v = org.json(&ws, &["org", "status", "--format", "json"]);
    let pay = &v["teams"][0];
    assert_eq!(pay["version"], format!("{good} (main)"), "{pay}");
    assert_eq!(pay["problem_kind"], "newest-does-not-load", "{pay}");
    assert_eq!(pay["newest_unloadable"]["commit"], bad.as_str(), "{pay}");
    let problem = pay["problem"].as_str().unwrap();
    assert!(
        problem.starts_with(&format!("the newest commit {bad}'s plan does not load (")),
        "{problem}"
    );
    assert!(
        problem.contains(&format!("@{bad}:plan/bearing.ron:")),
        "{problem}"
    );
    assert!(
        problem.contains(&format!("; showing {good} (main), fetched 20")),
        "{problem}"
    );
    let rank = org.json(&ws, &["org", "rank", "--format", "json"]);
    assert!(
        ids(&rank, "debt")
            .iter()
            .any(|i| i.starts_with("payments:")),
        "{rank}"
    );
    let check = org.bearing(&ws, &["org", "check"]);
    assert_eq!(check.code, 0, "{}{}", check.stdout, check.stderr);
    assert!(
        check.stdout.contains("warning newest-does-not-load"),
        "{}",
        check.stdout
    );

    // A syntax error next: still the good copy, the newest named.
    std::fs::write(repo.join("plan/bearing.ron"), "(schema: 1, oops\n").unwrap();
    org.commit(&repo, "typo");
    let bad2 = org.head(&repo);
    let out = org.ok(&ws, &["org", "fetch"]);
    assert!(
        out.contains(&format!(
            "fetched {bad2} (main) but its plan does not load ("
        )),
        "{out}"
    );
    assert!(
        out.contains(&format!("@{bad2}:plan/bearing.ron:1:")),
        "{out}"
    );
    let v = org.json(&ws, &["org", "status", "--format", "json"]);
    assert_eq!(v["teams"][0]["version"], format!("{good} (main)"));

    // Fixed: the newest is read and the note goes.
    org.git(&repo, &["checkout", "-q", &good, "--", "plan/bearing.ron"]);
    org.add_debt(&repo.join("plan/bearing.ron"), "Fixed and more", "3");
    org.commit(&repo, "fixed");
    let fixed = org.head(&repo);
    org.ok(&ws, &["org", "fetch"]);
    let v = org.json(&ws, &["org", "status", "--format", "json"]);
    assert_eq!(v["teams"][0]["version"], format!("{fixed} (main)"));
    assert_eq!(v["teams"][0]["state"], "ok", "{v}");
    assert!(v["teams"][0]["newest_unloadable"].is_null(), "{v}");
}

#[test]
fn a_conflicted_first_copy_is_a_warning_row_asking_the_team() {
    let org = Org::new();
    let ws = two_teams(&org);
    let repo = org.root().join("payments");
    commit_conflict(&org, &repo);
    let out = org.ok(&ws, &["org", "fetch"]);
    assert!(out.contains("warning: its plan does not load"), "{out}");
    let v = org.json(&ws, &["org", "status", "--format", "json"]);
    let pay = &v["teams"][0];
    assert_eq!(pay["problem_kind"], "merge-conflict", "{pay}");
    let problem = pay["problem"].as_str().unwrap();
    assert!(
        problem.contains("the team's committed plan has merge-conflict markers"),
        "{problem}"
    );
    assert!(
        problem.contains("ask the team to resolve them"),
        "{problem}"
    );
    assert!(!problem.contains("bearing resolve"), "{problem}");
    assert!(pay["items"].is_null(), "{pay}");
}

#[test]
fn a_plan_removed_at_the_new_commit_is_a_failed_fetch_naming_the_path() {
    let org = Org::new();
    let ws = two_teams(&org);
    let repo = org.root().join("payments");
    let good = org.head(&repo);
    org.ok(&ws, &["org", "fetch"]);
    org.git(&repo, &["rm", "-q", "plan/bearing.ron"]);
    org.commit(&repo, "moved the plan away");
    let gone = org.head(&repo);
    let r = org.bearing(&ws, &["org", "fetch"]);
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    let v = org.json(&ws, &["org", "status", "--format", "json"]);
    let pay = &v["teams"][0];
    assert_eq!(pay["version"], format!("{good} (main)"), "{pay}");
    assert_eq!(
        pay["fetch_failed"]["reason"],
        format!("plan/bearing.ron is not in commit {gone} (main)"),
        "{pay}"
    );
    assert_eq!(pay["items"], 5, "{pay}");
}

/// Never fetched and fetched-but-failed are different states: the first
/// asks for `org fetch`, the second says what failed (running fetch again
/// does not help a repository that is not there).
#[test]
fn never_fetched_and_a_failed_first_fetch_are_told_apart() {
    let org = Org::new();
    org.team_repo("payments", "Card retries double charge");
    let ws = org.workspace(&format!(
        "    (id: \"payments\", name: \"Payments\", git: \"{}\", path: \"plan/bearing.ron\"),\n\
         \x20   (id: \"ghost\", name: \"Ghost\", git: \"{}\", optional: true),\n",
        org.url("payments"),
        org.url("ghost")
    ));
    let status = org.json(&ws, &["org", "status", "--format", "json"]);
    for team in 0..2 {
        assert_eq!(status["teams"][team]["problem_kind"], "not-fetched");
    }
    org.bearing(&ws, &["org", "fetch"]);
    let status = org.json(&ws, &["org", "status", "--format", "json"]);
    assert_eq!(status["teams"][0]["state"], "ok", "{status}");
    assert_eq!(status["teams"][1]["problem_kind"], "fetch-failed");
    let problem = status["teams"][1]["problem"].as_str().unwrap();
    assert!(problem.contains("last fetch failed"), "{problem}");
    assert!(!problem.contains("run `bearing org fetch`"), "{problem}");
}
