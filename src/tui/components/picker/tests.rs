//! Unit tests, compiled only under `#[cfg(test)] mod tests;` in the parent:
//! unwrap() here is on fixtures the test builds, never on user input.

use super::*;
use crate::model::{Debt, Plan};
use crate::search::SearchIndex;
use crate::tui::components::Styles;
use crate::tui::components::testkit::{keys, render, render_cursor, text};
use chrono::NaiveDate;
use ratatui::{Terminal, backend::TestBackend, layout::Position};

fn actions() -> Vec<PickerItem> {
    [
        ("Quit", "q", "quit"),
        ("Undo", "u", "undo"),
        ("Redo", "Ctrl-r", "redo"),
        ("Add item", "a", "add"),
        ("Delete item", "d", "delete"),
        ("Search", "/", "search"),
        ("Help", "?", "help"),
    ]
    .into_iter()
    .map(|(l, d, i)| PickerItem::new(l, d, i))
    .collect()
}

fn press(p: &mut Picker, spec: &str) -> Vec<PickerOutcome> {
    keys(spec).into_iter().map(|k| p.handle_key(k)).collect()
}

fn ids(p: &Picker) -> Vec<&str> {
    p.items().iter().map(|i| i.id.as_str()).collect()
}

/// An index built already, as the UI hands over after the first search.
fn lazy(plan: &Plan) -> Arc<LazyIndex> {
    Arc::new(LazyIndex::built(SearchIndex::new(plan)))
}

fn plan() -> Plan {
    let day = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
    let mut p = Plan::default();
    for (id, title, owner) in [
        ("D-00001", "Rotate API keys", "alice"),
        ("D-00002", "Remove old tracing exporter", "bob"),
        ("D-00003", "Flaky integration tests", "rosa"),
    ] {
        let mut d = Debt::new(id.into(), title.into(), day);
        d.owner = owner.into();
        p.debts.push(d);
    }
    p
}

#[test]
fn palette_lists_everything_then_filters() {
    let mut p = Picker::palette("Commands", actions());
    assert_eq!(ids(&p).len(), 7);
    assert_eq!(ids(&p)[0], "quit");
    press(&mut p, "redo");
    assert_eq!(ids(&p)[0], "redo");
    press(&mut p, "<C-u> quit");
    assert_eq!(ids(&p), ["quit"]);
    assert_eq!(
        press(&mut p, "<Enter>"),
        [PickerOutcome::Chosen("quit".into())]
    );
}

#[test]
fn label_outranks_detail() {
    let items = vec![
        PickerItem::new("Close sprint", "del", "close"),
        PickerItem::new("Delete item", "d", "delete"),
    ];
    let mut p = Picker::palette("Commands", items);
    press(&mut p, "del");
    assert_eq!(ids(&p), ["delete", "close"]);
}

#[test]
fn moving_the_selection() {
    let mut p = Picker::palette("Commands", actions());
    press(&mut p, "<Down> <C-n> <Tab>");
    assert_eq!(p.selected_index(), 3);
    press(&mut p, "<Up> <C-p>");
    assert_eq!(p.selected().map(|i| i.id.as_str()), Some("undo"));
    press(&mut p, "<PageDown>");
    assert_eq!(p.selected_index(), 6, "clamped to the last item");
    press(&mut p, "<PageUp> <Up>");
    assert_eq!(p.selected_index(), 0, "clamped to the first item");
    // Typing starts again from the best match.
    press(&mut p, "<Down> h");
    assert_eq!(p.selected_index(), 0);
}

#[test]
fn esc_closes_and_enter_without_matches_does_nothing() {
    let mut p = Picker::palette("Commands", actions());
    press(&mut p, "zzz");
    assert!(p.items().is_empty());
    assert_eq!(press(&mut p, "<Enter>"), [PickerOutcome::None]);
    assert_eq!(press(&mut p, "<Esc>"), [PickerOutcome::Closed]);
}

#[test]
fn search_reruns_on_each_keystroke() {
    let index = lazy(&plan());
    let mut p = Picker::search("Search", index);
    assert_eq!(p.items().len(), 3);
    press(&mut p, "rot");
    assert_eq!(ids(&p)[0], "D-00001");
    assert_eq!(p.items()[0].detail, "debt D-00001");
    press(&mut p, "<C-u>");
    p.paste("ro\nsa");
    assert_eq!(p.query(), "ro sa");
    press(&mut p, "<C-u> rosa");
    assert_eq!(ids(&p), ["D-00003"]);
    assert_eq!(p.items()[0].detail, "debt D-00003 · owner");
    assert_eq!(
        press(&mut p, "<Enter>"),
        [PickerOutcome::Chosen("D-00003".into())]
    );
}

#[test]
fn snapshot_palette() {
    let mut p = Picker::palette("Commands", actions());
    press(&mut p, "e <Down>");
    let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
    t.draw(|f| p.render(f, f.area(), &Styles::plain())).unwrap();
    insta::assert_snapshot!(t.backend());
    // The cursor follows the query: border, "› ", then "e".
    let top = text(t.backend().buffer())
        .iter()
        .position(|l| l.contains("┌ Commands"))
        .unwrap() as u16;
    t.backend_mut()
        .assert_cursor_position(Position::new(4 + 1 + 2 + 1, top + 1));
}

#[test]
fn snapshot_search() {
    let mut p = Picker::search("Search", lazy(&plan()));
    press(&mut p, "r");
    let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
    t.draw(|f| p.render(f, f.area(), &Styles::plain())).unwrap();
    insta::assert_snapshot!(t.backend());
}

