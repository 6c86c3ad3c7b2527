//! `n` in the sprint view renames the selected sprint through a one-line
//! prompt: the first action added after issue 11's routing change, as the
//! proof that a prompt-driven action touches action.rs, the keymap and its
//! own module only.

mod common;

use common::message;

use bearing::tui::app::{App, Message, Mode};
use bearing::tui::{NoPersist, keymap};
use common::keys::{press, type_text};
use common::{fixture, today};

fn app(read_only: bool) -> App {
    App::new(fixture(), today(), read_only, Box::new(NoPersist::memory()))
}

fn selected_sprint(app: &App) -> (String, String) {
    let id = app.selected_id().expect("a sprint is selected");
    let name = app.plan().sprint(&id).unwrap().name.clone();
    (id, name)
}

#[test]
fn n_renames_the_selected_sprint_in_one_undo_step() {
    let mut app = app(false);
    press(&mut app, "3");
    let (id, old) = selected_sprint(&app);
    press(&mut app, "n");
    let Mode::Prompt(p) = &app.mode else {
        panic!("no prompt: {:?}", app.mode)
    };
    assert_eq!(p.input.text(), old, "the current name is the default");
    assert!(p.title.contains(&id), "{}", p.title);
    // Typing replaces the selected default.
    type_text(&mut app, "  Hardening week  ");
    press(&mut app, "<Enter>");
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(selected_sprint(&app), (id.clone(), "Hardening week".into()));
    assert!(
        message(&app).contains(&format!("renamed {id}")),
        "{}",
        message(&app)
    );
    press(&mut app, "u");
    assert_eq!(selected_sprint(&app), (id, old));
}

#[test]
fn an_empty_name_is_refused_and_the_prompt_stays() {
    let mut app = app(false);
    press(&mut app, "3");
    let (id, old) = selected_sprint(&app);
    press(&mut app, "n <BS> <Enter>");
    let Mode::Prompt(p) = &app.mode else {
        panic!("the prompt closed: {:?}", app.mode)
    };
    assert!(
        p.error.as_deref().is_some_and(|e| e.contains("empty")),
        "{:?}",
        p.error
    );
    assert!(matches!(app.message, Some(Message::Error(_))));
    assert_eq!(selected_sprint(&app), (id, old));
    press(&mut app, "<Esc>");
    assert_eq!(app.mode, Mode::Normal);
}

#[test]
fn the_same_name_changes_nothing() {
    let mut app = app(false);
    press(&mut app, "3 n <Enter>");
    assert!(
        message(&app).contains("nothing changed"),
        "{}",
        message(&app)
    );
    press(&mut app, "u");
    assert_eq!(message(&app), "nothing to undo");
}

#[test]
fn read_only_refuses_before_asking() {
    let mut app = app(true);
    press(&mut app, "3 n");
    assert_eq!(app.mode, Mode::Normal);
    assert!(message(&app).starts_with("read-only"), "{}", message(&app));
}

#[test]
fn the_palette_and_the_help_list_it() {
    let labels: Vec<String> = keymap::palette(bearing::tui::action::View::Sprints)
        .into_iter()
        .map(|e| e.label)
        .collect();
    assert!(
        labels.iter().any(|l| l == "rename the sprint"),
        "{labels:?}"
    );
}
