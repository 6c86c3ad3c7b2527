//! The Overview's warnings are `bearing check`'s: the plan's own findings
//! (the cache computes them when first drawn after a change) and what
//! `check` reads around the plan file — a merge git stopped on, a missing
//! merge driver, markers gone from the code (`scan-marker-gone`). That
//! reading runs git and walks the work tree, so it never runs on the frame
//! path: a worker does it when the plan is loaded, saved or reloaded, and
//! the findings are redrawn when it answers.

use std::sync::mpsc::{self, TryRecvError};

use super::app::App;
use crate::check::Context;

/// Starts reading the context of the plan's file (nothing for the demo,
/// which has no file). A read already under way is replaced.
pub fn start(app: &mut App) {
    let Some(path) = app.plan_path.clone() else {
        return;
    };
    let from_scan = Context::reads_code(app.plan());
    let (tx, rx) = mpsc::channel();
    let work = move || {
        let _ = tx.send(crate::git::findings::check_context(&path, from_scan));
    };
    // No thread to be had: the warnings keep what was read last.
    if std::thread::Builder::new()
        .name("bearing-check".into())
        .spawn(work)
        .is_ok()
    {
        app.check_job = Some(rx);
    }
}

/// Whether a read is under way (the loop then polls often).
pub fn pending(app: &App) -> bool {
    app.check_job.is_some()
}

/// Takes the worker's answer when it has come (`wait`: block until it
/// does, for tests); true when the findings changed.
pub fn poll(app: &mut App, wait: bool) -> bool {
    let Some(rx) = &app.check_job else {
        return false;
    };
    let answer = if wait {
        rx.recv().map_err(|_| TryRecvError::Disconnected)
    } else {
        rx.try_recv()
    };
    match answer {
        Ok(context) => {
            app.check_job = None;
            app.set_check_context(context)
        }
        Err(TryRecvError::Empty) => false,
        Err(TryRecvError::Disconnected) => {
            app.check_job = None;
            false
        }
    }
}
