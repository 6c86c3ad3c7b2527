//! Drawing a form: a centred popup with a label column and a value column,
//! errors under their field, the keys in a footer, scrolled to the focus.

use ratatui::{
    Frame,
    layout::{Constraint, Rect},
    text::{Line, Span},
    widgets::{Block, Clear, Paragraph},
};

use super::{Field, FieldKind, Form};
use crate::text::{display_width, sanitize, truncate};
use crate::tui::components::Styles;

const FOOTER_BASE: &str = "Enter save · Esc cancel · Tab next";

impl Form {
    pub(super) fn footer(&self) -> String {
        let extra = match self.fields.get(self.focus).map(|f| &f.kind) {
            Some(FieldKind::Choice(_)) => " · ←/→ change",
            Some(FieldKind::MultiLine) => " · Alt-Enter newline · Ctrl-e $EDITOR",
            Some(FieldKind::Text) => " · Ctrl-e $EDITOR",
            _ => "",
        };
        format!("{FOOTER_BASE}{extra}")
    }

    /// Draws the form as a centred popup over `area` and places the cursor
    /// in the focused field.
    pub fn render(&self, frame: &mut Frame, area: Rect, styles: &Styles) {
        let area = area.intersection(frame.area());
        // One row per field plus one per error, then the form error and footer.
        let rows: Vec<(usize, bool)> = self
            .fields
            .iter()
            .enumerate()
            .flat_map(|(i, f)| {
                std::iter::once((i, false)).chain(f.error.as_ref().map(|_| (i, true)))
            })
            .collect();
        let extra = 1 + u16::from(self.form_error.is_some());
        let want_h = u16::try_from(rows.len())
            .unwrap_or(u16::MAX)
            .saturating_add(extra + 2);
        let popup = area.centered(Constraint::Length(72), Constraint::Length(want_h));
        frame.render_widget(Clear, popup);
        let block = Block::bordered()
            .border_style(styles.border)
            .title(Span::styled(
                format!(" {} ", sanitize(&self.title)),
                styles.title,
            ));
        let inner = block.inner(popup);
        frame.render_widget(block, popup);
        if inner.width == 0 || inner.height == 0 {
            return;
        }

        let mut body_h = inner.height;
        let mut bottom = inner.bottom();
        if body_h >= 2 {
            body_h -= 1;
            bottom -= 1;
            let footer = self.footer();
            let line = Line::styled(
                truncate(&footer, usize::from(inner.width)).into_owned(),
                styles.footer,
            );
            frame.render_widget(
                Paragraph::new(line),
                Rect::new(inner.x, bottom, inner.width, 1),
            );
        }
        if let Some(err) = &self.form_error
            && body_h >= 2
        {
            body_h -= 1;
            bottom -= 1;
            let msg = format!("✗ {}", sanitize(err));
            let line = Line::styled(
                truncate(&msg, usize::from(inner.width)).into_owned(),
                styles.error,
            );
            frame.render_widget(
                Paragraph::new(line),
                Rect::new(inner.x, bottom, inner.width, 1),
            );
        }

        let label_w = self
            .fields
            .iter()
            .map(|f| display_width(f.label) + 2)
            .max()
            .unwrap_or(0)
            .min(usize::from(inner.width) / 3);
        let label_w = u16::try_from(label_w).unwrap_or(0);
        let value_x = inner.x + label_w;
        let value_w = inner.width - label_w;

        let start = scroll_start(&rows, self.focus, usize::from(body_h));
        for (row, &(i, is_error)) in rows
            .iter()
            .skip(start)
            .take(usize::from(body_h))
            .enumerate()
        {
            let y = inner.y + row as u16;
            let field = &self.fields[i];
            let focused = i == self.focus;
            let value_area = Rect::new(value_x, y, value_w, 1);
            if is_error {
                let msg = format!("✗ {}", sanitize(field.error.as_deref().unwrap_or("")));
                let line = Line::styled(
                    truncate(&msg, usize::from(value_w)).into_owned(),
                    styles.error,
                );
                frame.render_widget(Paragraph::new(line), value_area);
                continue;
            }
            let mark = if field.required { "*" } else { "" };
            let label = format!("{}{mark}", field.label);
            let label_style = if focused {
                styles.focused_label
            } else {
                styles.label
            };
            if label_w > 0 {
                let text = truncate(&label, usize::from(label_w - 1)).into_owned();
                frame.render_widget(
                    Paragraph::new(Line::styled(text, label_style)),
                    Rect::new(inner.x, y, label_w, 1),
                );
            }
            self.render_value(frame, field, focused, value_area, styles);
        }
        // Say that fields are hidden above or below.
        let marker_x = inner.right() - 1;
        let buf = frame.buffer_mut();
        if start > 0 {
            buf.set_string(marker_x, inner.y, "↑", styles.detail);
        }
        if body_h > 0 && start + usize::from(body_h) < rows.len() {
            buf.set_string(marker_x, inner.y + body_h - 1, "↓", styles.detail);
        }
    }

    fn render_value(
        &self,
        frame: &mut Frame,
        field: &Field,
        focused: bool,
        area: Rect,
        styles: &Styles,
    ) {
        let width = usize::from(area.width);
        if let FieldKind::Choice(_) = field.kind {
            let text = if focused {
                format!("◀ {} ▶", sanitize(field.text()))
            } else {
                sanitize(field.text()).into_owned()
            };
            let style = if focused {
                styles.focused_value
            } else {
                styles.value
            };
            let line = Line::styled(truncate(&text, width).into_owned(), style);
            frame.render_widget(Paragraph::new(line), area);
            return;
        }
        if field.value.is_empty() && !field.hint.is_empty() {
            // In brackets, so a hint never passes for a value without colours.
            let hint = format!("({})", field.hint);
            let line = Line::styled(truncate(&hint, width).into_owned(), styles.detail);
            frame.render_widget(Paragraph::new(line), area);
        }
        if focused {
            if let Some(pos) = field.value.render(frame, area, styles.focused_value) {
                frame.set_cursor_position(pos);
            }
        } else if !field.value.is_empty() {
            // Unfocused fields show their start, cut with "…".
            let all = field.value.display();
            let line = Line::styled(truncate(&all, width).into_owned(), styles.value);
            frame.render_widget(Paragraph::new(line), area);
        }
    }
}

/// The first row to draw so the focused field (with its error line) shows.
fn scroll_start(rows: &[(usize, bool)], focus: usize, height: usize) -> usize {
    let first = rows.iter().position(|r| r.0 == focus).unwrap_or(0);
    let end = rows.iter().rposition(|r| r.0 == focus).map_or(0, |e| e + 1);
    if end <= height {
        0
    } else {
        (end - height).min(first)
    }
}
