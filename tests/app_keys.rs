//! User journeys as key sequences, in a readable notation: words are keys,
//! `<Enter>`, `<Esc>`, `<Tab>`, `<S-Tab>`, `<C-r>`, `<Space>`, arrows as
//! `<Up>`/`<Down>`/`<Left>`/`<Right>`.

mod common;

use common::{app, debt_rows, message};

use common::keys::press;

use std::cell::RefCell;
use std::rc::Rc;

use bearing::model::{DebtStatus, Plan};
use bearing::session::SaveError;
use bearing::tui::action::{Action, Effect, View};
use bearing::tui::app::{App, Mode, SortColumn, StatusFilter};
use bearing::tui::{NoPersist, Persist, handle, views};
use common::{fixture, today};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn selected(app: &App) -> String {
    app.selected_id().unwrap_or_default()
}

#[test]
fn views_switch_by_number_and_tab() {
    let mut app = app();
    assert_eq!(app.view, View::Overview);
    press(&mut app, "2");
    assert_eq!(app.view, View::Debt);
    press(&mut app, "<Tab>");
    assert_eq!(app.view, View::Sprints);
    press(&mut app, "<S-Tab> <S-Tab>");
    assert_eq!(app.view, View::Overview);
    press(&mut app, "5 <Tab>");
    assert_eq!(app.view, View::Overview);
    press(&mut app, "4");
    assert_eq!(app.view, View::Experiments);
}

#[test]
fn the_ranking_is_ordered_by_wsjf() {
    let app = app();
    // Scores by hand (weights 1, KR-00002 off track adds 2 to D-00001):
    // D-00008 7/1, D-00002 14/2 (tie: smaller effort first), D-00001 13/3,
    // D-00005 7/3, D-00003 9/5, D-00006 7/5, D-00004 9/8; D-00007 is done.
    assert_eq!(
        debt_rows(&app),
        [
            "D-00008", "D-00002", "D-00001", "D-00005", "D-00003", "D-00006", "D-00004"
        ]
    );
    let d1 = app
        .plan()
        .debts
        .iter()
        .position(|d| d.id == "D-00001")
        .unwrap();
    assert_eq!(app.cache.scores[d1].cost_of_delay(), 13.0);
    assert_eq!(app.cache.rank[d1], Some(3));
}

#[test]
fn moving_through_the_ranking() {
    let mut app = app();
    press(&mut app, "2 j j");
    assert_eq!(selected(&app), "D-00001");
    press(&mut app, "k");
    assert_eq!(selected(&app), "D-00002");
    press(&mut app, "G");
    assert_eq!(selected(&app), "D-00004");
    press(&mut app, "j <Down>");
    assert_eq!(selected(&app), "D-00004", "stops at the last row");
    press(&mut app, "g");
    assert_eq!(selected(&app), "D-00008");
    press(&mut app, "<End> <Home> <PgDn>");
    assert_eq!(
        selected(&app),
        "D-00004",
        "a page is 10 rows before the first draw"
    );
}

#[test]
fn delete_asks_and_n_keeps_then_y_deletes() {
    let mut app = app();
    press(&mut app, "2 d");
    let Mode::Confirm(p) = &app.mode else {
        panic!("expected a prompt, got {:?}", app.mode)
    };
    assert!(p.prompt.contains("D-00008"), "{}", p.prompt);
    press(&mut app, "n");
    assert_eq!(app.mode, Mode::Normal);
    assert!(app.plan().debt("D-00008").is_some());
    assert!(message(&app).starts_with("kept"), "{}", message(&app));

    press(&mut app, "d y");
    assert!(app.plan().debt("D-00008").is_none());
    assert_eq!(message(&app), "deleted D-00008 — u to undo");
    assert_eq!(selected(&app), "D-00002", "the next item takes the row");
    assert_eq!(app.saved, Some(Ok("kept in memory".to_owned())));
}

#[test]
fn undo_and_redo_work_across_views() {
    let mut app = app();
    // D-00001 is in the active sprint: deleting it unlinks it there too.
    press(&mut app, "2 j j d y");
    assert!(app.plan().debt("D-00001").is_none());
    assert_eq!(app.plan().sprint("S-00001").unwrap().items, ["D-00004"]);

    press(&mut app, "3 u");
    assert_eq!(app.view, View::Sprints);
    assert_eq!(message(&app), "undid: delete D-00001");
    assert_eq!(**app.plan(), fixture());
    press(&mut app, "2 g");
    assert_eq!(selected(&app), "D-00008");
    press(&mut app, "3 <C-r> u 2");
    assert_eq!(selected(&app), "D-00001", "undo selects what came back");

    press(&mut app, "<C-r>");
    assert_eq!(message(&app), "redid: delete D-00001");
    assert!(app.plan().debt("D-00001").is_none());
    press(&mut app, "u u");
    assert_eq!(message(&app), "nothing to undo");
    assert_eq!(**app.plan(), fixture());
}

