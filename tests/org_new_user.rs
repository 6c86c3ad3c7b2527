//! The roll-ups as a new user who only read the README found them
//! (issue 15, second pass): sprints say where they stand in time in the
//! team's own words, weak odds are marked, `org status` counts items and
//! says what its debt column holds, search keeps the view's order, and
//! the plan opened from the org view says why an edit key does nothing
//! (the nits are in `org_nits.rs`, reloading in `org_reload.rs`).

mod common;
mod org_support;

use std::path::Path;

use bearing::model::{Plan, SprintState};
use org_support::{Org, one_team};
use serde_json::Value;

/// Past every sprint's end in the demo plan.
const LATE: &str = "2026-12-10";

fn sprint<'a>(v: &'a Value, id: &str) -> &'a Value {
    v["sprints"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == format!("payments:{id}"))
        .unwrap_or_else(|| panic!("{id}: {v}"))
}

fn active_id(plan: &Plan) -> String {
    plan.sprints
        .iter()
        .find(|s| s.state == SprintState::Active)
        .unwrap()
        .id
        .clone()
}

fn plan_file(ws: &Path) -> String {
    ws.join("../payments/bearing.ron")
        .to_str()
        .unwrap()
        .to_owned()
}

#[test]
fn a_sprint_past_its_end_says_so_as_the_teams_own_sprint_list_does() {
    let org = Org::new();
    let plan = common::demo();
    let id = active_id(&plan);
    let ws = one_team(&org, &plan, "");
    let f = plan_file(&ws);
    // The team's own words for where its active sprint stands.
    let list = org.ok(&ws, &["-f", &f, "sprint", "list", "--today", LATE]);
    let own = list.lines().find(|l| l.starts_with(&id)).unwrap();
    let words = "active, ended 13 days ago — close it";
    assert!(own.contains(words), "{list}");

    let t = org.ok(&ws, &["org", "sprints", "--today", LATE]);
    let line = t.lines().find(|l| l.contains(&id)).unwrap();
    assert!(line.contains(words), "{t}");
    assert!(line.trim_end().ends_with("ended"), "no odds for it: {t}");
    assert!(!line.contains('%') || line.contains("90%"), "{t}");
    assert!(
        t.contains("odds: ended means the sprint is past its end"),
        "{t}"
    );

    let v = org.json(
        &ws,
        &["org", "sprints", "--format", "json", "--today", LATE],
    );
    let row = sprint(&v, &id);
    assert_eq!(row["when"], "ended 13 days ago — close it", "{row}");
    assert_eq!(row["late"], true, "{row}");
    assert!(row["odds"].is_null(), "{row}");
    assert_eq!(row["no_odds"], "ended — close it", "{row}");

    let md = org.ok(&ws, &["org", "sprints", "--format", "md", "--today", LATE]);
    assert!(md.contains(words), "{md}");
    for format in ["md", "html"] {
        let page = org.ok(&ws, &["org", "export", "--format", format, "--today", LATE]);
        assert!(
            page.contains("ended 13 days ago — close it"),
            "{format}: {page}"
        );
    }
    let html = org.ok(&ws, &["org", "export", "--format", "html", "--today", LATE]);
    assert!(
        html.contains("<dd>none: ended 13 days ago — close it</dd>"),
        "{html}"
    );
    let md = org.ok(&ws, &["org", "export", "--format", "md", "--today", LATE]);
    let row = md
        .lines()
        .find(|l| l.contains(&format!("payments:{id}")))
        .unwrap();
    assert!(row.ends_with("| ended |"), "{md}");
}

