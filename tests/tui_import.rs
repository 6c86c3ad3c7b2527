//! Importing a backlog from the UI: one change, one undo step.

mod common;

use bearing::tui::app::Mode;
use bearing::tui::{App, NoPersist};
use common::keys::{press, type_text};

fn app() -> App {
    App::new(
        common::demo(),
        common::demo_today(),
        false,
        Box::new(NoPersist::memory()),
    )
}

fn open_and_answer(app: &mut App, path: &std::path::Path) {
    press(app, "2 I");
    assert!(matches!(app.mode, Mode::Prompt(_)), "I asks for the file");
    press(app, "<C-u>");
    type_text(app, &path.display().to_string());
    press(app, "<Enter>");
}

#[test]
fn a_csv_imports_as_one_undoable_change() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("backlog.csv");
    std::fs::write(
        &path,
        "title,owner,area,effort,risk\nRotate the signing keys,ana,auth,3,5\nDrop the v0 API,bo,api,5,2\n",
    )
    .unwrap();
    let mut app = app();
    let before = app.plan.debts.len();
    open_and_answer(&mut app, &path);
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(app.plan.debts.len(), before + 2);
    let added = app
        .plan
        .debts
        .iter()
        .find(|d| d.title == "Rotate the signing keys")
        .unwrap();
    assert_eq!(
        (added.risk, added.effort, added.owner.as_str()),
        (5, 3, "ana")
    );
    press(&mut app, "u");
    assert_eq!(
        app.plan.debts.len(),
        before,
        "one undo removes the whole import"
    );
    press(&mut app, "<C-r>");
    assert_eq!(app.plan.debts.len(), before + 2);
}

#[test]
fn a_bad_row_imports_nothing_and_keeps_the_prompt() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.csv");
    std::fs::write(&path, "title,risk\nFine,1\nBroken,9\n").unwrap();
    let mut app = app();
    let before = app.plan.clone();
    open_and_answer(&mut app, &path);
    let Mode::Prompt(p) = &app.mode else {
        panic!("the prompt stays open")
    };
    let why = p.error.clone().unwrap_or_default();
    assert!(why.contains(":3:") && why.contains("risk"), "{why}");
    assert_eq!(app.plan, before);
    press(&mut app, "<Esc>");
    assert_eq!(app.mode, Mode::Normal);
}

#[test]
fn a_taskwarrior_export_imports_pending_tasks() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tasks.json");
    std::fs::write(
        &path,
        r#"[{"uuid":"6f1c1d7e-1111-4f3a-9b2c-000000000001","description":"Remove the legacy cron","status":"pending","project":"billing","priority":"H","tags":["debt"],"entry":"20261101T090000Z"},
            {"uuid":"6f1c1d7e-1111-4f3a-9b2c-000000000002","description":"Done already","status":"completed","entry":"20261101T090000Z"}]"#,
    )
    .unwrap();
    let mut app = app();
    let before = app.plan.debts.len();
    open_and_answer(&mut app, &path);
    assert_eq!(app.plan.debts.len(), before + 1);
    let d = app
        .plan
        .debts
        .iter()
        .find(|d| d.title == "Remove the legacy cron")
        .unwrap();
    assert_eq!(d.area, "billing");
    assert_eq!(d.customer, 3, "priority H maps to 3");
    // A second import of the same export adds nothing.
    open_and_answer(&mut app, &path);
    assert_eq!(app.plan.debts.len(), before + 1);
}

#[test]
fn read_only_imports_nothing() {
    let mut app = App::new(
        common::demo(),
        common::demo_today(),
        true,
        Box::new(NoPersist::demo()),
    );
    press(&mut app, "2 I");
    assert_eq!(app.mode, Mode::Normal);
}
