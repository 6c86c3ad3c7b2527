//! Two real UIs on one plan in tmux: the second says why it is read-only
//! and becomes writable when the first quits.

mod common;

use common::tmux::plan_when;

use std::path::Path;
use std::time::Duration;

use common::tmux::{AFTER_EXIT, Tmux};

fn start(name: &str, cwd: &Path, data: &Path) -> Option<Tmux> {
    let cmd = format!("{}; {AFTER_EXIT}; sleep 60", common::tmux::app(data, ""));
    let t = Tmux::spawn(&format!("store-{name}"), cwd, &cmd)?;
    t.wait_for("1 Overview");
    Some(t)
}

#[test]
fn a_second_ui_is_read_only_until_the_first_quits() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bearing.ron");
    std::fs::write(&path, bearing::store::embedded::DEMO).unwrap();
    let data = dir.path().join("data");
    let Some(first) = start("first", dir.path(), &data) else {
        return;
    };
    let Some(second) = start("second", dir.path(), &data) else {
        return;
    };
    // Said at once, whole at 80 columns, with the first UI's pid.
    let s = second.wait_for("read-only: another bearing (pid");
    assert!(s.contains("is editing this plan"), "{s}");
    let before = bearing::store::load(&path).unwrap().plan;
    // A change in the second UI is refused, with the reason again.
    second.keys(&["2"]);
    second.wait_for("sort rank");
    second.keys(&["x"]);
    second.wait_for("read-only: another bearing (pid");
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(bearing::store::load(&path).unwrap().plan, before);
    // The first quits: within a tick or two the second may edit.
    first.quit();
    second.wait_for("is yours to edit now");
    second.keys(&["x"]);
    let after = plan_when(&path, |p| *p != before);
    assert_ne!(after, before, "the second UI's change reached the file");
    second.quit();
    // A clean quit leaves no presence lock file behind.
    let lock = dir.path().join(".bearing.ron.ui-lock");
    assert!(!lock.exists(), "{lock:?} left after the UIs quit");
}

/// Opening is reading: a plan in a read-only directory opens read-only and
/// says why, instead of failing on its lock file.
#[cfg(unix)]
#[test]
fn a_plan_in_a_read_only_directory_opens_read_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let ro = dir.path().join("ro");
    std::fs::create_dir_all(&ro).unwrap();
    let path = ro.join("bearing.ron");
    std::fs::write(&path, bearing::store::embedded::DEMO).unwrap();
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o555)).unwrap();
    let data = dir.path().join("data");
    let Some(ui) = start("rodir", &ro, &data) else {
        return;
    };
    ui.wait_for("read-only: its directory is read-only");
    ui.keys(&["2"]);
    ui.wait_for("sort rank");
    ui.keys(&["x"]);
    ui.wait_for("read-only: its directory is read-only");
    ui.quit();
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        bearing::store::embedded::DEMO
    );
    let names: Vec<_> = std::fs::read_dir(&ro).unwrap().collect();
    assert_eq!(names.len(), 1, "nothing written beside the plan: {names:?}");
}
