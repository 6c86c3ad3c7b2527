//! The real binary in a real terminal: tmux runs `bearing` at 80×24, the test
//! types with send-keys and reads the screen with capture-pane.

mod common;

use std::path::Path;
use std::time::Duration;

use common::tmux::{AFTER_EXIT, Tmux};

/// Starts `bearing ARGS` at 80×24 in `cwd` (default: a fresh temporary
/// directory), with a fixed today; the pane keeps what it left on exit.
fn start(name: &str, args: &[&str], cwd: Option<&Path>) -> Option<Tmux> {
    let dir = tempfile::tempdir().unwrap();
    let bin = env!("CARGO_BIN_EXE_bearing");
    let mut cmd = format!(
        "env BEARING_TODAY=2026-11-20 BEARING_DATA_DIR={} TERM=xterm-256color {bin}",
        dir.path().join("data").display()
    );
    for a in args {
        cmd.push(' ');
        cmd.push_str(&shell_quote(a));
    }
    let cwd = cwd.unwrap_or(dir.path()).to_path_buf();
    let t = Tmux::spawn(name, &cwd, &format!("{cmd}; {AFTER_EXIT}; sleep 30"))?;
    Some(t.holding(dir))
}

fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

#[test]
fn cli_output_in_a_terminal_is_clean() {
    let Some(t) = start("cli", &["--demo", "rank", "--limit", "3"], None) else {
        return;
    };
    let s = t.wait_for("EXITED=0");
    assert!(s.contains("score"), "{s}");
}

#[test]
fn demo_opens_switches_views_shows_help_and_quits_cleanly() {
    let Some(t) = start("ui", &["--demo"], None) else {
        return;
    };
    t.wait_for("1 Overview");
    t.wait_for("North Star");
    t.wait_for("read-only");
    t.keys(&["2"]);
    // The detail pane with the score breakdown is drawn below the table.
    t.wait_for("cost of delay");
    t.keys(&["3"]);
    t.wait_for("Candidates");
    t.keys(&["4"]);
    t.wait_for("running");
    t.keys(&["5"]);
    t.wait_for("progress");
    t.keys(&["?"]);
    t.wait_for("Keys:");
    t.keys(&["Escape"]);
    std::thread::sleep(Duration::from_millis(200));
    t.keys(&["q"]);
    t.assert_restored(0);
}

#[test]
fn ctrl_c_quits_and_restores_the_terminal() {
    let Some(t) = start("ctrlc", &["--demo"], None) else {
        return;
    };
    t.wait_for("1 Overview");
    t.keys(&["C-c"]);
    t.assert_restored(0);
}

#[test]
fn a_plan_file_opens_and_a_second_ui_is_read_only() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("bearing.ron"),
        bearing::store::embedded::DEMO,
    )
    .unwrap();
    let Some(first) = start("first", &[], Some(dir.path())) else {
        return;
    };
    // The status bar is the last line drawn: wait for it, not the tab bar.
    let s = first.wait_for("bearing.ron");
    assert!(!s.contains("read-only"), "{s}");
    let Some(second) = start("second", &[], Some(dir.path())) else {
        return;
    };
    // Times out with the screen in the message unless it says read-only.
    second.wait_for("read-only");
    second.keys(&["q"]);
    first.keys(&["q"]);
    first.assert_restored(0);
}

/// An interactive shell in tmux, for job control (Ctrl-Z, `fg`).
fn shell(name: &str) -> Option<Tmux> {
    let dir = tempfile::tempdir().unwrap();
    let cmd = "env PS1='$ ' TERM=xterm-256color bash --norc --noprofile -i";
    Some(Tmux::spawn(name, dir.path(), cmd)?.holding(dir))
}

#[test]
fn ctrl_z_suspends_to_the_shell_and_fg_redraws() {
    let Some(t) = shell("suspend") else {
        return;
    };
    t.wait_for("$");
    let bin = env!("CARGO_BIN_EXE_bearing");
    t.keys(&[&format!("BEARING_TODAY=2026-11-20 {bin} --demo"), "Enter"]);
    t.wait_for("1 Overview");
    t.keys(&["2"]);
    t.wait_for("cost of delay");
    t.keys(&["C-z"]);
    let s = t.wait_for("Stopped");
    assert!(
        !s.contains("1 Overview"),
        "the shell has the screen back: {s}"
    );
    // The typed line shows "FLAGS-$(stty…"; only the output shows the flags.
    t.keys(&[
        "echo FLAGS-$(stty -a | tr -s ' ;' '\\n\\n' | grep -xE -- '-?(icanon|echo)' | tr '\\n' '-')",
        "Enter",
    ]);
    // Times out with the screen in the message if the flags are not sane.
    t.wait_for("FLAGS-icanon-echo-");
    t.keys(&["fg", "Enter"]);
    let s = t.wait_for("cost of delay");
    assert!(s.contains("1 Overview"), "fg redraws the same view: {s}");
    t.keys(&["q"]);
    t.keys(&["echo DONE=$?", "Enter"]);
    t.wait_for("DONE=0");
}
