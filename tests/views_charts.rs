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

#[test]
fn snapshot_kr_trend() {
    // The first key result under the first objective: its detail with the
    // Trend chart under the text.
    snap!(
        "kr_trend",
        app_on(
            demo(),
            View::KeyResults,
            &[Action::MoveDown, Action::OpenDetail]
        ),
        BOTH
    );
}

#[test]
fn snapshot_block_fallback() {
    // BEARING_CHARTS=block: half blocks instead of braille, for fonts
    // without braille.
    let mut app = app_on(demo(), View::Sprints, &[Action::ToggleCharts]);
    app.theme.charts = ChartMarks::Block;
    insta::assert_snapshot!("sprint_charts_block_80x24", render(&app, 80, 24).backend());
    let text = screen(&app, 80, 24);
    assert!(!text.chars().any(|c| ('\u{2800}'..='\u{28FF}').contains(&c)));
    let mut kr = app_on(
        demo(),
        View::KeyResults,
        &[Action::MoveDown, Action::OpenDetail],
    );
    kr.theme.charts = ChartMarks::Block;
    insta::assert_snapshot!("kr_trend_block_80x24", render(&kr, 80, 24).backend());
}

#[test]
fn snapshot_tiny_terminal_says_the_charts_in_a_line() {
    let app = app_on(demo(), View::Sprints, &[Action::ToggleCharts]);
    insta::assert_snapshot!("sprint_charts_tiny_40x12", render(&app, 40, 12).backend());
    let text = screen(&app, 40, 12);
    assert!(text.contains("Burn-up: 4/19 pts done"), "{text}");
    // The velocity the capacity suggestion uses: the last 3 of 4 closed.
    assert!(
        text.contains("Velocity: 11.3 pts (mean of last 3)"),
        "{text}"
    );
}

#[test]
fn every_small_size_draws_without_panic_or_stray_text() {
    let sprints = app_on(demo(), View::Sprints, &[Action::ToggleCharts]);
    let untoggled = app_on(demo(), View::Sprints, &[]);
    let kr = app_on(
        demo(),
        View::KeyResults,
        &[Action::MoveDown, Action::OpenDetail],
    );
    for w in (1..=130).step_by(3) {
        for h in (1..=45).step_by(2) {
            for app in [&sprints, &untoggled, &kr] {
                let text = screen(app, w, h);
                assert!(
                    !text.contains("NaN") && !text.contains("inf"),
                    "{w}×{h}:\n{text}"
                );
            }
        }
    }
}

#[test]
fn a_planned_sprint_has_no_burnup_until_it_starts() {
    // The last row is the planned sprint 23.
    let app = app_on(
        demo(),
        View::Sprints,
        &[Action::Bottom, Action::ToggleCharts],
    );
    for (w, h) in BOTH {
        let text = screen(&app, w, h);
        assert!(
            text.contains("no burn-up until the sprint starts"),
            "{w}×{h}:\n{text}"
        );
    }
}

#[test]
fn no_closed_sprint_and_velocity_says_so() {
    let mut plan = demo();
    plan.sprints
        .retain(|s| s.state != bearing::model::SprintState::Closed);
    let app = app_on(plan, View::Sprints, &[Action::ToggleCharts]);
    let text = screen(&app, 120, 40);
    assert!(text.contains("Velocity"), "{text}");
    assert!(text.contains("no sprint closed yet"), "{text}");
    let text = screen(&app, 40, 12);
    assert!(text.contains("Velocity: no sprint closed yet"), "{text}");
}

#[test]
fn marking_an_item_done_moves_the_burnup_at_once() {
    // The cache follows a one-item change in place: the burn-up must too.
    let mut app = App::new(demo(), demo_today(), false, Box::new(NoPersist::memory()));
    app.theme = Theme::plain();
    handle(&mut app, Action::GoTo(View::Sprints));
    assert!(screen(&app, 80, 24).contains("Burn-up (c): 4/19 pts done"));
    let plan = app.plan();
    let mut d = plan.debt("D-PA12V").unwrap().clone();
    d.set_status(bearing::model::DebtStatus::Done, demo_today());
    let change = bearing::model::Change {
        label: "done".into(),
        ops: vec![bearing::model::Op::Put(bearing::model::Item::Debt(d))],
    };
    app.apply(change);
    assert!(
        screen(&app, 80, 24).contains("Burn-up (c): 9/19 pts done"),
        "{}",
        screen(&app, 80, 24)
    );
}

