//! Every mode's data and every view's state, in one place, with no
//! behaviour beyond small helpers on the data itself: what the UI *is* at a
//! moment. The modules that act (`forms`, `pickers`, `sprint_ops`, …) change
//! it; the views draw it. Nothing here imports a behaviour module, so the
//! TUI's modules cannot import each other in a circle through their types.

use std::cell::Cell;

use ratatui::layout::Rect;

use super::action::View;

mod conflicts;
mod dialogs;
mod inputs;
mod mode;
mod scan;
mod triage;
mod views;

pub use conflicts::{Applies, ConflictRow, ConflictScreen, FormClash, Pick};
pub use dialogs::{Checklist, ImportReview, ImportSync, plural};
pub use inputs::{ExportFormat, FormState, PickerState, Prompt, PromptKind, Target, parse_date};
pub use mode::{Mode, ModeKind, Pending, Question};
pub use scan::{ScanAnswer, ScanPicker, ScanRow};
pub use triage::{EFFORT, OWNER, TRIAGE_FIELDS, Triage};
pub use views::{BoardView, DebtView, SprintFocus, SprintView};

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
