//! The UI's state: the plan, where the user is, what is selected, and the
//! derived rows each view shows. Derived data lives in [`Cache`] and is rebuilt
//! only when the plan, the filters or the sort change, never per frame.

use std::cell::{Cell, RefCell};
use std::sync::Arc;

use chrono::NaiveDate;
use ratatui::layout::Rect;

use super::Persist;
use super::action::{Rating, View};
use super::history::History;
use super::theme::Theme;
use crate::model::SprintState;
use crate::model::{Change, Debt, Plan};
use crate::score::Breakdown;
use crate::search::LazyIndex;

pub use super::cache::{Cache, DebtFilter, FilterField, KrRow, SortColumn, StatusFilter};
pub use super::forms::FormState;
pub use super::import_ops::ImportReview;
pub use super::pickers::PickerState;
pub use super::prompt::{Prompt, PromptKind};
pub use super::reload::Question;
pub use super::sprint_ops::{Checklist, SprintFocus};

/// A list position: the selected row and the first visible row. The offset is
/// a render detail that the view adjusts while drawing (hence the `Cell`), so
/// views stay functions of `&App`.
#[derive(Debug, Default)]
pub struct Cursor {
    pub selected: usize,
    pub offset: Cell<usize>,
}

impl Cursor {
    /// The first row to show so that `selected` is inside `height` rows.
    pub fn visible_offset(&self, height: usize, len: usize) -> usize {
        let mut off = self.offset.get();
        if height == 0 {
            return off.min(len);
        }
        if self.selected < off {
            off = self.selected;
        } else if self.selected >= off + height {
            off = self.selected + 1 - height;
        }
        off = off.min(len.saturating_sub(height));
        self.offset.set(off);
        off
    }
}

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
    /// Quitting with a change that is not on disk: keep mine, write a
    /// recovery copy, or stay. `reason`: why it is not on disk.
    Quit {
        reason: String,
    },
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
    Quit,
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
            Mode::Quit { .. } => ModeKind::Quit,
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
            ModeKind::Quit => "QUIT",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    Info(String),
    Error(String),
}

impl Message {
    pub fn text(&self) -> &str {
        match self {
            Message::Info(s) | Message::Error(s) => s,
        }
    }
}

/// Screen regions recorded while drawing, so a mouse click can be mapped back
/// to a tab or a row without re-running the layout.
#[derive(Debug, Default, Clone)]
pub struct Hits {
    pub tabs: Vec<(Rect, View)>,
    /// The current list's rows area and its first visible row.
    pub rows: Option<(Rect, usize)>,
    /// Screen lines per list row (experiment cards are taller than one).
    pub row_height: u16,
    /// Experiment board columns: card area and first visible card of each.
    pub columns: Vec<(Rect, usize)>,
}

pub struct App {
    /// Not shared for saves (the writer keeps its own copy and is sent
    /// every change), so edits change it in place. Shared only briefly:
    /// with the writer while it copies a whole plan (start, reload, `K`)
    /// and with an unbuilt search index; an edit then copies it.
    pub plan: Arc<Plan>,
    pub today: NaiveDate,
    pub view: View,
    pub mode: Mode,
    /// One cursor per view, indexed by `View::index`.
    pub cursors: [Cursor; 5],
    /// The experiment board's selected column.
    pub board_column: usize,
    /// Selected card in each board column.
    pub board_rows: [usize; 4],
    pub filter: DebtFilter,
    pub sort: SortColumn,
    pub descending: bool,
    pub rating: Rating,
    pub message: Option<Message>,
    /// The last save's outcome: "saved HH:MM:SS" or why it failed.
    pub saved: Option<Result<String, String>>,
    pub read_only: bool,
    /// Why it is read-only, when that is not obvious (a second UI, a
    /// read-only file): said with every refused edit.
    pub read_only_why: Option<String>,
    /// Changes not yet saved (the last save failed).
    pub dirty: bool,
    /// Where the unsaved plan was written when it could not be saved (see
    /// `quit`): said again on stderr after the UI is gone.
    pub recovered: Option<std::path::PathBuf>,
    pub history: History,
    pub cache: Cache,
    pub theme: Theme,
    pub persist: Box<dyn Persist>,
    pub hits: RefCell<Hits>,
    /// Built when search opens, dropped when the plan changes.
    pub search_index: Option<Arc<LazyIndex>>,
    /// Sprint view: which pane j/k move in, and the row of each item pane.
    pub sprint_focus: SprintFocus,
    pub sprint_item_row: usize,
    pub sprint_candidate_row: usize,
    /// Where exports go by default: the plan's directory (None: the
    /// working directory).
    pub export_dir: Option<std::path::PathBuf>,
    /// The plan's file (None for the demo): an export never replaces it.
    pub plan_path: Option<std::path::PathBuf>,
}

