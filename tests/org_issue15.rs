//! The org UI as a new user found it (issue 15): its Debt view prints
//! scores as `bearing org rank` does, a team's warning is shown whole on
//! the bottom lines, and Enter on a Debt, Key results or Sprints row opens
//! the team's plan on that item.

mod common;
mod org_support;

use bearing::org::TeamPlan;
use bearing::tui::org::{OrgApp, OrgEffect, OrgView, handle_key};
use bearing::tui::theme::Theme;
use org_support::{Org, demo_and_fixture, read_teams, screen};

/// `| a | b |` → its cells, Markdown escapes taken off.
fn md_cells(line: &str) -> Vec<String> {
    line.trim()
        .trim_matches('|')
        .split(" | ")
        .map(|c| c.trim().replace('\\', ""))
        .collect()
}

#[test]
fn debt_view_prints_score_and_relative_as_org_rank_does() {
    let org = Org::new();
    let ws = demo_and_fixture(&org);
    let today = common::cli::TODAY;
    let md = org.ok(&ws, &["org", "rank", "--format", "md", "--today", today]);
    // id → (relative, score), as the CLI prints them.
    let cli: std::collections::HashMap<String, (String, String)> = md
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| #") && !l.starts_with("| ---"))
        .map(md_cells)
        .filter(|c| c.len() == 8)
        .map(|c| (c[1].clone(), (c[3].clone(), c[4].clone())))
        .collect();
    assert!(cli.len() > 5, "{md}");

    let mut app = OrgApp::new(read_teams(&ws), common::day(today), "2 teams".into());
    app.theme = Theme::plain();
    app.update(bearing::tui::org::OrgAction::Show(OrgView::Debt));
    let rows = &app.table().rows;
    assert_eq!(rows.len(), cli.len(), "the same rows");
    for r in rows {
        let (relative, score) = &cli[&r.cells[1]];
        assert_eq!(
            (&r.cells[3], &r.cells[4]),
            (relative, score),
            "{}: relative and score as `org rank` prints them",
            r.cells[1]
        );
    }
    // Two decimals, whole scores too (`7.00`), as `bearing rank` prints.
    for r in rows {
        let (whole, frac) = r.cells[4].split_once('.').unwrap_or(("", ""));
        assert!(!whole.is_empty() && frac.len() == 2, "{}", r.cells[4]);
    }
}

/// The demo plan with its next planned sprint emptied; returns that
/// sprint's id.
fn with_an_empty_next_sprint(org: &Org) -> (std::path::PathBuf, String) {
    use bearing::model::SprintState;
    let mut plan = common::demo();
    let next = plan
        .sprints
        .iter_mut()
        .filter(|s| s.state == SprintState::Planned)
        .min_by_key(|s| (s.start, s.id.clone()))
        .unwrap();
    next.items.clear();
    let id = next.id.clone();
    let dir = org.root().join("payments");
    std::fs::create_dir_all(&dir).unwrap();
    let text = bearing::store::format::to_text(&plan).unwrap();
    std::fs::write(dir.join("bearing.ron"), text).unwrap();
    let ws = org.workspace(
        "    (id: \"payments\", name: \"Payments\", path: \"../payments/bearing.ron\"),\n",
    );
    (ws, id)
}

#[test]
fn an_empty_sprint_has_no_odds_in_forecast_org_sprints_and_the_page() {
    let org = Org::new();
    let (ws, id) = with_an_empty_next_sprint(&org);
    let today = common::cli::TODAY;
    let plan = org.root().join("payments/bearing.ron");
    let f = plan.to_str().unwrap();

    // The plan's own forecast: no odds, and why.
    let fc = org.json(
        &ws,
        &[
            "-f", f, "forecast", &id, "--format", "json", "--today", today,
        ],
    );
    assert!(fc["sprint"]["p_finish"].is_null(), "{fc}");
    let table = org.ok(&ws, &["-f", f, "forecast", &id, "--today", today]);
    assert!(table.contains("p_finish   - (nothing planned)"), "{table}");

    // The roll-up agrees: null in JSON, `-` in the table.
    let v = org.json(
        &ws,
        &["org", "sprints", "--format", "json", "--today", today],
    );
    let row = v["sprints"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == format!("payments:{id}"))
        .unwrap_or_else(|| panic!("{v}"));
    assert!(row["odds"].is_null(), "{row}");
    assert_eq!(row["items"], 0, "{row}");
    let t = org.ok(&ws, &["org", "sprints", "--today", today]);
    let line = t.lines().find(|l| l.contains(&id)).unwrap();
    assert!(line.trim_end().ends_with(" -"), "{t}");
    assert!(!line.contains("100%"), "{t}");

    // The page says so in words.
    for format in ["md", "html"] {
        let page = org.ok(
            &ws,
            &["org", "export", "--format", format, "--today", today],
        );
        assert!(page.contains("nothing planned"), "{format}: {page}");
    }
}

