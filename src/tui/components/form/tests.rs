//! Unit tests, compiled only under `#[cfg(test)] mod tests;` in the parent:
//! unwrap() here is on fixtures the test builds, never on user input.

use super::*;
use crate::tui::components::Styles;
use crate::tui::components::testkit::{keys, render, render_cursor, text};

fn sample() -> Form {
    Form::new(
        "Add debt",
        vec![
            Field::new("title", "Title", FieldKind::Text).required(),
            Field::new("description", "Description", FieldKind::MultiLine),
            Field::new("risk", "Risk", FieldKind::Integer).with_value("0"),
            Field::new(
                "status",
                "Status",
                FieldKind::Choice(vec!["open", "in progress", "done", "won't fix"]),
            )
            .with_value("open"),
            Field::new("due", "Due", FieldKind::Date).hint("YYYY-MM-DD"),
        ],
    )
}

fn press(form: &mut Form, spec: &str) -> Vec<FormOutcome> {
    keys(spec).into_iter().map(|k| form.handle_key(k)).collect()
}

#[test]
fn typing_goes_to_the_focused_field() {
    let mut f = sample();
    press(&mut f, "Fix <Space> it <Tab> why <Tab> <BS> 3");
    assert_eq!(f.value("title"), "Fix it");
    assert_eq!(f.value("description"), "why");
    assert_eq!(f.value("risk"), "3");
    assert_eq!(f.focus(), 2);
    assert!(f.changed());
}

#[test]
fn tab_and_arrows_wrap_around() {
    let mut f = sample();
    press(&mut f, "<S-Tab>");
    assert_eq!(f.focus(), 4);
    press(&mut f, "<Down>");
    assert_eq!(f.focus(), 0);
    press(&mut f, "<Up> <Up>");
    assert_eq!(f.focus(), 3);
}

#[test]
fn enter_submits_and_esc_reports_changes() {
    let mut f = sample();
    assert_eq!(
        press(&mut f, "<Esc>"),
        [FormOutcome::CancelRequested { changed: false }]
    );
    assert_eq!(press(&mut f, "x <Enter>")[1], FormOutcome::Submit);
    assert_eq!(press(&mut f, "<C-s>"), [FormOutcome::Submit]);
    assert_eq!(
        press(&mut f, "<Esc>"),
        [FormOutcome::CancelRequested { changed: true }]
    );
    // Typing the value back is not a change.
    press(&mut f, "<BS>");
    assert!(!f.changed());
}

#[test]
fn choices_cycle_and_jump() {
    let mut f = sample();
    f.set_focus(3);
    press(&mut f, "<Right>");
    assert_eq!(f.value("status"), "in progress");
    press(&mut f, "<Left> <Left>");
    assert_eq!(f.value("status"), "won't fix");
    press(&mut f, "<Space>");
    assert_eq!(f.value("status"), "open");
    press(&mut f, "d");
    assert_eq!(f.value("status"), "done");
    // Letters that start no option and editing keys do nothing.
    press(&mut f, "z <BS> <C-u>");
    assert_eq!(f.value("status"), "done");
}

#[test]
fn multiline_fields_take_newlines_and_open_the_editor() {
    let mut f = sample();
    assert_eq!(press(&mut f, "<C-e>"), [FormOutcome::OpenEditor(0)]);
    press(&mut f, "<Tab> a <A-Enter> b");
    assert_eq!(f.value("description"), "a\nb");
    assert_eq!(press(&mut f, "<C-e>"), [FormOutcome::OpenEditor(1)]);
    f.set_value(1, "from the editor\nsecond line");
    assert_eq!(f.value("description"), "from the editor\nsecond line");
    // Ctrl-e on a number does nothing; it is not a text to write at length.
    f.set_focus(2);
    assert_eq!(press(&mut f, "<C-e>"), [FormOutcome::None]);
}

