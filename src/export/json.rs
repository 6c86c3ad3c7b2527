//! The sprint as JSON for other tools.
//!
//! The shape is stable within a `format_version`; a field is only ever added
//! within a version, and anything else bumps it:
//!
//! ```text
//! {
//!   "format_version": 1,
//!   "sprint": { "id", "name", "start", "end" (YYYY-MM-DD), "capacity",
//!               "state" ("planned" | "active" | "closed" | "cancelled"), "goal",
//!               "planned_points" (committed at start, else held now),
//!               "completed_points" (null until closed),
//!               "when" (as the views say it: "3 days left",
//!                       "ended 2 days ago — close it", "closed 2026-11-27") },
//!   "items": [ { "rank" (1-based), "id", "title", "owner", "area", "tags",
//!                "effort", "status" ("open" | "in_progress" | "done" | "wont_fix"),
//!                "key_results", "score" (WSJF),
//!                "breakdown": { "customer", "delivery", "risk", "urgency",
//!                               "kr_pressure", "cost_of_delay" } } ],
//!   "totals": { "items", "effort", "capacity", "over_capacity", "score_sum",
//!               "key_results" },
//!   "not_done": [ { "id", "title" (null if deleted), "effort" (null if deleted),
//!                   "went" ("sprint" | "backlog" | "wont_fix" | "done_in" |
//!                           "done_later" | "taken_out"),
//!                   "sprint" (the id it was carried to or done in, else null),
//!                   "taken_out" (the day, only for "taken_out") } ]
//!               (committed and not done: empty until the sprint is closed)
//!   "load": { "capacity", "total" (estimated points of the sprint's items),
//!             "people": [ { "owner" (null: unassigned), "points",
//!                           "unestimated", "items", "share" (the capacity
//!                           split evenly among the owners; null for
//!                           unassigned), "over_share" } ],
//!             "warning" (null, or "sam holds 12 of 20 pts (60%), more than
//!                        half of the sprint") }
//! }
//! ```
//!
//! Text is kept exactly as in the plan: control characters (C0, C1, DEL)
//! and bidi overrides are written as `\uXXXX` escapes, so nothing is
//! stripped, a JSON parser gets the original back, and nothing raw reaches a
//! terminal that prints the file.

use chrono::NaiveDate;
use serde::Serialize;

use super::{ExportError, json_text, planned_points, sheet};
use crate::model::Plan;
use crate::planning::WentTo;
use crate::score::Terms;

/// Bumped when a field is renamed, removed or changes meaning.
pub const JSON_FORMAT_VERSION: u32 = 1;

#[derive(Serialize)]
struct Doc<'a> {
    format_version: u32,
    sprint: SprintJson<'a>,
    items: Vec<ItemJson<'a>>,
    totals: TotalsJson<'a>,
    not_done: Vec<NotDoneJson<'a>>,
    load: super::load::LoadJson,
}

#[derive(Serialize)]
struct NotDoneJson<'a> {
    id: &'a str,
    title: Option<&'a str>,
    effort: Option<u32>,
    went: &'static str,
    sprint: Option<&'a str>,
    /// The day it was taken out by hand, for `went: "taken_out"`.
    #[serde(skip_serializing_if = "Option::is_none")]
    taken_out: Option<String>,
}

#[derive(Serialize)]
struct SprintJson<'a> {
    id: &'a str,
    name: &'a str,
    start: NaiveDate,
    end: NaiveDate,
    capacity: u32,
    state: &'static str,
    goal: &'a str,
    planned_points: u32,
    completed_points: Option<u32>,
    when: String,
}

#[derive(Serialize)]
struct ItemJson<'a> {
    rank: usize,
    id: &'a str,
    title: &'a str,
    owner: &'a str,
    area: &'a str,
    tags: &'a [String],
    /// Absent when not estimated (`triage` is then true, and no score).
    #[serde(skip_serializing_if = "Option::is_none")]
    effort: Option<u32>,
    status: &'static str,
    key_results: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    score: Option<f64>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    triage: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    due: Option<chrono::NaiveDate>,
    breakdown: Terms,
}

#[derive(Serialize)]
struct TotalsJson<'a> {
    items: usize,
    effort: u32,
    capacity: u32,
    over_capacity: u32,
    score_sum: f64,
    key_results: &'a [String],
}

