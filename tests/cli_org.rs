//! `bearing org …` through the real binary and real git: team plans in
//! local repositories reached by `file://` URLs (one that changes after
//! the first fetch, one that does not exist), a local-path team, and the
//! roll-ups in every format. Git runs with HOME in the temporary
//! directory and no system config, so the user's config never leaks in.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::cli::{Run, command, finish};
use serde_json::Value;

struct Org {
    tmp: tempfile::TempDir,
}

impl Org {
    fn new() -> Org {
        Org {
            tmp: tempfile::tempdir().unwrap(),
        }
    }

    fn root(&self) -> &Path {
        self.tmp.path()
    }

    fn env(&self, cmd: &mut Command) {
        let home = self.root();
        cmd.env("GIT_CONFIG_NOSYSTEM", "1")
            .env("HOME", home)
            .env("XDG_CONFIG_HOME", home.join(".config"))
            .env("GIT_CEILING_DIRECTORIES", home)
            .env("BEARING_CACHE_DIR", home.join("cache"))
            .env_remove("BEARING_ORG")
            .env("LC_ALL", "C");
    }

    fn git(&self, dir: &Path, args: &[&str]) -> String {
        let mut cmd = Command::new("git");
        cmd.arg("-C").arg(dir).args(args);
        self.env(&mut cmd);
        let out = cmd.output().unwrap();
        assert!(out.status.success(), "git {args:?}: {out:?}");
        String::from_utf8(out.stdout).unwrap().trim().to_owned()
    }

    fn bearing(&self, dir: &Path, args: &[&str]) -> Run {
        let mut cmd = command(dir, args);
        self.env(&mut cmd);
        finish(cmd)
    }

    fn ok(&self, dir: &Path, args: &[&str]) -> String {
        let r = self.bearing(dir, args);
        assert_eq!(r.code, 0, "{args:?}: {}{}", r.stdout, r.stderr);
        r.stdout
    }

    /// A plan at `file` from the template, with one debt item (owned, so
    /// `check` finds no error) and one key result.
    fn plan(&self, file: &Path, debt: &str, risk: &str) {
        let dir = file.parent().unwrap();
        std::fs::create_dir_all(dir).unwrap();
        let f = file.to_str().unwrap();
        self.ok(dir, &["-f", f, "init"]);
        self.add_debt(file, debt, risk);
        let objs: Value = serde_json::from_str(
            &self.ok(dir, &["-f", f, "list", "objectives", "--format", "json"]),
        )
        .unwrap();
        let o = objs[0]["id"].as_str().unwrap();
        self.ok(
            dir,
            &[
                "-f",
                f,
                "add",
                "kr",
                "MTTR",
                "--objective",
                o,
                "--baseline",
                "60",
                "--target",
                "30",
                "--current",
                "45",
                "--unit",
                "min",
                "--start",
                "2026-10-01",
                "--due",
                "2026-12-31",
            ],
        );
    }

    fn add_debt(&self, file: &Path, title: &str, risk: &str) {
        let f = file.to_str().unwrap();
        self.ok(
            file.parent().unwrap(),
            &[
                "-f", f, "add", "debt", title, "--risk", risk, "--effort", "2", "--owner", "ann",
            ],
        );
    }

    /// A team repository `name` (branch main) with its plan at
    /// plan/bearing.ron, committed; returns its directory.
    fn team_repo(&self, name: &str, debt: &str) -> PathBuf {
        let dir = self.root().join(name);
        std::fs::create_dir_all(&dir).unwrap();
        self.git(&dir, &["init", "-q", "-b", "main"]);
        self.git(&dir, &["config", "user.name", "Test"]);
        self.git(&dir, &["config", "user.email", "test@example.com"]);
        self.plan(&dir.join("plan/bearing.ron"), debt, "4");
        self.commit(&dir, "plan");
        dir
    }

    fn commit(&self, dir: &Path, msg: &str) {
        self.git(dir, &["add", "-A"]);
        self.git(dir, &["commit", "-q", "-m", msg]);
    }

