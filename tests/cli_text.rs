//! What the real binary prints: plurals, errors said once, score terms in
//! one order, accented text as text, a help line for every option, ids a
//! script can capture, and JSON in the table's order.

use std::path::Path;
use std::process::Command;

mod common;

use common::cli::{ok, run, sandbox};

/// What `id=$(bearing … | awk '{print $NF}')` captures, run by a real shell.
fn captured(dir: &Path, args: &str) -> String {
    let bin = env!("CARGO_BIN_EXE_bearing");
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "id=$('{bin}' {args} | awk '{{print $NF}}') && printf '%s' \"$id\""
        ))
        .current_dir(dir)
        .env("BEARING_DATA_DIR", dir.join("data"))
        .env("BEARING_TODAY", "2026-11-20")
        .env_remove("BEARING_FILE")
        .output()
        .unwrap();
    assert!(out.status.success(), "{args}: {out:?}");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_readme_id_recipe_works_for_every_add_and_sprint_new() {
    let dir = sandbox();
    let d = dir.path();
    let o = captured(d, r#"add objective "Reliability""#);
    let kr = captured(
        d,
        &format!(r#"add kr "MTTR" --objective {o} --baseline 90 --target 30"#),
    );
    let h = captured(
        d,
        &format!(r#"add hypothesis "Runbooks" --belief b --signal s --kr {kr}"#),
    );
    let debt = captured(d, r#"add debt "Flaky deploy" --risk 3"#);
    // Without --capacity the suggestion is a note on stderr, not a second
    // line of output.
    let s = captured(
        d,
        r#"sprint new "Debt sprint" --start 2026-12-01 --end 2026-12-12"#,
    );
    let s2 = captured(
        d,
        r#"sprint new "Next" --start 2026-12-14 --end 2026-12-24 --capacity 5"#,
    );
    for (id, prefix) in [
        (&o, "O-"),
        (&kr, "KR-"),
        (&h, "H-"),
        (&debt, "D-"),
        (&s, "S-"),
        (&s2, "S-"),
    ] {
        assert!(
            id.starts_with(prefix) && !id.contains(char::is_whitespace),
            "captured {id:?}, wanted one {prefix} id"
        );
        ok(d, &["show", id]);
    }
    let r = run(
        d,
        &[
            "sprint",
            "new",
            "Third",
            "--start",
            "2027-01-04",
            "--end",
            "2027-01-15",
        ],
    );
    assert_eq!(r.stdout.lines().count(), 1, "{}", r.stdout);
    assert!(
        r.stderr.contains("points, the last sprint's capacity"),
        "{}",
        r.stderr
    );
}

#[test]
fn counts_are_plural_only_when_not_one() {
    let dir = sandbox();
    let d = dir.path();
    // One error (no owner), no warnings.
    ok(
        d,
        &["add", "debt", "No owner", "--risk", "2", "--effort", "1"],
    );
    let r = run(d, &["check"]);
    assert_eq!(r.code, 1);
    assert!(r.stdout.ends_with("1 error, 0 warnings\n"), "{}", r.stdout);
    assert!(
        r.stderr.contains("check failed: 1 error-level finding in"),
        "{}",
        r.stderr
    );

    // A sprint on its last day "ends today"; a day later it "ended 1 day
    // ago", in the export and the overview.
    let s = ok(
        d,
        &[
            "sprint",
            "new",
            "Short",
            "--start",
            "2026-11-16",
            "--end",
            "2026-11-20",
            "--capacity",
            "1",
        ],
    );
    let s = s.split_whitespace().last().unwrap().to_owned();
    let debt = ok(
        d,
        &[
            "add", "debt", "Owned", "--risk", "2", "--owner", "ana", "--effort", "1",
        ],
    );
    let debt = debt.split_whitespace().last().unwrap();
    ok(d, &["sprint", "add", &s, debt]);
    ok(d, &["sprint", "start", &s]);
    let md = ok(d, &["export", "sprint", &s]);
    assert!(md.contains("(ends today)"), "{md}");
    assert!(md.contains("**Totals:** 1 item, 1 / 1 pts"), "{md}");
    let overview = ok(d, &[]);
    assert!(overview.contains("1/1 point, ends today"), "{overview}");
    let md = ok(d, &["--today", "2026-11-21", "export", "sprint", &s]);
    assert!(md.contains("(ended 1 day ago — close it)"), "{md}");
    let overview = ok(d, &["--today", "2026-11-21"]);
    assert!(
        overview.contains("1/1 point, ended 1 day ago — close it"),
        "{overview}"
    );
}

#[test]
fn an_os_error_is_said_once() {
    let dir = sandbox();
    let d = dir.path();
    // A directory where the plan should be, and an export into a missing one.
    let r = run(d, &["--file", d.to_str().unwrap(), "list"]);
    assert_eq!(r.code, 1);
    assert_eq!(r.stderr.matches("(os error").count(), 1, "{}", r.stderr);
    let r = run(d, &["export", "north-star", "-o", "missing/dir/ns.md"]);
    assert_eq!(r.code, 1);
    assert_eq!(r.stderr.matches("(os error 2)").count(), 1, "{}", r.stderr);
    assert_eq!(r.stderr.matches("No such file").count(), 1, "{}", r.stderr);
}

#[test]
fn score_terms_read_rating_times_weight_everywhere() {
    let dir = sandbox();
    let d = dir.path();
    ok(d, &["config", "set", "weights.risk", "1.5"]);
    let id = ok(
        d,
        &[
            "add", "debt", "Flaky", "--risk", "4", "--owner", "ana", "--effort", "2",
        ],
    );
    let id = id.split_whitespace().last().unwrap().to_owned();
    let explain = ok(d, &["rank", "--explain"]);
    assert!(explain.contains("risk         4 × 1.5 = 6\n"), "{explain}");
    assert!(
        explain.contains("kr_pressure  0 at risk × 1 + 0 off track × 2 = 0\n"),
        "{explain}"
    );
    let show = ok(d, &["show", &id]);
    assert!(show.contains("risk         4 × 1.5 = 6\n"), "{show}");
    let s = ok(
        d,
        &[
            "sprint",
            "new",
            "S",
            "--start",
            "2026-12-01",
            "--end",
            "2026-12-12",
            "--capacity",
            "5",
        ],
    );
    let s = s.split_whitespace().last().unwrap().to_owned();
    ok(d, &["sprint", "add", &s, &id]);
    let md = ok(d, &["export", "sprint", &s]);
    assert!(
        md.contains(&format!("- {id}: risk 4 × 1.5 = 6; 2 pts")),
        "{md}"
    );
}

#[test]
fn accented_text_in_nfd_prints_as_text() {
    let dir = sandbox();
    let d = dir.path();
    let nfd = "Cafe\u{301} cre\u{300}me";
    let id = ok(d, &["add", "debt", nfd, "--risk", "1"]);
    let id = id.split_whitespace().last().unwrap().to_owned();
    let show = ok(d, &["show", &id]);
    assert!(show.contains(&format!("title: \"{nfd}\"")), "{show}");
    assert!(!show.contains("\\u{"), "{show}");
    let check = run(d, &["check"]).stdout;
    assert!(
        check.contains(&format!("debt \"{nfd}\" has no owner")),
        "{check}"
    );
    let r = run(d, &["edit", &id, "--status", "fini\u{301}"]);
    assert!(r.stderr.contains("got \"fini\u{301}\""), "{}", r.stderr);
    assert!(ok(d, &["list"]).contains(nfd));
    // Control characters are still neutralised.
    let r = run(d, &["edit", &id, "--risk", "1\u{1b}[31m"]);
    assert!(r.stderr.contains("got \"1\\u{1b}[31m\""), "{}", r.stderr);
}

#[test]
fn hypotheses_json_comes_in_the_tables_order() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let table = ok(d, &["--demo", "list", "hypotheses"]);
    let table_ids: Vec<&str> = table
        .lines()
        .skip(1)
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    let json: serde_json::Value = serde_json::from_str(&ok(
        d,
        &["--demo", "list", "hypotheses", "--format", "json"],
    ))
    .unwrap();
    let json_ids: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap())
        .collect();
    assert!(table_ids.len() > 3);
    assert_eq!(json_ids, table_ids);
}

#[test]
fn every_option_of_every_command_has_a_help_line() {
    use clap::CommandFactory;
    fn walk(cmd: &clap::Command, path: &str, missing: &mut Vec<String>) {
        for arg in cmd.get_arguments() {
            let id = arg.get_id().as_str();
            if matches!(id, "help" | "version") || arg.is_hide_set() {
                continue;
            }
            if arg.get_help().is_none() && arg.get_long_help().is_none() {
                missing.push(format!("{path} {id}"));
            }
        }
        for sub in cmd.get_subcommands() {
            walk(sub, &format!("{path} {}", sub.get_name()), missing);
        }
    }
    let mut missing = Vec::new();
    walk(&bearing::cli::Cli::command(), "bearing", &mut missing);
    assert!(
        missing.is_empty(),
        "options without help:\n{}",
        missing.join("\n")
    );
}
