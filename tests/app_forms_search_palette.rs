//! Journeys through the forms, search and the palette, as key sequences:
//! words are keys (`a`, `<Enter>`, `<C-e>`), and `typed("…")` types text.

mod common;

use common::{app, message};

use std::sync::Arc;

use bearing::model::{DebtStatus, HypothesisStatus};
use bearing::tui::action::{Effect, View};
use bearing::tui::app::{App, Mode, ModeKind, StatusFilter};
use bearing::tui::{NoPersist, forms, handle_key, handle_paste};
use common::keys::press;
use common::{fixture, today};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Types text into whatever has the focus, one key per character.
fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        handle_key(app, KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
}

/// The open form's value of `field`.
fn field(app: &App, field: &str) -> String {
    match &app.mode {
        Mode::Form(s) => s.form.value(field).to_owned(),
        Mode::Ask(_) => panic!("a question is open, not the form"),
        other => panic!("no form open: {other:?}"),
    }
}

fn field_error(app: &App, key: &str) -> Option<String> {
    let Mode::Form(s) = &app.mode else {
        panic!("no form open")
    };
    s.form
        .fields
        .iter()
        .find(|f| f.key == key)
        .unwrap()
        .error
        .clone()
}

fn debt_titled<'a>(app: &'a App, title: &str) -> Option<&'a bearing::model::Debt> {
    app.plan().debts.iter().find(|d| d.title == title)
}

#[test]
fn quick_add_creates_a_debt_item_with_default_ratings() {
    let mut app = app();
    let before = app.plan().debts.len();
    press(&mut app, "2 a");
    assert_eq!(app.mode.kind(), ModeKind::Form);
    typed(&mut app, "Flaky build");
    assert_eq!(
        press(&mut app, "<Enter>"),
        Effect::None,
        "saved inside handle"
    );
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(app.plan().debts.len(), before + 1);
    let d = debt_titled(&app, "Flaky build").unwrap().clone();
    assert_eq!(
        (d.customer, d.delivery, d.risk, d.urgency, d.effort),
        (0, 0, 0, 0, None)
    );
    assert_eq!(d.status, DebtStatus::Open);
    assert_eq!(d.created, today());
    // Selected where it ranks (score 0: last), and named in the status bar.
    assert_eq!(app.selected_id().as_deref(), Some(d.id.as_str()));
    assert_eq!(
        message(&app),
        format!("added {} “Flaky build” — u to undo", d.id)
    );
    assert_eq!(
        app.saved,
        Some(Ok("kept in memory".into())),
        "saved at once"
    );
    // One change: one undo removes it.
    press(&mut app, "u");
    assert!(debt_titled(&app, "Flaky build").is_none());
    assert_eq!(app.plan().debts.len(), before);
}

#[test]
fn a_validation_error_stays_on_the_form_until_fixed() {
    let mut app = app();
    press(&mut app, "2 a");
    typed(&mut app, "Rotate certs");
    // Customer rating 9 (the field starts at 0).
    press(
        &mut app,
        "<Tab> <C-u> 9 <Tab> <Tab> <Tab> <Tab> <C-u> 0 <Enter>",
    );
    assert_eq!(app.mode.kind(), ModeKind::Form, "the form stays open");
    assert_eq!(
        field_error(&app, "customer").as_deref(),
        Some("must be 0–5, got 9")
    );
    assert!(
        field_error(&app, "effort")
            .unwrap()
            .ends_with("points, got 0")
    );
    let Mode::Form(s) = &app.mode else { panic!() };
    assert_eq!(
        s.form.fields[s.form.focus()].key,
        "customer",
        "focus on the first error"
    );
    assert!(debt_titled(&app, "Rotate certs").is_none(), "nothing added");

    // Fix both and save: customer 4, effort 3.
    press(&mut app, "<C-u> 4 <Tab> <Tab> <Tab> <Tab> <C-u> 3 <Enter>");
    assert_eq!(app.mode, Mode::Normal);
    let d = debt_titled(&app, "Rotate certs").unwrap();
    assert_eq!((d.customer, d.effort), (4, Some(3)));
}

