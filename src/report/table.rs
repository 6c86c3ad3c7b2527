//! `bearing diff` for a terminal: a heading, then one section per kind of
//! change that has any.

use super::{DiffReport, FieldChange, KrChange, RankMove, SHOWN};
use crate::text::{number, percent, sanitize, score, truncate};

/// How wide a field value may be before it is cut.
const VALUE: usize = 60;
const TITLE: usize = 48;

/// A value for one line: sanitized, cut; `—` for none.
pub(super) fn value(v: Option<&str>, width: usize) -> String {
    match v {
        None => "—".to_owned(),
        Some(s) => truncate(&sanitize(s), width).into_owned(),
    }
}

pub(super) fn field(f: &FieldChange) -> String {
    format!(
        "{}: {} → {}",
        f.field,
        value(f.old.as_deref(), VALUE),
        value(f.new.as_deref(), VALUE)
    )
}

pub(super) fn rank(r: Option<usize>) -> String {
    r.map_or_else(|| "—".to_owned(), |r| format!("#{r}"))
}

pub(super) fn scores(m: &RankMove) -> String {
    let s = |x: Option<f64>| x.map_or_else(|| "—".to_owned(), score);
    format!("{} → {}", s(m.old_score), s(m.new_score))
}

pub(super) fn progress(k: &KrChange) -> String {
    let p = |x: Option<f64>| x.map_or_else(|| "—".to_owned(), percent);
    format!("{} → {}", p(k.old_progress), p(k.new_progress))
}

pub(super) fn health(k: &KrChange) -> String {
    let h = |x: Option<&str>| x.unwrap_or("—").to_owned();
    format!("{} → {}", h(k.old_health), h(k.new_health))
}

pub(super) fn checkins(k: &KrChange) -> String {
    let mut parts: Vec<String> = k
        .checkins
        .iter()
        .map(|c| format!("{} {}{}", c.date, number(c.value), unit(&k.unit)))
        .collect();
    parts.extend(k.removed_checkins.iter().map(|d| format!("{d} removed")));
    parts.join(", ")
}

fn unit(u: &str) -> String {
    match u {
        "" => String::new(),
        "%" => "%".to_owned(),
        u => format!(" {}", sanitize(u)),
    }
}

/// "… and 12 more (--format json lists all)" when `n` rows are cut.
pub(super) fn more(n: usize) -> String {
    format!("… and {n} more (--format json lists all)")
}

fn t(s: &str) -> String {
    truncate(&sanitize(s), TITLE).into_owned()
}

pub fn render(r: &DiffReport) -> String {
    let mut out = format!(
        "{} → {} (as of {})\n",
        sanitize(&r.from),
        sanitize(&r.to),
        r.today
    );
    if r.is_empty() {
        out.push_str("no changes to the plan\n");
        return out;
    }
    out.push_str(&r.counts());
    out.push('\n');
    let mut section = |name: &str, lines: Vec<String>| {
        if lines.is_empty() {
            return;
        }
        out.push_str(&format!("\n{name}\n"));
        for l in lines {
            out.push_str("  ");
            out.push_str(&l);
            out.push('\n');
        }
    };
    let refs = |items: &[super::ItemRef]| -> Vec<String> {
        items
            .iter()
            .map(|i| format!("{:<10} {:<9} {}", i.kind, i.id, t(&i.title)))
            .collect()
    };
    section("Added", refs(&r.added));
    section("Removed", refs(&r.removed));
    let mut changed = Vec::new();
    for c in &r.changed {
        changed.push(format!("{:<10} {:<9} {}", c.kind, c.id, t(&c.title)));
        changed.extend(c.fields.iter().map(|f| format!("    {}", field(f))));
    }
    section("Changed", changed);
    section("Settings", r.settings.iter().map(field).collect());
    let mut ranks: Vec<String> = r
        .rank_moves
        .iter()
        .take(SHOWN)
        .map(|m| {
            format!(
                "{:<9} {:>6} → {:<6} score {:<14} {}",
                m.id,
                rank(m.old_rank),
                rank(m.new_rank),
                scores(m),
                t(&m.title)
            )
        })
        .collect();
    if r.rank_moves.len() > SHOWN {
        ranks.push(more(r.rank_moves.len() - SHOWN));
    }
    section("Rank of open debt (WSJF)", ranks);
    section(
        "Key results",
        r.key_results
            .iter()
            .map(|k| {
                format!(
                    "{:<9} {}: check-ins {}; progress {}; health {}",
                    k.id,
                    t(&k.title),
                    checkins(k),
                    progress(k),
                    health(k)
                )
            })
            .collect(),
    );
    section(
        "Hypotheses",
        r.hypotheses
            .iter()
            .map(|h| {
                let mut l = format!(
                    "{:<9} {}: {} → {}",
                    h.id,
                    t(&h.title),
                    h.old_status.unwrap_or("—"),
                    h.new_status
                );
                if !h.evidence.trim().is_empty() {
                    l.push_str(&format!("; evidence: {}", value(Some(&h.evidence), VALUE)));
                }
                l
            })
            .collect(),
    );
    section(
        "Sprints",
        r.sprints
            .iter()
            .map(|s| {
                format!(
                    "{:<9} {}: {} → {}",
                    s.id,
                    t(&s.name),
                    s.old_state.unwrap_or("—"),
                    s.new_state
                )
            })
            .collect(),
    );
    out
}
