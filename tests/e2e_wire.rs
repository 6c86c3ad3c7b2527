//! The real event loop in tmux (80×24): a quick add whose title goes
//! through `$EDITOR` (Ctrl-e) and a bracketed paste, a CLI write from another
//! shell that the open UI reloads, search to the new item, `: quit`.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

struct Tmux {
    socket: String,
}

impl Tmux {
    fn start(name: &str, cwd: &Path, data: &Path) -> Option<Tmux> {
        let ok = Command::new("tmux")
            .arg("-V")
            .output()
            .is_ok_and(|o| o.status.success());
        if !ok {
            eprintln!("tmux is not installed: skipping {name} (.ci/run installs it)");
            return None;
        }
        let socket = format!("bearing-e2e-wire-{name}-{}", std::process::id());
        let bin = env!("CARGO_BIN_EXE_bearing");
        // The "editor" rewrites the text it is given, like a user would.
        let cmd = format!(
            "env BEARING_TODAY=2026-11-20 BEARING_DATA_DIR={} VISUAL= EDITOR='sed -i s/draft/edited/' TERM=xterm-256color {bin}; echo EXITED=$?; echo STTY=$(stty -a | tr -s ' ;' '\\n\\n' | grep -xE -- '-?(icanon|echo)' | tr '\\n' ' '); sleep 30",
            data.display()
        );
        let status = Command::new("tmux")
            .args(["-L", &socket, "-f", "/dev/null", "new-session", "-d"])
            .args(["-x", "80", "-y", "24", "-c"])
            .arg(cwd)
            .args(["-s", "t", &cmd])
            .status()
            .unwrap();
        assert!(status.success());
        Some(Tmux { socket })
    }

    fn tmux(&self, args: &[&str]) {
        let status = Command::new("tmux")
            .args(["-L", &self.socket])
            .args(args)
            .status()
            .unwrap();
        assert!(status.success(), "tmux {args:?}");
        std::thread::sleep(Duration::from_millis(80));
    }

    fn keys(&self, keys: &[&str]) {
        for k in keys {
            self.tmux(&["send-keys", "-t", "t", k]);
        }
    }

    fn text(&self, text: &str) {
        self.tmux(&["send-keys", "-t", "t", "-l", text]);
    }

    fn screen(&self) -> String {
        let out = Command::new("tmux")
            .args(["-L", &self.socket, "capture-pane", "-p", "-t", "t"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn wait_for(&self, text: &str) -> String {
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

#[test]
fn add_with_editor_and_paste_then_follow_a_cli_write_and_quit_from_the_palette() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bearing.ron");
    std::fs::write(&path, bearing::store::embedded::DEMO).unwrap();
    let data = dir.path().join("data");
    let Some(t) = Tmux::start("add", dir.path(), &data) else {
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
    let s = t.wait_for("reloaded bearing.ron: 1 added");
    assert!(s.contains("0 changed, 0 removed"), "{s}");

    t.keys(&["/"]);
    t.wait_for("Search");
    t.text("written by");
    t.keys(&["Enter"]);
    t.wait_for("“Written by the CLI”");

    t.keys(&[":"]);
    t.wait_for("Commands");
    t.text("quit");
    t.keys(&["Enter"]);
    let s = t.wait_for("EXITED=");
    assert!(s.contains("EXITED=0"), "{s}");
    // Times out with the screen in the message if the flags are not sane.
    t.wait_for("STTY=icanon echo");

    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("\"edited title pasted\""), "saved at once");
    assert!(
        text.contains("\"Written by the CLI\""),
        "the CLI's item kept"
    );
}