#[test]
fn edit_prefills_every_field_and_applies_one_undoable_change() {
    let mut app = app();
    press(&mut app, "2");
    assert_eq!(app.selected_id().as_deref(), Some("D-00008"));
    press(&mut app, "e");
    assert_eq!(field(&app, "title"), "Manual TLS renewals");
    assert_eq!(field(&app, "risk"), "4");
    assert_eq!(field(&app, "effort"), "1");
    assert_eq!(field(&app, "owner"), "bo");
    assert_eq!(field(&app, "area"), "infra");
    assert_eq!(field(&app, "status"), "open");
    // Owner is the eighth field (after effort and due).
    press(
        &mut app,
        "<Tab> <Tab> <Tab> <Tab> <Tab> <Tab> <Tab> <C-u> c y <Enter>",
    );
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(app.plan().debt("D-00008").unwrap().owner, "cy");
    assert_eq!(
        message(&app),
        "saved D-00008 “Manual TLS renewals” — u to undo"
    );
    press(&mut app, "u");
    assert_eq!(app.plan().debt("D-00008").unwrap().owner, "bo");
    assert!(message(&app).contains("edit D-00008"), "{}", message(&app));

    // An edit that changes nothing is no change at all.
    press(&mut app, "e <Enter>");
    assert_eq!(message(&app), "D-00008: nothing changed");
    press(&mut app, "u");
    assert_eq!(
        message(&app),
        "nothing to undo",
        "the no-op was not recorded"
    );
}

#[test]
fn edit_works_for_every_kind() {
    let mut app = app();
    // A hypothesis on the board: first column, first card.
    press(&mut app, "4 e");
    assert!(field(&app, "title").len() > 3);
    press(&mut app, "<Esc>");
    assert_eq!(app.mode, Mode::Normal);
    // A sprint.
    press(&mut app, "3 e");
    let Mode::Form(s) = &app.mode else { panic!() };
    assert!(s.form.title.starts_with("Edit S-"), "{}", s.form.title);
    press(&mut app, "<Esc> 5 e");
    let Mode::Form(s) = &app.mode else { panic!() };
    assert!(s.form.title.starts_with("Edit O-00001"), "{}", s.form.title);
    // The key result row under it.
    press(&mut app, "<Esc> j e");
    assert_eq!(field(&app, "title"), "Deploys per week");
    assert_eq!(field(&app, "objective"), "O-00001");
}

#[test]
fn esc_asks_before_dropping_typed_text() {
    let mut app = app();
    // Nothing typed: Esc just closes.
    press(&mut app, "2 a <Esc>");
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(message(&app), "cancelled");

    let before = app.plan().clone();
    press(&mut app, "a");
    typed(&mut app, "half a thought");
    press(&mut app, "<Esc>");
    assert_eq!(app.mode.kind(), ModeKind::Ask);
    // n: back to the form, text intact.
    press(&mut app, "n");
    assert_eq!(field(&app, "title"), "half a thought");
    press(&mut app, "<Esc> y");
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(message(&app), "discarded");
    assert_eq!(*app.plan(), before);
}

#[test]
fn key_results_view_adds_to_the_selected_objective_and_capital_a_adds_an_objective() {
    let mut app = app();
    // Rows: O-00001, its two KRs, O-00002, its KR.
    press(&mut app, "5 j j j a");
    assert_eq!(field(&app, "objective"), "O-00002");
    typed(&mut app, "Net revenue retention");
    press(&mut app, "<Tab> <Tab> 9 0 <Tab> 1 1 0 <Enter>");
    assert_eq!(app.mode, Mode::Normal, "{:?}", app.mode);
    let kr = app
        .plan()
        .key_results
        .iter()
        .find(|k| k.title == "Net revenue retention")
        .unwrap();
    assert_eq!(kr.objective, "O-00002");
    assert_eq!((kr.baseline, kr.target), (90.0, Some(110.0)));
    assert_eq!(app.selected_id().as_deref(), Some(kr.id.as_str()));

    press(&mut app, "A");
    let Mode::Form(s) = &app.mode else { panic!() };
    assert_eq!(s.form.title, "Add objective");
    typed(&mut app, "Grow revenue");
    press(&mut app, "<Enter>");
    assert!(
        app.plan()
            .objectives
            .iter()
            .any(|o| o.title == "Grow revenue")
    );
}

#[test]
fn adds_in_the_sprint_and_experiment_views_and_settings_on_the_overview() {
    let mut app = app();
    press(&mut app, "3 a");
    typed(&mut app, "Sprint 49");
    // Start and end default to today and two weeks on; capacity is needed.
    press(&mut app, "<Enter>");
    assert!(field_error(&app, "capacity").is_some());
    press(&mut app, "1 2 <Enter>");
    let s = app
        .plan()
        .sprints
        .iter()
        .find(|s| s.name == "Sprint 49")
        .unwrap();
    assert_eq!((s.start, s.capacity), (today(), 12));

    press(&mut app, "4 a");
    typed(&mut app, "Dark launches");
    press(&mut app, "<Enter>");
    let h = app
        .plan()
        .hypotheses
        .iter()
        .find(|h| h.title == "Dark launches")
        .unwrap();
    assert_eq!(h.status, HypothesisStatus::Proposed);
    assert_eq!(app.selected_id().as_deref(), Some(h.id.as_str()));

    press(&mut app, "1 a");
    assert_eq!(app.mode, Mode::Normal);
    press(&mut app, "e");
    assert_eq!(
        field(&app, "north_star"),
        "Weekly active teams shipping on Fridays"
    );
    press(&mut app, "<C-u>");
    typed(&mut app, "Happy customers");
    press(&mut app, "<Enter>");
    assert_eq!(app.plan().north_star, "Happy customers");
    press(&mut app, "u");
    assert_eq!(
        app.plan().north_star,
        "Weekly active teams shipping on Fridays"
    );
}

