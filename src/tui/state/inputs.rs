//! The data of the modes that take typed input: a form, a one-line prompt,
//! a picker (search, the palette).

use chrono::NaiveDate;

use crate::model::Kind;
use crate::tui::action::Action;
use crate::tui::components::{Form, Picker, TextInput};

/// What a submitted form becomes.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    Add(Kind),
    Edit(Kind, String),
    /// The North Star and the WSJF weights.
    Meta,
}

#[derive(Debug, Clone)]
pub struct FormState {
    pub form: Form,
    pub target: Target,
    /// The field `$EDITOR` is working on, between Ctrl-e and the loop
    /// coming back with the text.
    pub editor_field: Option<usize>,
    /// The plan as it was when an edit form opened: the base its save is
    /// merged against when the plan changed since (an outside change), so
    /// only the fields changed in the form land.
    pub opened: Option<std::sync::Arc<crate::model::Plan>>,
}

impl FormState {
    pub fn new(form: Form, target: Target) -> Self {
        FormState {
            form,
            target,
            editor_field: None,
            opened: None,
        }
    }
}

/// Forms compare by what the user sees: title, values, errors and focus.
impl PartialEq for FormState {
    fn eq(&self, other: &Self) -> bool {
        let (a, b) = (&self.form, &other.form);
        self.target == other.target
            && self.editor_field == other.editor_field
            && a.title == b.title
            && a.focus() == b.focus()
            && a.form_error == b.form_error
            && a.fields.len() == b.fields.len()
            && a.fields
                .iter()
                .zip(&b.fields)
                .all(|(x, y)| x.key == y.key && x.text() == y.text() && x.error == y.error)
    }
}

/// The export formats the sprint view offers: the sprint in three, and
/// the stakeholder report (the whole plan as one HTML page).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Markdown,
    Csv,
    Json,
    Report,
}

impl ExportFormat {
    pub fn parse(s: &str) -> Option<ExportFormat> {
        match s.trim().to_ascii_lowercase().as_str() {
            "md" | "markdown" => Some(ExportFormat::Markdown),
            "csv" => Some(ExportFormat::Csv),
            "json" => Some(ExportFormat::Json),
            "html" | "report" => Some(ExportFormat::Report),
            _ => None,
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Markdown => "md",
            ExportFormat::Csv => "csv",
            ExportFormat::Json => "json",
            ExportFormat::Report => "html",
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
    /// A one-step question `action` asks about item `id`, answered by the
    /// module that carries `action` out: a new prompt-driven action needs
    /// no variant here, nor a line in the router.
    About {
        action: Action,
        id: String,
    },
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

/// A date as typed, or `default` when empty.
pub fn parse_date(text: &str, default: NaiveDate) -> Result<NaiveDate, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(default);
    }
    NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .map_err(|_| format!("{t:?} is not a date (YYYY-MM-DD)"))
}

#[derive(Clone)]
pub struct PickerState {
    pub picker: Picker,
}

impl std::fmt::Debug for PickerState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PickerState")
            .field("query", &self.picker.query())
            .field("selected", &self.picker.selected())
            .finish_non_exhaustive()
    }
}

/// Two pickers are the same when they show the same thing.
impl PartialEq for PickerState {
    fn eq(&self, other: &Self) -> bool {
        self.picker.query() == other.picker.query()
            && self.picker.selected_index() == other.picker.selected_index()
            && self.picker.items() == other.picker.items()
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
