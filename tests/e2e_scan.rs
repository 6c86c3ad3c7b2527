//! The scan picker (`C` in the debt view) with the real binary in tmux, on
//! a temporary git repository with markers: it opens, lists the markers
//! (not one written in prose), space chooses one, Enter adds it, and the
//! item is in the debt view and in the file (issue 13, point 7).

mod common;
#[path = "git_support/mod.rs"]
mod git_support;

use common::tmux::{AFTER_EXIT, Tmux, plan_when};
use git_support::Repo;

#[test]
fn c_opens_the_picker_space_chooses_enter_adds_the_item() {
    let repo = Repo::new();
    std::fs::create_dir_all(repo.root.join("src")).unwrap();
    std::fs::write(repo.root.join("src/lib.rs"), "pub fn find() {}\n").unwrap();
    // Changed twice in the window: a hotspot worth proposing.
    repo.commit("first", "2026-09-01T12:00:00Z");
    std::fs::write(
        repo.root.join("src/lib.rs"),
        "/// Finds TODO markers in the code\n\
         pub fn find() {}\n\
         // TODO(ana): retry on 503\n\
         pub fn fetch() {} // FIXME: leaks the socket\n",
    )
    .unwrap();
    repo.commit("start", "2026-10-01T12:00:00Z");
    repo.ok(&["init"]);
    let plan = repo.root.join("bearing.ron");
    let before = bearing::store::load(&plan).unwrap().plan.debts.len();

    let home = repo.home().display().to_string();
    let env = format!(
        "GIT_CONFIG_NOSYSTEM=1 HOME={home} XDG_CONFIG_HOME={home}/.config \
         GIT_CEILING_DIRECTORIES={home} LC_ALL=C"
    );
    let cmd = format!(
        "{}; {AFTER_EXIT}; sleep 60",
        common::tmux::app(&repo.home().join("data"), &env)
    );
    let Some(t) = Tmux::spawn("scan", &repo.root, &cmd) else {
        return;
    };
    t.wait_for("1 Overview");
    t.keys(&["2", "C"]);
    // One hotspot (the file), then the two markers; the prose is not one.
    let s = t.wait_for("3 candidates");
    assert!(s.contains("src/lib.rs:3  TODO(ana): retry on 503"), "{s}");
    assert!(s.contains("src/lib.rs:4  FIXME: leaks the socket"), "{s}");
    assert!(!s.contains("Finds TODO"), "{s}");
    // Down to the TODO, choose it, add it.
    t.keys(&["j", "Space"]);
    t.wait_for("1 chosen");
    t.keys(&["Enter"]);
    t.wait_for("added 1 debt item");
    let s = t.wait_for("retry on 503");
    assert!(!s.contains("Debt from the code"), "picker still open:\n{s}");

    let p = plan_when(&plan, |p| p.debts.len() == before + 1);
    assert_eq!(p.debts.len(), before + 1, "the file never got the item");
    let d = p
        .debts
        .iter()
        .find(|d| d.source.as_deref().is_some_and(|s| s.starts_with("scan:")))
        .unwrap_or_else(|| panic!("no scanned item: {:?}", p.debts));
    assert!(d.title.contains("retry on 503"), "{}", d.title);
    assert_eq!(d.effort, None, "a scanned item is to triage");
    t.quit();
}
