//! Sprints in time, cancelling and the whole story in exports, through the
//! real binary as a user or CI would run it.

mod common;

use common::cli::{Sandbox, json, last_word};

/// The demo's sprints: S-2HQ9D closed, S-7WM4K active to 2026-11-27,
/// S-TB5XR planned 2026-11-30 → 2026-12-11.
#[test]
fn past_every_end_date_every_output_says_so() {
    let sb = Sandbox::demo();
    let late = "2027-03-01";
    let list = sb.ok_at(late, &["sprint", "list"]).stdout;
    assert!(
        list.contains("active, ended 94 days ago — close it"),
        "{list}"
    );
    assert!(list.contains("planned, window ended 80 days ago"), "{list}");
    let listed = sb.ok_at(late, &["list", "sprints"]).stdout;
    assert!(
        listed.contains("active, ended 94 days ago — close it"),
        "{listed}"
    );
    let overview = sb.ok_at(late, &[]).stdout;
    assert!(
        overview.contains("ended 94 days ago — close it"),
        "{overview}"
    );
    let md = sb.ok_at(late, &["export", "sprint"]).stdout;
    assert!(md.contains("(ended 94 days ago — close it)"), "{md}");
    let check = sb.ok_at(late, &["check"]).stdout;
    assert!(
        check.contains("warning sprint-overdue: sprint \"Debt sprint 22\" is still active 94 days after its end 2026-11-27"),
        "{check}"
    );
    assert!(check.contains("warning sprint-window-passed:"), "{check}");
    let j = json(&sb.ok_at(late, &["check", "--format", "json"]).stdout);
    assert!(j.to_string().contains("sprint-overdue"), "{j}");
    // One day past: singular.
    let one = sb.ok_at("2026-11-28", &["sprint", "list"]).stdout;
    assert!(one.contains("active, ended 1 day ago — close it"), "{one}");
}

#[test]
fn an_overlapping_or_past_sprint_is_created_with_a_warning_and_a_debt_day_is_allowed() {
    let sb = Sandbox::demo();
    let r = sb.ok_at(
        "2026-11-20",
        &[
            "sprint",
            "new",
            "Debt day",
            "--start",
            "2026-11-20",
            "--end",
            "2026-11-20",
        ],
    );
    let id = last_word(&r.stdout);
    assert!(r.stdout.starts_with("added sprint S-"), "{}", r.stdout);
    assert!(
        r.stderr.contains(&format!(
            "bearing: warning: {id}: sprint \"Debt day\" (2026-11-20 → 2026-11-20) overlaps S-7WM4K"
        )),
        "{}",
        r.stderr
    );
    let r = sb.ok_at(
        "2026-11-20",
        &[
            "sprint",
            "new",
            "Old",
            "--start",
            "2026-10-01",
            "--end",
            "2026-10-02",
        ],
    );
    assert!(
        r.stderr
            .contains("its window ended 49 days ago (2026-10-02)"),
        "{}",
        r.stderr
    );
    let check = sb.ok(&["check"]);
    assert!(check.contains("warning sprint-overlap:"), "{check}");
}

