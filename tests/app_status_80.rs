//! Issue 12 finding 11: what the UI says about outside changes fits the
//! status bar at 80 columns, what happened and what to do first: a merge
//! that dropped an undo step, leaving the conflict screen unpicked, and a
//! file that changed but cannot be read. Rendered as the terminal shows it.

mod common;

use std::path::{Path, PathBuf};

use bearing::model::Plan;
use bearing::session::file_persist::FilePersist;
use bearing::store;
use bearing::tui::app::{App, ModeKind};
use bearing::tui::theme::Theme;
use bearing::tui::{reload, views};
use common::keys::press_saved;
use common::{fixture, message, today};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn open(dir: &Path) -> (PathBuf, App) {
    let path = dir.join("bearing.ron");
    let fp = store::create(&path, &store::render(&fixture()).unwrap()).unwrap();
    let persist = FilePersist::new(path.clone(), fp, None);
    let mut app = App::new(fixture(), today(), false, Box::new(persist));
    app.theme = Theme::plain();
    app.session.persist_mut().flush();
    (path, app)
}

/// The status bar at 80×24; it must hold the whole message, uncut.
fn status_holds_all_of_the_message(app: &App) -> String {
    let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
    term.draw(|f| views::draw(f, app)).unwrap();
    let all = term.backend().to_string();
    let last = all.lines().last().unwrap().to_owned();
    let said = message(app).to_owned();
    assert!(!said.is_empty());
    assert!(
        // (the file's directory may be shortened to "…/")
        last.contains(&said),
        "cut at 80 columns:\n{last}\nmessage: {said}"
    );
    said
}

fn outside(path: &Path, edit: impl FnOnce(&mut Plan)) {
    store::update(path, |p: &mut Plan| {
        edit(p);
        Ok::<(), store::StoreError>(())
    })
    .unwrap();
}

#[test]
fn a_merge_that_drops_an_undo_step_fits() {
    let tmp = tempfile::tempdir().unwrap();
    let (path, mut app) = open(tmp.path());
    press_saved(&mut app, "2 g +");
    let id = app.selected_id().unwrap();
    outside(&path, |p| {
        p.debts.iter_mut().find(|d| d.id == id).unwrap().owner = "outsider".into()
    });
    assert!(reload::tick(&mut app));
    let said = status_holds_all_of_the_message(&app);
    assert!(
        said.starts_with(&format!("reloaded bearing.ron: {id} owner")),
        "{said}"
    );
    assert!(said.ends_with("1 undo step dropped"), "{said}");
}

#[test]
fn leaving_the_conflict_screen_unpicked_fits() {
    let tmp = tempfile::tempdir().unwrap();
    let (path, mut app) = open(tmp.path());
    outside(&path, |p| {
        p.debts
            .iter_mut()
            .find(|d| d.id == "D-00008")
            .unwrap()
            .customer = 0;
    });
    press_saved(&mut app, "2 x +");
    reload::tick(&mut app);
    // Whatever the selected item, a clash needs our change of its field.
    if app.mode.kind() != ModeKind::Conflicts {
        let id = app.selected_id().unwrap();
        outside(&path, |p| {
            p.debts.iter_mut().find(|d| d.id == id).unwrap().customer = 5
        });
        press_saved(&mut app, "-");
        reload::tick(&mut app);
    }
    assert_eq!(app.mode.kind(), ModeKind::Conflicts, "{}", message(&app));
    status_holds_all_of_the_message(&app);
    press_saved(&mut app, "<Esc>");
    let said = status_holds_all_of_the_message(&app);
    assert!(said.contains("nothing written"), "{said}");
}

#[test]
fn a_file_that_cannot_be_read_fits_what_happened_first() {
    let tmp = tempfile::tempdir().unwrap();
    let (path, mut app) = open(tmp.path());
    std::fs::write(&path, "(this is not a plan").unwrap();
    reload::tick(&mut app);
    let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
    term.draw(|f| views::draw(f, &app)).unwrap();
    let all = term.backend().to_string();
    let last = all.lines().last().unwrap();
    // The reason (a parse error) may be cut; what happened and that ours
    // is kept may not.
    assert!(
        last.contains("bearing.ron changed, cannot be read; yours kept"),
        "{last}"
    );
}
