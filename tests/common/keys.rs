//! Key sequences in a readable notation: words are keys, `<Enter>`, `<Esc>`,
//! `<Tab>`, `<S-Tab>`, `<Space>`, `<BS>`, arrows as `<Up>`/`<Down>`/…,
//! `<Home>`/`<End>`/`<PgUp>`/`<PgDn>`, Ctrl as `<C-r>`.

use bearing::tui::action::Effect;
use bearing::tui::{App, handle_key};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

pub fn key(word: &str) -> KeyEvent {
    let none = KeyModifiers::NONE;
    let (code, mods) = match word {
        "<Enter>" => (KeyCode::Enter, none),
        "<Esc>" => (KeyCode::Esc, none),
        "<Tab>" => (KeyCode::Tab, none),
        "<S-Tab>" => (KeyCode::BackTab, KeyModifiers::SHIFT),
        "<Space>" => (KeyCode::Char(' '), none),
        "<BS>" => (KeyCode::Backspace, none),
        "<Up>" => (KeyCode::Up, none),
        "<Down>" => (KeyCode::Down, none),
        "<Left>" => (KeyCode::Left, none),
        "<Right>" => (KeyCode::Right, none),
        "<Home>" => (KeyCode::Home, none),
        "<End>" => (KeyCode::End, none),
        "<PgUp>" => (KeyCode::PageUp, none),
        "<PgDn>" => (KeyCode::PageDown, none),
        w if w.starts_with("<C-") && w.ends_with('>') && w.chars().count() == 5 => (
            KeyCode::Char(w.chars().nth(3).unwrap()),
            KeyModifiers::CONTROL,
        ),
        w if w.chars().count() == 1 => {
            let c = w.chars().next().unwrap();
            let m = if c.is_ascii_uppercase() {
                KeyModifiers::SHIFT
            } else {
                none
            };
            (KeyCode::Char(c), m)
        }
        w => panic!("unknown key {w:?}"),
    };
    KeyEvent::new(code, mods)
}

/// Presses each key in turn; returns the last effect.
pub fn press(app: &mut App, keys: &str) -> Effect {
    let mut last = Effect::None;
    for word in keys.split_whitespace() {
        last = handle_key(app, key(word));
    }
    last
}

/// Presses each key in turn and, as the UI loop does after every event,
/// lets the background writer finish a save before the next.
pub fn press_saved(app: &mut App, keys: &str) {
    for word in keys.split_whitespace() {
        handle_key(app, key(word));
        app.wait_saved();
    }
}

/// Types text into whatever has the focus, one character at a time.
pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        handle_key(app, KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
}
