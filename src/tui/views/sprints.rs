//! Sprints: the list with window, state and capacity use; below it the
//! selected sprint's items and the candidates (open debt in no open sprint,
//! best first).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::grid::{self, Width};
use super::{bar, charts, fit, sprint_load};
use crate::model::Sprint;
use crate::planning;
use crate::text::{count, display_width};
use crate::tui::app::{App, SprintFocus};
use crate::tui::sprint_ops;

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let list_h = (app.cache.sprint_rows.len() as u16 + 1).clamp(2, (area.height / 2).max(2));
    let [list, rest] =
        Layout::vertical([Constraint::Length(list_h), Constraint::Min(0)]).areas(area);
    draw_list(frame, list, app);
    let charts_below = app.sprint.charts || (rest.width >= 70 && rest.height >= 24);
    if rest.height < 3 {
        return;
    }
    let Some(si) = app.selected_sprint_index() else {
        return;
    };
    if app.sprint.charts {
        charts::panel(frame, rest, app, si);
        return;
    }
    // Room to spare: the charts below the panes.
    let rest = if rest.width >= 70 && rest.height >= 24 {
        let chart_h = (rest.height * 2 / 5).clamp(charts::MIN_H + 3, 16);
        let [panes, below] =
            Layout::vertical([Constraint::Min(0), Constraint::Length(chart_h)]).areas(rest);
        charts::panel(frame, below, app, si);
        panes
    } else {
        rest
    };
    if rest.width >= 70 {
        let [items, cands] =
            Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
                .areas(rest);
        draw_items(frame, items, app, si, charts_below);
        draw_candidates(frame, cands, app);
    } else if app.sprint.focus == SprintFocus::Candidates {
        draw_candidates(frame, rest, app);
    } else {
        draw_items(frame, rest, app, si, charts_below);
    }
}

