//! The forecast line in the sprint view and on the overview: snapshots of
//! the demo with a longer history (six closed sprints, so not weak), and
//! the forecast computed once per plan change, never per frame.

mod common;

use bearing::model::{Change, Commitment, DebtStatus, Item, Plan, Sprint, SprintState};
use bearing::planning::forecast::{Forecast, Options, forecast};
use bearing::tui::action::{Action, View};
use bearing::tui::app::App;
use bearing::tui::theme::Theme;
use bearing::tui::{NoPersist, handle, views};
use chrono::Days;
use common::{day, demo, demo_today};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// The demo with five more closed two-week sprints before its own
/// (completed 20, 32, 35, 24 and 30 points).
fn plan() -> Plan {
    let mut plan = demo();
    let first = day("2026-07-06");
    for (i, points) in [20, 32, 35, 24, 30].into_iter().enumerate() {
        let start = first + Days::new(14 * i as u64);
        let mut s = Sprint::new(
            format!("S-0000{i}"),
            format!("Debt sprint {}", 11 + i),
            start,
            start + Days::new(13),
            16,
        );
        s.state = SprintState::Closed;
        s.commitment = Some(Commitment {
            date: start,
            items: vec!["D-GONE".into()],
            points: 16,
        });
        s.completed_points = Some(points);
        s.closed = Some(start + Days::new(13));
        plan.sprints.push(s);
    }
    plan.sprints.sort_by(|a, b| a.id.cmp(&b.id));
    plan
}

fn app(read_only: bool) -> App {
    let persist = if read_only {
        NoPersist::demo()
    } else {
        NoPersist::memory()
    };
    let mut app = App::new(plan(), demo_today(), read_only, Box::new(persist));
    app.theme = Theme::plain();
    app
}

/// What the domain says for the active sprint, with the default options.
fn expected() -> Forecast {
    forecast(&plan(), None, demo_today(), Options::default()).unwrap()
}

fn render(app: &App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| views::draw(f, app)).unwrap();
    term
}

fn screen(app: &App, w: u16, h: u16) -> String {
    render(app, w, h).backend().to_string()
}

#[test]
fn the_sprint_view_shows_the_forecast_under_the_summary() {
    let mut app = app(true);
    handle(&mut app, Action::GoTo(View::Sprints));
    for (w, h) in [(80, 24), (120, 40)] {
        insta::assert_snapshot!(
            format!("sprint_forecast_{w}x{h}"),
            render(&app, w, h).backend()
        );
    }
    let wide = screen(&app, 120, 40);
    let f = expected();
    assert_eq!(
        f.samples, 9,
        "the demo's four closed sprints and these five"
    );
    assert!(f.warning.is_none());
    let parts = f.parts();
    let (first, rest) = (&parts[0], &parts[1..]);
    assert!(first.starts_with("Forecast: ") && first.ends_with("to finish 15 pts by Fri 27 Nov"));
    assert!(wide.contains(first.as_str()), "{first} not in {wide}");
    assert!(wide.contains(&rest.join(" · ")), "{wide}");
    assert!(
        rest[1] == "9 sprints sampled" && !wide.contains("weak"),
        "{wide}"
    );
}

#[test]
fn the_overview_shows_the_active_sprints_forecast() {
    let mut app = app(true);
    handle(&mut app, Action::GoTo(View::Overview));
    let s = screen(&app, 120, 40);
    assert!(s.contains(&expected().parts()[0]), "{s}");
    insta::assert_snapshot!("overview_forecast_120x40", render(&app, 120, 40).backend());
}

#[test]
fn the_forecast_is_computed_once_per_change_not_per_frame() {
    let mut app = app(false);
    handle(&mut app, Action::GoTo(View::Sprints));
    for _ in 0..5 {
        screen(&app, 120, 40);
    }
    assert_eq!(app.cache.forecasts.computed(), 1);
    let before = screen(&app, 120, 40);

    // One debt item of the sprint done (the in-place cache update): the
    // forecast follows, with fewer points left.
    let active = app.plan().active_sprint().unwrap().clone();
    let first = active.items[0].clone();
    let mut d = app.plan().debt(&first).unwrap().clone();
    let effort = d.effort.unwrap();
    d.set_status(DebtStatus::Done, demo_today());
    app.apply(Change::new("done").put(Item::Debt(d)));
    assert_eq!(app.cache.forecasts.computed(), 0);
    let after = screen(&app, 120, 40);
    assert_ne!(before, after);
    assert!(
        after.contains(&format!("to finish {} pts", 15 - effort)),
        "{after}"
    );
    assert_eq!(app.cache.forecasts.computed(), 1);

    // A sprint change (the full rebuild) resets it too.
    let mut s = app.plan().active_sprint().unwrap().clone();
    s.end = day("2026-12-04");
    app.apply(Change::new("longer").put(Item::Sprint(s)));
    assert_eq!(app.cache.forecasts.computed(), 0);
    let longer = screen(&app, 120, 40);
    assert!(longer.contains("by Fri 4 Dec"), "{longer}");
}
