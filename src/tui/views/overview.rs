//! The overview: the whole North Star (wrapped), objectives with their
//! key-result gauges and health, the top of the debt ranking, the active
//! sprint, stale experiments and every error and warning of `bearing check`.
//! Its rows are selectable (`tui::overview`); each column scrolls to keep
//! the selected row in view.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::wrap::wrap;
use super::{bar, fit, heading};
use crate::model::{Health, Severity};
use crate::text::{display_width, sanitize};
use crate::tui::app::{App, KrRow};
use crate::tui::overview::{self, Row};

/// A line of a column: fixed text, or a selectable row drawn on demand
/// (a plan with thousands of findings draws only the ones in view).
enum Item {
    Text(Line<'static>),
    Row(Row),
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let rows = overview::rows(app);
    let selected = overview::selected(app, &rows);
    let north = north_star(app, usize::from(area.width));
    // The whole North Star, leaving the lists at least a few lines.
    let room = usize::from(area.height).saturating_sub(4).max(1);
    let top_h = u16::try_from(north.len().min(room) + 1).unwrap_or(u16::MAX);
    let [top, rest] = Layout::vertical([Constraint::Length(top_h), Constraint::Min(0)]).areas(area);
    frame.render_widget(Paragraph::new(north), top);
    // A selected finding is shown whole at the foot.
    let foot = finding_detail(app, selected, usize::from(area.width));
    let foot_h = u16::try_from(foot.len() + usize::from(!foot.is_empty())).unwrap_or(0);
    let [rest, bottom] =
        Layout::vertical([Constraint::Min(0), Constraint::Length(foot_h)]).areas(rest);
    if !foot.is_empty() {
        let mut lines = vec![Line::from(Span::styled(
            "─".repeat(usize::from(area.width)),
            app.theme.dim(),
        ))];
        lines.extend(foot);
        frame.render_widget(Paragraph::new(lines), bottom);
    }
    if rest.width >= 70 {
        let [left, right] =
            Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
                .spacing(2)
                .areas(rest);
        column(frame, left, app, objectives(app), selected);
        let mut items = top_debt(app);
        items.extend(sprint(app, usize::from(right.width)));
        items.extend(stale(app, &rows));
        items.extend(warnings(app, &rows));
        column(frame, right, app, items, selected);
    } else {
        // One column, in the order j/k walk the rows.
        let w = usize::from(rest.width);
        let mut items = objectives(app);
        items.push(Item::Text(Line::from("")));
        items.extend(top_debt(app));
        items.extend(sprint(app, w));
        items.extend(stale(app, &rows));
        items.extend(warnings(app, &rows));
        column(frame, rest, app, items, selected);
    }
}

/// The North Star wrapped at word boundaries, "North Star" before it.
fn north_star(app: &App, width: usize) -> Vec<Line<'static>> {
    let t = &app.theme;
    if app.plan().north_star.trim().is_empty() {
        return vec![Line::from(Span::styled("No North Star yet", t.dim()))];
    }
    const LABEL: &str = "North Star  ";
    let indent = LABEL.len();
    // Each paragraph (and line) as written, wrapped on its own.
    let text = app.plan().north_star.trim().replace("\r\n", "\n");
    let wrapped: Vec<String> = text
        .split(['\n', '\r'])
        .flat_map(|para| wrap(&sanitize(para), width.saturating_sub(indent).max(1)))
        .collect();
    wrapped
        .into_iter()
        .enumerate()
        .map(|(n, part)| {
            let lead = if n == 0 {
                Span::styled(LABEL, t.heading())
            } else {
                Span::raw(" ".repeat(indent))
            };
            Line::from(vec![lead, Span::styled(part, t.title())])
        })
        .collect()
}

