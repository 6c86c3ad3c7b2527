//! The learning log: decided experiments for the monthly learning forum,
//! grouped by the month of the decision, newest month first.
//!
//! JSON shape (`format_version` 1):
//!
//! ```text
//! { "format_version": 1, "since": "YYYY-MM-DD" | null,
//!   "months": [ { "month": "YYYY-MM",
//!     "entries": [ { "id", "title", "owner", "belief", "signal",
//!                    "decision" ("validated" | "abandoned"), "date", "started",
//!                    "evidence",
//!                    "key_results": [ { "id", "title", "unit",
//!                                       "before", "after" } ] } ] } ] }
//! ```
//!
//! `before` is the key result's value on the start date (or creation, if it
//! never ran), `after` its value on the decision date.

use std::fmt::Write;

use chrono::NaiveDate;
use serde::Serialize;

use super::{ExportError, JSON_FORMAT_VERSION, json_text, number};
use crate::lifecycle::movements;
use crate::model::{Hypothesis, HypothesisStatus, Plan};
use crate::text::markdown_cell;

#[derive(Serialize)]
pub(super) struct Log<'a> {
    format_version: u32,
    since: Option<NaiveDate>,
    pub(super) months: Vec<Month<'a>>,
}

#[derive(Serialize)]
pub(super) struct Month<'a> {
    pub(super) month: String,
    pub(super) entries: Vec<Entry<'a>>,
}

#[derive(Serialize)]
pub(super) struct Entry<'a> {
    pub(super) id: &'a str,
    pub(super) title: &'a str,
    pub(super) owner: &'a str,
    pub(super) belief: &'a str,
    pub(super) signal: &'a str,
    pub(super) decision: &'static str,
    pub(super) date: NaiveDate,
    pub(super) started: Option<NaiveDate>,
    pub(super) evidence: &'a str,
    pub(super) key_results: Vec<KrMove<'a>>,
    pub(super) reversed: Option<NaiveDate>,
}

impl Entry<'_> {
    /// "Validated", "Abandoned", with " (reversed)" once reopened: the
    /// entry's heading word in every format.
    pub(super) fn verdict(&self) -> &'static str {
        match (self.decision == "validated", self.reversed.is_some()) {
            (true, false) => "Validated",
            (true, true) => "Validated (reversed)",
            (false, false) => "Abandoned",
            (false, true) => "Abandoned (reversed)",
        }
    }
}

#[derive(Serialize)]
pub(super) struct KrMove<'a> {
    pub(super) id: String,
    pub(super) title: &'a str,
    pub(super) unit: &'a str,
    pub(super) before: f64,
    pub(super) after: f64,
}

/// One decision: the current one, or one kept in the history.
struct Decided<'a> {
    h: &'a Hypothesis,
    status: HypothesisStatus,
    date: NaiveDate,
    evidence: &'a str,
    reversed: Option<NaiveDate>,
}

fn decisions(plan: &Plan) -> impl Iterator<Item = Decided<'_>> {
    plan.hypotheses.iter().flat_map(|h| {
        let current = h
            .decided
            .filter(|_| h.status.is_decided())
            .map(|date| Decided {
                h,
                status: h.status,
                date,
                evidence: &h.evidence,
                reversed: None,
            });
        h.history
            .iter()
            .map(move |d| Decided {
                h,
                status: d.status,
                date: d.date,
                evidence: &d.evidence,
                reversed: Some(d.reopened),
            })
            .chain(current)
    })
}

pub(super) fn build(plan: &Plan, since: Option<NaiveDate>) -> Log<'_> {
    let mut decided: Vec<Decided<'_>> = decisions(plan)
        .filter(|d| since.is_none_or(|s| d.date >= s))
        .collect();
    decided.sort_by(|a, b| {
        b.date
            .cmp(&a.date)
            .then_with(|| a.h.id.cmp(&b.h.id))
            .then_with(|| a.reversed.is_none().cmp(&b.reversed.is_none()))
    });
    let mut months: Vec<Month<'_>> = Vec::new();
    for d in decided {
        let (h, date) = (d.h, d.date);
        // Key results as they stood on this decision's day.
        let mut at = h.clone();
        at.decided = Some(date);
        let month = date.format("%Y-%m").to_string();
        let entry = Entry {
            id: &h.id,
            title: &h.title,
            owner: &h.owner,
            belief: &h.belief,
            signal: &h.signal,
            decision: d.status.label(),
            date,
            started: h.started,
            evidence: d.evidence,
            reversed: d.reversed,
            key_results: movements(plan, &at, date)
                .into_iter()
                .filter_map(|m| {
                    let kr = plan.key_result(&m.key_result)?;
                    Some(KrMove {
                        id: m.key_result,
                        title: &kr.title,
                        unit: &kr.unit,
                        before: m.before,
                        after: m.after,
                    })
                })
                .collect(),
        };
        match months.last_mut() {
            Some(m) if m.month == month => m.entries.push(entry),
            _ => months.push(Month {
                month,
                entries: vec![entry],
            }),
        }
    }
    Log {
        format_version: JSON_FORMAT_VERSION,
        since,
        months,
    }
}

/// The learning log as a Markdown page: a section per month, an entry per
/// decided experiment; `today` closes the period the header names.
pub fn learning_log_markdown(plan: &Plan, since: Option<NaiveDate>, today: NaiveDate) -> String {
    let log = build(plan, since);
    let mut out = String::from("# Learning log\n\n");
    let _ = match since {
        Some(s) => writeln!(out, "Decided experiments from {s} to {today}.\n"),
        None => writeln!(out, "Decided experiments up to {today}.\n"),
    };
    if log.months.is_empty() {
        out.push_str("_No decided experiments yet._\n");
        return out;
    }
    for m in &log.months {
        let _ = writeln!(out, "## {}\n", m.month);
        for e in &m.entries {
            let verdict = e.verdict();
            let _ = writeln!(
                out,
                "### {verdict}: {} ({}), {}\n",
                markdown_cell(e.title),
                markdown_cell(e.id),
                e.date
            );
            if let Some(r) = e.reversed {
                let _ = writeln!(
                    out,
                    "- **Reversed:** reopened {r}; this decision no longer stands"
                );
            }
            let field = |out: &mut String, label: &str, v: &str| {
                if !v.trim().is_empty() {
                    let _ = writeln!(out, "- **{label}:** {}", markdown_cell(v));
                }
            };
            field(&mut out, "Owner", e.owner);
            field(&mut out, "We believed", e.belief);
            field(&mut out, "We would know when", e.signal);
            if let Some(s) = e.started {
                let _ = writeln!(out, "- **Ran:** {s} → {}", e.date);
            }
            field(&mut out, "Evidence", e.evidence);
            for k in &e.key_results {
                let unit = if k.unit.is_empty() {
                    String::new()
                } else {
                    format!(" {}", markdown_cell(k.unit))
                };
                let _ = writeln!(
                    out,
                    "- **{}** ({}): {}{unit} → {}{unit}",
                    markdown_cell(k.title),
                    markdown_cell(&k.id),
                    number(k.before),
                    number(k.after)
                );
            }
            out.push('\n');
        }
    }
    out
}

/// The learning log as JSON, shaped as documented in this module.
pub fn learning_log_json(plan: &Plan, since: Option<NaiveDate>) -> Result<String, ExportError> {
    json_text(&build(plan, since))
}
