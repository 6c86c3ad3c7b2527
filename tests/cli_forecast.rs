//! `bearing forecast` through the real binary: a history made with the
//! sprint commands as a team would (start, close with the done items),
//! time pinned with `--today`.

mod common;

use chrono::{Days, NaiveDate};
use common::cli::{Sandbox, json, last_word};

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn debt(sb: &Sandbox, title: &str, effort: u32) -> String {
    sb.add(&[
        "add",
        "debt",
        title,
        "--effort",
        &effort.to_string(),
        "--risk",
        "3",
    ])
}

/// A ten-day sprint from `start` holding `items`; returns its id.
fn sprint(sb: &Sandbox, name: &str, start: NaiveDate, items: &[String]) -> String {
    let end = start + Days::new(9);
    let r = sb.ok_at(
        &start.to_string(),
        &[
            "sprint",
            "new",
            name,
            "--start",
            &start.to_string(),
            "--end",
            &end.to_string(),
            "--capacity",
            "20",
        ],
    );
    let id = last_word(&r.stdout);
    let mut add = vec!["sprint", "add", id.as_str()];
    add.extend(items.iter().map(String::as_str));
    sb.ok_at(&start.to_string(), &add);
    id
}

/// `closed` past sprints that each finished two items of 5 points, then an
/// active sprint from 2026-03-02 to 03-11 holding items of `open` points,
/// and a backlog of four 5-point items and one to triage.
fn history(closed: usize, open: &[u32]) -> Sandbox {
    let sb = Sandbox::init();
    let first = day("2026-01-05");
    for i in 0..closed {
        let start = first + Days::new(14 * i as u64);
        let items = vec![debt(&sb, "past a", 5), debt(&sb, "past b", 5)];
        let id = sprint(&sb, &format!("past {i}"), start, &items);
        sb.ok_at(&start.to_string(), &["sprint", "start", &id]);
        let end = (start + Days::new(9)).to_string();
        let mut close = vec!["sprint", "close", id.as_str(), "--done"];
        close.extend(items.iter().map(String::as_str));
        sb.ok_at(&end, &close);
    }
    let items: Vec<String> = open.iter().map(|&e| debt(&sb, "now", e)).collect();
    let id = sprint(&sb, "now", day("2026-03-02"), &items);
    sb.ok_at("2026-03-02", &["sprint", "start", &id]);
    for _ in 0..4 {
        debt(&sb, "later", 5);
    }
    sb.add(&["add", "debt", "unsized"]);
    sb
}

/// Five of the active sprint's ten days left.
const TODAY: &str = "2026-03-07";

#[test]
fn identical_sprints_give_an_exact_forecast_in_json() {
    let sb = history(4, &[3, 2]);
    let r = sb.ok_at(TODAY, &["forecast", "--format", "json", "--top", "3"]);
    let j = json(&r.stdout);
    assert_eq!(j["remaining_points"], 5, "{j}");
    assert_eq!(j["samples"], 4);
    assert_eq!(j["p_finish"], 1.0);
    assert_eq!(j["days_left"], 5);
    assert!(j.get("warning").is_none(), "{j}");
    // 10 points a sprint; the top 3 are 15 points: 2 sprints, all 20: 2.
    let top = &j["backlog"]["top_n"];
    assert_eq!(
        (top["n"].clone(), top["points"].clone()),
        (3.into(), 15.into()),
        "{j}"
    );
    for p in ["p50", "p85", "p95"] {
        assert_eq!(top[p], 2, "{j}");
        assert_eq!(j["backlog"]["all"][p], 2, "{j}");
    }
    assert_eq!(j["backlog"]["unestimated"], 1);
    // One point more than five days of ten can hold: never.
    let sb = history(4, &[3, 3]);
    let j = json(
        &sb.ok_at(TODAY, &["forecast", "--format", "json", "--top", "3"])
            .stdout,
    );
    assert_eq!(j["p_finish"], 0.0, "{j}");
}

#[test]
fn the_table_reads_at_80_columns_and_a_short_history_is_weak() {
    let sb = history(2, &[3, 2]);
    let r = sb.ok_at(TODAY, &["forecast", "--top", "3"]);
    let out = r.stdout;
    for line in out.lines() {
        assert!(line.chars().count() <= 80, "{line}");
    }
    assert!(out.contains("remaining  5 points"), "{out}");
    assert!(
        out.contains("p_finish   100% chance to finish by the end"),
        "{out}"
    );
    assert!(
        out.contains("  top 3        3      15     2     2     2"),
        "{out}"
    );
    assert!(out.contains("1 item to triage left out"), "{out}");
    assert!(
        out.contains("warning: weak forecast: only 2 closed sprints"),
        "{out}"
    );
    let j = json(&sb.ok_at(TODAY, &["forecast", "--format", "json"]).stdout);
    assert!(j["warning"].as_str().unwrap().starts_with("weak forecast"));
}

#[test]
fn without_a_closed_sprint_there_are_no_numbers_and_the_reason() {
    let sb = history(0, &[3]);
    let j = json(&sb.ok_at(TODAY, &["forecast", "--format", "json"]).stdout);
    assert_eq!(j["samples"], 0);
    assert!(j["p_finish"].is_null(), "{j}");
    assert!(j["backlog"]["all"]["p50"].is_null(), "{j}");
    assert!(
        j["warning"]
            .as_str()
            .unwrap()
            .contains("no closed sprint with work to sample"),
        "{j}"
    );
}

#[test]
fn the_same_seed_gives_the_same_output_and_time_comes_from_today() {
    let sb = Sandbox::demo();
    let a = sb.ok_at(
        "2026-11-20",
        &["forecast", "--seed", "7", "--format", "json"],
    );
    let b = sb.ok_at(
        "2026-11-20",
        &["forecast", "--seed", "7", "--format", "json"],
    );
    assert_eq!(a.stdout, b.stdout);
    let j = json(&a.stdout);
    assert_eq!(
        (j["sprint"].clone(), j["days_left"].clone()),
        ("S-7WM4K".into(), 8.into())
    );
    let later = json(
        &sb.ok_at("2026-11-25", &["forecast", "--format", "json"])
            .stdout,
    );
    assert_eq!(later["days_left"], 3);
    // The planned sprint by name, all its days ahead.
    let planned = json(
        &sb.ok_at("2026-11-20", &["forecast", "s-tb5xr", "--format", "json"])
            .stdout,
    );
    assert_eq!(planned["days_left"], 12, "{planned}");
}

#[test]
fn bad_arguments_are_refused_with_a_clear_error() {
    let sb = Sandbox::demo();
    sb.refused(
        &["forecast", "S-2HQ9D"],
        "S-2HQ9D is closed; a forecast is for an active or planned sprint",
    );
    sb.refused(&["forecast", "S-NOPE"], "no sprint with id S-NOPE");
    for (args, needle) in [
        (&["forecast", "--trials", "5"][..], "from 100 to 1000000"),
        (&["forecast", "--trials", "many"], "from 100 to 1000000"),
        (&["forecast", "--top", "0"], "from 1 to 100000"),
        (&["forecast", "--seed", "-1"], "give a whole number"),
        (&["forecast", "--format", "xml"], "table"),
    ] {
        let r = sb.run(args);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert!(r.stderr.contains(needle), "{args:?}: {}", r.stderr);
    }
}
