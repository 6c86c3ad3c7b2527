//! People's load with the real binary: `bearing sprint load` as a table, CSV
//! and JSON, and the section the sprint's Markdown export carries.

mod common;

use common::cli::{Sandbox, json};

/// A sprint where ana holds 8 of 11 points, sam 2, and one unowned item
/// of 1 point plus an unestimated one of ana's.
fn lopsided() -> (Sandbox, String) {
    let sb = Sandbox::init();
    let mut ids = Vec::new();
    for (title, owner, effort) in [
        ("Rotate keys", "ana", Some("5")),
        ("Fix flaky test", "ana", Some("3")),
        ("Bump TLS", "sam", Some("2")),
        ("Tidy logs", "", Some("1")),
        ("Unknown size", "ana", None),
    ] {
        let mut args = vec!["add", "debt", title, "--risk", "3"];
        if !owner.is_empty() {
            args.extend(["--owner", owner]);
        }
        if let Some(e) = effort {
            args.extend(["--effort", e]);
        }
        ids.push(sb.add(&args));
    }
    let s = sb.add(&[
        "sprint",
        "new",
        "Keys",
        "--start",
        "2026-11-23",
        "--end",
        "2026-12-04",
        "--capacity",
        "20",
    ]);
    let mut add = vec!["sprint", "add", s.as_str()];
    add.extend(ids.iter().map(String::as_str));
    sb.ok(&add);
    (sb, s)
}

#[test]
fn sprint_load_table_warns_when_one_person_holds_more_than_half() {
    let (sb, s) = lopsided();
    let out = sb.ok(&["sprint", "load", &s]);
    assert!(
        out.ends_with("warning: ana holds 8 of 11 pts (72%), more than half of the sprint\n"),
        "{out}"
    );
    insta::assert_snapshot!("sprint_load_table", out);
    // Without an id: the sprint an export means (here the only planned one).
    assert_eq!(sb.ok(&["sprint", "load"]), out);
}

#[test]
fn sprint_load_as_csv_and_json_and_in_the_markdown_export() {
    let (sb, s) = lopsided();
    let csv = sb.ok(&["sprint", "load", &s, "--format", "csv"]);
    assert_eq!(
        csv,
        "owner,points,unestimated,items,share,over_share\n\
         ana,8,1,3,10,false\n\
         sam,2,0,1,10,false\n\
         unassigned,1,0,1,,false\n"
    );
    let v = json(&sb.ok(&["sprint", "load", &s, "--format", "json"]));
    assert_eq!(v["sprint"], s.as_str());
    assert_eq!(v["total"], 11);
    assert_eq!(v["people"][2]["owner"], serde_json::Value::Null);
    assert_eq!(
        v["warning"],
        "ana holds 8 of 11 pts (72%), more than half of the sprint"
    );
    let exported = json(&sb.ok(&["export", "sprint", &s, "--format", "json"]));
    assert_eq!(exported["load"]["people"][0]["owner"], "ana");
    let md = sb.ok(&["export", "sprint", &s]);
    assert!(md.contains("## People's load"), "{md}");
    assert!(
        md.contains("| ana | 8 pts + 1 not estimated | 3 | 10 |"),
        "{md}"
    );
    assert!(
        md.contains("**Warning:** ana holds 8 of 11 pts (72%), more than half of the sprint"),
        "{md}"
    );
}

#[test]
fn sprint_load_of_an_unknown_sprint_is_refused() {
    let (sb, _) = lopsided();
    sb.refused(&["sprint", "load", "S-ZZZZZ"], "no sprint with id S-ZZZZZ");
}

#[test]
fn sprint_load_cuts_long_owners_to_the_terminal_width() {
    let sb = Sandbox::init();
    let owner = "a-very-long-owner-name-from-an-import@example.invalid-with-a-team-suffix-and-more";
    let mut ids = Vec::new();
    for (title, who) in [("Rotate keys", owner), ("Bump TLS", "sam")] {
        ids.push(sb.add(&[
            "add", "debt", title, "--risk", "3", "--effort", "3", "--owner", who,
        ]));
    }
    let s = sb.add(&[
        "sprint",
        "new",
        "Keys",
        "--start",
        "2026-11-23",
        "--end",
        "2026-12-04",
        "--capacity",
        "20",
    ]);
    let mut add = vec!["sprint", "add", s.as_str()];
    add.extend(ids.iter().map(String::as_str));
    sb.ok(&add);
    let r = sb.run_env(&[("COLUMNS", "60")], &["sprint", "load", &s]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let rows: Vec<&str> = r
        .stdout
        .lines()
        .take_while(|l| !l.contains("capacity, shared"))
        .collect();
    assert_eq!(rows.len(), 3, "{}", r.stdout);
    for line in rows {
        let w = unicode_width::UnicodeWidthStr::width(line);
        assert!(w <= 60, "{w} wide: {line}\n{}", r.stdout);
    }
    assert!(r.stdout.contains("a-very-long-owner"), "{}", r.stdout);
    assert!(r.stdout.contains('…'), "{}", r.stdout);
}