#[test]
fn starting_outside_the_window_or_empty_warns_and_cancel_sends_items_back() {
    let sb = Sandbox::demo();
    // Cancel the active sprint: its items go back, velocity unchanged.
    let before = sb.ok(&["sprint", "list"]);
    let velocity = before.lines().last().unwrap().to_owned();
    let out = sb.ok(&["sprint", "cancel", "S-7WM4K"]);
    assert!(
        out.starts_with("cancelled S-7WM4K (Debt sprint 22); 5 items back to the backlog"),
        "{out}"
    );
    let list = sb.ok(&["sprint", "list"]);
    assert!(list.contains("cancelled 2026-11-20"), "{list}");
    assert_eq!(list.lines().last().unwrap(), velocity);
    let j = json(&sb.ok(&["sprint", "list", "--format", "json"]));
    let cancelled = j
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "S-7WM4K")
        .unwrap();
    assert_eq!(cancelled["state"], "cancelled");
    // The planned sprint before its window: started, with a warning.
    let r = sb.ok_at("2026-11-20", &["sprint", "start", "S-TB5XR"]);
    assert!(
        r.stderr.contains("bearing: warning: S-TB5XR: today (2026-11-20) is before its window opens (2026-11-30, in 10 days)"),
        "{}",
        r.stderr
    );
    sb.ok(&["sprint", "cancel", "S-TB5XR"]);
    // An empty sprint started and closed at once does not halve velocity.
    let s = sb.ok(&[
        "sprint",
        "new",
        "Empty",
        "--start",
        "2026-12-14",
        "--end",
        "2026-12-18",
    ]);
    let id = last_word(&s);
    let r = sb.ok_at("2026-12-14", &["sprint", "start", &id]);
    assert!(
        r.stderr.contains("nothing is committed to it"),
        "{}",
        r.stderr
    );
    sb.ok_at("2026-12-14", &["sprint", "close", &id]);
    let list = sb.ok(&["sprint", "list"]);
    assert_eq!(list.lines().last().unwrap(), velocity, "{list}");
    // Cancelling what is closed is refused.
    let r = sb.run_at(Some("2026-11-20"), &["sprint", "cancel", &id]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("only a planned or active sprint can be cancelled"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_closed_sprint_export_says_what_was_not_done_and_where_it_went() {
    let sb = Sandbox::demo();
    let done = ["sprint", "close", "S-7WM4K"];
    let out = sb.ok(&done);
    assert!(out.contains("carried to S-TB5XR"), "{out}");
    let md = sb.ok(&["export", "sprint", "S-7WM4K"]);
    assert!(md.contains("## Committed, not done"), "{md}");
    assert!(md.contains("| carried to S-TB5XR |"), "{md}");
    let csv = sb.ok(&["export", "sprint", "S-7WM4K", "--format", "csv"]);
    assert!(
        csv.lines()
            .next()
            .unwrap()
            .ends_with(",sprint,due,description"),
        "{csv}"
    );
    assert!(csv.contains(",carried to S-TB5XR"), "{csv}");
    let j = json(&sb.ok(&["export", "sprint", "S-7WM4K", "--format", "json"]));
    assert_eq!(j["not_done"][0]["went"], "sprint");
    assert_eq!(j["not_done"][0]["sprint"], "S-TB5XR");
    // The CSV imports back as it is.
    std::fs::write(sb.path().join("s.csv"), &csv).unwrap();
    sb.ok(&["import", "csv", "s.csv"]);
}

#[test]
fn formats_are_offered_per_export_and_dash_is_stdout() {
    let sb = Sandbox::demo();
    let r = sb.run_at(
        Some("2026-11-20"),
        &["export", "learning-log", "--format", "csv"],
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("possible values: md, json"),
        "{}",
        r.stderr
    );
    for args in [
        &["export", "sprint", "-o", "-"][..],
        &["export", "learning-log", "--format", "json", "-o", "-"],
        &["export", "north-star", "-o", "-"],
    ] {
        let out = sb.ok(args);
        assert!(
            !out.is_empty() && !out.starts_with("wrote"),
            "{args:?}: {out}"
        );
    }
    assert!(!sb.path().join("-").exists(), "no file named -");
    let j = json(&sb.ok(&["export", "learning-log", "--format", "json", "-o", "-"]));
    assert_eq!(j["format_version"], 1);
}

#[test]
fn a_reopened_decision_stays_in_the_learning_log() {
    let sb = Sandbox::demo();
    let log = json(&sb.ok(&["export", "learning-log", "--format", "json"]));
    let first = &log["months"][0]["entries"][0];
    let id = first["id"].as_str().unwrap().to_owned();
    sb.ok(&["hypothesis", "reopen", &id]);
    let md = sb.ok(&["export", "learning-log"]);
    assert!(md.contains("(reversed)"), "{md}");
    assert!(md.contains("- **Reversed:** reopened 2026-11-20"), "{md}");
}

#[test]
fn the_demo_opens_as_of_its_own_date_unless_told() {
    let sb = Sandbox::demo();
    let r = sb.run_at(None, &["--demo"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout
            .starts_with("Bearing — demo.ron — as of 2026-11-20"),
        "{}",
        r.stdout
    );
    let r = sb.run_at(None, &["--demo", "check"]);
    assert!(!r.stdout.contains("sprint-overdue"), "{}", r.stdout);
    let r = sb.run_at(None, &["--demo", "--today", "2027-01-04"]);
    assert!(
        r.stdout
            .starts_with("Bearing — demo.ron — as of 2027-01-04"),
        "{}",
        r.stdout
    );
}

#[test]
fn a_plan_written_before_these_rules_and_states_still_loads() {
    let sb = Sandbox::demo();
    let old: String = bearing::store::embedded::DEMO
        .lines()
        .filter(|l| {
            let l = l.trim_start();
            ![
                "sprint_overdue:",
                "sprint_window_passed:",
                "sprint_overlap:",
            ]
            .iter()
            .any(|k| l.starts_with(k))
        })
        .map(|l| format!("{l}\n"))
        .collect();
    assert!(!old.contains("sprint_overdue") && old.contains("sprint_over_capacity"));
    std::fs::write(sb.plan(), &old).unwrap();
    let check = sb.ok_at("2027-03-01", &["check"]).stdout;
    assert!(
        check.contains("warning sprint-overdue:"),
        "defaults to warn: {check}"
    );
    sb.ok(&["sprint", "cancel", "S-TB5XR"]);
    let text = std::fs::read_to_string(sb.plan()).unwrap();
    assert!(text.contains("    sprint_overlap: warn,\n"), "{text}");
    assert!(text.contains("      state: cancelled,\n"), "{text}");
}
