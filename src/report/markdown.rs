//! `bearing diff --format md`: short Markdown for a pull-request comment
//! or a CI step summary — a heading, the counts, and a table per kind of
//! change that has any.

use super::table::{checkins, field, health, more, progress, rank, scores};
use super::{DiffReport, SHOWN};
use crate::text::markdown_cell as cell;

/// How many changed items the items table lists.
const ITEMS: usize = 30;

fn code(s: &str) -> String {
    format!("`{}`", s.replace('`', "'"))
}

fn table(out: &mut String, heading: &str, head: &[&str], rows: Vec<Vec<String>>, cut: usize) {
    if rows.is_empty() {
        return;
    }
    out.push_str(&format!("\n#### {heading}\n\n| {} |\n", head.join(" | ")));
    out.push_str(&format!("|{}\n", "---|".repeat(head.len())));
    for row in &rows {
        out.push_str(&format!("| {} |\n", row.join(" | ")));
    }
    if cut > 0 {
        out.push_str(&format!("\n{}\n", cell(&more(cut))));
    }
}

pub fn render(r: &DiffReport) -> String {
    let mut out = format!("### Plan changes: {} → {}\n\n", code(&r.from), code(&r.to));
    if r.is_empty() {
        out.push_str(&format!("No changes to the plan (as of {}).\n", r.today));
        return out;
    }
    out.push_str(&format!("{} (as of {}).\n", r.counts(), r.today));

    let mut items: Vec<Vec<String>> = Vec::new();
    for (what, list) in [("added", &r.added), ("removed", &r.removed)] {
        for i in list {
            items.push(vec![
                what.to_owned(),
                i.kind.to_owned(),
                code(&i.id),
                cell(&i.title),
                String::new(),
            ]);
        }
    }
    for c in &r.changed {
        let details: Vec<String> = c.fields.iter().map(|f| cell(&field(f))).collect();
        items.push(vec![
            "changed".to_owned(),
            c.kind.to_owned(),
            code(&c.id),
            cell(&c.title),
            details.join("<br>"),
        ]);
    }
    for f in &r.settings {
        items.push(vec![
            "changed".to_owned(),
            "settings".to_owned(),
            String::new(),
            String::new(),
            cell(&field(f)),
        ]);
    }
    let cut = items.len().saturating_sub(ITEMS);
    items.truncate(ITEMS);
    table(
        &mut out,
        "Items",
        &["Change", "Kind", "Id", "Title", "Fields (old → new)"],
        items,
        cut,
    );

    let ranks = r
        .rank_moves
        .iter()
        .take(SHOWN)
        .map(|m| {
            vec![
                code(&m.id),
                cell(&m.title),
                format!("{} → {}", rank(m.old_rank), rank(m.new_rank)),
                scores(m),
            ]
        })
        .collect();
    table(
        &mut out,
        "Rank of open debt (WSJF)",
        &["Id", "Title", "Rank", "Score"],
        ranks,
        r.rank_moves.len().saturating_sub(SHOWN),
    );
    let krs = r
        .key_results
        .iter()
        .map(|k| {
            vec![
                code(&k.id),
                cell(&k.title),
                cell(&checkins(k)),
                progress(k),
                health(k),
            ]
        })
        .collect();
    table(
        &mut out,
        "Key results",
        &["Id", "Title", "Check-ins", "Progress", "Health"],
        krs,
        0,
    );
    let hyps = r
        .hypotheses
        .iter()
        .map(|h| {
            vec![
                code(&h.id),
                cell(&h.title),
                format!("{} → {}", h.old_status.unwrap_or("—"), h.new_status),
                cell(&h.evidence),
            ]
        })
        .collect();
    table(
        &mut out,
        "Hypotheses",
        &["Id", "Title", "State", "Evidence"],
        hyps,
        0,
    );
    let sprints = r
        .sprints
        .iter()
        .map(|s| {
            vec![
                code(&s.id),
                cell(&s.name),
                format!("{} → {}", s.old_state.unwrap_or("—"), s.new_state),
            ]
        })
        .collect();
    table(&mut out, "Sprints", &["Id", "Name", "State"], sprints, 0);
    out
}