#[test]
fn odds_from_few_closed_sprints_are_weak_and_no_history_is_explained_once() {
    let org = Org::new();
    let mut plan = common::demo();
    let id = active_id(&plan);
    // Three closed sprints left: the team's forecast calls that weak.
    let first = plan
        .sprints
        .iter()
        .position(|s| s.state == SprintState::Closed)
        .unwrap();
    plan.sprints.remove(first);
    let ws = one_team(&org, &plan, "");
    let today = common::cli::TODAY;
    let f = plan_file(&ws);
    let own = org.ok(&ws, &["-f", &f, "forecast", "--today", today]);
    assert!(own.contains("weak"), "{own}");

    let v = org.json(
        &ws,
        &["org", "sprints", "--format", "json", "--today", today],
    );
    let row = sprint(&v, &id);
    assert_eq!(row["weak"], true, "{row}");
    assert_eq!(row["sample"], 3, "{row}");
    assert!(row["odds"].is_number(), "{row}");
    let t = org.ok(&ws, &["org", "sprints", "--today", today]);
    let line = t.lines().find(|l| l.contains(&id)).unwrap();
    assert!(line.trim_end().ends_with("% (weak)"), "{t}");
    assert!(
        t.contains("odds: (weak) means fewer than 4 closed sprints"),
        "{t}"
    );
    let page = org.ok(&ws, &["org", "export", "--format", "md", "--today", today]);
    assert!(page.contains("(weak"), "{page}");

    // No closed sprint at all: `-`, said once under the table.
    plan.sprints.retain(|s| s.state != SprintState::Closed);
    let ws = one_team(&org, &plan, "");
    let t = org.ok(&ws, &["org", "sprints", "--today", today]);
    let line = t.lines().find(|l| l.contains(&id)).unwrap();
    assert!(line.trim_end().ends_with(" -"), "{t}");
    let notes: Vec<_> = t
        .lines()
        .filter(|l| *l == "odds: - means no closed sprint to learn from yet")
        .collect();
    assert_eq!(notes.len(), 1, "{t}");
    let v = org.json(
        &ws,
        &["org", "sprints", "--format", "json", "--today", today],
    );
    assert_eq!(
        sprint(&v, &id)["no_odds"],
        "no closed sprint to learn from yet"
    );
}

/// The cells of the Markdown table row starting with `| first |`.
fn md_row(md: &str, first: &str) -> Vec<String> {
    let line = md
        .lines()
        .find(|l| l.starts_with(&format!("| {first} |")))
        .unwrap_or_else(|| panic!("{first}: {md}"));
    line.trim()
        .trim_matches('|')
        .split(" | ")
        .map(|c| c.trim().replace('\\', ""))
        .collect()
}

fn md_headers(md: &str, first: &str) -> Vec<String> {
    md_row(md, first)
}

#[test]
fn org_status_counts_items_and_says_what_its_debt_column_holds() {
    let org = Org::new();
    let plan = common::demo();
    let ws = one_team(&org, &plan, "");
    let today = common::cli::TODAY;
    let items =
        plan.objectives.len() + plan.key_results.len() + plan.hypotheses.len() + plan.debts.len();
    let open = plan.debts.iter().filter(|d| d.status.is_open()).count();
    let debt = format!("{open}/{}", plan.debts.len());

    let t = org.ok(&ws, &["org", "status", "--today", today]);
    let header = t.lines().next().unwrap();
    assert!(
        header.contains("items") && header.contains("open/all debt"),
        "{t}"
    );
    let row = t.lines().find(|l| l.starts_with("payments")).unwrap();
    assert!(row.contains(&format!(" {items} ")), "{t}");
    assert!(row.contains(&debt), "{t}");

    let md = org.ok(&ws, &["org", "status", "--format", "md", "--today", today]);
    let h = md_headers(&md, "team");
    let r = md_row(&md, "payments");
    let at = |name: &str| {
        h.iter()
            .position(|c| c == name)
            .unwrap_or_else(|| panic!("{name}: {md}"))
    };
    assert_eq!(r[at("items")], items.to_string(), "{md}");
    assert_eq!(r[at("open/all debt")], debt, "{md}");

    // The page says the same under the same header.
    let page = org.ok(&ws, &["org", "export", "--format", "md", "--today", today]);
    let h = md_headers(&page, "team");
    let r = md_row(&page, "payments");
    let at = |name: &str| {
        h.iter()
            .position(|c| c == name)
            .unwrap_or_else(|| panic!("{name}: {page}"))
    };
    assert_eq!(r[at("items")], items.to_string(), "{page}");
    assert_eq!(r[at("open/all debt")], debt, "{page}");
    let html = org.ok(
        &ws,
        &["org", "export", "--format", "html", "--today", today],
    );
    assert!(
        html.contains(&format!("<dt>open/all debt</dt><dd>{debt}</dd>")),
        "{html}"
    );

    // And the UI's Teams view.
    let teams: Vec<_> = {
        let file = ws.join("bearing-org.ron");
        let w = bearing::store::org::read_workspace(&file).unwrap();
        w.teams
            .iter()
            .map(|t| bearing::store::org::read_team(&ws, &ws.join("no-cache"), t, false))
            .collect()
    };
    let app = bearing::tui::org::OrgApp::new(teams, common::day(today), "1 team".into());
    let table = app.table();
    let at = |name: &str| table.headers.iter().position(|c| *c == name).unwrap();
    assert_eq!(table.rows[0].cells[at("items")], items.to_string());
    assert_eq!(table.rows[0].cells[at("open/all debt")], debt);
}

