//! The real binary on the rules for values: a hand-edited file is held to
//! the CLI's rules on load, environment variables, and key-result
//! check-ins (never after today, replaced or removed by the user, progress
//! not clamped, no `-0`).

mod common;

use common::cli::{Sandbox, json};

/// Replaces the first `from` after the line holding `after`.
fn hand_edit(sb: &Sandbox, after: &str, from: &str, to: &str) -> (usize, usize) {
    let text = sb.text();
    let start = text.find(after).unwrap();
    let at = start + text[start..].find(from).unwrap();
    let edited = format!("{}{to}{}", &text[..at], &text[at + from.len()..]);
    std::fs::write(sb.plan(), edited).unwrap();
    let line = text[..at].matches('\n').count() + 1;
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    // The column of the value (after "key: ").
    let value = from.find(": ").map_or(0, |i| i + 2);
    (line, at - line_start + value + 1)
}

/// A plan with a debt item and a key result (MTTR 90 → 30 minutes).
fn seeded() -> (Sandbox, String, String) {
    let sb = Sandbox::init().no_negative_zero();
    let o = sb.add(&["add", "objective", "Reliability"]);
    let kr = sb.add_mttr(&o);
    let d = sb.add(&[
        "add",
        "debt",
        "Flaky deploy",
        "--risk",
        "3",
        "--effort",
        "2",
    ]);
    (sb, kr, d)
}

#[test]
fn hand_edits_the_cli_would_refuse_do_not_load() {
    let cases = [
        (
            "effort: 2",
            "effort: 0",
            "effort: must be 1–1000 points, got 0",
        ),
        ("risk: 3", "risk: 9", "risk: must be 0–5, got 9"),
    ];
    for (from, to, rule) in cases {
        let (sb, _, d) = seeded();
        let (line, column) = hand_edit(&sb, &format!("id: \"{d}\""), from, to);
        // The CLI refuses the same value with the same words.
        let flag = format!("--{}", from.split(':').next().unwrap());
        let value = to.rsplit(' ').next().unwrap();
        let r = sb.run(&["rank"]);
        assert_eq!(r.code, 1, "{to}: {}", r.stdout);
        assert!(
            r.stderr
                .contains(&format!("bearing.ron:{line}:{column}: {d}: {rule}")),
            "{to}: {}",
            r.stderr
        );
        std::fs::write(sb.plan(), sb.text().replace(to, from)).unwrap();
        let r = sb.run(&["edit", &d, &flag, value]);
        assert!(r.code == 1 && r.stderr.contains(rule), "{}", r.stderr);
    }
    let (sb, ..) = seeded();
    for (from, to, rule) in [
        (
            "risk: 1.0",
            "risk: -1.0",
            "weights: risk: must be a number from 0 to 100, got -1",
        ),
        (
            "risk: 1.0",
            "risk: NaN",
            "weights: risk: must be a finite number",
        ),
    ] {
        let before = sb.text();
        let (line, column) = hand_edit(&sb, "weights:", from, to);
        let r = sb.run(&["rank"]);
        assert_eq!(r.code, 1);
        assert!(
            r.stderr
                .contains(&format!("bearing.ron:{line}:{column}: {rule}")),
            "{}",
            r.stderr
        );
        std::fs::write(sb.plan(), before).unwrap();
    }
}

