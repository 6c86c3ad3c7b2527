//! The charts: the sprint view's Burn-up and Velocity and a key result's
//! Trend, as snapshots of the demo (plain theme, the demo's today) at
//! 80×24 and 120×40, with the block fallback, and in tiny terminals (one
//! line of text, never a panic); `c` toggles the chart panel.

mod common;

use bearing::model::Plan;
use bearing::tui::action::{Action, View};
use bearing::tui::app::App;
use bearing::tui::theme::{ChartMarks, Theme};
use bearing::tui::{NoPersist, handle, views};
use common::{demo, demo_today};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn render(app: &App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| views::draw(f, app)).unwrap();
    term
}

fn screen(app: &App, w: u16, h: u16) -> String {
    render(app, w, h).backend().to_string()
}

fn app_on(plan: Plan, view: View, actions: &[Action]) -> App {
    let mut app = App::new(plan, demo_today(), true, Box::new(NoPersist::demo()));
    app.theme = Theme::plain();
    handle(&mut app, Action::GoTo(view));
    for a in actions {
        handle(&mut app, *a);
    }
    app
}

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
fn snapshot_sprint_charts() {
    // The active sprint is selected when the view opens; 120×40 shows the
    // charts below the panes, 80×24 says the burn-up in a line.
    snap!("sprint_charts", app_on(demo(), View::Sprints, &[]), BOTH);
}

#[test]
fn snapshot_sprint_charts_toggled() {
    snap!(
        "sprint_charts_toggled",
        app_on(demo(), View::Sprints, &[Action::ToggleCharts]),
        BOTH
    );
}
