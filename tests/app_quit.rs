//! Issue 10 point 1: no way out of the UI drops a change that is not on
//! disk. After a save was refused ("changed on disk"), `q`, Ctrl-C and the
//! palette's `quit` ask: K keeps mine (theirs is backed up) and quits, w
//! writes a recovery copy and quits, Esc stays. Where nobody can be asked
//! (a signal), `quit::on_exit` writes the recovery copy and names it.
//!
//! One test function: it sets `BEARING_DATA_DIR` (where backups go) before
//! any other thread could read the environment.

mod common;

use common::message;

use std::path::{Path, PathBuf};

use bearing::model::{DebtStatus, Plan};
use bearing::session::file_persist::FilePersist;
use bearing::store;
use bearing::tui::action::Effect;
use bearing::tui::app::{App, Mode};
use bearing::tui::quit;
use common::keys::{press, type_text};
use common::{fixture, today};

/// A UI on a plan file, an outside write, then our change of the same
/// field: the two clash, so nothing is written and the App holds the only
/// copy of ours (an outside change of other fields merges, see
/// `app_reload.rs`).
fn conflict(dir: &Path, name: &str) -> (PathBuf, App) {
    let path = dir.join(name);
    let fp = store::create(&path, &store::render(&fixture()).unwrap()).unwrap();
    let persist = FilePersist::new(path.clone(), fp, None);
    let mut app = App::new(fixture(), today(), false, Box::new(persist));
    store::update(&path, |p: &mut Plan| {
        p.north_star = "theirs".into();
        if let Some(d) = p.debts.iter_mut().find(|d| d.id == "D-00008") {
            d.status = DebtStatus::Done;
        }
        Ok::<(), store::StoreError>(())
    })
    .unwrap();
    press(&mut app, "2 x");
    app.wait_saved();
    assert!(app.dirty());
    assert!(
        matches!(&app.saved, Some(Err(e)) if e.to_string().contains("changed on disk")),
        "{:?}",
        app.saved
    );
    (path, app)
}

fn mine(app: &App) -> DebtStatus {
    app.plan().debt("D-00008").unwrap().status
}

fn on_disk(path: &Path) -> Plan {
    store::load(path).unwrap().plan
}

fn recovery_copies(dir: &Path, name: &str) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name().is_some_and(|n| {
                n.to_string_lossy()
                    .starts_with(&format!("{name}.recovered-"))
            })
        })
        .collect();
    found.sort();
    found
}

#[test]
fn quitting_never_drops_an_unsaved_change() {
    let tmp = tempfile::tempdir().unwrap();
    // SAFETY: the only test in this binary, so no other thread reads the
    // environment while it is set.
    unsafe { std::env::set_var("BEARING_DATA_DIR", tmp.path().join("data")) };

    q_asks_and_esc_stays(tmp.path());
    ctrl_c_and_the_palette_ask_too(tmp.path());
    k_keeps_mine_and_quits(tmp.path());
    k_keeps_a_change_made_outside_after_the_clash(tmp.path());
    w_writes_a_recovery_copy_and_quits(tmp.path());
    a_signal_writes_the_recovery_copy_and_names_it(tmp.path());
    the_watchdog_rescues_from_the_writers_copy(tmp.path());
    nothing_unsaved_quits_at_once(tmp.path());
}

fn q_asks_and_esc_stays(dir: &Path) {
    let (path, mut app) = conflict(dir, "esc.ron");
    assert_eq!(press(&mut app, "q"), Effect::None, "q must not quit");
    assert!(matches!(&app.mode, Mode::Quit { reason } if reason == "file changed on disk"));
    assert!(message(&app).contains("K keeps mine"), "{}", message(&app));
    // q again is not "quit anyway".
    assert_eq!(press(&mut app, "q"), Effect::None);
    assert_eq!(press(&mut app, "<Esc>"), Effect::None);
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(
        mine(&app),
        DebtStatus::InProgress,
        "the change is still here"
    );
    assert!(app.dirty());
    assert_eq!(on_disk(&path).north_star, "theirs", "nothing written");
    assert!(recovery_copies(dir, "esc.ron").is_empty());
}

fn ctrl_c_and_the_palette_ask_too(dir: &Path) {
    let (_, mut app) = conflict(dir, "ctrlc.ron");
    assert_eq!(press(&mut app, "<C-c>"), Effect::None);
    assert!(matches!(app.mode, Mode::Quit { .. }), "{:?}", app.mode);
    press(&mut app, "n");
    assert_eq!(app.mode, Mode::Normal);
    press(&mut app, ":");
    type_text(&mut app, "quit");
    assert_eq!(press(&mut app, "<Enter>"), Effect::None);
    assert!(matches!(app.mode, Mode::Quit { .. }), "{:?}", app.mode);
    // Ctrl-C in the question: out, but only once the change is in a
    // recovery copy.
    assert_eq!(press(&mut app, "<C-c>"), Effect::Quit);
    let copies = recovery_copies(dir, "ctrlc.ron");
    assert_eq!(copies.len(), 1, "{copies:?}");
    assert_eq!(app.session.recovered(), Some(&copies[0]));
}