fn team(id: &str, path: &str, optional: bool) -> bearing::org::Team {
    bearing::org::Team {
        id: id.into(),
        name: id.to_uppercase(),
        source: bearing::org::TeamSource::Path { path: path.into() },
        optional,
        line: 1,
    }
}

/// Payments (the demo plan) and Data, whose plan does not parse: its
/// reason names a long path.
fn with_a_long_warning() -> OrgApp {
    use bearing::org::TeamState;
    let long = "/home/someone/src/acme/organisation/teams/data-platform/planning/2026/quarter-four/bearing.ron";
    let teams = vec![
        TeamPlan {
            team: team("payments", "../payments/bearing.ron", false),
            version: Some("1a2b3c4 (main)".into()),
            file: "../payments/bearing.ron".into(),
            state: TeamState::Loaded {
                plan: Box::new(common::demo()),
                lines: None,
            },
            fetch: Default::default(),
        },
        TeamPlan {
            team: team("data", long, false),
            version: None,
            file: long.into(),
            state: TeamState::Failed {
                kind: "parse",
                message: format!(
                    "{long}:12:5: expected `)` after the sprint's items (the file may have been cut short by an editor)"
                ),
            },
            fetch: Default::default(),
        },
    ];
    let mut app = OrgApp::new(teams, common::demo_today(), "2 teams in /work/org".into());
    app.theme = Theme::plain();
    app
}

/// The screen's lines, without the TestBackend's quotes and padding.
fn lines(s: &str) -> Vec<String> {
    s.lines()
        .map(|l| l.trim_matches('"').trim_end().to_owned())
        .collect()
}

#[test]
fn a_warnings_reason_is_wrapped_whole_over_the_bottom_lines() {
    let mut app = with_a_long_warning();
    app.update(bearing::tui::org::OrgAction::Move(1));
    assert_eq!(app.current().map(|r| r.team), Some(1));
    let s = screen(&app, 80, 24);
    insta::assert_snapshot!("org_long_warning_80x24", s);
    // Every word of the reason is on the screen, in order, over the last
    // lines (the table above still shows both teams).
    let l = lines(&s);
    let tail: Vec<&str> = l
        .iter()
        .rev()
        .take_while(|x| !x.starts_with("data "))
        .map(String::as_str)
        .collect();
    let said: String = tail
        .iter()
        .rev()
        .map(|x| x.trim())
        .filter(|x| !x.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        said.starts_with("data: DATA ⚠ parse: /home/someone/src/acme"),
        "{s}"
    );
    assert!(said.ends_with("cut short by an editor)"), "{s}");
    assert!(!said.contains('…'), "{s}");
    assert!(s.contains("payments"), "{s}");
}

#[test]
fn at_a_tiny_height_the_cursor_row_stays_and_only_then_the_reason_is_cut() {
    let mut app = with_a_long_warning();
    app.update(bearing::tui::org::OrgAction::Move(1));
    for h in 5..9u16 {
        let l = lines(&screen(&app, 40, h));
        // Title, tabs, the table's header, the cursor's row, the reason.
        assert!(l[2].starts_with("team"), "{h}: {l:#?}");
        assert!(l[3].starts_with("data"), "{h}: the cursor's row: {l:#?}");
        assert!(l[4].starts_with(" data: DATA ⚠ parse"), "{h}: {l:#?}");
        assert!(l.last().unwrap().ends_with('…'), "{h}: cut: {l:#?}");
    }
    // Tall enough: whole, no `…`.
    let l = lines(&screen(&app, 40, 24));
    assert!(l.last().unwrap().ends_with("editor)"), "{l:#?}");
}

/// The plan UI as the org view's Enter opens it: the team's plan,
/// read-only, on the item of the row (if any).
fn opened(app: &OrgApp, effect: OrgEffect) -> bearing::tui::App {
    let OrgEffect::Open { team, item } = effect else {
        panic!("Enter opens a team: {effect:?}");
    };
    let t = &app.teams[team];
    bearing::tui::start(bearing::tui::Options {
        plan: t.plan().unwrap().clone(),
        path: None,
        read_only: true,
        read_only_why: Some(format!("team {}", t.team.id)),
        note: None,
        today: app.today,
        persist: Box::new(bearing::tui::NoPersist {
            label: "test".into(),
        }),
        select: item,
    })
}

