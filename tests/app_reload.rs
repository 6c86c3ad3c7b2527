//! The open UI and other writers of the same file (a pipeline's `bearing
//! checkin`, `git pull`): the idle tick merges theirs in and says what came
//! in; a save that finds the file changed merges and saves again without a
//! question; a clash opens the conflict screen, and R / K still take theirs
//! or keep mine whole. The tick handler is driven directly, nothing sleeps.
//!
//! One test function: it sets `BEARING_DATA_DIR` (where backups go) before
//! any other thread could read the environment.

mod common;

use common::keys::press_saved;

use common::message;

use std::path::Path;

use bearing::model::{Debt, DebtStatus, Plan};
use bearing::session::file_persist::FilePersist;
use bearing::store;
use bearing::tui::app::{App, Mode, ModeKind};
use bearing::tui::reload;
use common::{fixture, today};

/// A plan file holding the fixture and a UI open on it.
fn open(dir: &Path, name: &str, read_only: bool) -> (std::path::PathBuf, App) {
    let path = dir.join(name);
    let fp = store::create(&path, &store::render(&fixture()).unwrap()).unwrap();
    let persist = FilePersist::new(path.clone(), fp, None);
    let mut app = App::new(fixture(), today(), read_only, Box::new(persist));
    // The writer takes its copy of the plan on its own thread, and the watch
    // waits while the writer is busy; the checks below are about the watch,
    // so start once the copy is taken (else the first tick is skipped, about
    // one run in three on a loaded machine).
    app.session.persist_mut().flush();
    (path, app)
}

/// Another program's read-modify-write, as `bearing add`/`edit` do it.
fn outside(path: &Path, edit: impl FnOnce(&mut Plan)) {
    store::update(path, |p: &mut Plan| {
        edit(p);
        Ok::<(), store::StoreError>(())
    })
    .unwrap();
}

fn on_disk(path: &Path) -> Plan {
    store::load(path).unwrap().plan
}

#[test]
fn outside_changes_reload_or_are_resolved_with_r_and_k() {
    let tmp = tempfile::tempdir().unwrap();
    // SAFETY: the only test in this binary, so no other thread reads the
    // environment while it is set.
    unsafe { std::env::set_var("BEARING_DATA_DIR", tmp.path().join("data")) };

    reloads_after_an_outside_write(tmp.path());
    a_refused_save_merges_theirs_and_saves_both(tmp.path());
    a_clash_opens_the_conflict_screen_and_theirs_is_written(tmp.path());
    r_takes_their_version_after_a_clash(tmp.path());
    k_keeps_mine_and_backs_up_theirs(tmp.path());
    an_unreadable_outside_version_is_reported_once(tmp.path());
    a_read_only_ui_follows_the_file_too(tmp.path());
}

fn reloads_after_an_outside_write(dir: &Path) {
    let (path, mut app) = open(dir, "bearing.ron", false);
    press_saved(&mut app, "2");
    assert!(!reload::tick(&mut app), "nothing changed yet");
    press_saved(&mut app, "K");
    assert_eq!(message(&app), "nothing to keep: every change is saved");

    outside(&path, |p| {
        p.debts.retain(|d| d.id != "D-00005");
        p.debts
            .iter_mut()
            .find(|d| d.id == "D-00003")
            .unwrap()
            .title = "Upgrade Postgres 16".into();
        p.debts
            .push(Debt::new("D-00009".into(), "Added by CLI".into(), today()));
        p.normalize();
    });
    assert!(reload::tick(&mut app));
    // Only what fits the status bar at 80 columns (issue 12 finding 11):
    // "…, D-00003 title, +1 more" would be cut there.
    assert_eq!(
        message(&app),
        "reloaded bearing.ron: D-00009 added, +2 more"
    );
    assert_eq!(**app.plan(), on_disk(&path));
    assert!(app.plan().debt("D-00005").is_none());
    // The selection stays on the same item (D-00008 ranks first).
    assert_eq!(app.selected_id().as_deref(), Some("D-00008"));
    assert!(!reload::tick(&mut app), "reloaded once");

    // Our next change saves over the version we adopted, and our own write
    // is not mistaken for an outside one.
    press_saved(&mut app, "x");
    assert!(
        matches!(&app.saved, Some(Ok(s)) if s.starts_with("saved ")),
        "{:?}",
        app.saved
    );
    assert!(!reload::tick(&mut app));
    assert_eq!(on_disk(&path), **app.plan());
}

