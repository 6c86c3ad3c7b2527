//! The org UI as a README-only new user found it (issue 15, third pass):
//! a reload's message goes with the next key and never hides a warning
//! row's reason, the Teams view says `(weak)` odds as the Sprints view
//! does, columns give the time words room before the name, the title keeps
//! `as of DATE · read-only` at 80 columns, and the Debt view has `team #`.

mod common;
mod org_support;

use std::path::{Path, PathBuf};

use bearing::tui::org::reload::Loaded;
use bearing::tui::org::{OrgApp, OrgEffect};
use bearing::tui::theme::Theme;
use org_support::{Org, demo_and_fixture, header_index, press, read_teams, screen};

/// `payments` (the demo plan, a local file) and `data`, a plan that does
/// not parse (a warning row); returns the workspace's directory.
fn with_broken_team(org: &Org) -> PathBuf {
    let root = org.root();
    let dir = root.join("payments");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("bearing.ron"),
        bearing::store::format::to_text(&common::demo()).unwrap(),
    )
    .unwrap();
    let data = root.join("data");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(data.join("bearing.ron"), "(\n  schema: 1,\n  debt: [\n").unwrap();
    org.workspace(
        "    (id: \"payments\", name: \"Payments\", path: \"../payments/bearing.ron\"),\n\
         \x20   (id: \"data\", name: \"Data\", path: \"../data/bearing.ron\"),\n",
    )
}

fn app(ws: &Path) -> OrgApp {
    let mut app = OrgApp::new(read_teams(ws), common::demo_today(), "2 teams".into());
    app.theme = Theme::plain();
    app
}

