//! Enter: everything about the selected item in an overlay.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::{centered, charts, fit, num};
use crate::model::{Hypothesis, KeyResult, Objective, Sprint};
use crate::score::ice;
use crate::text::sanitize_multiline;
use crate::tui::action::View;
use crate::tui::app::{App, KrRow, ModeKind};
use crate::tui::keymap;
use crate::tui::theme::Theme;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, scroll: u16) {
    let width = 84.min(area.width);
    let w = usize::from(width.saturating_sub(2));
    // A key result's Trend chart under its text when the screen has room;
    // else its numbers as one line of the text.
    let trend = match (app.view, app.selected_kr_row()) {
        (View::KeyResults, Some(KrRow::Kr(i))) => Some(i),
        _ => None,
    };
    let trend_h = if trend.is_some() && area.height >= 18 && width >= charts::MIN_W + 2 {
        (area.height / 2).clamp(charts::MIN_H, 14)
    } else {
        0
    };
    let lines = match app.view {
        View::Debt => app
            .selected_debt_index()
            .map(|i| super::debt::detail_lines(app, i, w))
            .unwrap_or_default(),
        View::Sprints => app
            .selected_sprint_index()
            .map(|i| sprint(app, &app.plan().sprints[i], w))
            .unwrap_or_default(),
        View::Experiments => app
            .selected_hypothesis_index()
            .map(|i| hypothesis(app, &app.plan().hypotheses[i], w))
            .unwrap_or_default(),
        View::KeyResults => match app.selected_kr_row() {
            Some(KrRow::Kr(i)) => key_result(app, &app.plan().key_results[i], w, trend_h == 0, i),
            Some(KrRow::Objective(i)) => objective(app, &app.plan().objectives[i], w),
            _ => Vec::new(),
        },
        View::Overview => Vec::new(),
    };
    // Tall enough for the text once wrapped, never taller than the view.
    let wrapped: usize = lines
        .iter()
        .map(|l| l.width().max(1).div_ceil(w.max(1)))
        .sum();
    let height = u16::try_from(wrapped + 2)
        .unwrap_or(u16::MAX)
        .saturating_add(trend_h)
        .max(5);
    let popup = centered(area, width, height);
    let block = Block::bordered()
        .title(" Detail ")
        .title_bottom(format!(" {} ", keymap::hints(ModeKind::Detail).join(" · ")))
        .border_style(app.theme.border());
    frame.render_widget(Clear, popup);
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let [text, chart] =
        Layout::vertical([Constraint::Min(0), Constraint::Length(trend_h)]).areas(inner);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0)),
        text,
    );
    if let Some(i) = trend
        && trend_h > 0
    {
        charts::trend(frame, chart, app, i);
    }
}

fn title(t: &Theme, id: &str, text: &str, w: usize) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!("{id} "), t.key()),
        Span::styled(fit(text, w.saturating_sub(id.len() + 1)), t.title()),
    ])
}

fn field(t: &Theme, name: &str, value: String) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!("{name:<10} "), t.dim()),
        Span::raw(value),
    ])
}

fn text_block(lines: &mut Vec<Line<'static>>, t: &Theme, name: &str, text: &str) {
    if text.trim().is_empty() {
        return;
    }
    lines.push(Line::from(Span::styled(name.to_owned(), t.heading())));
    for l in sanitize_multiline(text).lines() {
        lines.push(Line::from(l.to_owned()));
    }
}

fn sprint(app: &App, s: &Sprint, w: usize) -> Vec<Line<'static>> {
    let t = &app.theme;
    let used = app.plan().effort_of(&s.items);
    let mut lines = vec![
        title(t, &s.id, &s.name, w),
        field(t, "window", format!("{} → {}", s.start, s.end)),
        field(t, "state", s.state.label().to_owned()),
        field(t, "capacity", format!("{used} of {} pts", s.capacity)),
    ];
    if let Some(c) = &s.commitment {
        lines.push(field(
            t,
            "committed",
            format!("{} items, {} pts on {}", c.items.len(), c.points, c.date),
        ));
    }
    if let Some(done) = s.completed_points {
        lines.push(field(t, "completed", format!("{done} pts")));
    }
    text_block(&mut lines, t, "Goal", &s.goal);
    lines.push(Line::from(Span::styled("Items", t.heading())));
    for id in &s.items {
        lines.push(match app.plan().debt(id) {
            Some(d) => Line::from(fit(
                &format!(
                    "{id} {:>3} pts  {}  ({})",
                    crate::text::effort(d.effort),
                    d.title,
                    d.status.label()
                ),
                w,
            )),
            None => Line::from(Span::styled(format!("{id} (missing)"), t.error())),
        });
    }
    lines
}

