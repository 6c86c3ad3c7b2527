//! Issue 12 finding 10: the conflict screen shows the values you choose
//! between. A check-in clash from a merge's markers is labelled by its date
//! and shows the two values; a long text shows where it differs and, on
//! the selected row, every version in full; a delete against an edit shows
//! what the edit changed; at 40 columns the values still show.

use std::path::Path;

use bearing::merge::{Conflict, markers};
use bearing::model::{Debt, Plan};
use bearing::tui::state::{Applies, ConflictRow, ConflictScreen};
use bearing::tui::theme::Theme;
use bearing::tui::{conflicts, resolve, views};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn drawn(screen: &ConflictScreen, w: u16, h: u16) -> String {
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    let theme = Theme::plain();
    term.draw(|f| views::conflicts::draw(f, f.area(), screen, &theme))
        .unwrap();
    term.backend().to_string()
}

fn one(row: ConflictRow) -> ConflictScreen {
    ConflictScreen::new(
        "bearing.ron changed on disk".into(),
        vec![row],
        Applies::Session,
    )
}

#[test]
fn a_check_in_clash_from_markers_is_labelled_by_its_date_with_its_values() {
    let text = "(\n  key_results: [\n    (\n      id: \"KR-1\",\n      checkins: [\n<<<<<<< HEAD\n        (\n          date: \"2026-11-28\",\n          value: 6,\n        ),\n=======\n        (\n          date: \"2026-11-28\",\n          value: 7,\n        ),\n>>>>>>> theirs\n      ],\n    ),\n  ],\n)\n";
    let blocks = markers::blocks(text).unwrap();
    let screen = resolve::screen(Path::new("bearing.ron"), &blocks);
    let row = &screen.rows[0];
    assert_eq!(row.field, "check-in 2026-11-28");
    assert_eq!(row.mine.as_deref(), Some("6"));
    assert_eq!(row.theirs.as_deref(), Some("7"));
    let s = drawn(&screen, 80, 24);
    assert!(s.contains("mine 6 │ theirs 7"), "{s}");
}

#[test]
fn a_long_text_shows_where_it_differs_and_the_selected_row_shows_it_whole() {
    let base = "Weekly active teams shipping on Fridays\nwith a vision";
    let mine = "Weekly active teams shipping on Fridays\nwith a vision not yet";
    let theirs = "Weekly active teams shipping on Fridays\nwith a vision maybe";
    let row = ConflictRow {
        item: "settings".into(),
        title: "plan settings".into(),
        field: "north_star".into(),
        base: Some(base.into()),
        mine: Some(mine.into()),
        theirs: Some(theirs.into()),
        has_base: true,
    };
    let s = drawn(&one(row), 80, 30);
    assert!(
        s.contains("mine …vision not yet"),
        "the differing part, cut between words:\n{s}"
    );
    assert!(s.contains("theirs …vision maybe"), "{s}");
    // In full below the selected row, line by line.
    assert!(s.contains("Weekly active teams shipping on Fridays"), "{s}");
    assert!(s.contains("with a vision not yet"), "{s}");
    assert!(s.contains("with a vision maybe"), "{s}");
}

#[test]
fn at_40_columns_the_values_still_show() {
    let row = ConflictRow {
        item: "D-XR8YJ".into(),
        title: "alpha".into(),
        field: "customer".into(),
        base: Some("3".into()),
        mine: Some("1".into()),
        theirs: Some("2".into()),
        has_base: true,
    };
    let s = drawn(&one(row), 40, 20);
    assert!(s.contains("b 3 │ m 1 │ t 2"), "{s}");
}

#[test]
fn a_delete_against_an_edit_shows_what_the_edit_changed() {
    let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
    let base = Debt::new("D-1".into(), "From CLI".into(), day);
    let mut mine = base.clone();
    mine.risk = 3;
    let plan = Plan {
        debts: vec![mine.clone()],
        ..Plan::default()
    };
    let c = Conflict {
        id: "D-1".into(),
        field: None,
        base: Some(serde_json::to_string(&base).unwrap()),
        ours: Some(serde_json::to_string(&mine).unwrap()),
        theirs: None,
        reason: None,
    };
    let row = conflicts::row(&plan, &c);
    assert_eq!(row.mine.as_deref(), Some("changed risk: 3"));
    assert_eq!(row.base.as_deref(), Some("item “From CLI”"));
    assert_eq!(row.theirs, None);
}
