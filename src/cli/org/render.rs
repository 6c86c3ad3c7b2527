//! The roll-ups as an aligned table, Markdown or JSON. Table and Markdown
//! end with the version read for each team and a warning line per team
//! that could not be read; JSON is `{"teams": [status rows], ROWS: [...]}`
//! so a script sees the same.

use serde::Serialize;

use super::super::args::OrgFormat;
use super::super::table::{self, Table};
use crate::org::{
    CheckRow, DEBT_HEADER, KrRow, RankRow, SprintRow, StatusRow, TeamPlan, count_cell, odds_notes,
    status_rows,
};
use crate::text::percent;

/// Columns once, for both the table and Markdown.
struct Grid {
    headers: Vec<&'static str>,
    rows: Vec<Vec<String>>,
    flex: usize,
    right: Vec<usize>,
    drop: Vec<usize>,
    /// The flexible column keeps its width while columns can be hidden.
    keep_flex: bool,
    /// Lines right under the table (what a cell's `-` means).
    notes: Vec<String>,
}

fn emit<T: Serialize>(
    teams: &[TeamPlan],
    key: &str,
    rows: &T,
    grid: impl FnOnce() -> Grid,
    format: OrgFormat,
    out: &mut String,
) -> anyhow::Result<()> {
    let status = status_rows(teams);
    if format == OrgFormat::Json {
        let mut v = serde_json::Map::new();
        v.insert("teams".into(), serde_json::to_value(&status)?);
        if !key.is_empty() {
            v.insert(key.into(), serde_json::to_value(rows)?);
        }
        out.push_str(&crate::export::json_text(&serde_json::Value::Object(v))?);
        return Ok(());
    }
    let g = grid();
    if format == OrgFormat::Md {
        out.push_str(&markdown(&g));
    } else {
        let mut t = Table::new(g.headers, g.flex);
        t.right = g.right;
        t.drop = g.drop;
        t.keep_flex = g.keep_flex;
        for r in g.rows {
            t.push(r);
        }
        out.push_str(&t.render(table::width()));
    }
    if !g.notes.is_empty() {
        out.push('\n');
        for n in &g.notes {
            out.push_str(&if format == OrgFormat::Md {
                // A line of its own in Markdown too.
                format!("{}  \n", md_cell(n))
            } else {
                format!("{n}\n")
            });
        }
    }
    footer(&status, true, format, out);
    Ok(())
}

/// What each team's rows were read from (`read: …`, the same word in a
/// table and in Markdown, after every roll-up; a team read that does not
/// load says so), then with `warnings` a
/// line per team left out or read with a warning.
fn footer(status: &[StatusRow], warnings: bool, format: OrgFormat, out: &mut String) {
    // Every team whose file or commit was read, loaded or not.
    let read: Vec<String> = status.iter().filter_map(StatusRow::read_entry).collect();
    let md = format == OrgFormat::Md;
    out.push('\n');
    let read = if read.is_empty() {
        "no team".to_owned()
    } else {
        // `; `: a fetched copy's label holds a comma.
        read.join("; ")
    };
    out.push_str(&if md {
        format!("read: {}\n", md_cell(&read))
    } else {
        format!("read: {}\n", crate::text::sanitize(&read))
    });
    if !warnings {
        return;
    }
    for s in status.iter().filter(|s| s.state != "ok") {
        let msg = format!(
            "{}{}: {}",
            s.team,
            if s.optional { " (optional)" } else { "" },
            s.problem.as_deref().unwrap_or("")
        );
        if md {
            // Code spans (`bearing org fetch`) stay code.
            out.push_str(&format!(
                "\n> **warning** {}\n",
                crate::text::markdown_with_code(&msg)
            ));
        } else {
            out.push_str(&format!("warning: {}\n", crate::text::sanitize(&msg)));
        }
    }
}

