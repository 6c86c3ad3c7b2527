//! `bearing list` and `rank` fit the terminal they print to (the real
//! binary in tmux, resized), and keep 80 columns when piped.

mod common;

use std::time::{Duration, Instant};

use common::tmux::Tmux;

/// Starts a pane that waits for `go` before running `script`, so the window
/// can be resized first.
fn pane(name: &str, dir: &std::path::Path, script: &str) -> Option<Tmux> {
    let bin = env!("CARGO_BIN_EXE_bearing");
    let cmd = format!(
        "while [ ! -e go ]; do sleep 0.05; done; \
         env -u COLUMNS BEARING_TODAY=2026-11-20 BEARING_DATA_DIR=data B='{bin}' sh -c '{script}'; \
         echo END; sleep 60"
    );
    Tmux::spawn(name, dir, &cmd)
}

fn longest(screen: &str, from: &str, to: &str) -> usize {
    let start = screen.find(from).unwrap_or(0);
    let end = screen[start..].find(to).map_or(screen.len(), |i| start + i);
    screen[start..end]
        .lines()
        .map(|l| l.trim_end().chars().count())
        .max()
        .unwrap_or(0)
}

fn run_at(name: &str, width: u16, script: &str) -> Option<String> {
    let dir = tempfile::tempdir().unwrap();
    let t = pane(name, dir.path(), script)?;
    t.tmux(&[
        "resize-window",
        "-t",
        "t",
        "-x",
        &width.to_string(),
        "-y",
        "50",
    ]);
    std::fs::write(dir.path().join("go"), "").unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let s = t.tmux(&["capture-pane", "-p", "-J", "-t", "t", "-S", "-100"]);
        if s.contains("END") {
            return Some(s);
        }
        assert!(Instant::now() < deadline, "timed out:\n{s}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn list_and_rank_use_the_terminals_width() {
    let script = r#"echo LIST; $B --demo list; echo RANK; $B --demo rank; echo PIPED; $B --demo list | cat; echo DONE"#;
    let Some(wide) = run_at("width-wide", 140, script) else {
        return;
    };
    // The demo's longest title fits whole in 140 columns: rows pass 80.
    assert!(longest(&wide, "LIST", "RANK") > 100, "{wide}");
    assert!(!wide[..wide.find("RANK").unwrap()].contains('…'), "{wide}");
    assert!(longest(&wide, "RANK", "PIPED") > 100, "{wide}");
    // Piped output stays as before: 80 columns, for scripts.
    assert!(longest(&wide, "PIPED", "DONE") <= 80, "{wide}");

    // Narrower than 80: the title column gives way so rows still fit.
    let Some(narrow) = run_at("width-narrow", 76, script) else {
        return;
    };
    assert!(longest(&narrow, "LIST", "RANK") <= 76, "{narrow}");
    assert!(longest(&narrow, "RANK", "PIPED") <= 76, "{narrow}");
}
