//! Starting and cancelling a sprint from the sprint view. A start that
//! deserves a second thought (outside its window, empty, over capacity)
//! asks y/n with the reasons; a cancel always asks. Each is one undo step.

use super::{outcome, sprint_id};
use crate::planning;
use crate::tui::action::Effect;
use crate::tui::app::{App, Mode, Pending};

pub fn start(app: &mut App) -> Effect {
    let Some(sid) = sprint_id(app) else {
        return Effect::None;
    };
    let warnings = app
        .plan()
        .sprint(&sid)
        .map(|s| planning::start_warnings(app.plan(), s, app.today))
        .unwrap_or_default();
    match planning::start(app.plan(), &sid, app.today) {
        Ok(o) if !warnings.is_empty() => {
            app.mode = Mode::Confirm(Pending {
                prompt: format!("Start {sid} anyway? {}.", warnings.join("; ")),
                change: o.change,
                done: format!("{} — u to undo", o.message),
            });
            Effect::None
        }
        r => outcome(app, r),
    }
}

/// Asks, then cancels the selected sprint: its items go back to the
/// backlog and it never counts for velocity.
pub fn cancel(app: &mut App) -> Effect {
    let Some(sid) = sprint_id(app) else {
        return Effect::None;
    };
    match planning::cancel(app.plan(), &sid, app.today) {
        Ok(o) => {
            let held = match o.chosen.len() {
                0 => "It holds nothing".to_owned(),
                1 => "Its 1 item goes back to the backlog".to_owned(),
                n => format!("Its {n} items go back to the backlog"),
            };
            app.mode = Mode::Confirm(Pending {
                prompt: format!(
                    "Cancel {sid}? {held}; a cancelled sprint never counts for velocity."
                ),
                change: o.change,
                done: format!("{} — u to undo", o.message),
            });
        }
        Err(e) => app.error(e.to_string()),
    }
    Effect::None
}
