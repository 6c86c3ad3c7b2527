//! One-line questions the lifecycle actions ask: a review-by date, the
//! evidence for a decision, a check-in value and date, an export format and
//! path. A refused answer keeps the prompt open with the reason, so nothing
//! typed is lost.

use chrono::NaiveDate;
use ratatui::crossterm::event::KeyEvent;

use super::action::Effect;
use super::app::{App, Mode};
use super::components::text_input::normalize_breaks;
use super::components::{InputOutcome, TextInput};
use super::{experiment_ops, sprint_ops};

/// The export formats the sprint view offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Markdown,
    Csv,
    Json,
}

impl ExportFormat {
    pub fn parse(s: &str) -> Option<ExportFormat> {
        match s.trim().to_ascii_lowercase().as_str() {
            "md" | "markdown" => Some(ExportFormat::Markdown),
            "csv" => Some(ExportFormat::Csv),
            "json" => Some(ExportFormat::Json),
            _ => None,
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Markdown => "md",
            ExportFormat::Csv => "csv",
            ExportFormat::Json => "json",
        }
    }
}

/// What the answer is for.
#[derive(Debug, Clone, PartialEq)]
pub enum PromptKind {
    /// Starting hypothesis `id`: its review-by date.
    ReviewBy {
        id: String,
    },
    /// Validating (or abandoning) hypothesis `id`: the evidence.
    Evidence {
        id: String,
        validate: bool,
    },
    CheckinValue {
        kr: String,
    },
    CheckinDate {
        kr: String,
        value: f64,
    },
    ExportFormat {
        sprint: String,
    },
    ExportPath {
        sprint: String,
        format: ExportFormat,
    },
    LearningLogPath,
    /// The file to import debt from.
    ImportPath,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Prompt {
    pub kind: PromptKind,
    /// The question, e.g. "Evidence for validating H-00001".
    pub title: String,
    /// A line under the input: the default, the accepted values.
    pub hint: String,
    pub input: TextInput,
    /// Why the last answer was refused.
    pub error: Option<String>,
}

impl Prompt {
    pub fn new(
        kind: PromptKind,
        title: impl Into<String>,
        hint: impl Into<String>,
        prefill: impl Into<String>,
    ) -> Prompt {
        Prompt {
            kind,
            title: title.into(),
            hint: hint.into(),
            // The default is selected: what is typed replaces it.
            input: TextInput::prefilled(prefill),
            error: None,
        }
    }
}

/// A path as typed in a prompt: trimmed, and a leading `~/` (or a lone
/// `~`) is the home directory, as a shell would read it. Without `$HOME`
/// the text is taken as it is.
pub fn path_of(text: &str) -> std::path::PathBuf {
    let text = text.trim();
    let home = std::env::var_os("HOME").filter(|h| !h.is_empty());
    match (text.strip_prefix('~'), home) {
        (Some(""), Some(home)) => home.into(),
        (Some(rest), Some(home)) if rest.starts_with('/') => {
            std::path::Path::new(&home).join(rest.trim_start_matches('/'))
        }
        _ => text.into(),
    }
}

/// Opens a prompt.
pub fn ask(app: &mut App, prompt: Prompt) {
    app.mode = Mode::Prompt(prompt);
}

/// Bracketed paste into the open prompt: one line (line breaks become
/// spaces, a trailing one is dropped), so a paste never answers by itself.
pub fn paste(app: &mut App, text: &str) {
    if let Mode::Prompt(p) = &mut app.mode {
        let line = text.trim_end_matches(['\r', '\n']);
        p.input.insert_str(&normalize_breaks(line, false));
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

/// Keeps the prompt open with `why` under it and in the status bar.
pub fn refuse(app: &mut App, mut prompt: Prompt, why: String) -> Effect {
    prompt.error = Some(why.clone());
    app.mode = Mode::Prompt(prompt);
    app.error(why);
    Effect::None
}

/// A date as typed, or `default` when empty.
pub fn parse_date(text: &str, default: NaiveDate) -> Result<NaiveDate, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(default);
    }
    NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .map_err(|_| format!("{t:?} is not a date (YYYY-MM-DD)"))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_and_dates_parse() {
        assert_eq!(ExportFormat::parse(" MD "), Some(ExportFormat::Markdown));
        assert_eq!(ExportFormat::parse("json"), Some(ExportFormat::Json));
        assert_eq!(ExportFormat::parse("xlsx"), None);
        let d = NaiveDate::from_ymd_opt(2026, 1, 2).unwrap();
        assert_eq!(parse_date("", d), Ok(d));
        assert_eq!(
            parse_date("2026-02-03", d),
            Ok(NaiveDate::from_ymd_opt(2026, 2, 3).unwrap())
        );
        assert!(
            parse_date("tomorrow", d)
                .unwrap_err()
                .contains("YYYY-MM-DD")
        );
    }
}
