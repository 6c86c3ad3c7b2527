//! Key-result check-ins from the keyboard: a date after today is refused in
//! the prompt, and a wrong check-in is taken back with `X` (asks y/n, `u`
//! undoes it).

mod common;

use common::{app, message};

use common::keys::{press, type_text};

use bearing::tui::NoPersist;
use bearing::tui::app::{App, Mode};
use common::{day, fixture, today};

fn current(app: &App) -> f64 {
    let kr = app.plan().key_result("KR-00001").unwrap();
    kr.current_at(app.today)
}

#[test]
fn a_check_in_dated_after_today_is_refused_in_the_prompt() {
    let mut app = app();
    // Outline: O-00001, KR-00001 …
    press(&mut app, "5 j c");
    type_text(&mut app, "15");
    press(&mut app, "<Enter> <C-u>");
    type_text(&mut app, "2026-11-21");
    press(&mut app, "<Enter>");
    assert!(
        message(&app).contains("after today (2026-11-20)"),
        "{}",
        message(&app)
    );
    assert!(
        matches!(app.mode, Mode::Prompt(_)),
        "the prompt stays open to fix the date"
    );
    assert_eq!(app.plan().key_result("KR-00001").unwrap().checkins.len(), 5);
}

#[test]
fn x_removes_the_latest_check_in_after_asking_and_u_brings_it_back() {
    let mut app = app();
    // KR-00001's check-ins run 3, 5, 8, 11 and 14 (on 2026-11-02).
    press(&mut app, "5 j X");
    let Mode::Confirm(p) = &app.mode else {
        panic!("asks first: {:?}", app.mode)
    };
    assert!(
        p.prompt.contains("KR-00001 on 2026-11-02: 14"),
        "{}",
        p.prompt
    );
    press(&mut app, "n");
    assert_eq!(current(&app), 14.0);
    press(&mut app, "X y");
    assert_eq!(current(&app), 11.0);
    assert!(
        message(&app).contains("current now 11 deploys"),
        "{}",
        message(&app)
    );
    assert_eq!(app.plan().key_result("KR-00001").unwrap().checkins.len(), 4);
    press(&mut app, "u");
    assert_eq!(current(&app), 14.0);
    let kr = app.plan().key_result("KR-00001").unwrap();
    assert_eq!(
        kr.checkins.last().map(|c| (c.date, c.value)),
        Some((day("2026-11-02"), 14.0))
    );
}

#[test]
fn x_on_an_objective_or_without_check_ins_says_why() {
    let mut plan = fixture();
    plan.key_results[0].checkins.clear();
    let mut app = App::new(plan, today(), false, Box::new(NoPersist::memory()));
    press(&mut app, "5 X");
    assert!(
        message(&app).contains("select a key result"),
        "{}",
        message(&app)
    );
    press(&mut app, "j X");
    assert!(
        message(&app).contains("no check-ins to remove"),
        "{}",
        message(&app)
    );
    assert!(matches!(app.mode, Mode::Normal));
}
