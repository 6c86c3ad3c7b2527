//! Self-contained widgets with their own state: each takes a key event and
//! says what happened, and draws itself into an area of any size. The app
//! decides what an outcome means (save, close, run an action).

pub mod editor;
pub mod entity_forms;
pub mod form;
pub mod picker;
pub mod text_input;

use ratatui::style::{Color, Modifier, Style};

pub use form::{Field, FieldKind, Form, FormOutcome};
pub use picker::{Picker, PickerItem, PickerOutcome};
pub use text_input::{InputOutcome, TextInput};

/// The styles the components draw with, so the app's theme (and `NO_COLOR`)
/// decides the look in one place.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Styles {
    pub border: Style,
    pub title: Style,
    pub label: Style,
    pub focused_label: Style,
    pub value: Style,
    pub focused_value: Style,
    pub error: Style,
    pub footer: Style,
    pub selected: Style,
    pub detail: Style,
}

impl Styles {
    pub fn color() -> Self {
        Styles {
            border: Style::new().fg(Color::Cyan),
            title: Style::new().add_modifier(Modifier::BOLD),
            label: Style::new(),
            focused_label: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            value: Style::new(),
            focused_value: Style::new().add_modifier(Modifier::UNDERLINED),
            error: Style::new().fg(Color::Red),
            footer: Style::new().fg(Color::DarkGray),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            detail: Style::new().fg(Color::DarkGray),
        }
    }

    /// For `NO_COLOR`: emphasis by bold, dim, underline and reverse only
    /// (the app's theme does the same).
    pub fn plain() -> Self {
        Styles {
            border: Style::new(),
            title: Style::new().add_modifier(Modifier::BOLD),
            label: Style::new(),
            focused_label: Style::new().add_modifier(Modifier::BOLD),
            value: Style::new(),
            focused_value: Style::new().add_modifier(Modifier::UNDERLINED),
            error: Style::new().add_modifier(Modifier::BOLD),
            footer: Style::new().add_modifier(Modifier::DIM),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            detail: Style::new().add_modifier(Modifier::DIM),
        }
    }
}

impl Default for Styles {
    fn default() -> Self {
        Styles::color()
    }
}

/// Key events in a readable notation, for tests: `keys("a b <Tab> <C-w>")`.
#[cfg(test)]
pub(crate) mod testkit {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use ratatui::{Terminal, backend::TestBackend, buffer::Buffer};

    /// One key: a single character, or `<Name>` with optional `C-`, `A-`,
    /// `S-` prefixes (`<C-w>`, `<S-Tab>`, `<A-Enter>`, `<Space>`).
    pub fn key(spec: &str) -> KeyEvent {
        let Some(inner) = spec.strip_prefix('<').and_then(|s| s.strip_suffix('>')) else {
            let c = spec.chars().next().expect("empty key");
            return KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        };
        let mut mods = KeyModifiers::NONE;
        let mut name = inner;
        loop {
            if let Some(rest) = name.strip_prefix("C-") {
                mods |= KeyModifiers::CONTROL;
                name = rest;
            } else if let Some(rest) = name.strip_prefix("A-") {
                mods |= KeyModifiers::ALT;
                name = rest;
            } else if let Some(rest) = name.strip_prefix("S-") {
                mods |= KeyModifiers::SHIFT;
                name = rest;
            } else {
                break;
            }
        }
        let code = match name {
            "Tab" if mods.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
            "Tab" => KeyCode::Tab,
            "Enter" => KeyCode::Enter,
            "Esc" => KeyCode::Esc,
            "BS" => KeyCode::Backspace,
            "Del" => KeyCode::Delete,
            "Left" => KeyCode::Left,
            "Right" => KeyCode::Right,
            "Up" => KeyCode::Up,
            "Down" => KeyCode::Down,
            "Home" => KeyCode::Home,
            "End" => KeyCode::End,
            "PageUp" => KeyCode::PageUp,
            "PageDown" => KeyCode::PageDown,
            "Space" => KeyCode::Char(' '),
            s if s.chars().count() == 1 => KeyCode::Char(s.chars().next().unwrap_or(' ')),
            other => panic!("unknown key {other}"),
        };
        KeyEvent::new(code, mods)
    }

    /// Space-separated keys; a word longer than one char that is not `<…>`
    /// is typed char by char.
    pub fn keys(spec: &str) -> Vec<KeyEvent> {
        spec.split(' ')
            .filter(|w| !w.is_empty())
            .flat_map(|w| {
                if w.starts_with('<') {
                    vec![key(w)]
                } else {
                    w.chars().map(|c| key(&c.to_string())).collect()
                }
            })
            .collect()
    }

    /// Draws with `draw` on a `w`×`h` test terminal and returns the buffer.
    pub fn render(w: u16, h: u16, draw: impl FnOnce(&mut ratatui::Frame)) -> Buffer {
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        t.draw(draw).unwrap();
        t.backend().buffer().clone()
    }

    /// Like [`render`], also returning where the frame put the cursor
    /// (`None` when it stayed hidden).
    pub fn render_cursor(
        w: u16,
        h: u16,
        draw: impl FnOnce(&mut ratatui::Frame),
    ) -> (Buffer, Option<ratatui::layout::Position>) {
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        t.draw(draw).unwrap();
        let b = t.backend();
        let cursor = b.cursor_visible().then(|| b.cursor_position());
        (b.buffer().clone(), cursor)
    }

    /// The buffer's text, one line per row, trailing spaces kept.
    pub fn text(buf: &Buffer) -> Vec<String> {
        (0..buf.area.height)
            .map(|y| {
                (0..buf.area.width)
                    .map(|x| buf[(x, y)].symbol())
                    .collect::<String>()
            })
            .collect()
    }
}
