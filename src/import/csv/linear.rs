//! Linear's "Export CSV" (Settings → Import / Export): one row per issue,
//! read by column name — `ID` (`ENG-42`), `Title`, `Description`, `Status`
//! (the team's workflow state name), `Estimate`, `Priority` (Urgent … No
//! priority), `Labels` (comma-separated), `Assignee`, `Team`, `Created`,
//! `Due Date`, and the `Started` / `Completed` / `Canceled` timestamps.
//! Priority and labels go through the plan's mapping rules
//! ([`crate::import::mapping`]); `Team` is the area unless a label names one.

use chrono::NaiveDate;

use super::records::Row;
use super::table::{self, Table, Tracker};
use super::upstream;
use crate::model::validate::{self, FieldError};
use crate::model::{Debt, DebtStatus, ImportRules, fold_label};

/// Columns only a Linear export has together: how `bearing import csv`
/// recognises one.
pub(super) const SIGNATURE: &[&str] = &[
    "ID", "Team", "Title", "Status", "Estimate", "Priority", "Created",
];

pub(super) const TRACKER: Tracker = Tracker {
    required: &["ID", "Title"],
    what: "a Linear export",
    debt,
};

fn debt(
    t: &Table,
    row: &Row,
    rules: &ImportRules,
    today: NaiveDate,
    warnings: &mut Vec<FieldError>,
) -> Result<Debt, Vec<FieldError>> {
    let mut errors = Vec::new();
    let get = |name: &str| t.get(row, name);
    let key = get("ID");
    if key.is_none() {
        errors.push(FieldError::new(
            "ID",
            "must not be empty (Linear's issue id, e.g. ENG-42)",
        ));
    }
    let (title, description) =
        table::title_and_description(get("Title").unwrap_or(""), get("Description").unwrap_or(""));
    let title = validate::title("Title", &title)
        .map_err(|e| errors.push(e))
        .ok();
    let effort = table::estimate("Estimate", get("Estimate"))
        .map_err(|e| errors.push(e))
        .ok()
        .flatten();
    let priority = get("Priority").filter(|p| fold_label(p) != "no-priority");
    let mapped = upstream::mapped(rules, get("Labels"), priority);
    if let Some(p) = priority.filter(|_| mapped.urgency.is_none()) {
        errors.push(FieldError::new(
            "Priority",
            format!(
                "must be Urgent, High, Medium, Low or No priority, got {}",
                crate::text::quote(p)
            ),
        ));
    }
    let due = upstream::due(get("Due Date"))
        .map_err(|e| errors.push(e))
        .ok()
        .flatten();
    let (Some(key), Some(title), true) = (key, title, errors.is_empty()) else {
        return Err(errors);
    };
    let created = t.date(row, "Created", warnings).unwrap_or(today);
    let mut d = Debt::new(String::new(), title, created);
    d.description = description;
    // No estimate: to triage.
    d.effort = effort;
    d.due = due;
    d.owner = get("Assignee").unwrap_or("").to_owned();
    d.area = get("Team").unwrap_or("").to_owned();
    mapped.apply(&mut d);
    let (status, when) = status(t, row, warnings);
    d.set_status(status, when.unwrap_or(today));
    d.source = Some(format!("linear:{key}"));
    Ok(d)
}

/// The status: its workflow state's name when it is a word Bearing
/// knows (Backlog, Todo, In Progress, In Review, Done, Canceled,
/// Duplicate…); a team's own state name otherwise falls back on which of
/// the Canceled / Completed / Started timestamps is set. With the day it
/// changed, when the export says.
fn status(t: &Table, row: &Row, warnings: &mut Vec<FieldError>) -> (DebtStatus, Option<NaiveDate>) {
    let mut at = |name: &'static str| t.date(row, name, warnings);
    let by_time = if t.get(row, "Canceled").is_some() {
        DebtStatus::WontFix
    } else if t.get(row, "Completed").is_some() {
        DebtStatus::Done
    } else if t.get(row, "Started").is_some() {
        DebtStatus::InProgress
    } else {
        DebtStatus::Open
    };
    let status = t
        .get(row, "Status")
        .and_then(DebtStatus::parse)
        .unwrap_or(by_time);
    let when = match status {
        DebtStatus::WontFix => at("Canceled"),
        DebtStatus::Done => at("Completed"),
        DebtStatus::InProgress => at("Started"),
        DebtStatus::Open => None,
    };
    (status, when)
}
