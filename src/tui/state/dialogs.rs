//! The dialogs' data: the close checklist, the import review and the
//! import summary.

use super::inputs::Prompt;
use crate::import::Format;

/// The close dialog: the sprint's items, each ticked done or not.
#[derive(Debug, Clone, PartialEq)]
pub struct Checklist {
    pub sprint: String,
    pub items: Vec<(String, bool)>,
    pub selected: usize,
}

impl Checklist {
    pub fn step(&mut self, delta: i64) {
        let max = self.items.len().saturating_sub(1) as i64;
        self.selected = (self.selected as i64)
            .saturating_add(delta)
            .clamp(0, max.max(0)) as usize;
    }

    pub fn toggle(&mut self) {
        if let Some(item) = self.items.get_mut(self.selected) {
            item.1 = !item.1;
        }
    }

    pub fn done(&self) -> Vec<String> {
        self.items
            .iter()
            .filter(|(_, d)| *d)
            .map(|(id, _)| id.clone())
            .collect()
    }
}

/// A refused CSV: every problem, and what Enter would import.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportReview {
    /// The path prompt, restored by Esc with what was typed.
    pub prompt: Prompt,
    pub path: String,
    /// The file as read; Enter parses it again against the plan as it is
    /// then (it may have been reloaded meanwhile).
    pub text: String,
    /// Every problem, as `FILE:LINE: column: problem`.
    pub problems: Vec<String>,
    /// Rows that would import, and rows with a problem.
    pub valid: usize,
    pub bad_rows: usize,
    /// The file cannot be read as rows (its header, an unclosed quote):
    /// nothing of it can be imported.
    pub fatal: bool,
    /// The highlighted problem.
    pub selected: usize,
}

impl ImportReview {
    /// The line over the list: what is wrong and what Enter does.
    pub fn summary(&self) -> String {
        let problems = plural(self.problems.len(), "problem");
        if self.fatal {
            return format!("{problems}: the file cannot be read; nothing can be imported");
        }
        let rows = plural(self.bad_rows, "row");
        match self.valid {
            0 => format!("{problems} in {rows}; no row is valid, nothing can be imported"),
            n => format!(
                "{problems} in {rows}; Enter imports the {} only",
                plural(n, "valid row")
            ),
        }
    }

    pub fn step(&mut self, delta: i64) {
        let max = self.problems.len().saturating_sub(1) as i64;
        self.selected = (self.selected as i64).saturating_add(delta).clamp(0, max) as usize;
    }
}

/// What an import would do, shown before it is applied: Enter parses and
/// syncs the file again against the plan as it is then and applies it.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportSync {
    pub path: String,
    pub text: String,
    pub format: Format,
    /// Only the valid rows of a CSV (chosen in the review).
    pub skip_invalid: bool,
    /// Only the items marked as debt (`d`; `--only-debt`).
    pub only_debt: bool,
    /// `N added, N updated, N closed, N unchanged[, N conflicts]` and the note.
    pub summary: String,
    /// What the parser left out (`skipped 2 invalid rows`), if anything.
    pub note: Option<String>,
    /// Each conflict and note, then the first changes.
    pub lines: Vec<String>,
    /// The first line shown.
    pub scroll: usize,
}

impl ImportSync {
    pub fn step(&mut self, delta: i64) {
        let max = self.lines.len().saturating_sub(1) as i64;
        self.scroll = (self.scroll as i64)
            .saturating_add(delta)
            .clamp(0, max.max(0)) as usize;
    }
}

pub fn plural(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}