#[test]
fn raising_a_rating_moves_the_item_up_the_ranking() {
    let mut app = app();
    press(&mut app, "2 j");
    assert_eq!(selected(&app), "D-00002");
    // r picks delivery; + takes it 1 → 2: (3+2+5+5)/2 = 7.5 beats D-00008's 7.
    press(&mut app, "r +");
    assert_eq!(app.plan().debt("D-00002").unwrap().delivery, 2);
    assert_eq!(debt_rows(&app)[..2], ["D-00002", "D-00008"]);
    assert_eq!(selected(&app), "D-00002", "the selection follows the item");
    assert_eq!(
        message(&app),
        "D-00002 delivery 1 → 2, rank 2 → 1 — u to undo"
    );
    press(&mut app, "-");
    assert_eq!(debt_rows(&app)[..2], ["D-00008", "D-00002"]);
    // Ratings stop at 0.
    press(&mut app, "- -");
    assert_eq!(app.plan().debt("D-00002").unwrap().delivery, 0);
    assert!(message(&app).contains("already 0"), "{}", message(&app));
    press(&mut app, "u");
    assert_eq!(message(&app), "undid: D-00002 delivery 1 → 0");
}

#[test]
fn filter_by_owner_and_status_then_sort() {
    let mut app = app();
    // Field 2 is owner; its first value (alphabetical) is "ana".
    press(&mut app, "2 f j l");
    assert_eq!(app.debt.filter.owner.as_deref(), Some("ana"));
    assert_eq!(debt_rows(&app), ["D-00001", "D-00005"]);
    press(&mut app, "l");
    assert_eq!(app.debt.filter.owner.as_deref(), Some("bo"));
    assert_eq!(debt_rows(&app), ["D-00008", "D-00002"]);
    // Status "any" shows bo's done item too, after the ranked ones.
    press(&mut app, "k l");
    assert_eq!(app.debt.filter.status, StatusFilter::All);
    assert_eq!(debt_rows(&app), ["D-00008", "D-00002", "D-00007"]);
    press(&mut app, "<Esc>");
    assert_eq!(app.mode, Mode::Normal);

    press(&mut app, "s");
    assert_eq!(app.debt.sort, SortColumn::Id);
    assert_eq!(debt_rows(&app), ["D-00002", "D-00007", "D-00008"]);
    press(&mut app, "S");
    assert_eq!(debt_rows(&app), ["D-00008", "D-00007", "D-00002"]);
    // Effort ascending after title and score: s s s.
    press(&mut app, "s s s");
    assert_eq!(app.debt.sort, SortColumn::Effort);
    assert_eq!(debt_rows(&app), ["D-00008", "D-00002", "D-00007"]);

    // Clearing: back to every open item.
    press(&mut app, "f c j c <Enter>");
    assert_eq!(app.debt.filter.owner, None);
    assert_eq!(app.cache.debt_rows.len(), 7);
}

#[test]
fn status_cycles_and_done_items_leave_the_open_list() {
    let mut app = app();
    press(&mut app, "2 x");
    assert_eq!(
        app.plan().debt("D-00008").unwrap().status,
        DebtStatus::InProgress
    );
    assert_eq!(message(&app), "D-00008 open → in progress — u to undo");
    press(&mut app, "<Space>");
    let d = app.plan().debt("D-00008").unwrap();
    assert_eq!(d.status, DebtStatus::Done);
    assert_eq!(d.changes.last().unwrap().date, today());
    // Kept in view and selected until the cursor moves (issue 10 point 7),
    // then it leaves the open list.
    assert_eq!(selected(&app), "D-00008");
    press(&mut app, "j");
    assert!(!debt_rows(&app).contains(&"D-00008"));
    assert_eq!(selected(&app), "D-00002");
    press(&mut app, "u u");
    assert_eq!(**app.plan(), fixture());
}

