//! The real event loop in tmux (80×24): a quick add whose title goes
//! through `$EDITOR` (Ctrl-e) and a bracketed paste, a CLI write from another
//! shell that the open UI reloads, search to the new item, `: quit`.

mod common;

use std::path::Path;
use std::process::Command;

use common::tmux::{AFTER_EXIT, Tmux};

/// `bearing` in `cwd` at 80×24 with an "editor" that rewrites the text it
/// is given, like a user would.
fn start(name: &str, cwd: &Path, data: &Path) -> Option<Tmux> {
    let cmd = format!(
        "{}; {AFTER_EXIT}; sleep 30",
        common::tmux::app(data, "VISUAL= EDITOR='sed -i s/draft/edited/'")
    );
    Tmux::spawn(&format!("wire-{name}"), cwd, &cmd)
}

#[test]
fn add_with_editor_and_paste_then_follow_a_cli_write_and_quit_from_the_palette() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bearing.ron");
    std::fs::write(&path, bearing::store::embedded::DEMO).unwrap();
    let data = dir.path().join("data");
    let Some(t) = start("add", dir.path(), &data) else {
        return;
    };
    t.wait_for("1 Overview");

    t.keys(&["2", "a"]);
    t.wait_for("Add debt");
    t.text("draft title");
    t.keys(&["C-e"]);
    t.wait_for("edited title");
    t.tmux(&["set-buffer", " pasted"]);
    t.tmux(&["paste-buffer", "-p", "-t", "t"]);
    t.wait_for("edited title pasted");
    t.keys(&["Enter"]);
    t.wait_for("added D-");

    let out = Command::new(env!("CARGO_BIN_EXE_bearing"))
        .args(["--file"])
        .arg(&path)
        .args(["add", "debt", "Written by the CLI"])
        .env("BEARING_DATA_DIR", &data)
        .env("BEARING_TODAY", "2026-11-20")
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let s = t.wait_for("reloaded bearing.ron: D-");
    let status = s.lines().last().unwrap_or("");
    assert!(
        status.ends_with(" added") || status.contains(" added "),
        "{s}"
    );

    t.keys(&["/"]);
    t.wait_for("Search");
    t.text("written by");
    t.keys(&["Enter"]);
    t.wait_for("“Written by the CLI”");

    t.keys(&[":"]);
    t.wait_for("Commands");
    t.text("quit");
    t.keys(&["Enter"]);
    t.assert_restored(0);

    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("\"edited title pasted\""), "saved at once");
    assert!(
        text.contains("\"Written by the CLI\""),
        "the CLI's item kept"
    );
}