/// Draws `items` in `area`, scrolled so the selected row is in view.
fn column(frame: &mut Frame, area: Rect, app: &App, items: Vec<Item>, selected: Option<Row>) {
    let height = usize::from(area.height);
    let width = usize::from(area.width);
    let at = items
        .iter()
        .position(|i| matches!(i, Item::Row(r) if Some(*r) == selected));
    // Keep the selected row in view, with the line above it (its heading
    // when it is the first of a section).
    let offset = at.map_or(0, |p| (p + 2).saturating_sub(height).min(p));
    let lines: Vec<Line> = items
        .into_iter()
        .skip(offset)
        .take(height)
        .map(|item| match item {
            Item::Text(line) => line,
            Item::Row(row) => {
                let line = row_line(app, row, width);
                if Some(row) == selected {
                    line.style(app.theme.selected())
                } else {
                    line
                }
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}

fn row_line(app: &App, row: Row, width: usize) -> Line<'static> {
    match row {
        Row::Kr(n) => kr_line(app, n, width),
        Row::Debt(n, i) => debt_line(app, n, i, width),
        Row::Sprint(i) => sprint_line(app, i, width),
        Row::Stale(i) => stale_line(app, i, width),
        Row::Finding(i) => finding_line(app, i, width),
    }
}

fn objectives(app: &App) -> Vec<Item> {
    let t = &app.theme;
    let mut items = vec![Item::Text(heading("Objectives", t.heading()))];
    if app.plan().objectives.is_empty() {
        items.push(Item::Text(Line::from(Span::styled("none yet", t.dim()))));
    }
    items.extend((0..app.cache.kr_rows.len()).map(|n| Item::Row(Row::Kr(n))));
    items
}

fn kr_line(app: &App, n: usize, width: usize) -> Line<'static> {
    let t = &app.theme;
    match app.cache.kr_rows.get(n).copied() {
        Some(KrRow::Objective(oi)) => Line::from(Span::styled(
            fit(&app.plan().objectives[oi].title, width),
            t.title(),
        )),
        Some(KrRow::Kr(ki)) => {
            let kr = &app.plan().key_results[ki];
            let health = kr.health(app.today, &app.plan().health);
            let progress = kr.progress(app.today);
            let pct = progress.map_or_else(
                || "   –".to_owned(),
                |p| format!("{:>4}", crate::text::percent(p)),
            );
            let label = health.map_or("no target", Health::label);
            let used = 8 + 1 + 4 + 1 + 10;
            Line::from(vec![
                Span::styled(bar(progress.unwrap_or(0.0), 8), t.health(health)),
                Span::raw(format!(" {pct} ")),
                Span::styled(format!("{label:<9} "), t.health(health)),
                Span::raw(fit(&kr.title, width.saturating_sub(used))),
            ])
        }
        Some(KrRow::Orphans) | None => Line::from(Span::styled("(no objective)", t.dim())),
    }
}

fn top_debt(app: &App) -> Vec<Item> {
    let t = &app.theme;
    let mut items = vec![Item::Text(heading("Top debt", t.heading()))];
    if app.cache.ranking.is_empty() {
        items.push(Item::Text(Line::from(Span::styled(
            "nothing open",
            t.dim(),
        ))));
    }
    for (n, &i) in app
        .cache
        .ranked()
        .iter()
        .take(overview::TOP_DEBT)
        .enumerate()
    {
        items.push(Item::Row(Row::Debt(n, i)));
    }
    // The queue, when there is one, and the key that empties it.
    let queue = app.cache.triage_queue().len();
    if queue > 0 {
        items.push(Item::Text(Line::from(Span::styled(
            format!(
                "{} to triage (no effort, not ranked){}",
                crate::text::count(queue, "item"),
                // Read-only: no key that edits is offered.
                if app.read_only() {
                    ""
                } else {
                    " — t triages them"
                }
            ),
            t.warn(),
        ))));
    }
    items.push(Item::Text(Line::from("")));
    items
}

fn debt_line(app: &App, n: usize, i: usize, width: usize) -> Line<'static> {
    let t = &app.theme;
    let d = &app.plan().debts[i];
    let score = app.cache.scores.get(i).and_then(|b| b.score());
    let score = format!(" {}", crate::text::score_or_triage(score));
    let head = format!("{}. {} ", n + 1, d.id);
    let room = width.saturating_sub(head.chars().count() + score.len());
    Line::from(vec![
        Span::styled(head, t.key()),
        Span::raw(format!("{:<room$}", fit(&d.title, room))),
        Span::styled(score, t.title()),
    ])
}

fn sprint(app: &App, width: usize) -> Vec<Item> {
    let t = &app.theme;
    let mut items = vec![Item::Text(heading("Active sprint", t.heading()))];
    let Some(i) = overview::active_sprint(app) else {
        items.push(Item::Text(Line::from(Span::styled(
            "no sprint running",
            t.dim(),
        ))));
        items.push(Item::Text(Line::from("")));
        return items;
    };
    let s = &app.plan().sprints[i];
    items.push(Item::Row(Row::Sprint(i)));
    let used = app.plan().effort_of(&s.items);
    let over = used > s.capacity;
    let ratio = f64::from(used) / f64::from(s.capacity.max(1));
    items.push(Item::Text(Line::from(vec![
        Span::styled(bar(ratio, 12), t.gauge(over)),
        Span::styled(
            format!(
                " {used}/{} pts{}",
                s.capacity,
                if over { " OVER" } else { "" }
            ),
            t.gauge(over),
        ),
    ])));
    items.extend(
        super::forecast::lines(app, &s.id, width, 3)
            .into_iter()
            .map(Item::Text),
    );
    if !s.goal.is_empty() {
        items.push(Item::Text(Line::from(Span::styled(
            fit(&s.goal, width),
            t.dim(),
        ))));
    }
    items.push(Item::Text(Line::from("")));
    items
}

