//! The charts: a sprint's **Burn-up** (scope with its steps, done per day,
//! the ideal line), the **Velocity** of the last closed sprints (committed
//! against completed, the mean in the title) and a key result's **Trend**
//! (check-ins, the target, the expected line from baseline to target). The
//! series come from the cache (`cache::charts`); a frame only borrows them.
//! Where a chart has no room it says its numbers on one line instead.

use chrono::{Duration, NaiveDate};
use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Axis, Bar, BarChart, BarGroup, Block, Borders, Chart, Dataset, GraphType, Paragraph,
};

use super::{fit, num};
use crate::model::SprintState;
use crate::tui::app::App;
use crate::tui::theme::Theme;

/// Below this a chart is a line of text.
pub const MIN_W: u16 = 24;
pub const MIN_H: u16 = 7;

fn fits(area: Rect) -> bool {
    area.width >= MIN_W && area.height >= MIN_H
}

fn block<'a>(t: &Theme, title: &'a str, right: Line<'a>) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(t.border())
        .title(Span::styled(format!(" {title} "), t.title()))
        .title_top(right.alignment(Alignment::Right))
}

/// The marker of a reference line: dots without colour, so it stands apart.
fn reference_marker(t: &Theme) -> Marker {
    if t.color {
        t.charts.line()
    } else {
        Marker::Dot
    }
}

fn line(text: String, style: Style, width: u16) -> Paragraph<'static> {
    Paragraph::new(Line::from(Span::styled(
        fit(&text, usize::from(width)),
        style,
    )))
}

/// The burn-up and the velocity side by side (stacked when narrow; the
/// velocity as a line when there is room for one chart only).
pub fn panel(frame: &mut Frame, area: Rect, app: &App, sprint: usize) {
    if area.height == 0 {
        return;
    }
    if area.width >= 2 * MIN_W + 20 && area.height >= MIN_H {
        let [b, v] = Layout::horizontal([Constraint::Percentage(60), Constraint::Percentage(40)])
            .areas(area);
        burnup(frame, b, app, sprint);
        velocity(frame, v, app);
    } else if area.height >= 2 * MIN_H {
        let [b, v] =
            Layout::vertical([Constraint::Percentage(60), Constraint::Percentage(40)]).areas(area);
        burnup(frame, b, app, sprint);
        velocity(frame, v, app);
    } else if area.height > MIN_H && fits(area) {
        let [b, v] = Layout::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(area);
        burnup(frame, b, app, sprint);
        velocity(frame, v, app);
    } else {
        let [b, v] = Layout::vertical([Constraint::Length(1), Constraint::Length(1)]).areas(area);
        burnup(frame, b, app, sprint);
        velocity(frame, v, app);
    }
}

/// One line: "Burn-up: 5/20 pts done, ideal 8, scope +3 −2" (the ideal
/// as of the last day shown: today, or the end).
pub fn burnup_summary(app: &App, sprint: usize) -> String {
    let plan = app.plan();
    let Some(s) = plan.sprints.get(sprint) else {
        return "Burn-up: no sprint".to_owned();
    };
    let Some(b) = app.cache.charts.burnup(plan, app.today, sprint) else {
        return match s.state {
            SprintState::Cancelled => "Burn-up: cancelled, no burn-up".to_owned(),
            _ => "Burn-up: no burn-up until the sprint starts".to_owned(),
        };
    };
    let (scope, done) = b.burnup.latest();
    let last = b.burnup.days.last().map_or(b.burnup.start, |d| d.date);
    let mut text = format!(
        "Burn-up: {done}/{scope} pts done, ideal {}",
        num(b.burnup.ideal(last).round()),
    );
    let added: i64 = b.burnup.changes.iter().map(|c| c.1.max(0)).sum();
    let removed: i64 = b.burnup.changes.iter().map(|c| c.1.min(0)).sum();
    if added != 0 || removed != 0 {
        text.push_str(&format!(", scope +{added} −{}", -removed));
    }
    text
}

