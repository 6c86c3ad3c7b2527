//! Each view's own state: where its cursor is and how it is set up (the
//! debt table's filter, sort and the rating `+`/`-` change; the sprint
//! view's focused pane and rows; the experiment board's column and cards).
//! The overview and key results have a cursor only.

use super::Cursor;
use crate::tui::action::Rating;
use crate::tui::cache::{DebtFilter, SortColumn};

/// The debt table.
#[derive(Debug, Default)]
pub struct DebtView {
    pub cursor: Cursor,
    pub filter: DebtFilter,
    pub sort: SortColumn,
    pub descending: bool,
    /// The rating `+`/`-` change; `r` picks it.
    pub rating: Rating,
}

/// The sprint view: the sprint list's cursor, the pane j/k move in, and
/// the highlighted row of each item pane.
#[derive(Debug, Default)]
pub struct SprintView {
    pub cursor: Cursor,
    pub focus: SprintFocus,
    pub item_row: usize,
    pub candidate_row: usize,
    /// `c`: the charts fill the panes below the sprint list.
    pub charts: bool,
}

/// The experiment board: the selected column and the selected card in
/// each column.
#[derive(Debug, Default)]
pub struct BoardView {
    pub column: usize,
    pub rows: [usize; 4],
}

/// Which pane of the sprint view j/k move in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SprintFocus {
    #[default]
    List,
    Items,
    Candidates,
}

impl SprintFocus {
    pub const ALL: [SprintFocus; 3] = [
        SprintFocus::List,
        SprintFocus::Items,
        SprintFocus::Candidates,
    ];
}
