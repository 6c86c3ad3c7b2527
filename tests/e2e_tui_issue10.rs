//! Issue 10's UI points with the real binary in tmux at 80×24, each on its
//! own copy of the demo plan: quitting never drops an unsaved change (it
//! asks; a signal writes a recovery copy and names it), status cycling acts
//! on the item you chose, paste and select-all in prompts, and the overview's
//! selectable rows.

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use bearing::model::Plan;
use common::tmux::{AFTER_EXIT, Tmux};

const TODAY: &str = "2026-11-20";

/// A copy of the demo plan in a temporary directory; the pid of the
/// bearing process goes to `pid` (the pane's shell outlives it).
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
        let pid = self.dir.path().join("pid");
        let cmd = format!(
            "sh -c 'echo $$ > {}; exec {}'; {AFTER_EXIT}; sleep 60",
            pid.display(),
            common::tmux::app(&self.data, "")
        );
        let t = Tmux::spawn(&format!("issue10-{name}"), self.dir.path(), &cmd)?;
        t.wait_for("1 Overview");
        Some(t)
    }

    fn pid(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("pid"))
            .unwrap()
            .trim()
            .to_owned()
    }

    fn plan(&self) -> Plan {
        bearing::store::load(&self.path).unwrap().plan
    }

    /// The file once `ok` holds: the UI saves on a background writer.
    fn plan_when(&self, ok: impl Fn(&Plan) -> bool) -> Plan {
        common::tmux::plan_when(&self.path, ok)
    }

    /// Recovery copies beside the plan, waited for up to 10 s.
    fn recovery_copies(&self, at_least: usize) -> Vec<PathBuf> {
        // Generous: a loaded CI machine may take a while to get the UI
        // its signal.
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let found = recovery_copies(self.dir.path());
            if found.len() >= at_least || Instant::now() > deadline {
                return found;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Another program's edit (a pipeline's check-in, `git pull`) of the
    /// item `id`: against our deletion of it, a clash (an edit of other
    /// items would merge).
    fn outside_edit(&self, id: &str) {
        bearing::store::update(&self.path, |p: &mut Plan| {
            p.north_star = "Changed by someone else".into();
            if let Some(d) = p.debts.iter_mut().find(|d| d.id == id) {
                d.title = "Retitled by someone else".into();
            }
            Ok::<(), bearing::store::StoreError>(())
        })
        .unwrap();
    }
}

fn recovery_copies(dir: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("bearing.ron.recovered-"))
        })
        .collect();
    found.sort();
    found
}

/// The selected debt item's id: the first word under the table's rule.
fn selected_in_detail(screen: &str) -> String {
    let mut lines = screen.lines().skip_while(|l| !l.starts_with('─'));
    lines
        .nth(1)
        .and_then(|l| l.split(' ').next())
        .filter(|id| id.starts_with("D-"))
        .unwrap_or_else(|| panic!("no detail pane:\n{screen}"))
        .to_owned()
}

/// Deletes the top debt item while another program edits it: the y/n
/// question holds off the watch, so the save runs into their version; the
/// two clash, and leaving the conflict screen (Esc) writes nothing. Returns
/// the deleted id.
fn refused_save(f: &Fixture, t: &Tmux) -> String {
    t.keys(&["2"]);
    // The detail pane is drawn below the table: once it is there, so are the rows.
    let s = t.wait_for("cost of delay");
    let id = selected_in_detail(&s);
    t.keys(&["d"]);
    t.wait_for("Confirm");
    f.outside_edit(&id);
    t.keys(&["y"]);
    let s = t.wait_for("bearing.ron changed on disk — 1/1");
    assert!(s.contains(&format!("{id} the whole item")), "{s}");
    t.keys(&["Escape"]);
    let s = t.wait_for("nothing written");
    assert!(!s.contains(&id), "deleted here:\n{s}");
    assert!(f.plan().debt(&id).is_some(), "not saved over theirs");
    id
}

