//! Reports over two versions of a plan (pure: plans, labels and today
//! in; data and text out). `bearing diff` builds a [`DiffReport`] and
//! prints it as a table, JSON or Markdown; where the two versions come
//! from (git revisions, files) is the command line's business.

mod build;
mod fields;
mod markdown;
mod table;
#[cfg(test)]
mod tests;

pub use build::{
    DiffReport, FieldChange, HypothesisChange, ItemChange, ItemRef, KrChange, NewCheckin, RankMove,
    SprintChange, diff_report,
};

/// How many rows of a long list the table and Markdown show; JSON lists
/// every row.
pub const SHOWN: usize = 10;

impl DiffReport {
    /// For a terminal.
    pub fn table(&self) -> String {
        table::render(self)
    }

    /// For a pull-request comment or a CI step summary.
    pub fn markdown(&self) -> String {
        markdown::render(self)
    }
}
