//! The scan picker: `C` in the debt view scans the plan's repository on a
//! worker thread, space chooses candidates, Enter adds them as one undo
//! step; a second scan shows them "in plan" and will not add them again.

mod common;
#[path = "git_support/mod.rs"]
mod git_support;

use bearing::tui::app::{App, Mode};
use bearing::tui::scan_ops;
use common::keys::press;
use common::{app, message};
use git_support::Repo;

fn scanned(app: &mut App) -> Vec<(String, bool, bool)> {
    scan_ops::poll(app, true);
    let Mode::ScanPicker(p) = &app.mode else {
        panic!("no picker: {:?}", app.mode);
    };
    assert!(!p.loading && p.error.is_none(), "{p:?}");
    p.rows
        .iter()
        .map(|r| (r.candidate.text.clone(), r.in_plan, r.chosen))
        .collect()
}

fn from_scan(app: &App) -> Vec<String> {
    app.plan()
        .debts
        .iter()
        .filter(|d| d.source.as_deref().is_some_and(|s| s.starts_with("scan:")))
        .map(|d| d.title.clone())
        .collect()
}

#[test]
fn c_scans_off_the_keystroke_space_chooses_enter_adds_one_undo_step() {
    let repo = Repo::new();
    std::fs::create_dir_all(repo.root.join("src")).unwrap();
    std::fs::write(repo.root.join("src/a.rs"), "// TODO: one\n").unwrap();
    repo.commit("start", "2026-09-01T12:00:00Z");
    // Changed twice in the window: a hotspot worth proposing.
    std::fs::write(
        repo.root.join("src/a.rs"),
        "// TODO: one\nlet s = \"FIXME: in a string\";\n// FIXME: two\n",
    )
    .unwrap();
    repo.commit("more", "2026-10-01T12:00:00Z");
    // The UI runs the real git: keep the user's configuration out of it.
    // SAFETY: this test binary has this one test; nothing reads the
    // environment concurrently.
    unsafe {
        std::env::set_var("GIT_CONFIG_NOSYSTEM", "1");
        std::env::set_var("HOME", repo.home());
        std::env::set_var("XDG_CONFIG_HOME", repo.home().join(".config"));
    }

    let mut app = app();
    app.plan_path = Some(repo.root.join("bearing.ron"));
    let before = app.plan().debts.len();
    press(&mut app, "2 C");
    assert!(matches!(&app.mode, Mode::ScanPicker(p) if p.loading));
    let rows = scanned(&mut app);
    let texts: Vec<&str> = rows.iter().map(|r| r.0.as_str()).collect();
    assert_eq!(texts, ["2 commits × 3 lines", "TODO: one", "FIXME: two"]);

    press(&mut app, "j <Space> j <Space> <Space> <Enter>");
    assert_eq!(from_scan(&app), ["TODO: one (a.rs)"]);
    assert_eq!(app.plan().debts.len(), before + 1);
    assert!(
        message(&app).contains("added 1 debt item"),
        "{}",
        message(&app)
    );
    assert!(matches!(app.mode, Mode::Normal));

    // One undo step takes the whole addition back; redo brings it again.
    press(&mut app, "u");
    assert!(from_scan(&app).is_empty());
    press(&mut app, "<C-r>");
    assert_eq!(from_scan(&app), ["TODO: one (a.rs)"]);

    // Scanning again: it is "in plan" and cannot be chosen again.
    press(&mut app, "C");
    let rows = scanned(&mut app);
    assert_eq!(
        rows.iter().map(|r| r.1).collect::<Vec<_>>(),
        [false, true, false]
    );
    press(&mut app, "j <Space> <Enter>");
    assert!(
        message(&app).contains("nothing chosen"),
        "{}",
        message(&app)
    );
    press(&mut app, "<Esc>");
    assert!(matches!(app.mode, Mode::Normal));
    assert_eq!(from_scan(&app).len(), 1);
}
