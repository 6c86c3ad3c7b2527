//! The main journeys with the real binary in tmux at 80×24, each on its own
//! copy of the demo plan: rank, quick add and undo, search jump, sprint
//! auto-plan, validating an experiment, export, renaming a sprint; and a
//! panic that must leave the terminal usable. Every journey ends by
//! checking the terminal was given back (cooked mode with echo, main
//! screen) and what reached the file.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use bearing::model::{HypothesisStatus, Plan};
use common::tmux::{AFTER_EXIT, Tmux};

const TODAY: &str = "2026-11-20";

/// Runs `env ENV bearing` in `cwd` at 80×24; after it exits the pane keeps
/// its exit status and the terminal's mode flags on screen.
fn start(name: &str, cwd: &Path, data: &Path, env: &str) -> Option<Tmux> {
    let cmd = format!("{}; {AFTER_EXIT}; sleep 60", common::tmux::app(data, env));
    Tmux::spawn(&format!("journey-{name}"), cwd, &cmd)
}

/// A copy of the demo plan in a temporary directory.
struct Fixture {
    dir: tempfile::TempDir,
    path: PathBuf,
    data: PathBuf,
}

impl Fixture {
    fn new() -> Fixture {
        let (dir, path) = common::tmux::demo_copy();
        let data = dir.path().join("data");
        Fixture { dir, path, data }
    }

    /// `None` (and a note) when tmux is missing: `.ci/run` installs it.
    fn open(&self, name: &str) -> Option<Tmux> {
        self.open_with(name, "")
    }

    fn open_with(&self, name: &str, env: &str) -> Option<Tmux> {
        let t = start(name, self.dir.path(), &self.data, env)?;
        t.wait_for("1 Overview");
        Some(t)
    }

    fn plan(&self) -> Plan {
        bearing::store::load(&self.path).unwrap().plan
    }

    /// The file once `ok` holds: the UI saves on a background writer, so the
    /// file follows the screen by a moment.
    fn plan_when(&self, ok: impl Fn(&Plan) -> bool) -> Plan {
        common::tmux::plan_when(&self.path, ok)
    }

    /// Runs the CLI on this plan and returns its stdout.
    fn cli(&self, args: &[&str]) -> String {
        let out = Command::new(env!("CARGO_BIN_EXE_bearing"))
            .arg("--file")
            .arg(&self.path)
            .args(args)
            .env("BEARING_TODAY", TODAY)
            .env("BEARING_DATA_DIR", &self.data)
            .output()
            .unwrap();
        assert!(out.status.success(), "bearing {args:?}: {out:?}");
        String::from_utf8(out.stdout).unwrap()
    }
}

fn today() -> chrono::NaiveDate {
    TODAY.parse().unwrap()
}

/// The id that follows `prefix` in `s` (up to the next space or quote).
fn id_after(s: &str, prefix: &str) -> String {
    let start = s
        .find(prefix)
        .unwrap_or_else(|| panic!("{prefix:?} not in {s:?}"));
    s[start + prefix.len()..]
        .split([' ', '“', ')'])
        .next()
        .unwrap()
        .to_owned()
}

#[test]
fn debt_view_shows_the_ranking_with_the_top_item_first() {
    let f = Fixture::new();
    let plan = f.plan();
    let ranked = bearing::score::rank_open(&plan, today());
    let top = &plan.debts[ranked[0].index];
    let second = &plan.debts[ranked[1].index];
    let Some(t) = f.open("rank") else {
        return;
    };
    t.keys(&["2"]);
    t.wait_for("sort rank");
    // The detail pane is drawn below the table: once it is there, so are the rows.
    let s = t.wait_for(&format!("{} {}", top.id, top.title));
    let rows: Vec<&str> = s.lines().filter(|l| l.contains(" D-")).collect();
    assert!(rows[0].starts_with('1') && rows[0].contains(&top.id), "{s}");
    assert!(
        rows[1].starts_with('2') && rows[1].contains(&second.id),
        "{s}"
    );
    assert!(
        s.contains("cost of delay"),
        "the detail explains the first row: {s}"
    );
    t.quit();
}

