//! Debt from the code in the UI: `C` in the debt view scans the repository
//! the plan file is in (as `bearing scan` does, default markers and a
//! window of a year) on a worker thread — never on the keystroke — and
//! opens a picker as soon as it is asked; the candidates come in when the
//! worker answers. Space chooses, Enter adds the chosen ones as one change
//! (one undo step, one save); candidates already in the plan are marked and
//! cannot be chosen again.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, TryRecvError};

use chrono::{Months, NaiveDate};

use super::action::{Action, Effect};
use super::app::App;
use super::state::{Mode, ScanPicker, ScanRow, plural};
use crate::git::RealGit;
use crate::model::{Change, Item};
use crate::scan::{self, Candidate, Markers};

type Answer = super::state::ScanAnswer;

/// `C`; `None`: not the scan action.
pub fn handle(app: &mut App, action: Action) -> Option<Effect> {
    (action == Action::ScanCode).then(|| open(app))
}

pub fn open(app: &mut App) -> Effect {
    let Some(dir) = app
        .plan_path
        .as_deref()
        .and_then(Path::parent)
        .map(Path::to_path_buf)
    else {
        app.error("no repository to scan: the plan has no file (the demo?)");
        return Effect::None;
    };
    let dir = if dir.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        dir
    };
    let plan = app.plan_path.clone();
    app.scan_job = Some(spawn(dir.clone(), plan, app.today));
    app.mode = Mode::ScanPicker(Box::new(ScanPicker {
        root: dir.display().to_string(),
        loading: true,
        ..ScanPicker::default()
    }));
    Effect::None
}

/// Runs the scan on its own thread; the receiver gets one answer.
fn spawn(dir: PathBuf, plan: Option<PathBuf>, today: NaiveDate) -> Receiver<Answer> {
    let (tx, rx) = mpsc::channel();
    let work = move || {
        let _ = tx.send(run(&dir, plan.as_deref(), today));
    };
    // No thread to be had: scan here (once, on opening: still not per key).
    if let Err(e) = std::thread::Builder::new()
        .name("bearing-scan".into())
        .spawn(work)
    {
        let (tx, rx) = mpsc::channel();
        let _ = tx.send(Err(format!("cannot start the scan: {e}")));
        return rx;
    }
    rx
}

fn run(dir: &Path, plan: Option<&Path>, today: NaiveDate) -> Answer {
    let since = today
        .checked_sub_months(Months::new(12))
        .unwrap_or(today)
        .format("%Y-%m-%d")
        .to_string();
    let mut read =
        crate::git::scan::gather(&RealGit::new(), dir, &Markers::default_set(), Some(&since))
            .map_err(|e| e.to_string())?;
    if let Some(plan) = plan {
        read.leave_out(plan);
    }
    let histories = scan::hotspots::parse_log(&read.log);
    let all = scan::candidates(&read.files, &histories, &[]);
    Ok(scan::shown(&all, None).into_iter().cloned().collect())
}

/// Whether the picker waits for the worker: the loop then polls often.
pub fn pending(app: &App) -> bool {
    app.scan_job.is_some()
}

/// Takes the worker's answer into the picker when it has come (`wait`:
/// block until it does, for tests); true when the screen changed.
pub fn poll(app: &mut App, wait: bool) -> bool {
    let Some(rx) = &app.scan_job else {
        return false;
    };
    let answer = if wait {
        rx.recv().map_err(|_| TryRecvError::Disconnected)
    } else {
        rx.try_recv()
    };
    let answer = match answer {
        Ok(a) => a,
        Err(TryRecvError::Empty) => return false,
        Err(TryRecvError::Disconnected) => Err("the scan stopped before it finished".into()),
    };
    app.scan_job = None;
    let known = scan::in_plan(app.plan());
    let Mode::ScanPicker(p) = &mut app.mode else {
        // Closed meanwhile: the answer is dropped.
        return false;
    };
    p.loading = false;
    match answer {
        Ok(candidates) => {
            p.rows = candidates
                .into_iter()
                .map(|c| ScanRow {
                    in_plan: known.contains(&c.source()),
                    candidate: c,
                    chosen: false,
                })
                .collect();
        }
        Err(e) => p.error = Some(e),
    }
    true
}

/// Enter: adds the chosen candidates not yet in the plan, as one change.
pub fn submit(app: &mut App) -> Effect {
    let Mode::ScanPicker(p) = &app.mode else {
        return Effect::None;
    };
    if p.loading {
        app.info("still scanning…");
        return Effect::None;
    }
    let chosen: Vec<Candidate> = p.chosen().into_iter().cloned().collect();
    if chosen.is_empty() {
        app.info("nothing chosen: space chooses a candidate");
        return Effect::None;
    }
    let refs: Vec<&Candidate> = chosen.iter().collect();
    let (items, already) = scan::additions(app.plan(), &refs, app.today);
    app.mode = Mode::Normal;
    let mut message = format!("added {} from the code", plural(items.len(), "debt item"));
    if already > 0 {
        message.push_str(&format!(" ({already} already in the plan)"));
    }
    let label = format!("scan: add {}", plural(items.len(), "debt item"));
    let change = items
        .iter()
        .fold(Change::new(label), |c, d| c.put(Item::Debt(d.clone())));
    app.apply_reported(change, message)
}
