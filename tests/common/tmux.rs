//! The real binary in a real terminal: one tmux server per test (its own
//! socket, 80×24), keys typed with send-keys, the screen read with
//! capture-pane. Shared by the end-to-end tests.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// Appended to a command run in the pane: after the program exits, the
/// pane shows its exit code and the two terminal flags raw mode turns off
/// ("STTY=icanon echo" when the terminal was given back).
pub const AFTER_EXIT: &str = "echo EXITED=$?; \
     echo STTY=$(stty -a | tr -s ' ;' '\\n\\n' | grep -xE -- '-?(icanon|echo)' | tr '\\n' ' ')";

/// The shell words that run the app in a pane: today pinned to 2026-11-20,
/// its data under `data`, a known TERM and no backtrace; `env` (more
/// `NAME=value` words, or empty) goes just before the binary.
pub fn app(data: &Path, env: &str) -> String {
    let bin = env!("CARGO_BIN_EXE_bearing");
    let env = if env.is_empty() {
        String::new()
    } else {
        format!("{env} ")
    };
    format!(
        "env BEARING_TODAY=2026-11-20 BEARING_DATA_DIR={} TERM=xterm-256color RUST_BACKTRACE=0 {env}{bin}",
        data.display()
    )
}

/// A writable copy of the demo plan in a new temporary directory: the
/// directory and the plan's path.
pub fn demo_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bearing.ron");
    std::fs::write(&path, bearing::store::embedded::DEMO).unwrap();
    (dir, path)
}

/// The plan file once `ok` holds, or as it is after 10 s: the UI saves on a
/// background writer, so the file follows the screen by a moment.
pub fn plan_when(path: &Path, ok: impl Fn(&bearing::model::Plan) -> bool) -> bearing::model::Plan {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let plan = bearing::store::load(path).unwrap().plan;
        if ok(&plan) || Instant::now() > deadline {
            return plan;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

pub fn have_tmux() -> bool {
    Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Killed on drop; keeps the test's temporary directory alive with it.
pub struct Tmux {
    socket: String,
    _dir: Option<tempfile::TempDir>,
}

impl Tmux {
    /// Runs the shell command `cmd` in `cwd` in a new 80×24 window; `None`
    /// (with a note) when tmux is not installed — `.ci/run` installs it.
    pub fn spawn(name: &str, cwd: &Path, cmd: &str) -> Option<Tmux> {
        if !have_tmux() {
            eprintln!("tmux is not installed: skipping {name} (.ci/run installs it)");
            return None;
        }
        let socket = format!("bearing-e2e-{name}-{}", std::process::id());
        let status = Command::new("tmux")
            .args(["-L", &socket, "-f", "/dev/null", "new-session", "-d"])
            .args(["-x", "80", "-y", "24", "-c"])
            .arg(cwd)
            .args(["-s", "t", cmd])
            .status()
            .unwrap();
        assert!(status.success());
        Some(Tmux { socket, _dir: None })
    }

    /// Keeps `dir` until the server is killed.
    pub fn holding(mut self, dir: tempfile::TempDir) -> Tmux {
        self._dir = Some(dir);
        self
    }

    pub fn tmux(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .args(["-L", &self.socket])
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success(), "tmux {args:?}: {out:?}");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Sends keys one by one with a short pause, so Escape and the next key
    /// never arrive together (which a terminal reads as Alt-key).
    pub fn keys(&self, keys: &[&str]) {
        for k in keys {
            self.tmux(&["send-keys", "-t", "t", k]);
            std::thread::sleep(Duration::from_millis(60));
        }
    }

    /// Types `text` literally.
    pub fn text(&self, text: &str) {
        self.tmux(&["send-keys", "-t", "t", "-l", text]);
        std::thread::sleep(Duration::from_millis(60));
    }

    pub fn screen(&self) -> String {
        self.tmux(&["capture-pane", "-p", "-t", "t"])
    }

    /// Waits until the screen contains `text` (the app draws asynchronously);
    /// times out with the screen in the message.
    pub fn wait_for(&self, text: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let s = self.screen();
            if s.contains(text) {
                return s;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {text:?}; screen:\n{s}"
            );
            std::thread::sleep(Duration::from_millis(40));
        }
    }

    /// The status bar: the last line of the screen.
    pub fn status_line(&self) -> String {
        self.screen().lines().last().unwrap_or("").to_owned()
    }

    /// The terminal is back to normal after the app (run with
    /// [`AFTER_EXIT`]): the exit code, canonical mode and echo, tmux says the
    /// alternate screen is off, and the app's tab bar is gone. Returns the
    /// screen for more checks.
    pub fn assert_restored(&self, exit: u8) -> String {
        let s = self.wait_for("STTY=");
        assert!(s.contains(&format!("EXITED={exit}")), "{s}");
        assert!(s.contains("STTY=icanon echo"), "terminal left raw:\n{s}");
        let alt = self.tmux(&["display-message", "-p", "-t", "t", "#{alternate_on}"]);
        assert_eq!(alt.trim(), "0", "alternate screen not left:\n{s}");
        assert!(
            !s.contains("1 Overview"),
            "the app's screen is still up:\n{s}"
        );
        s
    }

    /// `q`, then the terminal must be restored.
    pub fn quit(&self) {
        self.keys(&["q"]);
        self.assert_restored(0);
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .status();
    }
}

/// A copy of the demo plan opened in the real UI, with the command line
/// beside it on the same file: a second writer while the UI is open.
pub struct DemoUi {
    pub dir: tempfile::TempDir,
    pub path: PathBuf,
    pub data: PathBuf,
}

impl DemoUi {
    pub fn new() -> DemoUi {
        let (dir, path) = demo_copy();
        let data = dir.path().join("data");
        DemoUi { dir, path, data }
    }

    /// The UI in a tmux session named `name`, at the overview; `None`
    /// (and a note) when tmux is missing: `.ci/run` installs it.
    pub fn open(&self, name: &str) -> Option<Tmux> {
        let cmd = format!("{}; {AFTER_EXIT}; sleep 60", app(&self.data, ""));
        let t = Tmux::spawn(name, self.dir.path(), &cmd)?;
        t.wait_for("1 Overview");
        Some(t)
    }

    /// The CLI from the shell, on the same file and day as the UI; it must
    /// succeed.
    pub fn cli(&self, args: &[&str]) {
        let out = Command::new(env!("CARGO_BIN_EXE_bearing"))
            .args(args)
            .arg("--file")
            .arg(&self.path)
            .env("BEARING_TODAY", "2026-11-20")
            .env("BEARING_DATA_DIR", &self.data)
            .current_dir(self.dir.path())
            .output()
            .unwrap();
        assert!(out.status.success(), "bearing {args:?}: {out:?}");
    }

    pub fn plan_when(&self, ok: impl Fn(&bearing::model::Plan) -> bool) -> bearing::model::Plan {
        plan_when(&self.path, ok)
    }
}
