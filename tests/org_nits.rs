//! The roll-ups' nits a new user found (issue 15, second pass): `org krs`
//! shows the objective's title, JSON scores are rounded as the table prints
//! them, `--limit 0` is refused, Markdown warnings keep their code spans,
//! and the workspace's title heads the UI.

mod common;
mod org_support;

use org_support::{Org, demo_and_fixture, one_team};
use serde_json::Value;

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

/// A JSON number's decimals as printed.
fn decimals(v: &Value) -> usize {
    let s = v.to_string();
    s.split_once('.').map_or(0, |(_, d)| d.len())
}

#[test]
fn json_scores_are_rounded_as_the_table_prints_them() {
    let org = Org::new();
    let ws = demo_and_fixture(&org);
    let today = common::cli::TODAY;
    // The raw ratios have float noise (what JSON printed before).
    let teams: Vec<_> = {
        let w = bearing::store::org::read_workspace(&ws.join("bearing-org.ron")).unwrap();
        w.teams
            .iter()
            .map(|t| bearing::store::org::read_team(&ws, &ws.join("no-cache"), t, false))
            .collect()
    };
    let raw = bearing::org::rank(&teams, common::day(today), None);
    assert!(
        raw.iter()
            .any(|r| decimals(&serde_json::json!(r.relative)) > 2),
        "the test needs a noisy ratio"
    );
    let v = org.json(&ws, &["org", "rank", "--format", "json", "--today", today]);
    let rows = v["debt"].as_array().unwrap();
    assert_eq!(rows.len(), raw.len());
    for (row, r) in rows.iter().zip(&raw) {
        assert!(decimals(&row["relative"]) <= 2, "{row}");
        assert!(decimals(&row["score"]) <= 2, "{row}");
        assert!(
            (row["relative"].as_f64().unwrap() - r.relative).abs() < 0.006,
            "{row}"
        );
        // The table's two decimals, as the team's `bearing rank` prints.
        assert_eq!(
            format!("{:.2}", row["score"].as_f64().unwrap()),
            r.score_text(),
            "{row}"
        );
    }
}

#[test]
fn rank_limit_zero_is_refused() {
    let org = Org::new();
    let ws = demo_and_fixture(&org);
    let r = org.bearing(&ws, &["org", "rank", "--limit", "0"]);
    assert_eq!(r.code, 2, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stderr.contains("--limit must be at least 1"),
        "{}",
        r.stderr
    );
    assert!(r.stdout.is_empty(), "{}", r.stdout);
    let one = org.json(&ws, &["org", "rank", "--limit", "1", "--format", "json"]);
    assert_eq!(one["debt"].as_array().unwrap().len(), 1);
}

#[test]
fn org_krs_shows_the_objectives_title_and_keeps_its_id_in_json() {
    let org = Org::new();
    let plan = common::demo();
    let ws = one_team(&org, &plan, "");
    let kr = &plan.key_results[0];
    let title = plan.title_of(&kr.objective).unwrap().to_owned();
    let v = org.json(&ws, &["org", "krs", "--format", "json"]);
    let row = &v["key_results"][0];
    assert_eq!(row["objective"], format!("payments:{}", kr.objective));
    assert_eq!(row["objective_title"], title.as_str());
    for format in ["table", "md"] {
        let out = org.ok(&ws, &["org", "krs", "--format", format]);
        let line = out
            .lines()
            .find(|l| l.contains(&format!("payments:{}", kr.id)))
            .unwrap_or_else(|| panic!("{out}"));
        assert!(line.contains(&title), "{format}: {out}");
        assert!(
            !out.contains(&format!("payments:{}", kr.objective)),
            "{format}: {out}"
        );
    }
}

#[test]
fn markdown_warnings_keep_their_code_spans() {
    let org = Org::new();
    let ws = org.workspace(&format!(
        "    (id: \"ghost\", name: \"Ghost\", git: \"{}\", optional: true),\n",
        org.url("nowhere")
    ));
    for args in [
        ["org", "status", "--format", "md"],
        ["org", "export", "--format", "md"],
    ] {
        let md = org.ok(&ws, &args);
        let warning = md
            .lines()
            .find(|l| l.starts_with("> **warning** ghost"))
            .unwrap_or_else(|| panic!("{args:?}: {md}"));
        assert!(
            warning.contains("`bearing org fetch`"),
            "{args:?}: {warning}"
        );
        assert!(!warning.contains("\\`"), "{args:?}: {warning}");
    }
}

#[test]
fn the_ui_title_line_names_the_workspace_title_when_given() {
    use ratatui::{Terminal, backend::TestBackend};
    let org = Org::new();
    let mut app = demo_app(&org);
    let top = |app: &bearing::tui::org::OrgApp| {
        let mut term = Terminal::new(TestBackend::new(100, 10)).unwrap();
        term.draw(|f| bearing::tui::org::draw(f, app)).unwrap();
        term.backend()
            .to_string()
            .lines()
            .next()
            .unwrap()
            .to_owned()
    };
    assert!(!top(&app).contains("Acme"), "{}", top(&app));
    app.title = Some("Acme engineering".into());
    assert!(
        top(&app).contains("bearing org · Acme engineering · 1 team"),
        "{}",
        top(&app)
    );
}

/// The workspace file's `title:`, end to end: the Markdown and HTML pages
/// are headed by it, and `bearing org` in a terminal names it on its title
/// line.
#[test]
fn a_workspace_title_heads_the_pages_and_the_ui() {
    let org = Org::new();
    let ws = one_team(&org, &common::demo(), "\n  title: \"Acme engineering\",");
    let md = org.ok(&ws, &["org", "export", "--format", "md"]);
    assert!(md.starts_with("# Acme engineering\n"), "{md}");
    let html = org.ok(&ws, &["org", "export", "--format", "html"]);
    assert!(html.contains("<title>Acme engineering"), "{html}");
    assert!(html.contains("<h1>Acme engineering</h1>"), "{html}");
    let file = ws.join("bearing-org.ron");
    let w = bearing::store::org::read_workspace(&file).unwrap();
    assert_eq!(
        bearing::org::page::workspace_title(&w).as_deref(),
        Some("Acme engineering")
    );
}
