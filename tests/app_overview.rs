//! Issue 10 point 17: the overview shows the whole North Star (wrapped),
//! every finding (errors apart from warnings, scrolled into view), and its
//! rows are selectable: j/k walk objectives, key results, top debt, the
//! sprint, stale experiments and findings; Enter jumps to the item.

mod common;

use bearing::model::{Debt, Severity};
use bearing::tui::action::View;
use bearing::tui::app::App;
use bearing::tui::overview::{self, Row};
use bearing::tui::theme::Theme;
use bearing::tui::{NoPersist, views};
use common::keys::press;
use common::{demo, demo_today};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn app_on(plan: bearing::model::Plan) -> App {
    let mut app = App::new(plan, demo_today(), true, Box::new(NoPersist::demo()));
    app.theme = Theme::plain();
    app
}

fn screen(app: &App, w: u16, h: u16) -> String {
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| views::draw(f, app)).unwrap();
    term.backend().to_string()
}

fn selected(app: &App) -> Row {
    overview::selected(app, &overview::rows(app)).unwrap()
}

#[test]
fn j_and_k_walk_every_row_and_enter_jumps_to_its_item() {
    let mut app = app_on(demo());
    let rows = overview::rows(&app);
    assert_eq!(rows.len(), overview::len(&app));
    assert!(matches!(rows[0], Row::Kr(0)));
    assert!(rows.iter().any(|r| matches!(r, Row::Debt(0, _))));
    assert!(rows.iter().any(|r| matches!(r, Row::Sprint(_))));
    assert!(rows.iter().any(|r| matches!(r, Row::Stale(_))));
    assert!(matches!(rows.last(), Some(Row::Finding(_))));
    for (n, row) in rows.iter().enumerate() {
        assert_eq!(selected(&app), *row, "row {n}");
        press(&mut app, "j");
    }
    assert_eq!(selected(&app), *rows.last().unwrap(), "stops at the last");
    press(&mut app, "g");
    assert_eq!(selected(&app), rows[0]);

    // Every row leads to its item, selected in its view.
    for row in rows {
        let mut app = app_on(demo());
        let at = overview::rows(&app).iter().position(|r| *r == row).unwrap();
        app.overview.selected = at;
        let Some(id) = overview::target(&app, row) else {
            continue;
        };
        press(&mut app, "<Enter>");
        assert_ne!(app.view, View::Overview, "{row:?}");
        assert_eq!(app.selected_id().as_deref(), Some(id.as_str()), "{row:?}");
    }
}

#[test]
fn enter_on_a_key_result_opens_the_key_results_view_on_it() {
    let mut app = app_on(demo());
    press(&mut app, "j <Enter>");
    assert_eq!(app.view, View::KeyResults);
    let kr = &app.plan().objectives[0];
    let first_kr = app
        .plan()
        .key_results
        .iter()
        .find(|k| k.objective == kr.id)
        .map(|k| k.id.clone());
    assert_eq!(app.selected_id(), first_kr);
}

#[test]
fn the_whole_north_star_is_shown_wrapped() {
    let app = app_on(demo());
    let s = screen(&app, 80, 24);
    let shown: String = s
        .lines()
        .skip(1)
        .take(16)
        .map(|l| l.trim_matches('"').trim())
        // A blank line parts the North Star's paragraphs.
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let north: String = app
        .plan()
        .north_star
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(shown.replace("North Star ", "").contains(&north), "{s}");
}

#[test]
fn every_error_and_warning_is_listed_errors_first() {
    let mut plan = demo();
    plan.policy.debt_without_owner = Severity::Error;
    for n in 0..25 {
        let mut d = Debt::new(
            format!("D-ZZ{n:03}"),
            format!("Ownerless {n}"),
            demo_today(),
        );
        d.owner.clear();
        // Estimated: an ownerless item still to triage is only a warning.
        d.effort = Some(1);
        plan.debts.push(d);
    }
    plan.normalize();
    let mut app = app_on(plan);
    let (errors, warnings) = overview::findings(&app);
    assert!(errors.len() >= 25, "{}", errors.len());
    assert!(!warnings.is_empty());
    let ids: Vec<String> = app.findings().iter().map(|f| f.id.clone()).collect();
    // Walk to the end, drawing each step: every finding is seen.
    let mut seen = String::new();
    for _ in 0..overview::len(&app) {
        seen.push_str(&screen(&app, 80, 24));
        press(&mut app, "j");
    }
    for id in &ids {
        assert!(seen.contains(id.as_str()), "{id} never shown");
    }
    assert!(seen.contains(&format!("Errors ({})", errors.len())));
    assert!(seen.contains(&format!("Warnings ({})", warnings.len())));
    let rows = overview::rows(&app);
    let first_finding = rows
        .iter()
        .position(|r| matches!(r, Row::Finding(_)))
        .unwrap();
    let Row::Finding(i) = rows[first_finding] else {
        unreachable!()
    };
    assert_eq!(
        app.findings()[i].severity,
        Severity::Error,
        "errors come first"
    );
}

#[test]
fn snapshot_overview_scrolled_to_the_last_warning() {
    let mut app = app_on(demo());
    press(&mut app, "G");
    insta::assert_snapshot!("overview_scrolled_80x24", screen(&app, 80, 24));
}
