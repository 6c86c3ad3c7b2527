//! Exports and CSV with the real binary: an export never replaces a plan,
//! a CSV row with any problem is never imported, and an exported CSV
//! imports back equal.

use std::process::Command;

mod common;

use common::cli::Sandbox;

/// The debt items of the plan in `file`, as `list debt --format json` gives them.
fn debts(sb: &Sandbox, file: &str) -> Vec<serde_json::Value> {
    let out = sb.ok(&["--file", file, "list", "debt", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    v.as_array().unwrap().clone()
}

/// The titles of the plan's debt items, in the order listed.
fn debt_titles(sb: &Sandbox) -> Vec<String> {
    debts(sb, "bearing.ron")
        .iter()
        .map(|d| d["title"].as_str().unwrap().to_owned())
        .collect()
}

/// A sprint with one item in it, for the exports.
fn with_sprint(sb: &Sandbox) -> String {
    sb.add(&["add", "debt", "Rotate keys", "--effort", "2", "--risk", "3"]);
    let s = sb.add(&[
        "sprint",
        "new",
        "Keys",
        "--start",
        "2026-11-23",
        "--end",
        "2026-12-04",
    ]);
    sb.ok(&["sprint", "plan", &s]);
    s
}

#[test]
fn an_export_never_replaces_the_plan_by_any_path() {
    let sb = Sandbox::init();
    let s = with_sprint(&sb);
    std::fs::create_dir(sb.path().join("docs")).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(sb.plan(), sb.path().join("link.ron")).unwrap();
    let before = std::fs::read(sb.plan()).unwrap();
    let mut targets = vec!["bearing.ron", "./docs/../bearing.ron"];
    if cfg!(unix) {
        targets.push("link.ron");
    }
    let abs = sb.plan().display().to_string();
    targets.push(&abs);
    for target in targets {
        for args in [
            vec!["export", "sprint", &s, "--format", "md", "-o", target],
            vec!["export", "learning-log", "-o", target],
            vec!["export", "north-star", "-o", target],
        ] {
            let r = sb.run(&args);
            assert_eq!(r.code, 1, "{args:?}: {}{}", r.stdout, r.stderr);
            assert!(
                r.stderr.contains("the plan file itself"),
                "{args:?}: {}",
                r.stderr
            );
            assert!(r.stderr.contains("nothing was written"), "{}", r.stderr);
            assert!(!r.stdout.contains("wrote"), "{}", r.stdout);
            assert_eq!(std::fs::read(sb.plan()).unwrap(), before, "{args:?}");
        }
    }
    // Another plan (a second team's) is refused too; any other file is
    // replaced as before.
    sb.ok(&["init", "--file", "team-b.ron"]);
    let other = std::fs::read(sb.path().join("team-b.ron")).unwrap();
    let r = sb.run(&["export", "north-star", "-o", "team-b.ron"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("holds a Bearing plan"), "{}", r.stderr);
    assert_eq!(std::fs::read(sb.path().join("team-b.ron")).unwrap(), other);
    sb.write("page.md", "old page");
    let out = sb.ok(&["export", "sprint", &s, "-o", "page.md"]);
    assert!(out.contains("wrote page.md"), "{out}");
    assert!(
        std::fs::read_to_string(sb.path().join("page.md"))
            .unwrap()
            .contains("Keys")
    );
}

#[test]
fn a_row_with_too_many_cells_is_skipped_not_cut_short() {
    let sb = Sandbox::init();
    let f = sb.write("extra.csv", "title,effort\na,1,extra\nb,2\n");
    let r = sb.run(&["import", "csv", &f]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("extra.csv:2: row: has 3 cells but the header names 2"),
        "{}",
        r.stderr
    );
    let out = sb.ok(&["import", "csv", &f, "--skip-invalid"]);
    assert!(
        out.contains("1 added, 0 updated, 0 closed, 0 unchanged (skipped 1 invalid row)"),
        "{out}"
    );
    let titles = debt_titles(&sb);
    assert_eq!(titles, ["b"]);

    // A `;` file whose quoted title has a `;` in it, and a row with a stray
    // fourth cell.
    let sb = Sandbox::init();
    let f = sb.write(
        "semi.csv",
        "title;effort;tags\n\"semi;colon title\";2;a;b\nok;1;x\n",
    );
    let out = sb.ok(&["import", "csv", &f, "--skip-invalid"]);
    assert!(
        out.contains("1 added, 0 updated, 0 closed, 0 unchanged (skipped 1 invalid row)"),
        "{out}"
    );
    let titles = debt_titles(&sb);
    assert_eq!(titles, ["ok"]);
}

#[test]
fn an_exported_csv_imports_back_equal_whatever_the_text_starts_with() {
    let sb = Sandbox::init();
    let hostile = [
        "=SUM(A1) total",
        "+bob",
        "-minus",
        "@at",
        "'=already quoted",
        "''+twice",
        "'plain apostrophe",
    ];
    let mut ids = Vec::new();
    for (i, h) in hostile.iter().enumerate() {
        let owner = hostile[(i + 1) % hostile.len()];
        let area = hostile[(i + 2) % hostile.len()];
        let tag = hostile[(i + 3) % hostile.len()];
        let id = sb.add(&[
            "add",
            "debt",
            "--effort",
            "1",
            "--risk",
            "1",
            &format!("--owner={owner}"),
            &format!("--area={area}"),
            &format!("--tag={tag}"),
            "--tag=plain",
            "--",
            h,
        ]);
        ids.push(id);
    }
    let s = sb.add(&[
        "sprint",
        "new",
        "All",
        "--start",
        "2026-11-23",
        "--end",
        "2026-12-04",
        "--capacity",
        "40",
    ]);
    sb.ok(&["sprint", "plan", &s]);
    sb.ok(&["export", "sprint", &s, "--format", "csv", "-o", "out.csv"]);
    let csv = std::fs::read_to_string(sb.path().join("out.csv")).unwrap();
    assert!(csv.contains("'=SUM(A1) total"), "{csv}");
    sb.ok(&["init", "--file", "copy.ron"]);
    sb.ok(&["--file", "copy.ron", "import", "csv", "out.csv"]);
    let key = |d: &serde_json::Value| {
        (
            d["title"].clone(),
            d["owner"].clone(),
            d["area"].clone(),
            d["tags"].clone(),
        )
    };
    let mut before: Vec<_> = debts(&sb, "bearing.ron").iter().map(key).collect();
    let mut after: Vec<_> = debts(&sb, "copy.ron").iter().map(key).collect();
    before.sort_by_key(|k| k.0.to_string());
    after.sort_by_key(|k| k.0.to_string());
    assert_eq!(before.len(), hostile.len());
    assert_eq!(after, before);
}

#[test]
fn both_sprint_lists_are_one_table_and_names_stay_whole_at_80_columns() {
    let dir = tempfile::tempdir().unwrap();
    let run = |columns: &str, args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_bearing"))
            .arg("--demo")
            .args(args)
            .current_dir(dir.path())
            .env("BEARING_DATA_DIR", dir.path().join("data"))
            .env("BEARING_TODAY", "2026-11-20")
            .env("COLUMNS", columns)
            .env_remove("BEARING_FILE")
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    for columns in ["80", "120"] {
        let listed = run(columns, &["list", "sprints"]);
        let sprint_list = run(columns, &["sprint", "list"]);
        assert!(
            sprint_list.starts_with(&listed),
            "{columns} columns:\n{listed}\nvs\n{sprint_list}"
        );
        // The velocity in the words the UI and the report use.
        assert_eq!(
            &sprint_list[listed.len()..],
            "velocity 11.3 (last 3)\n",
            "{sprint_list}"
        );
        for name in ["Debt sprint 21", "Debt sprint 22", "Debt sprint 23"] {
            assert!(listed.contains(name), "{columns} columns:\n{listed}");
        }
        assert!(listed.contains("11/16 done"), "{listed}");
        let width: usize = columns.parse().unwrap();
        assert!(
            listed.lines().all(|l| l.chars().count() <= width),
            "{listed}"
        );
    }
    assert!(run("120", &["list", "sprints"]).contains("2026-11-02 → 2026-11-13"));
}
