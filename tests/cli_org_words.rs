//! What a new user types and reads around `bearing org`: `--org` wherever
//! it is natural, the workspace file's mistakes in the user's words, and
//! every roll-up ending with what it read (`read: …`).

mod common;
mod org_support;

use org_support::{Org, three_teams};

#[test]
fn org_flag_works_before_org_after_org_and_after_the_command() {
    let org = Org::new();
    org.plan(&org.root().join("a/bearing.ron"), "Flaky deploys", "3");
    let ws = org.workspace("    (id: \"a\", name: \"A\", path: \"../a/bearing.ron\"),\n");
    let file = ws.join("bearing-org.ron");
    let f = file.to_str().unwrap();
    let elsewhere = org.root();
    for args in [
        vec!["org", "status", "--org", f],
        vec!["--org", f, "org", "status"],
        vec!["org", "--org", f, "status"],
    ] {
        let out = org.ok(elsewhere, &args);
        assert!(out.contains("a "), "{args:?}: {out}");
        assert!(out.contains("read: a file "), "{args:?}: {out}");
    }
    let r = org.bearing(elsewhere, &["--org", f, "list"]);
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    assert!(r.stderr.contains("goes with `bearing org"), "{}", r.stderr);
}

#[test]
fn workspace_mistakes_speak_of_teams_and_refuse_empty_fields() {
    let org = Org::new();
    let ws = org.workspace("    (id: \"a\", path: \"a.ron\"),\n    3,\n");
    let r = org.bearing(&ws, &["org", "status"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("bearing-org.ron:4:5: Expected opening `(` for a team"),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("Raw"), "{}", r.stderr);
    for (team, says) in [
        (
            "(id: \"x\", git: \"\")",
            "bearing-org.ron:4: team \"x\": git url is empty",
        ),
        (
            "(id: \"x\", path: \"\")",
            "bearing-org.ron:4: team \"x\": path is empty",
        ),
        (
            "(id: \"\", path: \"b.ron\")",
            "bearing-org.ron:4: team id is empty",
        ),
    ] {
        let ws = org.workspace(&format!("    (id: \"a\", path: \"a.ron\"),\n    {team},\n"));
        let r = org.bearing(&ws, &["org", "status"]);
        assert_eq!(r.code, 1, "{team}: {}", r.stdout);
        assert!(r.stderr.contains(says), "{team}: {}", r.stderr);
    }
}

#[test]
fn every_rollup_ends_with_what_it_read_in_table_and_markdown() {
    let org = Org::new();
    let ws = three_teams(&org);
    org.bearing(&ws, &["org", "fetch"]);
    for cmd in ["status", "krs", "rank", "sprints", "check"] {
        for format in ["table", "md"] {
            let r = org.bearing(&ws, &["org", cmd, "--format", format]);
            let read = r
                .stdout
                .lines()
                .find(|l| l.starts_with("read: "))
                .unwrap_or_else(|| panic!("{cmd} {format}: no read: line\n{}", r.stdout));
            assert!(read.contains("payments "), "{cmd} {format}: {read}");
            assert!(read.contains("infra file "), "{cmd} {format}: {read}");
            assert!(!read.contains("ghost"), "{cmd} {format}: {read}");
        }
    }
}

#[test]
fn items_are_counted_once_without_sprints_and_unknown_is_a_dash() {
    let org = Org::new();
    let ws = three_teams(&org);
    let infra = org.root().join("infra/bearing.ron");
    let f = infra.to_str().unwrap();
    org.ok(
        infra.parent().unwrap(),
        &[
            "-f",
            f,
            "sprint",
            "new",
            "S1",
            "--start",
            "2026-11-16",
            "--end",
            "2026-11-27",
            "--capacity",
            "10",
        ],
    );
    org.bearing(&ws, &["org", "fetch"]);
    let v = org.json(&ws, &["org", "status", "--format", "json"]);
    let row = |id: &str| {
        v["teams"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["team"] == id)
            .unwrap()
            .clone()
    };
    let infra_row = row("infra");
    assert_eq!(infra_row["sprints"], 1, "{infra_row}");
    let items = infra_row["objectives"].as_u64().unwrap()
        + infra_row["key_results"].as_u64().unwrap()
        + infra_row["hypotheses"].as_u64().unwrap()
        + infra_row["debt_total"].as_u64().unwrap();
    assert_eq!(
        infra_row["items"], items,
        "sprints are not items: {infra_row}"
    );
    let ghost = row("ghost");
    for k in [
        "items",
        "objectives",
        "key_results",
        "debt_open",
        "debt_total",
        "sprints",
    ] {
        assert!(ghost[k].is_null(), "{k}: unknown, not 0: {ghost}");
    }
    // The export's items column says the same; a team not read shows `-`.
    let md = org.ok(&ws, &["org", "export"]);
    let cells = |team: &str| -> Vec<String> {
        let line = md
            .lines()
            .find(|l| l.starts_with(&format!("| {team} |")))
            .unwrap_or_else(|| panic!("{team}: {md}"));
        line.split(" | ")
            .map(|c| c.trim_matches(['|', ' ']).to_owned())
            .collect()
    };
    assert_eq!(cells("infra")[3], items.to_string(), "{md}");
    assert_eq!(&cells("ghost")[3..8], ["-", "-", "-", "-", "-"], "{md}");
    let status = org.ok(&ws, &["org", "status"]);
    let ghost_line = status.lines().find(|l| l.starts_with("ghost")).unwrap();
    assert!(!ghost_line.contains(" 0 "), "{ghost_line}");
}