pub fn burnup(frame: &mut Frame, area: Rect, app: &App, sprint: usize) {
    let t = &app.theme;
    let plan = app.plan();
    let series = app.cache.charts.burnup(plan, app.today, sprint);
    let (Some(b), true) = (series, fits(area)) else {
        if fits(area) {
            let blk = block(t, "Burn-up", Line::default());
            let inner = blk.inner(area);
            frame.render_widget(blk, area);
            let text = burnup_summary(app, sprint);
            let text = text.strip_prefix("Burn-up: ").unwrap_or(&text).to_owned();
            frame.render_widget(line(text, t.dim(), inner.width), inner);
        } else {
            frame.render_widget(line(burnup_summary(app, sprint), t.dim(), area.width), area);
        }
        return;
    };
    let (scope, done) = b.burnup.latest();
    // The legend in the border, where it never hides a line.
    let mut right = vec![
        Span::styled(" scope", t.series_scope()),
        Span::styled(" done", t.series_done()),
        Span::styled(" ideal", t.series_reference()),
    ];
    if area.width >= 50 {
        right.push(Span::styled(
            format!(" · {done}/{scope} pts done "),
            t.dim(),
        ));
    } else {
        right.push(Span::raw(" "));
    }
    let right = Line::from(right);
    // The ideal first: the real lines are drawn over it.
    let datasets = vec![
        Dataset::default()
            .name("ideal")
            .marker(reference_marker(t))
            .graph_type(GraphType::Line)
            .style(t.series_reference())
            .data(&b.ideal),
        Dataset::default()
            .name("scope")
            .marker(t.charts.line())
            .graph_type(GraphType::Line)
            .style(t.series_scope())
            .data(&b.scope),
        Dataset::default()
            .name("done")
            .marker(t.charts.line())
            .graph_type(GraphType::Line)
            .style(t.series_done())
            .data(&b.done),
    ];
    let start = b.burnup.start;
    let x_labels = date_labels(start, b.burnup.end, area.width);
    let chart = Chart::new(datasets)
        .block(block(t, "Burn-up", right))
        .x_axis(
            Axis::default()
                .bounds([0.0, b.x_max])
                .labels(x_labels)
                .style(t.dim()),
        )
        .y_axis(
            Axis::default()
                .bounds([0.0, b.y_max])
                .labels(axis_labels(b.y_max))
                .style(t.dim()),
        )
        .legend_position(None);
    frame.render_widget(chart, area);
}

/// 0, the middle when it is a whole number, and the top.
fn axis_labels(top: f64) -> Vec<String> {
    let mid = top / 2.0;
    if mid.fract() == 0.0 {
        vec!["0".to_owned(), num(mid), num(top)]
    } else {
        vec!["0".to_owned(), num(top)]
    }
}

/// The first and last day ("11-16", "11-27"), and the middle one when wide.
fn date_labels(start: NaiveDate, end: NaiveDate, width: u16) -> Vec<String> {
    let f = |d: NaiveDate| d.format("%m-%d").to_string();
    if width >= 40 && end > start {
        let mid = start + Duration::days((end - start).num_days() / 2);
        vec![f(start), f(mid), f(end)]
    } else {
        vec![f(start), f(end)]
    }
}

/// One line: "Velocity: 3.3 pts (mean of last 3)", the velocity the
/// capacity suggestion uses.
pub fn velocity_summary(app: &App) -> String {
    let v = app.cache.charts.velocity(app.plan());
    match v.mean {
        None => "Velocity: no sprint closed yet".to_owned(),
        Some(mean) => format!(
            "Velocity: {} pts (mean of last {})",
            num(mean.rounded()),
            mean.sprints
        ),
    }
}