#[test]
fn q_after_a_refused_save_asks_and_esc_keeps_the_change() {
    let f = Fixture::new();
    let Some(t) = f.open("quit-asks") else {
        return;
    };
    let id = refused_save(&f, &t);
    t.keys(&["q"]);
    let s = t.wait_for("Unsaved change");
    assert!(s.contains("K keep mine & quit"), "{s}");
    assert!(s.contains("w write a recovery copy & quit"), "{s}");
    assert!(s.contains("Esc stay"), "{s}");
    t.keys(&["Escape"]);
    // Staying: the clash is still there, so its screen is back.
    t.wait_for("bearing.ron changed on disk — 1/1");
    t.keys(&["Escape"]);
    t.wait_for("nothing written");
    // Still running, the change still here; then w writes it and quits.
    t.keys(&["q"]);
    t.wait_for("Unsaved change");
    t.keys(&["w"]);
    let s = t.assert_restored(0);
    let copy = printed_copy(&f, &s);
    assert!(copy.debt(&id).is_none(), "the copy has the deletion");
    assert!(f.plan().debt(&id).is_some(), "theirs untouched");
}

/// The one recovery copy, whose name the screen `s` the app left shows;
/// loaded.
fn printed_copy(f: &Fixture, s: &str) -> Plan {
    let copies = f.recovery_copies(1);
    assert_eq!(copies.len(), 1, "{copies:?}");
    let name = copies[0]
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    assert!(
        s.replace('\n', "").contains(&name),
        "the path is printed:\n{s}"
    );
    bearing::store::load(&copies[0]).unwrap().plan
}

#[test]
fn sigterm_with_an_unsaved_change_writes_a_recovery_copy_and_prints_it() {
    let f = Fixture::new();
    let Some(t) = f.open("sigterm") else {
        return;
    };
    let id = refused_save(&f, &t);
    let status = std::process::Command::new("kill")
        .args(["-TERM", &f.pid()])
        .status()
        .unwrap();
    assert!(status.success());
    let s = t.assert_restored(1);
    assert!(s.contains("stopped by SIGTERM"), "{s}");
    let copy = printed_copy(&f, &s);
    assert!(copy.debt(&id).is_none(), "the copy has the deletion");
}

#[test]
fn closing_the_terminal_with_an_unsaved_change_writes_a_recovery_copy() {
    let f = Fixture::new();
    let Some(t) = f.open("sighup") else {
        return;
    };
    let id = refused_save(&f, &t);
    t.tmux(&["kill-session", "-t", "t"]);
    let copies = f.recovery_copies(1);
    assert_eq!(copies.len(), 1, "SIGHUP leaves a recovery copy: {copies:?}");
    let copy = bearing::store::load(&copies[0]).unwrap().plan;
    assert!(copy.debt(&id).is_none(), "the copy has the deletion");
}

#[test]
fn status_cycling_keeps_acting_on_the_chosen_item() {
    let f = Fixture::new();
    let Some(t) = f.open("cycle") else {
        return;
    };
    t.keys(&["2", "j"]);
    let s = t.wait_for("cost of delay");
    let id = selected_in_detail(&s);
    let below = {
        let rows: Vec<&str> = s.lines().filter(|l| l.contains(" D-")).collect();
        let at = rows.iter().position(|l| l.contains(&id)).unwrap();
        rows[at + 1].split_whitespace().nth(1).unwrap().to_owned()
    };
    let status_of = |p: &Plan, id: &str| p.debt(id).unwrap().status;
    let below_status = status_of(&f.plan(), &below);
    // open → in progress → done: hidden by the default filter, yet kept.
    t.keys(&["x"]);
    t.wait_for("→ in progress");
    t.keys(&["x"]);
    let s = t.wait_for("(hidden when you move on)");
    assert_eq!(selected_in_detail(&s), id, "{s}");
    t.keys(&["x"]);
    let s = t.wait_for("done → won't fix");
    assert_eq!(selected_in_detail(&s), id, "{s}");
    let plan = f.plan_when(|p| status_of(p, &id) == bearing::model::DebtStatus::WontFix);
    assert_eq!(status_of(&plan, &id), bearing::model::DebtStatus::WontFix);
    assert_eq!(
        status_of(&plan, &below),
        below_status,
        "the next item untouched"
    );
    // Moving on: it leaves the list; the cursor is on the item below it.
    t.keys(&["j"]);
    let s = t.wait_for(&format!("\n{below} "));
    let table: String = s.lines().take_while(|l| !l.starts_with('─')).collect();
    assert!(!table.contains(&id), "{s}");
    t.quit();
}

