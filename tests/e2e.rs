//! The real binary in a real terminal: tmux runs `bearing` at 80×24, the test
//! types with send-keys and reads the screen with capture-pane.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// One tmux server per test (its own socket), killed on drop.
struct Tmux {
    socket: String,
    _dir: tempfile::TempDir,
}

fn have_tmux() -> bool {
    Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

impl Tmux {
    /// Starts `bearing ARGS` in an 80×24 window, in `cwd`, with a fixed today.
    fn start(name: &str, args: &[&str], cwd: Option<&Path>) -> Option<Tmux> {
        if !have_tmux() {
            eprintln!("tmux is not installed: skipping {name} (.ci/run installs it)");
            return None;
        }
        let dir = tempfile::tempdir().unwrap();
        let socket = format!("bearing-e2e-{name}-{}", std::process::id());
        let bin = env!("CARGO_BIN_EXE_bearing");
        let mut cmd = format!(
            "env BEARING_TODAY=2026-11-20 BEARING_DATA_DIR={} TERM=xterm-256color {bin}",
            dir.path().join("data").display()
        );
        for a in args {
            cmd.push(' ');
            cmd.push_str(&shell_quote(a));
        }
        // Keep the pane after the program exits so the test can read what it left.
        let cwd = cwd.unwrap_or(dir.path()).to_path_buf();
        // After the program: its exit code, then the two terminal flags a raw
        // mode turns off ("-icanon -echo" when the terminal was not restored).
        let shell_cmd = format!(
            "{cmd}; echo EXITED=$?; echo STTY=$(stty -a | tr -s ' ;' '\\n\\n' | grep -xE -- '-?(icanon|echo)' | tr '\\n' ' '); sleep 30"
        );
        Some(Tmux::spawn(socket, dir, &cwd, &shell_cmd))
    }

    /// Starts `cmd` in a new 80×24 tmux server on its own socket.
    fn spawn(socket: String, dir: tempfile::TempDir, cwd: &Path, cmd: &str) -> Tmux {
        let size = ["-x", "80", "-y", "24"];
        let status = Command::new("tmux")
            .args(["-L", &socket, "-f", "/dev/null", "new-session", "-d"])
            .args(size)
            .arg("-c")
            .arg(cwd)
            .args(["-s", "t", cmd])
            .status()
            .unwrap();
        assert!(status.success());
        Tmux { socket, _dir: dir }
    }

    fn keys(&self, keys: &[&str]) {
        for k in keys {
            let status = Command::new("tmux")
                .args(["-L", &self.socket, "send-keys", "-t", "t", k])
                .status()
                .unwrap();
            assert!(status.success());
            std::thread::sleep(Duration::from_millis(60));
        }
    }

    fn screen(&self) -> String {
        let out = Command::new("tmux")
            .args(["-L", &self.socket, "capture-pane", "-p", "-t", "t"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Waits until the screen contains `text` (the app draws asynchronously).
    fn wait_for(&self, text: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let s = self.screen();
            if s.contains(text) {
                return s;
            }
            if Instant::now() > deadline {
                panic!("timed out waiting for {text:?}; screen:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .status();
    }
}

fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

#[test]
fn cli_output_in_a_terminal_is_clean() {
    let Some(t) = Tmux::start("cli", &["--demo", "rank", "--limit", "3"], None) else {
        return;
    };
    let s = t.wait_for("EXITED=0");
    assert!(s.contains("score"), "{s}");
}

/// The terminal is back to normal after the app: the shell's `stty -a`
/// shows canonical mode and echo, and the alternate screen is gone (the
/// app's tab bar is no longer on screen).
fn assert_restored(t: &Tmux) -> String {
    let s = t.wait_for("EXITED=");
    assert!(s.contains("EXITED=0"), "{s}");
    let stty = t.wait_for("STTY=");
    assert!(
        stty.contains("STTY=icanon echo"),
        "terminal left raw: {stty}"
    );
    assert!(!s.contains("1 Overview"), "alternate screen not left: {s}");
    s
}

#[test]
fn demo_opens_switches_views_shows_help_and_quits_cleanly() {
    let Some(t) = Tmux::start("ui", &["--demo"], None) else {
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
    assert_restored(&t);
}

#[test]
fn ctrl_c_quits_and_restores_the_terminal() {
    let Some(t) = Tmux::start("ctrlc", &["--demo"], None) else {
        return;
    };
    t.wait_for("1 Overview");
    t.keys(&["C-c"]);
    assert_restored(&t);
}

#[test]
fn a_plan_file_opens_and_a_second_ui_is_read_only() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("bearing.ron"),
        bearing::store::embedded::DEMO,
    )
    .unwrap();
    let Some(first) = Tmux::start("first", &[], Some(dir.path())) else {
        return;
    };
    // The status bar is the last line drawn: wait for it, not the tab bar.
    let s = first.wait_for("bearing.ron");
    assert!(!s.contains("read-only"), "{s}");
    let Some(second) = Tmux::start("second", &[], Some(dir.path())) else {
        return;
    };
    // Times out with the screen in the message unless it says read-only.
    second.wait_for("read-only");
    second.keys(&["q"]);
    first.keys(&["q"]);
    assert_restored(&first);
}

/// An interactive shell in tmux, for job control (Ctrl-Z, `fg`).
fn shell(name: &str) -> Option<Tmux> {
    if !have_tmux() {
        eprintln!("tmux is not installed: skipping {name}");
        return None;
    }
    let dir = tempfile::tempdir().unwrap();
    let socket = format!("bearing-e2e-{name}-{}", std::process::id());
    let cwd = dir.path().to_path_buf();
    let cmd = "env PS1='$ ' TERM=xterm-256color bash --norc --noprofile -i";
    Some(Tmux::spawn(socket, dir, &cwd, cmd))
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
