//! Edges of the merge tools a new user met, run as the user would (the real
//! binary on real files): the driver's marker size, `check --format json`
//! on markers, CRLF plans kept CRLF, `bearing diff` arguments, `resolve`
//! exit codes, nested settings fields named with their parent.

mod common;
#[path = "git_support/mod.rs"]
mod git_support;

use common::cli::{Run, Sandbox, json};
use common::tmux::{AFTER_EXIT, Tmux};

/// Base, ours and theirs plan files in `sb` (`base.ron`, `o.ron`,
/// `theirs.ron`): one debt at risk 2, raised to 3 in ours and 4 in theirs;
/// returns the debt's id.
fn three_sides(sb: &Sandbox) -> String {
    let id = sb.add(&[
        "add",
        "debt",
        "Flaky tests",
        "--risk",
        "2",
        "--owner",
        "ana",
    ]);
    let base = sb.text();
    sb.write("base.ron", &base);
    sb.ok(&["edit", &id, "--risk", "3"]);
    sb.write("o.ron", &sb.text());
    sb.write("bearing.ron", &base);
    sb.ok(&["edit", &id, "--risk", "4"]);
    sb.write("theirs.ron", &sb.text());
    sb.write("bearing.ron", &base);
    id
}

fn driver(sb: &Sandbox, size: &str) -> Run {
    sb.run(&["merge-driver", "base.ron", "o.ron", "theirs.ron", size])
}

/// `%L` below 7 (or not a number) still gives markers of 7, said on
/// stderr, and the result is what `check` and `resolve` read back.
#[test]
fn the_driver_never_writes_markers_shorter_than_the_reader_reads() {
    for (size, note) in [
        ("3", "marker size 3 raised to 7"),
        ("abc", "marker size abc is not a number; 7 used"),
    ] {
        let sb = Sandbox::init();
        let id = three_sides(&sb);
        let r = driver(&sb, size);
        assert_eq!(r.code, 1, "{size}: {}", r.stderr);
        assert!(r.stderr.contains(note), "{size}: {}", r.stderr);
        let merged = std::fs::read_to_string(sb.path().join("o.ron")).unwrap();
        assert!(merged.contains("\n<<<<<<< ours\n"), "{merged}");
        assert!(merged.contains("\n>>>>>>> theirs\n"), "{merged}");
        sb.write("bearing.ron", &merged);

        let r = sb.run(&["check"]);
        assert_eq!(r.code, 1, "{}", r.stderr);
        assert!(r.stdout.contains("error merge-conflict"), "{}", r.stdout);
        assert!(!r.stderr.contains("Expected"), "{}", r.stderr);
        let out = sb.ok(&["resolve", "--theirs"]);
        assert!(out.contains("kept theirs"), "{out}");
        let text = sb.text();
        assert!(
            text.contains("risk: 4,") && !text.contains("<<<<<<<"),
            "{text}"
        );
        sb.ok(&["show", &id]);
    }
    // Asked for 7 or more: as asked, nothing said.
    let sb = Sandbox::init();
    three_sides(&sb);
    let r = driver(&sb, "9");
    assert!(!r.stderr.contains("marker size"), "{}", r.stderr);
    let merged = std::fs::read_to_string(sb.path().join("o.ron")).unwrap();
    assert!(merged.contains("\n<<<<<<<<< ours\n"), "{merged}");
}

/// Base, ours and theirs where `weights.risk` clashes (2 ours, 3 theirs),
/// merged by the driver into `bearing.ron`.
fn settings_clash(sb: &Sandbox) {
    let base = sb.text();
    sb.write("base.ron", &base);
    sb.ok(&["config", "set", "weights.risk", "2"]);
    sb.write("o.ron", &sb.text());
    sb.write("bearing.ron", &base);
    sb.ok(&["config", "set", "weights.risk", "3"]);
    sb.write("theirs.ron", &sb.text());
    assert_eq!(driver(sb, "7").code, 1);
    let merged = std::fs::read_to_string(sb.path().join("o.ron")).unwrap();
    sb.write("bearing.ron", &merged);
}

/// A `weights.risk` clash is named `weights.risk`, never a bare `risk` (a
/// debt's field): on load, in check, resolve and the conflict screen's rows.
#[test]
fn a_nested_settings_clash_is_named_with_its_parent_everywhere() {
    let sb = Sandbox::init();
    settings_clash(&sb);
    let place = "the settings (field weights.risk)";
    let r = sb.run(&["list"]);
    assert!(r.stderr.contains(place), "{}", r.stderr);
    let r = sb.run(&["check"]);
    assert!(r.stdout.contains(place), "{}", r.stdout);
    let r = sb.run(&["resolve"]);
    assert!(r.stdout.contains("weights.risk"), "{}", r.stdout);

    let text = sb.text();
    let blocks = bearing::merge::markers::blocks(&text).unwrap();
    let screen = bearing::tui::resolve::screen(&sb.plan(), &blocks);
    let row = &screen.rows[0];
    assert_eq!(
        (row.item.as_str(), row.field.as_str()),
        ("settings", "weights.risk")
    );
    assert_eq!(row.mine.as_deref(), Some("2.0"));
    assert_eq!(row.theirs.as_deref(), Some("3.0"));

    let out = sb.ok(&["resolve", "--theirs"]);
    assert!(out.contains("settings weights.risk: kept theirs"), "{out}");
    assert_eq!(sb.ok(&["config", "get", "weights.risk"]).trim(), "3");
}