fn draw_list(frame: &mut Frame, area: Rect, app: &App) {
    let t = &app.theme;
    if app.cache.sprint_rows.is_empty() {
        frame.render_widget(
            Paragraph::new("No sprints yet: `bearing sprint new` creates one.").style(t.dim()),
            area,
        );
        return;
    }
    let height = usize::from(area.height.saturating_sub(1));
    let cursor = &app.sprint.cursor;
    let offset = cursor.visible_offset(height, app.cache.sprint_rows.len());
    super::register_rows(app, area, offset);
    let wide = area.width >= 80;
    // Full dates when there is room, month-day otherwise.
    let long_dates = area.width >= 100;
    let mut names = vec!["sprint", "window", "state", "capacity"];
    let window_w = if long_dates { 23 } else { 13 };
    // Room for "active, ended 12 days ago — close it" when the screen has
    // it; the selected sprint's pane says it in full.
    let state_w = app
        .cache
        .sprint_rows
        .iter()
        .map(|&i| display_width(&state(&app.plan().sprints[i], app)))
        .max()
        .unwrap_or(0)
        .clamp(15, usize::from(area.width / 4).max(15)) as u16;
    // In a narrow pane the name comes first, then the id; the window gives
    // way before either (the selected sprint's pane shows it), and the
    // gauge shrinks to its numbers.
    let gauge_w: u16 = if area.width >= 60 { 18 } else { 7 };
    let mut avail = area.width.saturating_sub(state_w + 1 + gauge_w + 1);
    let show_id = wide || avail >= MIN_NAME + 8;
    if show_id {
        avail = avail.saturating_sub(8);
    }
    let show_window = wide || avail > MIN_NAME + window_w;
    let mut spec: Vec<Width> = vec![None, Some(window_w), Some(state_w), Some(gauge_w)];
    if gauge_w < 18 {
        names[3] = "points";
    }
    if !show_window {
        names.remove(1);
        spec.remove(1);
    }
    if show_id {
        names.insert(1, "id");
        spec.insert(1, Some(7));
    }
    let widths = grid::widths(&spec, area.width);
    let mut lines = vec![grid::header(&names, &widths, t.header())];
    for (pos, &i) in app
        .cache
        .sprint_rows
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
    {
        let s = &app.plan().sprints[i];
        let used = app.plan().effort_of(&s.items);
        let over = used > s.capacity;
        let ratio = f64::from(used) / f64::from(s.capacity.max(1));
        let gauge = if gauge_w >= 18 {
            vec![
                Span::styled(bar(ratio, 10), t.gauge(over)),
                Span::styled(format!(" {used}/{}", s.capacity), t.gauge(over)),
            ]
        } else {
            vec![Span::styled(
                format!("{used}/{}", s.capacity),
                t.gauge(over),
            )]
        };
        let state_cell = if s.timing(app.today).is_late() {
            vec![Span::styled(state(s, app), t.error())]
        } else {
            grid::text(state(s, app))
        };
        let mut cells = vec![grid::text(fit(&s.name, 60))];
        if show_id {
            cells.push(grid::text(s.id.clone()));
        }
        if show_window {
            cells.push(grid::text(window(s, long_dates)));
        }
        cells.push(state_cell);
        cells.push(gauge);
        let style = if pos == cursor.selected {
            t.selected()
        } else {
            t.text()
        };
        lines.push(grid::row(cells, &widths, style));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// The narrowest the sprint name gets before the id and window give way.
const MIN_NAME: u16 = 14;

fn window(s: &Sprint, long: bool) -> String {
    if long {
        format!("{} → {}", s.start, s.end)
    } else {
        format!("{} → {}", s.start.format("%m-%d"), s.end.format("%m-%d"))
    }
}

/// "active, 3 days left", "active, ended 2 days ago — close it",
/// "planned, starts in 1 day", "closed 2026-11-27".
fn state(s: &Sprint, app: &App) -> String {
    s.state_line(app.today)
}

fn focus_title(app: &App, pane: SprintFocus, text: String) -> Span<'static> {
    let t = &app.theme;
    if app.sprint.focus == pane {
        Span::styled(format!("▶{text}"), t.tab_active())
    } else {
        Span::styled(text, t.title())
    }
}

/// The selected sprint's items under its gauge, score, people's load and
/// (when the charts are not on screen) the burn-up in one line.
fn draw_items(frame: &mut Frame, area: Rect, app: &App, si: usize, charts_shown: bool) {
    let s = &app.plan().sprints[si];
    let t = &app.theme;
    let used = app.plan().effort_of(&s.items);
    let over = used > s.capacity;
    let block = Block::default()
        .borders(Borders::TOP)
        .border_style(t.border())
        .title(focus_title(
            app,
            SprintFocus::Items,
            format!(
                " {} · {} · {} · {used} pts ",
                fit(&s.name, 30),
                s.timing(app.today),
                count(s.items.len(), "item")
            ),
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let w = usize::from(inner.width);
    let mut lines: Vec<Line> = Vec::new();
    let timing = s.timing(app.today);
    if timing.is_late() {
        lines.push(Line::from(Span::styled(
            fit(&timing.to_string(), w),
            t.error(),
        )));
    }
    if !s.goal.is_empty() {
        lines.push(Line::from(Span::styled(fit(&s.goal, w), t.dim())));
    }
    // The rows planning computes (the actions index into the same ones).
    let rows = planning::item_rows(app.plan(), &s.id);
    // Totals from the cached scores: the sprint's few items, never the backlog.
    let indices: Vec<usize> = rows.iter().filter_map(|r| r.debt).collect();
    let score_sum: f64 = indices
        .iter()
        .filter_map(|&i| app.cache.scores.get(i))
        .filter_map(|b| b.score())
        .sum();
    let mut krs: Vec<&str> = indices
        .iter()
        .flat_map(|&i| app.plan().debts[i].key_results.iter().map(String::as_str))
        .collect();
    krs.sort_unstable();
    krs.dedup();
    let ratio = f64::from(used) / f64::from(s.capacity.max(1));
    let mut note = if over {
        format!(" {used}/{} pts, {} over", s.capacity, used - s.capacity)
    } else {
        format!(" {used}/{} pts", s.capacity)
    };
    // Items with no effort: the load is not known, not 0.
    let unknown = app.plan().unestimated_of(&s.items);
    if unknown > 0 {
        note.push_str(&format!(" + {unknown} not estimated"));
    }
    lines.push(Line::from(vec![
        Span::styled(bar(ratio, 12), t.gauge(over)),
        Span::styled(fit(&note, w.saturating_sub(12)), t.gauge(over)),
    ]));
    let velocity = planning::velocity_of(app.plan()).map_or_else(
        || "velocity: no sprint closed yet".to_owned(),
        |v| v.to_string(),
    );
    let krs = if krs.is_empty() {
        "no KRs".to_owned()
    } else {
        krs.join(" ")
    };
    lines.push(Line::from(Span::styled(
        fit(
            &format!(
                "score {} · {velocity} · {krs}",
                crate::text::score(score_sum)
            ),
            w,
        ),
        t.dim(),
    )));
    lines.extend(super::forecast::lines(app, &s.id, w, 2));
    lines.extend(sprint_load::lines(app, si, w));
    if !charts_shown {
        lines.push(Line::from(Span::styled(
            fit(
                &charts::burnup_summary(app, si).replacen("Burn-up:", "Burn-up (c):", 1),
                w,
            ),
            t.dim(),
        )));
    }
    if s.items.is_empty() {
        // The keys only where they work: an open sprint in a writable UI.
        let hint = if s.state.is_open() && !app.read_only() {
            "no items: p auto-plans, t adds the top three, > adds one"
        } else {
            "no items"
        };
        lines.push(Line::from(Span::styled(hint, t.dim())));
    }
    let room = usize::from(inner.height).saturating_sub(lines.len());
    let sel = sprint_ops::item_row(app);
    let offset = sel.saturating_sub(room.saturating_sub(1));
    for (pos, row) in rows.iter().enumerate().skip(offset).take(room) {
        let focused = app.sprint.focus == SprintFocus::Items && pos == sel;
        let id = row.id;
        let line = match row.debt {
            Some(i) => {
                let d = &app.plan().debts[i];
                let rank = app.cache.rank[i].map_or("-".to_owned(), |r| r.to_string());
                let score = app.cache.scores.get(i).and_then(|b| b.score());
                let owner = if d.owner.is_empty() { "-" } else { &d.owner };
                let score = crate::text::debt_score(d, score);
                let effort = crate::text::effort(d.effort);
                let head = format!("{rank:>3} {id} {effort:>3} {score:>5} ");
                let rest = fit(
                    &format!("{} · {} · {}", d.title, fit(owner, 10), d.status.label()),
                    w.saturating_sub(display_width(&head)),
                );
                if focused {
                    Line::from(Span::styled(format!("{head}{rest}"), t.selected()))
                } else {
                    Line::from(vec![
                        Span::styled(head, t.key()),
                        Span::styled(rest, t.debt_status(d.status)),
                    ])
                }
            }
            None => Line::from(Span::styled(format!("{id} (missing)"), t.error())),
        };
        lines.push(line);
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

fn draw_candidates(frame: &mut Frame, area: Rect, app: &App) {
    let t = &app.theme;
    let block = Block::default()
        .borders(Borders::TOP | Borders::LEFT)
        .border_style(t.border())
        .title(focus_title(
            app,
            SprintFocus::Candidates,
            format!(" Candidates ({}) ", app.cache.candidates.len()),
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let w = usize::from(inner.width);
    let room = usize::from(inner.height);
    let sel = sprint_ops::candidate_row(app);
    let offset = sel.saturating_sub(room.saturating_sub(1));
    let lines: Vec<Line> = app
        .cache
        .candidates
        .iter()
        .enumerate()
        .skip(offset)
        .take(room)
        .map(|(pos, &i)| {
            let d = &app.plan().debts[i];
            let score = app.cache.scores.get(i).and_then(|b| b.score());
            let score = score.map_or_else(|| "  ?  ".to_owned(), |s| format!("{s:>5.2}"));
            let line = Line::from(vec![
                Span::styled(format!("{} ", d.id), t.key()),
                Span::raw(format!("{score} {:>3} ", crate::text::effort(d.effort))),
                Span::raw(fit(&d.title, w.saturating_sub(18))),
            ]);
            if app.sprint.focus == SprintFocus::Candidates && pos == sel {
                line.style(t.selected())
            } else {
                line
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
