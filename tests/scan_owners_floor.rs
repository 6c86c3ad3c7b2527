//! `bearing scan` as a new user met it (helper H13): one person is one
//! owner however a marker spells them, a file's heading names its main
//! author, and a file written once is not a hotspot `--add` proposes —
//! a real repository, the real git and the real binary.

mod common;
#[path = "git_support/mod.rs"]
mod git_support;

use common::cli::json;
use git_support::Repo;

fn write(repo: &Repo, rel: &str, text: &str) {
    let path = repo.root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn commit_as(repo: &Repo, author: &str, date: &str) {
    repo.git_in(&repo.root, &["add", "-A"], date);
    repo.git_in(
        &repo.root,
        &["commit", "-q", "--author", author, "-m", "change"],
        date,
    );
}

const ANN: &str = "Ann Lee <ann@example.com>";
const CY: &str = "Cy <cy@example.com>";

fn lines(n: usize, extra: &str) -> String {
    let mut s: String = (0..n).map(|i| format!("let x{i} = {i};\n")).collect();
    s.push_str(extra);
    s
}

/// Today is the test environment's 2026-11-20.
fn repo() -> Repo {
    let repo = Repo::new();
    write(&repo, ".gitignore", "bearing.ron*\n");
    write(&repo, "src/engine.rs", &lines(40, "// TODO(ann): split\n"));
    write(&repo, "web/app.js", &lines(5, "// TODO(Bob): cache\n"));
    commit_as(&repo, ANN, "2026-02-01T12:00:00Z");
    write(
        &repo,
        "src/engine.rs",
        &lines(60, "// TODO(ann): split\n// FIXME(ANN): leak\n"),
    );
    write(
        &repo,
        "web/app.js",
        &lines(
            30,
            "// TODO(Bob): cache\n// HACK(bob): retry\n// TODO(ann): theme\n",
        ),
    );
    commit_as(&repo, CY, "2026-04-01T12:00:00Z");
    write(
        &repo,
        "src/engine.rs",
        &lines(80, "// TODO(ann): split\n// FIXME(ANN): leak\n"),
    );
    write(
        &repo,
        "web/app.js",
        &lines(
            40,
            "// TODO(Bob): cache\n// HACK(bob): retry\n// TODO(ann): theme\n",
        ),
    );
    commit_as(&repo, ANN, "2026-06-01T12:00:00Z");
    // Written once, one line: never a hotspot to propose.
    write(&repo, "docs/NOTE.md", "# note\n");
    commit_as(&repo, CY, "2026-07-01T12:00:00Z");
    repo.ok(&["init"]);
    repo
}

#[test]
fn one_person_is_one_owner_and_a_heading_names_the_files_main_author() {
    let repo = repo();
    let all = json(&repo.ok(&["scan", "--format", "json"]));
    let owner_of = |text: &str| {
        all.as_array()
            .unwrap()
            .iter()
            .find(|c| c["kind"] == "marker" && c["text"].as_str().unwrap().ends_with(text))
            .unwrap_or_else(|| panic!("no {text} in {all}"))["owner"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    // `ann` and `ANN` are git's Ann Lee (her email's local part).
    assert_eq!(owner_of("split"), "Ann Lee");
    assert_eq!(owner_of("leak"), "Ann Lee");
    assert_eq!(owner_of("theme"), "Ann Lee");
    // Bob never committed: his first spelling stands for both.
    assert_eq!(owner_of("cache"), "Bob");
    assert_eq!(owner_of("retry"), "Bob");

    // web/app.js's main author is Cy (most lines added), whatever its
    // first marker says.
    let table = repo.ok(&["scan"]);
    let heading = table
        .lines()
        .find(|l| l.trim_start().starts_with("web/app.js  ("))
        .unwrap_or_else(|| panic!("{table}"));
    assert!(heading.ends_with(", Cy)"), "{heading}");
}

#[test]
fn a_file_written_once_is_not_a_hotspot_and_add_all_leaves_it_out() {
    let repo = repo();
    let all = json(&repo.ok(&["scan", "--format", "json"]));
    let hot: Vec<&str> = all
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["kind"] == "hotspot")
        .map(|c| c["path"].as_str().unwrap())
        .collect();
    assert_eq!(hot, ["src/engine.rs", "web/app.js"], "{all}");
    let out = repo.ok(&["scan", "--add"]);
    assert!(!out.contains("NOTE.md"), "{out}");
    assert!(out.starts_with("added 7 debt items\n"), "{out}");
}
