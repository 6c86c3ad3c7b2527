//! A one-line text editor. The text may hold line breaks (a description edited
//! inline); they are drawn as `⏎` and every other control character as
//! U+FFFD, so nothing typed or loaded reaches the terminal as an instruction.
//!
//! A default the user did not type (a prompt's prefilled date or path, a
//! number field's `0`) can be *selected whole*, as in GUI inputs: the first
//! character typed or pasted replaces it, Backspace clears it, and the
//! cursor keys keep it (and end the selection).

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::{Frame, layout::Position, layout::Rect, style::Style};
use unicode_width::UnicodeWidthChar;

use crate::text::{REPLACEMENT, is_unsafe};

/// How a line break is shown inside a one-line field.
pub const NEWLINE_MARK: char = '⏎';

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextInput {
    text: String,
    /// Byte offset into `text`, always on a char boundary.
    cursor: usize,
    /// The whole text is selected: typing replaces it.
    all_selected: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputOutcome {
    /// The text changed.
    Changed,
    /// Only the cursor moved.
    Moved,
    /// Not an editing key: the caller may use it (Tab, Enter, Esc, Ctrl-e, …).
    Ignored,
}

/// Line breaks as pasted (terminals send CR for Enter, Windows text CRLF)
/// made one kind: LF where the field keeps line breaks, a space where it is
/// one line. A bare CR never reaches a field, the file or the screen.
pub fn normalize_breaks(text: &str, multi_line: bool) -> String {
    let lf = text.replace("\r\n", "\n").replace('\r', "\n");
    if multi_line {
        lf
    } else {
        lf.replace('\n', " ")
    }
}

fn shown(c: char) -> char {
    match c {
        '\n' => NEWLINE_MARK,
        '\t' => ' ',
        c if is_unsafe(c) => REPLACEMENT,
        c => c,
    }
}

fn is_word(c: char) -> bool {
    !c.is_whitespace()
}

impl TextInput {
    pub fn new() -> Self {
        Self::default()
    }

    /// The text with the cursor at its end.
    pub fn with_text(text: impl Into<String>) -> Self {
        let text = text.into();
        TextInput {
            cursor: text.len(),
            text,
            all_selected: false,
        }
    }

    /// A default with the whole text selected: what is typed replaces it.
    pub fn prefilled(text: impl Into<String>) -> Self {
        let mut input = Self::with_text(text);
        input.select_all();
        input
    }

    /// Selects the whole text (nothing when it is empty).
    pub fn select_all(&mut self) {
        self.all_selected = !self.text.is_empty();
    }

    pub fn all_selected(&self) -> bool {
        self.all_selected
    }

    /// Drops a whole-text selection before an edit: the edit replaces it.
    fn take_selection(&mut self) {
        if std::mem::take(&mut self.all_selected) {
            self.text.clear();
            self.cursor = 0;
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Replaces the text and puts the cursor at its end.
    pub fn set_text(&mut self, text: impl Into<String>) {
        *self = Self::with_text(text);
    }

    /// The cursor as a char index.
    pub fn cursor(&self) -> usize {
        self.text[..self.cursor].chars().count()
    }

    pub fn insert_char(&mut self, c: char) {
        self.take_selection();
        self.text.insert(self.cursor, c);
        self.cursor += c.len_utf8();
    }

    pub fn insert_str(&mut self, s: &str) {
        self.take_selection();
        self.text.insert_str(self.cursor, s);
        self.cursor += s.len();
    }

    fn prev_boundary(&self, from: usize) -> usize {
        self.text[..from]
            .char_indices()
            .next_back()
            .map_or(0, |(i, _)| i)
    }

    fn next_boundary(&self, from: usize) -> usize {
        self.text[from..]
            .chars()
            .next()
            .map_or(from, |c| from + c.len_utf8())
    }

    /// Start of the word before the cursor (skipping spaces first), as in a
    /// shell's Ctrl-w.
    fn word_left(&self) -> usize {
        let before = &self.text[..self.cursor];
        let trimmed = before.trim_end_matches(|c: char| !is_word(c));
        trimmed
            .char_indices()
            .rev()
            .find(|&(_, c)| !is_word(c))
            .map_or(0, |(i, c)| i + c.len_utf8())
    }

    fn word_right(&self) -> usize {
        let after = &self.text[self.cursor..];
        let skip_space = after.len() - after.trim_start_matches(|c: char| !is_word(c)).len();
        let rest = &after[skip_space..];
        let word = rest.find(|c: char| !is_word(c)).unwrap_or(rest.len());
        self.cursor + skip_space + word
    }

    fn delete(&mut self, from: usize, to: usize) -> InputOutcome {
        if from == to {
            return InputOutcome::Moved;
        }
        self.text.replace_range(from..to, "");
        self.cursor = from;
        InputOutcome::Changed
    }

    fn move_to(&mut self, to: usize) -> InputOutcome {
        self.cursor = to;
        InputOutcome::Moved
    }

    pub fn handle_key(&mut self, key: KeyEvent) -> InputOutcome {
        if key.kind == KeyEventKind::Release {
            return InputOutcome::Ignored;
        }
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        if self.all_selected {
            match key.code {
                KeyCode::Backspace | KeyCode::Delete => {
                    self.take_selection();
                    return InputOutcome::Changed;
                }
                KeyCode::Char('w' | 'h') if ctrl && !alt => {
                    self.take_selection();
                    return InputOutcome::Changed;
                }
                // Left and Home go to the start, Right and End to the end:
                // the text stays, the selection ends.
                KeyCode::Left | KeyCode::Home => {
                    self.all_selected = false;
                    return self.move_to(0);
                }
                KeyCode::Right | KeyCode::End => {
                    self.all_selected = false;
                    return self.move_to(self.text.len());
                }
                // Ctrl-u, Ctrl-k, word moves: as without a selection.
                KeyCode::Char(_) if ctrl != alt => self.all_selected = false,
                _ => {}
            }
        }
        match key.code {
            // AltGr arrives as Ctrl+Alt on Windows: '@' or '€' are text.
            KeyCode::Char(c) if ctrl == alt => {
                self.insert_char(c);
                InputOutcome::Changed
            }
            KeyCode::Char('w') if ctrl => self.delete(self.word_left(), self.cursor),
            KeyCode::Backspace if ctrl || alt => self.delete(self.word_left(), self.cursor),
            KeyCode::Char('u') if ctrl => {
                let len = self.text.len();
                self.delete(0, len)
            }
            KeyCode::Char('k') if ctrl => {
                let len = self.text.len();
                self.delete(self.cursor, len)
            }
            KeyCode::Backspace | KeyCode::Char('h') if key.code == KeyCode::Backspace || ctrl => {
                self.delete(self.prev_boundary(self.cursor), self.cursor)
            }
            KeyCode::Delete => self.delete(self.cursor, self.next_boundary(self.cursor)),
            KeyCode::Left if ctrl || alt => self.move_to(self.word_left()),
            KeyCode::Right if ctrl || alt => self.move_to(self.word_right()),
            KeyCode::Char('b') if alt => self.move_to(self.word_left()),
            KeyCode::Char('f') if alt => self.move_to(self.word_right()),
            KeyCode::Left => self.move_to(self.prev_boundary(self.cursor)),
            KeyCode::Right => self.move_to(self.next_boundary(self.cursor)),
            KeyCode::Home => self.move_to(0),
            KeyCode::End => self.move_to(self.text.len()),
            _ => InputOutcome::Ignored,
        }
    }

    /// Draws the part of the text around the cursor that fits on the first
    /// row of `area`; returns where the terminal cursor belongs (for
    /// `frame.set_cursor_position`), or `None` when nothing fits.
    pub fn render(&self, frame: &mut Frame, area: Rect, style: Style) -> Option<Position> {
        let area = area.intersection(frame.area());
        if area.width == 0 || area.height == 0 {
            return None;
        }
        let (visible, col) = self.visible(usize::from(area.width));
        let buf = frame.buffer_mut();
        buf.set_style(Rect { height: 1, ..area }, style);
        // A selected default is drawn reversed against the field (also
        // when the field itself is drawn reversed, as without colours).
        let reversed = ratatui::style::Modifier::REVERSED;
        let text_style = match self.all_selected {
            false => style,
            true if style.add_modifier.contains(reversed) => style.remove_modifier(reversed),
            true => style.add_modifier(reversed),
        };
        buf.set_stringn(
            area.x,
            area.y,
            &visible,
            usize::from(area.width),
            text_style,
        );
        let col = u16::try_from(col).unwrap_or(u16::MAX).min(area.width - 1);
        Some(Position::new(area.x + col, area.y))
    }

    /// The whole text as drawn: line breaks as ⏎, controls as U+FFFD.
    pub fn display(&self) -> String {
        self.text.chars().map(shown).collect()
    }

    /// The drawn text that fits in `width` columns with the cursor in view,
    /// and the cursor's column within it.
    pub fn visible(&self, width: usize) -> (String, usize) {
        if width == 0 {
            return (String::new(), 0);
        }
        let shown: Vec<(char, usize)> = self
            .text
            .chars()
            .map(|c| {
                let d = shown(c);
                (d, d.width().unwrap_or(0))
            })
            .collect();
        let at = self.cursor();
        // Keep one column free after the cursor for the cursor itself.
        let mut start = 0;
        let mut before: usize = shown[..at].iter().map(|x| x.1).sum();
        while before >= width && start < at {
            before -= shown[start].1;
            start += 1;
        }
        let mut out = String::new();
        let mut used = 0;
        for &(c, w) in &shown[start..] {
            if used + w > width {
                break;
            }
            used += w;
            out.push(c);
        }
        (out, before)
    }
}

#[cfg(test)]
mod tests;
