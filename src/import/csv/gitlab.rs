//! GitLab's issue list "Export as CSV" (emailed): one row per issue, read by
//! column name — `Issue ID`, `URL`, `Title`, `State` (Open / Closed),
//! `Description`, `Assignee`, `Assignee Username`, `Weight`, `Labels`
//! (comma-separated), `Due Date`, `Created At (UTC)`, `Closed At (UTC)`.
//! GitLab has no priority field: its labels go through the plan's mapping
//! rules ([`crate::import::mapping`]), so the scoped `priority::high` (or
//! `priority/critical`, `P1`) sets urgency and `area::payments` the area.

use chrono::NaiveDate;

use super::records::Row;
use super::table::{self, Table, Tracker};
use super::upstream;
use crate::model::validate::{self, FieldError};
use crate::model::{Debt, DebtStatus, ImportRules};

/// Columns only a GitLab export has together: how `bearing import csv`
/// recognises one.
pub(super) const SIGNATURE: &[&str] = &["Issue ID", "URL", "Title", "State", "Author"];

pub(super) const TRACKER: Tracker = Tracker {
    required: &["Issue ID", "Title", "State"],
    what: "a GitLab export",
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
    let key = match (get("URL"), get("Issue ID")) {
        (Some(url), _) => Some(url.to_owned()),
        (None, Some(iid)) => Some(format!("#{}", iid.trim_start_matches('#'))),
        (None, None) => {
            errors.push(FieldError::new("Issue ID", "must not be empty"));
            None
        }
    };
    let (title, description) =
        table::title_and_description(get("Title").unwrap_or(""), get("Description").unwrap_or(""));
    let title = validate::title("Title", &title)
        .map_err(|e| errors.push(e))
        .ok();
    let effort = table::estimate("Weight", get("Weight"))
        .map_err(|e| errors.push(e))
        .ok()
        .flatten();
    let state = get("State").unwrap_or("");
    let status = match DebtStatus::parse(state) {
        Some(DebtStatus::Open) => Some(DebtStatus::Open),
        Some(DebtStatus::Done) => Some(DebtStatus::Done),
        _ => {
            errors.push(FieldError::new(
                "State",
                format!("must be Open or Closed, got {}", crate::text::quote(state)),
            ));
            None
        }
    };
    let due = upstream::due(get("Due Date"))
        .map_err(|e| errors.push(e))
        .ok()
        .flatten();
    let (Some(key), Some(title), Some(status)) = (key, title, status) else {
        return Err(errors);
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    let created = t.date(row, "Created At (UTC)", warnings).unwrap_or(today);
    let mut d = Debt::new(String::new(), title, created);
    d.description = description;
    // No weight: to triage.
    d.effort = effort;
    d.owner = get("Assignee")
        .or_else(|| get("Assignee Username"))
        .unwrap_or("")
        .to_owned();
    d.due = due;
    upstream::mapped(rules, get("Labels"), None).apply(&mut d);
    let closed = t.date(row, "Closed At (UTC)", warnings);
    d.set_status(status, closed.unwrap_or(today));
    d.source = Some(format!("gitlab:{key}"));
    Ok(d)
}