#[test]
fn quick_add_lands_in_the_file_and_undo_takes_it_out_again() {
    let f = Fixture::new();
    let before = f.plan().debts.len();
    let Some(t) = f.open("add") else {
        return;
    };
    t.keys(&["2", "a"]);
    t.wait_for("Add debt");
    t.text("Journey quick add");
    t.keys(&["Enter"]);
    let s = t.wait_for("added D-");
    let id = id_after(&s, "added ");
    assert!(s.contains(&format!("{id} Journey quick add")), "{s}");
    let plan = f.plan_when(|p| p.debts.len() == before + 1);
    assert_eq!(plan.debts.len(), before + 1);
    assert_eq!(plan.debt(&id).unwrap().title, "Journey quick add");

    t.keys(&["u"]);
    let s = t.wait_for(&format!("undid: add {id}"));
    assert!(!s.contains("Journey quick add"), "{s}");
    let plan = f.plan_when(|p| p.debts.len() == before);
    assert_eq!(plan.debts.len(), before);
    assert!(plan.debt(&id).is_none(), "undo saved at once");
    t.quit();
}

#[test]
fn search_jumps_to_the_experiment_with_its_card_selected() {
    let f = Fixture::new();
    let plan = f.plan();
    let h = plan
        .hypotheses
        .iter()
        .find(|h| h.title.starts_with("Canary releases"))
        .unwrap();
    let Some(t) = f.open("search") else {
        return;
    };
    t.keys(&["/"]);
    t.wait_for("Search");
    t.text("canary rel");
    t.wait_for(&format!("hypothesis {}", h.id));
    t.keys(&["Enter"]);
    let s = t.wait_for(&format!("{} “{}”", h.id, h.title));
    assert!(s.contains("running (") && s.contains("proposed ("), "{s}");
    // Enter opens the selected card: the hit, not the first card.
    t.keys(&["Enter"]);
    let s = t.wait_for("Detail");
    assert!(s.contains(&format!("{} {}", h.id, h.title)), "{s}");
    t.keys(&["Escape"]);
    std::thread::sleep(Duration::from_millis(200));
    t.quit();
}

#[test]
fn auto_plan_fills_the_planned_sprint_and_the_file_has_the_items() {
    let f = Fixture::new();
    let plan = f.plan();
    let planned = plan
        .sprints
        .iter()
        .find(|s| s.state.label() == "planned")
        .unwrap();
    let before = planned.items.len();
    let Some(t) = f.open("plan") else {
        return;
    };
    t.keys(&["3", "G"]);
    t.wait_for(&format!("{} ·", planned.name));
    t.keys(&["p"]);
    // Not "planned": the sprint table already says it in the state column.
    t.wait_for("pts, total score");
    let status = t.status_line();
    let added: usize = id_after(&status, "planned ").parse().unwrap();
    assert!(added > 0, "{status}");
    assert!(status.contains("pts, total score"), "{status}");
    t.quit();

    let json: serde_json::Value =
        serde_json::from_str(&f.cli(&["sprint", "list", "--format", "json"])).unwrap();
    let sprint = json
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == planned.id.as_str())
        .unwrap();
    let items = sprint["items"].as_array().unwrap();
    assert_eq!(items.len(), before + added, "{sprint}");
    let points = sprint["planned_points"].as_u64().unwrap();
    assert!(points <= sprint["capacity"].as_u64().unwrap(), "{sprint}");
    assert!(
        status.contains(&format!("{points}/{} pts", sprint["capacity"])),
        "{status} vs {sprint}"
    );
    // The sprint's earlier items are kept.
    for id in &planned.items {
        assert!(items.iter().any(|i| i == id.as_str()), "{id} kept");
    }
}

#[test]
fn validating_an_experiment_needs_evidence_and_reaches_the_file() {
    let f = Fixture::new();
    let Some(t) = f.open("validate") else {
        return;
    };
    t.keys(&["4"]);
    t.wait_for("running (");
    t.keys(&["l", "v"]);
    let s = t.wait_for("Evidence for validating ");
    let id = id_after(&s, "Evidence for validating ");

    // Empty evidence is refused and the prompt stays open.
    t.keys(&["Enter"]);
    let s = t.wait_for("evidence is required");
    assert!(s.contains(&format!("Evidence for validating {id}")), "{s}");
    assert!(f.plan().hypothesis(&id).unwrap().status == HypothesisStatus::Running);

    t.text("p95 traced end to end in 2 min");
    t.keys(&["Enter"]);
    let s = t.wait_for(&format!("validated {id}"));
    assert!(!s.contains("Evidence for validating"), "{s}");
    let h = f
        .plan_when(|p| {
            p.hypothesis(&id)
                .is_some_and(|h| h.status == HypothesisStatus::Validated)
        })
        .hypothesis(&id)
        .unwrap()
        .clone();
    assert_eq!(h.status, HypothesisStatus::Validated);
    assert_eq!(h.evidence, "p95 traced end to end in 2 min");
    assert_eq!(h.decided, Some(today()));
    t.quit();
}