/// Markers come out of `check --format json` as findings (rule
/// `merge-conflict`), closed or not, never as the load-error object; a
/// finding about no item has `"id": null`.
#[test]
fn check_json_reports_markers_as_findings_and_unknown_ids_as_null() {
    let sb = Sandbox::init();
    let id = three_sides(&sb);
    driver(&sb, "7");
    let merged = std::fs::read_to_string(sb.path().join("o.ron")).unwrap();
    sb.write("bearing.ron", &merged);
    let r = sb.run(&["check", "--format", "json"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let v = json(&r.stdout);
    assert_eq!(v[0]["rule"], "merge-conflict", "{v}");
    assert_eq!(v[0]["id"], id.as_str());

    // A block that never closes, in a plan that does not parse with it.
    let sb = Sandbox::init();
    sb.add(&["add", "debt", "Flaky tests", "--risk", "2"]);
    let text = sb
        .text()
        .replace("      risk: 2,\n", "<<<<<<< HEAD\n      risk: 2,\n");
    let line = text.lines().position(|l| l.starts_with("<<<<<<<")).unwrap() + 1;
    sb.write("bearing.ron", &text);
    let r = sb.run(&["check", "--format", "json"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let v = json(&r.stdout);
    assert!(v.is_array(), "{v}");
    assert_eq!(v[0]["rule"], "merge-conflict", "{v}");
    assert_eq!(v[0]["id"], serde_json::Value::Null, "{v}");
    assert_eq!(v[0]["line"], line, "{v}");
    assert!(
        v[0]["message"]
            .as_str()
            .unwrap()
            .starts_with("unclosed conflict block"),
        "{v}"
    );
    let r = sb.run(&["check"]);
    assert!(
        r.stdout.contains(&format!(
            "bearing.ron:{line}: error merge-conflict: unclosed conflict block"
        )),
        "{}",
        r.stdout
    );

    // git-driver-missing is about the repository, not an item.
    let repo = git_support::Repo::new();
    repo.ok(&["--file", "bearing.ron", "init"]);
    std::fs::write(
        repo.root.join(".gitattributes"),
        "/bearing.ron merge=bearing\n",
    )
    .unwrap();
    let v = json(&repo.ok(&["--file", "bearing.ron", "check", "--format", "json"]));
    let f = v
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "git-driver-missing")
        .unwrap_or_else(|| panic!("{v}"));
    assert_eq!(f["id"], serde_json::Value::Null, "{v}");
}

/// Leaving `bearing resolve`'s conflict screen settles nothing: exit 1 (a
/// script can tell), the markers stay.
#[test]
fn leaving_the_conflict_screen_exits_1_and_keeps_the_markers() {
    let sb = Sandbox::init();
    three_sides(&sb);
    assert_eq!(driver(&sb, "7").code, 1);
    let merged = std::fs::read_to_string(sb.path().join("o.ron")).unwrap();
    sb.write("bearing.ron", &merged);
    let cmd = format!(
        "{} resolve --file {}; {AFTER_EXIT}; sleep 60",
        common::tmux::app(&sb.path().join("data"), ""),
        sb.plan().display()
    );
    let Some(t) = Tmux::spawn("edges-resolve-leave", sb.path(), &cmd) else {
        return;
    };
    t.wait_for("merge conflicts");
    t.keys(&["Escape"]);
    let s = t.assert_restored(1);
    assert!(
        s.contains("nothing settled (left the conflict screen)"),
        "{s}"
    );
    assert_eq!(sb.text(), merged);
}

/// A plan committed with CRLF line ends keeps them through a CLI edit: git
/// sees the one line that changed, not the whole file.
#[test]
fn a_crlf_plan_stays_crlf_and_an_edit_is_one_changed_line() {
    let repo = git_support::Repo::new();
    let f = "bearing.ron";
    repo.ok(&["--file", f, "init"]);
    let id = common::cli::last_word(&repo.ok(&[
        "--file",
        f,
        "add",
        "debt",
        "Flaky tests",
        "--customer",
        "3",
    ]));
    let crlf = repo.read(f).replace('\n', "\r\n");
    std::fs::write(repo.root.join(f), &crlf).unwrap();
    repo.commit("plan, CRLF", git_support::DATE);
    repo.ok(&["--file", f, "edit", &id, "--customer", "1"]);
    let stat = repo.git(&["diff", "--numstat", "--", f]);
    assert_eq!(stat.trim(), format!("1\t1\t{f}"), "{stat}");
    let text = repo.read(f);
    assert!(text.contains("customer: 1,\r\n"), "{text}");
    assert_eq!(text.matches('\n').count(), text.matches("\r\n").count());
}

/// `bearing diff` names a missing file, and `REV FILE` compares that
/// file's version at REV with the file (real git, a path with a space, no
/// plan in the current directory).
#[test]
fn diff_names_a_missing_file_and_reads_a_revision_of_the_file_given() {
    let repo = git_support::Repo::new();
    let f = "plans/team a/bearing.ron";
    std::fs::create_dir_all(repo.root.join("plans/team a")).unwrap();
    repo.ok(&["--file", f, "init"]);
    let id = common::cli::last_word(&repo.ok(&[
        "--file",
        f,
        "add",
        "debt",
        "Flaky tests",
        "--risk",
        "2",
    ]));
    repo.commit("plan", git_support::DATE);
    repo.ok(&["--file", f, "edit", &id, "--risk", "5"]);

    let missing = repo.home().join("nonexist.ron");
    let missing = missing.to_str().unwrap();
    let r = repo.bearing(&["diff", f, missing]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains(&format!("no such file: {missing}")),
        "{}",
        r.stderr
    );
    assert!(
        !r.stderr.contains("not inside a git repository"),
        "{}",
        r.stderr
    );

    let r = repo.bearing(&["diff", "HEAD", f, "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v = json(&r.stdout);
    assert_eq!(v["changed"][0]["id"], id.as_str(), "{v}");
    assert_eq!(v["to"], f);
}
