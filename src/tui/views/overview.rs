//! The overview: North Star, objectives with their key-result gauges and
//! health, the top of the debt ranking, the active sprint, stale experiments
//! and the plan's warnings.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::{bar, fit, heading};
use crate::model::{Health, Severity};
use crate::tui::app::{App, KrRow};

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let t = &app.theme;
    let north = if app.plan.north_star.trim().is_empty() {
        Line::from(Span::styled("No North Star yet", t.dim()))
    } else {
        Line::from(vec![
            Span::styled("North Star  ", t.heading()),
            Span::styled(fit(&app.plan.north_star, 200), t.title()),
        ])
    };
    let [top, rest] = Layout::vertical([Constraint::Length(2), Constraint::Min(0)]).areas(area);
    frame.render_widget(Paragraph::new(north), top);
    if rest.width >= 70 {
        let [left, right] =
            Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
                .spacing(2)
                .areas(rest);
        let w = usize::from(left.width);
        frame.render_widget(Paragraph::new(objectives(app, w, left.height)), left);
        let mut lines = top_debt(app, usize::from(right.width));
        lines.extend(sprint(app, usize::from(right.width)));
        lines.extend(stale(app, usize::from(right.width)));
        lines.extend(warnings(app, usize::from(right.width)));
        frame.render_widget(Paragraph::new(lines), right);
    } else {
        let w = usize::from(rest.width);
        let mut lines = top_debt(app, w);
        lines.extend(sprint(app, w));
        lines.extend(objectives(app, w, rest.height));
        lines.extend(stale(app, w));
        lines.extend(warnings(app, w));
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), rest);
    }
}

/// Objectives and their key results, only as many lines as fit.
fn objectives(app: &App, width: usize, height: u16) -> Vec<Line<'static>> {
    let t = &app.theme;
    let mut lines = vec![heading("Objectives", t.heading())];
    if app.plan.objectives.is_empty() {
        lines.push(Line::from(Span::styled("none yet", t.dim())));
    }
    // The cached outline keeps this to the rows that fit, however big the plan.
    for row in app
        .cache
        .kr_rows
        .iter()
        .take(usize::from(height).saturating_sub(1))
    {
        match *row {
            KrRow::Objective(oi) => lines.push(Line::from(Span::styled(
                fit(&app.plan.objectives[oi].title, width),
                t.title(),
            ))),
            KrRow::Orphans => lines.push(Line::from(Span::styled("(no objective)", t.dim()))),
            KrRow::Kr(ki) => {
                let kr = &app.plan.key_results[ki];
                let health = kr.health(app.today, &app.plan.health);
                let progress = kr.progress(app.today);
                let pct = progress.map_or_else(
                    || "   –".to_owned(),
                    |p| format!("{:>4}", crate::text::percent(p)),
                );
                let label = health.map_or("no target", Health::label);
                let used = 8 + 1 + 4 + 1 + 10;
                lines.push(Line::from(vec![
                    Span::styled(bar(progress.unwrap_or(0.0), 8), t.health(health)),
                    Span::raw(format!(" {pct} ")),
                    Span::styled(format!("{label:<9} "), t.health(health)),
                    Span::raw(fit(&kr.title, width.saturating_sub(used))),
                ]));
            }
        }
    }
    lines
}

fn top_debt(app: &App, width: usize) -> Vec<Line<'static>> {
    let t = &app.theme;
    let mut lines = vec![heading("Top debt", t.heading())];
    if app.cache.ranking.is_empty() {
        lines.push(Line::from(Span::styled("nothing open", t.dim())));
    }
    for (n, &i) in app.cache.ranking.iter().take(3).enumerate() {
        let d = &app.plan.debts[i];
        let score = app.cache.scores.get(i).map_or(0.0, |b| b.score());
        let score = format!(" {score:.2}");
        let head = format!("{}. {} ", n + 1, d.id);
        let room = width.saturating_sub(head.chars().count() + score.len());
        lines.push(Line::from(vec![
            Span::styled(head, t.key()),
            Span::raw(format!("{:<room$}", fit(&d.title, room))),
            Span::styled(score, t.title()),
        ]));
    }
    lines.push(Line::from(""));
    lines
}

fn sprint(app: &App, width: usize) -> Vec<Line<'static>> {
    let t = &app.theme;
    let mut lines = vec![heading("Active sprint", t.heading())];
    let Some(s) = app.plan.active_sprint() else {
        lines.push(Line::from(Span::styled("no sprint running", t.dim())));
        lines.push(Line::from(""));
        return lines;
    };
    let used = app.plan.effort_of(&s.items);
    let over = used > s.capacity;
    lines.push(Line::from(fit(
        &format!("{} {} · {} days left", s.id, s.name, s.days_left(app.today)),
        width,
    )));
    let ratio = f64::from(used) / f64::from(s.capacity.max(1));
    lines.push(Line::from(vec![
        Span::styled(bar(ratio, 12), t.gauge(over)),
        Span::styled(
            format!(
                " {used}/{} pts{}",
                s.capacity,
                if over { " OVER" } else { "" }
            ),
            t.gauge(over),
        ),
    ]));
    if !s.goal.is_empty() {
        lines.push(Line::from(Span::styled(fit(&s.goal, width), t.dim())));
    }
    lines.push(Line::from(""));
    lines
}

fn stale(app: &App, width: usize) -> Vec<Line<'static>> {
    let t = &app.theme;
    let stale: Vec<_> = app
        .plan
        .hypotheses
        .iter()
        .filter(|h| h.is_stale(app.today))
        .collect();
    let mut lines = vec![heading(
        format!("Stale experiments ({})", stale.len()),
        t.heading(),
    )];
    for h in stale.iter().take(3) {
        let late = h.review_by.map_or(0, |d| (app.today - d).num_days());
        lines.push(Line::from(vec![
            Span::styled(format!("{} ", h.id), t.warn()),
            Span::raw(fit(
                &format!("{} · review {late}d overdue", h.title),
                width.saturating_sub(h.id.len() + 1),
            )),
        ]));
    }
    lines.push(Line::from(""));
    lines
}

fn warnings(app: &App, width: usize) -> Vec<Line<'static>> {
    let t = &app.theme;
    let f = app.findings();
    let mut lines = vec![heading(format!("Warnings ({})", f.len()), t.heading())];
    if f.is_empty() {
        lines.push(Line::from(Span::styled("bearing check is clean", t.ok())));
    }
    for finding in f.iter().take(5) {
        let style = if finding.severity == Severity::Error {
            t.error()
        } else {
            t.warn()
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{} ", finding.id), style),
            Span::raw(fit(
                &finding.message,
                width.saturating_sub(finding.id.len() + 1),
            )),
        ]));
    }
    lines
}