    fn head(&self, dir: &Path) -> String {
        self.git(dir, &["rev-parse", "--short=7", "HEAD"])
    }

    fn url(&self, name: &str) -> String {
        format!("file://{}", self.root().join(name).display())
    }

    /// `org/bearing-org.ron` holding `teams`; returns `org/`.
    fn workspace(&self, teams: &str) -> PathBuf {
        let dir = self.root().join("org");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("bearing-org.ron"),
            format!("(\n  teams: [\n{teams}  ],\n)\n"),
        )
        .unwrap();
        dir
    }

    fn json(&self, dir: &Path, args: &[&str]) -> Value {
        let out = self.ok(dir, args);
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{args:?}: {e}: {out}"))
    }
}

/// Three teams (two git repositories and a local file) and an optional
/// one that does not exist.
fn three_teams(org: &Org) -> PathBuf {
    org.team_repo("payments", "Card retries double charge");
    org.team_repo("search", "Index rebuild takes a night");
    org.plan(
        &org.root().join("infra/bearing.ron"),
        "Terraform state by hand",
        "2",
    );
    org.workspace(&format!(
        "    (id: \"payments\", name: \"Payments\", git: \"{}\", rev: \"main\", path: \"plan/bearing.ron\"),\n\
         \x20   (id: \"search\", name: \"Search\", git: \"{}\", rev: \"main\", path: \"plan/bearing.ron\"),\n\
         \x20   (id: \"infra\", name: \"Infra\", path: \"../infra/bearing.ron\"),\n\
         \x20   (id: \"ghost\", name: \"Ghost\", git: \"{}\", optional: true),\n",
        org.url("payments"),
        org.url("search"),
        org.url("nowhere"),
    ))
}

