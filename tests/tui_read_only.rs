//! Issue 11 point 2: the read-only rule is checked once, from the action
//! (`Action::mutates`), so every action that would change the plan is
//! refused the same way — with the reason — wherever it comes from (a key,
//! or the palette), and nothing is asked first.

mod common;

use bearing::tui::action::{Action, View};
use bearing::tui::app::{App, Message, Mode};
use bearing::tui::{NoPersist, handle, keymap};
use common::keys::{press, type_text};
use common::{fixture, today};

const WHY: &str = "another bearing has bearing.ron open";

fn read_only() -> App {
    let mut app = App::new(fixture(), today(), true, Box::new(NoPersist::demo()));
    app.read_only_why = Some(WHY.to_owned());
    app
}

fn refused(app: &App) -> bool {
    app.mode == Mode::Normal
        && **app.plan() == fixture()
        && app.message == Some(Message::Error(format!("read-only: {WHY}")))
}

#[test]
fn every_mutating_action_of_every_view_is_refused_with_the_reason() {
    let mut seen = 0;
    for view in View::ALL {
        for entry in keymap::palette(view) {
            let action = entry.command.action;
            if !action.mutates() {
                continue;
            }
            let mut app = read_only();
            handle(&mut app, Action::GoTo(entry.view.unwrap_or(view)));
            handle(&mut app, action);
            assert!(refused(&app), "{action:?} in {view:?}: {:?}", app.message);
            seen += 1;
        }
    }
    assert!(seen > 20, "only {seen} mutating actions bound");
}

#[test]
fn importing_is_refused_like_every_other_edit() {
    // It used to say its own "nothing was imported", without the reason.
    let mut app = read_only();
    press(&mut app, "2 I");
    assert!(refused(&app), "{:?}", app.message);
}

#[test]
fn the_palette_cannot_run_around_the_rule() {
    let mut app = read_only();
    press(&mut app, "2 :");
    type_text(&mut app, "cycle status");
    press(&mut app, "<Enter>");
    assert!(refused(&app), "{:?}", app.message);
}

#[test]
fn what_does_not_change_the_plan_still_works_read_only() {
    for action in [
        Action::Search,
        Action::Palette,
        Action::ExportSprint,
        Action::LearningLog,
        Action::Sort,
        Action::Filter,
    ] {
        assert!(!action.mutates(), "{action:?}");
    }
    let mut app = read_only();
    press(&mut app, "3 E");
    assert!(matches!(app.mode, Mode::Prompt(_)), "{:?}", app.mode);
}
