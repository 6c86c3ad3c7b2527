//! Changes from outside while the UI is open: `bearing checkin` from a
//! pipeline, `git pull`, a second editor. The loop's idle tick (and each
//! save's outcome) asks the session
//! ([`Session::watch`](crate::session::Session::watch)) whether the file
//! changed; the session merges theirs into ours and the UI says what came
//! in, or opens the conflict screen (`conflicts`) when both changed the
//! same field. Where theirs cannot be read, `R` takes theirs (dropping
//! ours, after a y/n) and `K` keeps ours (their version goes to the
//! backups first: `bearing backups` lists them, `bearing backups restore
//! ID` puts one back).

use super::action::Effect;
use super::app::{App, Mode};
use super::merged::said_merged;
use super::state::Question;
use crate::session::{KeepMine, Outside};
use crate::text::sanitize;

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
    app.session.file_name()
}

/// y/n on `R` while a change is unsaved (the router has taken the question).
pub fn answer_reload(app: &mut App, yes: bool) {
    if yes {
        reload_now(app);
    } else {
        app.info("kept your version in memory (not saved: K saves it)");
    }
}

/// The idle tick: adopts the file's new content when it changed on disk and
/// nothing here is unsaved (the session decides) or half-asked. Returns
/// whether the plan was replaced (or the UI became writable).
pub fn tick(app: &mut App) -> bool {
    // A pending y/n refers to the plan as it is now.
    if matches!(
        app.mode,
        Mode::Confirm(_) | Mode::Ask(_) | Mode::Quit { .. } | Mode::Conflicts { .. }
    ) {
        return false;
    }
    let name = file_name(app);
    match app.watch() {
        None => false,
        Some(Outside::Merged(merge)) => {
            said_merged(app, &merge, false);
            true
        }
        Some(Outside::Clash(conflicts)) => {
            app.saved = None;
            super::conflicts::open_clash(app, &conflicts);
            // The screen lists them and says the keys; nothing is written
            // until every conflict is picked.
            app.error(format!(
                "{} with {name}: m mine, t theirs, b base",
                super::state::plural(conflicts.len(), "conflict")
            ));
            false
        }
        Some(Outside::Unreadable(why)) => {
            // What happened and that nothing is lost first; the reason
            // (long: a parse error) last.
            app.error(format!(
                "{name} changed, cannot be read; yours kept: {}",
                sanitize(&why)
            ));
            false
        }
        // A read-only UI that may edit now (the other bearing quit, the
        // file was made writable): the file as it is now, and every change
        // saved again.
        Some(Outside::Writable(read)) => {
            app.read_only_why = None;
            match read {
                Ok(()) => {
                    app.saved = None;
                    app.info(format!(
                        "{name} is yours to edit now: changes are saved again"
                    ));
                }
                Err(why) => app.error(format!(
                    "{name} can be edited now but cannot be read: {}",
                    sanitize(&why)
                )),
            }
            true
        }
    }
}

/// After the plan was replaced by the file's version: what changed.
fn said_reloaded(app: &mut App, diff: &PlanDiff) {
    // The last save's outcome was about the old file.
    app.saved = None;
    app.info(diff.summary(&file_name(app)));
}

/// `R`: read the file again; asks first when that drops a change.
pub fn reload_file(app: &mut App) -> Effect {
    if app.dirty() && !app.read_only() {
        app.mode = Mode::Ask(Box::new(Question::Reload));
    } else {
        reload_now(app);
    }
    Effect::None
}

fn reload_now(app: &mut App) {
    match app.reload() {
        Ok(diff) => said_reloaded(app, &diff),
        Err(why) => app.error(format!("reload failed: {}", sanitize(&why))),
    }
}

/// `K`: keep mine where theirs clashes (their other changes stay); when
/// theirs cannot be read, save over it (the persist backs it up).
pub fn keep_mine(app: &mut App) -> Effect {
    match app.session.keep_mine() {
        Ok(KeepMine::ReadOnly) => app.error("read-only: nothing was changed"),
        Ok(KeepMine::NothingUnsaved) => app.info("nothing to keep: every change is saved"),
        // A clash: mine only where they clash, their other changes in.
        Ok(KeepMine::Merged(merge)) => {
            app.saved = merge.saved.clone();
            app.info(super::merged::line("kept mine in clashes, merged", &merge));
        }
        Ok(KeepMine::Saved(done)) => {
            app.saved = Some(Ok(done));
            let kept = format!("kept your version of {}", file_name(app));
            app.info(match app.session.persist().backups_command() {
                Some(cmd) => format!("{kept}; theirs is backed up (`{cmd}` lists it)"),
                None => kept,
            });
        }
        Err(why) => app.saved = Some(Err(why)),
    }
    Effect::None
}

pub use crate::model::{PlanDiff, diff};
