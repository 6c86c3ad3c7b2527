//! Exports for people and tools: a sprint plan as Markdown (wiki / PR), CSV
//! (spreadsheets) and JSON (other tools), the learning log of decided
//! experiments, the North Star on its own, and the HTML report for
//! stakeholders (`report`: one self-contained page, every plan text escaped).
//!
//! Text from the plan file is data: every export neutralizes control
//! characters (Markdown, CSV) or escapes them (JSON), a Markdown cell cannot
//! break its table or inject HTML or a link, and a CSV cell cannot start a
//! formula.

mod csv;
mod json;
mod json_format;
mod learning_log;
mod load;
mod markdown;
mod org;
pub mod report;

use std::fmt::Write;

use chrono::NaiveDate;
use thiserror::Error;

use crate::model::{Debt, Plan, Sprint};
use crate::planning::{self, SprintTotals, WentTo};
use crate::score::Breakdown;
use crate::text::{is_unsafe, sanitize_multiline};

pub use self::csv::{CSV_HEADER, sprint_csv};
pub use self::json::{JSON_FORMAT_VERSION, sprint_json, sprints_json};
pub use self::learning_log::{learning_log_json, learning_log_markdown};
pub use self::load::{LOAD_CSV_HEADER, load_csv, load_json, load_table};
pub use self::markdown::sprint_markdown;
pub use self::org::{org_html, org_markdown};
pub use self::report::report_html;

#[derive(Debug, Clone, PartialEq, Error)]
pub enum ExportError {
    #[error("no sprint with id {0}")]
    UnknownSprint(String),
    #[error("no active or planned sprint to export; give a sprint id")]
    NoSprint,
    #[error("could not write the {format} export: {message}")]
    Write {
        format: &'static str,
        message: String,
    },
}

/// The North Star on its own, terminal- and file-safe, ending in a newline;
/// empty when none is set.
pub fn north_star(plan: &Plan) -> String {
    let text = plan.north_star.trim();
    if text.is_empty() {
        return String::new();
    }
    let mut out = sanitize_multiline(text).into_owned();
    out.push('\n');
    out
}

/// One committed item, in ranking order.
pub(crate) struct Row<'a> {
    /// 1-based position in the sprint's ranking.
    pub rank: usize,
    pub debt: &'a Debt,
    pub breakdown: Breakdown,
}

/// An item committed to a finished sprint and not done in it.
pub(crate) struct Missed<'a> {
    pub id: String,
    /// `None` when the item has since been deleted.
    pub debt: Option<&'a Debt>,
    pub went: WentTo,
}

/// A sprint with its ranked items and totals: what every sprint export shows.
pub(crate) struct SprintSheet<'a> {
    pub sprint: &'a Sprint,
    pub rows: Vec<Row<'a>>,
    pub totals: SprintTotals,
    /// For a closed or cancelled sprint: what was committed and not done,
    /// and where it went. Empty while the sprint is open.
    pub missed: Vec<Missed<'a>>,
}

pub(crate) fn sheet<'a>(
    plan: &'a Plan,
    sprint_id: &str,
    today: NaiveDate,
) -> Result<SprintSheet<'a>, ExportError> {
    let sprint = plan
        .sprint(sprint_id)
        .ok_or_else(|| ExportError::UnknownSprint(sprint_id.to_owned()))?;
    let rows = planning::committed(plan, sprint_id, today)
        .into_iter()
        .enumerate()
        .map(|(i, r)| Row {
            rank: i + 1,
            debt: &plan.debts[r.index],
            breakdown: r.breakdown,
        })
        .collect();
    let totals = planning::totals(plan, sprint_id, today)
        .map_err(|_| ExportError::UnknownSprint(sprint_id.to_owned()))?;
    let missed = planning::not_done(plan, sprint)
        .into_iter()
        .map(|(id, went)| Missed {
            debt: plan.debt(&id),
            id,
            went,
        })
        .collect();
    Ok(SprintSheet {
        sprint,
        rows,
        totals,
        missed,
    })
}

/// Points planned for a sprint: the commitment recorded at its start, else
/// what it holds now.
pub(crate) fn planned_points(plan: &Plan, s: &Sprint) -> u32 {
    s.commitment
        .as_ref()
        .map_or_else(|| plan.effort_of(&s.items), |c| c.points)
}

/// Pretty JSON with a final newline. serde_json escapes only C0 controls;
/// C1 controls (such as U+009B, a one-character CSI), DEL and bidi overrides
/// are escaped here too, as `\uXXXX`, so the text parses back unchanged yet
/// nothing raw reaches a terminal that prints the file.
pub(crate) fn json_text(value: &impl serde::Serialize) -> Result<String, ExportError> {
    let raw = json_format::to_string_pretty(value).map_err(|e| ExportError::Write {
        format: "JSON",
        message: e.to_string(),
    })?;
    // Nearly always plain ASCII without DEL: nothing to escape.
    if raw.bytes().all(|b| b.is_ascii() && b != 0x7f) {
        let mut raw = raw;
        raw.push('\n');
        return Ok(raw);
    }
    let mut out = String::with_capacity(raw.len() + 1);
    for c in raw.chars() {
        // Outside strings JSON holds only ASCII punctuation, digits, letters
        // and whitespace, so every unsafe character here is inside a string.
        if c != '\n' && is_unsafe(c) {
            let _ = write!(out, "\\u{:04x}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    out.push('\n');
    Ok(out)
}

/// "1 pt", "3 pts".
pub(crate) fn pts(n: u32) -> String {
    crate::text::count(n, "pt")
}

/// A number as people write it (the one spelling: `text::number`).
pub(crate) fn number(v: f64) -> String {
    crate::text::number(v)
}

#[cfg(test)]
mod story_tests;
#[cfg(test)]
mod tests;
