//! A generic form: labelled fields edited as text, moved between with Tab,
//! saved with Enter, cancelled with Esc. The form only collects text and shows
//! errors; turning the text into an entity (with the CLI's rules) is
//! `entity_forms`' job.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::{
    Frame,
    layout::{Constraint, Rect},
    text::{Line, Span},
    widgets::{Block, Clear, Paragraph},
};

use super::{InputOutcome, Styles, TextInput};
use crate::text::{display_width, sanitize, truncate};

#[derive(Debug, Clone, PartialEq)]
pub enum FieldKind {
    Text,
    /// Edited inline (line breaks shown as ⏎, Alt-Enter adds one) or in
    /// `$EDITOR` with Ctrl-e.
    MultiLine,
    Number,
    Integer,
    Date,
    /// One of these values; Left/Right or Space cycle, a letter jumps.
    Choice(Vec<&'static str>),
    /// Comma-separated ids or tags.
    List,
}

#[derive(Debug, Clone)]
pub struct Field {
    /// The name validation uses for this field ("title", "effort", …), so a
    /// `FieldError` lands on the right line.
    pub key: &'static str,
    pub label: &'static str,
    pub kind: FieldKind,
    pub value: TextInput,
    pub error: Option<String>,
    pub required: bool,
    /// Shown dimmed while the value is empty (e.g. "YYYY-MM-DD").
    pub hint: &'static str,
}

impl Field {
    pub fn new(key: &'static str, label: &'static str, kind: FieldKind) -> Self {
        Field {
            key,
            label,
            kind,
            value: TextInput::new(),
            error: None,
            required: false,
            hint: "",
        }
    }

    pub fn with_value(mut self, v: impl Into<String>) -> Self {
        self.value = TextInput::with_text(v);
        self
    }

    pub fn required(mut self) -> Self {
        self.required = true;
        self
    }

    pub fn hint(mut self, hint: &'static str) -> Self {
        self.hint = hint;
        self
    }

    pub fn text(&self) -> &str {
        self.value.text()
    }

    fn cycle(&mut self, step: isize) {
        if let FieldKind::Choice(options) = &self.kind
            && !options.is_empty()
        {
            let n = options.len() as isize;
            let at = options.iter().position(|o| *o == self.value.text());
            let next = match at {
                Some(i) => (i as isize + step).rem_euclid(n),
                None => 0,
            };
            self.value.set_text(options[next as usize]);
        }
    }