/// An outside write of other fields, then our change before the tick
/// noticed: the refused save merges theirs and saves both, no question.
fn a_refused_save_merges_theirs_and_saves_both(dir: &Path) {
    let (path, mut app) = open(dir, "merge.ron", false);
    outside(&path, |p| p.north_star = "theirs".into());
    press_saved(&mut app, "2 x");
    assert!(matches!(&app.saved, Some(Ok(_))), "{:?}", app.saved);
    assert!(reload::tick(&mut app), "the merge is said");
    assert_eq!(message(&app), "merged from disk: settings north_star");
    assert_eq!(app.mode, Mode::Normal, "no question");
    app.wait_saved();
    let disk = on_disk(&path);
    assert_eq!(disk.north_star, "theirs");
    assert_eq!(disk.debt("D-00008").unwrap().status, DebtStatus::InProgress);
    assert_eq!(disk, **app.plan());
    assert!(!app.dirty());
    // Undo still has our step: it puts D-00008 back, theirs stays.
    press_saved(&mut app, "u");
    let disk = on_disk(&path);
    assert_eq!(disk.debt("D-00008").unwrap().status, DebtStatus::Open);
    assert_eq!(disk.north_star, "theirs");
}

/// An outside write of the field we change: the save opens the conflict
/// screen and writes nothing.
fn conflict(dir: &Path, name: &str) -> (std::path::PathBuf, App) {
    let (path, mut app) = open(dir, name, false);
    outside(&path, |p| {
        p.north_star = "theirs".into();
        if let Some(d) = p.debts.iter_mut().find(|d| d.id == "D-00008") {
            d.status = DebtStatus::Done;
        }
    });
    let before = std::fs::read_to_string(&path).unwrap();
    press_saved(&mut app, "2 x");
    let Some(Err(refused)) = &app.saved else {
        panic!("the save must not go through: {:?}", app.saved)
    };
    // As the status bar says it.
    let why = bearing::tui::app::save_error_text(refused);
    assert!(why.contains("changed on disk"), "{why}");
    assert!(app.dirty());
    reload::tick(&mut app);
    assert_eq!(app.mode.kind(), ModeKind::Conflicts);
    assert!(
        message(&app).contains("1 conflict with"),
        "{}",
        message(&app)
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        before,
        "nothing written"
    );
    (path, app)
}

fn a_clash_opens_the_conflict_screen_and_theirs_is_written(dir: &Path) {
    let (path, mut app) = conflict(dir, "clash.ron");
    let Mode::Conflicts { screen, .. } = &app.mode else {
        panic!("the conflict screen")
    };
    assert_eq!(screen.rows.len(), 1);
    assert_eq!(screen.rows[0].item, "D-00008");
    assert_eq!(screen.rows[0].field, "status");
    assert_eq!(screen.rows[0].mine.as_deref(), Some("in_progress"));
    assert_eq!(screen.rows[0].theirs.as_deref(), Some("done"));
    // Enter before a pick writes nothing.
    press_saved(&mut app, "<Enter>");
    assert_eq!(app.mode.kind(), ModeKind::Conflicts);
    assert!(message(&app).contains("still to pick"), "{}", message(&app));
    press_saved(&mut app, "t <Enter>");
    assert_eq!(app.mode, Mode::Normal);
    assert!(
        message(&app).starts_with("conflicts settled, merged from disk: "),
        "{}",
        message(&app)
    );
    app.wait_saved();
    let disk = on_disk(&path);
    assert_eq!(disk.debt("D-00008").unwrap().status, DebtStatus::Done);
    assert_eq!(disk.north_star, "theirs");
    assert_eq!(**app.plan(), disk);
    assert!(!app.dirty());
}

