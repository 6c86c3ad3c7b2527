//! The charts in the real binary, in tmux at 80×24 on the demo (`--demo`,
//! today pinned): the sprint view says the burn-up in a line, `c` draws the
//! Burn-up and Velocity charts, `BEARING_CHARTS=block` draws them without
//! braille, and the terminal is given back on quit.

mod common;

use common::tmux::{AFTER_EXIT, Tmux, app};

fn open(name: &str, env: &str) -> Option<(Tmux, tempfile::TempDir)> {
    let dir = tempfile::tempdir().unwrap();
    let cmd = format!(
        "{} --demo; {AFTER_EXIT}; sleep 60",
        app(&dir.path().join("data"), env)
    );
    let t = Tmux::spawn(name, dir.path(), &cmd)?;
    t.wait_for("1 Overview");
    Some((t, dir))
}

fn braille(s: &str) -> bool {
    s.chars().any(|c| ('\u{2801}'..='\u{28FF}').contains(&c))
}

#[test]
fn the_demo_shows_its_burnup_and_velocity() {
    let Some((t, _dir)) = open("charts", "") else {
        return;
    };
    t.keys(&["3"]);
    let s = t.wait_for("Burn-up (c): 4/19 pts done");
    assert!(s.contains("load, share"), "{s}");
    t.keys(&["c"]);
    let s = t.wait_for("┌ Velocity");
    assert!(s.contains("┌ Burn-up"), "{s}");
    assert!(s.contains("scope done ideal"), "{s}");
    assert!(s.contains("11-16") && s.contains("11-27"), "{s}");
    assert!(braille(&s), "the lines are braille by default:\n{s}");
    t.keys(&["c"]);
    t.wait_for("Candidates");
    t.quit();
}

#[test]
fn block_fallback_for_fonts_without_braille() {
    let Some((t, _dir)) = open("charts-block", "BEARING_CHARTS=block NO_COLOR=1") else {
        return;
    };
    t.keys(&["3", "c"]);
    let s = t.wait_for("┌ Velocity");
    assert!(s.contains("┌ Burn-up"), "{s}");
    assert!(!braille(&s), "no braille with BEARING_CHARTS=block:\n{s}");
    t.quit();
}
