//! Issue 10 point 16: the command palette finds every action of every view;
//! running another view's action switches to that view first.

mod common;

use common::app;

use bearing::model::{DebtStatus, HypothesisStatus};
use bearing::tui::action::View;
use bearing::tui::app::{App, Mode};
use bearing::tui::keymap;
use common::keys::{press, type_text};

fn palette_labels(app: &App) -> Vec<String> {
    let Mode::Palette(p) = &app.mode else {
        panic!("the palette is not open: {:?}", app.mode)
    };
    p.picker.items().iter().map(|i| i.label.clone()).collect()
}

#[test]
fn the_palette_lists_every_views_actions_from_anywhere() {
    for view in ["1", "2", "3", "4", "5"] {
        let mut app = app();
        press(&mut app, view);
        press(&mut app, ":");
        let labels = palette_labels(&app);
        for entry in keymap::palette(app.view) {
            assert!(labels.contains(&entry.label), "{} missing", entry.label);
        }
        assert!(
            labels.iter().any(|l| l.starts_with("cycle status")),
            "{labels:?}"
        );
        assert!(
            labels
                .iter()
                .any(|l| l.starts_with("check in a key result"))
        );
    }
}

#[test]
fn running_another_views_action_switches_to_it() {
    let mut app = app();
    assert_eq!(app.view, View::Overview);
    press(&mut app, ":");
    type_text(&mut app, "cycle status");
    press(&mut app, "<Enter>");
    assert_eq!(app.view, View::Debt);
    assert_eq!(
        app.plan().debt("D-00008").unwrap().status,
        DebtStatus::InProgress
    );

    // A prompt-asking action opens its prompt in its view.
    press(&mut app, ":");
    type_text(&mut app, "validate the experiment");
    press(&mut app, "<Enter>");
    assert_eq!(app.view, View::Experiments);
    assert!(matches!(app.mode, Mode::Prompt(_)), "{:?}", app.mode);
    press(&mut app, "<Esc>");
    assert_eq!(
        app.plan().hypothesis("H-00005").unwrap().status,
        HypothesisStatus::Proposed
    );
}
