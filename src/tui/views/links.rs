//! Detail lines that follow links: how a hypothesis's key results moved
//! since it started, and what links to a key result.

use ratatui::text::{Line, Span};

use super::{fit, num};
use crate::lifecycle;
use crate::model::{Hypothesis, KeyResult};
use crate::tui::app::App;

/// At most this many linked items are listed; the rest are counted.
const MAX_LINKS: usize = 12;

pub fn movements(app: &App, h: &Hypothesis, w: usize) -> Vec<Line<'static>> {
    let t = &app.theme;
    let moves = lifecycle::movements(&app.plan, h);
    if moves.is_empty() {
        return Vec::new();
    }
    let since = h.started.unwrap_or(h.created);
    let until = h
        .decided
        .map_or_else(|| "now".to_owned(), |d| d.to_string());
    let mut lines = vec![Line::from(Span::styled(
        format!("Key results from {since} to {until}"),
        t.heading(),
    ))];
    for m in moves {
        let kr = app.plan.key_result(&m.key_result);
        let title = kr.map_or("", |k| k.title.as_str());
        let unit = kr.map_or("", |k| k.unit.as_str());
        let delta = m.after - m.before;
        let sign = if delta > 0.0 { "+" } else { "" };
        lines.push(Line::from(fit(
            &format!(
                "{} {} → {} {unit} ({sign}{}) {title}",
                m.key_result,
                num(m.before),
                num(m.after),
                num(delta)
            ),
            w,
        )));
    }
    lines
}

pub fn kr_links(app: &App, kr: &KeyResult, w: usize) -> Vec<Line<'static>> {
    let t = &app.theme;
    let mut lines = Vec::new();
    let hyps: Vec<&Hypothesis> = app
        .plan
        .hypotheses
        .iter()
        .filter(|h| h.key_results.contains(&kr.id))
        .collect();
    lines.push(Line::from(Span::styled(
        format!("Hypotheses ({})", hyps.len()),
        t.heading(),
    )));
    for h in hyps.iter().take(MAX_LINKS) {
        lines.push(Line::from(fit(
            &format!("{} {} · {}", h.id, h.title, h.status.label()),
            w,
        )));
    }
    let debts: Vec<usize> = app
        .plan
        .debts
        .iter()
        .enumerate()
        .filter(|(_, d)| d.key_results.contains(&kr.id))
        .map(|(i, _)| i)
        .collect();
    lines.push(Line::from(Span::styled(
        format!("Debt ({})", debts.len()),
        t.heading(),
    )));
    for &i in debts.iter().take(MAX_LINKS) {
        let d = &app.plan.debts[i];
        let rank =
            app.cache.rank[i].map_or_else(|| d.status.label().to_owned(), |r| format!("#{r}"));
        lines.push(Line::from(fit(&format!("{} {rank} {}", d.id, d.title), w)));
    }
    if debts.len() > MAX_LINKS {
        lines.push(Line::from(Span::styled(
            format!("… {} more", debts.len() - MAX_LINKS),
            t.dim(),
        )));
    }
    lines
}
