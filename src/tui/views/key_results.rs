//! Objectives with their key results: progress gauge, health, a sparkline of
//! check-ins, current / target and unit, due date.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Row, Table};

use super::{bar, fit, num, sparkline};
use crate::model::{Health, KeyResult};
use crate::tui::action::View;
use crate::tui::app::{App, KrRow};

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let t = &app.theme;
    let rows = &app.cache.kr_rows;
    if rows.is_empty() {
        frame.render_widget(
            Paragraph::new("No objectives yet: a adds one.").style(t.dim()),
            area,
        );
        return;
    }
    let wide = area.width >= 100;
    let mid = area.width >= 70;
    let height = usize::from(area.height.saturating_sub(1));
    let cursor = &app.cursors[View::KeyResults.index()];
    let offset = cursor.visible_offset(height, rows.len());
    {
        let mut hits = app.hits.borrow_mut();
        hits.rows = Some((
            Rect::new(
                area.x,
                area.y + 1,
                area.width,
                area.height.saturating_sub(1),
            ),
            offset,
        ));
        hits.row_height = 1;
    }
    let body: Vec<Row> = rows
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(pos, row)| {
            let r = match *row {
                KrRow::Objective(i) => {
                    let o = &app.plan.objectives[i];
                    Row::new(vec![Line::from(vec![
                        Span::styled(format!("{} ", o.id), t.key()),
                        Span::styled(fit(&o.title, 200), t.heading()),
                    ])])
                }
                KrRow::Orphans => Row::new(vec![Line::from(Span::styled(
                    "(key results without an objective)",
                    t.warn(),
                ))]),
                KrRow::Kr(i) => kr_row(app, &app.plan.key_results[i], wide, mid),
            };
            if pos == cursor.selected {
                r.style(t.selected())
            } else {
                r
            }
        })
        .collect();
    let mut header = vec!["key result", "progress", "health"];
    let mut widths = vec![
        Constraint::Min(16),
        Constraint::Length(15),
        Constraint::Length(9),
    ];
    if mid {
        header.push("now / target");
        widths.push(Constraint::Length(18));
    }
    if wide {
        header.extend(["check-ins", "due"]);
        widths.extend([Constraint::Length(12), Constraint::Length(10)]);
    }
    let table = Table::new(body, widths).header(Row::new(header).style(t.header()));
    frame.render_widget(table, area);
}

fn kr_row(app: &App, kr: &KeyResult, wide: bool, mid: bool) -> Row<'static> {
    let t = &app.theme;
    let health = kr.health(app.today, &app.plan.health);
    let progress = kr.progress();
    let mut cells = vec![
        Line::from(fit(&format!("  {} {}", kr.id, kr.title), 200)),
        Line::from(vec![
            Span::styled(bar(progress.unwrap_or(0.0), 10), t.health(health)),
            Span::raw(
                progress.map_or_else(|| "   –".to_owned(), |p| format!("{:>4.0}%", p * 100.0)),
            ),
        ]),
        Line::from(Span::styled(
            health.map_or("no target", Health::label),
            t.health(health),
        )),
    ];
    if mid {
        let target = kr.target.map_or_else(|| "?".to_owned(), num);
        cells.push(Line::from(fit(
            &format!("{} / {} {}", num(kr.current), target, kr.unit),
            18,
        )));
    }
    if wide {
        let values: Vec<f64> = kr.checkins.iter().map(|c| c.value).collect();
        cells.push(Line::from(sparkline(&values, 12)));
        cells.push(Line::from(
            kr.due.map_or_else(|| "–".to_owned(), |d| d.to_string()),
        ));
    }
    Row::new(cells)
}
