//! Issue 10 point 14: paste works in every prompt (evidence, dates, values,
//! paths), not only in forms; a prompt's default is replaced by what is
//! typed or pasted, not appended to, and so is a number field's value.

mod common;

use common::app;

use bearing::model::HypothesisStatus;
use bearing::tui::app::{App, Mode};
use bearing::tui::handle_paste;
use common::day;
use common::keys::{press, type_text};

fn prompt_text(app: &App) -> String {
    let Mode::Prompt(p) = &app.mode else {
        panic!("no prompt open: {:?}", app.mode)
    };
    p.input.text().to_owned()
}

#[test]
fn typing_replaces_a_prompts_default() {
    let mut app = app();
    press(&mut app, "4 s");
    assert_eq!(prompt_text(&app), "2026-12-04", "the default is shown");
    type_text(&mut app, "2026-12-24");
    assert_eq!(prompt_text(&app), "2026-12-24");
    press(&mut app, "<Enter>");
    assert_eq!(
        app.plan().hypothesis("H-00005").unwrap().review_by,
        Some(day("2026-12-24"))
    );
}

#[test]
fn cursor_keys_keep_the_default_for_editing() {
    let mut app = app();
    press(&mut app, "4 s <End> <BS>");
    type_text(&mut app, "5");
    assert_eq!(prompt_text(&app), "2026-12-05");
    press(&mut app, "<Enter>");
    assert_eq!(
        app.plan().hypothesis("H-00005").unwrap().review_by,
        Some(day("2026-12-05"))
    );
}

#[test]
fn paste_goes_into_the_evidence_prompt_as_one_line() {
    let mut app = app();
    press(&mut app, "4 l v");
    handle_paste(&mut app, "conversion +12%\r\nover 3 weeks\n");
    assert_eq!(prompt_text(&app), "conversion +12% over 3 weeks");
    assert!(
        matches!(app.mode, Mode::Prompt(_)),
        "a pasted line break never answers"
    );
    press(&mut app, "<Enter>");
    let h = app.plan().hypothesis("H-00001").unwrap();
    assert_eq!(h.status, HypothesisStatus::Validated);
    assert_eq!(h.evidence, "conversion +12% over 3 weeks");
}

#[test]
fn paste_replaces_a_default_date_and_fills_a_value() {
    let mut app = app();
    press(&mut app, "4 s");
    handle_paste(&mut app, "2027-01-05\n");
    press(&mut app, "<Enter>");
    assert_eq!(
        app.plan().hypothesis("H-00005").unwrap().review_by,
        Some(day("2027-01-05"))
    );

    let mut app = self::app();
    press(&mut app, "5 j c");
    handle_paste(&mut app, "15.5");
    press(&mut app, "<Enter>");
    handle_paste(&mut app, "2026-11-19");
    press(&mut app, "<Enter>");
    let kr = app.plan().key_result("KR-00001").unwrap();
    assert_eq!(kr.current, 15.5);
    assert_eq!(kr.checkins.last().unwrap().date, day("2026-11-19"));
}

#[test]
fn paste_replaces_an_export_path() {
    let mut app = app();
    press(&mut app, "4 L");
    assert!(
        prompt_text(&app).ends_with("learning-log.md"),
        "{}",
        prompt_text(&app)
    );
    handle_paste(&mut app, "/tmp/elsewhere.md");
    assert_eq!(prompt_text(&app), "/tmp/elsewhere.md");
}

#[test]
fn typing_replaces_a_number_fields_value() {
    let mut app = app();
    press(&mut app, "2");
    assert_eq!(app.selected_id().as_deref(), Some("D-00008"));
    press(&mut app, "e");
    for _ in 0..20 {
        let Mode::Form(state) = &app.mode else {
            panic!("the edit form is open")
        };
        if state.form.fields[state.form.focus()].key == "effort" {
            break;
        }
        press(&mut app, "<Tab>");
    }
    // D-00008's effort is 1: typing 8 makes it 8, not 18.
    type_text(&mut app, "8");
    press(&mut app, "<Enter>");
    assert_eq!(app.plan().debt("D-00008").unwrap().effort, Some(8));
}

fn render(app: &App, w: u16, h: u16) -> String {
    let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
    term.draw(|f| bearing::tui::views::draw(f, app)).unwrap();
    term.backend().to_string()
}

/// Issue 13: the `I` prompt's hint was cut at 120 columns; it wraps in
/// the box now, whole at 120 and at 80.
#[test]
fn snapshot_import_prompt_hint_is_whole() {
    let mut app = app();
    app.theme = bearing::tui::theme::Theme::plain();
    press(&mut app, "2 I");
    for (w, h) in [(120, 40), (80, 24)] {
        let screen = render(&app, w, h);
        assert!(screen.contains("read from the file"), "{screen}");
        insta::assert_snapshot!(format!("import_prompt_{w}x{h}"), screen);
    }
}
