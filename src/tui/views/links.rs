//! Detail lines that follow links: how a hypothesis's key results moved
//! since it started, and what links to a key result.

use ratatui::text::{Line, Span};

use super::{fit, num};
use crate::lifecycle;
use crate::model::{Health, Hypothesis, KeyResult};
use crate::score::Breakdown;
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

/// The rank with its markers: ▲ when a slipping key result pushes the item
/// up, ↑/↓ when its rank changed with the last plan change.
pub fn rank_cell(app: &App, i: usize, b: Option<&Breakdown>) -> String {
    let Some(r) = app.cache.rank.get(i).copied().flatten() else {
        return "–".to_owned();
    };
    let mut out = r.to_string();
    if b.is_some_and(|b| b.kr_pressure > 0.0) {
        out.push('▲');
    }
    match app.cache.moved_from(i) {
        Some(before) if before > r => out.push('↑'),
        Some(_) => out.push('↓'),
        None => {}
    }
    out
}

/// Why the item sits where it does: which key results push it up, and how
/// its rank moved with the last change.
pub fn pressure_lines(app: &App, i: usize, b: &Breakdown, w: usize) -> Vec<Line<'static>> {
    let t = &app.theme;
    let mut lines = Vec::new();
    if b.kr_pressure > 0.0 {
        let d = &app.plan.debts[i];
        let slipping: Vec<String> = d
            .key_results
            .iter()
            .filter_map(|id| {
                let kr = app.plan.key_result(id)?;
                match kr.health(app.today, &app.plan.health)? {
                    Health::OnTrack => None,
                    h => Some(format!("{id} {}", h.label())),
                }
            })
            .collect();
        lines.push(Line::from(Span::styled(
            fit(&format!("▲ moved up: {}", slipping.join(", ")), w),
            t.warn(),
        )));
    }
    if let (Some(before), Some(now)) = (
        app.cache.moved_from(i),
        app.cache.rank.get(i).copied().flatten(),
    ) {
        lines.push(Line::from(Span::styled(
            fit(&format!("rank {before} → {now} with the last change"), w),
            t.warn(),
        )));
    }
    lines
}
