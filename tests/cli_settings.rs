//! Every setting the UI can change has a command too (`bearing config`,
//! `bearing north-star`), run through the real binary, with the same rules
//! as the settings form.

use std::path::Path;

mod common;

use common::cli::{ok, run, run_stdin, sandbox};

fn refused(dir: &Path, args: &[&str], needle: &str) {
    let before = std::fs::read(dir.join("bearing.ron")).unwrap();
    let r = run(dir, args);
    assert_eq!(r.code, 1, "{args:?}: {}", r.stdout);
    assert!(
        r.stderr.contains(needle),
        "{args:?}: {needle:?} not in {}",
        r.stderr
    );
    assert_eq!(std::fs::read(dir.join("bearing.ron")).unwrap(), before);
}

#[test]
fn config_sets_weights_thresholds_and_policy_levels() {
    let dir = sandbox();
    let d = dir.path();
    ok(
        d,
        &[
            "add",
            "debt",
            "Flaky deploy",
            "--risk",
            "4",
            "--customer",
            "2",
            "--effort",
            "2",
            "--owner",
            "ana",
        ],
    );
    assert!(ok(d, &["rank"]).contains("3.00"));

    assert_eq!(
        ok(d, &["config", "set", "weights.risk", "1.5"]),
        "set weights.risk 1 → 1.5\n"
    );
    // The ranking follows: (2 + 1.5 × 4) / 2 = 4.
    assert!(ok(d, &["rank"]).contains("4.00"), "{}", ok(d, &["rank"]));
    assert_eq!(ok(d, &["config", "get", "weights.risk"]), "1.5\n");

    ok(d, &["config", "set", "health.off_track", "0.4"]);
    ok(d, &["config", "set", "health.at_risk", "0.2"]);
    ok(d, &["config", "set", "policy.stale-experiment", "error"]);
    ok(d, &["config", "set", "Policy.Debt_Without_Owner", "off"]);

    let show = ok(d, &["config", "show"]);
    for line in [
        "weights.risk",
        "health.at_risk",
        "policy.stale_experiment          error",
        "policy.debt_without_owner        off",
    ] {
        assert!(show.contains(line), "{line:?} not in\n{show}");
    }
    let json: serde_json::Value =
        serde_json::from_str(&ok(d, &["config", "show", "--format", "json"])).unwrap();
    assert_eq!(json["weights.risk"], 1.5);
    assert_eq!(json["health.at_risk"], 0.2);
    assert_eq!(json["policy.stale_experiment"], "error");

    // The file holds it, where a reviewer sees it.
    let text = std::fs::read_to_string(d.join("bearing.ron")).unwrap();
    assert!(text.contains("risk: 1.5,") && text.contains("stale_experiment: error,"));
    assert!(text.contains("at_risk: 0.2,") && text.contains("off_track: 0.4,"));
}

/// The sprint rules `check` gained are settings like the others: set by
/// either spelling, shown in the table and the JSON.
#[test]
fn config_reaches_every_check_rule() {
    let dir = sandbox();
    let d = dir.path();
    for rule in ["sprint-overlap", "sprint-overdue", "sprint-window-passed"] {
        let key = format!("policy.{}", rule.replace('-', "_"));
        let out = ok(d, &["config", "set", &format!("policy.{rule}"), "off"]);
        assert_eq!(out, format!("set {key} warn → off\n"));
        let show = ok(d, &["config", "show"]);
        assert!(
            show.lines()
                .any(|l| l.starts_with(&key) && l.ends_with(" off")),
            "{key} not in\n{show}"
        );
        let json: serde_json::Value =
            serde_json::from_str(&ok(d, &["config", "show", "--format", "json"])).unwrap();
        assert_eq!(json[&key], "off");
        assert_eq!(ok(d, &["config", "get", &key]), "off\n");
        let text = std::fs::read_to_string(d.join("bearing.ron")).unwrap();
        assert!(text.contains(&format!("{}: off,", rule.replace('-', "_"))));
    }
}

#[test]
fn config_refuses_what_the_settings_form_refuses() {
    let dir = sandbox();
    let d = dir.path();
    refused(
        d,
        &["config", "set", "weights.risk", "-1"],
        "weights.risk: must be a number from 0 to 100, got -1",
    );
    refused(
        d,
        &["config", "set", "weights.risk", "NaN"],
        "must be a number",
    );
    refused(
        d,
        &["config", "set", "weights.customer", "1e9"],
        "from 0 to 100",
    );
    refused(
        d,
        &["config", "set", "health.at_risk", "1.5"],
        "from 0 to 1",
    );
    refused(
        d,
        &["config", "set", "health.at_risk", "0.5"],
        "must not be larger than health.off_track (0.25)",
    );
    refused(
        d,
        &["config", "set", "policy.kr-past-due", "loud"],
        "must be off, warn or error, got \"loud\"",
    );
    refused(
        d,
        &["config", "set", "weights.speed", "1"],
        "unknown name \"weights.speed\"; one of: weights.customer",
    );
    refused(d, &["config", "get", "nope"], "one of: weights.customer");
    // The demo is read-only here as everywhere.
    let r = run(d, &["--demo", "config", "set", "weights.risk", "2"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("read-only"), "{}", r.stderr);
}

#[test]
fn north_star_from_a_file_or_stdin() {
    let dir = sandbox();
    let d = dir.path();
    // A Windows editor's file: BOM, CRLF, trailing blank lines.
    std::fs::write(
        d.join("ns.txt"),
        "\u{feff}Every team ships the day it is ready.\r\n\r\nBy paying down the debt that slows us.\r\n\r\n",
    )
    .unwrap();
    assert_eq!(
        ok(d, &["north-star", "set", "ns.txt"]),
        "set the North Star (3 lines)\n"
    );
    assert_eq!(
        ok(d, &["north-star", "show"]),
        "Every team ships the day it is ready.\n\nBy paying down the debt that slows us.\n"
    );
    assert!(ok(d, &["export", "north-star"]).contains("Every team ships the day it is ready."));

    let r = run_stdin(
        d,
        &["north-star", "set", "-"],
        "Customers stay because it works\n".as_bytes(),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        ok(d, &["north-star", "show"]),
        "Customers stay because it works\n"
    );

    let r = run_stdin(d, &["north-star", "set", "-"], b" \n\n");
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("<stdin>: north star: must not be empty"),
        "{}",
        r.stderr
    );
    refused(
        d,
        &["north-star", "set", "missing.txt"],
        "missing.txt: cannot read",
    );
    assert_eq!(
        ok(d, &["north-star", "show"]),
        "Customers stay because it works\n"
    );
}
