//! The organisation's page from hand-made teams: hostile team ids, names
//! and plan texts stay text in the HTML (parsed as a browser parses it)
//! and cannot break a Markdown table; each section says what the roll-ups
//! say; a team that could not be read is a warning row, not an error.

use scraper::{Html, Selector};

use super::html::SECTIONS;
use super::*;
use crate::export::report::{assert_inert, day, evil, hostile_plan, shown, text_nodes, today};
use crate::model::{Debt, Plan};
use crate::org::{Team, TeamPlan, TeamSource, TeamState, page};

fn team(id: &str, name: &str, plan: Option<Plan>, message: &str) -> TeamPlan {
    TeamPlan {
        team: Team {
            id: id.into(),
            name: name.into(),
            source: TeamSource::Path {
                path: format!("../{id}/bearing.ron"),
            },
            optional: plan.is_none(),
            line: 1,
        },
        version: plan.as_ref().map(|_| "abc1234 (main)".to_owned()),
        file: format!("{id}.ron"),
        fetch: Default::default(),
        state: match plan {
            Some(p) => TeamState::Loaded {
                plan: Box::new(p),
                lines: None,
            },
            None => TeamState::Failed {
                kind: "not-found",
                message: message.into(),
            },
        },
    }
}

/// A team with hostile text everywhere (its id and name too) and a team
/// that could not be read, whose message is hostile as well.
fn hostile_teams() -> Vec<TeamPlan> {
    vec![
        team(
            &evil("team_id"),
            &evil("team_name"),
            Some(hostile_plan()),
            "",
        ),
        team("gone", &evil("gone_name"), None, &evil("problem")),
    ]
}

const SHOWN: [&str; 9] = [
    "team_id",
    "team_name",
    "gone_name",
    "problem",
    "kr_title",
    "objective_title",
    "debt_title",
    "debt_owner",
    "sprint_name",
];

#[test]
fn hostile_team_names_ids_and_plan_texts_stay_text_in_the_html() {
    let html = org_html(&page(&hostile_teams(), today()));
    let doc = Html::parse_document(&html);
    assert!(
        doc.errors.is_empty(),
        "HTML5 parse errors: {:?}",
        doc.errors
    );
    assert_inert(&doc);
    let texts = text_nodes(&doc);
    for tag in SHOWN {
        let want = shown(tag);
        assert!(
            texts.iter().any(|t| t.contains(&want)),
            "{tag}: not found as one text node"
        );
    }
    for c in ['\u{202E}', '\u{1b}'] {
        assert!(!html.contains(c), "{c:?} reached the page");
    }
    let bad = Selector::parse("img, script, iframe, object, embed, link, base, form").unwrap();
    assert_eq!(doc.select(&bad).count(), 0);
}

#[test]
fn the_html_page_has_its_sections_and_a_warning_for_the_team_not_read() {
    let html = org_html(&page(&hostile_teams(), today()));
    let doc = Html::parse_document(&html);
    let sel = |s: &str| Selector::parse(s).unwrap();
    let h2: Vec<String> = doc.select(&sel("h2")).map(|h| h.text().collect()).collect();
    let want: Vec<&str> = SECTIONS.iter().map(|(_, h)| *h).collect();
    assert_eq!(h2, want);
    let warnings: Vec<String> = doc
        .select(&sel("#teams p.warning"))
        .map(|p| p.text().collect())
        .collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].starts_with("warning gone (optional): "),
        "{warnings:?}"
    );
    assert_eq!(doc.select(&sel("#teams article.card.failed")).count(), 1);
    // The version read names each team's commit; the gauges are labelled.
    let cards: Vec<String> = doc
        .select(&sel("#teams article.card"))
        .map(|c| c.text().collect())
        .collect();
    assert!(cards[0].contains("abc1234 (main)"), "{}", cards[0]);
    assert!(cards[0].contains("open/all debt2/"), "{}", cards[0]);
    assert!(doc.select(&sel("#key-results svg.gauge title")).count() >= 1);
    assert!(doc.select(&sel("#sprints svg.gauge title")).count() >= 1);
    let rows = doc.select(&sel("#debt tbody tr")).count();
    assert_eq!(rows, 2, "the hostile plan's two open, estimated debt items");
    let finding_rows: Vec<String> = doc
        .select(&sel("#findings tbody tr"))
        .map(|r| r.text().collect::<Vec<_>>().join("|"))
        .collect();
    assert_eq!(finding_rows.len(), 2);
    // Counted as `org check` counts it: an optional team not read is one
    // warning (issue 15: the page and `org check` agree).
    assert_eq!(finding_rows[1], "gone|0|1|warning: not-found");
}

#[test]
fn markdown_keeps_hostile_text_inside_its_cells_and_warns_for_the_team_not_read() {
    let md = org_markdown(&page(&hostile_teams(), today()));
    // Every `<` from a plan or the workspace is escaped: no raw HTML.
    assert!(!md.replace("\\<", "").contains('<'), "{md}");
    for c in ['\u{202E}', '\u{1b}'] {
        assert!(!md.contains(c), "{c:?} reached the page");
    }
    let headings: Vec<&str> = md.lines().filter(|l| l.starts_with("## ")).collect();
    assert_eq!(
        headings,
        [
            "## Teams",
            "## Key results by team",
            "## Top debt across teams",
            "## Sprints by team",
            "## Check findings"
        ]
    );
    // Every table row has as many unescaped `|` as its header.
    let mut header_bars = None;
    for line in md.lines() {
        if !line.starts_with('|') {
            header_bars = None;
            continue;
        }
        let bars = line.replace("\\|", "").matches('|').count();
        match header_bars {
            None => header_bars = Some(bars),
            Some(n) => assert_eq!(bars, n, "a cell broke its table: {line}"),
        }
    }
    assert!(
        md.lines()
            .any(|l| l.starts_with("> **warning** gone (optional): ")),
        "{md}"
    );
    assert!(md.contains("| gone | 0 | 1 | warning: not-found |"), "{md}");
}