fn r_takes_their_version_after_a_clash(dir: &Path) {
    let (path, mut app) = conflict(dir, "r.ron");
    // Esc leaves the screen with nothing written and ours unsaved.
    press_saved(&mut app, "<Esc>");
    assert_eq!(app.mode, Mode::Normal);
    assert!(
        message(&app).contains("nothing written"),
        "{}",
        message(&app)
    );
    assert!(app.dirty());
    let mine = app.plan().debt("D-00008").unwrap().status;
    press_saved(&mut app, "R");
    assert_eq!(app.mode.kind(), ModeKind::Ask);
    press_saved(&mut app, "n");
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(
        app.plan().debt("D-00008").unwrap().status,
        mine,
        "still mine"
    );
    press_saved(&mut app, "R y");
    assert_eq!(**app.plan(), on_disk(&path));
    assert_eq!(app.plan().north_star, "theirs");
    assert!(!app.dirty());
    assert_eq!(
        message(&app),
        "reloaded r.ron: 0 added, 1 changed, 0 removed, settings changed (D-00008)"
    );
    // Saving works again.
    press_saved(&mut app, "x");
    assert!(matches!(&app.saved, Some(Ok(_))), "{:?}", app.saved);
}

fn k_keeps_mine_and_backs_up_theirs(dir: &Path) {
    let (path, mut app) = conflict(dir, "k.ron");
    press_saved(&mut app, "<Esc>");
    let theirs = std::fs::read_to_string(&path).unwrap();
    press_saved(&mut app, "K");
    assert!(!app.dirty());
    assert!(matches!(&app.saved, Some(Ok(_))), "{:?}", app.saved);
    // K keeps mine only where they clash (issue 12 finding 12): their
    // North Star, which did not clash, stays.
    assert!(
        message(&app).starts_with("kept mine in clashes, merged: settings north_star"),
        "{}",
        message(&app)
    );
    assert_eq!(on_disk(&path), **app.plan());
    assert_eq!(app.plan().north_star, "theirs");
    assert_ne!(
        app.plan().debt("D-00008").unwrap().status,
        DebtStatus::Done,
        "mine where they clash"
    );
    let backups = store::backup::list(&path);
    assert!(
        backups
            .iter()
            .any(|b| std::fs::read_to_string(b).unwrap() == theirs),
        "their version is among the backups: {backups:?}"
    );
}

fn an_unreadable_outside_version_is_reported_once(dir: &Path) {
    let (path, mut app) = open(dir, "broken.ron", false);
    std::fs::write(&path, "(this is not a plan").unwrap();
    assert!(!reload::tick(&mut app));
    assert!(
        message(&app).starts_with("broken.ron changed, cannot be read; yours kept: "),
        "{}",
        message(&app)
    );
    assert_eq!(**app.plan(), fixture(), "ours stays open");
    app.message = None;
    for _ in 0..12 {
        reload::tick(&mut app);
    }
    assert_eq!(app.message, None, "said once");
    // Fixed on disk: adopted.
    outside_text(&path, &fixture(), |p| p.north_star = "fixed".into());
    assert!(reload::tick(&mut app));
    assert_eq!(app.plan().north_star, "fixed");
    // The adopted plan is copied by the writer, and the watch waits while
    // it is busy: as in `open`, check once the copy is taken (else the next
    // tick is skipped on a loaded machine).
    app.session.persist_mut().flush();

    // Deleted (a branch switch): said once too, and ours stays open.
    std::fs::remove_file(&path).unwrap();
    assert!(!reload::tick(&mut app));
    assert!(
        message(&app).contains("cannot be read"),
        "{}",
        message(&app)
    );
    app.message = None;
    for _ in 0..12 {
        reload::tick(&mut app);
    }
    assert_eq!(app.message, None, "said once");
    assert_eq!(app.plan().north_star, "fixed");
}

fn outside_text(path: &Path, base: &Plan, edit: impl FnOnce(&mut Plan)) {
    let mut p = base.clone();
    edit(&mut p);
    std::fs::write(path, store::render(&p).unwrap()).unwrap();
}

fn a_read_only_ui_follows_the_file_too(dir: &Path) {
    let (path, mut app) = open(dir, "second.ron", true);
    outside(&path, |p| p.debts.retain(|d| d.id != "D-00001"));
    assert!(reload::tick(&mut app));
    assert!(app.plan().debt("D-00001").is_none());
    assert_eq!(message(&app), "reloaded second.ron: D-00001 removed");
}
