//! One-line questions the lifecycle actions ask: a review-by date, the
//! evidence for a decision, a check-in value and date, an export format and
//! path. A refused answer keeps the prompt open with the reason, so nothing
//! typed is lost.

use ratatui::crossterm::event::KeyEvent;

use super::action::Effect;
use super::app::{App, Mode};
use super::components::InputOutcome;
use super::state::PromptKind;
use super::{experiment_ops, sprint_ops};

/// Bracketed paste into the open prompt: one line (line breaks become
/// spaces, a trailing one is dropped), so a paste never answers by itself.
pub fn paste(app: &mut App, text: &str) {
    if let Mode::Prompt(p) = &mut app.mode {
        let line = text.trim_end_matches(['\r', '\n']).replace("\r\n", " ");
        p.input.insert_str(&line.replace(['\r', '\n'], " "));
        p.error = None;
    }
}

/// A key the keymap does not bind in prompt mode: typing.
pub fn type_key(app: &mut App, key: KeyEvent) -> Effect {
    if let Mode::Prompt(p) = &mut app.mode
        && p.input.handle_key(key) == InputOutcome::Changed
    {
        p.error = None;
    }
    Effect::None
}

/// Enter: answers the open prompt.
pub fn submit(app: &mut App) -> Effect {
    let Mode::Prompt(prompt) = std::mem::take(&mut app.mode) else {
        return Effect::None;
    };
    match prompt.kind.clone() {
        PromptKind::ReviewBy { .. }
        | PromptKind::Evidence { .. }
        | PromptKind::CheckinValue { .. }
        | PromptKind::CheckinDate { .. }
        | PromptKind::LearningLogPath => experiment_ops::answer(app, prompt),
        PromptKind::ExportFormat { .. } | PromptKind::ExportPath { .. } => {
            sprint_ops::answer(app, prompt)
        }
        PromptKind::ImportPath => super::import_ops::answer(app, prompt),
    }
}
