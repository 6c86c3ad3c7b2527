//! Detail lines that follow links: how a hypothesis's key results moved
//! since it started, and what links to a key result.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::{fit, num, sparkline};
use crate::lifecycle;
use crate::model::{Health, Hypothesis, KeyResult};
use crate::score::Breakdown;
use crate::tui::app::{App, KrRow};

/// At most this many linked items are listed; the rest are counted.
const MAX_LINKS: usize = 12;

pub fn movements(app: &App, h: &Hypothesis, w: usize) -> Vec<Line<'static>> {
    let t = &app.theme;
    let moves = lifecycle::movements(app.plan(), h, app.today);
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
        let kr = app.plan().key_result(&m.key_result);
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
        .plan()
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
    let debts: &[usize] = app
        .plan()
        .key_results
        .binary_search_by(|k| k.id.cmp(&kr.id))
        .ok()
        .and_then(|k| app.cache.kr_debts.get(k))
        .map_or(&[], Vec::as_slice);
    lines.push(Line::from(Span::styled(
        format!("Debt ({})", debts.len()),
        t.heading(),
    )));
    for &i in debts.iter().take(MAX_LINKS) {
        let d = &app.plan().debts[i];
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
        let d = &app.plan().debts[i];
        let slipping: Vec<String> = d
            .key_results
            .iter()
            .filter_map(|id| {
                let kr = app.plan().key_result(id)?;
                match kr.health(app.today, &app.plan().health)? {
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

/// Below the key-results table when there is room: the selected key
/// result's check-ins as a sparkline and what links to it. Returns the area
/// left for the table.
pub fn kr_pane(frame: &mut Frame, area: Rect, app: &App) -> Rect {
    let Some(KrRow::Kr(i)) = app.selected_kr_row() else {
        return area;
    };
    if area.height < 18 {
        return area;
    }
    let [table, pane] = Layout::vertical([Constraint::Min(6), Constraint::Length(8)]).areas(area);
    let t = &app.theme;
    let kr = &app.plan().key_results[i];
    let block = Block::default()
        .borders(Borders::TOP)
        .border_style(t.border())
        .title(Span::styled(
            format!(" {} {} ", kr.id, fit(&kr.title, 40)),
            t.title(),
        ));
    let inner = block.inner(pane);
    frame.render_widget(block, pane);
    let w = usize::from(inner.width);
    let shown = kr.checkins_as_of(app.today);
    let values: Vec<f64> = shown.iter().map(|c| c.value).collect();
    let last = shown.last().map_or_else(
        // Read-only (a team's plan opened from `bearing org`, `--demo`):
        // no key that edits is offered.
        || {
            if app.read_only() {
                "no check-ins yet".to_owned()
            } else {
                "no check-ins yet: c checks in".to_owned()
            }
        },
        |c| format!("last {} on {}", num(c.value), c.date),
    );
    let mut lines = vec![Line::from(vec![
        Span::styled(sparkline(&values, 40), t.key()),
        Span::styled(fit(&format!("  {last}"), w.saturating_sub(40)), t.dim()),
    ])];
    let hyps: Vec<String> = app
        .plan()
        .hypotheses
        .iter()
        .filter(|h| h.key_results.contains(&kr.id))
        .map(|h| format!("{} ({})", h.id, h.status.label()))
        .collect();
    let debts: Vec<String> = app
        .cache
        .kr_debts
        .get(i)
        .map_or(&[][..], Vec::as_slice)
        .iter()
        .map(|&d| {
            let rank = app.cache.rank[d].map_or_else(String::new, |r| format!(" #{r}"));
            format!("{}{rank}", app.plan().debts[d].id)
        })
        .collect();
    for (name, list) in [("hypotheses", hyps), ("debt", debts)] {
        let text = if list.is_empty() {
            "none".to_owned()
        } else {
            list.join(", ")
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{name:<11}"), t.dim()),
            Span::raw(fit(&text, w.saturating_sub(11))),
        ]));
    }
    lines.push(Line::from(Span::styled(
        if app.read_only() {
            "Enter shows every link"
        } else {
            "c checks in · Enter shows every link"
        },
        t.dim(),
    )));
    frame.render_widget(Paragraph::new(lines), inner);
    table
}
