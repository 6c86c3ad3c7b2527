//! The sprint as a Markdown page a team pastes into a wiki or a PR.

use std::fmt::Write;

use chrono::NaiveDate;

use super::{ExportError, Missed, Row, number, planned_points, pts, sheet};
use crate::model::{Health, Plan, SprintState};
use crate::score::Scorer;
use crate::text::{count, markdown_cell};

/// Title, window, state, goal, capacity and use, the ranked table, totals,
/// and one "why" line per item from its largest score terms.
pub fn sprint_markdown(
    plan: &Plan,
    sprint_id: &str,
    today: NaiveDate,
) -> Result<String, ExportError> {
    let sh = sheet(plan, sprint_id, today)?;
    let s = sh.sprint;
    let t = &sh.totals;
    let mut out = String::new();
    // Writing to a String cannot fail; the results are ignored on purpose.
    let _ = writeln!(out, "# {}\n", markdown_cell(&s.name));
    let window = s.timing(today);
    let _ = writeln!(
        out,
        "- **Sprint:** {} · {}",
        markdown_cell(&s.id),
        s.state.label()
    );
    let _ = writeln!(out, "- **Window:** {} → {} ({window})", s.start, s.end);
    if !s.goal.trim().is_empty() {
        let _ = writeln!(out, "- **Goal:** {}", markdown_cell(&s.goal));
    }
    let pct = u64::from(t.effort) * 100 / u64::from(t.capacity.max(1));
    let mut use_line = format!("{} / {} pts ({pct}%)", t.effort, t.capacity);
    if t.over() > 0 {
        let _ = write!(use_line, ", **over capacity by {}**", pts(t.over()));
    }
    let _ = writeln!(out, "- **Capacity:** {use_line}");
    if s.state == SprintState::Closed {
        let _ = writeln!(
            out,
            "- **Done:** {} of {} planned pts",
            s.completed_points
                .unwrap_or_else(|| plan.effort_of(&s.completed)),
            planned_points(plan, s)
        );
    }
    out.push('\n');

    if sh.rows.is_empty() {
        out.push_str(if s.state.is_open() {
            "_No items committed yet._\n"
        } else {
            "_No items done._\n"
        });
        not_done(&mut out, &sh.missed);
        return Ok(out);
    }
    out.push_str("| Rank | ID | Title | Owner | Effort | Score | Key results |\n");
    out.push_str("|---:|---|---|---|---:|---:|---|\n");
    for r in &sh.rows {
        let d = r.debt;
        let krs: Vec<String> = d.key_results.iter().map(|k| markdown_cell(k)).collect();
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} |",
            r.rank,
            markdown_cell(&d.id),
            markdown_cell(&d.title),
            markdown_cell(&d.owner),
            crate::text::effort(d.effort),
            crate::text::score_or_triage(r.breakdown.score()),
            krs.join(", ")
        );
    }
    let kr_list = if t.key_results.is_empty() {
        "none".to_owned()
    } else {
        t.key_results
            .iter()
            .map(|k| markdown_cell(k))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let _ = writeln!(
        out,
        "\n**Totals:** {}, {} / {} pts, summed score {}; key results: {kr_list}\n",
        count(sh.rows.len(), "item"),
        t.effort,
        t.capacity,
        crate::text::score(t.score_sum)
    );
    out.push_str("## Why these items\n\n");
    let scorer = Scorer::new(plan, today);
    for r in &sh.rows {
        let _ = writeln!(out, "- {}", why(r, &scorer));
    }
    if let Some(load) = crate::planning::people_load(plan, sprint_id) {
        out.push_str(&super::load::load_markdown(&load));
    }
    not_done(&mut out, &sh.missed);
    Ok(out)
}

/// "## Committed, not done": each item and where it went.
/// The committed items not done at the close, then those taken out by hand
/// during the sprint (not work it failed to do) in a table of their own.
fn not_done(out: &mut String, missed: &[Missed<'_>]) {
    let (out_early, left): (Vec<&Missed<'_>>, Vec<&Missed<'_>>) =
        missed.iter().partition(|m| m.went.is_taken_out());
    missed_table(out, "Committed, not done", &left);
    missed_table(out, "Taken out during the sprint", &out_early);
}

fn missed_table(out: &mut String, heading: &str, missed: &[&Missed<'_>]) {
    if missed.is_empty() {
        return;
    }
    let _ = write!(out, "\n## {heading}\n\n");
    out.push_str("| ID | Title | Owner | Effort | Went |\n");
    out.push_str("|---|---|---|---:|---|\n");
    for m in missed {
        let (title, owner, effort) = m.debt.map_or(("(deleted)", "", String::new()), |d| {
            (
                d.title.as_str(),
                d.owner.as_str(),
                crate::text::effort(d.effort),
            )
        });
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            markdown_cell(&m.id),
            markdown_cell(title),
            markdown_cell(owner),
            effort,
            markdown_cell(&m.went.to_string())
        );
    }
}

fn term_label(name: &str) -> &str {
    match name {
        "kr_pressure" => "key-result pressure",
        other => other,
    }
}

/// "D-7K3QX: risk 4, customer 3 (KR-… off track)".
fn why(r: &Row<'_>, scorer: &Scorer<'_>) -> String {
    // Rated terms as rating × weight = term, as the CLI and the UI say them.
    let rated = r.breakdown.rated(r.debt, scorer.weights());
    let terms: Vec<String> = r
        .breakdown
        .main_terms()
        .iter()
        .map(|(name, v)| match rated.iter().find(|t| t.name == *name) {
            Some(t) => format!("{name} {}", t.formula()),
            None => format!("{} {}", term_label(name), number(*v)),
        })
        .collect();
    let mut line = format!("{}: ", markdown_cell(&r.debt.id));
    if terms.is_empty() {
        line.push_str("no impact rated");
    } else {
        line.push_str(&terms.join(", "));
    }
    let slipping: Vec<String> = r
        .debt
        .key_results
        .iter()
        .filter_map(|k| match scorer.kr_health(k) {
            Some(h @ (Health::AtRisk | Health::OffTrack)) => {
                Some(format!("{} {}", markdown_cell(k), h.label()))
            }
            _ => None,
        })
        .collect();
    if !slipping.is_empty() {
        let _ = write!(line, " ({})", slipping.join(", "));
    }
    match r.debt.effort {
        Some(e) => {
            let _ = write!(line, "; {}", pts(e));
        }
        None => line.push_str("; not estimated (to triage)"),
    }
    line
}
