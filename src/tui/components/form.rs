//! A generic form: labelled fields edited as text, moved between with Tab,
//! saved with Enter, cancelled with Esc. The form only collects text and shows
//! errors; turning the text into an entity (with the CLI's rules) is
//! `entity_forms`' job.

use super::text_input::normalize_breaks;
use super::{InputOutcome, TextInput};
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

mod render;

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

impl Form {
    pub fn new(title: impl Into<String>, fields: Vec<Field>) -> Self {
        let initial = fields.iter().map(|f| f.text().to_owned()).collect();
        let mut form = Form {
            title: title.into(),
            fields,
            form_error: None,
            focus: 0,
            initial,
        };
        form.entered();
        form
    }

    pub fn focus(&self) -> usize {
        self.focus
    }

    pub fn set_focus(&mut self, i: usize) {
        if i < self.fields.len() {
            self.focus = i;
            self.entered();
        }
    }

    /// Focus arrived at a field: a number's value is selected whole, so
    /// typing replaces the `0` (or the old effort) instead of adding to it.
    fn entered(&mut self) {
        if let Some(f) = self.fields.get_mut(self.focus)
            && matches!(f.kind, FieldKind::Number | FieldKind::Integer)
        {
            f.value.select_all();
        }
    }

    /// Whether any value differs from what the form opened with.
    pub fn changed(&self) -> bool {
        self.fields
            .iter()
            .zip(&self.initial)
            .any(|(f, v)| f.text() != v)
    }

    /// Takes in values that changed outside while the form was open: a
    /// field the person has not touched shows `fresh`'s value (and counts it
    /// as where it started); a field they edited keeps their text. Nothing
    /// changes, and `false` is returned, when a field they edited changed
    /// outside too: the save must then meet that clash.
    pub fn refresh(&mut self, fresh: &Form) -> bool {
        let fresh_text = |key: &str| fresh.fields.iter().find(|f| f.key == key).map(Field::text);
        let clash = self.fields.iter().zip(&self.initial).any(|(f, initial)| {
            f.text() != initial && fresh_text(f.key).is_some_and(|new| new != initial)
        });
        if clash {
            return false;
        }
        for (field, initial) in self.fields.iter_mut().zip(self.initial.iter_mut()) {
            let Some(new) = fresh.fields.iter().find(|f| f.key == field.key) else {
                continue;
            };
            if field.text() == initial.as_str() && new.text() != initial.as_str() {
                field.value.set_text(new.text().to_owned());
                field.error = None;
                *initial = new.text().to_owned();
            }
        }
        true
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
            self.entered();
        }
    }

    /// Pasted text goes into the focused field; line breaks survive only in
    /// multi-line fields. Choice fields take no text.
    pub fn paste(&mut self, text: &str) {
        if let Some(f) = self.fields.get_mut(self.focus) {
            match f.kind {
                FieldKind::Choice(_) => return,
                FieldKind::MultiLine => f.value.insert_str(&normalize_breaks(text, true)),
                _ => f.value.insert_str(&normalize_breaks(text, false)),
            }
            f.error = None;
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
            self.entered();
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
}

#[cfg(test)]
mod tests;
