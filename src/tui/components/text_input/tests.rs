//! TextInput's editing, selection and drawing rules.

use super::*;
use crate::tui::components::testkit::{keys, render, text};

fn typed(spec: &str) -> TextInput {
    let mut t = TextInput::new();
    for k in keys(spec) {
        t.handle_key(k);
    }
    t
}

fn apply(t: &mut TextInput, spec: &str) -> Vec<InputOutcome> {
    keys(spec).into_iter().map(|k| t.handle_key(k)).collect()
}

#[test]
fn typing_and_moving() {
    let mut t = typed("héllo");
    assert_eq!(t.text(), "héllo");
    assert_eq!(t.cursor(), 5);
    apply(&mut t, "<Left> <Left> X");
    assert_eq!(t.text(), "hélXlo");
    apply(&mut t, "<Home> <Del> <End> <BS>");
    assert_eq!(t.text(), "élXl");
    apply(&mut t, "<Home> <Left> <BS>");
    assert_eq!((t.text(), t.cursor()), ("élXl", 0));
    apply(&mut t, "<End> <Right> <Del>");
    assert_eq!((t.text(), t.cursor()), ("élXl", 4));
}

#[test]
fn multibyte_boundaries() {
    let mut t = TextInput::with_text("日本語🎉");
    assert_eq!(apply(&mut t, "<BS>"), [InputOutcome::Changed]);
    assert_eq!(t.text(), "日本語");
    apply(&mut t, "<Left> <BS> x");
    assert_eq!(t.text(), "日x語");
    assert_eq!(t.cursor(), 2);
}

#[test]
fn word_and_line_kills() {
    let mut t = TextInput::with_text("rotate the  api keys ");
    apply(&mut t, "<C-w>");
    assert_eq!(t.text(), "rotate the  api ");
    apply(&mut t, "<C-w> <C-w>");
    assert_eq!(t.text(), "rotate ");
    apply(&mut t, "<Home> <C-Right>");
    assert_eq!(t.cursor(), 6);
    apply(&mut t, "<C-k>");
    assert_eq!(t.text(), "rotate");
    apply(&mut t, "<C-Left> <C-Left>");
    assert_eq!(t.cursor(), 0);
    assert_eq!(apply(&mut t, "<C-u>"), [InputOutcome::Changed]);
    assert!(t.is_empty());
    assert_eq!(apply(&mut t, "<C-u> <BS>"), [InputOutcome::Moved; 2]);
}

#[test]
fn altgr_characters_are_text() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let mut t = TextInput::new();
    let altgr = KeyModifiers::CONTROL | KeyModifiers::ALT;
    t.handle_key(KeyEvent::new(KeyCode::Char('@'), altgr));
    t.handle_key(KeyEvent::new(KeyCode::Char('A'), KeyModifiers::SHIFT));
    assert_eq!(t.text(), "@A");
}

#[test]
fn leaves_form_keys_to_the_caller() {
    let mut t = TextInput::with_text("x");
    let out = apply(
        &mut t,
        "<Tab> <S-Tab> <Enter> <Esc> <C-e> <Up> <Down> <C-s>",
    );
    assert!(out.iter().all(|o| *o == InputOutcome::Ignored), "{out:?}");
    assert_eq!(t.text(), "x");
}

#[test]
fn a_selected_default_is_replaced_by_what_is_typed() {
    let mut t = TextInput::prefilled("2026-11-20");
    assert!(t.all_selected());
    assert_eq!(apply(&mut t, "2"), [InputOutcome::Changed]);
    assert_eq!((t.text(), t.cursor()), ("2", 1));
    apply(&mut t, "0 2 7");
    assert_eq!(t.text(), "2027", "only the first key replaces");

    let mut t = TextInput::prefilled("0");
    t.insert_str("12");
    assert_eq!(t.text(), "12", "a paste replaces it too");

    let mut t = TextInput::prefilled("draft.md");
    apply(&mut t, "<BS>");
    assert!(t.is_empty());

    // Cursor keys keep the text and end the selection.
    let mut t = TextInput::prefilled("sprint.md");
    apply(&mut t, "<Home> x");
    assert_eq!(t.text(), "xsprint.md");
    let mut t = TextInput::prefilled("sprint.md");
    apply(&mut t, "<Left> <BS>");
    assert_eq!(t.text(), "sprint.md", "Left goes to the start");
    let mut t = TextInput::prefilled("out");
    apply(&mut t, "<End> s");
    assert_eq!(t.text(), "outs");
    // Nothing to select in an empty default.
    assert!(!TextInput::prefilled("").all_selected());
}

#[test]
fn scrolls_to_keep_the_cursor_in_view() {
    let t = TextInput::with_text("abcdefghij");
    assert_eq!(t.visible(20), ("abcdefghij".into(), 10));
    // The cursor at the end needs a free column: the view starts at "e".
    assert_eq!(t.visible(6), ("fghij".into(), 5));
    let mut t = t;
    apply(&mut t, "<Home>");
    assert_eq!(t.visible(6), ("abcdef".into(), 0));
    // Wide chars: three 2-column chars, cursor at the end, 4 columns.
    let t = TextInput::with_text("日本語");
    assert_eq!(t.visible(4), ("語".into(), 2));
}

#[test]
fn draws_controls_inert() {
    let t = TextInput::with_text("a\nb\u{1b}[31mc");
    let (shown, col) = t.visible(40);
    assert_eq!(shown, "a⏎b\u{FFFD}[31mc");
    assert_eq!(col, 9);
    let buf = render(12, 1, |f| {
        let pos = t.render(f, f.area(), Style::new());
        assert_eq!(pos, Some(Position::new(9, 0)));
    });
    assert_eq!(text(&buf), ["a⏎b\u{FFFD}[31mc   "]);
}

#[test]
fn renders_at_every_size() {
    let t = TextInput::with_text("日本語 and some text\n");
    for w in 0..30u16 {
        for h in 0..3u16 {
            let area = Rect::new(0, 0, w, h);
            let buf = render(w.max(1), h.max(1), |f| {
                let pos = t.render(f, area, Style::new());
                if w == 0 || h == 0 {
                    assert_eq!(pos, None);
                } else {
                    let p = pos.unwrap();
                    assert!(p.x < w && p.y == 0, "{w}x{h}: {p:?}");
                }
            });
            assert_eq!(buf.area.width, w.max(1));
        }
    }
}

#[test]
fn a_selected_default_is_drawn_against_the_field() {
    use ratatui::style::Modifier;
    let field = Style::new().add_modifier(Modifier::REVERSED);
    let t = TextInput::prefilled("2026");
    let buf = render(8, 1, |f| {
        t.render(f, f.area(), field);
    });
    assert!(!buf[(0, 0)].modifier.contains(Modifier::REVERSED));
    assert!(
        buf[(6, 0)].modifier.contains(Modifier::REVERSED),
        "the rest of the field"
    );
    let mut t = t;
    t.handle_key(keys("<End>")[0]);
    let buf = render(8, 1, |f| {
        t.render(f, f.area(), field);
    });
    assert!(
        buf[(0, 0)].modifier.contains(Modifier::REVERSED),
        "no selection: as the field"
    );
}
