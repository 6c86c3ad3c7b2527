//! Rendered views: snapshots at 80×24 and 120×40 of the demo plan (fixed
//! today), every view and overlay at every small size, and plan text that
//! tries to smuggle escape sequences.

mod common;

use bearing::model::Plan;
use bearing::text::truncate;
use bearing::tui::action::{Action, View};
use bearing::tui::app::App;
use bearing::tui::theme::Theme;
use bearing::tui::{NoPersist, handle, views};
use common::{demo, demo_today, fixture, today};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn app_on(plan: Plan, today: chrono::NaiveDate) -> App {
    let mut app = App::new(plan, today, true, Box::new(NoPersist::demo()));
    app.theme = Theme::plain();
    app
}

fn render(app: &App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| views::draw(f, app)).unwrap();
    term
}

fn screen(app: &App, w: u16, h: u16) -> String {
    render(app, w, h).backend().to_string()
}

/// The demo in `view`, after `actions`.
fn demo_in(view: View, actions: &[Action]) -> App {
    let mut app = app_on(demo(), demo_today());
    handle(&mut app, Action::GoTo(view));
    for a in actions {
        handle(&mut app, *a);
    }
    app
}

macro_rules! snap {
    ($name:literal, $app:expr) => {{
        let app = $app;
        for (w, h) in [(80, 24), (120, 40)] {
            insta::assert_snapshot!(format!("{}_{w}x{h}", $name), render(&app, w, h).backend());
        }
    }};
}

#[test]
fn snapshot_overview() {
    snap!("overview", demo_in(View::Overview, &[]));
}

#[test]
fn snapshot_debt() {
    snap!("debt", demo_in(View::Debt, &[Action::MoveDown]));
}

#[test]
fn snapshot_sprints() {
    snap!(
        "sprints",
        demo_in(View::Sprints, &[Action::Bottom, Action::MoveUp])
    );
}

#[test]
fn snapshot_experiments() {
    snap!(
        "experiments",
        demo_in(View::Experiments, &[Action::MoveRight])
    );
}

#[test]
fn snapshot_key_results() {
    snap!(
        "key_results",
        demo_in(View::KeyResults, &[Action::MoveDown])
    );
}

#[test]
fn snapshot_help() {
    snap!("help", demo_in(View::Debt, &[Action::Help]));
}

#[test]
fn snapshot_filter_and_detail() {
    snap!(
        "filter",
        demo_in(View::Debt, &[Action::Filter, Action::MoveDown])
    );
    snap!(
        "detail_experiment",
        demo_in(View::Experiments, &[Action::MoveRight, Action::OpenDetail])
    );
}

/// Every view and overlay that can be open in it.
fn all_states() -> Vec<(String, App)> {
    let mut out = Vec::new();
    for view in View::ALL {
        let mut overlays: Vec<(&str, Vec<Action>)> = vec![
            ("plain", vec![]),
            ("help", vec![Action::Help]),
            ("detail", vec![Action::MoveDown, Action::OpenDetail]),
        ];
        if view == View::Debt {
            overlays.push(("filter", vec![Action::Filter]));
        }
        for (name, actions) in overlays {
            let mut app = App::new(fixture(), today(), false, Box::new(NoPersist::memory()));
            handle(&mut app, Action::GoTo(view));
            for a in actions {
                handle(&mut app, a);
            }
            out.push((format!("{view:?}/{name}"), app));
        }
    }
    // The y/n prompt.
    let mut app = App::new(fixture(), today(), false, Box::new(NoPersist::memory()));
    handle(&mut app, Action::GoTo(View::Debt));
    handle(&mut app, Action::Delete);
    out.push(("Debt/confirm".into(), app));
    // The lifecycle dialogs and panes.
    let lifecycle: [(&str, View, Vec<Action>); 6] = [
        (
            "Sprints/checklist",
            View::Sprints,
            // The active sprint is selected when the view opens.
            vec![Action::CloseSprint],
        ),
        (
            "Sprints/items",
            View::Sprints,
            vec![Action::MoveDown, Action::FocusNext],
        ),
        (
            "Sprints/candidates",
            View::Sprints,
            vec![Action::FocusNext, Action::FocusNext],
        ),
        ("Sprints/export", View::Sprints, vec![Action::ExportSprint]),
        (
            "Experiments/evidence",
            View::Experiments,
            vec![
                Action::MoveRight,
                Action::ValidateExperiment,
                Action::Submit,
            ],
        ),
        (
            "KeyResults/checkin",
            View::KeyResults,
            vec![Action::MoveDown, Action::CheckIn],
        ),
    ];
    for (name, view, actions) in lifecycle {
        let mut app = App::new(fixture(), today(), false, Box::new(NoPersist::memory()));
        handle(&mut app, Action::GoTo(view));
        for a in actions {
            handle(&mut app, a);
        }
        let pane = app.sprint.focus != bearing::tui::app::SprintFocus::List;
        assert!(
            pane || app.mode.kind() != bearing::tui::app::ModeKind::Normal,
            "{name} opens its dialog or focuses a pane"
        );
        out.push((name.into(), app));
    }
    out
}

#[test]
fn every_view_and_overlay_draws_at_every_size() {
    for (name, app) in all_states() {
        for w in 1..=40u16 {
            for h in 1..=15u16 {
                let s = screen(&app, w, h);
                if w < views::MIN_WIDTH || h < views::MIN_HEIGHT {
                    let notice = format!("terminal too small ({w}×{h})");
                    let expect = truncate(&notice, usize::from(w));
                    let first = s.lines().next().unwrap();
                    assert!(
                        first.starts_with(&format!("\"{expect}")),
                        "{name} {w}×{h}:\n{s}"
                    );
                } else {
                    // The tab bar names the current view (shortened when narrow).
                    let first = s.lines().next().unwrap();
                    let n = (app.view.index() + 1).to_string();
                    assert!(first.contains(&n), "{name} {w}×{h}: {first}");
                }
            }
        }
        for (w, h) in [(200, 60), (300, 100)] {
            let s = screen(&app, w, h);
            assert!(
                s.lines().next().unwrap().contains(app.view.title()),
                "{name} {w}×{h}"
            );
        }
    }
}