#[test]
fn enter_on_a_debt_kr_or_sprint_row_opens_the_plan_on_that_item() {
    use bearing::tui::View;
    use common::keys::key;
    let mut app = with_a_long_warning();
    for (view, keys, plan_view) in [
        ("2", ["j", "j", "j"], View::Debt),
        ("3", ["j", "j", "G"], View::KeyResults),
        ("4", ["j", "k", "G"], View::Sprints),
    ] {
        handle_key(&mut app, key(view));
        for k in keys {
            handle_key(&mut app, key(k));
        }
        let row = app.current().unwrap().clone();
        let column = if plan_view == View::Debt { 1 } else { 0 };
        let id = row.cells[column]
            .strip_prefix("payments:")
            .unwrap()
            .to_owned();
        let effect = handle_key(&mut app, key("<Enter>"));
        assert_eq!(
            effect,
            OrgEffect::Open {
                team: 0,
                item: Some(id.clone())
            }
        );
        let plan_ui = opened(&app, effect);
        assert_eq!(plan_ui.view, plan_view, "{id}");
        assert_eq!(plan_ui.selected_id().as_deref(), Some(id.as_str()));
        assert!(plan_ui.read_only());
    }
    // A Teams row is a team: its plan opens on the Overview.
    handle_key(&mut app, key("1"));
    let effect = handle_key(&mut app, key("<Enter>"));
    assert_eq!(
        effect,
        OrgEffect::Open {
            team: 0,
            item: None
        }
    );
    assert_eq!(opened(&app, effect).view, View::Overview);
}

/// Every team read from a stale copy (its last fetch failed): the rows
/// are warnings with their counts, and the `read` cell (the commit and when
/// it was fetched, short) is sized by them, not cut to its header.
#[test]
fn stale_rows_size_their_columns_so_the_read_cell_stays_whole() {
    use bearing::org::{FetchFailed, FetchNote, TeamState};
    let stale = |id: &str| TeamPlan {
        team: team(id, "x/bearing.ron", false),
        version: Some("1a2b3c4 (main)".into()),
        file: "x/bearing.ron".into(),
        state: TeamState::Loaded {
            plan: Box::new(common::demo()),
            lines: None,
        },
        fetch: FetchNote {
            fetched_at: Some("2026-11-29T10:12:00Z".into()),
            failed: Some(FetchFailed {
                at: "2026-11-30T09:00:00Z".into(),
                reason: "repository not found".into(),
            }),
            newest_unloadable: None,
        },
    };
    let app = OrgApp::new(
        vec![stale("payments"), stale("search")],
        common::demo_today(),
        "bearing-org.ron".into(),
    );
    let s = screen(&app, 160, 12);
    for team in ["payments", "search"] {
        let row = lines(&s)
            .into_iter()
            .find(|l| l.starts_with(&format!("{team} ")))
            .unwrap_or_else(|| panic!("no {team} row: {s}"));
        assert!(row.ends_with("1a2b3c4 (main) 11-29 10:12"), "{s}");
    }
}

/// Fetched copies (a long `read` cell, `1a2b3c4 (main) 11-29 10:12`) at 80
/// columns: the key results' health at a glance stays; when it was read
/// gives way first (it is on every roll-up's `read:` line, and a stale
/// copy's warning says it whole).
#[test]
fn at_80_columns_health_stays_and_the_read_time_gives_way() {
    use bearing::org::{FetchNote, TeamState};
    let fetched = |id: &str| TeamPlan {
        team: team(id, "x/bearing.ron", false),
        version: Some("1a2b3c4 (main)".into()),
        file: "x/bearing.ron".into(),
        state: TeamState::Loaded {
            plan: Box::new(common::demo()),
            lines: None,
        },
        fetch: FetchNote {
            fetched_at: Some("2026-11-29T10:12:00Z".into()),
            ..FetchNote::default()
        },
    };
    let mut app = OrgApp::new(
        vec![fetched("payments"), fetched("search")],
        common::demo_today(),
        "bearing-org.ron".into(),
    );
    app.theme = Theme::plain();
    let s = screen(&app, 80, 12);
    let header = lines(&s)[2].clone();
    assert!(header.contains("KRs ok/risk/off"), "{s}");
    let s = screen(&app, 160, 12);
    assert!(lines(&s)[2].contains("read"), "{s}");
}
