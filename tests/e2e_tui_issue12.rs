//! Issue 12 point 2 with the real binary in tmux at 80×24, each test on its
//! own copy of the demo plan: `bearing checkin` from the shell while the UI
//! holds a change of its own ends with both in the file and the status
//! line naming what came in, never an R/K question; the UI and the CLI
//! changing the same field opens the conflict screen, and the pick is what
//! gets written.

mod common;

use bearing::model::Plan;
use common::tmux::{AFTER_EXIT, DemoUi, Tmux};

/// The demo's key result with check-ins; its latest is 61 on 2026-11-19.
const KR: &str = "KR-5Q4TA";

fn checkin(plan: &Plan, date: &str) -> Option<f64> {
    plan.key_result(KR)?
        .checkins
        .iter()
        .find(|c| c.date.to_string() == date)
        .map(|c| c.value)
}

/// Goes to the key result through search and opens the y/n question of
/// `X` (remove its latest check-in): the idle tick waits while it is open,
/// so the CLI writes below land before the UI's save.
fn ask_to_remove_the_latest_checkin(t: &Tmux) {
    t.keys(&["5", "/"]);
    t.text(KR);
    t.wait_for(&format!("{KR} Lead"));
    t.keys(&["Enter"]);
    t.wait_for("last 61 on 2026-11-19");
    t.keys(&["X"]);
    t.wait_for("CONFIRM");
}

#[test]
fn cli_checkins_while_the_ui_holds_a_change_are_merged_without_a_question() {
    let f = DemoUi::new();
    let Some(t) = f.open("issue12-merge") else {
        return;
    };
    // An edit saved by the UI first: the top debt item's status.
    let before = bearing::store::load(&f.path).unwrap().plan;
    t.keys(&["2"]);
    t.wait_for("cost of delay");
    t.keys(&["x"]);
    let edited = f.plan_when(|p| p.debts != before.debts);
    assert_ne!(edited.debts, before.debts, "the UI's first edit is saved");
    ask_to_remove_the_latest_checkin(&t);
    // A pipeline's burst of check-ins on other days.
    for day in 1..=5 {
        f.cli(&[
            "checkin",
            KR,
            &format!("{}", 60 + day),
            "--date",
            &format!("2026-11-0{day}"),
        ]);
    }
    t.keys(&["y"]);
    let s = t.wait_for("merged from disk: ");
    let status = s.lines().last().unwrap_or("").to_owned();
    assert!(status.contains(&format!("{KR} check-in 2026-11-0")), "{s}");
    assert!(status.contains(" more"), "{s}");
    assert!(!s.contains("R reloads") && !s.contains("K keeps"), "{s}");
    let disk =
        f.plan_when(|p| checkin(p, "2026-11-19").is_none() && checkin(p, "2026-11-05").is_some());
    assert_eq!(checkin(&disk, "2026-11-19"), None, "the UI's change");
    for day in 1..=5 {
        assert_eq!(
            checkin(&disk, &format!("2026-11-0{day}")),
            Some(f64::from(60 + day)),
            "the CLI's check-in of the {day}th"
        );
    }
    assert_eq!(disk.debts, edited.debts, "the UI's first edit stays");

    // With the UI idle, more CLI writes are taken in as they come.
    f.cli(&["checkin", KR, "42", "--date", "2026-11-06"]);
    f.cli(&["checkin", KR, "43", "--date", "2026-11-07"]);
    t.wait_for("2026-11-07");
    // Undo: the step on the key result theirs changed was dropped (undoing
    // it would put the whole item back, their check-ins gone); the first
    // edit, on a debt item they did not touch, is still undone and saved
    // over all of their writes.
    t.keys(&["u"]);
    t.wait_for("undid");
    let disk = f.plan_when(|p| p.debts == before.debts);
    assert_eq!(disk.debts, before.debts, "undo of the first edit is saved");
    assert_eq!(checkin(&disk, "2026-11-07"), Some(43.0));
    assert_eq!(checkin(&disk, "2026-11-19"), None);
    t.quit();
}

