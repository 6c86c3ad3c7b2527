//! The mode the UI is in, with its data.

use super::conflicts::ConflictScreen;
use super::dialogs::{Checklist, ImportReview, ImportSync};
use super::inputs::{FormState, PickerState, Prompt};
use super::scan::ScanPicker;
use super::triage::Triage;
use crate::model::Change;
use crate::tui::cache::FilterField;

/// A change waiting for y/n.
#[derive(Debug, Clone, PartialEq)]
pub struct Pending {
    pub prompt: String,
    pub change: Change,
    /// What the status bar says once done.
    pub done: String,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub enum Mode {
    #[default]
    Normal,
    Help {
        scroll: u16,
    },
    Confirm(Pending),
    Filter {
        field: FilterField,
    },
    Detail {
        scroll: u16,
    },
    /// Adding or editing an entity (or the plan settings).
    Form(Box<FormState>),
    /// `/`: fuzzy search over the whole plan.
    Search(Box<PickerState>),
    /// `:` / Ctrl-p: fuzzy-find an action and run it.
    Palette(Box<PickerState>),
    /// A y/n question that is not a plan change (discard a form, reload).
    Ask(Box<Question>),
    /// A one-line question (evidence, a date, a path); Enter answers.
    Prompt(Prompt),
    /// Closing a sprint: which of its items are done.
    Checklist(Checklist),
    /// A CSV import refused: every problem; Enter imports the valid rows.
    ImportReview(Box<ImportReview>),
    /// Candidates from scanning the plan's repository: space chooses,
    /// Enter adds the chosen ones.
    ScanPicker(Box<ScanPicker>),
    /// What an import would do; Enter applies it, Esc cancels.
    ImportSync(Box<ImportSync>),
    /// Quitting with a change that is not on disk: keep mine, write a
    /// recovery copy, or stay. `reason`: why it is not on disk.
    Quit {
        reason: String,
    },
    /// Another program's change clashes with ours: a pick per conflict;
    /// Enter applies them, Esc leaves with nothing written. `held`: the
    /// mode it opened over (a form keeps what was typed).
    Conflicts {
        screen: Box<ConflictScreen>,
        held: Box<Mode>,
    },
    /// The triage queue, one unestimated item at a time: digits set its
    /// ratings and effort, Enter saves it (one undo step) and shows the next.
    Triage(Box<Triage>),
}

/// The mode without its data: what keymap scopes name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ModeKind {
    Normal,
    Help,
    Confirm,
    Filter,
    Detail,
    Form,
    Search,
    Palette,
    Ask,
    Prompt,
    Checklist,
    ImportReview,
    ScanPicker,
    ImportSync,
    Quit,
    Conflicts,
    Triage,
}

impl Mode {
    pub fn kind(&self) -> ModeKind {
        match self {
            Mode::Normal => ModeKind::Normal,
            Mode::Help { .. } => ModeKind::Help,
            Mode::Confirm(_) => ModeKind::Confirm,
            Mode::Filter { .. } => ModeKind::Filter,
            Mode::Detail { .. } => ModeKind::Detail,
            Mode::Form(_) => ModeKind::Form,
            Mode::Search(_) => ModeKind::Search,
            Mode::Palette(_) => ModeKind::Palette,
            Mode::Ask(_) => ModeKind::Ask,
            Mode::Prompt(_) => ModeKind::Prompt,
            Mode::Checklist(_) => ModeKind::Checklist,
            Mode::ImportReview(_) => ModeKind::ImportReview,
            Mode::ScanPicker(_) => ModeKind::ScanPicker,
            Mode::ImportSync(_) => ModeKind::ImportSync,
            Mode::Quit { .. } => ModeKind::Quit,
            Mode::Conflicts { .. } => ModeKind::Conflicts,
            Mode::Triage(_) => ModeKind::Triage,
        }
    }
}

impl ModeKind {
    pub fn label(self) -> &'static str {
        match self {
            ModeKind::Normal => "NORMAL",
            ModeKind::Help => "HELP",
            ModeKind::Confirm => "CONFIRM",
            ModeKind::Filter => "FILTER",
            ModeKind::Detail => "DETAIL",
            ModeKind::Form => "FORM",
            ModeKind::Search => "SEARCH",
            ModeKind::Palette => "PALETTE",
            ModeKind::Ask => "CONFIRM",
            ModeKind::Prompt => "PROMPT",
            ModeKind::Checklist => "CLOSE",
            ModeKind::ImportReview => "IMPORT",
            ModeKind::ScanPicker => "SCAN",
            ModeKind::ImportSync => "IMPORT",
            ModeKind::Quit => "QUIT",
            ModeKind::Conflicts => "CONFLICTS",
            ModeKind::Triage => "TRIAGE",
        }
    }
}

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
