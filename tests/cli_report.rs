//! `bearing export report --format html` with the real binary: one page to a
//! file or stdout, hostile text from a real (CRLF, BOM) plan file kept as
//! text, never written over the plan.

mod common;

use common::cli::Sandbox;
use scraper::{Html, Node, Selector};

const HOSTILE: &str =
    "<script>alert(1)</script>\"><img src=x onerror=alert(2)> javascript:alert(3)";

fn texts(doc: &Html) -> String {
    doc.tree
        .nodes()
        .filter_map(|n| match n.value() {
            Node::Text(t) => Some(t.to_string()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_demo_report_goes_to_a_file_or_stdout() {
    let sb = Sandbox::demo();
    let out = sb.ok(&["export", "report", "--format", "html", "-o", "report.html"]);
    assert_eq!(out, "wrote report.html\n");
    let page = std::fs::read_to_string(sb.path().join("report.html")).unwrap();
    assert_eq!(sb.ok(&["export", "report"]), page, "html is the default");
    assert_eq!(sb.ok(&["export", "report", "-o", "-"]), page);
    let doc = Html::parse_document(&page);
    assert!(doc.errors.is_empty(), "{:?}", doc.errors);
    let h2: Vec<String> = doc
        .select(&Selector::parse("h2").unwrap())
        .map(|h| h.text().collect())
        .collect();
    assert_eq!(
        h2,
        [
            "North Star",
            "Objectives and key results",
            "Experiments",
            "Top debt",
            "Current sprint",
            "Learning log"
        ]
    );
    assert!(texts(&doc).contains("Finance teams at growing B2B companies"));
    assert!(!page.contains("<script"));
}

#[test]
fn only_html_is_offered() {
    let sb = Sandbox::demo();
    let r = sb.run(&["export", "report", "--format", "md"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("possible values: html"), "{}", r.stderr);
}

#[test]
fn hostile_titles_from_a_crlf_bom_file_stay_text() {
    let sb = Sandbox::init();
    let o = sb.add(&["add", "objective", HOSTILE]);
    sb.add(&[
        "add",
        "kr",
        HOSTILE,
        "--objective",
        &o,
        "--baseline",
        "90",
        "--target",
        "30",
        "--unit",
        "min",
        "--start",
        "2026-10-01",
        "--due",
        "2026-12-31",
    ]);
    sb.add(&["add", "debt", HOSTILE, "--effort", "2", "--risk", "3"]);
    let ns = sb.write("north-star.txt", HOSTILE);
    sb.ok(&["north-star", "set", &ns]);
    // The same plan as a Windows editor saves it: BOM and CRLF.
    let crlf = format!("\u{feff}{}", sb.text().replace('\n', "\r\n"));
    std::fs::write(sb.plan(), crlf).unwrap();
    let page = sb.ok(&["export", "report"]);
    let doc = Html::parse_document(&page);
    assert!(doc.errors.is_empty(), "{:?}", doc.errors);
    let none = Selector::parse("script, img, iframe, object, embed").unwrap();
    assert_eq!(doc.select(&none).count(), 0, "no element from plan text");
    for e in doc.tree.nodes().filter_map(|n| n.value().as_element()) {
        for (name, value) in e.attrs() {
            assert!(!name.starts_with("on"), "{name}");
            assert!(!value.contains("alert"), "{name}={value}");
        }
    }
    let all = texts(&doc);
    // Title in the objective heading, the key result card, the top debt
    // and the North Star: each a text node.
    assert!(all.matches(HOSTILE).count() >= 4, "{all}");
}

#[test]
fn the_report_never_replaces_the_plan() {
    let sb = Sandbox::init();
    let before = sb.file();
    sb.refused(
        &["export", "report", "-o", "bearing.ron"],
        "the plan file itself",
    );
    assert_eq!(sb.file(), before);
}