#[test]
fn read_only_refuses_to_add_or_edit() {
    let mut app = App::new(fixture(), today(), true, Box::new(NoPersist::demo()));
    let before = app.plan().clone();
    for keys in ["2 a", "2 e", "1 e", "5 A"] {
        press(&mut app, keys);
        assert_eq!(app.mode, Mode::Normal, "{keys}");
        assert_eq!(message(&app), "read-only: nothing was changed", "{keys}");
    }
    assert_eq!(*app.plan(), before);
}

#[test]
fn ctrl_e_hands_the_focused_text_to_the_editor_and_takes_it_back() {
    let mut app = app();
    press(&mut app, "2 e");
    assert_eq!(press(&mut app, "<C-e>"), Effect::Editor);
    assert_eq!(
        forms::editor_request(&app).as_deref(),
        Some("Manual TLS renewals")
    );
    // What the loop does after running $EDITOR: a one-line field joins lines.
    forms::finish_editor(&mut app, Ok("Automate\nTLS renewals".into()));
    assert_eq!(field(&app, "title"), "Automate TLS renewals");
    assert_eq!(forms::editor_request(&app), None);
    // The description keeps its line breaks; a failing editor says why.
    for _ in 0..12 {
        press(&mut app, "<Tab>");
    }
    press(&mut app, "<C-e>");
    forms::finish_editor(&mut app, Ok("line one\nline two".into()));
    assert_eq!(field(&app, "description"), "line one\nline two");
    press(&mut app, "<C-e>");
    forms::finish_editor(&mut app, Err("the editor \"false\" exited".into()));
    let Mode::Form(s) = &app.mode else { panic!() };
    assert_eq!(
        s.form.form_error.as_deref(),
        Some("the editor \"false\" exited")
    );
    // Not on a number field.
    press(&mut app, "<Tab> <Tab> <C-e>");
    assert_eq!(press(&mut app, "<C-e>"), Effect::None);
    assert!(forms::editor_request(&app).is_none());
    press(&mut app, "<Enter>");
    assert_eq!(
        app.plan().debt("D-00008").unwrap().title,
        "Automate TLS renewals"
    );
}

#[test]
fn pasted_text_goes_into_the_focused_field_without_submitting() {
    let mut app = app();
    press(&mut app, "2 a");
    handle_paste(&mut app, "Pasted\r\ntitle");
    assert_eq!(
        field(&app, "title"),
        "Pasted title",
        "CRLF is one line break"
    );
    press(&mut app, "<Enter>");
    assert!(debt_titled(&app, "Pasted title").is_some());
    // Outside an input, a paste does nothing.
    let before = app.plan().clone();
    handle_paste(&mut app, "q");
    assert_eq!(*app.plan(), before);
    assert_eq!(app.mode, Mode::Normal);
}

#[test]
fn search_jumps_to_a_debt_item_even_when_filtered_out() {
    let mut app = app();
    assert!(app.search_index.is_none(), "built lazily");
    let plan = Arc::as_ptr(app.plan());
    press(&mut app, "/");
    let index = app.search_index.clone().expect("made when search opens");
    assert!(index.try_get().is_some(), "built by the first query");
    assert_eq!(
        Arc::strong_count(app.plan()),
        1,
        "the index was built from a shared snapshot, then let it go"
    );
    assert_eq!(
        Arc::as_ptr(app.plan()),
        plan,
        "and the plan was never copied"
    );
    typed(&mut app, "postgres");
    assert!(
        Arc::ptr_eq(&index, app.search_index.as_ref().unwrap()),
        "typing does not rebuild the index"
    );
    press(&mut app, "<Enter>");
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(app.view, View::Debt);
    assert_eq!(app.selected_id().as_deref(), Some("D-00003"));
    assert_eq!(message(&app), "D-00003 “Upgrade Postgres 12”");

    // D-00007 is done: the default filter hides it, so the filter goes.
    press(&mut app, "/");
    typed(&mut app, "dead flags");
    press(&mut app, "<Enter>");
    assert_eq!(app.selected_id().as_deref(), Some("D-00007"));
    assert_eq!(app.debt.filter.status, StatusFilter::All);
    assert_eq!(
        message(&app),
        "D-00007 “Remove dead feature flags” — filter cleared to show it (was: open + in progress)"
    );

    // A change drops the index; the next search builds a new one.
    press(&mut app, "x");
    assert!(app.search_index.is_none());
    press(&mut app, "/ <Esc>");
    assert!(!Arc::ptr_eq(&index, app.search_index.as_ref().unwrap()));
}