/// The limits `config set` enforces on weights and health thresholds hold
/// for a hand edit too, at the value's line and column, in the same words.
#[test]
fn hand_edited_settings_are_held_to_the_config_limits() {
    let (sb, ..) = seeded();
    for (after, from, to, rule, set) in [
        (
            "health:",
            "at_risk: 0.1",
            "at_risk: 5.0",
            "health: at_risk: must be a share of the window from 0 to 1 (0.1 = 10%), got 5",
            ["health.at_risk", "5"],
        ),
        (
            "health:",
            "off_track: 0.25",
            "off_track: 7.0",
            "health: off_track: must be a share of the window from 0 to 1 (0.1 = 10%), got 7",
            ["health.off_track", "7"],
        ),
        (
            "health:",
            "at_risk: 0.1",
            "at_risk: 0.5",
            "health: at_risk: must not be larger than health.off_track (0.25), got 0.5",
            ["health.at_risk", "0.5"],
        ),
        (
            "weights:",
            "risk: 1.0",
            "risk: 500.0",
            "weights: risk: must be a number from 0 to 100, got 500",
            ["weights.risk", "500"],
        ),
        (
            "weights:",
            "kr_off_track: 2.0",
            "kr_off_track: 1.7e308",
            "weights: kr_off_track: must be a number from 0 to 100, got 1.7e308",
            ["weights.kr_off_track", "1.7e308"],
        ),
    ] {
        let before = sb.text();
        let (line, column) = hand_edit(&sb, after, from, to);
        let r = sb.run(&["rank", "--format", "json"]);
        assert_eq!(r.code, 1, "{to}: {}", r.stdout);
        assert!(!r.stdout.contains("null"), "{to}: {}", r.stdout);
        assert!(
            r.stderr
                .contains(&format!("bearing.ron:{line}:{column}: {rule}")),
            "{to}: {}",
            r.stderr
        );
        std::fs::write(sb.plan(), &before).unwrap();
        // `config set` refuses the same value with the same rule.
        let r = sb.run(&["config", "set", set[0], set[1]]);
        let message = rule.split_once(": ").unwrap().1.split_once(": ").unwrap().1;
        assert!(r.code == 1 && r.stderr.contains(message), "{}", r.stderr);
        assert_eq!(sb.text(), before);
    }
}

#[test]
fn check_json_reports_a_plan_that_cannot_load_as_an_error_object() {
    let (sb, _, d) = seeded();
    let (line, column) = hand_edit(&sb, &format!("id: \"{d}\""), "effort: 2", "effort: 0");
    let r = sb.run(&["check", "--format", "json"]);
    assert_eq!(r.code, 1);
    let v = json(&r.stdout);
    let e = &v["error"];
    assert_eq!(e["kind"], "invalid");
    assert_eq!(e["line"], line);
    assert_eq!(e["column"], column);
    assert_eq!(e["id"], d.as_str());
    assert!(e["path"].as_str().unwrap().ends_with("bearing.ron"));
    assert!(e["message"].as_str().unwrap().contains("effort: must be"));
    assert!(r.stderr.contains("effort: must be"), "{}", r.stderr);
    // A syntax error and a missing file are error objects too.
    std::fs::write(sb.plan(), "(schema: 1,,)").unwrap();
    let v = json(&sb.run(&["check", "--format", "json"]).stdout);
    assert_eq!(v["error"]["kind"], "parse");
    assert_eq!(v["error"]["line"], 1);
    std::fs::remove_file(sb.plan()).unwrap();
    let r = sb.run(&["--file", "none.ron", "check", "--format", "json"]);
    assert_eq!(json(&r.stdout)["error"]["kind"], "not-found");
}