fn ids(v: &Value, key: &str) -> Vec<String> {
    v[key]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn fetch_caches_each_git_team_and_the_next_fetch_picks_up_a_push() {
    let org = Org::new();
    let ws = three_teams(&org);
    let sub = ws.join("notes");
    std::fs::create_dir_all(&sub).unwrap();
    let (pay, search) = (org.root().join("payments"), org.root().join("search"));

    let r = org.bearing(&sub, &["org", "fetch"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stdout
            .contains(&format!("payments: fetched {} (main)", org.head(&pay))),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains(&format!("search: fetched {} (main)", org.head(&search))),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("infra: local file ../infra/bearing.ron, nothing to fetch"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("ghost: failed (optional)"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("3 git teams: 2 fetched, 1 failed (1 optional)"),
        "{}",
        r.stdout
    );

    let rank = org.json(&sub, &["org", "rank", "--format", "json"]);
    let before = ids(&rank, "debt");
    assert_eq!(before.len(), 3, "{rank}");
    assert!(
        before.iter().any(|i| i.starts_with("payments:D-")),
        "{before:?}"
    );
    let teams = rank["teams"].as_array().unwrap();
    assert_eq!(teams[0]["version"], format!("{} (main)", org.head(&pay)));
    assert!(
        teams[2]["version"].as_str().unwrap().starts_with("file "),
        "{rank}"
    );
    assert_eq!(teams[3]["state"], "warning");

    // The search team pushes a change; the roll-ups read only the cache
    // until the next fetch.
    org.add_debt(
        &search.join("plan/bearing.ron"),
        "Search outage on reindex",
        "5",
    );
    org.commit(&search, "more debt");
    let table = org.ok(&sub, &["org", "rank"]);
    assert!(!table.contains("Search outage"), "{table}");
    let r = org.bearing(&sub, &["org", "fetch"]);
    assert!(
        r.stdout
            .contains(&format!("search: fetched {} (main)", org.head(&search))),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains(&format!(
            "payments: up to date at {} (main)",
            org.head(&pay)
        )),
        "{}",
        r.stdout
    );
    let table = org.ok(&sub, &["org", "rank", "--limit", "2"]);
    assert!(table.contains("Search outage"), "{table}");
    assert!(
        table.contains(&format!("search {} (main)", org.head(&search))),
        "{table}"
    );
    assert_eq!(
        table.lines().filter(|l| l.contains(":D-")).count(),
        2,
        "{table}"
    );
}

#[test]
fn an_unreachable_required_team_fails_the_fetch_and_the_rest_are_fetched() {
    let org = Org::new();
    org.team_repo("payments", "Card retries");
    let ws = org.workspace(&format!(
        "    (id: \"payments\", git: \"{}\", rev: \"main\", path: \"plan/bearing.ron\"),\n\
         \x20   (id: \"gone\", git: \"{}\"),\n",
        org.url("payments"),
        org.url("gone"),
    ));
    let r = org.bearing(&ws, &["org", "fetch", "--jobs", "2"]);
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.contains("payments: fetched"), "{}", r.stdout);
    assert!(r.stdout.contains("gone: failed: "), "{}", r.stdout);
    assert!(
        r.stdout
            .contains("does not appear to be a git repository (no copy yet)"),
        "{}",
        r.stdout
    );
    assert!(
        r.stderr.contains("org fetch: 1 required team failed: gone"),
        "{}",
        r.stderr
    );
    // A revision the repository does not have.
    std::fs::write(
        ws.join("bearing-org.ron"),
        format!(
            "(teams: [(id: \"p\", git: \"{}\", rev: \"nope\")])",
            org.url("payments")
        ),
    )
    .unwrap();
    let r = org.bearing(&ws, &["org", "fetch"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stdout.contains("unknown revision \"nope\""),
        "{}",
        r.stdout
    );
}

#[test]
fn every_rollup_speaks_table_json_and_markdown() {
    let org = Org::new();
    let ws = three_teams(&org);
    let pay_plan = org.root().join("payments/plan/bearing.ron");
    let f = pay_plan.to_str().unwrap();
    let pay = org.root().join("payments");
    let out = org.ok(
        &pay,
        &[
            "-f",
            f,
            "sprint",
            "new",
            "Sprint 1",
            "--start",
            "2026-11-16",
            "--end",
            "2026-11-27",
            "--capacity",
            "8",
        ],
    );
    let sprint = out.split_whitespace().last().unwrap().to_owned();
    org.ok(&pay, &["-f", f, "sprint", "plan", &sprint]);
    org.ok(&pay, &["-f", f, "sprint", "start", &sprint]);
    org.commit(&pay, "sprint");
    org.ok(&ws, &["org", "fetch"]);

    let status = org.json(&ws, &["org", "status", "--format", "json"]);
    let t = &status["teams"][0];
    for key in [
        "team",
        "name",
        "source",
        "optional",
        "version",
        "state",
        "problem",
        "problem_kind",
        "objectives",
        "key_results",
        "hypotheses",
        "debt_open",
        "debt_total",
        "sprints",
    ] {
        assert!(t.get(key).is_some(), "status has no {key}: {t}");
    }
    assert_eq!(status["teams"][3]["problem_kind"], "not-fetched");

    let krs = org.json(&ws, &["org", "krs", "--format", "json"]);
    let k = &krs["key_results"][0];
    assert_eq!(k["team"], "payments");
    assert!(k["id"].as_str().unwrap().starts_with("payments:KR"), "{k}");
    assert!(
        k["objective"].as_str().unwrap().starts_with("payments:O-"),
        "{k}"
    );
    assert_eq!(k["progress"], 0.5);
    for key in [
        "objective_title",
        "title",
        "current",
        "target",
        "unit",
        "health",
        "due",
    ] {
        assert!(k.get(key).is_some(), "krs has no {key}: {k}");
    }
    assert_eq!(krs["key_results"].as_array().unwrap().len(), 3);

    let rank = org.json(&ws, &["org", "rank", "--format", "json", "--limit", "1"]);
    let r = &rank["debt"][0];
    for key in [
        "rank",
        "team",
        "id",
        "title",
        "score",
        "relative",
        "team_rank",
        "effort",
        "owner",
        "due",
    ] {
        assert!(r.get(key).is_some(), "rank has no {key}: {r}");
    }
    assert_eq!(rank["debt"].as_array().unwrap().len(), 1);

    let sprints = org.json(&ws, &["org", "sprints", "--format", "json"]);
    let s = &sprints["sprints"][0];
    assert_eq!(s["id"], format!("payments:{sprint}"));
    assert_eq!(s["state"], "active");
    assert_eq!(
        (s["points"].as_u64(), s["capacity"].as_u64()),
        (Some(2), Some(8))
    );
    assert_eq!(s["capacity_use"], 0.25);
    assert!(s["odds"].is_null(), "{s}");

    let check = org.json(&ws, &["org", "check", "--format", "json"]);
    let findings = check["findings"].as_array().unwrap();
    let ghost = findings.iter().find(|f| f["team"] == "ghost").unwrap();
    assert_eq!(
        (ghost["rule"].as_str(), ghost["severity"].as_str()),
        (Some("team-unreadable"), Some("warn"))
    );
    for key in ["file", "id", "line", "message"] {
        assert!(ghost.get(key).is_some(), "check has no {key}: {ghost}");
    }

    for cmd in ["status", "krs", "rank", "sprints", "check"] {
        let table = org.ok(&ws, &["org", cmd]);
        let md = org.ok(&ws, &["org", cmd, "--format", "md"]);
        assert!(!table.is_empty() && !md.is_empty(), "{cmd}");
        if cmd != "check" {
            assert!(md.starts_with("| "), "{cmd}: {md}");
            // The table fits 80 columns (the notes under it may wrap).
            let rows = table.split("\n\n").next().unwrap();
            assert!(
                rows.lines().all(|l| l.chars().count() <= 80),
                "{cmd}: {table}"
            );
        }
        if cmd != "status" && cmd != "check" {
            assert!(
                table.contains("warning: ghost (optional): "),
                "{cmd}: {table}"
            );
            assert!(md.contains("**warning** ghost (optional)"), "{cmd}: {md}");
        }
    }
    let krs = org.ok(&ws, &["org", "krs"]);
    assert!(
        krs.contains("payments:KR") && krs.contains("payments:O-"),
        "{krs}"
    );
    assert!(krs.contains("50%"), "{krs}");
    let sprints = org.ok(&ws, &["org", "sprints"]);
    assert!(
        sprints.contains(&format!("payments:{sprint}")) && sprints.contains("25%"),
        "{sprints}"
    );
}

#[test]
fn failures_stay_local_and_check_fails_only_for_required_teams() {
    let org = Org::new();
    let good = org.root().join("good/bearing.ron");
    org.plan(&good, "Good debt", "3");
    // Conflict markers a merge left.
    let conflicted = org.root().join("conflicted/bearing.ron");
    org.plan(&conflicted, "Conflicted debt", "3");
    let text = std::fs::read_to_string(&conflicted).unwrap();
    let ns = text
        .lines()
        .find(|l| l.trim_start().starts_with("north_star:"))
        .unwrap()
        .to_owned();
    std::fs::write(
        &conflicted,
        text.replace(
            &ns,
            &format!("<<<<<<< ours\n{ns}\n=======\n  north_star: \"Theirs\",\n>>>>>>> theirs"),
        ),
    )
    .unwrap();
    // Written by a newer bearing.
    let newer = org.root().join("newer/bearing.ron");
    org.plan(&newer, "Newer debt", "3");
    let text = std::fs::read_to_string(&newer).unwrap();
    std::fs::write(&newer, text.replacen("schema: 1,", "schema: 99,", 1)).unwrap();
    // A directory where the file should be.
    std::fs::create_dir_all(org.root().join("dir/bearing.ron")).unwrap();
    let teams = |optional: bool| {
        format!(
            "    (id: \"good\", path: \"../good/bearing.ron\"),\n\
             \x20   (id: \"conflicted\", path: \"../conflicted/bearing.ron\", optional: {optional}),\n\
             \x20   (id: \"newer\", path: \"../newer/bearing.ron\", optional: {optional}),\n\
             \x20   (id: \"missing\", path: \"../missing/bearing.ron\", optional: true),\n\
             \x20   (id: \"dir\", path: \"../dir/bearing.ron\", optional: {optional}),\n"
        )
    };
    let ws = org.workspace(&teams(false));

    let status = org.json(&ws, &["org", "status", "--format", "json"]);
    let kinds: Vec<_> = status["teams"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["team"].as_str().unwrap().to_owned(),
                t["problem_kind"].as_str().unwrap_or("-").to_owned(),
            )
        })
        .collect();
    let want = [
        ("good", "-"),
        ("conflicted", "merge-conflict"),
        ("newer", "newer-schema"),
        ("missing", "not-found"),
        ("dir", "unreadable"),
    ];
    assert_eq!(kinds, want.map(|(a, b)| (a.to_owned(), b.to_owned())));
    let conflict = status["teams"][1]["problem"].as_str().unwrap();
    assert!(
        conflict.contains("conflicted/bearing.ron:3: unresolved merge conflict"),
        "{conflict}"
    );
    assert!(
        status["teams"][2]["problem"]
            .as_str()
            .unwrap()
            .contains("schema 99"),
        "{status}"
    );

    // The rest of the roll-up still shows.
    let rank = org.ok(&ws, &["org", "rank"]);
    assert!(
        rank.contains("good:D-") && rank.contains("Good debt"),
        "{rank}"
    );
    assert!(rank.contains("warning: conflicted: "), "{rank}");
    assert!(rank.contains("warning: missing (optional): "), "{rank}");

    let r = org.bearing(&ws, &["org", "check"]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert!(
        r.stderr
            .contains("org check failed: 3 error-level findings in conflicted, dir, newer"),
        "{}",
        r.stderr
    );
    assert!(
        r.stdout.contains("missing: warning team-unreadable: "),
        "{}",
        r.stdout
    );

    // The same teams marked optional: warnings only, the gate passes.
    let ws = org.workspace(&teams(true));
    let r = org.bearing(&ws, &["org", "check"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stdout.contains("0 errors, 4 warnings across 5 teams"),
        "{}",
        r.stdout
    );
}

#[test]
fn a_teams_error_findings_fail_org_check_with_team_ids() {
    let org = Org::new();
    let a = org.root().join("a/bearing.ron");
    org.plan(&a, "Owned", "3");
    let f = a.to_str().unwrap();
    org.ok(
        a.parent().unwrap(),
        &[
            "-f", f, "add", "debt", "Nobody's", "--risk", "2", "--effort", "1",
        ],
    );
    let ws = org.workspace("    (id: \"a\", path: \"../a/bearing.ron\"),\n");
    let r = org.bearing(&ws, &["org", "check"]);
    assert_eq!(r.code, 1);
    let at = format!("a: {}:", org.root().join("a/bearing.ron").display());
    assert!(r.stdout.contains(&at), "{}", r.stdout);
    assert!(
        r.stdout.contains("error debt-without-owner: a:D-"),
        "{}",
        r.stdout
    );
    assert!(
        r.stderr
            .contains("org check failed: 1 error-level finding in a"),
        "{}",
        r.stderr
    );
}

#[test]
fn the_workspace_is_found_like_a_plan_and_its_errors_name_the_line() {
    let org = Org::new();
    org.plan(&org.root().join("a/bearing.ron"), "A", "3");
    let ws = org.workspace("    (id: \"a\", path: \"../a/bearing.ron\"),\n");
    // --org, BEARING_ORG, and a parent's bearing-org.ron.
    let other = org.root().join("elsewhere");
    std::fs::create_dir_all(&other).unwrap();
    let file = ws.join("bearing-org.ron");
    assert!(
        org.ok(&other, &["org", "--org", file.to_str().unwrap(), "status"])
            .contains("a ")
    );
    let mut cmd = command(&other, &["org", "status"]);
    org.env(&mut cmd);
    cmd.env("BEARING_ORG", &file);
    assert_eq!(finish(cmd).code, 0);
    let deep = ws.join("x/y");
    std::fs::create_dir_all(&deep).unwrap();
    assert!(org.ok(&deep, &["org", "status"]).contains("ok"));
    // None at all.
    let r = org.bearing(&other, &["org", "status"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("no workspace file: pass --org FILE, set BEARING_ORG"),
        "{}",
        r.stderr
    );

    // A duplicate id names both lines; CRLF and a BOM change nothing.
    std::fs::write(
        &file,
        "\u{feff}(\r\n teams: [\r\n  (id: \"a\", path: \"a.ron\"),\r\n  (id: \"a\", path: \"b.ron\"),\r\n ],\r\n)\r\n",
    )
    .unwrap();
    let r = org.bearing(&ws, &["org", "status"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("bearing-org.ron:4: duplicate team id \"a\" (first used on line 3)"),
        "{}",
        r.stderr
    );
    // A misspelt field: line and column.
    std::fs::write(&file, "(teams: [\n  (id: \"a\", pth: \"a.ron\"),\n])\n").unwrap();
    let r = org.bearing(&ws, &["org", "status"]);
    assert!(r.stderr.contains("bearing-org.ron:2:"), "{}", r.stderr);
    assert!(r.stderr.contains("pth"), "{}", r.stderr);
}

#[test]
fn fetch_takes_one_commit_and_no_blob_but_the_plan() {
    let org = Org::new();
    let repo = org.team_repo("big", "Big debt");
    // Files the roll-ups never read, and history before the last commit.
    std::fs::write(repo.join("data.bin"), vec![b'x'; 200_000]).unwrap();
    org.commit(&repo, "data");
    std::fs::write(repo.join("more.bin"), vec![b'y'; 200_000]).unwrap();
    org.commit(&repo, "more");
    // As the hosted forges do: the server honours partial-clone filters.
    org.git(&repo, &["config", "uploadpack.allowFilter", "true"]);
    let ws = org.workspace(&format!(
        "    (id: \"big\", git: \"{}\", rev: \"main\", path: \"plan/bearing.ron\"),\n",
        org.url("big")
    ));
    org.ok(&ws, &["org", "fetch"]);
    let cache = org.root().join("cache");
    let bare = std::fs::read_dir(&cache)
        .unwrap()
        .map(|e| e.unwrap().path().join("big/repo.git"))
        .find(|p| p.is_dir())
        .unwrap();
    let commits = org.git(&bare, &["rev-list", "--count", "refs/bearing/fetched"]);
    assert_eq!(commits, "1", "one commit deep");
    let objects = org.git(
        &bare,
        &[
            "rev-list",
            "--objects",
            "--missing=print",
            "refs/bearing/fetched",
        ],
    );
    for file in ["data.bin", "more.bin"] {
        let oid = org.git(&repo, &["rev-parse", &format!("HEAD:{file}")]);
        let gone = format!("?{oid}");
        assert!(
            objects.lines().any(|l| l == gone),
            "{file} stays on the server: {objects}"
        );
    }
    let plan = org.git(&repo, &["rev-parse", "HEAD:plan/bearing.ron"]);
    assert!(
        objects.lines().any(|l| l.starts_with(&plan)),
        "the plan came: {objects}"
    );
    let cached = std::fs::read_dir(&cache)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let record = std::fs::read_to_string(cached.join("big/fetched.ron")).unwrap();
    let head = org.git(&repo, &["rev-parse", "HEAD"]);
    assert!(record.contains(&head), "{record}");
    assert!(record.contains("millis:"), "{record}");
}