fn markdown(g: &Grid) -> String {
    let mut s = String::new();
    s.push_str(&format!("| {} |\n", g.headers.join(" | ")));
    let seps: Vec<&str> = (0..g.headers.len())
        .map(|i| if g.right.contains(&i) { "---:" } else { "---" })
        .collect();
    s.push_str(&format!("| {} |\n", seps.join(" | ")));
    for r in &g.rows {
        let cells: Vec<String> = r.iter().map(|c| md_cell(c)).collect();
        s.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    s
}

/// A Markdown table cell: one line, `|` and markup characters escaped.
fn md_cell(c: &str) -> String {
    let c = crate::text::sanitize(c);
    let mut s = String::with_capacity(c.len());
    for ch in c.chars() {
        match ch {
            '|' | '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' => {
                s.push('\\');
                s.push(ch);
            }
            '\n' | '\r' => s.push(' '),
            _ => s.push(ch),
        }
    }
    s
}

fn opt<T>(v: Option<T>, f: impl FnOnce(T) -> String) -> String {
    v.map_or_else(|| "-".to_owned(), f)
}

pub fn status(teams: &[TeamPlan], format: OrgFormat, out: &mut String) -> anyhow::Result<()> {
    let rows = status_rows(teams);
    emit(
        teams,
        "",
        &(),
        || Grid {
            headers: vec![
                "team",
                "source",
                "read",
                "items",
                "KRs",
                DEBT_HEADER,
                "sprints",
                "state",
            ],
            rows: rows
                .iter()
                .map(|s| {
                    vec![
                        s.team.clone(),
                        s.source.clone(),
                        s.read_label(),
                        count_cell(s.items),
                        count_cell(s.key_results),
                        s.debt_cell(),
                        count_cell(s.sprints),
                        match s.problem_kind {
                            None => "ok".into(),
                            // The kind; the whole message is under the table.
                            Some(kind) => format!("warning: {kind}"),
                        },
                    ]
                })
                .collect(),
            flex: 7,
            right: vec![3, 4, 5, 6],
            drop: vec![1, 6, 4],
            // The state (`warning: fetch-failed`) stays whole; the read
            // column is cut before it (whole on the `read:` line).
            keep_flex: true,
            notes: Vec::new(),
        },
        format,
        out,
    )
}

pub fn krs(
    teams: &[TeamPlan],
    rows: &[KrRow],
    format: OrgFormat,
    out: &mut String,
) -> anyhow::Result<()> {
    emit(
        teams,
        "key_results",
        &rows,
        || Grid {
            headers: vec![
                "id",
                "key result",
                "objective",
                "progress",
                "health",
                "now → target",
            ],
            rows: rows
                .iter()
                .map(|k| {
                    vec![
                        k.id.clone(),
                        k.title.clone(),
                        // Its title, as the page and the UI show it (the
                        // id is in JSON).
                        k.objective_label(),
                        opt(k.progress, percent),
                        k.health.map_or("-", |h| h).replace('_', " "),
                        k.now_to_target(),
                    ]
                })
                .collect(),
            flex: 1,
            right: vec![3],
            drop: vec![5],
            keep_flex: false,
            notes: Vec::new(),
        },
        format,
        out,
    )
}

pub fn rank(
    teams: &[TeamPlan],
    rows: &[RankRow],
    format: OrgFormat,
    out: &mut String,
) -> anyhow::Result<()> {
    emit(
        teams,
        "debt",
        &rows,
        || Grid {
            headers: crate::org::RANK_HEADERS.to_vec(),
            rows: rows.iter().map(RankRow::cells).collect(),
            flex: 2,
            right: crate::org::RANK_NUMBERS.to_vec(),
            drop: vec![7, 6, 5],
            keep_flex: false,
            notes: Vec::new(),
        },
        format,
        out,
    )
}

pub fn sprints(
    teams: &[TeamPlan],
    rows: &[SprintRow],
    format: OrgFormat,
    out: &mut String,
) -> anyhow::Result<()> {
    emit(
        teams,
        "sprints",
        &rows,
        || Grid {
            headers: crate::org::SPRINT_HEADERS.to_vec(),
            rows: rows.iter().map(SprintRow::cells).collect(),
            // Where the sprint stands in time stays whole, as in
            // `bearing sprint list`.
            flex: 2,
            right: vec![4, 5, 6],
            // The odds and where the sprint stands are what this roll-up
            // is for: the window, then the name go first.
            drop: vec![3, 1],
            keep_flex: true,
            // What a `-` or `(weak)` in the odds column means, once.
            notes: odds_notes(rows),
        },
        format,
        out,
    )
}

pub fn check(
    teams: &[TeamPlan],
    rows: &[CheckRow],
    format: OrgFormat,
    out: &mut String,
) -> anyhow::Result<()> {
    if format == OrgFormat::Json {
        return emit(teams, "findings", &rows, unreachable_grid, format, out);
    }
    let md = format == OrgFormat::Md;
    for r in rows {
        // `team: FILE:LINE: severity rule: message`, ids as TEAM:ID.
        let at = match r.line {
            Some(l) => format!("{}:{l}", r.file),
            // The message of a team that cannot be read names its file.
            None if r.rule == "team-unreadable" => String::new(),
            None => r.file.clone(),
        };
        let id = r.id.as_deref().map_or(String::new(), |i| format!("{i}: "));
        let at = if at.is_empty() { at } else { format!(" {at}:") };
        let line = format!(
            "{}:{at} {} {}: {id}{}",
            r.team,
            r.severity.label(),
            r.rule,
            r.message
        );
        if md {
            out.push_str(&format!("- {}\n", crate::text::markdown_with_code(&line)));
        } else {
            out.push_str(&crate::text::sanitize(&line));
            out.push('\n');
        }
    }
    // The same totals the page's findings section states.
    out.push_str(&format!(
        "{}\n",
        crate::org::CheckTotals::of(rows, teams.len())
    ));
    // The unread teams are findings above (`team-unreadable`).
    footer(&status_rows(teams), false, format, out);
    Ok(())
}

/// JSON never draws the grid.
fn unreachable_grid() -> Grid {
    Grid {
        headers: Vec::new(),
        rows: Vec::new(),
        flex: 0,
        right: Vec::new(),
        drop: Vec::new(),
        keep_flex: false,
        notes: Vec::new(),
    }
}
