//! Unit tests, compiled only under `#[cfg(test)] mod tests;` in the parent:
//! unwrap() here is on fixtures the test builds, never on user input.

use chrono::NaiveDate;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::*;
use crate::model::{
    Commitment, Debt, DebtStatus, Hypothesis, HypothesisStatus, KeyResult, Objective, Sprint,
};

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn today() -> NaiveDate {
    day("2026-03-04")
}

const EVIL: &str = "a|b \"q\", c\nnext line \u{1b}[31mred\u{1b}[0m \u{1b}]0;x\u{7} \u{9b}1m \
                    <script>alert(1)</script> [link](http://x) `tick` *em* \\| end\r";

/// Titles that try every trick: table breaks, quotes, commas, newlines,
/// formula starters, terminal escapes, HTML and links.
fn hostile_titles() -> Vec<String> {
    vec![
        EVIL.to_owned(),
        "=cmd|' /C calc'!A0".to_owned(),
        "@x".to_owned(),
        "-1".to_owned(),
        "+1+1".to_owned(),
        "\tTabbed".to_owned(),
        "plain title".to_owned(),
    ]
}

fn plan() -> Plan {
    let mut plan = Plan {
        north_star: "  Ship fast.\u{1b}[2J\n\nStay up.  ".into(),
        ..Plan::default()
    };
    plan.objectives.push(Objective {
        id: "O-00001".into(),
        title: "Reliability".into(),
        description: String::new(),
    });
    // Half the window gone with no progress: off track.
    plan.key_results.push(KeyResult {
        due: Some(day("2026-05-01")),
        ..KeyResult::mttr_fixture()
    });
    let mut items = Vec::new();
    for (i, title) in hostile_titles().into_iter().enumerate() {
        let id = format!("D-0000{i}");
        let mut d = Debt::new(id.clone(), title.clone(), day("2026-01-02"));
        d.owner = if i == 0 { EVIL.into() } else { "ana".into() };
        d.area = "=area".into();
        d.tags = vec!["ci".into(), "-x".into()];
        d.risk = 4;
        d.customer = 3;
        d.effort = Some((i as u32) + 1);
        if i == 0 {
            d.key_results = vec!["KR-00001".into()];
        }
        plan.debts.push(d);
        items.push(id);
    }
    let mut s = Sprint::new(
        "S-00001".into(),
        format!("Sprint {EVIL}"),
        day("2026-03-02"),
        day("2026-03-13"),
        21,
    );
    s.goal = EVIL.into();
    s.items = items;
    s.state = crate::model::SprintState::Active;
    plan.sprints.push(s);
    plan.sprints.push(Sprint::new(
        "S-00002".into(),
        "Next".into(),
        day("2026-03-16"),
        day("2026-03-27"),
        20,
    ));
    plan
}

fn no_controls(s: &str) {
    let bad: Vec<char> = s
        .chars()
        .filter(|&c| c != '\n' && crate::text::is_unsafe(c))
        .collect();
    assert!(bad.is_empty(), "control characters {bad:?} in output");
}

#[test]
fn csv_parses_with_even_rows_and_no_formulas() {
    let plan = plan();
    let out = sprint_csv(&plan, "S-00001", today()).unwrap();
    no_controls(&out);
    let mut rd = ::csv::Reader::from_reader(out.as_bytes());
    let header: Vec<String> = rd.headers().unwrap().iter().map(str::to_owned).collect();
    assert_eq!(header, CSV_HEADER);
    let rows: Vec<::csv::StringRecord> = rd.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 7);
    for row in &rows {
        assert_eq!(row.len(), CSV_HEADER.len());
        for cell in row.iter() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r', '\n']),
                "formula starter in {cell:?}"
            );
        }
    }
    let by_id = |id: &str| rows.iter().find(|r| &r[0] == id).unwrap();
    assert_eq!(&by_id("D-00001")[1], "'=cmd|' /C calc'!A0");
    assert_eq!(&by_id("D-00003")[1], "'-1");
    assert!(by_id("D-00000")[1].starts_with("a|b \"q\", c next line"));
    let first = by_id("D-00000");
    // Risk 4 + customer 3 + off-track KR pressure 2 = 9 over 1 point.
    assert_eq!(&first[6], "9.00");
    assert_eq!((&first[7], &first[9], &first[12]), ("3", "4", "open"));
    assert_eq!((&first[4], &first[11]), ("ci;-x", "KR-00001"));
    assert_eq!(&first[3], "'=area");
}

