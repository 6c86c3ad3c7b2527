//! The UI's state: the editing session it wraps (the plan, its undo history
//! and its file: `crate::session`), where the user is, what is selected, and
//! the derived rows each view shows. Derived data lives in [`Cache`] and is
//! rebuilt only when the plan, the filters or the sort change, never per frame.

use std::cell::RefCell;
use std::sync::Arc;

use chrono::NaiveDate;

use super::action::View;
use super::theme::Theme;
use crate::model::SprintState;
use crate::model::{Debt, Plan};
use crate::score::Breakdown;
use crate::search::LazyIndex;
use crate::session::{Persist, SaveError, Session};

pub use super::cache::{Cache, DebtFilter, FilterField, KrRow, SortColumn, StatusFilter};
pub use super::state::{
    Applies, BoardView, Checklist, ConflictRow, ConflictScreen, Cursor, DebtView, FormState, Hits,
    ImportReview, ImportSync, Message, Mode, ModeKind, Pending, Pick, PickerState, Prompt,
    PromptKind, Question, SprintFocus, SprintView,
};

pub struct App {
    /// The plan, its undo history and its file: every change goes through
    /// [`App::apply`] (or `undo_redo`) to the session's one door; reads go
    /// through [`App::plan`].
    pub session: Session,
    pub today: NaiveDate,
    pub view: View,
    pub mode: Mode,
    /// Each view's own state: its cursor, and the debt table's filter and
    /// sort, the sprint view's panes, the experiment board's column.
    pub overview: Cursor,
    pub debt: DebtView,
    pub sprint: SprintView,
    pub board: BoardView,
    pub key_results: Cursor,
    pub message: Option<Message>,
    /// The last save's outcome: "saved HH:MM:SS", or why it failed as
    /// data (the status bar words it with `save_error_text`; quitting reads
    /// its kind).
    pub saved: Option<Result<String, SaveError>>,
    /// Why it is read-only, when that is not obvious (a second UI, a
    /// read-only file): said with every refused edit.
    pub read_only_why: Option<String>,
    pub cache: Cache,
    pub theme: Theme,
    pub hits: RefCell<Hits>,
    /// Built when search opens, dropped when the plan changes.
    pub search_index: Option<Arc<LazyIndex>>,
    /// Where exports go by default: the plan's directory (None: the
    /// working directory).
    pub export_dir: Option<std::path::PathBuf>,
    /// The plan's file (None for the demo): an export never replaces it.
    pub plan_path: Option<std::path::PathBuf>,
    /// The scan picker's worker, until it answers.
    pub scan_job: Option<std::sync::mpsc::Receiver<super::state::ScanAnswer>>,
    /// What `check` read around the plan file last (see `check_ops`).
    pub check_context: crate::check::Context,
    /// The worker reading it again, until it answers.
    pub check_job: Option<std::sync::mpsc::Receiver<crate::check::Context>>,
}

impl App {
    pub fn new(plan: Plan, today: NaiveDate, read_only: bool, persist: Box<dyn Persist>) -> App {
        let mut app = App {
            session: Session::new(plan, persist, read_only),
            today,
            view: View::Overview,
            mode: Mode::Normal,
            overview: Cursor::default(),
            debt: DebtView::default(),
            sprint: SprintView::default(),
            board: BoardView::default(),
            key_results: Cursor::default(),
            message: None,
            saved: None,
            read_only_why: None,
            cache: Cache::default(),
            theme: Theme::from_env(),
            hits: RefCell::new(Hits::default()),
            search_index: None,
            export_dir: None,
            plan_path: None,
            scan_job: None,
            check_context: crate::check::Context::default(),
            check_job: None,
        };
        app.rebuild(None);
        // The sprint a planning session is about: the active one, else the
        // first still open, not the oldest closed one.
        let open = |state: SprintState| {
            app.cache
                .sprint_rows
                .iter()
                .position(|&i| app.session.plan().sprints[i].state == state)
        };
        if let Some(row) = open(SprintState::Active).or_else(|| open(SprintState::Planned)) {
            app.sprint.cursor.selected = row;
        }
        app
    }