/// The demo plan as `payments`, read as `bearing org` reads it.
fn demo_app(org: &Org) -> bearing::tui::org::OrgApp {
    let ws = one_team(org, &common::demo(), "");
    let file = ws.join("bearing-org.ron");
    let w = bearing::store::org::read_workspace(&file).unwrap();
    let teams = w
        .teams
        .iter()
        .map(|t| bearing::store::org::read_team(&ws, &ws.join("no-cache"), t, false))
        .collect();
    let mut app = bearing::tui::org::OrgApp::new(teams, common::demo_today(), "1 team".into());
    app.theme = bearing::tui::theme::Theme::plain();
    app
}

#[test]
fn search_keeps_the_views_own_order_fuzzy_only_picks_the_rows() {
    use bearing::tui::org::handle_key;
    use common::keys::key;
    let org = Org::new();
    let mut app = demo_app(&org);
    for k in ["2", "/", "d", "a", "t", "a"] {
        handle_key(&mut app, key(k));
    }
    let ranks: Vec<usize> = app
        .visible
        .iter()
        .map(|&i| app.table().rows[i].cells[0].parse().unwrap())
        .collect();
    assert!(ranks.len() > 2, "{ranks:?}");
    let mut sorted = ranks.clone();
    sorted.sort_unstable();
    assert_eq!(ranks, sorted, "the Debt view's rank order, filtered");
    // Enter keeps the filter; another view keeps its own order too.
    handle_key(&mut app, key("<Enter>"));
    handle_key(&mut app, key("3"));
    let shown = app.visible.clone();
    let mut sorted = shown.clone();
    sorted.sort_unstable();
    assert_eq!(shown, sorted, "team order on Key results");
}

#[test]
fn the_plan_opened_from_the_org_view_says_why_an_edit_key_does_nothing() {
    use bearing::org::{Team, TeamPlan, TeamSource, TeamState};
    use bearing::tui::app::Message;
    use bearing::tui::org::{OrgApp, OrgEffect, handle_key, open::plan_options};
    use common::keys::{key, press};
    let git = TeamPlan {
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
            plan: Box::new(common::demo()),
            lines: None,
        },
    };
    let mut org = OrgApp::new(vec![git], common::demo_today(), "1 team".into());
    // A debt row of the Debt view: Enter opens the team's plan on it.
    handle_key(&mut org, key("2"));
    let effect = handle_key(&mut org, key("<Enter>"));
    let OrgEffect::Open { team, item } = effect else {
        panic!("{effect:?}");
    };
    let opts = plan_options(&org.teams[team], org.today, item).unwrap();
    let mut plan_ui = bearing::tui::start(opts);
    let opened = plan_ui.message.clone();
    assert_eq!(
        opened,
        Some(Message::Info(
            "read-only: payments's plan, 1a2b3c4 (main); q comes back to the org view".into()
        ))
    );
    let refused = Message::Error(
        "read-only: this is payments's plan from the cache; edit it in its repository".into(),
    );
    for keys in ["a", "x", "e", "+", "-", "u"] {
        plan_ui.message = None;
        press(&mut plan_ui, keys);
        assert_eq!(plan_ui.message, Some(refused.clone()), "{keys}");
        assert_eq!(**plan_ui.plan(), common::demo(), "{keys}: nothing changed");
    }
}