    /// The next option starting with `c` after the current one.
    fn jump(&mut self, c: char) {
        if let FieldKind::Choice(options) = &self.kind {
            let at = options.iter().position(|o| *o == self.value.text());
            let start = at.map_or(0, |i| i + 1);
            let found = (0..options.len())
                .map(|k| options[(start + k) % options.len()])
                .find(|o| o.chars().next().is_some_and(|f| f.eq_ignore_ascii_case(&c)));
            if let Some(o) = found {
                self.value.set_text(o);
            }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormOutcome {
    None,
    Submit,
    /// Esc: the caller closes the form, asking first when `changed`.
    CancelRequested {
        changed: bool,
    },
    /// Ctrl-e on a text field: the caller suspends the terminal, runs
    /// `$EDITOR` on the field's text and puts the result back with
    /// [`Form::set_value`].
    OpenEditor(usize),
}

#[derive(Debug, Clone)]
pub struct Form {
    pub title: String,
    pub fields: Vec<Field>,
    /// A problem that belongs to no field of the form.
    pub form_error: Option<String>,
    focus: usize,
    initial: Vec<String>,
}

const FOOTER_BASE: &str = "Enter save · Esc cancel · Tab next";

impl Form {
    pub fn new(title: impl Into<String>, fields: Vec<Field>) -> Self {
        let initial = fields.iter().map(|f| f.text().to_owned()).collect();
        Form {
            title: title.into(),
            fields,
            form_error: None,
            focus: 0,
            initial,
        }
    }

    pub fn focus(&self) -> usize {
        self.focus
    }

    pub fn set_focus(&mut self, i: usize) {
        if i < self.fields.len() {
            self.focus = i;
        }
    }

    /// Whether any value differs from what the form opened with.
    pub fn changed(&self) -> bool {
        self.fields
            .iter()
            .zip(&self.initial)
            .any(|(f, v)| f.text() != v)
    }

    pub fn index_of(&self, key: &str) -> Option<usize> {
        self.fields.iter().position(|f| f.key == key)
    }

    /// The text of the field named `key` ("" when there is none).
    pub fn value(&self, key: &str) -> &str {
        self.index_of(key).map_or("", |i| self.fields[i].text())
    }

    /// Puts text back into field `i` (after `$EDITOR`), clearing its error.
    pub fn set_value(&mut self, i: usize, text: impl Into<String>) {
        if let Some(f) = self.fields.get_mut(i) {
            f.value.set_text(text);
            f.error = None;
        }
    }

    /// Shows `message` under the field named `key`; the first error of a
    /// field is kept. With no such field, shows it for the whole form.
    pub fn set_error(&mut self, key: &str, message: impl Into<String>) {
        let message = message.into();
        match self.index_of(key) {
            Some(i) => {
                self.fields[i].error.get_or_insert(message);
            }
            None => {
                self.form_error
                    .get_or_insert_with(|| format!("{key}: {message}"));
            }
        }
    }

    pub fn clear_errors(&mut self) {
        self.form_error = None;
        for f in &mut self.fields {
            f.error = None;
        }
    }

    pub fn has_errors(&self) -> bool {
        self.form_error.is_some() || self.fields.iter().any(|f| f.error.is_some())
    }

    /// Moves the focus to the first field with an error, if any.
    pub fn focus_first_error(&mut self) {
        if let Some(i) = self.fields.iter().position(|f| f.error.is_some()) {
            self.focus = i;
        }
    }

    fn step(&mut self, forward: bool) {
        let n = self.fields.len();
        if n > 0 {
            self.focus = if forward {
                (self.focus + 1) % n
            } else {
                (self.focus + n - 1) % n
            };
        }
    }

    pub fn handle_key(&mut self, key: KeyEvent) -> FormOutcome {
        if key.kind == KeyEventKind::Release {
            return FormOutcome::None;
        }
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        let focus = self.focus;
        let Some(field) = self.fields.get_mut(focus) else {
            return match key.code {
                KeyCode::Esc => FormOutcome::CancelRequested { changed: false },
                KeyCode::Enter => FormOutcome::Submit,
                _ => FormOutcome::None,
            };
        };
        let choice = matches!(field.kind, FieldKind::Choice(_));
        let texty = matches!(field.kind, FieldKind::Text | FieldKind::MultiLine);
        match key.code {
            KeyCode::Esc => {
                return FormOutcome::CancelRequested {
                    changed: self.changed(),
                };
            }
            KeyCode::Enter if alt && field.kind == FieldKind::MultiLine => {
                field.value.insert_char('\n');
                field.error = None;
            }
            KeyCode::Enter => return FormOutcome::Submit,
            KeyCode::Char('s') if ctrl => return FormOutcome::Submit,
            KeyCode::Char('e') if ctrl => {
                return if texty {
                    FormOutcome::OpenEditor(focus)
                } else {
                    FormOutcome::None
                };
            }
            KeyCode::Tab | KeyCode::Down => self.step(true),
            KeyCode::BackTab | KeyCode::Up => self.step(false),
            KeyCode::Left if choice => field.cycle(-1),
            KeyCode::Right | KeyCode::Char(' ') if choice => field.cycle(1),
            KeyCode::Char(c) if choice && !ctrl && !alt => field.jump(c),
            _ if choice => {}
            _ => {
                if field.value.handle_key(key) == InputOutcome::Changed {
                    field.error = None;
                }
            }
        }
        FormOutcome::None
    }

    fn footer(&self) -> String {
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
            let line = Line::styled(truncate(field.hint, width).into_owned(), styles.detail);
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

#[cfg(test)]
#[path = "form_tests.rs"]
mod tests;