#[test]
fn escape_sequences_in_plan_text_are_drawn_inert() {
    let mut plan = fixture();
    let evil = "Evil\u{1b}]0;pwned\u{7}\u{1b}[2J\u{9b}31m title";
    plan.debts[0].title = evil.into();
    plan.debts[0].owner = "o\u{1b}[31m".into();
    plan.north_star = evil.into();
    plan.hypotheses[0].title = evil.into();
    plan.key_results[0].title = evil.into();
    plan.sprints[1].name = evil.into();
    // Ids and references are only checked for their prefix on load.
    for s in &mut plan.sprints {
        s.items.push("D-\u{202E}kcab".into());
    }
    plan.hypotheses[0].key_results.push("KR-\u{1b}[5m".into());
    for view in View::ALL {
        let mut app = app_on(plan.clone(), today());
        handle(&mut app, Action::GoTo(view));
        let term = render(&app, 160, 40);
        let buf = term.backend().buffer();
        for cell in buf.content() {
            assert!(
                !cell.symbol().chars().any(bearing::text::is_unsafe),
                "{view:?}: control character {:?} reached the screen",
                cell.symbol()
            );
        }
    }
    let mut app = app_on(plan, today());
    handle(&mut app, Action::GoTo(View::Debt));
    handle(&mut app, Action::MoveDown);
    handle(&mut app, Action::MoveDown);
    handle(&mut app, Action::OpenDetail);
    let s = screen(&app, 120, 40);
    assert!(s.contains("Evil\u{FFFD}]0;pwned"), "{s}");
}

#[test]
fn the_status_bar_says_read_only_and_what_happened() {
    let mut app = app_on(fixture(), today());
    handle(&mut app, Action::GoTo(View::Debt));
    handle(&mut app, Action::Delete);
    let s = screen(&app, 100, 24);
    let last = s.lines().last().unwrap();
    assert!(last.contains("demo (read-only)"), "{last}");
    assert!(last.contains("read-only: nothing was changed"), "{last}");

    let mut app = App::new(fixture(), today(), false, Box::new(NoPersist::memory()));
    handle(&mut app, Action::GoTo(View::Debt));
    handle(&mut app, Action::Delete);
    handle(&mut app, Action::Confirm(true));
    let s = screen(&app, 100, 24);
    let last = s.lines().last().unwrap();
    assert!(last.contains("deleted D-00008 — u to undo"), "{last}");
    assert!(last.contains("no file · kept in memory"), "{last}");
}

#[test]
fn only_visible_rows_are_built_and_scrolling_follows_the_selection() {
    let mut app = App::new(fixture(), today(), false, Box::new(NoPersist::memory()));
    handle(&mut app, Action::GoTo(View::Debt));
    handle(&mut app, Action::Bottom);
    // 8 lines tall: tabs, info, header, 4 rows, status.
    let s = screen(&app, 60, 8);
    assert!(
        s.contains("D-00004"),
        "the last item is scrolled into view:\n{s}"
    );
    assert!(!s.contains("D-00008"), "the first is scrolled out:\n{s}");
}

#[test]
fn a_100k_item_plan_opens_and_jumps_to_the_end() {
    let mut plan = Plan::default();
    let created = today();
    plan.debts = (0..100_000u32)
        .map(|i| {
            let mut d =
                bearing::model::Debt::new(format!("D-{i:05}"), format!("item {i}"), created);
            d.risk = (i % 6) as u8;
            d.effort = Some(1 + i % 13);
            d.owner = "ana".into();
            d
        })
        .collect();
    let mut app = App::new(plan, today(), false, Box::new(NoPersist::memory()));
    handle(&mut app, Action::GoTo(View::Debt));
    assert_eq!(app.cache.debt_rows.len(), 100_000);
    // Lowest score: risk 0 (every 6th item), highest effort, highest id wins the tie last.
    let last = *app.cache.debt_rows.last().unwrap();
    assert_eq!(app.plan().debts[last].risk, 0);
    handle(&mut app, Action::Bottom);
    let s = screen(&app, 120, 40);
    assert!(s.contains(&app.plan().debts[last].id), "{s}");
    assert!(s.contains("100000 items"), "{s}");
}

#[test]
fn the_status_bar_keeps_the_file_name_at_80_columns() {
    let long = "/home/ana/src/github.com/example/platform-team/planning/2026/q4/bearing.ron";
    let persist = NoPersist {
        label: long.to_owned(),
    };
    let mut app = App::new(fixture(), today(), false, Box::new(persist));
    app.theme = Theme::plain();
    handle(&mut app, Action::GoTo(View::Debt));
    let idle = screen(&app, 80, 24);
    let last = idle.lines().last().unwrap();
    assert!(
        last.contains("…") && last.contains("/q4/bearing.ron "),
        "{last}"
    );
    // With a message and a save outcome too, the directory gives way first.
    handle(&mut app, Action::Delete);
    handle(&mut app, Action::Confirm(true));
    let s = screen(&app, 80, 24);
    let last = s.lines().last().unwrap();
    assert!(last.contains("deleted D-00008 — u to undo"), "{last}");
    assert!(last.contains("/bearing.ron · kept in memory"), "{last}");
    insta::assert_snapshot!("status_bar_long_path_80x24", last);
}