/// One sprint in `bearing sprint list --format json`.
#[derive(Serialize)]
struct ListedSprint<'a> {
    id: &'a str,
    name: &'a str,
    start: NaiveDate,
    end: NaiveDate,
    capacity: u32,
    state: &'static str,
    goal: &'a str,
    items: &'a [String],
    planned_points: u32,
    completed_points: Option<u32>,
    when: String,
}

/// Every sprint, oldest start first, as a JSON array of `{id, name, start,
/// end, capacity, state, goal, items (debt ids), planned_points (committed at
/// start, else held now), completed_points (null until closed), when ("3
/// days left", "ended 2 days ago — close it", … as of `today`)}`.
pub fn sprints_json(plan: &Plan, today: NaiveDate) -> Result<String, ExportError> {
    let mut sprints: Vec<_> = plan.sprints.iter().collect();
    sprints.sort_by(|a, b| a.start.cmp(&b.start).then_with(|| a.id.cmp(&b.id)));
    let list: Vec<ListedSprint<'_>> = sprints
        .into_iter()
        .map(|s| ListedSprint {
            id: &s.id,
            name: &s.name,
            start: s.start,
            end: s.end,
            capacity: s.capacity,
            state: s.state.label(),
            goal: &s.goal,
            items: &s.items,
            planned_points: planned_points(plan, s),
            completed_points: s.completed_points,
            when: s.timing(today).to_string(),
        })
        .collect();
    json_text(&list)
}

/// The documented, pretty-printed object described in this module's docs.
pub fn sprint_json(plan: &Plan, sprint_id: &str, today: NaiveDate) -> Result<String, ExportError> {
    let sh = sheet(plan, sprint_id, today)?;
    let s = sh.sprint;
    let doc = Doc {
        format_version: JSON_FORMAT_VERSION,
        sprint: SprintJson {
            id: &s.id,
            name: &s.name,
            start: s.start,
            end: s.end,
            capacity: s.capacity,
            state: s.state.label(),
            goal: &s.goal,
            planned_points: planned_points(plan, s),
            completed_points: s.completed_points,
            when: s.timing(today).to_string(),
        },
        items: sh
            .rows
            .iter()
            .map(|r| {
                let b = &r.breakdown;
                ItemJson {
                    rank: r.rank,
                    id: &r.debt.id,
                    title: &r.debt.title,
                    owner: &r.debt.owner,
                    area: &r.debt.area,
                    tags: &r.debt.tags,
                    effort: r.debt.effort,
                    status: r.debt.status.key(),
                    key_results: &r.debt.key_results,
                    score: b.score(),
                    triage: b.is_triage(),
                    due: r.debt.due,
                    breakdown: b.to_terms(),
                }
            })
            .collect(),
        totals: TotalsJson {
            items: sh.rows.len(),
            effort: sh.totals.effort,
            capacity: sh.totals.capacity,
            over_capacity: sh.totals.over(),
            score_sum: sh.totals.score_sum,
            key_results: &sh.totals.key_results,
        },
        not_done: sh
            .missed
            .iter()
            .map(|m| {
                let (went, sprint) = match &m.went {
                    WentTo::Sprint(id) => ("sprint", Some(id.as_str())),
                    WentTo::Backlog => ("backlog", None),
                    WentTo::WontFix => ("wont_fix", None),
                    WentTo::DoneLater => ("done_later", None),
                    WentTo::DoneIn(id) => ("done_in", Some(id.as_str())),
                    WentTo::TakenOut(_) => ("taken_out", None),
                };
                let taken_out = match &m.went {
                    WentTo::TakenOut(on) => Some(on.to_string()),
                    _ => None,
                };
                NotDoneJson {
                    id: &m.id,
                    title: m.debt.map(|d| d.title.as_str()),
                    effort: m.debt.and_then(|d| d.effort),
                    went,
                    sprint,
                    taken_out,
                }
            })
            .collect(),
        load: super::load::load_json_value(
            &crate::planning::people_load(plan, sprint_id)
                .ok_or_else(|| ExportError::UnknownSprint(sprint_id.to_owned()))?,
        ),
    };
    json_text(&doc)
}
