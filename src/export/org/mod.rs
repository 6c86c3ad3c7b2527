//! `bearing org export`: the organisation's page as Markdown (here) or one
//! self-contained HTML page ([`html`]), both from one [`Page`]. Every
//! text from a plan or the workspace file (team ids and names too) goes
//! through [`markdown_cell`] here and the report's escape functions there.

mod html;

use std::fmt::Write;

use crate::org::{
    Glance, Page, RANK_HEADERS, RANK_NUMBERS, RankRow, SPRINT_HEADERS, SprintRow, count_cell,
};
use crate::text::{count, markdown_cell as cell, percent};

pub use html::org_html;

#[cfg(test)]
mod tests;

/// A share, or `-` when there is none.
fn pct(v: Option<f64>) -> String {
    v.map_or_else(|| "-".to_owned(), percent)
}

/// `on_track` → `on track`; `-` without a target.
fn health_words(h: Option<&str>) -> &'static str {
    match h {
        Some("on_track") => "on track",
        Some("at_risk") => "at risk",
        Some("off_track") => "off track",
        _ => "-",
    }
}

/// What a team's row says in its state column.
fn state(g: &Glance) -> String {
    match g.status.problem_kind {
        None => "ok".to_owned(),
        Some(kind) => format!("warning: {kind}"),
    }
}

/// The team's active sprint (with where it stands in time, as the team's
/// plan words it) and its odds, for the glance.
fn active(g: &Glance) -> (String, String) {
    match &g.active {
        Some(s) => (format!("{} ({})", s.name, s.when), s.odds_cell()),
        None => ("-".to_owned(), "-".to_owned()),
    }
}

/// The warning line of a team that could not be read, or was read from a
/// copy that is not the newest.
fn warning(g: &Glance) -> String {
    format!(
        "{}{}: {}",
        g.status.team,
        if g.status.optional { " (optional)" } else { "" },
        g.status.problem.as_deref().unwrap_or("")
    )
}

fn table(out: &mut String, headers: &[&str], right: &[usize], rows: Vec<Vec<String>>) {
    let _ = writeln!(out, "| {} |", headers.join(" | "));
    let seps: Vec<&str> = (0..headers.len())
        .map(|i| if right.contains(&i) { "---:" } else { "---" })
        .collect();
    let _ = writeln!(out, "| {} |", seps.join(" | "));
    for r in rows {
        let cells: Vec<String> = r.iter().map(|c| cell(c)).collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
}

/// The page as Markdown, for a wiki page or a pull request.
pub fn org_markdown(page: &Page) -> String {
    let mut out = String::new();
    let read = page.teams.iter().filter(|g| g.read()).count();
    let _ = writeln!(
        out,
        "# {}\n\nAs of {}: {} of {} read.",
        cell(&page.heading()),
        page.today,
        read,
        count(page.teams.len(), "team")
    );
    teams(&mut out, page);
    key_results(&mut out, page);
    top_debt(&mut out, page);
    sprints(&mut out, page);
    findings(&mut out, page);
    out
}

fn teams(out: &mut String, page: &Page) {
    out.push_str("\n## Teams\n\n");
    if page.teams.is_empty() {
        out.push_str("No teams in the workspace.\n");
        return;
    }
    let rows = page
        .teams
        .iter()
        .map(|g| {
            let (sprint, odds) = active(g);
            let s = &g.status;
            // Unknown, not 0, for a team not read.
            let known = |n: usize| count_cell(g.read().then_some(n));
            vec![
                s.team.clone(),
                s.name.clone(),
                s.read_label(),
                count_cell(g.items),
                s.debt_cell(),
                known(g.on_track),
                known(g.at_risk),
                known(g.off_track),
                sprint,
                odds,
                state(g),
            ]
        })
        .collect();
    table(
        out,
        &[
            "team",
            "name",
            "read",
            "items",
            crate::org::DEBT_HEADER,
            "on track",
            "at risk",
            "off track",
            "active sprint",
            "odds",
            "state",
        ],
        &[3, 4, 5, 6, 7, 9],
        rows,
    );
    // A blank line before each, so each stays its own quote.
    for g in page.teams.iter().filter(|g| g.status.problem.is_some()) {
        // Code spans (`bearing org fetch`) stay code.
        let _ = writeln!(
            out,
            "\n> **warning** {}",
            crate::text::markdown_with_code(&warning(g))
        );
    }
}

fn key_results(out: &mut String, page: &Page) {
    out.push_str("\n## Key results by team\n");
    if page.krs.is_empty() {
        out.push_str("\nNo key results.\n");
    }
    for g in page.teams.iter().filter(|g| g.read()) {
        let team = g.status.team.as_str();
        let krs: Vec<_> = page.krs.iter().filter(|k| k.team == team).collect();
        if krs.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n### {}\n", cell(&team_heading(g)));
        let rows = krs
            .iter()
            .map(|k| {
                vec![
                    k.objective_label(),
                    k.id.clone(),
                    k.title.clone(),
                    pct(k.progress),
                    health_words(k.health).to_owned(),
                    k.now_to_target(),
                ]
            })
            .collect();
        table(
            out,
            &[
                "objective",
                "id",
                "key result",
                "progress",
                "health",
                "now → target",
            ],
            &[3],
            rows,
        );
    }
}

/// `Name (id)`, or the id alone when the name is the id.
fn team_heading(g: &Glance) -> String {
    let s = &g.status;
    if s.name.is_empty() || s.name == s.team {
        s.team.clone()
    } else {
        format!("{} ({})", s.name, s.team)
    }
}

fn top_debt(out: &mut String, page: &Page) {
    out.push_str("\n## Top debt across teams\n\n");
    if page.top_debt.is_empty() {
        out.push_str("No open debt with a score.\n");
        return;
    }
    let _ = writeln!(
        out,
        "{}, in the order of `bearing org rank` (relative: the team's score over its median).\n",
        page.top_debt_words()
    );
    let rows = page.top_debt.iter().map(RankRow::cells).collect();
    table(out, &RANK_HEADERS, &RANK_NUMBERS, rows);
}

fn sprints(out: &mut String, page: &Page) {
    out.push_str("\n## Sprints by team\n\n");
    if page.sprints.is_empty() {
        out.push_str("No active or planned sprints.\n");
        return;
    }
    let rows = page.sprints.iter().map(SprintRow::cells).collect();
    table(out, &SPRINT_HEADERS, &[4, 5, 6], rows);
    let notes = crate::org::odds_notes(&page.sprints);
    if !notes.is_empty() {
        let _ = writeln!(out, "\n{}", cell(&notes.join(" · ")));
    }
}

fn findings(out: &mut String, page: &Page) {
    out.push_str("\n## Check findings\n\n");
    if page.teams.is_empty() {
        out.push_str("No teams.\n");
        return;
    }
    let rows = page
        .teams
        .iter()
        .map(|g| {
            // Counted as `bearing org check` counts (an unreadable team too).
            let (e, w) = g.check_counts();
            let (e, w) = (e.to_string(), w.to_string());
            vec![g.status.team.clone(), e, w, state(g)]
        })
        .collect();
    table(out, &["team", "errors", "warnings", "state"], &[1, 2], rows);
    let _ = writeln!(
        out,
        "\n{}; `bearing org check` lists every finding.",
        page.checks
    );
}