    /// Re-filters and re-sorts the debt table after the filter or sort
    /// changed, keeping the selected item selected wherever it moved.
    pub fn refresh(&mut self) {
        let selected = self.selected_debt().map(|d| d.id.clone());
        self.cache.resort(
            self.session.plan(),
            &self.debt.filter,
            self.debt.sort,
            self.debt.descending,
        );
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
            self.session.plan(),
            self.today,
            &self.debt.filter,
            self.debt.sort,
            self.debt.descending,
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
            .position(|&i| self.session.plan().debts.get(i).is_some_and(|d| d.id == id));
        if let Some(pos) = pos {
            self.debt.cursor.selected = pos;
        }
        pos.is_some()
    }

    fn clamp_cursors(&mut self) {
        // Not the overview: counting its rows runs `bearing check`, which
        // an edit must not wait for; the overview clamps where it reads.
        for view in [View::Debt, View::Sprints, View::KeyResults] {
            let len = self.cached_len(view);
            if let Some(c) = self.cursor_mut(view) {
                c.selected = c.selected.min(len.saturating_sub(1));
            }
        }
        for (col, rows) in self.cache.board.iter().enumerate() {
            self.board.rows[col] = self.board.rows[col].min(rows.len().saturating_sub(1));
        }
    }

    /// How many selectable rows the view's list has, from the cache: not
    /// the overview's (counting them runs `bearing check`; see
    /// `overview::len`).
    pub fn cached_len(&self, view: View) -> usize {
        match view {
            View::Overview => 0,
            View::Debt => self.cache.debt_rows.len(),
            View::Sprints => self.cache.sprint_rows.len(),
            View::Experiments => self.cache.board[self.board.column.min(3)].len(),
            View::KeyResults => self.cache.kr_rows.len(),
        }
    }

    /// A list view's cursor; `None` for the experiment board (its column
    /// and cards are `board`).
    pub fn cursor_of(&self, view: View) -> Option<&Cursor> {
        match view {
            View::Overview => Some(&self.overview),
            View::Debt => Some(&self.debt.cursor),
            View::Sprints => Some(&self.sprint.cursor),
            View::Experiments => None,
            View::KeyResults => Some(&self.key_results),
        }
    }

    pub fn cursor_mut(&mut self, view: View) -> Option<&mut Cursor> {
        match view {
            View::Overview => Some(&mut self.overview),
            View::Debt => Some(&mut self.debt.cursor),
            View::Sprints => Some(&mut self.sprint.cursor),
            View::Experiments => None,
            View::KeyResults => Some(&mut self.key_results),
        }
    }

    pub fn selected_debt_index(&self) -> Option<usize> {
        self.cache.debt_rows.get(self.debt.cursor.selected).copied()
    }

    pub fn selected_debt(&self) -> Option<&Debt> {
        self.selected_debt_index()
            .and_then(|i| self.session.plan().debts.get(i))
    }

    pub fn breakdown(&self, debt_index: usize) -> Option<&Breakdown> {
        self.cache.scores.get(debt_index)
    }

    pub fn selected_sprint_index(&self) -> Option<usize> {
        self.cache
            .sprint_rows
            .get(self.sprint.cursor.selected)
            .copied()
    }

    pub fn selected_hypothesis_index(&self) -> Option<usize> {
        let col = self.board.column.min(3);
        self.cache.board[col].get(self.board.rows[col]).copied()
    }

    pub fn selected_kr_row(&self) -> Option<KrRow> {
        self.cache.kr_rows.get(self.key_results.selected).copied()
    }

    /// The id of the entity selected in the current view.
    pub fn selected_id(&self) -> Option<String> {
        match self.view {
            View::Overview => None,
            View::Debt => self.selected_debt().map(|d| d.id.clone()),
            View::Sprints => self
                .selected_sprint_index()
                .map(|i| self.session.plan().sprints[i].id.clone()),
            View::Experiments => self
                .selected_hypothesis_index()
                .map(|i| self.session.plan().hypotheses[i].id.clone()),
            View::KeyResults => match self.selected_kr_row()? {
                KrRow::Objective(i) => Some(self.session.plan().objectives[i].id.clone()),
                KrRow::Kr(i) => Some(self.session.plan().key_results[i].id.clone()),
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
pub use changes::save_error_text;
mod report;
pub use report::path_of;