/// The screen's text with its lines' padding and quotes taken off, joined
/// by spaces (a reason wrapped over lines reads whole).
fn flat(screen: &str) -> String {
    screen
        .lines()
        .map(|l| l.trim_matches('"').trim())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The warning row's reason, whole, as the bottom lines say it.
fn reason(app: &OrgApp) -> String {
    let row = app.table().rows.iter().find(|r| r.warn).unwrap();
    format!("{}: {}", row.cells[0], row.cells[1])
}

#[test]
fn a_reloads_message_goes_with_the_next_key_and_the_reason_shows_whole() {
    let org = Org::new();
    let ws = with_broken_team(&org);
    let mut app = app(&ws);
    let why = reason(&app);
    assert!(why.len() > 40, "a reason longer than its cell: {why}");

    assert_eq!(press(&mut app, &["r"]), OrgEffect::Reload);
    app.reloaded(Ok(Loaded {
        teams: read_teams(&ws),
        title: None,
        label: "2 teams".into(),
    }));
    let s = screen(&app, 80, 24);
    assert!(s.contains("reloaded: 1 of 2 teams read"), "{s}");

    // Onto the warning row: the message is gone, the reason shows whole.
    press(&mut app, &["j"]);
    assert!(app.current().unwrap().warn);
    let s = screen(&app, 80, 24);
    assert!(
        !s.contains("reloaded:"),
        "the message went with the key:\n{s}"
    );
    assert!(flat(&s).contains(&why), "the reason whole:\n{s}");

    // Back on a team read: the keys' hints again, not the message.
    press(&mut app, &["k"]);
    let s = screen(&app, 80, 24);
    assert!(s.lines().last().unwrap().contains("r reload"), "{s}");

    // A view switch ends a message too.
    press(&mut app, &["r"]);
    app.reloaded(Ok(Loaded {
        teams: read_teams(&ws),
        title: None,
        label: "2 teams".into(),
    }));
    press(&mut app, &["2"]);
    assert!(!screen(&app, 80, 24).contains("reloaded:"));
}

#[test]
fn a_reload_on_the_warning_row_leaves_its_reason_whole() {
    let org = Org::new();
    let ws = with_broken_team(&org);
    let mut app = app(&ws);
    let why = reason(&app);
    press(&mut app, &["j"]);
    // The automatic reload (an `org fetch` in another shell) ends while
    // the cursor sits on the warning row: no key has cleared its message.
    app.reloaded(Ok(Loaded {
        teams: read_teams(&ws),
        title: None,
        label: "2 teams".into(),
    }));
    assert!(app.current().unwrap().warn, "the cursor stays on its row");
    let s = screen(&app, 80, 24);
    assert!(flat(&s).contains(&why), "the reason wins:\n{s}");
    assert!(
        s.contains("reloaded: 1 of 2 teams read"),
        "room for both:\n{s}"
    );
    // No room for both: the reason, not the message.
    let s = screen(&app, 80, 8);
    assert!(!s.contains("reloaded:"), "{s}");
    assert!(s.contains("data: Data ⚠ parse"), "{s}");
}

#[test]
fn the_teams_view_says_weak_odds_as_the_sprints_view_does() {
    let org = Org::new();
    let ws = demo_and_fixture(&org);
    let mut app = app(&ws);
    let odds = header_index(&app, "odds");
    let teams: Vec<String> = app
        .table()
        .rows
        .iter()
        .map(|r| r.cells[odds].clone())
        .collect();
    press(&mut app, &["4"]);
    let sprint_odds = header_index(&app, "odds");
    let state = header_index(&app, "state");
    let active: Vec<String> = app
        .table()
        .rows
        .iter()
        .filter(|r| r.cells[state].starts_with("active"))
        .map(|r| r.cells[sprint_odds].clone())
        .collect();
    assert_eq!(teams, active, "the same odds words in both views");
    assert!(teams[1].ends_with("(weak)"), "{teams:?}");
    press(&mut app, &["1"]);
    let s = screen(&app, 120, 40);
    assert!(s.contains("0% (weak)"), "{s}");
}

/// Twenty-six days after the demo's active sprint ended (the issue's day).
const LATE: &str = "2026-12-23";

fn late_app(ws: &Path, label: &str) -> OrgApp {
    let mut app = OrgApp::new(read_teams(ws), common::day(LATE), label.into());
    app.theme = Theme::plain();
    app
}

#[test]
fn sprints_keep_their_time_words_whole_at_120_columns() {
    let org = Org::new();
    let ws = demo_and_fixture(&org);
    let mut app = late_app(&ws, "2 teams in /work/org");
    press(&mut app, &["4"]);
    let state = header_index(&app, "state");
    let words: Vec<String> = app
        .table()
        .rows
        .iter()
        .map(|r| r.cells[state].clone())
        .collect();
    assert!(
        words.contains(&"active, ended 26 days ago — close it".to_owned()),
        "{words:?}"
    );
    let s = screen(&app, 120, 40);
    for w in &words {
        assert!(s.contains(w.as_str()), "{w} whole:\n{s}");
    }
    // The name still shows whole beside them.
    assert!(s.contains("Debt sprint 22"), "{s}");
}

#[test]
fn the_title_keeps_the_date_and_read_only_at_80_columns() {
    let org = Org::new();
    let ws = demo_and_fixture(&org);
    let long = "2 teams in /home/someone/src/acme/engineering/organisation";
    let mut app = late_app(&ws, long);
    app.title = Some("Acme engineering".into());
    let s = screen(&app, 80, 24);
    let title = s.lines().next().unwrap();
    assert!(title.contains("as of 2026-12-23 · read-only"), "{title}");
    assert!(
        title.contains("Acme engineering"),
        "the title before the label: {title}"
    );
    assert!(
        title.contains("2 teams in"),
        "the label is cut, not gone: {title}"
    );
    // Narrower: the label gives way, then the title; the date stays.
    for w in [64, 60, 50] {
        let s = screen(&app, w, 24);
        let title = s.lines().next().unwrap();
        assert!(
            title.contains("as of 2026-12-23 · read-only"),
            "{w}: {title}"
        );
    }
    // Room enough: every part whole.
    let s = screen(&app, 160, 24);
    assert!(s.lines().next().unwrap().contains(long), "{s}");
}

#[test]
fn the_debt_view_has_team_rank_as_org_rank_prints_it() {
    let org = Org::new();
    let ws = demo_and_fixture(&org);
    let today = common::cli::TODAY;
    let rank = org.json(&ws, &["org", "rank", "--format", "json", "--today", today]);
    let rows = rank["debt"].as_array().unwrap();
    let cli: std::collections::HashMap<String, String> = rows
        .iter()
        .map(|r| {
            (
                r["id"].as_str().unwrap().to_owned(),
                r["team_rank"].to_string(),
            )
        })
        .collect();
    let mut app = OrgApp::new(read_teams(&ws), common::day(today), "2 teams".into());
    app.theme = Theme::plain();
    press(&mut app, &["2"]);
    let col = header_index(&app, "team #");
    assert_eq!(app.table().rows.len(), cli.len());
    for r in &app.table().rows {
        assert_eq!(Some(&r.cells[col]), cli.get(&r.cells[1]), "{:?}", r.cells);
    }
    let s = screen(&app, 120, 40);
    assert!(s.lines().nth(2).unwrap().contains("team #"), "{s}");
    // Narrower: it is the first column left out; the title keeps its room.
    let s = screen(&app, 70, 24);
    assert!(!s.contains("team #"), "{s}");
    assert!(s.lines().nth(2).unwrap().contains("score"), "{s}");
    assert!(s.lines().nth(2).unwrap().contains("rel"), "{s}");
}