#[test]
fn long_lists_scroll_to_the_selection() {
    let items: Vec<PickerItem> = (0..50)
        .map(|i| PickerItem::new(format!("item {i:02}"), "", format!("{i}")))
        .collect();
    let mut p = Picker::palette("Many", items);
    for _ in 0..30 {
        press(&mut p, "<Down>");
    }
    let buf = render(40, 10, |f| p.render(f, f.area(), &Styles::plain()));
    let lines = text(&buf);
    assert!(lines.iter().any(|l| l.contains("item 30")), "{lines:#?}");
    assert!(!lines.iter().any(|l| l.contains("item 00")), "{lines:#?}");
    assert!(lines.iter().any(|l| l.contains("31/50")), "{lines:#?}");
}

#[test]
fn plan_text_is_drawn_inert() {
    let evil = vec![PickerItem::new("a\u{1b}]0;pwn\u{7}b", "x\u{9b}", "evil")];
    let p = Picker::palette("Commands", evil);
    let buf = render(40, 6, |f| p.render(f, f.area(), &Styles::plain()));
    let all = text(&buf).join("");
    assert!(!all.chars().any(crate::text::is_unsafe));
    assert!(all.contains("a\u{FFFD}]0;pwn\u{FFFD}b"), "{all}");
}

#[test]
fn renders_at_every_size() {
    let mut p = Picker::search("Search", lazy(&plan()));
    press(&mut p, "re");
    for w in 1..=40u16 {
        for h in 1..=15u16 {
            let (buf, cursor) = render_cursor(w, h, |f| p.render(f, f.area(), &Styles::color()));
            if let Some(c) = cursor {
                assert!(c.x < w && c.y < h, "{w}x{h}: cursor {c:?}");
            }
            // Once there is room for the border, the query line and a row,
            // the best hit is on screen.
            if w >= 30 && h >= 4 {
                let all = text(&buf).join("\n");
                assert!(all.contains("Remove old"), "{w}x{h}:\n{all}");
            }
        }
    }
}

fn background() -> Picker {
    Picker::search_in_background("Search", lazy(&plan()))
}

fn settled(mut p: Picker) -> Picker {
    assert!(p.wait_results(Duration::from_secs(10)), "no hits in time");
    p
}

#[test]
fn a_background_keystroke_only_queues_the_query() {
    let mut p = settled(background());
    assert_eq!(p.items().len(), 3);
    assert!(!p.pending());
    press(&mut p, "rosa");
    // Nothing was scored on this thread: the old hits stay until polled.
    assert!(p.pending());
    assert_eq!(p.query(), "rosa");
    assert_eq!(p.items().len(), 3);
    let buf = render(80, 12, |f| p.render(f, f.area(), &Styles::plain()));
    assert!(text(&buf).iter().any(|l| l.contains("searching… 1/3")));
    let p = settled(p);
    assert_eq!(ids(&p), ["D-00003"]);
    assert_eq!(p.items()[0].detail, "debt D-00003 · owner");
    let buf = render(80, 12, |f| p.render(f, f.area(), &Styles::plain()));
    assert!(!text(&buf).iter().any(|l| l.contains("searching")));
}

#[test]
fn stale_answers_are_ignored() {
    let mut p = settled(background());
    press(&mut p, "zzz");
    let mut p = settled(p);
    assert!(p.items().is_empty());
    // An answer for query 1 after the one for query 2 changes nothing.
    let old = Results {
        seq: 1,
        hits: SearchIndex::new(&plan()).query("", 10),
    };
    assert!(!p.accept(old));
    assert!(p.items().is_empty());
    let buf = render(80, 12, |f| p.render(f, f.area(), &Styles::plain()));
    assert!(text(&buf).iter().any(|l| l.contains("no matches")));
}

#[test]
fn enter_waits_for_the_hits_of_what_was_typed() {
    let mut p = settled(background());
    // Without waiting, Enter would choose D-00001, the first of all three.
    assert_eq!(
        press(&mut p, "f l a k y <Enter>").last(),
        Some(&PickerOutcome::Chosen("D-00003".into()))
    );
}

#[test]
fn a_pending_clone_asks_its_own_worker() {
    let mut p = settled(background());
    press(&mut p, "rot");
    let q = settled(p.clone());
    let p = settled(p);
    assert_eq!(q.query(), "rot");
    assert_eq!(q.items(), p.items());
    assert_eq!(ids(&q)[0], "D-00001");
}

#[test]
fn a_new_index_re_runs_the_query() {
    let mut p = settled(background());
    press(&mut p, "new");
    let p0 = settled(p);
    assert!(p0.items().is_empty());
    let mut p = p0;
    let mut plan = plan();
    plan.debts.push(Debt::new(
        "D-00004".into(),
        "New flaky test".into(),
        NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(),
    ));
    p.set_index(lazy(&plan));
    let p = settled(p);
    assert_eq!(ids(&p), ["D-00004"]);
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]
    /// Whatever is typed, once settled the background search shows what the
    /// search on this thread shows.
    #[test]
    fn background_search_matches_the_synchronous_one(
        strokes in proptest::collection::vec(
            proptest::sample::select(vec!["r", "o", "t", "a", "e", "s", " ", "<BS>", "<C-w>", "<Down>", "<Up>", "<Left>", "<Right>"]),
            0..12,
        )
    ) {
        let mut sync = Picker::search("Search", lazy(&plan()));
        let mut bg = background();
        for (i, k) in strokes.iter().enumerate() {
            press(&mut sync, k);
            press(&mut bg, k);
            // Settle only sometimes, so several queries queue up.
            if i % 3 == 2 {
                bg = settled(bg);
                proptest::prop_assert_eq!(bg.items(), sync.items());
            }
        }
        let bg = settled(bg);
        proptest::prop_assert_eq!(bg.query(), sync.query());
        proptest::prop_assert_eq!(bg.items(), sync.items());
    }
}