#[test]
fn errors_attach_to_fields_and_clear_on_edit() {
    let mut f = sample();
    f.set_error("risk", "must be 0–5, got 7");
    f.set_error("risk", "second error is dropped");
    f.set_error("key_results", "no key result with id KR-X");
    assert_eq!(f.fields[2].error.as_deref(), Some("must be 0–5, got 7"));
    assert_eq!(
        f.form_error.as_deref(),
        Some("key_results: no key result with id KR-X")
    );
    f.focus_first_error();
    assert_eq!(f.focus(), 2);
    press(&mut f, "<Left>");
    assert!(
        f.fields[2].error.is_some(),
        "moving the cursor keeps the error"
    );
    press(&mut f, "1");
    assert!(f.fields[2].error.is_none());
    assert!(f.has_errors());
    f.clear_errors();
    assert!(!f.has_errors());
}

#[test]
fn renders_labels_values_errors_and_cursor() {
    let mut f = sample();
    press(&mut f, "Fix <Space> it");
    f.set_error("risk", "must be 0–5");
    press(&mut f, "<Left>");
    let (buf, cursor) = render_cursor(60, 12, |fr| f.render(fr, fr.area(), &Styles::plain()));
    let lines = text(&buf);
    let joined = lines.join("\n");
    // 8 rows of popup centred in 12: the border is on row 2, the title on 3.
    assert!(lines[2].starts_with("┌ Add debt ─"), "{joined}");
    // Label column: "Description" + 2 = 13 wide, after the border at x=0.
    assert_eq!(cursor, Some(ratatui::layout::Position::new(1 + 13 + 5, 3)));
    assert!(joined.contains("Title*       Fix it"), "{joined}");
    assert!(joined.contains("Risk         0"), "{joined}");
    assert!(joined.contains("✗ must be 0–5"), "{joined}");
    assert!(joined.contains("Due          (YYYY-MM-DD)"), "{joined}");
    assert!(joined.contains("Enter save · Esc cancel"), "{joined}");
}

#[test]
fn scrolls_to_the_focused_field() {
    let mut f = sample();
    f.set_focus(4);
    // 7 rows: border, 2 fields, footer, border.
    let buf = render(50, 5, |fr| f.render(fr, fr.area(), &Styles::plain()));
    let lines = text(&buf);
    let joined = lines.join("\n");
    assert!(joined.contains("Due"), "{joined}");
    assert!(!joined.contains("Title"), "{joined}");
    assert!(lines[1].ends_with("↑│"), "{joined}");
    assert!(!joined.contains('↓'), "{joined}");
    f.set_focus(0);
    let buf = render(50, 5, |fr| f.render(fr, fr.area(), &Styles::plain()));
    let lines = text(&buf);
    assert!(lines[2].ends_with("↓│"), "{}", lines.join("\n"));
}

#[test]
fn renders_at_every_size() {
    let mut f = sample();
    f.set_error("title", "must not be empty");
    f.set_error("nowhere", "a whole-form problem");
    for w in 1..=40u16 {
        for h in 1..=15u16 {
            for focus in [0, 3, 4] {
                f.set_focus(focus);
                let buf = render(w, h, |fr| f.render(fr, fr.area(), &Styles::color()));
                assert_eq!((buf.area.width, buf.area.height), (w, h));
            }
        }
    }
    // Big enough: every field label is on screen.
    let buf = render(40, 15, |fr| f.render(fr, fr.area(), &Styles::color()));
    let joined = text(&buf).join("\n");
    for label in ["Title", "Description", "Risk", "Status", "Due"] {
        assert!(joined.contains(label), "{label} in\n{joined}");
    }
}

#[test]
fn paste_keeps_newlines_only_where_they_belong() {
    let mut f = sample();
    f.paste("two\nlines");
    assert_eq!(f.value("title"), "two lines");
    f.set_focus(1);
    f.paste("a\r\nb");
    assert_eq!(f.value("description"), "a\nb");
    f.set_focus(3);
    f.paste("nope");
    assert_eq!(f.value("status"), "open");
}
