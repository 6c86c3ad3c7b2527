//! Bringing a backlog in from elsewhere: a spreadsheet's CSV, Linear's or
//! GitLab's CSV export, GitHub's issues JSON, Jira's CSV export, or
//! taskwarrior's `task export`. Parsing is pure (text, plan and today in,
//! debt items with `source = KIND:KEY`, or located problems, out); every
//! parser's items then go through [`sync`], which adds, updates and closes
//! the same way for every source, and the caller applies
//! [`SyncPlan::change`] in one write. [`detect`] tells the formats apart.

pub mod csv;
pub mod date;
pub mod decode;
pub mod detect;
pub mod github;
pub mod jira;
pub mod mapping;
mod summary;
pub mod sync;
#[cfg(test)]
mod sync_tests;
pub mod taskwarrior;
pub mod tracker;

pub use detect::{Format, detect};
pub use sync::{SyncPlan, sync, sync_given};

use std::collections::HashSet;
use std::fmt;

use crate::model::{Kind, Plan, id};

/// A problem in an input file: where it is and what is wrong, printed as
/// `FILE:LINE: column: problem`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    pub file: String,
    /// 1-based line of the row (or of the task) in the input.
    pub line: usize,
    /// The column (CSV), the field (taskwarrior), or what was being read.
    pub column: String,
    pub message: String,
}

impl ImportError {
    pub fn new(
        file: &str,
        line: usize,
        column: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        ImportError {
            file: file.to_owned(),
            line,
            column: column.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The input is untrusted: whatever of it a message quotes must not
        // reach the terminal as control sequences.
        let column = crate::text::sanitize(&self.column);
        let message = crate::text::sanitize(&self.message);
        write!(f, "{}:{}: {column}: {message}", self.file, self.line)
    }
}

impl std::error::Error for ImportError {}

/// Hands out debt ids that are neither in the plan nor given to an earlier
/// row of the same import. The ids a parser gives are provisional: the sync
/// gives every item it adds its id with [`Ids::keyed`], so a dry run or the
/// UI's preview names the ids the import then creates.
pub(crate) struct Ids<'a> {
    plan: &'a Plan,
    given: HashSet<String>,
}

impl<'a> Ids<'a> {
    pub(crate) fn new(plan: &'a Plan) -> Self {
        Ids {
            plan,
            given: HashSet::new(),
        }
    }

    pub(crate) fn next(&mut self) -> String {
        let id = id::generate(Kind::Debt, |c| {
            self.plan.contains_id(c) || self.given.contains(c)
        });
        self.given.insert(id.clone());
        id
    }

    /// The id that follows from `seed` (an item's source, or its place and
    /// text in the input): the same on every run against the same plan.
    pub(crate) fn keyed(&mut self, seed: &str) -> String {
        let id = id::derived(Kind::Debt, seed, |c| {
            self.plan.contains_id(c) || self.given.contains(c)
        });
        self.given.insert(id.clone());
        id
    }
}
