//! What a new user found in `list`, `rank` and `show` (helper H13): a
//! closed item has no score anywhere, and equal scores rank by something a
//! person can see (the sooner due date first) — with the real binary.

mod common;

use common::cli::{Sandbox, json, last_word};

const TODAY: &str = "2026-11-30";

fn add(sb: &Sandbox, args: &[&str]) -> String {
    let mut all = vec!["add", "debt"];
    all.extend_from_slice(args);
    last_word(&sb.ok_at(TODAY, &all).stdout)
}

fn row<'o>(out: &'o str, needle: &str) -> &'o str {
    out.lines()
        .find(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no {needle:?} in\n{out}"))
}

#[test]
fn a_closed_item_has_no_score_in_list_show_or_json() {
    let sb = Sandbox::init();
    let done = add(
        &sb,
        &["Finished", "--owner", "bo", "--risk", "3", "--effort", "2"],
    );
    let wont = add(&sb, &["Dropped", "--owner", "bo", "--risk", "5"]);
    add(
        &sb,
        &[
            "Still open",
            "--owner",
            "bo",
            "--risk",
            "3",
            "--effort",
            "2",
        ],
    );
    sb.ok_at(TODAY, &["edit", &done, "--status", "done"]);
    sb.ok_at(
        TODAY,
        &["edit", &wont, "--status", "wont_fix", "--effort", "1"],
    );

    let out = sb.ok_at(TODAY, &["list", "debt"]).stdout;
    assert!(row(&out, "Finished").trim_end().ends_with(" -"), "{out}");
    assert!(row(&out, "Dropped").trim_end().ends_with(" -"), "{out}");
    assert!(
        row(&out, "Still open").trim_end().ends_with("1.50"),
        "{out}"
    );

    let v = json(
        &sb.ok_at(TODAY, &["list", "debt", "--format", "json"])
            .stdout,
    );
    for item in v.as_array().unwrap() {
        let open = item["status"] == "open";
        assert_eq!(item["score"].is_null(), !open, "{item}");
        assert_eq!(item["triage"], false, "{item}");
    }

    let show = sb.ok_at(TODAY, &["show", &wont]).stdout;
    assert!(!show.contains("triage"), "{show}");
    assert!(
        show.contains("no score (won't fix: only open debt is ranked)"),
        "{show}"
    );
    let show = sb.ok_at(TODAY, &["show", &done]).stdout;
    assert!(
        show.contains("no score (done: only open debt is ranked)"),
        "{show}"
    );
    let v = json(&sb.ok_at(TODAY, &["show", &done, "--format", "json"]).stdout);
    assert!(v["score"].is_null(), "{v}");
}

#[test]
fn equal_scores_rank_the_sooner_due_date_first() {
    let sb = Sandbox::init();
    // The lower id gets the later date: id order would put it on top.
    let mut ids = [
        add(&sb, &["A", "--urgency", "5", "--effort", "1"]),
        add(&sb, &["B", "--urgency", "5", "--effort", "1"]),
    ];
    ids.sort();
    let edit = |id: &str, title: &str, due: &str| {
        sb.ok_at(TODAY, &["edit", id, "--title", title, "--due", due]);
    };
    edit(&ids[0], "Due in 7 days", "2026-12-07");
    edit(&ids[1], "Due tomorrow", "2026-12-01");
    add(&sb, &["No date", "--urgency", "5", "--effort", "1"]);
    let out = sb.ok_at(TODAY, &["rank"]).stdout;
    let pos = |t: &str| out.find(t).unwrap_or_else(|| panic!("{t} in {out}"));
    assert!(row(&out, "Due tomorrow").contains("5.00"), "{out}");
    assert!(row(&out, "Due in 7 days").contains("5.00"), "{out}");
    assert!(pos("Due tomorrow") < pos("Due in 7 days"), "{out}");
    assert!(pos("Due in 7 days") < pos("No date"), "{out}");
}
