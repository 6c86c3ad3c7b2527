//! People's load (`planning::people_load`) as the exports write it: a
//! Markdown section of the sprint page, a CSV for spreadsheets, an object
//! in the sprint's JSON, and the aligned table `bearing sprint load` prints.

use std::fmt::Write;

use serde::Serialize;

use super::{ExportError, json_text, number};
use crate::model::Plan;
use crate::planning::{self, OwnerLoad, PeopleLoad};
use crate::text::{csv_cell, markdown_cell, sanitize};

/// The columns of [`load_csv`].
pub const LOAD_CSV_HEADER: [&str; 6] = [
    "owner",
    "points",
    "unestimated",
    "items",
    "share",
    "over_share",
];

fn load_of(plan: &Plan, sprint_id: &str) -> Result<PeopleLoad, ExportError> {
    planning::people_load(plan, sprint_id)
        .ok_or_else(|| ExportError::UnknownSprint(sprint_id.to_owned()))
}

/// "3 pts", "3 pts + 1 not estimated".
fn points(p: &OwnerLoad) -> String {
    let mut s = super::pts(p.points);
    if p.unestimated > 0 {
        let _ = write!(s, " + {} not estimated", p.unestimated);
    }
    s
}

/// The owner's share, one decimal at most; "–" for unassigned.
fn share(p: &OwnerLoad) -> String {
    p.share
        .map_or_else(|| "–".to_owned(), |s| number((s * 10.0).round() / 10.0))
}

/// "## People's load": a table per owner and the warning, if any; empty
/// for a sprint with no items.
pub(crate) fn load_markdown(load: &PeopleLoad) -> String {
    let mut out = String::new();
    if load.people.is_empty() {
        return out;
    }
    out.push_str("\n## People's load\n\n");
    out.push_str("| Owner | Points | Items | Capacity share |\n");
    out.push_str("|---|---:|---:|---:|\n");
    for p in &load.people {
        let over = if p.over_share() { " (over)" } else { "" };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {}{over} |",
            markdown_cell(p.name()),
            points(p),
            p.items,
            share(p)
        );
    }
    if let Some(w) = load.warning() {
        let _ = writeln!(out, "\n**Warning:** {}", markdown_cell(&w));
    }
    out
}

/// One row per owner (`unassigned` last): points, unestimated items, items,
/// the capacity share (empty for unassigned) and whether it is exceeded.
pub fn load_csv(plan: &Plan, sprint_id: &str) -> Result<String, ExportError> {
    let load = load_of(plan, sprint_id)?;
    let err = |e: ::csv::Error| ExportError::Write {
        format: "CSV",
        message: e.to_string(),
    };
    let mut w = ::csv::Writer::from_writer(Vec::new());
    w.write_record(LOAD_CSV_HEADER).map_err(err)?;
    for p in &load.people {
        w.write_record([
            csv_cell(p.name()),
            p.points.to_string(),
            p.unestimated.to_string(),
            p.items.to_string(),
            p.share
                .map_or_else(String::new, |s| number((s * 10.0).round() / 10.0)),
            p.over_share().to_string(),
        ])
        .map_err(err)?;
    }
    let bytes = w.into_inner().map_err(|e| ExportError::Write {
        format: "CSV",
        message: e.to_string(),
    })?;
    String::from_utf8(bytes).map_err(|e| ExportError::Write {
        format: "CSV",
        message: e.to_string(),
    })
}

/// `load` in the sprint's JSON, and `bearing sprint load --format json`.
#[derive(Serialize)]
pub(crate) struct LoadJson {
    capacity: u32,
    total: u32,
    people: Vec<PersonJson>,
    warning: Option<String>,
}

#[derive(Serialize)]
struct PersonJson {
    /// null for the items nobody owns.
    owner: Option<String>,
    points: u32,
    unestimated: usize,
    items: usize,
    share: Option<f64>,
    over_share: bool,
}

pub(crate) fn load_json_value(load: &PeopleLoad) -> LoadJson {
    LoadJson {
        capacity: load.capacity,
        total: load.total,
        people: load
            .people
            .iter()
            .map(|p| PersonJson {
                owner: p.owner.clone(),
                points: p.points,
                unestimated: p.unestimated,
                items: p.items,
                share: p.share.map(|s| (s * 10.0).round() / 10.0),
                over_share: p.over_share(),
            })
            .collect(),
        warning: load.warning(),
    }
}

/// `{ "sprint", "capacity", "total", "people": [ { "owner" (null:
/// unassigned), "points", "unestimated", "items", "share" (null for
/// unassigned), "over_share" } ], "warning" (null or the sentence) }`.
pub fn load_json(plan: &Plan, sprint_id: &str) -> Result<String, ExportError> {
    #[derive(Serialize)]
    struct Doc<'a> {
        sprint: &'a str,
        #[serde(flatten)]
        load: LoadJson,
    }
    let load = load_of(plan, sprint_id)?;
    json_text(&Doc {
        sprint: &load.sprint,
        load: load_json_value(&load),
    })
}

/// The terminal table: owner, points, items, share, then the warning. Long
/// owners are cut (with `…`) so a row fits `width` columns, as `rank` cuts
/// its titles; an owner keeps at least 8 columns.
pub fn load_table(plan: &Plan, sprint_id: &str, width: usize) -> Result<String, ExportError> {
    let load = load_of(plan, sprint_id)?;
    let mut out = String::new();
    if load.people.is_empty() {
        let _ = writeln!(out, "{}: no items", load.sprint);
        return Ok(out);
    }
    let pts: Vec<String> = load.people.iter().map(points).collect();
    let pw = pts.iter().map(String::len).max().unwrap_or(0).max(6);
    let sw = load
        .people
        .iter()
        .map(|p| share(p).chars().count() + if p.over_share() { 6 } else { 0 })
        .max()
        .unwrap_or(0)
        .max(5);
    // What the other columns take: points, items, share and the gaps.
    let room = width.saturating_sub(2 + pw + 2 + 5 + 2 + sw).max(8);
    let names: Vec<String> = load
        .people
        .iter()
        .map(|p| crate::text::truncate(&sanitize(p.name()), room).into_owned())
        .collect();
    let w = names
        .iter()
        .map(|n| crate::text::display_width(n))
        .max()
        .unwrap_or(0)
        .max(5);
    let _ = writeln!(
        out,
        "{:<w$}  {:<pw$}  {:>5}  share",
        "owner", "points", "items"
    );
    for ((p, name), points) in load.people.iter().zip(&names).zip(&pts) {
        let pad = w.saturating_sub(crate::text::display_width(name));
        let over = if p.over_share() { "  over" } else { "" };
        let _ = writeln!(
            out,
            "{name}{}  {points:<pw$}  {:>5}  {}{over}",
            " ".repeat(pad),
            p.items,
            share(p)
        );
    }
    let named = load.people.iter().filter(|p| p.owner.is_some()).count();
    let among = if named == 1 {
        "1 person".to_owned()
    } else {
        format!("{named} people")
    };
    let _ = writeln!(
        out,
        "{} of {} capacity, shared evenly among {among}",
        super::pts(load.total),
        load.capacity,
    );
    if let Some(warn) = load.warning() {
        let _ = writeln!(out, "warning: {}", sanitize(&warn));
    }
    Ok(out)
}
