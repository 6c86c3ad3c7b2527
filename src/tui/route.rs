//! The modes that take typed text (forms, search, the palette): their bound
//! keys (Enter, Esc, Tab, …) arrive as actions from the keymap, every other
//! key as `Action::Type` for the focused input. This routes both by mode.

use crossterm::event::KeyEvent;

use super::action::Effect;
use super::app::{App, Mode, ModeKind};
use super::{forms, pickers};

/// Whether keys the keymap does not bind are typed into the mode's input.
pub fn takes_text(mode: ModeKind) -> bool {
    matches!(mode, ModeKind::Form | ModeKind::Search | ModeKind::Palette)
}

pub fn submit(app: &mut App) -> Effect {
    match app.mode {
        Mode::Form(_) => forms::submit(app),
        Mode::Search(_) | Mode::Palette(_) => pickers::submit(app),
        Mode::Checklist(_) => super::sprint_ops::submit_close(app),
        Mode::Prompt(_) => super::prompt::submit(app),
        Mode::ImportReview(_) => super::import_ops::import_valid(app),
        _ => Effect::None,
    }
}

pub fn cancel(app: &mut App) -> Effect {
    match app.mode {
        Mode::Form(_) => forms::cancel(app),
        Mode::Search(_) | Mode::Palette(_) => pickers::cancel(app),
        Mode::ImportReview(_) => super::import_ops::back(app),
        _ => Effect::None,
    }
}

pub fn type_key(app: &mut App, key: KeyEvent) -> Effect {
    match app.mode {
        Mode::Form(_) => forms::type_key(app, key),
        Mode::Search(_) | Mode::Palette(_) => pickers::type_key(app, key),
        _ => Effect::None,
    }
}

/// Bracketed paste: the text goes into the focused input as one piece (a
/// pasted line break never submits a form).
pub fn paste(app: &mut App, text: &str) {
    match &mut app.mode {
        Mode::Form(state) => state.form.paste(text),
        Mode::Search(_) | Mode::Palette(_) => pickers::paste(app, text),
        Mode::Prompt(_) => super::prompt::paste(app, text),
        _ => {}
    }
}
