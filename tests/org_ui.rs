//! `bearing org`'s terminal UI on the roll-up: snapshots of its four views
//! at 80×24 and 120×40 (two teams read, one unreadable, one optional team
//! missing), every small size without a panic, and a key sequence that
//! switches views, searches across teams and opens a team's plan.

mod common;

use bearing::model::Plan;
use bearing::org::{Team, TeamPlan, TeamSource, TeamState};
use bearing::tui::org::{OrgApp, OrgEffect, OrgView, draw, handle_key};
use bearing::tui::theme::Theme;
use common::keys::key;
use common::{demo, demo_today, fixture};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn team(id: &str, name: &str, source: TeamSource, optional: bool) -> Team {
    Team {
        id: id.into(),
        name: name.into(),
        source,
        optional,
        line: 1,
    }
}

fn loaded(t: Team, version: &str, plan: Plan) -> TeamPlan {
    TeamPlan {
        file: t.source.label(),
        fetch: Default::default(),
        team: t,
        version: Some(version.into()),
        state: TeamState::Loaded {
            plan: Box::new(plan),
            lines: None,
        },
    }
}

fn failed(t: Team, kind: &'static str, message: &str) -> TeamPlan {
    TeamPlan {
        file: t.source.label(),
        fetch: Default::default(),
        team: t,
        version: None,
        state: TeamState::Failed {
            kind,
            message: message.into(),
        },
    }
}

/// Payments (the demo plan, fetched from git), Platform (a local file),
/// Data (a plan with a parse error) and Mobile (optional, not there).
fn teams() -> Vec<TeamPlan> {
    let git = |url: &str| TeamSource::Git {
        url: url.into(),
        rev: "main".into(),
        path: "bearing.ron".into(),
    };
    let path = |p: &str| TeamSource::Path { path: p.into() };
    vec![
        loaded(
            team(
                "payments",
                "Payments",
                git("file:///srv/payments.git"),
                false,
            ),
            "1a2b3c4 (main)",
            demo(),
        ),
        loaded(
            team(
                "platform",
                "Platform",
                path("../platform/bearing.ron"),
                false,
            ),
            "file 2026-11-20 09:00",
            fixture(),
        ),
        failed(
            team("data", "Data", path("../data/bearing.ron"), false),
            "parse",
            "../data/bearing.ron:12:5: expected `)`",
        ),
        failed(
            team("mobile", "Mobile", git("file:///srv/mobile.git"), true),
            "not-fetched",
            "not fetched yet: run `bearing org fetch`",
        ),
    ]
}

fn app() -> OrgApp {
    let mut app = OrgApp::new(teams(), demo_today(), "4 teams in /work/org".into());
    app.theme = Theme::plain();
    app
}

fn render(app: &OrgApp, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| draw(f, app)).unwrap();
    term
}

fn screen(app: &OrgApp, w: u16, h: u16) -> String {
    render(app, w, h).backend().to_string()
}

fn press(app: &mut OrgApp, keys: &str) -> OrgEffect {
    let mut last = OrgEffect::None;
    for k in keys.split_whitespace() {
        last = handle_key(app, key(k));
    }
    last
}

#[test]
fn each_view_at_80x24_and_120x40() {
    for (name, k) in [
        ("org_teams", "1"),
        ("org_debt", "2"),
        ("org_key_results", "3"),
        ("org_sprints", "4"),
    ] {
        let mut app = app();
        press(&mut app, k);
        for (w, h) in [(80, 24), (120, 40)] {
            insta::assert_snapshot!(format!("{name}_{w}x{h}"), render(&app, w, h).backend());
        }
    }
}

#[test]
fn teams_view_shows_health_and_a_warning_row_per_unread_team() {
    let s = screen(&app(), 120, 40);
    assert!(s.contains("payments"), "{s}");
    assert!(s.contains("1a2b3c4 (main)"), "{s}");
    // The row holds the reason's start (the odds column says `0% (weak)`
    // now, so a little less of it); on the row it shows whole below.
    assert!(s.contains("Data ⚠ parse: ../data/bearing.ron:12"), "{s}");
    assert!(s.contains("Mobile ⚠ not-fetched (optional)"), "{s}");
    let mut app = app();
    press(&mut app, "j j");
    let s = screen(&app, 120, 40);
    assert!(
        s.contains("data: Data ⚠ parse: ../data/bearing.ron:12:5: expected `)`"),
        "{s}"
    );
}

#[test]
fn no_size_panics_and_q_quits() {
    let mut app = app();
    for view in ["1", "2", "3", "4", "/ z z z z"] {
        press(&mut app, view);
        for w in 0..30 {
            for h in 0..8 {
                render(&app, w, h);
            }
        }
        press(&mut app, "<Esc>");
    }
    assert_eq!(press(&mut app, "q"), OrgEffect::Quit);
}

#[test]
fn keys_switch_views_search_across_teams_and_open_a_team() {
    let mut app = app();
    assert_eq!(app.view, OrgView::Teams);
    press(&mut app, "<Tab>");
    assert_eq!(app.view, OrgView::Debt);
    press(&mut app, "<S-Tab> <S-Tab>");
    assert_eq!(app.view, OrgView::Sprints);
    press(&mut app, "2");
    assert_eq!(app.view, OrgView::Debt);
    let all = app.visible.len();
    assert!(all > 2, "the debt of both teams read");
    // Rows of both teams, ids as team:ID.
    let ids: Vec<&str> = app
        .visible
        .iter()
        .map(|&i| app.table().rows[i].cells[1].as_str())
        .collect();
    assert!(ids.iter().any(|i| i.starts_with("payments:")), "{ids:?}");
    assert!(ids.iter().any(|i| i.starts_with("platform:")), "{ids:?}");

    // `/` search: fuzzy ("pltfrm" finds platform's rows only), Enter keeps
    // the filter and leaves the search line.
    press(&mut app, "/ p l t f r m");
    assert!(app.typing);
    let s = screen(&app, 80, 24);
    assert!(s.contains("/pltfrm"), "{s}");
    assert!(!app.visible.is_empty() && app.visible.len() < all);
    for &i in &app.visible {
        assert_eq!(app.table().rows[i].team, 1, "only platform's rows");
    }
    press(&mut app, "<Enter>");
    assert!(!app.typing);
    assert_eq!(app.query, "pltfrm");
    // The filter follows to another view.
    press(&mut app, "1");
    assert_eq!(app.visible.len(), 1);

    // Enter on a row opens its team (read-only, by the caller).
    assert_eq!(
        press(&mut app, "<Enter>"),
        OrgEffect::Open {
            team: 1,
            item: None
        }
    );
    // Esc drops the filter; Enter on an unreadable team says why.
    press(&mut app, "<Esc> j j");
    assert_eq!(app.visible.len(), 4);
    assert_eq!(app.current().map(|r| r.team), Some(2));
    // On a team not read, the bottom line says why, whole.
    let s = screen(&app, 120, 40);
    assert!(
        s.contains("data: Data ⚠ parse: ../data/bearing.ron:12:5: expected `)`"),
        "{s}"
    );
    assert_eq!(press(&mut app, "<Enter>"), OrgEffect::None);
    let s = screen(&app, 120, 40);
    assert!(s.contains("data could not be read"), "{s}");
}