fn debt(id: &str, risk: u8) -> Debt {
    let mut d = Debt::new(id.into(), format!("debt {id}"), day("2026-01-01"));
    d.risk = risk;
    d.effort = Some(2);
    d
}

#[test]
fn the_top_debt_is_org_rank_cut_at_twenty_with_team_ids() {
    let a = Plan {
        debts: (1..=15).map(|i| debt(&format!("D-{i:05}"), 5)).collect(),
        ..Plan::default()
    };
    let b = Plan {
        debts: (1..=10)
            .map(|i| debt(&format!("D-{i:05}"), (i % 5 + 1) as u8))
            .collect(),
        ..Plan::default()
    };
    let teams = vec![team("a", "A", Some(a), ""), team("b", "B", Some(b), "")];
    let p = page(&teams, today());
    assert_eq!(p.debt_ranked, 25);
    let ranked = crate::org::rank(&teams, today(), Some(20));
    let ids = |rows: &[crate::org::RankRow]| rows.iter().map(|r| r.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&p.top_debt), ids(&ranked));
    let md = org_markdown(&p);
    assert!(md.contains("The first 20 of 25 ranked open items,"), "{md}");
    let html = org_html(&p);
    let doc = Html::parse_document(&html);
    let sel = Selector::parse("#debt tbody tr").unwrap();
    assert_eq!(doc.select(&sel).count(), 20);
    assert!(
        ids(&p.top_debt)
            .iter()
            .all(|i| i.starts_with("a:") || i.starts_with("b:"))
    );
}

#[test]
fn each_team_at_a_glance_counts_its_key_results_sprint_and_findings() {
    let p = page(&hostile_teams(), today());
    let g = &p.teams[0];
    assert!(g.read());
    let plan = hostile_plan();
    // Items are objectives, key results, experiments and debt: sprints
    // are not items (the UI's Teams view counts the same).
    assert!(!plan.sprints.is_empty());
    assert_eq!(
        g.items,
        Some(
            plan.objectives.len()
                + plan.key_results.len()
                + plan.hypotheses.len()
                + plan.debts.len()
        )
    );
    assert_eq!(g.on_track + g.at_risk + g.off_track, 1);
    let active = g.active.clone().expect("the active sprint");
    let (id, name) = (active.id, active.name);
    assert!(id.ends_with(":S-00001"), "{id}");
    assert_eq!(name, evil("sprint_name"));
    let checks = crate::org::check_rows(&hostile_teams(), today());
    let team_errors = checks
        .iter()
        .filter(|c| c.team == g.status.team && c.severity == crate::model::Severity::Error)
        .count();
    assert_eq!(g.errors, team_errors);
    let gone = &p.teams[1];
    assert!(!gone.read());
    // Not read: its counts are unknown, not 0.
    assert_eq!(gone.items, None);
    assert_eq!(gone.status.debt_open, None);
    assert_eq!((gone.errors, gone.warnings), (0, 0));
    assert!(gone.active.is_none());
}

#[test]
fn a_warnings_code_spans_are_code_in_the_html_and_stay_backticks_in_markdown() {
    let teams = vec![team(
        "mobile",
        "Mobile",
        None,
        "not fetched yet: run `bearing org fetch` (or `<b>` & a lone ` stays)",
    )];
    let p = page(&teams, today());
    let doc = Html::parse_document(&org_html(&p));
    assert!(doc.errors.is_empty(), "{:?}", doc.errors);
    assert_inert(&doc);
    let sel = |s: &str| Selector::parse(s).unwrap();
    let warning = doc.select(&sel("#teams p.warning")).next().unwrap();
    let code: Vec<String> = warning
        .select(&sel("code"))
        .map(|c| c.text().collect())
        .collect();
    assert_eq!(code, ["bearing org fetch", "<b>"]);
    let words: String = warning.text().collect();
    assert_eq!(
        words,
        "warning mobile (optional): not fetched yet: run bearing org fetch (or <b> & a lone ` stays)"
    );
    // Markdown keeps them code spans too (escaping only outside them).
    let md = org_markdown(&p);
    assert!(
        md.contains(r"run `bearing org fetch` (or `<b>` &amp; a lone \` stays)"),
        "{md}"
    );
}

#[test]
fn the_workspace_title_heads_the_page() {
    let teams = vec![team("mobile", "Mobile", None, "gone")];
    let untitled = page(&teams, today());
    assert!(org_markdown(&untitled).starts_with("# The organisation\n"));
    let p = page(&teams, today()).titled(Some("Acme <engineering>".into()));
    assert!(
        org_markdown(&p).starts_with("# Acme \\<engineering\\>\n"),
        "{}",
        org_markdown(&p)
    );
    let html = org_html(&p);
    assert!(html.contains("<h1>Acme &lt;engineering&gt;</h1>"), "{html}");
    assert!(html.contains("<title>Acme &lt;engineering&gt;, "), "{html}");
}
