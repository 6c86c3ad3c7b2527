//! Snapshots of the lifecycle screens on the demo plan (plain theme, the
//! demo's fixed today): the sprint view under, at and over capacity, the
//! close checklist, a prompt, and the key-result detail with its links.

mod common;

use bearing::model::Plan;
use bearing::tui::action::{Action, View};
use bearing::tui::app::App;
use bearing::tui::theme::Theme;
use bearing::tui::{NoPersist, handle, views};
use common::{demo, demo_today};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn render(app: &App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| views::draw(f, app)).unwrap();
    term
}

/// A writable app (lifecycle actions refuse read-only plans) on `plan`.
fn app_on(plan: Plan, view: View, actions: &[Action]) -> App {
    let mut app = App::new(plan, demo_today(), false, Box::new(NoPersist::memory()));
    app.theme = Theme::plain();
    handle(&mut app, Action::GoTo(view));
    for a in actions {
        handle(&mut app, *a);
    }
    app
}

/// The demo with the active sprint's capacity set to `capacity` (it holds
/// 19 points).
fn demo_capacity(capacity: u32) -> Plan {
    let mut plan = demo();
    let s = plan.sprints.iter_mut().find(|s| s.id == "S-7WM4K").unwrap();
    assert_eq!(plan_effort(&s.items), 19);
    s.capacity = capacity;
    plan
}

fn plan_effort(items: &[String]) -> usize {
    let plan = demo();
    items
        .iter()
        .map(|id| plan.debt(id).unwrap().effort.unwrap() as usize)
        .sum()
}

/// The active sprint is selected when the Sprints view opens.
const ACTIVE: [Action; 0] = [];

macro_rules! snap {
    ($name:literal, $app:expr, $sizes:expr) => {{
        let app = $app;
        for (w, h) in $sizes {
            insta::assert_snapshot!(format!("{}_{w}x{h}", $name), render(&app, w, h).backend());
        }
    }};
}

const BOTH: [(u16, u16); 2] = [(80, 24), (120, 40)];

#[test]
fn sprint_under_at_and_over_capacity() {
    snap!("sprint_under", app_on(demo(), View::Sprints, &ACTIVE), BOTH);
    snap!(
        "sprint_at",
        app_on(demo_capacity(19), View::Sprints, &ACTIVE),
        [(80, 24)]
    );
    snap!(
        "sprint_over",
        app_on(
            demo_capacity(15),
            View::Sprints,
            &[Action::FocusNext, Action::MoveDown]
        ),
        BOTH
    );
    let s = render(&app_on(demo_capacity(15), View::Sprints, &ACTIVE), 80, 24)
        .backend()
        .to_string();
    assert!(s.contains("19/15 pts, 4 over"), "{s}");
}

#[test]
fn the_candidates_pane_has_the_focus() {
    snap!(
        "sprint_candidates",
        app_on(
            demo(),
            View::Sprints,
            &[Action::FocusNext, Action::FocusNext, Action::MoveDown]
        ),
        [(80, 24), (60, 20)]
    );
}

#[test]
fn the_close_checklist() {
    snap!(
        "close_checklist",
        app_on(
            demo(),
            View::Sprints,
            &[Action::CloseSprint, Action::ToggleDone, Action::MoveDown]
        ),
        BOTH
    );
}

#[test]
fn the_evidence_prompt() {
    snap!(
        "evidence_prompt",
        app_on(
            demo(),
            View::Experiments,
            &[
                Action::MoveRight,
                Action::ValidateExperiment,
                Action::Submit
            ]
        ),
        [(80, 24)]
    );
}

#[test]
fn key_results_view_and_detail_with_links() {
    snap!(
        "kr_detail",
        app_on(
            demo(),
            View::KeyResults,
            &[Action::MoveDown, Action::OpenDetail]
        ),
        BOTH
    );
}
