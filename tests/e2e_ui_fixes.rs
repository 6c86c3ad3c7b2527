//! Issue 10, second round, with the real binary in tmux at 80×24 on a copy
//! of the demo plan: Ctrl-C in a filled form asks before it discards, and a
//! pasted line break (sent as CR) is a line break in the file.

mod common;

use std::path::PathBuf;

use common::tmux::{AFTER_EXIT, Tmux};

struct Fixture {
    dir: tempfile::TempDir,
    path: PathBuf,
}

impl Fixture {
    fn new() -> Fixture {
        let (dir, path) = common::tmux::demo_copy();
        Fixture { dir, path }
    }

    /// `None` (and a note) when tmux is missing: `.ci/run` installs it.
    fn open(&self, name: &str) -> Option<Tmux> {
        let cmd = format!(
            "{}; {AFTER_EXIT}; sleep 60",
            common::tmux::app(&self.dir.path().join("data"), "")
        );
        let t = Tmux::spawn(&format!("uifix-{name}"), self.dir.path(), &cmd)?;
        t.wait_for("1 Overview");
        Some(t)
    }
}

#[test]
fn ctrl_c_in_a_filled_form_asks_and_keeps_the_form_on_no() {
    let f = Fixture::new();
    let Some(t) = f.open("ctrl-c-form") else {
        return;
    };
    t.keys(&["2", "a"]);
    t.wait_for("Add debt");
    t.text("Half typed title");
    t.wait_for("Half typed title");
    t.keys(&["C-c"]);
    let s = t.wait_for("Discard the form");
    assert!(s.contains("quit?"), "{s}");
    t.keys(&["n"]);
    t.wait_for("Half typed title");
    t.keys(&["C-c"]);
    t.wait_for("Discard the form");
    t.keys(&["y"]);
    t.assert_restored(0);
    let plan = bearing::store::load(&f.path).unwrap().plan;
    assert!(plan.debts.iter().all(|d| d.title != "Half typed title"));
}

/// A bracketed paste of two lines (tmux sends the line break as CR, as
/// terminals do) into a Description is a line break in the file.
#[test]
fn a_pasted_line_break_in_a_description_is_a_line_break_in_the_file() {
    let f = Fixture::new();
    let Some(t) = f.open("paste-cr") else {
        return;
    };
    t.keys(&["2", "a"]);
    t.wait_for("Add debt");
    t.text("Pasted notes");
    t.keys(&["BTab"]);
    t.tmux(&["set-buffer", "--", "line A\nline B"]);
    t.tmux(&["paste-buffer", "-p", "-t", "t"]);
    t.wait_for("line A⏎line B");
    t.keys(&["C-s"]);
    t.wait_for("added");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let description = loop {
        let plan = bearing::store::load(&f.path).unwrap().plan;
        if let Some(d) = plan.debts.iter().find(|d| d.title == "Pasted notes") {
            break d.description.clone();
        }
        assert!(std::time::Instant::now() < deadline, "never saved");
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    assert_eq!(description, "line A\nline B");
    t.quit();
}
