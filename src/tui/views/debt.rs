//! The debt ranking: a table of the filtered, sorted items with a detail pane
//! that explains the selected item's score term by term.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::grid::{self, Width};
use super::{fit, num};
use crate::model::Debt;
use crate::score::Breakdown;
use crate::text::count;
use crate::tui::action::Rating;
use crate::tui::app::App;

#[derive(Clone, Copy, PartialEq)]
enum Col {
    Rank,
    Id,
    Title,
    Score,
    Effort,
    Owner,
    Area,
    Status,
}

/// Columns that fit: the narrower the terminal, the fewer.
fn columns(width: u16) -> Vec<(Col, &'static str, Width)> {
    use Col::*;
    let all = [
        (Rank, "#", Some(6)),
        (Id, "id", Some(7)),
        (Title, "title", None),
        (Score, "score", Some(6)),
        (Effort, "pts", Some(4)),
        (Owner, "owner", Some(8)),
        (Area, "area", Some(10)),
        (Status, "status", Some(11)),
    ];
    let keep: &[Col] = if width >= 80 {
        &[Rank, Id, Title, Score, Effort, Owner, Area, Status]
    } else if width >= 60 {
        &[Rank, Id, Title, Score, Effort, Status]
    } else if width >= 40 {
        &[Rank, Id, Title, Score]
    } else {
        &[Rank, Title, Score]
    };
    all.into_iter()
        .filter(|(c, _, _)| keep.contains(c))
        .collect()
}

/// From this width the detail pane sits beside the table (which then keeps
/// all its columns); below it, under the table.
const SIDE_PANE_WIDTH: u16 = 130;

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let [info, rest] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    draw_info(frame, info, app);
    // The detail pane goes beside the table when wide, below it when tall.
    let side = rest.width >= SIDE_PANE_WIDTH;
    let (table, detail) = if side {
        let [t, d] = Layout::horizontal([Constraint::Min(60), Constraint::Length(46)]).areas(rest);
        (t, Some(d))
    } else if rest.height >= 18 {
        let [t, d] = Layout::vertical([Constraint::Min(5), Constraint::Length(9)]).areas(rest);
        (t, Some(d))
    } else {
        (rest, None)
    };
    draw_table(frame, table, app);
    if let Some(d) = detail {
        let block = Block::default()
            .borders(if side { Borders::LEFT } else { Borders::TOP })
            .border_style(app.theme.border());
        let inner = block.inner(d);
        frame.render_widget(block, d);
        let lines = match app.selected_debt_index() {
            Some(i) => detail_lines(app, i, usize::from(inner.width)),
            None => vec![Line::from("no item selected")],
        };
        frame.render_widget(Paragraph::new(lines), inner);
    }
}

