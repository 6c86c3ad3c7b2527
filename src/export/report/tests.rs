//! The report parsed as a browser parses it (html5ever, through `scraper`):
//! hostile text in every field stays text, nothing in the page comes from
//! the plan but text, nothing is fetched, and the sections a stakeholder
//! reads are there. Small pieces are held to golden snapshots.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use scraper::{Html, Node, Selector};

use super::*;
use crate::model::{
    Checkin, Commitment, Debt, DebtStatus, Hypothesis, HypothesisStatus, KeyResult, Objective,
    ScopeChange, ScopeKind, Sprint, SprintState,
};

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn today() -> NaiveDate {
    day("2026-03-04")
}

/// Every trick at once, tagged so each field's copy can be found: markup,
/// an attribute break-out, a script link, an entity, a bidi override, a
/// terminal escape and a line break.
fn evil(tag: &str) -> String {
    format!(
        "<script>alert('{tag}')</script>\"><img src=x onerror=alert('{tag}')> <a href=\"javascript:alert('{tag}')\">{tag}</a> javascript:alert(1) &amp; \u{202E}{tag}\u{1b}[31m end"
    )
}

/// What [`evil`] reads as on the page: the same characters, the unsafe
/// ones as U+FFFD.
fn shown(tag: &str) -> String {
    evil(tag).replace(['\u{202E}', '\u{1b}'], "\u{FFFD}")
}

/// The tags of the text fields [`hostile_plan`] fills.
const FIELDS: [&str; 22] = [
    "north_star",
    "objective_title",
    "objective_description",
    "kr_title",
    "kr_unit",
    "kr_owner",
    "proposed_title",
    "proposed_belief",
    "proposed_owner",
    "running_title",
    "running_belief",
    "decided_title",
    "decided_evidence",
    "decided_belief",
    "decided_signal",
    "decided_owner",
    "debt_title",
    "debt_owner",
    "sprint_name",
    "sprint_goal",
    "closed_name",
    "item_title",
];

fn hostile_plan() -> Plan {
    let mut plan = Plan {
        north_star: evil("north_star"),
        ..Plan::default()
    };
    plan.objectives.push(Objective {
        id: "O-00001".into(),
        title: evil("objective_title"),
        description: evil("objective_description"),
    });
    plan.key_results.push(KeyResult {
        title: evil("kr_title"),
        unit: evil("kr_unit"),
        owner: evil("kr_owner"),
        due: Some(day("2026-06-30")),
        checkins: vec![
            Checkin {
                date: day("2026-02-01"),
                value: 80.0,
            },
            Checkin {
                date: day("2026-03-01"),
                value: 70.0,
            },
        ],
        ..KeyResult::mttr_fixture()
    });
    let mut proposed = Hypothesis::new("H-00001".into(), evil("proposed_title"), day("2026-01-02"));
    proposed.belief = evil("proposed_belief");
    proposed.owner = evil("proposed_owner");
    let mut running = Hypothesis::new("H-00002".into(), evil("running_title"), day("2026-01-02"));
    running.belief = evil("running_belief");
    running.status = HypothesisStatus::Running;
    running.started = Some(day("2026-02-01"));
    running.review_by = Some(day("2026-03-01"));
    let mut decided = Hypothesis::new("H-00003".into(), evil("decided_title"), day("2026-01-02"));
    decided.status = HypothesisStatus::Validated;
    decided.started = Some(day("2026-01-10"));
    decided.decided = Some(day("2026-02-20"));
    decided.evidence = evil("decided_evidence");
    decided.belief = evil("decided_belief");
    decided.signal = evil("decided_signal");
    decided.owner = evil("decided_owner");
    decided.key_results = vec!["KR-00001".into()];
    plan.hypotheses = vec![proposed, running, decided];
    let mut debt = Debt::new("D-00001".into(), evil("debt_title"), day("2026-01-01"));
    debt.owner = evil("debt_owner");
    debt.effort = Some(3);
    debt.risk = 4;
    debt.key_results = vec!["KR-00001".into()];
    let mut item = Debt::new("D-00002".into(), evil("item_title"), day("2026-01-01"));
    item.effort = Some(5);
    item.set_status(DebtStatus::Done, day("2026-03-03"));
    let mut old = Debt::new("D-00003".into(), "old work".into(), day("2026-01-01"));
    old.effort = Some(8);
    plan.debts = vec![debt, item, old];
    let mut s = Sprint::new(
        "S-00001".into(),
        evil("sprint_name"),
        day("2026-03-02"),
        day("2026-03-13"),
        20,
    );
    s.goal = evil("sprint_goal");
    s.state = SprintState::Active;
    s.items = vec!["D-00001".into(), "D-00002".into()];
    s.commitment = Some(Commitment {
        date: day("2026-03-02"),
        items: vec!["D-00002".into()],
        points: 5,
    });
    s.scope.push(ScopeChange {
        date: day("2026-03-03"),
        item: "D-00001".into(),
        change: ScopeKind::Added,
        points: 3,
    });
    let mut closed = Sprint::new(
        "S-00000".into(),
        evil("closed_name"),
        day("2026-02-16"),
        day("2026-02-27"),
        20,
    );
    closed.state = SprintState::Closed;
    closed.closed = Some(day("2026-02-27"));
    closed.commitment = Some(Commitment {
        date: day("2026-02-16"),
        items: vec!["D-00003".into()],
        points: 8,
    });
    closed.completed_points = Some(6);
    plan.sprints = vec![closed, s];
    plan.normalize();
    plan
}

