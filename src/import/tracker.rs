//! What the issue-tracker sources (GitHub, Jira) share: the options an
//! import takes, what it comes to, and how an item is checked against the
//! rest of the file. Items already in the plan are not left out here: the
//! re-import sync ([`super::sync`]) matches them by `source` and updates
//! them.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::{Ids, ImportError};
use crate::model::{Debt, Plan};

/// How a tracker import is asked for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// Import only items marked as technical debt (a label, or Jira issue
    /// type, among the plan's `import.debt_labels`).
    pub only_debt: bool,
}

/// A tracker's parser (`github::parse`, `jira::parse`): text, its name for
/// messages, the plan, today and the options in.
pub type Parse = fn(&str, &str, &Plan, NaiveDate, Options) -> Result<Outcome, Vec<ImportError>>;

/// What a tracker export came to.
#[derive(Debug, Default)]
pub struct Outcome {
    /// New debt items, with `source` set (`github:URL`, `jira:KEY`).
    pub items: Vec<Debt>,
    /// Items whose source came earlier in the same file (the first kept).
    pub repeated: usize,
    /// Pull requests in a REST export (skipped: they are not issues).
    pub pull_requests: usize,
    /// Items left out by `--only-debt`.
    pub not_debt: usize,
    /// Problems that did not stop the item (a date or estimate that could
    /// not be read and was left out), located like errors.
    pub warnings: Vec<ImportError>,
}

/// The sources met so far in one file, so an item twice in it is read
/// once, and the ids new items get.
pub(crate) struct Seen<'a> {
    /// Each source met, with the line it was first met on.
    file: HashMap<String, usize>,
    pub ids: Ids<'a>,
}

impl<'a> Seen<'a> {
    pub(crate) fn new(plan: &'a Plan) -> Self {
        Seen {
            file: HashMap::new(),
            ids: Ids::new(plan),
        }
    }

    /// `Ok` when `source` (met on `line`) is the first of its kind in the
    /// file, else the line of the first. One already in the plan is the
    /// first: the sync updates it.
    pub(crate) fn first(&mut self, source: &str, line: usize) -> Result<(), usize> {
        match self.file.get(source) {
            Some(&at) => Err(at),
            None => {
                self.file.insert(source.to_owned(), line);
                Ok(())
            }
        }
    }
}

impl Outcome {
    pub(crate) fn push(&mut self, d: Debt) {
        self.items.push(d);
    }

    /// What the parser left out, for the counts line, the same on the
    /// command line and in the UI: `1 pull request skipped, 2 not marked as
    /// debt`.
    pub fn note(&self) -> Option<String> {
        let notes: Vec<String> = [
            (
                self.pull_requests,
                format!(
                    "{} skipped",
                    crate::text::count(self.pull_requests, "pull request")
                ),
            ),
            (
                self.not_debt,
                format!("{} not marked as debt", self.not_debt),
            ),
            (
                self.repeated,
                format!("{} repeated in the file", self.repeated),
            ),
        ]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(_, note)| note)
        .collect();
        (!notes.is_empty()).then(|| notes.join(", "))
    }
}

/// The column [`repeated`]'s warning names.
pub(crate) const REPEATED: &str = "repeated";

/// The warning for an item at `line` whose key (`PAY-1`, a URL, a sheet's
/// id) an earlier item of the same file, at `first`, has: the first is
/// used, this one left out. Every source says it the same way, so the user
/// can find and fix each row.
pub(crate) fn repeated(file: &str, line: usize, key: &str, first: usize) -> ImportError {
    ImportError::new(
        file,
        line,
        REPEATED,
        format!(
            "key {} is the key of line {first} too: line {first} is used, this row left out (give each row its own key)",
            crate::text::quote(key)
        ),
    )
}

/// The calendar day of a timestamp (`2021-09-08T14:02:00Z`, `2021-09-08`),
/// by the import's one date reader ([`super::date`]).
pub(crate) fn iso_day(s: &str) -> Option<NaiveDate> {
    super::date::day(s).ok()
}

/// The trackers a file can be read from without being told.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tracker {
    Github,
    Jira,
}

/// Which tracker exported `text`, if it looks like one: JSON objects with
/// a `title` and no taskwarrior `uuid` are GitHub issues; a CSV whose
/// header names `Summary` and `Issue key` is Jira's.
pub fn sniff(text: &str) -> Option<Tracker> {
    let text = text.trim_start_matches('\u{feff}').trim_start();
    if text.starts_with(['[', '{']) {
        let head = text.get(..text.len().min(1 << 16)).unwrap_or(text);
        return (head.contains("\"title\"") && !head.contains("\"uuid\""))
            .then_some(Tracker::Github);
    }
    let header = text.lines().next().unwrap_or("").to_lowercase();
    (header.contains("summary") && header.contains("issue key")).then_some(Tracker::Jira)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_the_tracker() {
        let gh = include_str!("../../tests/data/import/trackers/gh_issue_list.json");
        let rest = include_str!("../../tests/data/import/trackers/rest_issues.json");
        let jira = include_str!("../../tests/data/import/trackers/jira_all_fields.csv");
        assert_eq!(sniff(gh), Some(Tracker::Github));
        assert_eq!(sniff(rest), Some(Tracker::Github));
        assert_eq!(sniff(jira), Some(Tracker::Jira));
        for other in [
            r#"[{"uuid":"u","description":"d","status":"pending"}]"#,
            "[]",
            "title,effort\nA,1\n",
            "",
        ] {
            assert_eq!(sniff(other), None, "{other}");
        }
    }
}
