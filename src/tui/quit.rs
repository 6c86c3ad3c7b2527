//! Leaving the UI never drops a change that is not on disk. `q`, Ctrl-C and
//! the palette's `quit` save first; when the save is refused (the file
//! changed on disk, the disk is full) they ask: keep mine (their version goes
//! to the backups) and quit, write a recovery copy and quit, or stay. Where
//! nobody can be asked (SIGTERM, SIGHUP when the terminal closes) the loop
//! stops and [`on_exit`] writes the recovery copy and says where it is.

use std::path::PathBuf;

use super::action::Effect;
use super::app::{App, Mode};
use super::reload;
use super::state::Question;
use crate::session::SaveErrorKind;
use crate::text::sanitize;

/// A change that is not on disk: dirty in a writable UI, and not already
/// written to a recovery copy.
pub fn unsaved(app: &App) -> bool {
    app.session.unsaved()
}

/// `q`, Ctrl-C, palette `quit`. Waits for the last save: a save still in
/// flight may yet be refused, and that must be known before the UI goes.
/// Ctrl-C while the question is open writes the recovery copy and quits.
/// Ctrl-C in a form or prompt holding typed text asks first, as Esc does;
/// Ctrl-C again is "yes".
pub fn quit(app: &mut App) -> Effect {
    if matches!(app.mode, Mode::Quit { .. }) {
        return recover_and_quit(app);
    }
    if let Mode::Ask(q) = &app.mode
        && matches!(q.as_ref(), Question::DiscardAndQuit(_))
    {
        app.mode = Mode::Normal;
    } else if holds_typing(app) {
        let held = std::mem::take(&mut app.mode);
        app.mode = Mode::Ask(Box::new(Question::DiscardAndQuit(Box::new(held))));
        return Effect::None;
    }
    if app.read_only() {
        return Effect::Quit;
    }
    if app.dirty() {
        app.save();
    }
    wait_for_merges(app);
    if !unsaved(app) {
        return Effect::Quit;
    }
    let reason = reason(app);
    // The question says in full what each key does.
    app.error(if reason == CHANGED {
        "not saved, file changed on disk: K keeps mine, w writes a copy".to_owned()
    } else {
        format!("not saved ({reason}): K retries, w writes a copy, Esc stays")
    });
    app.mode = Mode::Quit { reason };
    Effect::None
}

/// Waits for the last save. A save that ran into an outside change merged
/// theirs and saves the merge: waits for that save too (it may run into
/// another one). A clash stays: the quit question offers K.
fn wait_for_merges(app: &mut App) {
    app.wait_saved();
    for _ in 0..3 {
        if !app.session.has_news() || app.session.clash().is_some() {
            break;
        }
        app.watch();
        app.wait_saved();
    }
}

/// A form changed since it opened, or a prompt with text the user typed (a
/// default still selected whole was not typed).
fn holds_typing(app: &App) -> bool {
    match &app.mode {
        Mode::Form(state) => state.form.changed(),
        Mode::Prompt(p) => !p.input.is_empty() && !p.input.all_selected(),
        _ => false,
    }
}

/// Why the change is not on disk, short and without keys (it is also
/// printed after the UI is gone): "file changed on disk", "the file is
/// read-only", or the save's error.
fn reason(app: &App) -> String {
    match &app.saved {
        Some(Err(e)) => match e.kind {
            SaveErrorKind::ChangedOnDisk | SaveErrorKind::Clash => CHANGED.to_owned(),
            SaveErrorKind::ReadOnlyFile => READ_ONLY.to_owned(),
            SaveErrorKind::ReadOnlyDir => "the plan's directory is read-only".to_owned(),
            SaveErrorKind::Failed => sanitize(&e.message).into_owned(),
        },
        _ => "the last change is not saved".to_owned(),
    }
}

const CHANGED: &str = "file changed on disk";
const READ_ONLY: &str = "the file is read-only";

/// The quit question's text, worded by its reason: only a file that
/// changed on disk has a "theirs" to back up.
pub fn explain(reason: &str) -> String {
    let then = "w writes yours to a recovery copy and quits. Esc stays.";
    match reason {
        CHANGED => format!(
            "The file changed on disk since it was read and clashes with your change. K keeps yours where the two clash, keeps their other changes, saves and quits (if theirs cannot be read, yours is saved over it and theirs goes to the backups: `bearing backups` lists them). {then}"
        ),
        READ_ONLY => format!(
            "The file is read-only; your last change is not in it. Make it writable (chmod u+w) and press K to save yours and quit. {then}"
        ),
        _ => format!(
            "Your last change is not on disk ({reason}). K tries the save again and quits. {then}"
        ),
    }
}

/// `K` in the question: keeps mine where it clashes with theirs (their
/// other changes stay; theirs is saved over, backed up, only when it cannot
/// be read) and quits once that is on disk; stays with the reason otherwise.
pub fn keep_mine_and_quit(app: &mut App) -> Effect {
    app.mode = Mode::Normal;
    reload::keep_mine(app);
    wait_for_merges(app);
    if unsaved(app) {
        let reason = reason(app);
        app.error(format!(
            "still not saved ({reason}): w writes a recovery copy and quits"
        ));
        app.mode = Mode::Quit { reason };
        return Effect::None;
    }
    Effect::Quit
}

/// `w` in the question (or Ctrl-C): the plan as it is here goes to a
/// recovery copy; the UI quits once it is written.
pub fn recover_and_quit(app: &mut App) -> Effect {
    match write_recovery(app) {
        Ok(_) => Effect::Quit,
        Err(why) => {
            app.error(why);
            Effect::None
        }
    }
}

/// Writes the recovery copy (once) and remembers where it went.
pub fn write_recovery(app: &mut App) -> Result<PathBuf, String> {
    app.session.recover()
}

/// `Esc` in the question: back to the plan, the change still in memory.
pub fn stay(app: &mut App) -> Effect {
    let changed = matches!(&app.mode, Mode::Quit { reason } if reason == CHANGED);
    app.mode = Mode::Normal;
    app.info(if changed {
        "not saved: K keeps mine where they clash, R takes theirs"
    } else {
        "not saved, kept in memory: K saves it once it can be"
    });
    Effect::None
}

/// After the terminal is given back, however the loop ended (quit, a
/// signal, an error): waits for the last save and, if a change is still not
/// on disk, writes it to a recovery copy. Returns what to print on stderr
/// and whether it is a failure (nothing could be written).
pub fn on_exit(app: &mut App, signal: Option<&str>) -> Option<(String, bool)> {
    app.wait_saved();
    if !app.dirty() || app.read_only() {
        return None;
    }
    let why = reason(app);
    let by = signal.map_or_else(String::new, |s| format!("stopped by {s}; "));
    Some(match write_recovery(app) {
        Ok(path) => (
            format!(
                "{by}your unsaved change ({why}) is in {}",
                sanitize(&path.display().to_string())
            ),
            signal.is_some(),
        ),
        Err(e) => (
            format!("{by}quit with an unsaved change ({why}); {e}"),
            true,
        ),
    })
}