#[test]
fn search_jumps_to_a_hypothesis_card_and_a_key_result() {
    let mut app = app();
    press(&mut app, "/");
    typed(&mut app, "canary");
    press(&mut app, "<Enter>");
    assert_eq!(app.view, View::Experiments);
    assert_eq!(app.selected_id().as_deref(), Some("H-00001"));

    press(&mut app, "/");
    typed(&mut app, "error budgets");
    press(&mut app, "<Enter>");
    assert_eq!(app.selected_id().as_deref(), Some("H-00006"));

    press(&mut app, "/");
    typed(&mut app, "deploys per week");
    press(&mut app, "<Enter>");
    assert_eq!(app.view, View::KeyResults);
    assert_eq!(app.selected_id().as_deref(), Some("KR-00001"));

    press(&mut app, "/");
    typed(&mut app, "sprint 48");
    press(&mut app, "<Enter>");
    assert_eq!(app.view, View::Sprints);
    assert_eq!(app.selected_id().as_deref(), Some("S-00002"));
}

#[test]
fn search_keys_move_through_the_hits_and_esc_closes() {
    let mut app = app();
    press(&mut app, "/");
    typed(&mut app, "payment");
    let Mode::Search(p) = &app.mode else { panic!() };
    let hits: Vec<String> = p.picker.items().iter().map(|i| i.id.clone()).collect();
    assert!(hits.len() >= 2, "{hits:?}");
    press(&mut app, "<Down>");
    let Mode::Search(p) = &app.mode else { panic!() };
    assert_eq!(p.picker.selected().unwrap().id, hits[1]);
    press(&mut app, "<Esc>");
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(app.view, View::Overview);
}

#[test]
fn palette_runs_actions_by_name() {
    let mut app = app();
    press(&mut app, ":");
    let Mode::Palette(p) = &app.mode else {
        panic!()
    };
    let quit = p.picker.items().iter().find(|i| i.label == "quit").unwrap();
    assert_eq!(quit.detail, "q Ctrl-c");
    press(&mut app, "<Esc>");
    assert_eq!(app.mode, Mode::Normal);

    press(&mut app, "<C-p>");
    typed(&mut app, "go to sprints");
    assert_eq!(press(&mut app, "<Enter>"), Effect::None);
    assert_eq!(app.view, View::Sprints);
    assert_eq!(app.mode, Mode::Normal);

    // A command that opens something else: the add form of this view.
    press(&mut app, ":");
    typed(&mut app, "add");
    press(&mut app, "<Enter>");
    let Mode::Form(s) = &app.mode else {
        panic!("{:?}", app.mode)
    };
    assert_eq!(s.form.title, "Add sprint");
    press(&mut app, "<Esc>");

    press(&mut app, ":");
    typed(&mut app, "quit");
    assert_eq!(press(&mut app, "<Enter>"), Effect::Quit);
}

#[test]
fn in_forms_and_pickers_only_their_keys_are_bound_and_the_rest_is_typed() {
    use bearing::tui::action::Action;
    use bearing::tui::keymap::lookup;
    let ev = |c: KeyCode, m: KeyModifiers| KeyEvent::new(c, m);
    let none = KeyModifiers::NONE;
    let ctrl = KeyModifiers::CONTROL;
    for mode in [ModeKind::Form, ModeKind::Search, ModeKind::Palette] {
        assert_eq!(
            lookup(mode, View::Debt, ev(KeyCode::Enter, none)),
            Some(Action::Submit)
        );
        assert_eq!(
            lookup(mode, View::Debt, ev(KeyCode::Esc, none)),
            Some(Action::Cancel)
        );
        // Letters that are commands elsewhere are text here; Ctrl-C still quits.
        for c in ['q', 'a', '/', ':', '?', 'j'] {
            assert_eq!(lookup(mode, View::Debt, ev(KeyCode::Char(c), none)), None);
        }
        assert_eq!(
            lookup(mode, View::Debt, ev(KeyCode::Char('c'), ctrl)),
            Some(Action::Quit)
        );
    }
    assert_eq!(
        lookup(ModeKind::Form, View::Debt, ev(KeyCode::Char('e'), ctrl)),
        Some(Action::OpenEditor)
    );
    // Alt-Enter is a line break in a multi-line field, not a save.
    assert_eq!(
        lookup(
            ModeKind::Form,
            View::Debt,
            ev(KeyCode::Enter, KeyModifiers::ALT)
        ),
        None
    );
}
