//! Changes from outside while the UI is open: `bearing checkin` from a
//! pipeline, `git pull`, a second editor. The loop's idle tick asks the
//! [`Persist`](super::Persist) whether the file changed; when the UI has
//! nothing unsaved it adopts the new plan and says what changed. When a save
//! found the file changed, `R` takes theirs (dropping ours, after a y/n) and
//! `K` keeps ours (their version goes to the backups first: `bearing backups`
//! lists them, `bearing backups restore ID` puts one back).

use std::path::Path;

use super::action::Effect;
use super::app::{App, Mode};
use super::forms::FormState;
use crate::model::Plan;
use crate::text::sanitize;

/// A y/n question that is not a plan change.
#[derive(Debug, Clone, PartialEq)]
pub enum Question {
    /// Esc on a changed form: the form comes back on "no".
    Discard(FormState),
    /// `R` while a change is unsaved.
    Reload,
    /// Ctrl-C in a form or prompt holding what was typed: "no" brings it
    /// back, "yes" drops it and quits (the plan's own unsaved change is
    /// still guarded by the quit question).
    DiscardAndQuit(Box<Mode>),
}

impl Question {
    pub fn prompt(&self, app: &App) -> String {
        match self {
            Question::Discard(state) => {
                format!("Discard your changes to “{}”?", sanitize(&state.form.title))
            }
            Question::DiscardAndQuit(held) => match held.as_ref() {
                Mode::Form(state) => format!(
                    "Discard the form “{}” and quit?",
                    sanitize(&state.form.title)
                ),
                _ => "Discard what you typed and quit?".to_owned(),
            },
            Question::Reload => format!(
                "Reload {} from disk? Your unsaved change is dropped.",
                file_name(app)
            ),
        }
    }
}

/// The file's name for messages ("bearing.ron"), or the persist's label.
fn file_name(app: &App) -> String {
    let full = app.persist.describe();
    Path::new(&full)
        .file_name()
        .map_or(full.clone(), |n| n.to_string_lossy().into_owned())
}

pub fn answer(app: &mut App, yes: bool) -> Effect {
    let Mode::Ask(question) = std::mem::take(&mut app.mode) else {
        return Effect::None;
    };
    match (*question, yes) {
        (Question::DiscardAndQuit(_), true) => return super::quit::quit(app),
        (Question::DiscardAndQuit(held), false) => app.mode = *held,
        (Question::Discard(_), true) => app.info("discarded"),
        (Question::Discard(state), false) => app.mode = Mode::Form(Box::new(state)),
        (Question::Reload, true) => reload_now(app),
        (Question::Reload, false) => {
            app.info("kept your version in memory (not saved: K saves it)")
        }
    }
    Effect::None
}

/// The idle tick: adopts the file's new content when it changed on disk and
/// nothing here is unsaved or half-asked. Returns whether the plan was
/// replaced.
pub fn tick(app: &mut App) -> bool {
    // Unsaved: the save already said "changed on disk" and R/K decide.
    // A pending y/n refers to the plan as it is now.
    if app.dirty || matches!(app.mode, Mode::Confirm(_) | Mode::Ask(_)) {
        return false;
    }
    if app.read_only && app.persist.try_writable() {
        become_writable(app);
        return true;
    }
    match app.persist.check_external() {
        None => false,
        Some(Ok(plan)) => {
            adopt(app, plan);
            true
        }
        Some(Err(why)) => {
            app.error(format!(
                "{} changed on disk but cannot be read: {} — your version stays open",
                file_name(app),
                sanitize(&why)
            ));
            false
        }
    }
}

fn adopt(app: &mut App, plan: Plan) {
    let diff = diff(&app.plan, &plan);
    app.replace_plan(plan);
    // The last save's outcome was about the old file.
    app.saved = None;
    app.info(diff.summary(&file_name(app)));
}

/// A read-only UI that may edit now (the other bearing quit, the file was
/// made writable): the file as it is now, and every change saved again.
fn become_writable(app: &mut App) {
    app.read_only = false;
    app.read_only_why = None;
    let name = file_name(app);
    match app.persist.reload_from_disk() {
        Ok(plan) => {
            app.replace_plan(plan);
            app.saved = None;
            app.info(format!(
                "{name} is yours to edit now: changes are saved again"
            ));
        }
        Err(why) => {
            // Writable all the same: a save still refuses to overwrite a
            // version it did not read.
            app.seed();
            app.error(format!(
                "{name} can be edited now but cannot be read: {}",
                sanitize(&why)
            ));
        }
    }
}

/// `R`: read the file again; asks first when that drops a change.
pub fn reload_file(app: &mut App) -> Effect {
    if app.dirty && !app.read_only {
        app.mode = Mode::Ask(Box::new(Question::Reload));
    } else {
        reload_now(app);
    }
    Effect::None
}

fn reload_now(app: &mut App) {
    match app.persist.reload_from_disk() {
        Ok(plan) => adopt(app, plan),
        Err(why) => app.error(format!("reload failed: {}", sanitize(&why))),
    }
}

/// `K`: save over whatever is on disk; the persist backs their version up.
pub fn keep_mine(app: &mut App) -> Effect {
    if app.read_only {
        app.error("read-only: nothing was changed");
        return Effect::None;
    }
    if !app.dirty {
        app.info("nothing to keep: every change is saved");
        return Effect::None;
    }
    match app.persist.keep_mine(&app.plan) {
        Ok(done) => {
            app.dirty = false;
            app.saved = Some(Ok(done));
            let kept = format!("kept your version of {}", file_name(app));
            app.info(match app.persist.backups_command() {
                Some(cmd) => format!("{kept}; theirs is backed up (`{cmd}` lists it)"),
                None => kept,
            });
        }
        Err(why) => {
            app.dirty = true;
            app.saved = Some(Err(why));
        }
    }
    Effect::None
}

pub use crate::model::{PlanDiff, diff};