fn hypothesis(app: &App, h: &Hypothesis, w: usize) -> Vec<Line<'static>> {
    let t = &app.theme;
    let mut lines = vec![
        title(t, &h.id, &h.title, w),
        field(
            t,
            "status",
            format!(
                "{}{}",
                h.status.label(),
                if h.is_stale(app.today) {
                    " — STALE"
                } else {
                    ""
                }
            ),
        ),
        field(
            t,
            "ICE",
            format!("{} × {} × {} = {}", h.impact, h.confidence, h.ease, ice(h)),
        ),
    ];
    if !h.owner.is_empty() {
        lines.push(field(t, "owner", fit(&h.owner, w)));
    }
    if !h.key_results.is_empty() {
        lines.push(field(t, "KRs", fit(&h.key_results.join(", "), w)));
    }
    for (name, date) in [
        ("started", h.started),
        ("review by", h.review_by),
        ("decided", h.decided),
    ] {
        if let Some(d) = date {
            lines.push(field(t, name, d.to_string()));
        }
    }
    text_block(&mut lines, t, "Belief", &h.belief);
    text_block(&mut lines, t, "Signal", &h.signal);
    text_block(&mut lines, t, "Evidence", &h.evidence);
    lines.extend(super::links::movements(app, h, w));
    for d in &h.history {
        lines.push(Line::from(fit(
            &format!(
                "earlier: {} on {}, reopened {}: {}",
                d.status.label(),
                d.date,
                d.reopened,
                d.evidence
            ),
            w,
        )));
    }
    lines
}

fn key_result(
    app: &App,
    kr: &KeyResult,
    w: usize,
    trend_line: bool,
    index: usize,
) -> Vec<Line<'static>> {
    let t = &app.theme;
    let health = kr.health(app.today, &app.plan().health);
    let mut lines = vec![
        title(t, &kr.id, &kr.title, w),
        field(t, "objective", kr.objective.clone()),
        field(
            t,
            "values",
            format!(
                "baseline {} · now {} · target {} {}",
                num(kr.baseline),
                num(kr.current_at(app.today)),
                kr.target.map_or_else(|| "none".to_owned(), num),
                fit(&kr.unit, 20)
            ),
        ),
        field(
            t,
            "progress",
            kr.progress(app.today)
                .map_or_else(|| "no target".to_owned(), crate::text::percent),
        ),
        Line::from(vec![
            Span::styled(format!("{:<10} ", "health"), t.dim()),
            Span::styled(
                health.map_or("no target", |h| h.label()).to_owned(),
                t.health(health),
            ),
        ]),
        field(
            t,
            "window",
            format!(
                "{} → {}",
                kr.start,
                kr.due
                    .map_or_else(|| "no due date".to_owned(), |d| d.to_string())
            ),
        ),
    ];
    if !kr.owner.is_empty() {
        lines.push(field(t, "owner", fit(&kr.owner, w)));
    }
    if trend_line {
        lines.push(Line::from(Span::styled(
            fit(&charts::trend_summary(app, index), w),
            t.dim(),
        )));
    }
    // As of today: a check-in dated later does not count yet.
    let shown = kr.checkins_as_of(app.today);
    let later = kr.checkins.len() - shown.len();
    lines.push(Line::from(Span::styled(
        format!("Check-ins ({})", shown.len()),
        t.heading(),
    )));
    if later > 0 {
        lines.push(Line::from(Span::styled(
            format!("{later} more dated after today (not counted yet)"),
            t.dim(),
        )));
    }
    for c in shown.iter().rev().take(50) {
        lines.push(Line::from(format!("{}  {}", c.date, num(c.value))));
    }
    lines.extend(super::links::kr_links(app, kr, w));
    lines
}

fn objective(app: &App, o: &Objective, w: usize) -> Vec<Line<'static>> {
    let t = &app.theme;
    let mut lines = vec![title(t, &o.id, &o.title, w)];
    text_block(&mut lines, t, "Description", &o.description);
    lines.push(Line::from(Span::styled("Key results", t.heading())));
    for kr in app
        .plan()
        .key_results
        .iter()
        .filter(|k| k.objective == o.id)
    {
        let pct = kr
            .progress(app.today)
            .map_or_else(|| "–".to_owned(), crate::text::percent);
        lines.push(Line::from(fit(
            &format!("{} {pct:>4}  {}", kr.id, kr.title),
            w,
        )));
    }
    lines
}