/// The id after `prefix` on the screen (up to a space or a colon).
fn word_after(s: &str, prefix: &str) -> String {
    let start = s
        .find(prefix)
        .unwrap_or_else(|| panic!("{prefix:?} not on the screen:\n{s}"));
    s[start + prefix.len()..]
        .split([' ', ':'])
        .next()
        .unwrap()
        .to_owned()
}

#[test]
fn prompts_take_a_bracketed_paste_and_typing_replaces_the_default() {
    let f = Fixture::new();
    let Some(t) = f.open("paste") else {
        return;
    };
    // Starting a proposed experiment asks the review-by date, prefilled.
    t.keys(&["4", "s"]);
    let s = t.wait_for("review by");
    let started = word_after(&s, "Start ");
    t.text("2026-12-24");
    t.wait_for("2026-12-24");
    t.keys(&["Enter"]);
    let plan = f.plan_when(|p| {
        p.hypothesis(&started)
            .is_some_and(|h| h.status == bearing::model::HypothesisStatus::Running)
    });
    assert_eq!(
        plan.hypothesis(&started).unwrap().review_by,
        Some("2026-12-24".parse().unwrap()),
        "typed over the default, not appended to it"
    );

    // Evidence pasted with the terminal's bracketed paste (tmux -p).
    t.keys(&["l", "v"]);
    let s = t.wait_for("Evidence for");
    let validated = word_after(&s, "Evidence for validating ");
    t.tmux(&["set-buffer", "-b", "ev", "pasted: churn down 4%\n"]);
    t.tmux(&["paste-buffer", "-p", "-b", "ev", "-t", "t"]);
    t.wait_for("pasted: churn down 4%");
    assert!(
        t.screen().contains("Evidence for"),
        "a pasted line break never answers"
    );
    t.keys(&["Enter"]);
    let plan = f.plan_when(|p| {
        p.hypothesis(&validated)
            .is_some_and(|h| h.status == bearing::model::HypothesisStatus::Validated)
    });
    let h = plan.hypothesis(&validated).unwrap();
    assert_eq!(h.status, bearing::model::HypothesisStatus::Validated);
    assert_eq!(h.evidence, "pasted: churn down 4%");
    t.quit();
}

#[test]
fn the_overview_shows_the_whole_north_star_and_its_rows_lead_to_their_items() {
    let f = Fixture::new();
    let plan = f.plan();
    let today = TODAY.parse().unwrap();
    let findings = bearing::check::check(&plan, None, today);
    // The last row: the last warning (errors come first).
    let last = findings
        .iter()
        .rfind(|x| x.severity == bearing::model::Severity::Warn)
        .or(findings.last())
        .expect("the demo has findings")
        .id
        .clone();
    let Some(t) = f.open("overview") else {
        return;
    };
    let s = t.wait_for("Objectives");
    let north_end: String = plan
        .north_star
        .split_whitespace()
        .rev()
        .take(3)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect::<Vec<_>>()
        .join(" ");
    // Its last words may wrap across two lines.
    let flat = s.lines().map(str::trim).collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains(&north_end),
        "the North Star's end is shown:\n{s}"
    );

    // G: the last row, scrolled into view; Enter: its item in its view.
    t.keys(&["G"]);
    let s = t.wait_for("Warnings (");
    assert!(s.contains(&last), "{s}");
    t.keys(&["Enter"]);
    let s = t.wait_for(&format!("{last} “"));
    assert!(
        !s.lines().nth(1).unwrap_or("").starts_with("North Star"),
        "left the overview:\n{s}"
    );

    // Back to the overview: the first key result row leads to the key results.
    let first_kr = plan
        .key_results
        .iter()
        .find(|k| Some(&k.objective) == plan.objectives.first().map(|o| &o.id))
        .unwrap()
        .id
        .clone();
    t.keys(&["1", "g", "j", "Enter"]);
    let s = t.wait_for(&format!("{first_kr} “"));
    assert!(s.contains("5 Key results"), "{s}");
    t.quit();
}
