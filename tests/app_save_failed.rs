//! Issue 10, second round, point 4: what a refused save says is whole at
//! 80×24 — the status bar keeps the file name and the fix, the quit dialog
//! ends its sentences, and the words fit the reason (no "theirs" when
//! nobody else wrote the file). The read-only test sets `BEARING_DATA_DIR`; the other reads no
//! environment.

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use bearing::session::file_persist::FilePersist;
use bearing::store;
use bearing::tui::app::App;
use bearing::tui::quit;
use common::keys::press;
use common::{fixture, today};

fn screen(app: &App, w: u16, h: u16) -> String {
    let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
    term.draw(|f| bearing::tui::views::draw(f, app)).unwrap();
    term.backend().to_string()
}

fn status_line(app: &App, w: u16) -> String {
    let s = screen(app, w, 24);
    s.lines().last().unwrap_or("").to_owned()
}

fn set(p: &Path, mode: u32) {
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// A UI on a plan made read-only after it opened, with one change refused.
fn refused(dir: &Path) -> App {
    let path = dir.join("bearing.ron");
    let fp = store::create(&path, &store::render(&fixture()).unwrap()).unwrap();
    let persist = FilePersist::new(path.clone(), fp, None);
    let mut app = App::new(fixture(), today(), false, Box::new(persist));
    set(&path, 0o444);
    press(&mut app, "2 x");
    app.wait_saved();
    assert!(app.dirty());
    app
}

#[test]
fn a_refused_save_says_everything_at_80x24() {
    let data = tempfile::tempdir().unwrap();
    // SAFETY: the only test in this binary.
    unsafe { std::env::set_var("BEARING_DATA_DIR", data.path()) };
    let tmp = tempfile::tempdir().unwrap();
    let mut app = refused(tmp.path());
    for w in [80, 100] {
        let bar = status_line(&app, w);
        assert!(bar.contains("bearing.ron"), "the file name at {w}: {bar:?}");
        assert!(bar.contains("chmod u+w"), "the fix at {w}: {bar:?}");
    }
    insta::assert_snapshot!("read_only_status_80x24", screen(&app, 80, 24));

    press(&mut app, "q");
    let dialog = screen(&app, 80, 24);
    insta::assert_snapshot!("read_only_quit_dialog_80x24", dialog);
    assert!(
        !dialog.contains("theirs"),
        "nobody else wrote it:\n{dialog}"
    );

    // Once the UI is gone, stderr names the recovery copy, not a key.
    let (said, _) = quit::on_exit(&mut app, None).expect("something to say");
    assert!(!said.contains("K "), "{said}");
    assert!(said.contains("recovered"), "{said}");
    set(&tmp.path().join("bearing.ron"), 0o644);
}

/// A full disk has no "theirs": the dialog says what K does for it.
#[test]
fn the_quit_dialog_is_worded_by_its_reason() {
    let full = quit::explain("write: No space left on device (os error 28)");
    assert!(!full.contains("theirs"), "{full}");
    assert!(full.contains("K tries the save again"), "{full}");
    assert!(quit::explain("file changed on disk").contains("theirs goes to the backups"));
}
