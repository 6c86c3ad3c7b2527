//! When a UI may write its plan: a second UI opens read-only and says why,
//! and takes over when the first quits; a read-only file refuses a save
//! without losing the change. The tick handler is driven directly.

mod common;

use common::keys::press_saved;

use common::message;

use std::path::Path;

use bearing::model::Plan;
use bearing::session::file_persist::FilePersist;
use bearing::store;
use bearing::tui::app::App;
use bearing::tui::reload;
use common::{fixture, today};

fn on_disk(path: &Path) -> Plan {
    store::load(path).unwrap().plan
}

/// A UI on `path` opened as `bearing` opens one: editable if it gets the
/// plan, read-only with the reason otherwise.
fn open_ui(path: &Path) -> App {
    let loaded = store::load(path).unwrap();
    let (presence, why) = match store::open_for_editing(path) {
        Ok(lock) => (Some(lock), None),
        Err(why) => (None, Some(why)),
    };
    let read_only = presence.is_none();
    let mut persist = FilePersist::new(path.to_path_buf(), loaded.fingerprint, presence);
    if read_only {
        persist.wait_for_access();
    }
    let mut app = App::new(loaded.plan, today(), read_only, Box::new(persist));
    app.read_only_why = why;
    app
}

/// One test function: it sets `BEARING_DATA_DIR` (where backups go) before
/// any other thread could read the environment.
#[test]
fn who_may_write_the_plan() {
    let data = tempfile::tempdir().unwrap();
    // SAFETY: the only test in this binary, so no other thread reads the
    // environment while it is set.
    unsafe { std::env::set_var("BEARING_DATA_DIR", data.path()) };
    a_second_ui_says_why_it_is_read_only_and_takes_over_when_the_first_quits();
    #[cfg(unix)]
    a_read_only_file_opens_read_only_and_a_save_refused_keeps_the_change();
}

fn a_second_ui_says_why_it_is_read_only_and_takes_over_when_the_first_quits() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("bearing.ron");
    store::create(&path, &store::render(&fixture()).unwrap()).unwrap();

    let mut first = open_ui(&path);
    assert!(!first.read_only());
    let mut second = open_ui(&path);
    assert!(second.read_only());
    let pid = std::process::id();
    assert_eq!(
        second.read_only_why.as_deref(),
        Some(format!("another bearing (pid {pid}) is editing this plan").as_str())
    );
    press_saved(&mut second, "2 x");
    assert_eq!(
        message(&second),
        format!("read-only: another bearing (pid {pid}) is editing this plan")
    );
    assert!(!reload::tick(&mut second));
    assert!(
        second.read_only(),
        "still read-only while the first is open"
    );

    // The first UI's last change, then it quits.
    press_saved(&mut first, "2 x");
    let theirs = on_disk(&path);
    assert_eq!(theirs, **first.plan());
    drop(first);

    assert!(reload::tick(&mut second), "the next tick takes over");
    assert!(!second.read_only());
    assert_eq!(
        message(&second),
        "bearing.ron is yours to edit now: changes are saved again"
    );
    assert_eq!(**second.plan(), theirs, "with the first UI's last change");
    press_saved(&mut second, "j x");
    assert!(
        matches!(&second.saved, Some(Ok(s)) if s.starts_with("saved ")),
        "{:?}",
        second.saved
    );
    assert_eq!(on_disk(&path), **second.plan());
    assert_ne!(on_disk(&path), theirs);
    // And now a third UI is the read-only one.
    assert!(open_ui(&path).read_only());
}

#[cfg(unix)]
fn a_read_only_file_opens_read_only_and_a_save_refused_keeps_the_change() {
    use std::os::unix::fs::PermissionsExt;
    let set =
        |p: &Path, m: u32| std::fs::set_permissions(p, std::fs::Permissions::from_mode(m)).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("bearing.ron");
    store::create(&path, &store::render(&fixture()).unwrap()).unwrap();

    // Read-only when it opens: said, and writable once chmod u+w.
    set(&path, 0o444);
    let mut app = open_ui(&path);
    assert!(app.read_only());
    assert!(
        app.read_only_why
            .as_deref()
            .unwrap()
            .contains("file is read-only")
    );
    assert!(!reload::tick(&mut app));
    set(&path, 0o644);
    assert!(reload::tick(&mut app));
    assert!(!app.read_only());
    drop(app);

    // Made read-only while open: the save is refused, the change stays.
    let mut app = open_ui(&path);
    let before = std::fs::read(&path).unwrap();
    set(&path, 0o444);
    press_saved(&mut app, "2 x");
    assert!(app.dirty(), "the change is kept");
    let why = match &app.saved {
        // As the status bar says it.
        Some(Err(refused)) => bearing::tui::app::save_error_text(refused),
        other => panic!("{other:?}"),
    };
    assert!(why.contains("read-only file"), "{why}");
    assert!(why.contains("K saves it"), "{why}");
    assert_eq!(std::fs::read(&path).unwrap(), before, "not overwritten");
    assert_eq!(
        std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o444
    );
    set(&path, 0o644);
    press_saved(&mut app, "K");
    assert!(!app.dirty());
    assert_eq!(on_disk(&path), **app.plan());
}