pub fn velocity(frame: &mut Frame, area: Rect, app: &App) {
    let t = &app.theme;
    let v = app.cache.charts.velocity(app.plan());
    let (Some(mean), true) = (v.mean, fits(area)) else {
        if fits(area) {
            let blk = block(t, "Velocity", Line::default());
            let inner = blk.inner(area);
            frame.render_widget(blk, area);
            let text = "no sprint closed yet: velocity comes with the first close".to_owned();
            frame.render_widget(
                Paragraph::new(text)
                    .style(t.dim())
                    .wrap(ratatui::widgets::Wrap { trim: true }),
                inner,
            );
        } else {
            frame.render_widget(line(velocity_summary(app), t.dim(), area.width), area);
        }
        return;
    };
    // The title says "Velocity": the mean beside it as "3.3 (last 3)".
    let mean = format!(" {} (last {}) ", num(mean.rounded()), mean.sprints);
    // The title first: the legend only where both fit.
    let right = if area.width >= 44 {
        Line::from(vec![
            Span::styled(" committed", t.series_reference()),
            Span::styled(" done", t.series_done()),
            Span::styled(format!(" ·{mean}"), t.dim()),
        ])
    } else {
        Line::from(Span::styled(mean, t.dim()))
    };
    let n = v.sprints.len().max(1) as u16;
    let inner_w = area.width.saturating_sub(2);
    // Two bars per sprint and a gap between sprints.
    let bar_w = ((inner_w + 1) / n).saturating_sub(1) / 2;
    let bar_w = bar_w.clamp(1, 5);
    let top = v
        .sprints
        .iter()
        .map(|r| r.committed.max(r.completed))
        .max()
        .unwrap_or(1)
        .max(1);
    let mut chart = BarChart::default()
        .block(block(t, "Velocity", right))
        .bar_width(bar_w)
        .bar_gap(0)
        .group_gap(1)
        .max(u64::from(top))
        .value_style(t.tab_active())
        .label_style(t.dim());
    // A value label fills its bar when it is as wide as it: two bars side
    // by side would read as one number ("1911"), so narrow bars go without.
    let values_fit = top.to_string().len() < usize::from(bar_w);
    let bar = |value: u32| {
        let b = Bar::default().value(u64::from(value));
        if values_fit { b } else { b.text_value("") }
    };
    for r in &v.sprints {
        let label = r.name.rsplit(' ').next().unwrap_or(&r.name);
        let label = fit(label, usize::from(bar_w * 2));
        let bars = [
            bar(r.committed).style(t.series_reference()),
            bar(r.completed).style(t.series_done()),
        ];
        chart = chart.data(BarGroup::default().label(Line::from(label)).bars(&bars));
    }
    frame.render_widget(chart, area);
}

/// One line: "Trend: 42 now, expected 50 by today, target 80".
pub fn trend_summary(app: &App, kr: usize) -> String {
    let Some(k) = app.plan().key_results.get(kr) else {
        return String::new();
    };
    let now = num(k.current_at(app.today));
    match (k.target, k.due) {
        (Some(target), Some(due)) if due > k.start => {
            let span = (due - k.start).num_days() as f64;
            let at = ((app.today - k.start).num_days() as f64).clamp(0.0, span);
            let expected = k.baseline + (target - k.baseline) * at / span;
            format!(
                "Trend: {now} now, expected {} by today, target {}",
                num((expected * 10.0).round() / 10.0),
                num(target)
            )
        }
        (Some(target), _) => format!("Trend: {now} now, target {}", num(target)),
        _ => format!("Trend: {now} now, no target"),
    }
}

pub fn trend(frame: &mut Frame, area: Rect, app: &App, kr: usize) {
    let t = &app.theme;
    let series = app.cache.charts.trend(app.plan(), app.today, kr);
    let (Some(s), true) = (series, fits(area)) else {
        frame.render_widget(line(trend_summary(app, kr), t.dim(), area.width), area);
        return;
    };
    // The check-ins last, drawn over the reference lines.
    let mut datasets = Vec::with_capacity(3);
    if let Some(target) = &s.target {
        datasets.push(
            Dataset::default()
                .name("target")
                .marker(reference_marker(t))
                .graph_type(GraphType::Line)
                .style(t.series_done())
                .data(target),
        );
    }
    if let Some(expected) = &s.expected {
        datasets.push(
            Dataset::default()
                .name("expected")
                .marker(reference_marker(t))
                .graph_type(GraphType::Line)
                .style(t.series_reference())
                .data(expected),
        );
    }
    datasets.push(
        Dataset::default()
            .name("check-ins")
            .marker(t.charts.line())
            .graph_type(GraphType::Line)
            .style(t.series_scope())
            .data(&s.values),
    );
    let mut right = vec![Span::styled(" check-ins", t.series_scope())];
    if s.target.is_some() {
        right.push(Span::styled(" target", t.series_done()));
    }
    if s.expected.is_some() {
        right.push(Span::styled(" expected", t.series_reference()));
    }
    right.push(Span::raw(" "));
    let right = Line::from(right);
    let chart = Chart::new(datasets)
        .block(block(t, "Trend", right))
        .x_axis(
            Axis::default()
                .bounds([0.0, s.x_max])
                .labels(date_labels(s.start, s.end, area.width))
                .style(t.dim()),
        )
        .y_axis(
            Axis::default()
                .bounds([s.y_min, s.y_max])
                .labels(vec![num(round(s.y_min)), num(round(s.y_max))])
                .style(t.dim()),
        )
        .legend_position(None);
    frame.render_widget(chart, area);
}

/// One decimal at most, for an axis label.
fn round(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}
