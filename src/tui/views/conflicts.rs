//! The conflict screen: each conflict's item, field and its three
//! versions, with the pick made so far (marked without colour too), over
//! what Enter will do. Drawn from the screen's data and a theme only, so
//! `bearing resolve` draws it without an App.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::{centered, fit};
use crate::text::display_width;
use crate::tui::app::ModeKind;
use crate::tui::keymap;
use crate::tui::state::{ConflictRow, ConflictScreen, Pick};
use crate::tui::theme::Theme;

/// Screen lines per conflict: its item and field, then its versions.
const ROW_LINES: usize = 2;

pub fn draw(frame: &mut Frame, area: Rect, s: &ConflictScreen, t: &Theme) {
    let width = area.width.saturating_sub(2).clamp(20, 120);
    let want = s.rows.len().saturating_mul(ROW_LINES).saturating_add(4);
    let popup = centered(area, width, u16::try_from(want).unwrap_or(u16::MAX).max(8));
    let position = if s.rows.is_empty() {
        String::new()
    } else {
        format!(" — {}/{}", s.selected + 1, s.rows.len())
    };
    let inner_w = usize::from(width.saturating_sub(2)).max(1);
    let block = Block::bordered()
        .title(format!(
            " {}{position} ",
            fit(&s.title, inner_w.saturating_sub(12))
        ))
        .title_bottom(format!(
            " {} ",
            keymap::hints(ModeKind::Conflicts).join(" · ")
        ))
        .border_style(t.warn());
    let inner = block.inner(popup);
    frame.render_widget(Clear, popup);
    frame.render_widget(block, popup);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    let w = usize::from(inner.width);
    let mut out = vec![
        Line::from(Span::styled(fit(&s.summary(), w), t.warn())),
        Line::default(),
    ];
    let fits = (usize::from(inner.height).saturating_sub(out.len()) / ROW_LINES).max(1);
    let first = s.selected.saturating_sub(fits.saturating_sub(1));
    for (i, row) in s.rows.iter().enumerate().skip(first).take(fits) {
        let chosen = s.picks.get(i).copied().flatten();
        let here = i == s.selected;
        let style = if here { t.selected() } else { t.text() };
        let mark = if here { "› " } else { "  " };
        let pick = chosen.map_or_else(|| "to pick".to_owned(), |p| format!("✓ {}", p.label()));
        let head = format!("{mark}{} {} · “{}”", row.item, row.field, row.title);
        let room = w.saturating_sub(display_width(&pick) + 1);
        let head = fit(&head, room);
        let gap = w.saturating_sub(display_width(&head) + display_width(&pick));
        out.push(Line::from(vec![
            Span::styled(head, style),
            Span::styled(" ".repeat(gap), style),
            Span::styled(pick, if chosen.is_some() { t.ok() } else { t.warn() }),
        ]));
        out.push(versions(row, chosen, w, t));
    }
    frame.render_widget(Paragraph::new(out), inner);
}

/// "    base 3 │ mine 4 │ [theirs 5]": the picked version bracketed.
fn versions<'a>(row: &ConflictRow, chosen: Option<Pick>, w: usize, t: &Theme) -> Line<'a> {
    let mut sides: Vec<(Pick, &Option<String>)> = Vec::with_capacity(3);
    if row.has_base {
        sides.push((Pick::Base, &row.base));
    }
    sides.push((Pick::Mine, &row.mine));
    sides.push((Pick::Theirs, &row.theirs));
    let each = (w.saturating_sub(4) / sides.len()).saturating_sub(3).max(6);
    let mut spans = vec![Span::raw("    ")];
    for (k, (side, v)) in sides.into_iter().enumerate() {
        if k > 0 {
            spans.push(Span::styled(" │ ", t.dim()));
        }
        let shown = v
            .as_deref()
            .map_or("(absent)".to_owned(), |v| v.replace(['\n', '\r'], " ⏎ "));
        let text = format!("{} {shown}", side.label());
        if chosen == Some(side) {
            spans.push(Span::styled(
                format!("[{}]", fit(&text, each.saturating_sub(2))),
                t.ok(),
            ));
        } else {
            spans.push(Span::styled(fit(&text, each), t.text()));
        }
    }
    Line::from(spans)
}