#[test]
fn read_only_changes_nothing_and_says_so() {
    let mut app = App::new(fixture(), today(), true, Box::new(NoPersist::demo()));
    press(&mut app, "2 d + x u");
    assert_eq!(**app.plan(), fixture());
    assert_eq!(app.mode, Mode::Normal);
    assert!(message(&app).contains("read-only"), "{}", message(&app));
    assert_eq!(press(&mut app, "q"), Effect::Quit);
}

#[test]
fn quit_and_overlays() {
    let mut app = app();
    press(&mut app, "?");
    assert_eq!(app.mode, Mode::Help { scroll: 0 });
    press(&mut app, "j <Esc>");
    assert_eq!(app.mode, Mode::Normal);
    press(&mut app, "2 <Enter>");
    assert_eq!(app.mode, Mode::Detail { scroll: 0 });
    // Ctrl-C quits from anywhere, even an overlay.
    assert_eq!(press(&mut app, "<C-c>"), Effect::Quit);
    assert_eq!(press(&mut app, "<Esc> q"), Effect::Quit);
}

/// Fails every save, like a full disk, and counts the attempts.
struct Failing(Rc<RefCell<u32>>);

impl Persist for Failing {
    fn save(&mut self, _plan: &std::sync::Arc<Plan>) -> Result<String, SaveError> {
        *self.0.borrow_mut() += 1;
        Err("/tmp/plan.ron: no space left on device".into())
    }
    fn describe(&self) -> String {
        "/tmp/plan.ron".into()
    }
}

#[test]
fn a_failed_save_keeps_the_change_and_guards_quit() {
    let tries = Rc::new(RefCell::new(0));
    let mut app = App::new(fixture(), today(), false, Box::new(Failing(tries.clone())));
    press(&mut app, "2 x");
    assert_eq!(
        app.plan().debt("D-00008").unwrap().status,
        DebtStatus::InProgress
    );
    assert!(app.dirty());
    assert_eq!(
        app.saved,
        Some(Err("/tmp/plan.ron: no space left on device".into()))
    );
    // Quit retries the save, then asks instead of dropping the change:
    // a second `q` does not quit.
    assert_eq!(press(&mut app, "q"), Effect::None);
    assert_eq!(*tries.borrow(), 2);
    assert!(matches!(app.mode, Mode::Quit { .. }), "{:?}", app.mode);
    assert!(message(&app).contains("no space left"), "{}", message(&app));
    assert_eq!(press(&mut app, "q"), Effect::None);
    assert_eq!(press(&mut app, "<Esc>"), Effect::None);
    assert_eq!(app.mode, Mode::Normal);
    assert!(app.dirty(), "still unsaved, still here");
}

#[test]
fn mouse_clicks_tabs_and_rows() {
    let mut app = app();
    let mut term = Terminal::new(TestBackend::new(100, 30)).unwrap();
    term.draw(|f| views::draw(f, &app)).unwrap();
    let tab = app
        .hits
        .borrow()
        .tabs
        .iter()
        .find(|(_, v)| *v == View::Debt)
        .unwrap()
        .0;
    handle(&mut app, Action::Click(tab.x + 1, tab.y));
    assert_eq!(app.view, View::Debt);
    term.draw(|f| views::draw(f, &app)).unwrap();
    let (rows_area, _) = app.hits.borrow().rows.unwrap();
    handle(&mut app, Action::Click(rows_area.x + 2, rows_area.y + 2));
    assert_eq!(selected(&app), "D-00001");
    handle(&mut app, Action::Scroll(3));
    assert_eq!(selected(&app), "D-00006");
}

#[test]
fn experiment_board_moves_by_column_and_click() {
    let mut app = app();
    press(&mut app, "4");
    // Proposed column, highest ICE first: H-00005 (180) before H-00006 (84).
    assert_eq!(selected(&app), "H-00005");
    press(&mut app, "j");
    assert_eq!(selected(&app), "H-00006");
    press(&mut app, "l");
    // Running: H-00001 (240) and H-00002 (240): equal ICE, lower id first.
    assert_eq!(selected(&app), "H-00001");
    press(&mut app, "l l l");
    assert_eq!(app.board.column, 3, "stops at the last column");
    assert_eq!(selected(&app), "H-00004");

    let mut term = Terminal::new(TestBackend::new(100, 30)).unwrap();
    term.draw(|f| views::draw(f, &app)).unwrap();
    let (col, _) = app.hits.borrow().columns[1];
    // The second card of the running column starts three lines down.
    handle(&mut app, Action::Click(col.x + 1, col.y + 3));
    assert_eq!(app.board.column, 1);
    assert_eq!(selected(&app), "H-00002");
}
