//! The experiments board (a column per status) and the top debt, each item
//! with its score term by term, as `bearing show` explains it.

use std::fmt::Write;

use chrono::NaiveDate;

use super::escape::text;
use crate::model::{Hypothesis, HypothesisStatus, Plan};
use crate::score::{self, Breakdown};
use crate::text::number;

/// How many cards a board column shows; the rest are counted.
pub const BOARD_CAP: usize = 12;
/// How many debt items the report lists.
pub const TOP_DEBT: usize = 10;

pub fn experiments(out: &mut String, plan: &Plan, today: NaiveDate) {
    out.push_str(r#"<section class="part" id="experiments"><h2>Experiments</h2>"#);
    if plan.hypotheses.is_empty() {
        out.push_str(r#"<p class="muted">No experiments yet.</p></section>"#);
        return;
    }
    out.push_str(r#"<div class="board">"#);
    for status in HypothesisStatus::ALL {
        let mut cards: Vec<&Hypothesis> = plan
            .hypotheses
            .iter()
            .filter(|h| h.status == status)
            .collect();
        match status {
            HypothesisStatus::Proposed => cards.sort_by(|a, b| {
                score::ice(b)
                    .cmp(&score::ice(a))
                    .then_with(|| a.id.cmp(&b.id))
            }),
            HypothesisStatus::Running => {
                cards.sort_by(|a, b| a.review_by.cmp(&b.review_by).then_with(|| a.id.cmp(&b.id)))
            }
            _ => cards.sort_by(|a, b| b.decided.cmp(&a.decided).then_with(|| a.id.cmp(&b.id))),
        }
        let title = capitalised(status.label());
        let _ = write!(
            out,
            r#"<div class="column"><h3>{title} <span class="muted small">({})</span></h3>"#,
            cards.len()
        );
        for h in cards.iter().take(BOARD_CAP) {
            card(out, h, today);
        }
        if cards.len() > BOARD_CAP {
            let _ = write!(
                out,
                r#"<p class="small muted">… and {} more</p>"#,
                cards.len() - BOARD_CAP
            );
        }
        out.push_str("</div>");
    }
    out.push_str("</div></section>");
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}

fn card(out: &mut String, h: &Hypothesis, today: NaiveDate) {
    let _ = write!(
        out,
        r#"<article class="card"><h4>{} <span class="id">{}</span></h4><p class="small muted">ICE {} × {} × {} = {}{}</p>"#,
        text(&h.title),
        text(&h.id),
        h.impact,
        h.confidence,
        h.ease,
        score::ice(h),
        if h.owner.is_empty() {
            String::new()
        } else {
            format!(" · {}", text(&h.owner))
        }
    );
    if !h.belief.trim().is_empty() && !h.status.is_decided() {
        let _ = write!(
            out,
            r#"<p class="small multiline">{}</p>"#,
            text(h.belief.trim())
        );
    }
    if let (HypothesisStatus::Running, Some(r)) = (h.status, h.review_by) {
        let stale = if h.is_stale(today) {
            " — overdue for review"
        } else {
            ""
        };
        let _ = write!(out, r#"<p class="small">Review by {r}{stale}</p>"#);
    }
    if h.status.is_decided() {
        if let Some(d) = h.decided {
            let _ = write!(out, r#"<p class="small">Decided {d}</p>"#);
        }
        if !h.evidence.trim().is_empty() {
            let _ = write!(
                out,
                r#"<p class="small multiline">{}</p>"#,
                text(h.evidence.trim())
            );
        }
    }
    out.push_str("</article>");
}

pub fn top_debt(out: &mut String, plan: &Plan, today: NaiveDate) {
    let ranked = score::rank_open(plan, today);
    let _ = write!(
        out,
        r#"<section class="part" id="debt"><h2>Top debt</h2><p class="muted">The {} highest-ranked of {} open items (WSJF: cost of delay ÷ effort).</p>"#,
        ranked.len().min(TOP_DEBT),
        ranked.len()
    );
    if ranked.is_empty() {
        out.push_str(r#"<p class="muted">No open debt.</p></section>"#);
        return;
    }
    out.push_str(r#"<ol class="debt">"#);
    for (i, r) in ranked.iter().take(TOP_DEBT).enumerate() {
        let Some(d) = plan.debts.get(r.index) else {
            continue;
        };
        let b = &r.breakdown;
        let score = b
            .score()
            .map_or_else(|| "to triage".to_owned(), |s| format!("score {s:.2}"));
        let _ = write!(
            out,
            r#"<li class="card"><h3>{}. {} <span class="id">{}</span></h3><p class="small muted">{score} · effort {} · {}{}</p>"#,
            i + 1,
            text(&d.title),
            text(&d.id),
            b.effort.map_or_else(|| "?".to_owned(), |e| e.to_string()),
            d.status.label(),
            if d.owner.is_empty() {
                String::new()
            } else {
                format!(" · {}", text(&d.owner))
            },
        );
        breakdown(out, plan, d, b);
        out.push_str("</li>");
    }
    out.push_str("</ol></section>");
}

/// The score term by term: rating × weight = value, the key-result
/// pressure, then cost of delay ÷ effort.
fn breakdown(out: &mut String, plan: &Plan, d: &crate::model::Debt, b: &Breakdown) {
    let w = &plan.weights;
    out.push_str(r#"<table><caption class="small muted" style="text-align:left">Score breakdown</caption><thead><tr><th scope="col">term</th><th scope="col">rating × weight = value</th></tr></thead><tbody>"#);
    for t in b.rated(d, w) {
        let _ = write!(
            out,
            "<tr><th scope=\"row\">{}</th><td>{}</td></tr>",
            term_word(t.name),
            text(&t.formula())
        );
    }
    let _ = write!(
        out,
        "<tr><th scope=\"row\">KR pressure</th><td>{}</td></tr>",
        text(&b.pressure_formula(w))
    );
    let total = match (b.effort, b.score()) {
        (Some(e), Some(s)) => format!(
            "cost of delay {} ÷ effort {e} = score {s:.2}",
            number((b.cost_of_delay() * 100.0).round() / 100.0)
        ),
        _ => format!(
            "cost of delay {} ÷ effort ? = to triage",
            number((b.cost_of_delay() * 100.0).round() / 100.0)
        ),
    };
    let _ = write!(
        out,
        "</tbody><tfoot><tr><th scope=\"row\">total</th><td>{}</td></tr></tfoot></table>",
        text(&total)
    );
}

/// A score term as a reader says it: "KR pressure", not `kr_pressure`.
fn term_word(name: &str) -> String {
    match name {
        "kr_pressure" => "KR pressure".to_owned(),
        other => other.replace('_', " "),
    }
}