impl App {
    pub fn new(plan: Plan, today: NaiveDate, read_only: bool, persist: Box<dyn Persist>) -> App {
        let mut app = App {
            plan: Arc::new(plan),
            today,
            view: View::Overview,
            mode: Mode::Normal,
            cursors: Default::default(),
            board_column: 0,
            board_rows: [0; 4],
            filter: DebtFilter::default(),
            sort: SortColumn::Rank,
            descending: false,
            rating: Rating::default(),
            message: None,
            saved: None,
            read_only,
            read_only_why: None,
            dirty: false,
            recovered: None,
            history: History::default(),
            cache: Cache::default(),
            theme: Theme::from_env(),
            persist,
            hits: RefCell::new(Hits::default()),
            search_index: None,
            sprint_focus: SprintFocus::default(),
            sprint_item_row: 0,
            sprint_candidate_row: 0,
            export_dir: None,
            plan_path: None,
        };
        app.seed();
        app.rebuild(None);
        // The sprint a planning session is about: the active one, else the
        // first still open, not the oldest closed one.
        let open = |state: SprintState| {
            app.cache
                .sprint_rows
                .iter()
                .position(|&i| app.plan.sprints[i].state == state)
        };
        if let Some(row) = open(SprintState::Active).or_else(|| open(SprintState::Planned)) {
            app.cursors[View::Sprints.index()].selected = row;
        }
        app
    }

    /// Re-filters and re-sorts the debt table after the filter or sort
    /// changed, keeping the selected item selected wherever it moved.
    pub fn refresh(&mut self) {
        let selected = self.selected_debt().map(|d| d.id.clone());
        self.cache
            .resort(&self.plan, &self.filter, self.sort, self.descending);
        if let Some(id) = selected {
            self.select_debt(&id);
        }
        self.clamp_cursors();
    }

    /// Rebuilds after the plan changed; `selected` was read before the change
    /// (the cached indices are stale once the plan moved).
    fn rebuild(&mut self, selected: Option<String>) {
        self.search_index = None;
        let before = std::mem::take(&mut self.cache.rank);
        self.cache = Cache::build(
            &self.plan,
            self.today,
            &self.filter,
            self.sort,
            self.descending,
        );
        self.cache.prev_rank = before;
        if let Some(id) = selected {
            self.select_debt(&id);
        }
        self.clamp_cursors();
    }

    /// Selects a debt item in the table; false when the filter hides it.
    pub fn select_debt(&mut self, id: &str) -> bool {
        let pos = self
            .cache
            .debt_rows
            .iter()
            .position(|&i| self.plan.debts.get(i).is_some_and(|d| d.id == id));
        if let Some(pos) = pos {
            self.cursors[View::Debt.index()].selected = pos;
        }
        pos.is_some()
    }

    fn clamp_cursors(&mut self) {
        // Not the overview: counting its rows runs `bearing check`, which
        // an edit must not wait for; the overview clamps where it reads.
        for view in View::ALL.into_iter().filter(|v| *v != View::Overview) {
            let len = self.list_len(view);
            let c = &mut self.cursors[view.index()];
            c.selected = c.selected.min(len.saturating_sub(1));
        }
        for (col, rows) in self.cache.board.iter().enumerate() {
            self.board_rows[col] = self.board_rows[col].min(rows.len().saturating_sub(1));
        }
    }

    /// How many selectable rows the view's list has.
    pub fn list_len(&self, view: View) -> usize {
        match view {
            View::Overview => super::overview::len(self),
            View::Debt => self.cache.debt_rows.len(),
            View::Sprints => self.cache.sprint_rows.len(),
            View::Experiments => self.cache.board[self.board_column.min(3)].len(),
            View::KeyResults => self.cache.kr_rows.len(),
        }
    }

    pub fn cursor(&self) -> &Cursor {
        &self.cursors[self.view.index()]
    }

    pub fn selected_debt_index(&self) -> Option<usize> {
        self.cache
            .debt_rows
            .get(self.cursors[View::Debt.index()].selected)
            .copied()
    }

    pub fn selected_debt(&self) -> Option<&Debt> {
        self.selected_debt_index()
            .and_then(|i| self.plan.debts.get(i))
    }

    pub fn breakdown(&self, debt_index: usize) -> Option<&Breakdown> {
        self.cache.scores.get(debt_index)
    }

    pub fn selected_sprint_index(&self) -> Option<usize> {
        self.cache
            .sprint_rows
            .get(self.cursors[View::Sprints.index()].selected)
            .copied()
    }

    pub fn selected_hypothesis_index(&self) -> Option<usize> {
        let col = self.board_column.min(3);
        self.cache.board[col].get(self.board_rows[col]).copied()
    }

    pub fn selected_kr_row(&self) -> Option<KrRow> {
        self.cache
            .kr_rows
            .get(self.cursors[View::KeyResults.index()].selected)
            .copied()
    }

    /// The id of the entity selected in the current view.
    pub fn selected_id(&self) -> Option<String> {
        match self.view {
            View::Overview => None,
            View::Debt => self.selected_debt().map(|d| d.id.clone()),
            View::Sprints => self
                .selected_sprint_index()
                .map(|i| self.plan.sprints[i].id.clone()),
            View::Experiments => self
                .selected_hypothesis_index()
                .map(|i| self.plan.hypotheses[i].id.clone()),
            View::KeyResults => match self.selected_kr_row()? {
                KrRow::Objective(i) => Some(self.plan.objectives[i].id.clone()),
                KrRow::Kr(i) => Some(self.plan.key_results[i].id.clone()),
                KrRow::Orphans => None,
            },
        }
    }

    pub fn info(&mut self, text: impl Into<String>) {
        self.message = Some(Message::Info(text.into()));
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.message = Some(Message::Error(text.into()));
    }
}

mod changes;