#[test]
fn the_same_field_changed_by_the_ui_and_the_cli_opens_the_conflict_screen() {
    for (pick, expected) in [("t", Some(55.0)), ("m", None)] {
        let f = DemoUi::new();
        let Some(t) = f.open(&format!("issue12-clash-{pick}")) else {
            return;
        };
        ask_to_remove_the_latest_checkin(&t);
        // The CLI records another value for the same day.
        f.cli(&["checkin", KR, "55", "--date", "2026-11-19"]);
        t.keys(&["y"]);
        let s = t.wait_for("bearing.ron changed on disk — 1/1");
        assert!(s.contains(&format!("{KR} check-in 2026-11-19 · ")), "{s}");
        assert!(
            s.contains("mine (absent)") || s.contains("mine none"),
            "{s}"
        );
        assert!(s.contains("theirs"), "{s}");
        let on_disk = || bearing::store::load(&f.path).unwrap().plan;
        assert_eq!(
            checkin(&on_disk(), "2026-11-19"),
            Some(55.0),
            "nothing written yet"
        );
        t.keys(&[pick, "Enter"]);
        t.wait_for("conflicts settled");
        let disk = f.plan_when(|p| checkin(p, "2026-11-19") == expected);
        assert_eq!(checkin(&disk, "2026-11-19"), expected, "picked {pick}");
        t.quit();
    }
}

/// The demo plan as a merge left it: D-0YRKT's risk (diff3, with a base)
/// and owner (two-way) in conflict.
fn conflicted() -> String {
    let demo = bearing::store::embedded::DEMO;
    let risk = "      customer: 4,\n      delivery: 1,\n      risk: 3,\n";
    let owner = "      owner: \"mei\",\n      tags: [\n        \"performance\",";
    assert!(demo.contains(risk) && demo.contains(owner));
    demo.replacen(
        risk,
        "      customer: 4,\n      delivery: 1,\n<<<<<<< HEAD\n      risk: 4,\n||||||| base\n      risk: 3,\n=======\n      risk: 5,\n>>>>>>> feature\n",
        1,
    )
    .replacen(
        owner,
        "<<<<<<< HEAD\n      owner: \"mei\",\n=======\n      owner: \"bo\",\n>>>>>>> feature\n      tags: [\n        \"performance\",",
        1,
    )
}

#[test]
fn bearing_resolve_on_a_terminal_opens_the_conflict_screen_and_settles_the_file() {
    let f = DemoUi::new();
    std::fs::write(&f.path, conflicted()).unwrap();
    let cmd = format!(
        "{} resolve --file {}; {AFTER_EXIT}; sleep 60",
        common::tmux::app(&f.data, ""),
        f.path.display()
    );
    let Some(t) = Tmux::spawn("issue12-resolve", f.dir.path(), &cmd) else {
        return;
    };
    let s = t.wait_for("bearing.ron: merge conflicts — 1/2");
    assert!(s.contains("D-0YRKT owner"), "{s}");
    assert!(s.contains("mine mei │ theirs bo"), "{s}");
    assert!(s.contains("base 3 │ mine 4 │ theirs 5"), "{s}");
    // Enter before every pick writes nothing.
    t.keys(&["t", "Enter"]);
    t.wait_for("1 conflict still to pick");
    assert_eq!(std::fs::read_to_string(&f.path).unwrap(), conflicted());
    t.keys(&["b", "Enter"]);
    let s = t.assert_restored(0);
    assert!(s.contains("no conflicts left; saved"), "{s}");
    let plan = bearing::store::load(&f.path).unwrap().plan;
    let d = plan.debt("D-0YRKT").unwrap();
    assert_eq!((d.owner.as_str(), d.risk), ("bo", 3));
}
