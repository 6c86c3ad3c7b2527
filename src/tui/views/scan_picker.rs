//! The scan picker: candidates from the plan's repository, hotspots first
//! then markers, each `[x]` chosen or `[ ]` not (`in plan` when an earlier
//! scan added it), the selected one marked `›` (visible without colour).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::{centered, fit};
use crate::scan::CandidateKind;
use crate::tui::app::{App, ModeKind};
use crate::tui::keymap;
use crate::tui::state::{ScanPicker, ScanRow, plural};

pub fn draw(frame: &mut Frame, area: Rect, app: &App, p: &ScanPicker) {
    let t = &app.theme;
    let rows = u16::try_from(p.rows.len()).unwrap_or(u16::MAX);
    let popup = centered(
        area,
        area.width.saturating_sub(4).clamp(20, 120),
        rows.saturating_add(4).max(6),
    );
    let chosen = p.rows.iter().filter(|r| r.chosen).count();
    let block = Block::bordered()
        .title(format!(
            " Debt from the code: {} — {} chosen ",
            fit(&p.root, 40),
            chosen
        ))
        .title_bottom(format!(
            " {} ",
            keymap::hints(ModeKind::ScanPicker).join(" · ")
        ))
        .border_style(t.warn());
    let inner = block.inner(popup);
    frame.render_widget(Clear, popup);
    frame.render_widget(block, popup);
    let w = usize::from(inner.width);
    let status = if p.loading {
        "scanning the repository…".to_owned()
    } else if let Some(e) = &p.error {
        format!("cannot scan: {e}")
    } else if p.rows.is_empty() {
        "no candidates: no markers, no file changed twice in the last year".to_owned()
    } else {
        plural(p.rows.len(), "candidate")
    };
    let mut lines = vec![Line::from(Span::styled(fit(&status, w), t.dim()))];
    let height = usize::from(inner.height.saturating_sub(1));
    let offset = p.selected.saturating_sub(height.saturating_sub(1));
    for (i, row) in p.rows.iter().enumerate().skip(offset).take(height) {
        let style = if i == p.selected {
            t.selected()
        } else if row.in_plan {
            t.dim()
        } else {
            t.text()
        };
        let cursor = if i == p.selected { "›" } else { " " };
        lines.push(Line::from(Span::styled(
            fit(&format!("{cursor}{}", row_text(row)), w),
            style,
        )));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

fn row_text(r: &ScanRow) -> String {
    let c = &r.candidate;
    let tick = match (r.in_plan, r.chosen) {
        (true, _) => "in plan",
        (false, true) => "[x]    ",
        (false, false) => "[ ]    ",
    };
    match c.kind {
        CandidateKind::Hotspot => format!(
            "{tick} hotspot {}  {} × {}{}",
            c.path,
            plural(c.changes as usize, "commit"),
            plural(c.lines, "line"),
            c.owner
                .as_deref()
                .map(|o| format!("  {o}"))
                .unwrap_or_default()
        ),
        CandidateKind::Marker => format!("{tick} {}:{}  {}", c.path, c.line.unwrap_or(0), c.text),
    }
}
