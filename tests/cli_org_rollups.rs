//! The `bearing org` roll-ups through the real binary: every command in
//! every format (JSON shapes asserted), failures kept local, `org check`'s
//! exit code, and the workspace file found like a plan with errors at
//! their line.

mod common;
mod org_support;

use common::cli::{command, finish};
use org_support::{Org, three_teams};

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
    assert_eq!(status["teams"][3]["problem_kind"], "fetch-failed");

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
    // The objective by its title (issue 15: the id alone said nothing);
    // JSON keeps the id (checked above).
    assert!(
        krs.contains("payments:KR") && krs.contains("Customer retention"),
        "{krs}"
    );
    assert!(krs.contains("50%"), "{krs}");
    let sprints = org.ok(&ws, &["org", "sprints"]);
    assert!(
        sprints.contains(&format!("payments:{sprint}")) && sprints.contains("25%"),
        "{sprints}"
    );
    // At 80 columns the odds (what this roll-up is for) stay; the window goes.
    let header = sprints.lines().next().unwrap_or_default();
    assert!(header.contains("odds"), "{sprints}");
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