#[test]
fn json_parses_and_keeps_text() {
    let plan = plan();
    let out = sprint_json(&plan, "S-00001", today()).unwrap();
    // serde_json escapes control characters; nothing raw is left.
    no_controls(&out);
    assert!(out.contains("\\u009b") && out.contains("\\u001b"), "{out}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["format_version"], 1);
    let s = &v["sprint"];
    assert_eq!(s["id"], "S-00001");
    assert_eq!(s["state"], "active");
    assert_eq!(s["start"], "2026-03-02");
    assert_eq!(s["capacity"], 21);
    assert_eq!(s["planned_points"], 28);
    assert_eq!(s["completed_points"], serde_json::Value::Null);
    let items = v["items"].as_array().unwrap();
    assert_eq!(items.len(), 7);
    assert_eq!(items[0]["rank"], 1);
    assert_eq!(items[0]["id"], "D-00000");
    assert_eq!(items[0]["title"], EVIL);
    assert_eq!(items[0]["score"], 9.0);
    let b = &items[0]["breakdown"];
    assert_eq!(
        (b["risk"].as_f64(), b["kr_pressure"].as_f64()),
        (Some(4.0), Some(2.0))
    );
    assert_eq!(b["cost_of_delay"], 9.0);
    assert_eq!(items[0]["tags"], serde_json::json!(["ci", "-x"]));
    let t = &v["totals"];
    assert_eq!(
        (t["effort"].as_u64(), t["over_capacity"].as_u64()),
        (Some(28), Some(7))
    );
    assert_eq!(t["key_results"], serde_json::json!(["KR-00001"]));
}

/// Cells per table row (head first), and whether any HTML or link made it.
fn table_shape(md: &str) -> (Vec<usize>, bool, bool) {
    let mut rows = Vec::new();
    let mut cells = 0;
    let (mut html, mut link) = (false, false);
    for ev in Parser::new_ext(md, Options::ENABLE_TABLES) {
        match ev {
            Event::Start(Tag::TableHead | Tag::TableRow) => cells = 0,
            Event::Start(Tag::TableCell) => cells += 1,
            Event::End(TagEnd::TableHead | TagEnd::TableRow) => rows.push(cells),
            Event::Html(_) | Event::InlineHtml(_) => html = true,
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => link = true,
            _ => {}
        }
    }
    (rows, html, link)
}

#[test]
fn markdown_table_is_even_and_inert() {
    let plan = plan();
    let md = sprint_markdown(&plan, "S-00001", today()).unwrap();
    no_controls(&md);
    let (rows, html, link) = table_shape(&md);
    // The ranked items, then people's load (the hostile owner and ana).
    let mut expected = vec![7; 8];
    expected.extend([4; 3]);
    assert_eq!(rows, expected, "{md}");
    assert!(!html, "raw HTML reached the page:\n{md}");
    assert!(!link, "a link reached the page:\n{md}");
    assert!(
        md.contains("- **Window:** 2026-03-02 → 2026-03-13 (10 days left)"),
        "{md}"
    );
    assert!(
        md.contains("- **Capacity:** 28 / 21 pts (133%), **over capacity by 7 pts**"),
        "{md}"
    );
    assert_eq!(md.matches("\n- D-0000").count(), 7);
    assert!(md.contains("**Totals:** 7 items, 28 / 21 pts"), "{md}");
}

#[test]
fn why_lists_largest_terms_first() {
    let plan = plan();
    let md = sprint_markdown(&plan, "S-00001", today()).unwrap();
    assert!(
        md.contains(
            "\n- D-00000: risk 4 × 1 = 4, customer 3 × 1 = 3, key-result pressure 2 (KR-00001 off track); 1 pt\n"
        ),
        "{md}"
    );
}

#[test]
fn closed_and_empty_sprints() {
    let mut plan = plan();
    let md = sprint_markdown(&plan, "S-00002", today()).unwrap();
    assert!(md.contains("_No items committed yet._"), "{md}");
    assert!(md.contains("(starts in 12 days)"), "{md}");
    let s = &mut plan.sprints[0];
    s.state = crate::model::SprintState::Closed;
    s.closed = Some(day("2026-03-13"));
    s.commitment = Some(Commitment {
        date: day("2026-03-02"),
        items: vec![],
        points: 20,
    });
    s.completed = vec!["D-00000".into()];
    s.completed_points = Some(1);
    plan.debts[0].status = DebtStatus::Done;
    let md = sprint_markdown(&plan, "S-00001", day("2026-03-20")).unwrap();
    assert!(
        md.contains("(closed 2026-03-13)") && md.contains("- **Done:** 1 of 20 planned pts"),
        "{md}"
    );
    let v: serde_json::Value =
        serde_json::from_str(&sprint_json(&plan, "S-00001", today()).unwrap()).unwrap();
    assert_eq!(
        (
            v["sprint"]["planned_points"].as_u64(),
            v["sprint"]["completed_points"].as_u64()
        ),
        (Some(20), Some(1))
    );
    assert!(matches!(
        sprint_csv(&plan, "S-NOPE1", today()),
        Err(ExportError::UnknownSprint(_))
    ));
}

#[test]
fn default_sprint_prefers_active_then_next_planned() {
    let mut plan = plan();
    assert_eq!(plan.current_sprint().unwrap().id, "S-00001");
    plan.sprints[0].state = crate::model::SprintState::Closed;
    plan.sprints.push(Sprint::new(
        "S-00003".into(),
        "Later".into(),
        day("2026-04-01"),
        day("2026-04-10"),
        5,
    ));
    assert_eq!(plan.current_sprint().unwrap().id, "S-00002");
    plan.sprints.clear();
    assert!(plan.current_sprint().is_none());
}

#[test]
fn north_star_alone_and_safe() {
    let plan = plan();
    assert_eq!(north_star(&plan), "Ship fast.\u{FFFD}[2J\n\nStay up.\n");
    assert_eq!(north_star(&Plan::default()), "");
}

fn decided(id: &str, status: HypothesisStatus, started: &str, decided: &str) -> Hypothesis {
    let mut h = Hypothesis::new(id.into(), format!("{EVIL} {id}"), day("2026-01-01"));
    h.status = status;
    h.started = Some(day(started));
    h.decided = Some(day(decided));
    h.evidence = format!("evidence {id}\nsecond line <b>x</b>");
    h.belief = "runbooks cut MTTR".into();
    h.signal = "MTTR under 60".into();
    h.key_results = vec!["KR-00001".into()];
    h
}

fn log_plan() -> Plan {
    let mut plan = plan();
    let kr = &mut plan.key_results[0];
    kr.check_in(day("2026-01-20"), 80.0);
    kr.check_in(day("2026-02-20"), 60.0);
    kr.check_in(day("2026-03-20"), 45.0);
    plan.hypotheses = vec![
        decided(
            "H-00001",
            HypothesisStatus::Validated,
            "2026-01-10",
            "2026-02-25",
        ),
        decided(
            "H-00002",
            HypothesisStatus::Abandoned,
            "2026-01-25",
            "2026-03-03",
        ),
        decided(
            "H-00003",
            HypothesisStatus::Validated,
            "2026-02-01",
            "2026-02-10",
        ),
        Hypothesis::new("H-00004".into(), "still proposed".into(), day("2026-01-01")),
    ];
    plan
}

#[test]
fn learning_log_groups_by_month_newest_first() {
    let plan = log_plan();
    let v: serde_json::Value =
        serde_json::from_str(&learning_log_json(&plan, None).unwrap()).unwrap();
    assert_eq!(v["format_version"], 1);
    let months = v["months"].as_array().unwrap();
    let shape: Vec<(String, Vec<String>)> = months
        .iter()
        .map(|m| {
            let ids = m["entries"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["id"].as_str().unwrap().to_owned())
                .collect();
            (m["month"].as_str().unwrap().to_owned(), ids)
        })
        .collect();
    assert_eq!(
        shape,
        [
            ("2026-03".to_owned(), vec!["H-00002".to_owned()]),
            (
                "2026-02".to_owned(),
                vec!["H-00001".to_owned(), "H-00003".to_owned()]
            ),
        ]
    );
    // H-00001 ran 01-10 (baseline 90) to 02-25 (60).
    let e = &months[1]["entries"][0];
    assert_eq!(e["decision"], "validated");
    assert_eq!(e["key_results"][0]["before"], 90.0);
    assert_eq!(e["key_results"][0]["after"], 60.0);
    assert_eq!(e["title"], format!("{EVIL} H-00001"));

    let since: serde_json::Value =
        serde_json::from_str(&learning_log_json(&plan, Some(day("2026-02-11"))).unwrap()).unwrap();
    assert_eq!(since["months"].as_array().unwrap().len(), 2);
    assert_eq!(since["months"][1]["entries"].as_array().unwrap().len(), 1);
}

#[test]
fn learning_log_markdown_is_inert() {
    let plan = log_plan();
    let md = learning_log_markdown(&plan, None, today());
    no_controls(&md);
    let (_, html, link) = table_shape(&md);
    assert!(!html && !link, "{md}");
    let h2: Vec<&str> = md.lines().filter(|l| l.starts_with("## ")).collect();
    assert_eq!(h2, ["## 2026-03", "## 2026-02"]);
    assert_eq!(md.matches("\n### ").count(), 3);
    assert!(
        md.contains("- **MTTR** (KR-00001): 90 min → 60 min\n"),
        "{md}"
    );
    assert!(
        md.contains("- **Evidence:** evidence H-00001 second line \\<b\\>x\\</b\\>\n"),
        "{md}"
    );
    assert!(md.contains("### Abandoned: "), "{md}");
    let empty = learning_log_markdown(&plan, Some(day("2026-04-01")), today());
    assert!(empty.contains("_No decided experiments yet._"));
}

#[test]
fn sprint_list_json() {
    let plan = plan();
    let v: serde_json::Value =
        serde_json::from_str(&sprints_json(&plan, today()).unwrap()).unwrap();
    let list = v.as_array().unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0]["id"], "S-00001");
    assert_eq!(list[0]["items"].as_array().unwrap().len(), 7);
    assert_eq!(list[0]["planned_points"], 28);
    assert_eq!(list[1]["state"], "planned");
    assert_eq!(list[1]["items"], serde_json::json!([]));
    assert_eq!(list[1]["completed_points"], serde_json::Value::Null);
}
