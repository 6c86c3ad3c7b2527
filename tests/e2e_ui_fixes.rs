//! Issue 10, second round, with the real binary in tmux at 80×24 on a copy
//! of the demo plan: Ctrl-C in a filled form asks before it discards.

mod common;

use std::path::PathBuf;

use common::tmux::{AFTER_EXIT, Tmux};

const TODAY: &str = "2026-11-20";

struct Fixture {
    dir: tempfile::TempDir,
    path: PathBuf,
}

impl Fixture {
    fn new() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bearing.ron");
        std::fs::write(&path, bearing::store::embedded::DEMO).unwrap();
        Fixture { dir, path }
    }

    /// `None` (and a note) when tmux is missing: `.ci/run` installs it.
    fn open(&self, name: &str) -> Option<Tmux> {
        let bin = env!("CARGO_BIN_EXE_bearing");
        let cmd = format!(
            "env BEARING_TODAY={TODAY} BEARING_DATA_DIR={} TERM=xterm-256color RUST_BACKTRACE=0 {bin}; {AFTER_EXIT}; sleep 60",
            self.dir.path().join("data").display()
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
