//! Objectives with their key results: progress gauge, health, a sparkline of
//! check-ins, current / target and unit, due date.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::Paragraph;

use super::grid::{self, Width};
use super::{bar, fit, num, sparkline};
use crate::model::{Health, KeyResult};
use crate::tui::app::{App, KrRow};

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let area = super::links::kr_pane(frame, area, app);
    let t = &app.theme;
    let rows = &app.cache.kr_rows;
    if rows.is_empty() {
        frame.render_widget(
            Paragraph::new(if app.read_only() {
                "No objectives yet."
            } else {
                "No objectives yet: a adds one."
            })
            .style(t.dim()),
            area,
        );
        return;
    }
    let wide = area.width >= 100;
    let mid = area.width >= 70;
    let height = usize::from(area.height.saturating_sub(1));
    let cursor = &app.key_results;
    let offset = cursor.visible_offset(height, rows.len());
    super::register_rows(app, area, offset);
    let mut names = vec!["key result", "progress", "health"];
    let mut spec: Vec<Width> = vec![None, Some(15), Some(9)];
    if mid {
        names.push("now / target");
        spec.push(Some(18));
    }
    if wide {
        names.extend(["check-ins", "due"]);
        spec.extend([Some(12), Some(10)]);
    }
    let widths = grid::widths(&spec, area.width);
    let mut lines = vec![grid::header(&names, &widths, t.header())];
    for (pos, row) in rows.iter().enumerate().skip(offset).take(height) {
        let cells = match *row {
            KrRow::Objective(i) => {
                let o = &app.plan().objectives[i];
                vec![vec![
                    Span::styled(format!("{} ", o.id), t.key()),
                    Span::styled(fit(&o.title, 300), t.heading()),
                ]]
            }
            KrRow::Orphans => vec![vec![Span::styled(
                "(key results without an objective)",
                t.warn(),
            )]],
            KrRow::Kr(i) => kr_cells(app, &app.plan().key_results[i], wide, mid),
        };
        let style = if pos == cursor.selected {
            t.selected()
        } else {
            t.text()
        };
        // Objective rows span the whole width.
        let line = if cells.len() == 1 {
            grid::row(cells, &[area.width], style)
        } else {
            grid::row(cells, &widths, style)
        };
        lines.push(line);
    }
    frame.render_widget(Paragraph::new(lines), area);
}

fn kr_cells(app: &App, kr: &KeyResult, wide: bool, mid: bool) -> Vec<Vec<Span<'static>>> {
    let t = &app.theme;
    let health = kr.health(app.today, &app.plan().health);
    let progress = kr.progress(app.today);
    let mut cells = vec![
        grid::text(fit(&format!("  {} {}", kr.id, kr.title), 300)),
        vec![
            Span::styled(bar(progress.unwrap_or(0.0), 10), t.health(health)),
            Span::raw(progress.map_or_else(
                || "    –".to_owned(),
                |p| format!("{:>5}", crate::text::percent(p)),
            )),
        ],
        vec![Span::styled(
            health.map_or("no target", Health::label),
            t.health(health),
        )],
    ];
    if mid {
        let target = kr.target.map_or_else(|| "?".to_owned(), num);
        cells.push(grid::text(fit(
            &format!("{} / {} {}", num(kr.current_at(app.today)), target, kr.unit),
            40,
        )));
    }
    if wide {
        let values: Vec<f64> = kr
            .checkins_as_of(app.today)
            .iter()
            .map(|c| c.value)
            .collect();
        cells.push(grid::text(sparkline(&values, 12)));
        cells.push(grid::text(
            kr.due.map_or_else(|| "–".to_owned(), |d| d.to_string()),
        ));
    }
    cells
}
