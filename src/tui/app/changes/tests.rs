//! The App over a real file: its edits go through the session's door, change
//! the plan in place (the writer keeps its own copy) and reach the file.
//! Compiled only under `#[cfg(test)] mod tests;` in the parent: unwrap()
//! here is on fixtures the test builds, never on user input.

use std::sync::Arc;

use crate::model::{Change, Item};
use crate::session::file_persist::FilePersist;
use crate::store;
use crate::tui::App;

/// Sets the first debt item's customer rating and saves, as a rating key does.
fn rate(app: &mut App, value: u8) {
    let mut debt = app.plan().debts[0].clone();
    debt.customer = value;
    app.apply(Change::new("rate").put(Item::Debt(debt)));
    app.save();
}

#[test]
fn the_apps_edits_change_the_sessions_plan_in_place_and_reach_the_file() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("bearing.ron");
    let plan = crate::synth::plan(300, 7);
    let fp = store::create(&path, &store::render(&plan).unwrap()).unwrap();
    let persist = FilePersist::new(path.clone(), fp, None);
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    let mut app = App::new(plan, today, false, Box::new(persist));
    // The writer has taken its copy: the plan is the App's own again.
    app.session.persist_mut().flush();
    rate(&mut app, 1);
    assert!(app.wait_saved());
    let shared = Arc::as_ptr(app.plan());
    rate(&mut app, 2);
    assert_eq!(Arc::as_ptr(app.plan()), shared, "no copy of the plan");
    assert_eq!(Arc::strong_count(app.plan()), 1, "nobody else holds it");
    assert!(app.wait_saved());
    assert_eq!(app.saved.as_ref().map(Result::is_ok), Some(true));
    assert!(!app.dirty());
    assert_eq!(store::load(&path).unwrap().plan, **app.plan());
    // An undo goes through the same door and reaches the file too.
    assert_eq!(app.undo_redo(true).as_deref(), Some("rate"));
    assert!(app.dirty());
    app.save();
    assert!(app.wait_saved());
    assert_eq!(store::load(&path).unwrap().plan.debts[0].customer, 1);
}