fn draw_info(frame: &mut Frame, area: Rect, app: &App) {
    let t = &app.theme;
    let filter = app.debt.filter.summary();
    let mut spans = vec![
        Span::styled(count(app.cache.debt_rows.len(), "item"), t.title()),
        Span::raw(format!(
            " · sort {}{}",
            app.debt.sort.label(),
            if app.debt.descending { " ↓" } else { "" }
        )),
    ];
    if !filter.is_empty() {
        spans.push(Span::styled(format!(" · {filter}"), t.warn()));
    }
    spans.push(Span::styled(
        format!(" · +/- {} (r)", app.debt.rating.label()),
        t.dim(),
    ));
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn draw_table(frame: &mut Frame, area: Rect, app: &App) {
    let cols = columns(area.width);
    let t = &app.theme;
    let height = usize::from(area.height.saturating_sub(1));
    let rows = &app.cache.debt_rows;
    let cursor = &app.debt.cursor;
    let offset = cursor.visible_offset(height, rows.len());
    super::register_rows(app, area, offset);
    if rows.is_empty() {
        let msg = if app.plan().debts.is_empty() && app.read_only() {
            "No debt yet."
        } else if app.plan().debts.is_empty() {
            "No debt yet: a adds an item."
        } else {
            "No item matches the filter: f changes it."
        };
        frame.render_widget(Paragraph::new(msg).style(t.dim()), area);
        return;
    }
    let spec: Vec<Width> = cols.iter().map(|(_, _, w)| *w).collect();
    let widths = grid::widths(&spec, area.width);
    let names: Vec<&str> = cols.iter().map(|(_, h, _)| *h).collect();
    let mut lines = vec![grid::header(&names, &widths, t.header())];
    for (pos, &i) in rows.iter().enumerate().skip(offset).take(height) {
        let d = &app.plan().debts[i];
        let b = app.cache.scores.get(i);
        let cells = cols
            .iter()
            .map(|(c, _, _)| grid::text(cell(app, *c, i, d, b)))
            .collect();
        let style = if pos == cursor.selected {
            t.selected()
        } else {
            t.debt_status(d.status)
        };
        lines.push(grid::row(cells, &widths, style));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

fn cell(app: &App, col: Col, i: usize, d: &Debt, b: Option<&Breakdown>) -> String {
    match col {
        Col::Rank => super::links::rank_cell(app, i, b),
        Col::Id => d.id.clone(),
        Col::Title => fit(&d.title, 300),
        Col::Score => b.map_or_else(String::new, |b| crate::text::debt_score(d, b.score())),
        Col::Effort => crate::text::effort(d.effort),
        Col::Owner => fit(&d.owner, 8),
        Col::Area => fit(&d.area, 10),
        Col::Status => d.status.label().to_owned(),
    }
}

/// The selected item: its fields and its score, term by term.
pub fn detail_lines(app: &App, i: usize, width: usize) -> Vec<Line<'static>> {
    let t = &app.theme;
    let d = &app.plan().debts[i];
    let w = &app.plan().weights;
    let mut lines = vec![Line::from(vec![
        Span::styled(format!("{} ", d.id), t.key()),
        Span::styled(fit(&d.title, width.saturating_sub(8)), t.title()),
    ])];
    let mut facts = vec![
        d.status.label().to_owned(),
        d.effort.map_or_else(
            || "not estimated".to_owned(),
            |e| crate::text::count(e, "pt"),
        ),
    ];
    if let Some(due) = d.due {
        facts.push(format!("due {due}"));
    }
    if !d.owner.is_empty() {
        facts.push(format!("owner {}", fit(&d.owner, 20)));
    }
    if !d.area.is_empty() {
        facts.push(format!("area {}", fit(&d.area, 20)));
    }
    if !d.tags.is_empty() {
        facts.push(format!("tags {}", fit(&d.tags.join(", "), 30)));
    }
    lines.push(Line::from(fit(&facts.join(" · "), width)));
    let Some(b) = app.cache.scores.get(i) else {
        return lines;
    };
    let ratings = [
        Rating::Customer,
        Rating::Delivery,
        Rating::Risk,
        Rating::Urgency,
    ];
    // Narrow pane: a term per line; wide: the four ratings on one line.
    // Either way rating × weight = term, as `rank --explain` and exports say.
    let stacked = width < 60;
    let mut row = Vec::new();
    for (r, term) in ratings.iter().zip(b.rated(d, w)) {
        let focus = *r == app.debt.rating;
        let text = if stacked {
            format!("{:<9}{}", r.label(), term.formula())
        } else {
            format!("{} {}  ", r.label(), term.compact())
        };
        let span = if focus {
            Span::styled(text, t.key())
        } else {
            Span::raw(text)
        };
        if stacked {
            lines.push(Line::from(span));
        } else {
            row.push(span);
        }
    }
    if !stacked {
        lines.push(Line::from(row));
    }
    lines.push(Line::from(format!(
        "kr pressure {} ({} at risk, {} off track)",
        num(b.kr_pressure),
        b.krs_at_risk,
        b.krs_off_track
    )));
    lines.extend(super::links::pressure_lines(app, i, b, width));
    lines.push(Line::from(vec![
        Span::raw(format!(
            "cost of delay {} / effort {} = ",
            num(b.cost_of_delay()),
            crate::text::effort(b.effort)
        )),
        Span::styled(crate::text::score_or_triage(b.score()), t.title()),
        Span::raw(match app.cache.rank[i] {
            Some(r) => format!("  rank {r} of {}", app.cache.ranking.len()),
            None => String::new(),
        }),
    ]));
    if !d.key_results.is_empty() {
        lines.push(Line::from(fit(
            &format!("key results: {}", d.key_results.join(", ")),
            width,
        )));
    }
    if let Some(s) = app.plan().open_sprint_of(&d.id) {
        lines.push(Line::from(fit(
            &format!("in sprint {} {}", s.id, s.name),
            width,
        )));
    }
    if !d.description.is_empty() {
        lines.push(Line::from(fit(&d.description, width)).style(t.dim()));
    }
    lines
}
