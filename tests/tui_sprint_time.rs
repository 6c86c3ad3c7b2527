//! Sprints in time from the keyboard: an overdue sprint says so in the
//! overview and the sprint view, a questionable start asks y/n, a cancel
//! asks, sends the items back and undoes as one step.

mod common;

use common::message;

use bearing::model::SprintState;
use bearing::tui::NoPersist;
use bearing::tui::app::{App, Message, Mode};
use chrono::NaiveDate;
use common::fixture;
use common::keys::{press, type_text};

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn app_at(today: &str) -> App {
    App::new(fixture(), day(today), false, Box::new(NoPersist::memory()))
}

fn screen(app: &App, w: u16, h: u16) -> String {
    let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
    term.draw(|f| bearing::tui::views::draw(f, app)).unwrap();
    term.backend().to_string()
}

fn state(app: &App, sprint: &str) -> SprintState {
    app.plan().sprint(sprint).unwrap().state
}

#[test]
fn an_overdue_sprint_says_ended_n_days_ago_in_every_view() {
    // The active S-00001 ends 2026-11-27; a week past every end date.
    let mut app = app_at("2026-12-18");
    let overview = screen(&app, 120, 40);
    assert!(
        overview.contains("ended 21 days ago — close it"),
        "{overview}"
    );
    assert!(!overview.contains("0 days left"), "{overview}");
    press(&mut app, "3");
    let sprints = screen(&app, 160, 30);
    assert!(
        sprints.contains("active, ended 21 days ago — close it"),
        "{sprints}"
    );
    assert!(sprints.contains("window ended 7 days ago"), "{sprints}");
    let one = app_at("2026-11-28");
    assert!(screen(&one, 120, 40).contains("ended 1 day ago — close it"));
}

#[test]
fn starting_an_empty_sprint_outside_its_window_asks_first() {
    let mut app = app_at("2026-11-20");
    // Close the active sprint with nothing done, empty the next one.
    press(&mut app, "3 C <Enter>");
    assert_eq!(state(&app, "S-00001"), SprintState::Closed);
    press(&mut app, "j S");
    let Mode::Confirm(p) = &app.mode else {
        panic!("expected a y/n question, got {:?}", app.mode)
    };
    assert!(
        p.prompt
            .contains("today (2026-11-20) is before its window opens (2026-11-30, in 10 days)")
            && p.prompt.contains("over capacity"),
        "{}",
        p.prompt
    );
    press(&mut app, "n");
    assert_eq!(state(&app, "S-00002"), SprintState::Planned);
    press(&mut app, "S y");
    assert_eq!(state(&app, "S-00002"), SprintState::Active);
}

#[test]
fn cancel_asks_sends_items_back_and_undoes() {
    let mut app = app_at("2026-11-20");
    press(&mut app, "3 X");
    let Mode::Confirm(p) = &app.mode else {
        panic!("expected a y/n question, got {:?}", app.mode)
    };
    assert!(
        p.prompt
            .starts_with("Cancel S-00001? Its 2 items go back to the backlog"),
        "{}",
        p.prompt
    );
    press(&mut app, "y");
    assert_eq!(state(&app, "S-00001"), SprintState::Cancelled);
    assert!(app.plan().open_sprint_of("D-00001").is_none());
    assert!(
        message(&app).contains("cancelled S-00001 (Sprint 47); 2 items back to the backlog"),
        "{}",
        message(&app)
    );
    let shown = screen(&app, 160, 30);
    assert!(shown.contains("cancelled 2026-11-20"), "{shown}");
    press(&mut app, "u");
    assert_eq!(state(&app, "S-00001"), SprintState::Active);
    assert_eq!(
        app.plan().sprint("S-00001").unwrap().items,
        ["D-00001", "D-00004"]
    );
    // A closed sprint cannot be cancelled.
    press(&mut app, "k X");
    assert!(matches!(app.message, Some(Message::Error(_))));
    assert!(message(&app).contains("only a planned or active sprint can be cancelled"));
}

#[test]
fn the_demo_says_which_date_it_shows() {
    let app = App::new(
        fixture(),
        day("2026-11-20"),
        true,
        Box::new(NoPersist::demo_as_of(day("2026-11-20"))),
    );
    let shown = screen(&app, 120, 40);
    assert!(
        shown.contains("demo · as of 2026-11-20 (read-only)"),
        "{shown}"
    );
}

#[test]
fn a_sprint_form_that_overlaps_says_so_when_saved() {
    let mut app = app_at("2026-11-20");
    // The form's default window (today + 13 days) overlaps both open sprints.
    press(&mut app, "3 a");
    assert!(matches!(app.mode, Mode::Form(_)), "{:?}", app.mode);
    type_text(&mut app, "Overlap");
    press(&mut app, "<Tab> <Tab> <Tab>");
    type_text(&mut app, "5");
    press(&mut app, "<Enter>");
    assert_eq!(app.mode, Mode::Normal, "{}", message(&app));
    assert!(
        message(&app)
            .contains("— warning: sprint \"Overlap\" (2026-11-20 → 2026-12-03) overlaps S-00001"),
        "{}",
        message(&app)
    );
    assert!(
        message(&app).contains("overlaps S-00002"),
        "{}",
        message(&app)
    );
}