fn sprint_line(app: &App, i: usize, width: usize) -> Line<'static> {
    let s = &app.plan().sprints[i];
    let timing = s.timing(app.today);
    let head = fit(&format!("{} {} · {timing}", s.id, s.name), width);
    Line::from(if timing.is_late() {
        Span::styled(head, app.theme.error())
    } else {
        Span::raw(head)
    })
}

/// The stale experiments among `rows`.
fn stale(app: &App, rows: &[Row]) -> Vec<Item> {
    let t = &app.theme;
    let stale: Vec<Row> = rows
        .iter()
        .filter(|r| matches!(r, Row::Stale(_)))
        .copied()
        .collect();
    let mut items = vec![Item::Text(heading(
        format!("Stale experiments ({})", stale.len()),
        t.heading(),
    ))];
    items.extend(stale.into_iter().map(Item::Row));
    items.push(Item::Text(Line::from("")));
    items
}

fn stale_line(app: &App, i: usize, width: usize) -> Line<'static> {
    let t = &app.theme;
    let h = &app.plan().hypotheses[i];
    let late = h.review_by.map_or(0, |d| (app.today - d).num_days());
    Line::from(vec![
        Span::styled(format!("{} ", h.id), t.warn()),
        Span::raw(fit(
            &format!("{} · review {late}d overdue", h.title),
            width.saturating_sub(h.id.len() + 1),
        )),
    ])
}

/// Errors apart from warnings (`rows` has the errors first), each listed.
fn warnings(app: &App, rows: &[Row]) -> Vec<Item> {
    let t = &app.theme;
    let found = app.findings();
    let (errors, warnings): (Vec<usize>, Vec<usize>) = rows
        .iter()
        .filter_map(|r| match r {
            Row::Finding(i) => Some(*i),
            _ => None,
        })
        .partition(|&i| found[i].severity == Severity::Error);
    let mut items = Vec::new();
    if !errors.is_empty() {
        items.push(Item::Text(heading(
            format!("Errors ({})", errors.len()),
            t.heading(),
        )));
        items.extend(errors.into_iter().map(|i| Item::Row(Row::Finding(i))));
        items.push(Item::Text(Line::from("")));
    }
    items.push(Item::Text(heading(
        format!("Warnings ({})", warnings.len()),
        t.heading(),
    )));
    if warnings.is_empty() && items.len() == 1 {
        items.push(Item::Text(Line::from(Span::styled(
            "bearing check is clean",
            t.ok(),
        ))));
    }
    items.extend(warnings.into_iter().map(|i| Item::Row(Row::Finding(i))));
    items
}

fn finding_line(app: &App, i: usize, width: usize) -> Line<'static> {
    let t = &app.theme;
    let Some(finding) = app.findings().get(i) else {
        return Line::from("");
    };
    let style: Style = if finding.severity == Severity::Error {
        t.error()
    } else {
        t.warn()
    };
    // What is wrong first, then the item: a cut line still says the rule.
    let rule = format!("{}: ", finding.rule.name());
    Line::from(vec![
        Span::styled(fit(&rule, width), style),
        Span::raw(fit(
            &format!("{} · {}", finding.message, finding.id),
            width.saturating_sub(display_width(&rule)),
        )),
    ])
}

/// The selected finding in full, wrapped, for the foot of the overview.
fn finding_detail(app: &App, row: Option<Row>, width: usize) -> Vec<Line<'static>> {
    let Some(Row::Finding(i)) = row else {
        return Vec::new();
    };
    let Some(f) = app.findings().get(i) else {
        return Vec::new();
    };
    let text = format!(
        "{} {}: {} · {}",
        f.severity.label(),
        f.rule.name(),
        f.message,
        f.id
    );
    wrap(&sanitize(&text), width.max(1))
        .into_iter()
        .take(4)
        .map(|l| Line::from(Span::styled(l, app.theme.title())))
        .collect()
}