fn k_keeps_mine_and_quits(dir: &Path) {
    let (path, mut app) = conflict(dir, "k.ron");
    let theirs = std::fs::read_to_string(&path).unwrap();
    press(&mut app, "q");
    assert_eq!(press(&mut app, "K"), Effect::Quit);
    let disk = on_disk(&path);
    assert_eq!(disk.debt("D-00008").unwrap().status, DebtStatus::InProgress);
    // K keeps mine only where they clash: their North Star did not.
    assert_eq!(disk.north_star, "theirs");
    assert!(
        store::backup::list(&path)
            .iter()
            .any(|b| std::fs::read_to_string(b).unwrap() == theirs),
        "theirs is in the backups"
    );
    assert!(
        quit::on_exit(&mut app, None).is_none(),
        "nothing left to say"
    );
}

/// The reported journey: a clash, then the CLI changes another item, then
/// Esc, `q`, `K`: the CLI's change is in the file, not only in the backups.
fn k_keeps_a_change_made_outside_after_the_clash(dir: &Path) {
    let (path, mut app) = conflict(dir, "k2.ron");
    bearing::tui::reload::tick(&mut app);
    store::update(&path, |p: &mut Plan| {
        p.debts.iter_mut().find(|d| d.id == "D-00001").unwrap().risk = 1;
        Ok::<(), store::StoreError>(())
    })
    .unwrap();
    press(&mut app, "<Esc> q");
    assert!(matches!(app.mode, Mode::Quit { .. }), "{:?}", app.mode);
    assert_eq!(press(&mut app, "K"), Effect::Quit, "{}", message(&app));
    let disk = on_disk(&path);
    assert_eq!(
        disk.debt("D-00008").unwrap().status,
        DebtStatus::InProgress,
        "mine"
    );
    assert_eq!(disk.north_star, "theirs", "their change that did not clash");
    assert_eq!(
        disk.debt("D-00001").unwrap().risk,
        1,
        "the CLI's later change"
    );
}

fn w_writes_a_recovery_copy_and_quits(dir: &Path) {
    let (path, mut app) = conflict(dir, "w.ron");
    press(&mut app, "q");
    assert_eq!(press(&mut app, "w"), Effect::Quit);
    let copies = recovery_copies(dir, "w.ron");
    assert_eq!(copies.len(), 1, "{copies:?}");
    let copy = store::load(&copies[0]).unwrap().plan;
    assert_eq!(copy, **app.plan(), "the copy is the plan as the UI held it");
    assert_eq!(copy.debt("D-00008").unwrap().status, DebtStatus::InProgress);
    assert_eq!(on_disk(&path).north_star, "theirs", "theirs untouched");
    // After the UI: said once more on stderr, not written twice, not a failure.
    let (said, failed) = quit::on_exit(&mut app, None).unwrap();
    assert!(!failed);
    assert!(said.contains(&copies[0].display().to_string()), "{said}");
    assert_eq!(recovery_copies(dir, "w.ron").len(), 1);
}

fn a_signal_writes_the_recovery_copy_and_names_it(dir: &Path) {
    let (_, mut app) = conflict(dir, "sig.ron");
    let (said, failed) = quit::on_exit(&mut app, Some("SIGTERM")).unwrap();
    assert!(failed, "a signal with an unsaved change exits 1");
    let copies = recovery_copies(dir, "sig.ron");
    assert_eq!(copies.len(), 1, "{copies:?}");
    assert!(
        said.starts_with("stopped by SIGTERM; your unsaved change (file changed on disk) is in "),
        "{said}"
    );
    assert!(said.contains(&copies[0].display().to_string()), "{said}");
    let copy = store::load(&copies[0]).unwrap().plan;
    assert_eq!(copy.debt("D-00008").unwrap().status, DebtStatus::InProgress);
}

/// After SIGHUP the UI's thread may never run again (crossterm spins on the
/// dead terminal): the watchdog saves the save writer's copy instead.
fn the_watchdog_rescues_from_the_writers_copy(dir: &Path) {
    let (_, app) = conflict(dir, "dog.ron");
    let rescue = app
        .session
        .persist()
        .rescuer()
        .expect("a file persist can be rescued");
    let written = rescue(std::time::Duration::from_secs(2))
        .expect("a change is not on disk")
        .unwrap();
    let copy = store::load(&written).unwrap().plan;
    assert_eq!(copy, **app.plan(), "the writer's copy is the App's plan");
    assert_eq!(recovery_copies(dir, "dog.ron"), [written]);

    let path = dir.join("dog-clean.ron");
    let fp = store::create(&path, &store::render(&fixture()).unwrap()).unwrap();
    let persist = FilePersist::new(path.clone(), fp, None);
    let mut app = App::new(fixture(), today(), false, Box::new(persist));
    press(&mut app, "2 x");
    let rescue = app.session.persist().rescuer().unwrap();
    assert!(
        rescue(std::time::Duration::from_secs(2)).is_none(),
        "saved: nothing to rescue"
    );
    assert!(recovery_copies(dir, "dog-clean.ron").is_empty());
}

fn nothing_unsaved_quits_at_once(dir: &Path) {
    let path = dir.join("clean.ron");
    let fp = store::create(&path, &store::render(&fixture()).unwrap()).unwrap();
    let persist = FilePersist::new(path.clone(), fp, None);
    let mut app = App::new(fixture(), today(), false, Box::new(persist));
    press(&mut app, "2 x");
    // The save may still be on its way: quit waits for it, then goes.
    assert_eq!(press(&mut app, "q"), Effect::Quit);
    assert_eq!(on_disk(&path), **app.plan());
    assert!(quit::on_exit(&mut app, Some("SIGHUP")).is_none());
    assert!(recovery_copies(dir, "clean.ron").is_empty());
}
