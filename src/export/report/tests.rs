//! The report parsed as a browser parses it (html5ever, through `scraper`):
//! hostile text in every field stays text, nothing in the page comes from
//! the plan but text, nothing is fetched, and the sections a stakeholder
//! reads are there. Small pieces are held to golden snapshots.

use std::collections::BTreeSet;

use scraper::{Html, Node, Selector};

use super::fixture::{FIELDS, day, hostile_plan, shown, today};
use super::*;

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
pub(crate) fn assert_inert(doc: &Html) {
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

pub(crate) fn text_nodes(doc: &Html) -> Vec<String> {
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
fn the_sprint_shows_the_forecast_bearing_forecast_gives() {
    let plan = hostile_plan();
    let s = plan.sprint("S-00001").unwrap();
    let html = sprint_forecast_html(&plan, s, today());
    let f = crate::planning::forecast::forecast(
        &plan,
        Some("S-00001"),
        today(),
        crate::planning::forecast::Options::default(),
    )
    .unwrap();
    let o = f.sprint.as_ref().unwrap();
    let chance = crate::planning::forecast::chance(o.p_finish.unwrap());
    assert!(
        html.contains(&format!(
            "<strong>{chance}</strong> chance to finish the {} pts left",
            o.remaining_points
        )),
        "{html}"
    );
    assert!(
        html.contains("<th scope=\"col\" class=\"num\">p85</th>"),
        "{html}"
    );
    // One closed sprint: the page says the forecast is weak, as the command does.
    assert!(
        html.contains("weak forecast: only 1 closed sprint"),
        "{html}"
    );
    let fragment = Html::parse_fragment(&html);
    assert!(fragment.errors.is_empty(), "{:?}", fragment.errors);
    // A closed sprint has no forecast.
    let closed = plan.sprints.iter().find(|s| !s.state.is_open()).unwrap();
    assert_eq!(sprint_forecast_html(&plan, closed, today()), "");
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

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]

    /// Any text at all — markup, quotes, controls, bidi, other scripts — in
    /// a debt title and the North Star stays text, and the page stays inert.
    #[test]
    fn any_text_stays_text(title in "(?s).{0,40}|[<>\"'&=/:a-z !-]{0,40}") {
        let mut plan = hostile_plan();
        plan.debts[0].title = title.clone();
        plan.north_star = format!("ns {title}");
        let page = report_html(&plan, today());
        let doc = Html::parse_document(&page);
        assert_inert(&doc);
        let shown = |s: &str| -> String {
            s.chars()
                .map(|c| match c {
                    '\n' => '\n',
                    '\t' => ' ',
                    c if crate::text::is_unsafe(c) => '\u{FFFD}',
                    c => c,
                })
                .collect()
        };
        let texts = text_nodes(&doc);
        let star = shown(plan.north_star.trim());
        let has_star = texts.iter().any(|t| t.contains(&star));
        proptest::prop_assert!(has_star, "North Star {:?}", star);
        let want = shown(&title);
        let has_title = texts.iter().any(|t| t.contains(&want));
        proptest::prop_assert!(has_title, "title {:?}", want);
    }
}
