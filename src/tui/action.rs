//! Everything a user can do, named. The keymap maps keys to these, the palette
//! lists them, and `update` is the one place that carries them out.

use ratatui::crossterm::event::KeyEvent;

/// The five screens, in tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum View {
    #[default]
    Overview,
    Debt,
    Sprints,
    Experiments,
    KeyResults,
}

impl View {
    pub const ALL: [View; 5] = [
        View::Overview,
        View::Debt,
        View::Sprints,
        View::Experiments,
        View::KeyResults,
    ];

    pub fn title(self) -> &'static str {
        match self {
            View::Overview => "Overview",
            View::Debt => "Debt",
            View::Sprints => "Sprints",
            View::Experiments => "Experiments",
            View::KeyResults => "Key results",
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn next(self) -> View {
        View::ALL[(self.index() + 1) % View::ALL.len()]
    }

    pub fn prev(self) -> View {
        View::ALL[(self.index() + View::ALL.len() - 1) % View::ALL.len()]
    }
}

/// The debt ratings `+`/`-` can change; `r` picks which one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Rating {
    #[default]
    Customer,
    Delivery,
    Risk,
    Urgency,
}

impl Rating {
    pub const ALL: [Rating; 4] = [
        Rating::Customer,
        Rating::Delivery,
        Rating::Risk,
        Rating::Urgency,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Rating::Customer => "customer",
            Rating::Delivery => "delivery",
            Rating::Risk => "risk",
            Rating::Urgency => "urgency",
        }
    }

    pub fn next(self) -> Rating {
        Rating::ALL[(self as usize + 1) % Rating::ALL.len()]
    }
}

/// Which version a conflict keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pick {
    Mine,
    Theirs,
    Base,
}

impl Pick {
    pub fn label(self) -> &'static str {
        match self {
            Pick::Mine => "mine",
            Pick::Theirs => "theirs",
            Pick::Base => "base",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Quit,
    Help,
    /// Closes an overlay or leaves a mode.
    Back,
    NextView,
    PrevView,
    GoTo(View),
    MoveUp,
    MoveDown,
    MoveLeft,
    MoveRight,
    Top,
    Bottom,
    PageUp,
    PageDown,
    /// A mouse click at (column, row) of the screen: a tab or a list row.
    Click(u16, u16),
    /// Scrolls the current list by `n` rows down (negative: up), mouse wheel.
    Scroll(i32),
    OpenDetail,
    Add,
    Edit,
    Delete,
    Confirm(bool),
    Undo,
    Redo,
    Search,
    Palette,
    Filter,
    /// In the filter overlay: the chosen filter's next / previous value.
    FilterNext,
    FilterPrev,
    FilterClear,
    Sort,
    SortReverse,
    RaiseRating,
    LowerRating,
    NextRating,
    CycleStatus,
    Suspend,
    /// In the key-results view: add an objective (`a` adds a key result).
    AddObjective,
    /// The plan settings form: North Star, weights, health thresholds,
    /// policy levels.
    Settings,
    /// In a form: save; in a picker: take the selected entry.
    Submit,
    /// Leaves a form (asking when something changed) or a picker.
    Cancel,
    /// In a form: edit the focused text in `$VISUAL`/`$EDITOR`.
    OpenEditor,
    /// A key typed into a form field or a picker's query.
    Type(KeyEvent),
    /// The answer to a question (discard the form? reload the file?).
    Answer(bool),
    /// Reads the plan file again (asks first when that drops a change).
    ReloadFile,
    /// After a conflict: back up the file's version and save ours over it.
    KeepMine,
    /// Sprints: focus the previous / next pane (sprints, items, candidates).
    FocusPrev,
    FocusNext,
    /// Sprints: the selected candidate into the sprint, a committed item out.
    SprintIn,
    SprintOut,
    /// Sprints: in or out, whichever the focused pane allows.
    SprintToggle,
    AutoPlan,
    TopThree,
    StartSprint,
    CloseSprint,
    /// Sprints: call the sprint off (asks y/n); its items go back.
    CancelSprint,
    ExportSprint,
    /// Sprints: rename the selected sprint (asks the new name).
    RenameSprint,
    /// Sprints: the burn-up and velocity charts in place of the item
    /// panes, or back.
    ToggleCharts,
    /// Debt view: import debt (CSV, taskwarrior, GitHub, Jira).
    ImportDebt,
    /// Debt view, overview: the triage flow over the unestimated items.
    Triage,
    /// Debt view: scan the plan's repository and pick candidates to add.
    ScanCode,
    StartExperiment,
    ValidateExperiment,
    AbandonExperiment,
    ReopenExperiment,
    LearningLog,
    CheckIn,
    /// Key results view: take back the latest check-in (asks y/n; undoable).
    RemoveCheckIn,
    /// In the close checklist: done / not done.
    ToggleDone,
    /// The import summary: only the items marked as debt / everything.
    OnlyDebt,
    /// Quitting with an unsaved change: write the plan to a recovery copy
    /// and quit.
    WriteRecovery,
    /// The conflict screen: keep this version for the selected conflict.
    PickSide(Pick),
}

impl Action {
    /// Whether the action changes the plan: a read-only UI refuses it,
    /// once, in `update`, before anything is asked.
    pub fn mutates(self) -> bool {
        matches!(
            self,
            Action::Add
                | Action::AddObjective
                | Action::Edit
                | Action::Delete
                | Action::Undo
                | Action::Redo
                | Action::RaiseRating
                | Action::LowerRating
                | Action::CycleStatus
                | Action::SprintIn
                | Action::SprintOut
                | Action::SprintToggle
                | Action::AutoPlan
                | Action::TopThree
                | Action::StartSprint
                | Action::CloseSprint
                | Action::CancelSprint
                | Action::RenameSprint
                | Action::ImportDebt
                | Action::Triage
                | Action::ScanCode
                | Action::StartExperiment
                | Action::ValidateExperiment
                | Action::AbandonExperiment
                | Action::ReopenExperiment
                | Action::CheckIn
                | Action::RemoveCheckIn
        )
    }

