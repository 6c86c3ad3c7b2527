//! What an import would do, before it is done: the counts, each conflict
//! and note, and the first changes; Enter applies, Esc cancels.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::{centered, fit};
use crate::text::sanitize;
use crate::tui::app::{App, ImportSync, ModeKind};
use crate::tui::keymap;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, s: &ImportSync) {
    let t = &app.theme;
    let width = area.width.saturating_sub(4).clamp(20, 110);
    let inner_w = usize::from(width.saturating_sub(2)).max(1);
    let want = u16::try_from(s.lines.len().saturating_add(5)).unwrap_or(u16::MAX);
    let popup = centered(area, width, want.max(6));
    let block = Block::bordered()
        .title(format!(
            " Import {} ({}) ",
            fit(&s.path, inner_w.saturating_sub(30)),
            s.format.name()
        ))
        .title_bottom(format!(
            " {} ",
            keymap::hints(ModeKind::ImportSync).join(" · ")
        ))
        .border_style(t.border());
    let inner = block.inner(popup);
    frame.render_widget(Clear, popup);
    frame.render_widget(block, popup);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    let w = usize::from(inner.width);
    let mut out = vec![
        Line::from(Span::styled(fit(&s.summary, w), t.heading())),
        Line::default(),
    ];
    for l in s.lines.iter().skip(s.scroll) {
        if out.len() >= usize::from(inner.height) {
            break;
        }
        let style = if l.contains(": kept ") {
            t.warn()
        } else {
            t.text()
        };
        out.push(Line::from(Span::styled(fit(&sanitize(l), w), style)));
    }
    frame.render_widget(Paragraph::new(out), inner);
}
