//! The one place that routes Enter, Esc, typed keys, pastes and y/n
//! answers by mode: a form saves, a picker jumps (or hands back the
//! palette's command), a prompt's answer goes to the module that asked, a
//! y/n applies the pending change. The modes' bound keys arrive as actions
//! from the keymap; every other key as `Action::Type` for the open input.

use crossterm::event::KeyEvent;

use super::action::{Action, Effect};
use super::app::App;
use super::components::InputOutcome;
use super::state::{Applies, Mode, ModeKind, Prompt, Question};
use super::{
    conflicts, experiment_ops, forms, import_ops, pickers, quit, reload, scan_ops, sprint_ops,
    triage_ops,
};

/// What routing a key came to: done, or another action to run (the
/// palette's chosen command).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Routed {
    Done(Effect),
    Run(Action),
}

impl From<Effect> for Routed {
    fn from(effect: Effect) -> Routed {
        Routed::Done(effect)
    }
}

/// Whether keys the keymap does not bind are typed into the mode's input.
pub fn takes_text(mode: ModeKind) -> bool {
    matches!(
        mode,
        ModeKind::Form | ModeKind::Search | ModeKind::Palette | ModeKind::Prompt | ModeKind::Triage
    )
}

/// Enter (and Ctrl-s in a form).
pub fn submit(app: &mut App) -> Routed {
    match app.mode {
        Mode::Form(_) => forms::submit(app).into(),
        Mode::Search(_) | Mode::Palette(_) => {
            pickers::submit(app).map_or(Routed::Done(Effect::None), Routed::Run)
        }
        Mode::Checklist(_) => sprint_ops::submit_close(app).into(),
        Mode::Prompt(_) => answer_prompt(app).into(),
        Mode::ImportReview(_) => import_ops::import_valid(app).into(),
        Mode::ScanPicker(_) => scan_ops::submit(app).into(),
        Mode::Conflicts { ref screen, .. } if matches!(screen.applies, Applies::Form(_)) => {
            super::form_save::apply(app).into()
        }
        Mode::ImportSync(_) => import_ops::apply(app).into(),
        Mode::Conflicts { .. } => conflicts::apply(app).into(),
        Mode::Triage(_) => triage_ops::next(app).into(),
        _ => Effect::None.into(),
    }
}

/// Enter in a prompt: the answer goes to the module that asked.
fn answer_prompt(app: &mut App) -> Effect {
    let Mode::Prompt(prompt) = std::mem::take(&mut app.mode) else {
        return Effect::None;
    };
    answer(app, prompt)
}

/// Each feature module answers its own prompts and hands back the others,
/// so a new prompt is added in the module that asks it.
fn answer(app: &mut App, prompt: Prompt) -> Effect {
    sprint_ops::answer(app, Box::new(prompt))
        .or_else(|p| experiment_ops::answer(app, p))
        .or_else(|p| import_ops::answer(app, p))
        .unwrap_or(Effect::None)
}

/// Esc in a form, a picker or the import review.
pub fn cancel(app: &mut App) -> Effect {
    match app.mode {
        Mode::Form(_) => forms::cancel(app),
        Mode::Search(_) | Mode::Palette(_) => pickers::cancel(app),
        Mode::ImportReview(_) => import_ops::back(app),
        Mode::ImportSync(_) => import_ops::cancel(app),
        Mode::Conflicts { .. } => conflicts::leave(app),
        Mode::Triage(_) => triage_ops::leave(app),
        _ => Effect::None,
    }
}

/// A key the keymap does not bind, typed into the open input.
pub fn type_key(app: &mut App, key: KeyEvent) -> Routed {
    match &mut app.mode {
        Mode::Form(_) => forms::type_key(app, key).into(),
        Mode::Search(_) | Mode::Palette(_) => {
            pickers::type_key(app, key).map_or(Routed::Done(Effect::None), Routed::Run)
        }
        Mode::Prompt(p) => {
            if p.input.handle_key(key) == InputOutcome::Changed {
                p.error = None;
            }
            Effect::None.into()
        }
        Mode::Triage(t) => {
            triage_ops::type_key(t, key);
            Effect::None.into()
        }
        _ => Effect::None.into(),
    }
}

/// Bracketed paste: the text goes into the focused input as one piece (a
/// pasted line break never submits a form or answers a prompt: in a
/// prompt line breaks become spaces, a trailing one is dropped).
pub fn paste(app: &mut App, text: &str) {
    match &mut app.mode {
        Mode::Form(state) => state.form.paste(text),
        Mode::Search(_) | Mode::Palette(_) => pickers::paste(app, text),
        Mode::Prompt(p) => {
            let line = text.trim_end_matches(['\r', '\n']);
            p.input
                .insert_str(&crate::tui::components::text_input::normalize_breaks(
                    line, false,
                ));
            p.error = None;
        }
        _ => {}
    }
}

/// y/n on a pending change: applied as one undo step, or kept.
pub fn confirm(app: &mut App, yes: bool) -> Effect {
    let Mode::Confirm(pending) = std::mem::take(&mut app.mode) else {
        return Effect::None;
    };
    if !yes {
        app.info(format!("kept: {} not done", pending.change.label));
        return Effect::None;
    }
    app.apply(pending.change);
    app.info(pending.done);
    Effect::Save
}

/// y/n on a question that is not a plan change (discard a form, discard
/// and quit, reload).
pub fn answer_question(app: &mut App, yes: bool) -> Effect {
    let Mode::Ask(question) = std::mem::take(&mut app.mode) else {
        return Effect::None;
    };
    match (*question, yes) {
        (Question::DiscardAndQuit(_), true) => return quit::quit(app),
        (Question::DiscardAndQuit(held), false) => app.mode = *held,
        (Question::Discard(_), true) => app.info("discarded"),
        (Question::Discard(state), false) => app.mode = Mode::Form(Box::new(state)),
        (Question::Reload, yes) => reload::answer_reload(app, yes),
    }
    Effect::None
}