/// The demo plan with `owner` on every item of the active sprint but one
/// of noor's 2 points: 17 of 19 points, more than half.
fn heavy_owner(owner: &str) -> bearing::model::Plan {
    let mut plan = demo();
    let items = plan
        .sprints
        .iter()
        .find(|s| s.id == "S-7WM4K")
        .unwrap()
        .items
        .clone();
    for d in plan.debts.iter_mut().filter(|d| items.contains(&d.id)) {
        if d.id != "D-DFHBT" {
            d.owner = owner.into();
        }
    }
    plan
}

#[test]
fn the_sprint_view_warns_when_one_person_holds_more_than_half() {
    let app = app_on(heavy_owner("sam"), View::Sprints, &[]);
    let text = screen(&app, 120, 40);
    assert!(
        text.contains("load, share 10.5 each: sam 17↑ · noor 2"),
        "{text}"
    );
    assert!(
        text.contains("warning: sam holds 17 of 19 pts (89%), more than half of"),
        "{text}"
    );
    // At 80 columns it wraps rather than losing its end.
    let text = screen(&app, 80, 24);
    assert!(text.contains("than half of the sprint"), "{text}");
}

#[test]
fn narrow_velocity_bars_drop_their_values_rather_than_run_them_together() {
    // Five closed sprints at 80×24: bars two columns wide, where "19" and
    // "11" side by side read as "1911".
    let mut plan = demo();
    let mut extra = plan
        .sprints
        .iter()
        .find(|s| s.state == bearing::model::SprintState::Closed)
        .unwrap()
        .clone();
    extra.id = "S-EXTRA".into();
    extra.name = "Debt sprint 17".into();
    extra.start -= chrono::Duration::days(14);
    extra.end -= chrono::Duration::days(14);
    extra.completed_points = Some(11);
    plan.sprints.insert(0, extra);
    let app = app_on(plan, View::Sprints, &[Action::ToggleCharts]);
    insta::assert_snapshot!(
        "sprint_velocity_narrow_80x24",
        render(&app, 80, 24).backend()
    );
    let text = screen(&app, 80, 24);
    // The velocity pane is the right half: its bar rows hold no digits
    // (the sprint labels under them do).
    let rows: Vec<&str> = text.lines().collect();
    let bars = rows
        .iter()
        .filter(|l| l.starts_with("\"│") && l.contains("││"))
        .map(|l| l.chars().skip(49).collect::<String>())
        .filter(|l| l.contains('█'));
    for row in bars {
        assert!(!row.chars().any(|c| c.is_ascii_digit()), "{row}\n{text}");
    }
}

#[test]
fn a_narrow_sprint_table_keeps_the_name_and_drops_the_window_first() {
    let app = app_on(demo(), View::Sprints, &[Action::ToggleCharts]);
    let text = screen(&app, 40, 12);
    assert!(text.contains("Debt sprint 22"), "{text}");
    assert!(!text.contains("11-16 → 11-27"), "{text}");
    assert!(text.contains("19/21"), "{text}");
    // With a little more room the id comes back before the window.
    let text = screen(&app, 56, 16);
    assert!(
        text.contains("Debt sprint 22") && text.contains("S-7WM4K"),
        "{text}"
    );
    // And at 80 columns everything is there, as before.
    let text = screen(&app, 80, 24);
    assert!(
        text.contains("11-16 → 11-27") && text.contains("S-7WM4K"),
        "{text}"
    );
}

#[test]
fn a_very_long_owner_is_shortened_so_the_load_warning_keeps_its_end() {
    let long = "samantha-the-platform-reliability-engineer-on-call-this-week ".repeat(4);
    let app = app_on(heavy_owner(long.trim()), View::Sprints, &[]);
    for (w, h) in [(120, 40), (80, 24), (60, 30)] {
        let text = screen(&app, w, h);
        // The sprint's pane only: the left of each line.
        let left: Vec<&str> = text
            .lines()
            .map(|l| l.split('│').next().unwrap_or(l).trim_matches('"'))
            .collect();
        let flat = left
            .join(" ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        assert!(flat.contains("warning: samanth"), "{w}: {text}");
        assert!(
            flat.contains("holds 17 of 19 pts (89%), more than half of the sprint"),
            "{w}: {text}"
        );
    }
}
