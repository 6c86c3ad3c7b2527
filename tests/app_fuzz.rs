//! Random key streams at random terminal sizes: the App never panics, never
//! draws a control character, keeps the plan consistent, and undoing every
//! change gives back the plan it started with.

mod common;

use bearing::model::validate;
use bearing::tui::{App, NoPersist, handle, handle_key, mouse_action, views};
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

#[derive(Debug, Clone)]
enum Input {
    Key(KeyEvent),
    Click(u16, u16),
    Wheel(bool),
    Resize(u16, u16),
}

fn key_strategy() -> impl Strategy<Value = KeyEvent> {
    let codes = prop_oneof![
        // Printable keys, weighted towards the bound ones.
        4 => proptest::sample::select(
            "qjkgGadeuxsfrSpt+-/:?12345 hlcyYnNvVEKRAL<>[]"
                .chars()
                .collect::<Vec<_>>()
        )
        .prop_map(KeyCode::Char),
        1 => any::<char>().prop_map(KeyCode::Char),
        3 => proptest::sample::select(vec![
            KeyCode::Enter,
            KeyCode::Esc,
            KeyCode::Tab,
            KeyCode::BackTab,
            KeyCode::Up,
            KeyCode::Down,
            KeyCode::Left,
            KeyCode::Right,
            KeyCode::Home,
            KeyCode::End,
            KeyCode::PageUp,
            KeyCode::PageDown,
            KeyCode::Backspace,
            KeyCode::Delete,
        ]),
    ];
    let mods = proptest::sample::select(vec![
        KeyModifiers::NONE,
        KeyModifiers::NONE,
        KeyModifiers::NONE,
        KeyModifiers::SHIFT,
        KeyModifiers::CONTROL,
        KeyModifiers::ALT,
    ]);
    (codes, mods).prop_map(|(c, m)| KeyEvent::new(c, m))
}

fn input_strategy() -> impl Strategy<Value = Input> {
    prop_oneof![
        12 => key_strategy().prop_map(Input::Key),
        1 => (0u16..200, 0u16..60).prop_map(|(x, y)| Input::Click(x, y)),
        1 => any::<bool>().prop_map(Input::Wheel),
        1 => (1u16..160, 1u16..50).prop_map(|(w, h)| Input::Resize(w, h)),
    ]
}

/// The demo plan with hostile text in a title, so drawing it is exercised.
fn plan() -> bearing::model::Plan {
    let mut p = common::demo();
    p.debts[0].title = "Evil \u{1b}]0;pwn\u{7} \u{1b}[31mred \u{9b}2J \u{202e}cba\u{0}".into();
    p.hypotheses[0].owner = "\u{1b}[5mblink".into();
    p
}

fn draw_checked(term: &mut Terminal<TestBackend>, app: &App) -> Result<(), TestCaseError> {
    term.draw(|f| views::draw(f, app))
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
    for cell in term.backend().buffer().content() {
        let sym = cell.symbol();
        prop_assert!(
            !sym.chars().any(bearing::text::is_unsafe),
            "a control character reached the screen: {sym:?}"
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn random_input_never_breaks_the_app(
        inputs in proptest::collection::vec(input_strategy(), 1..120),
        size in (1u16..140, 1u16..45),
    ) {
        // Random keys can export (E, L) or import (I) with a typed path:
        // keep every file they write inside a temporary directory. This
        // binary holds only this test, so changing its directory is safe.
        let scratch = tempfile::tempdir().unwrap();
        std::env::set_current_dir(scratch.path()).unwrap();
        let original = plan();
        let mut app = App::new(original.clone(), common::demo_today(), false, Box::new(NoPersist::memory()));
        app.export_dir = Some(scratch.path().to_path_buf());
        let mut term = Terminal::new(TestBackend::new(size.0, size.1)).unwrap();
        for input in inputs {
            match input {
                Input::Key(k) => {
                    handle_key(&mut app, k);
                }
                Input::Click(x, y) => {
                    let ev = MouseEvent { kind: MouseEventKind::Down(MouseButton::Left), column: x, row: y, modifiers: KeyModifiers::NONE };
                    if let Some(a) = mouse_action(ev) { handle(&mut app, a); }
                }
                Input::Wheel(down) => {
                    let kind = if down { MouseEventKind::ScrollDown } else { MouseEventKind::ScrollUp };
                    let ev = MouseEvent { kind, column: 5, row: 5, modifiers: KeyModifiers::NONE };
                    if let Some(a) = mouse_action(ev) { handle(&mut app, a); }
                }
                Input::Resize(w, h) => {
                    term.backend_mut().resize(w, h);
                    term.resize(ratatui::layout::Rect::new(0, 0, w, h)).unwrap();
                }
            }
            draw_checked(&mut term, &app)?;
        }
        // Every item still passes the rules the CLI enforces.
        let p = app.plan();
        for d in &p.debts {
            prop_assert!(validate::debt(d, p).iter().all(|e| e.field != "title" && e.field != "effort"), "{d:?}");
        }
        prop_assert!(p.debts.windows(2).all(|w| w[0].id < w[1].id), "debts stay sorted by id");
        // Undo everything: the plan is the one we started with.
        for _ in 0..1000 {
            if app.undo_redo(true).is_none() { break; }
        }
        prop_assert_eq!(&**app.plan(), &original);
    }
}