#[test]
fn empty_environment_variables_mean_unset_and_bad_ones_are_named() {
    let (sb, ..) = seeded();
    let r = sb.run_env(&[("BEARING_TODAY", ""), ("BEARING_FILE", "")], &["rank"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = sb.run_env(&[("BEARING_TODAY", "2026-13-01")], &["rank"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("BEARING_TODAY: \"2026-13-01\" is not a calendar date"),
        "{}",
        r.stderr
    );
    let r = sb.run(&["--today", "someday", "rank"]);
    assert!(r.stderr.contains("--today: \"someday\""), "{}", r.stderr);
    let r = sb.run_env(&[("BEARING_FILE", "elsewhere.ron")], &["rank"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("BEARING_FILE"), "{}", r.stderr);
}

#[test]
fn check_ins_are_never_after_today_and_say_what_they_replaced() {
    let (sb, kr, _) = seeded();
    let before = sb.text();
    let r = sb.run(&["checkin", &kr, "40", "--date", "2026-11-21"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("after today (2026-11-20)"),
        "{}",
        r.stderr
    );
    assert_eq!(sb.text(), before);
    let out = sb.ok(&["checkin", &kr, "60", "--date", "2026-11-19"]);
    assert!(out.contains("(current was 90 min)"), "{out}");
    let out = sb.ok(&["checkin", &kr, "55", "--date", "2026-11-19"]);
    assert!(out.contains("replacing 60 min"), "{out}");
    // A check-in dated after the day the plan is seen as of does not count.
    let v = json(&sb.ok(&["--today", "2026-11-18", "list", "krs", "--format", "json"]));
    assert_eq!(v[0]["current"], 90.0);
    let v = json(&sb.ok(&["list", "krs", "--format", "json"]));
    assert_eq!(v[0]["current"], 55.0);
}

#[test]
fn a_wrong_check_in_can_be_removed() {
    let (sb, kr, _) = seeded();
    sb.ok(&["checkin", &kr, "70", "--date", "2026-11-01"]);
    sb.ok(&["checkin", &kr, "7000", "--date", "2026-11-19"]);
    let out = sb.ok(&["checkin", &kr, "--remove", "--date", "2026-11-19"]);
    assert!(
        out.contains("on 2026-11-19: 7000 min (current now 70 min)"),
        "{out}"
    );
    assert!(!sb.text().contains("7000"));
    let r = sb.run(&["checkin", &kr, "--remove", "--date", "2026-11-19"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("no check-in on 2026-11-19 (latest: 2026-11-01)"),
        "{}",
        r.stderr
    );
    // --remove needs the day; a value with --remove is a mistake.
    assert_eq!(sb.run(&["checkin", &kr, "--remove"]).code, 2);
    assert_eq!(
        sb.run(&["checkin", &kr, "5", "--remove", "--date", "2026-11-01"])
            .code,
        2
    );
    // Recording still takes a value.
    sb.ok(&["checkin", &kr, "65"]);
    // A typed current would be ignored once there are check-ins: refused.
    let r = sb.run(&["edit", &kr, "--current", "10"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("has check-ins"), "{}", r.stderr);
}

#[test]
fn progress_is_not_clamped_and_nothing_prints_negative_zero() {
    let (sb, kr, _) = seeded();
    // MTTR 90 → 30: 120 is a regression, 0 is past the target.
    sb.ok(&["checkin", &kr, "120", "--date", "2026-11-01"]);
    let v = json(&sb.ok(&["list", "krs", "--format", "json"]));
    assert_eq!(v[0]["progress"], -0.5);
    let table = sb.ok(&["list", "krs"]);
    assert!(table.contains("-50%"), "{table}");
    sb.ok(&["checkin", &kr, "0", "--date", "2026-11-02"]);
    let v = json(&sb.ok(&["list", "krs", "--format", "json"]));
    assert_eq!(v[0]["progress"], 1.5);
    // No movement on a falling metric is 0, not -0.
    sb.ok(&["checkin", &kr, "90", "--date", "2026-11-03"]);
    let out = sb.ok(&["list", "krs", "--format", "json"]);
    assert!(!out.contains("-0.0") && !out.contains("-0,"), "{out}");
    assert_eq!(json(&out)[0]["progress"], 0.0);
    for args in [
        &["list", "krs"][..],
        &["show", &kr],
        &["show", &kr, "--format", "json"],
        &["check"],
    ] {
        let r = sb.run(args);
        assert!(
            !r.stdout.contains("-0%") && !r.stdout.contains("-0.0") && !r.stdout.contains(" -0 "),
            "{args:?}: {}",
            r.stdout
        );
    }
}