    /// The name the command palette shows and matches.
    pub fn name(self) -> &'static str {
        match self {
            Action::Quit => "quit",
            Action::Help => "help",
            Action::Back => "back",
            Action::NextView => "next view",
            Action::PrevView => "previous view",
            Action::GoTo(View::Overview) => "go to overview",
            Action::GoTo(View::Debt) => "go to debt",
            Action::GoTo(View::Sprints) => "go to sprints",
            Action::GoTo(View::Experiments) => "go to experiments",
            Action::GoTo(View::KeyResults) => "go to key results",
            Action::MoveUp => "move up",
            Action::MoveDown => "move down",
            Action::MoveLeft => "move left",
            Action::MoveRight => "move right",
            Action::Top => "top",
            Action::Bottom => "bottom",
            Action::PageUp => "page up",
            Action::PageDown => "page down",
            Action::Click(..) => "click",
            Action::Scroll(_) => "scroll",
            Action::OpenDetail => "open detail",
            Action::Add => "add",
            Action::Edit => "edit",
            Action::Delete => "delete",
            Action::Confirm(true) => "yes",
            Action::Confirm(false) => "no",
            Action::Undo => "undo",
            Action::Redo => "redo",
            Action::Search => "search",
            Action::Palette => "command palette",
            Action::Filter => "filter",
            Action::FilterNext => "next filter value",
            Action::FilterPrev => "previous filter value",
            Action::FilterClear => "clear filter",
            Action::Sort => "sort",
            Action::SortReverse => "reverse sort",
            Action::RaiseRating => "raise rating",
            Action::LowerRating => "lower rating",
            Action::NextRating => "pick rating",
            Action::CycleStatus => "cycle status",
            Action::Suspend => "suspend",
            Action::AddObjective => "add objective",
            Action::Settings => "settings",
            Action::Submit => "submit",
            Action::Cancel => "cancel",
            Action::OpenEditor => "edit in $EDITOR",
            Action::Type(_) => "type",
            Action::Answer(true) => "answer yes",
            Action::Answer(false) => "answer no",
            Action::ReloadFile => "reload the file",
            Action::KeepMine => "keep my version",
            Action::FocusPrev => "previous pane",
            Action::FocusNext => "next pane",
            Action::SprintIn => "move into the sprint",
            Action::SprintOut => "move out of the sprint",
            Action::SprintToggle => "move in or out of the sprint",
            Action::AutoPlan => "auto-plan the sprint",
            Action::TopThree => "top three into the sprint",
            Action::StartSprint => "start the sprint",
            Action::CloseSprint => "close the sprint",
            Action::CancelSprint => "cancel the sprint",
            Action::ExportSprint => "export the sprint",
            Action::RenameSprint => "rename the sprint",
            Action::ToggleCharts => "charts: burn-up and velocity",
            Action::ImportDebt => "import debt from a file",
            Action::Triage => "triage the unestimated debt",
            Action::ScanCode => "debt from the code (scan)",
            Action::StartExperiment => "start the experiment",
            Action::ValidateExperiment => "validate the experiment",
            Action::AbandonExperiment => "abandon the experiment",
            Action::ReopenExperiment => "reopen the experiment",
            Action::LearningLog => "export the learning log",
            Action::CheckIn => "check in a key result",
            Action::RemoveCheckIn => "remove the latest check-in",
            Action::ToggleDone => "toggle done",
            Action::OnlyDebt => "import only debt / everything",
            Action::WriteRecovery => "write a recovery copy and quit",
            Action::PickSide(Pick::Mine) => "keep mine",
            Action::PickSide(Pick::Theirs) => "take theirs",
            Action::PickSide(Pick::Base) => "back to the base",
        }
    }
}

/// What the event loop must do after an update.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    None,
    /// The plan changed: save it now.
    Save,
    Quit,
    /// Give the terminal back to the shell (Ctrl-Z) and redraw on return.
    Suspend,
    /// Suspend the terminal, run `$EDITOR` on the open form's focused field
    /// (see `forms::editor_request`) and redraw.
    Editor,
}