#[test]
fn sprint_export_writes_markdown_next_to_the_plan() {
    let f = Fixture::new();
    let Some(t) = f.open("export") else {
        return;
    };
    t.keys(&["3", "G", "E"]);
    let s = t.wait_for("md, csv or json");
    assert!(s.contains("Export S-"), "{s}");
    t.keys(&["Enter"]);
    let s = t.wait_for("Write the md to");
    let dir = f.dir.path().display().to_string();
    let shown = id_after(&s, &format!("{dir}/"));
    let path = f.dir.path().join(&shown);
    assert!(shown.ends_with(".md"), "{s}");
    t.keys(&["Enter"]);
    t.wait_for("wrote S-");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("# "), "{text}");
    assert!(text.contains("Sprint:"), "{text}");
    t.quit();
}

#[test]
fn renaming_a_sprint_with_n_reaches_the_file_and_the_cli() {
    let f = Fixture::new();
    let Some(t) = f.open("rename") else {
        return;
    };
    t.keys(&["3", "n"]);
    let s = t.wait_for("Rename S-");
    let id = id_after(&s, "Rename ");
    // Typing replaces the current name, which the prompt starts with.
    t.text("Hardening week");
    t.keys(&["Enter"]);
    t.wait_for(&format!("renamed {id}"));
    let plan = f.plan_when(|p| p.sprint(&id).is_some_and(|s| s.name == "Hardening week"));
    assert_eq!(plan.sprint(&id).unwrap().name, "Hardening week");
    t.quit();
    let json: serde_json::Value =
        serde_json::from_str(&f.cli(&["sprint", "list", "--format", "json"])).unwrap();
    let listed = json
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == id.as_str());
    assert_eq!(listed.unwrap()["name"], "Hardening week");
}

#[test]
fn a_panic_restores_the_terminal_and_its_message_stays_readable() {
    let f = Fixture::new();
    let Some(t) = start("panic", f.dir.path(), &f.data, "BEARING_TEST_PANIC=1") else {
        return;
    };
    let s = t.assert_restored(101);
    assert!(
        s.contains("BEARING_TEST_PANIC=1: deliberate panic after the first frame"),
        "the message is on the main screen:\n{s}"
    );
    assert!(s.contains("panicked at"), "{s}");
    // Nothing was written: the plan is the demo, byte for byte.
    assert_eq!(
        std::fs::read_to_string(&f.path).unwrap(),
        bearing::store::embedded::DEMO
    );
}

#[test]
fn a_big_plan_is_searched_and_edited_with_every_change_in_the_file() {
    // 10k items: the search index is built by the worker after `/`, the
    // save after `+` runs on the writer; the screen never waits for either.
    let f = Fixture::new();
    let plan = bearing::synth::plan(10_000, 3);
    std::fs::write(&f.path, bearing::store::render(&plan).unwrap()).unwrap();
    let target = plan
        .debts
        .iter()
        .rev()
        .find(|d| d.customer < 5 && d.status.is_open())
        .unwrap()
        .clone();
    let Some(t) = f.open("big") else {
        return;
    };
    t.keys(&["/"]);
    t.wait_for("Search");
    t.text(&target.id);
    t.wait_for(&format!("debt {}", target.id));
    t.keys(&["Enter"]);
    t.wait_for(&format!("{} “", target.id));
    t.wait_for("+/- customer");
    t.keys(&["+"]);
    let saved = f.plan_when(|p| {
        p.debt(&target.id)
            .is_some_and(|d| d.customer > target.customer)
    });
    assert_eq!(
        saved.debt(&target.id).map(|d| d.customer),
        Some(target.customer + 1)
    );
    assert_eq!(saved.debts.len(), plan.debts.len());
    t.quit();
    // Nothing else changed.
    let mut expected = plan.clone();
    let i = expected
        .debts
        .iter()
        .position(|d| d.id == target.id)
        .unwrap();
    expected.debts[i].customer += 1;
    assert_eq!(f.plan(), expected);
}
