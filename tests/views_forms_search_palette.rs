//! Forms, search and the palette on screen: snapshots at 80×24 and 120×40 of
//! the demo plan (fixed today, no colours), and every one of them drawn at
//! every small size.

mod common;

use bearing::model::Plan;
use bearing::text::truncate;
use bearing::tui::action::{Action, View};
use bearing::tui::app::{App, Mode};
use bearing::tui::theme::Theme;
use bearing::tui::{NoPersist, handle, handle_key, views};
use common::{demo, demo_today, fixture, today};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn app_on(plan: Plan, today: chrono::NaiveDate) -> App {
    let mut app = App::new(plan, today, false, Box::new(NoPersist::memory()));
    app.theme = Theme::plain();
    app
}

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        handle_key(app, KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
}

fn render(app: &App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| views::draw(f, app)).unwrap();
    term
}

macro_rules! snap {
    ($name:literal, $app:expr) => {{
        let app = $app;
        for (w, h) in [(80, 24), (120, 40)] {
            insta::assert_snapshot!(format!("{}_{w}x{h}", $name), render(&app, w, h).backend());
        }
    }};
}

/// The debt add form after Enter with a title and a rating of 7.
fn debt_form_with_error(plan: Plan, today: chrono::NaiveDate) -> App {
    let mut app = app_on(plan, today);
    handle(&mut app, Action::GoTo(View::Debt));
    handle(&mut app, Action::Add);
    typed(&mut app, "Retry storms on deploy");
    handle(&mut app, Action::MoveDown);
    handle(&mut app, Action::MoveDown);
    // Delivery: 0 → 7.
    handle_key(
        &mut app,
        KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE),
    );
    typed(&mut app, "7");
    handle(&mut app, Action::Submit);
    app
}

#[test]
fn snapshot_debt_add_form_with_an_error() {
    let app = debt_form_with_error(demo(), demo_today());
    let Mode::Form(s) = &app.mode else {
        panic!("the form stays open")
    };
    assert_eq!(
        s.form.fields[2].error.as_deref(),
        Some("must be 0–5, got 7")
    );
    snap!("form_debt_error", app);
}

#[test]
fn snapshot_palette() {
    let mut app = app_on(demo(), demo_today());
    handle(&mut app, Action::GoTo(View::Debt));
    handle(&mut app, Action::Palette);
    typed(&mut app, "rat");
    snap!("palette", app);
}

#[test]
fn snapshot_search() {
    let mut app = app_on(demo(), demo_today());
    handle(&mut app, Action::Search);
    typed(&mut app, "pay");
    snap!("search", app);
}

/// Each new overlay in every view it opens in.
fn states() -> Vec<(String, App)> {
    let mut out = Vec::new();
    let open: &[(&str, &[Action])] = &[
        ("add", &[Action::Add]),
        ("edit", &[Action::Edit]),
        ("search", &[Action::Search]),
        ("palette", &[Action::Palette]),
        ("discard", &[Action::Add, Action::Cancel]),
        ("reload", &[]),
    ];
    for view in View::ALL {
        for (name, actions) in open {
            let mut app = App::new(fixture(), today(), false, Box::new(NoPersist::memory()));
            handle(&mut app, Action::GoTo(view));
            for a in *actions {
                handle(&mut app, *a);
            }
            if *name == "discard" {
                typed(&mut app, "x");
                handle(&mut app, Action::Cancel);
            }
            if *name == "reload" {
                // A question only when something is unsaved.
                app.session.mark_unsaved();
                handle(&mut app, Action::ReloadFile);
            }
            out.push((format!("{view:?}/{name}"), app));
        }
    }
    let mut app = debt_form_with_error(fixture(), today());
    app.view = View::Debt;
    out.push(("Debt/form error".into(), app));
    out
}

#[test]
fn every_new_overlay_draws_at_every_size() {
    let states = states();
    let kinds: Vec<_> = states.iter().map(|(_, a)| a.mode.kind()).collect();
    use bearing::tui::app::ModeKind as M;
    for kind in [M::Form, M::Search, M::Palette, M::Ask] {
        assert!(kinds.contains(&kind), "{kind:?} is covered");
    }
    for (name, app) in states {
        for w in 1..=40u16 {
            for h in 1..=15u16 {
                let s = render(&app, w, h).backend().to_string();
                let first = s.lines().next().unwrap();
                if w < views::MIN_WIDTH || h < views::MIN_HEIGHT {
                    let notice = format!("terminal too small ({w}×{h})");
                    let expect = truncate(&notice, usize::from(w));
                    assert!(
                        first.starts_with(&format!("\"{expect}")),
                        "{name} {w}×{h}:\n{s}"
                    );
                } else {
                    let n = (app.view.index() + 1).to_string();
                    assert!(first.contains(&n), "{name} {w}×{h}: {first}");
                }
            }
        }
        for (w, h) in [(200, 60), (300, 100)] {
            let s = render(&app, w, h).backend().to_string();
            assert!(
                s.lines().next().unwrap().contains(app.view.title()),
                "{name} {w}×{h}"
            );
        }
    }
}
