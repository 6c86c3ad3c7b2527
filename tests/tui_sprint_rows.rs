//! Issue 11 point 3: the sprint view's items and candidates are the rows
//! `planning` computes — drawn as they are and acted on by the same index, a
//! dangling id included.

mod common;

use bearing::model::Plan;
use bearing::planning;
use bearing::tui::app::App;
use bearing::tui::theme::Theme;
use bearing::tui::{NoPersist, views};
use common::keys::press;
use common::{fixture, today};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// The fixture's active sprint S-00001 names a debt item that is gone
/// before its two real ones.
fn dangling() -> Plan {
    let mut p = fixture();
    let active = p
        .sprints
        .iter_mut()
        .find(|s| s.id == "S-00001")
        .expect("the fixture has an active sprint");
    active.items = vec!["D-00099".into(), "D-00001".into(), "D-00004".into()];
    p
}

fn app(plan: Plan) -> App {
    let mut app = App::new(plan, today(), false, Box::new(NoPersist::memory()));
    app.theme = Theme::plain();
    app
}

/// Each screen line's cells from column `from` to `to`, as text.
fn columns(term: &Terminal<TestBackend>, from: u16, to: u16) -> Vec<String> {
    let buf = term.backend().buffer();
    (0..buf.area.height)
        .map(|y| (from..to).map(|x| buf[(x, y)].symbol()).collect())
        .collect()
}

/// The first debt id on each line that has one, top to bottom.
fn ids(lines: &[String]) -> Vec<String> {
    lines
        .iter()
        .filter_map(|l| {
            l.split(|c: char| c.is_whitespace() || c == '│')
                .find(|w| w.starts_with("D-"))
                .map(str::to_owned)
        })
        .collect()
}

#[test]
fn the_sprint_view_draws_exactly_what_planning_computes() {
    let mut app = app(dangling());
    // Sprints: the active sprint is selected first.
    press(&mut app, "3");
    assert_eq!(app.selected_id().as_deref(), Some("S-00001"));
    let (w, h) = (120, 40);
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| views::draw(f, &app)).unwrap();

    let rows = planning::item_rows(app.plan(), "S-00001");
    let want: Vec<&str> = rows.iter().map(|r| r.id).collect();
    assert_eq!(want, ["D-00099", "D-00001", "D-00004"]);
    assert!(rows[0].is_missing());
    // Below the sprint list: the items pane on the left half.
    let left = columns(&term, 0, w / 2);
    let list_end = left
        .iter()
        .position(|l| l.contains("Sprint 47 ·"))
        .expect("the items pane's title");
    let drawn = ids(&left[list_end..]);
    assert_eq!(drawn, want, "{}", left.join("\n"));
    assert!(
        left.iter().any(|l| l.contains("D-00099 (missing)")),
        "the dangling id shows as missing:\n{}",
        left.join("\n")
    );

    let right = columns(&term, w / 2, w);
    let start = right
        .iter()
        .position(|l| l.contains("Candidates ("))
        .expect("the candidates pane's title");
    let candidates: Vec<String> = planning::candidates(app.plan(), today())
        .iter()
        .map(|r| app.plan().debts[r.index].id.clone())
        .collect();
    assert!(!candidates.is_empty());
    assert_eq!(ids(&right[start..]), candidates, "{}", right.join("\n"));
}

#[test]
fn with_a_dangling_id_the_highlighted_item_is_the_one_moved_out() {
    let mut app = app(dangling());
    // The active sprint, the items pane, the row after the dangling id.
    press(&mut app, "3 l j");
    assert_eq!(app.selected_id().as_deref(), Some("S-00001"));
    press(&mut app, "<");
    assert_eq!(
        app.plan().sprint("S-00001").unwrap().items,
        ["D-00099", "D-00004"],
        "{:?}",
        app.message
    );
    // The dangling row itself can be taken out: it is a row like any other.
    press(&mut app, "k <");
    assert_eq!(app.plan().sprint("S-00001").unwrap().items, ["D-00004"]);
}
