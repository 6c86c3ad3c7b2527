//! Drawing the picker popup: the query line over the ranked items.

use ratatui::{
    Frame,
    layout::{Constraint, Rect},
    text::{Line, Span},
    widgets::{Block, Clear, Paragraph},
};

use super::{MAX_ROWS, Picker, PickerItem};
use crate::text::{display_width, sanitize, truncate};
use crate::tui::components::Styles;

impl Picker {
    /// Draws the popup centred in `area` with the cursor in the query line.
    pub fn render(&self, frame: &mut Frame, area: Rect, styles: &Styles) {
        let area = area.intersection(frame.area());
        let rows = u16::try_from(self.shown.len())
            .unwrap_or(u16::MAX)
            .clamp(1, MAX_ROWS);
        let popup = area.centered(Constraint::Length(72), Constraint::Length(rows + 3));
        frame.render_widget(Clear, popup);
        let count = format!(
            " {}{}/{} ",
            if self.pending() {
                format!("{} ", self.waiting_label())
            } else {
                String::new()
            },
            self.shown.len().min(self.selected + 1),
            self.shown.len()
        );
        let block = Block::bordered()
            .border_style(styles.border)
            .title(Span::styled(
                format!(" {} ", sanitize(&self.title)),
                styles.title,
            ))
            .title_bottom(Line::styled(count, styles.detail).right_aligned());
        let inner = block.inner(popup);
        frame.render_widget(block, popup);
        if inner.width == 0 || inner.height == 0 {
            return;
        }
        let prompt_w = inner.width.min(2);
        frame.render_widget(
            Paragraph::new(Span::styled("› ", styles.focused_label)),
            Rect::new(inner.x, inner.y, prompt_w, 1),
        );
        let input_area = Rect::new(inner.x + prompt_w, inner.y, inner.width - prompt_w, 1);
        if let Some(pos) = self.input.render(frame, input_area, styles.value) {
            frame.set_cursor_position(pos);
        }

        let list = Rect::new(inner.x, inner.y + 1, inner.width, inner.height - 1);
        if list.height == 0 {
            return;
        }
        if self.shown.is_empty() {
            let msg = if self.pending() {
                self.waiting_label()
            } else {
                "no matches"
            };
            let msg = truncate(msg, usize::from(list.width)).into_owned();
            frame.render_widget(Paragraph::new(Line::styled(msg, styles.detail)), list);
            return;
        }
        let height = usize::from(list.height);
        let start = (self.selected + 1).saturating_sub(height);
        for (row, (i, item)) in self
            .shown
            .iter()
            .enumerate()
            .skip(start)
            .take(height)
            .enumerate()
        {
            let y = list.y + row as u16;
            let line = item_line(item, usize::from(list.width), styles);
            let style = if i == self.selected {
                styles.selected
            } else {
                styles.value
            };
            frame.render_widget(
                Paragraph::new(line).style(style),
                Rect::new(list.x, y, list.width, 1),
            );
        }
    }
}

/// Label at the left, detail at the right; the detail gives way first.
fn item_line<'a>(item: &PickerItem, width: usize, styles: &Styles) -> Line<'a> {
    let label = sanitize(&item.label);
    let detail = sanitize(&item.detail);
    let detail_w = display_width(&detail);
    let label_w = display_width(&label);
    if detail_w > 0 && label_w + 2 + detail_w <= width {
        let gap = width - label_w - detail_w;
        return Line::from(vec![
            Span::raw(label.into_owned()),
            Span::raw(" ".repeat(gap)),
            Span::styled(detail.into_owned(), styles.detail),
        ]);
    }
    Line::from(truncate(&label, width).into_owned())
}
