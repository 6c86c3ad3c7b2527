//! A read-only plan UI offers no key that edits (issue 15): a team's plan
//! opened from `bearing org` and `--demo` alike, their hint lines say no
//! `c checks in`, `t triages them` or `a adds`, while a writable plan UI
//! still does. The keys themselves are refused (tests/org_new_user.rs).

mod common;

use bearing::model::Plan;
use bearing::org::{Team, TeamPlan, TeamSource, TeamState};
use bearing::tui::app::App;
use bearing::tui::org::{OrgApp, OrgEffect, handle_key, open::plan_options};
use bearing::tui::{NoPersist, views};
use common::keys::{key, press};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// The demo plan with its first debt item to triage (no effort) and its
/// first key result without check-ins.
fn plan() -> Plan {
    let mut plan = common::demo();
    plan.debts[0].effort = None;
    plan.key_results[0].checkins.clear();
    plan
}

/// The plan UI `bearing org` opens on `plan` (Enter on a Teams row).
fn opened_from_org(plan: Plan) -> App {
    let team = TeamPlan {
        team: Team {
            id: "payments".into(),
            name: "Payments".into(),
            source: TeamSource::Git {
                url: "file:///srv/payments.git".into(),
                rev: "main".into(),
                path: "bearing.ron".into(),
            },
            optional: false,
            line: 1,
        },
        version: Some("1a2b3c4 (main)".into()),
        file: "/cache/payments/bearing.ron".into(),
        fetch: Default::default(),
        state: TeamState::Loaded {
            plan: Box::new(plan),
            lines: None,
        },
    };
    let mut org = OrgApp::new(vec![team], common::demo_today(), "1 team".into());
    let OrgEffect::Open { team, item } = handle_key(&mut org, key("<Enter>")) else {
        panic!("Enter on a Teams row opens the team's plan");
    };
    let app = bearing::tui::start(plan_options(&org.teams[team], org.today, item).unwrap());
    assert!(app.read_only());
    app
}

fn demo_ui(plan: Plan) -> App {
    App::new(
        plan,
        common::demo_today(),
        true,
        Box::new(NoPersist::demo()),
    )
}

fn writable(plan: Plan) -> App {
    let persist = NoPersist {
        label: "bearing.ron".into(),
    };
    App::new(plan, common::demo_today(), false, Box::new(persist))
}

/// The Overview's and the Key results view's screens (120×40).
fn screens(app: &mut App) -> String {
    let mut out = String::new();
    // The Key results view's pane shows on a key result (its first).
    for view in ["1", "5 j"] {
        press(app, view);
        let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
        term.draw(|f| views::draw(f, app)).unwrap();
        out.push_str(&term.backend().to_string());
    }
    out
}

const EDIT_HINTS: [&str; 2] = ["c checks in", "t triages them"];

#[test]
fn a_writable_plan_ui_offers_its_edit_keys() {
    let s = screens(&mut writable(plan()));
    for hint in EDIT_HINTS {
        assert!(s.contains(hint), "{hint}:\n{s}");
    }
}

#[test]
fn the_plan_opened_from_the_org_view_offers_no_edit_keys() {
    let s = screens(&mut opened_from_org(plan()));
    for hint in EDIT_HINTS {
        assert!(!s.contains(hint), "{hint}:\n{s}");
    }
    assert!(s.contains("to triage (no effort, not ranked)"), "{s}");
    assert!(s.contains("no check-ins yet"), "{s}");
}

#[test]
fn the_demo_offers_no_edit_keys_either() {
    let s = screens(&mut demo_ui(plan()));
    for hint in EDIT_HINTS {
        assert!(!s.contains(hint), "{hint}:\n{s}");
    }
}

#[test]
fn an_empty_read_only_plan_says_so_without_an_add_key() {
    let mut empty = common::demo();
    empty.debts.clear();
    empty.key_results.clear();
    empty.objectives.clear();
    for mut app in [opened_from_org(empty.clone()), demo_ui(empty.clone())] {
        let mut s = screens(&mut app);
        press(&mut app, "2");
        let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
        term.draw(|f| views::draw(f, &app)).unwrap();
        s.push_str(&term.backend().to_string());
        assert!(s.contains("No objectives yet."), "{s}");
        assert!(s.contains("No debt yet."), "{s}");
        assert!(!s.contains("a adds"), "{s}");
    }
    let mut app = writable(empty);
    assert!(screens(&mut app).contains("No objectives yet: a adds one."));
}

/// A local team's plan: an edit key names the command to edit it, and the
/// status line at 120 columns shows that command whole (it was cut in
/// the middle of the path).
#[test]
fn a_local_teams_refusal_shows_the_command_to_edit_it_whole() {
    let file = "/home/lead/src/acme/mobile/planning/bearing.ron";
    let team = TeamPlan {
        team: Team {
            id: "mobile".into(),
            name: "Mobile".into(),
            source: TeamSource::Path {
                path: "../mobile/planning/bearing.ron".into(),
            },
            optional: false,
            line: 1,
        },
        version: Some("file 2026-11-20 09:00 UTC".into()),
        file: file.into(),
        fetch: Default::default(),
        state: TeamState::Loaded {
            plan: Box::new(plan()),
            lines: None,
        },
    };
    let mut org = OrgApp::new(vec![team], common::demo_today(), "1 team".into());
    let OrgEffect::Open { team, item } = handle_key(&mut org, key("<Enter>")) else {
        panic!("Enter opens the team's plan");
    };
    let mut app = bearing::tui::start(plan_options(&org.teams[team], org.today, item).unwrap());
    press(&mut app, "a");
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    term.draw(|f| views::draw(f, &app)).unwrap();
    let s = term.backend().to_string();
    assert!(s.contains(&format!("bearing -f {file}")), "{s}");
}
