//! The UI's export prompts (Sprints `E`, Board `L`) never write over the
//! plan: the path is refused, the prompt stays open, the file is as it was.

mod common;

use common::message;

use common::keys::{press, type_text};

use bearing::tui::NoPersist;
use bearing::tui::app::{App, Message, Mode};
use common::{fixture, today};

#[test]
fn an_export_path_naming_the_plan_is_refused_and_the_plan_kept() {
    let dir = tempfile::tempdir().unwrap();
    let plan_path = dir.path().join("bearing.ron");
    let text = bearing::store::render(&fixture()).unwrap();
    std::fs::write(&plan_path, &text).unwrap();
    std::fs::create_dir(dir.path().join("docs")).unwrap();
    let mut app = App::new(fixture(), today(), false, Box::new(NoPersist::memory()));
    app.export_dir = Some(dir.path().to_path_buf());
    app.plan_path = Some(plan_path.clone());

    // The sprint export, by the plan's own path and by one through `..`.
    for target in [
        plan_path.display().to_string(),
        dir.path().join("docs/../bearing.ron").display().to_string(),
    ] {
        press(&mut app, "3 g j E <Enter> <C-u>");
        type_text(&mut app, &target);
        press(&mut app, "<Enter>");
        assert!(matches!(app.mode, Mode::Prompt(_)), "the prompt stays open");
        assert!(matches!(app.message, Some(Message::Error(_))));
        assert!(
            message(&app).contains("the plan file itself"),
            "{}",
            message(&app)
        );
        press(&mut app, "<Esc>");
        assert_eq!(std::fs::read_to_string(&plan_path).unwrap(), text);
    }

    // The learning log from the board, likewise.
    press(&mut app, "4 L <C-u>");
    type_text(&mut app, &plan_path.display().to_string());
    press(&mut app, "<Enter>");
    assert!(matches!(app.mode, Mode::Prompt(_)));
    assert!(
        message(&app).contains("the plan file itself"),
        "{}",
        message(&app)
    );
    press(&mut app, "<Esc>");
    assert_eq!(std::fs::read_to_string(&plan_path).unwrap(), text);

    // Any other path is written as before.
    press(&mut app, "3 g j E <Enter> <Enter>");
    assert_eq!(app.mode, Mode::Normal, "{}", message(&app));
    assert!(dir.path().join("sprint-47.md").exists());
}

/// Sprints `E` offers the stakeholder report too: `html` writes the whole
/// plan as one page, by default `report.html` beside the plan, and says where.
#[test]
fn the_export_key_writes_the_html_report_and_says_where() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = App::new(fixture(), today(), false, Box::new(NoPersist::memory()));
    app.export_dir = Some(dir.path().to_path_buf());
    press(&mut app, "3 g j E");
    let Mode::Prompt(p) = &app.mode else {
        panic!("asks the format")
    };
    assert!(p.hint.contains("html"), "{}", p.hint);
    press(&mut app, "<C-u>");
    type_text(&mut app, "html");
    press(&mut app, "<Enter>");
    let Mode::Prompt(p) = &app.mode else {
        panic!("asks the path")
    };
    let want = dir.path().join("report.html");
    assert_eq!(p.input.text(), want.display().to_string());
    press(&mut app, "<Enter>");
    assert_eq!(app.mode, Mode::Normal, "{}", message(&app));
    assert_eq!(
        message(&app),
        format!("wrote the report (html) to {}", want.display())
    );
    let page = std::fs::read_to_string(&want).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"), "{page}");
    assert!(page.contains("Weekly active teams shipping on Fridays"));
}
