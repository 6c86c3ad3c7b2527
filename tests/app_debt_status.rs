//! Issue 10 point 7: status cycling acts on the item you chose. An item
//! that becomes *done* under the default filter (open + in progress) stays
//! listed, in its row and selected, until the cursor moves; the next `x`
//! changes it again, never the item that would have slid under the cursor.

mod common;

use common::{app, debt_rows};

use bearing::model::DebtStatus;
use bearing::tui::action::Action;
use bearing::tui::app::App;
use bearing::tui::handle;
use common::keys::press;

fn status(app: &App, id: &str) -> DebtStatus {
    app.plan().debt(id).unwrap().status
}

#[test]
fn x_keeps_acting_on_the_item_that_became_done() {
    let mut app = app();
    press(&mut app, "2 j");
    let before = debt_rows(&app)
        .iter()
        .map(|s| s.to_string())
        .collect::<Vec<_>>();
    assert_eq!(before[..3], ["D-00008", "D-00002", "D-00001"]);
    assert_eq!(status(&app, "D-00002"), DebtStatus::Open);

    press(&mut app, "x x");
    assert_eq!(status(&app, "D-00002"), DebtStatus::Done);
    // Still listed, in its row, selected.
    assert_eq!(app.selected_id().as_deref(), Some("D-00002"));
    assert_eq!(app.debt.cursor.selected, 1);
    assert_eq!(debt_rows(&app)[..3], ["D-00008", "D-00002", "D-00001"]);

    // The next press changes the same item, not D-00001 below it.
    press(&mut app, "<Space>");
    assert_eq!(status(&app, "D-00002"), DebtStatus::WontFix);
    assert_eq!(status(&app, "D-00001"), DebtStatus::Open);
    assert_eq!(app.selected_id().as_deref(), Some("D-00002"));

    // Moving on: it leaves the list, the cursor is on the row it moved to.
    press(&mut app, "j");
    assert_eq!(app.selected_id().as_deref(), Some("D-00001"));
    assert!(
        !debt_rows(&app).contains(&"D-00002"),
        "{:?}",
        debt_rows(&app)
    );
    assert_eq!(app.debt.cursor.selected, 1);
}

#[test]
fn moving_up_from_a_kept_item_lands_on_the_row_above() {
    let mut app = app();
    press(&mut app, "2 j x x");
    assert_eq!(status(&app, "D-00002"), DebtStatus::Done);
    press(&mut app, "k");
    assert_eq!(app.selected_id().as_deref(), Some("D-00008"));
    assert!(!debt_rows(&app).contains(&"D-00002"));
    // Undo brings it back as in progress, listed again.
    press(&mut app, "u");
    assert_eq!(status(&app, "D-00002"), DebtStatus::InProgress);
    assert!(debt_rows(&app).contains(&"D-00002"));
}

#[test]
fn a_filter_that_shows_done_items_keeps_them_after_moving() {
    let mut app = app();
    press(&mut app, "2 f l <Esc> j");
    // Status filter "any": a done item is not hidden, nothing to release.
    let id = app.selected_id().unwrap();
    press(&mut app, "x");
    handle(&mut app, Action::MoveDown);
    handle(&mut app, Action::MoveUp);
    assert!(debt_rows(&app).contains(&id.as_str()));
}