/// Elements the report writes, and nothing else.
const ELEMENTS: [&str; 48] = [
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "header",
    "nav",
    "main",
    "footer",
    "section",
    "article",
    "h1",
    "h2",
    "h3",
    "h4",
    "p",
    "span",
    "strong",
    "code",
    "a",
    "div",
    "figure",
    "figcaption",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "table",
    "caption",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
    "svg",
    "desc",
    "rect",
    "line",
    "polyline",
    "circle",
    "text",
    "g",
    "path",
    "ul",
    "small",
];

/// Attributes the report writes, and nothing else.
const ATTRIBUTES: [&str; 36] = [
    "lang",
    "charset",
    "name",
    "content",
    "http-equiv",
    "class",
    "id",
    "href",
    "aria-label",
    "role",
    "viewBox",
    "viewbox",
    "width",
    "height",
    "preserveAspectRatio",
    "preserveaspectratio",
    "x",
    "y",
    "rx",
    "fill",
    "x1",
    "x2",
    "y1",
    "y2",
    "stroke",
    "stroke-width",
    "stroke-dasharray",
    "points",
    "cx",
    "cy",
    "r",
    "font-size",
    "text-anchor",
    "style",
    "scope",
    "colspan",
];

/// Every element and attribute is one the report writes; no link leaves
/// the page; no style fetches; the CSP forbids loading anything.
fn assert_inert(doc: &Html) {
    for node in doc.tree.nodes() {
        if let Node::Element(e) = node.value() {
            let name = e.name();
            assert!(ELEMENTS.contains(&name), "unexpected element <{name}>");
            for (attr, value) in e.attrs() {
                assert!(
                    ATTRIBUTES.contains(&attr),
                    "unexpected attribute {attr} on <{name}>"
                );
                let lower = value.to_ascii_lowercase();
                assert!(!lower.contains("javascript:"), "{attr}={value:?}");
                assert!(!lower.contains("url("), "{attr}={value:?}");
                assert!(!lower.contains("://"), "{attr}={value:?}");
                if attr == "href" {
                    assert!(value.starts_with('#'), "a link off the page: {value:?}");
                }
            }
        }
    }
    let style = Selector::parse("style").unwrap();
    for s in doc.select(&style) {
        let css = s.text().collect::<String>().to_ascii_lowercase();
        for bad in ["url(", "@import", "@font-face", "://"] {
            assert!(!css.contains(bad), "the stylesheet holds {bad}");
        }
    }
    let csp = Selector::parse(r#"meta[http-equiv="Content-Security-Policy"]"#).unwrap();
    let policy = doc
        .select(&csp)
        .next()
        .expect("a CSP")
        .attr("content")
        .unwrap();
    assert!(policy.starts_with("default-src 'none'"), "{policy}");
}

fn text_nodes(doc: &Html) -> Vec<String> {
    doc.tree
        .nodes()
        .filter_map(|n| match n.value() {
            Node::Text(t) => Some(t.to_string()),
            _ => None,
        })
        .collect()
}

#[test]
fn hostile_text_in_every_field_stays_text_and_adds_no_element_or_attribute() {
    let page = report_html(&hostile_plan(), today());
    let doc = Html::parse_document(&page);
    assert!(
        doc.errors.is_empty(),
        "HTML5 parse errors: {:?}",
        doc.errors
    );
    assert_inert(&doc);
    let texts = text_nodes(&doc);
    for tag in FIELDS {
        let want = shown(tag);
        assert!(
            texts.iter().any(|t| t.contains(&want)),
            "{tag}: not found as one text node"
        );
    }
    for bidi in ['\u{202E}', '\u{1b}'] {
        assert!(!page.contains(bidi), "{bidi:?} reached the page");
    }
    let img = Selector::parse("img, script, iframe, object, embed, link, base, form").unwrap();
    assert_eq!(doc.select(&img).count(), 0);
}

#[test]
fn the_page_has_its_sections_headings_and_accessible_charts() {
    let page = report_html(&hostile_plan(), today());
    let doc = Html::parse_document(&page);
    let sel = |s: &str| Selector::parse(s).unwrap();
    assert_eq!(
        doc.select(&sel("html")).next().unwrap().attr("lang"),
        Some("en")
    );
    assert!(doc.select(&sel("meta[name=viewport]")).next().is_some());
    let title: String = doc
        .select(&sel("head > title"))
        .next()
        .unwrap()
        .text()
        .collect();
    assert_eq!(title, "Plan report, 2026-03-04");
    let h2: Vec<String> = doc.select(&sel("h2")).map(|h| h.text().collect()).collect();
    let want: Vec<&str> = SECTIONS.iter().map(|(_, h)| *h).collect();
    assert_eq!(h2, want);
    let ids: BTreeSet<&str> = doc
        .select(&sel("section"))
        .filter_map(|s| s.attr("id"))
        .collect();
    for (id, _) in SECTIONS {
        assert!(ids.contains(id), "{id}");
    }
    // Every chart says what it shows: a title and a role.
    let svgs: Vec<_> = doc.select(&sel("svg")).collect();
    assert!(svgs.len() >= 4, "gauge, trend, burn-up, velocity");
    for svg in &svgs {
        assert_eq!(svg.attr("role"), Some("img"));
        assert!(svg.select(&sel("title")).next().is_some());
    }
    // Health is in words, not colour alone.
    let badges: Vec<String> = doc
        .select(&sel(".badge"))
        .map(|b| b.text().collect())
        .collect();
    assert_eq!(
        badges,
        vec!["on track"],
        "MTTR 90 → 70 of 30, a third of the way"
    );
    // Burn-up, velocity and the learning log are there.
    for caption in ["Burn-up", "Velocity"] {
        assert!(
            doc.select(&sel("svg > title"))
                .any(|t| t.text().collect::<String>() == caption)
        );
    }
    assert!(page.contains("Validated: "));
}

#[test]
fn the_demo_report_is_inert_and_lists_only_the_top_debt() {
    let plan = crate::store::format::from_text(crate::store::embedded::DEMO).unwrap();
    let page = report_html(&plan, crate::store::embedded::demo_today());
    let doc = Html::parse_document(&page);
    assert!(
        doc.errors.is_empty(),
        "HTML5 parse errors: {:?}",
        doc.errors
    );
    assert_inert(&doc);
    let items = Selector::parse("ol.debt > li").unwrap();
    assert_eq!(doc.select(&items).count(), work::TOP_DEBT);
    assert!(page.len() < 120_000, "{} bytes", page.len());
}

#[test]
fn a_big_plan_keeps_a_small_page() {
    let plan = crate::synth::plan(5_000, 7);
    let page = report_html(&plan, day("2026-11-20"));
    let doc = Html::parse_document(&page);
    assert_inert(&doc);
    let cards = Selector::parse("#experiments .card").unwrap();
    assert!(doc.select(&cards).count() <= 4 * work::BOARD_CAP);
    assert!(page.contains("… and "), "the rest is counted");
    assert!(page.len() < 250_000, "{} bytes", page.len());
}

#[test]
fn an_empty_plan_still_makes_a_whole_page() {
    let page = report_html(&Plan::default(), today());
    let doc = Html::parse_document(&page);
    assert!(doc.errors.is_empty(), "{:?}", doc.errors);
    for want in [
        "No North Star is set.",
        "No objectives yet.",
        "No experiments yet.",
        "No open debt.",
        "No active or planned sprint.",
        "No closed sprint yet: no velocity.",
        "No decided experiments yet.",
    ] {
        assert!(page.contains(want), "{want}");
    }
}

#[test]
fn the_sprint_forecast_slot_renders_nothing_until_a_forecast_exists() {
    let plan = hostile_plan();
    let s = plan.sprint("S-00001").unwrap();
    assert_eq!(sprint_forecast_html(&plan, s, today()), "");
}

#[test]
fn golden_gauge_and_score_breakdown() {
    insta::assert_snapshot!(
        "gauge",
        svg::gauge(Some(0.42), "#b07a00", "MTTR <fast>: 42%, at risk")
    );
    let plan = hostile_plan();
    let mut out = String::new();
    work::top_debt(&mut out, &plan, today());
    insta::assert_snapshot!("top_debt", out.replace("><", ">\n<"));
}

#[test]
fn golden_burnup() {
    let plan = hostile_plan();
    let b = crate::planning::burnup(&plan, "S-00001", today()).unwrap();
    insta::assert_snapshot!("burnup", sprint::burnup_chart(&b).replace("><", ">\n<"));
}
