use super::*;

const GH: &str = include_str!("../../../tests/data/import/trackers/gh_issue_list.json");
const REST: &str = include_str!("../../../tests/data/import/trackers/rest_issues.json");

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn all(text: &str) -> Outcome {
    parse(
        text,
        "i.json",
        &Plan::default(),
        today(),
        Options::default(),
    )
    .unwrap()
}

#[test]
fn gh_issue_list_json() {
    let out = all(GH);
    assert_eq!(out.items.len(), 3);
    let a = &out.items[0];
    assert_eq!(a.title, "Replace the hand-rolled retry loop in payments");
    assert_eq!(
        a.description,
        "Payments retries are hand-rolled.\r\n\r\n- [ ] replace with the shared client"
    );
    assert_eq!(
        a.source.as_deref(),
        Some("github:https://github.com/acme/shop/issues/42")
    );
    assert_eq!((a.owner.as_str(), a.area.as_str()), ("octocat", "payments"));
    assert_eq!(a.tags, ["tech-debt"]);
    // `priority: high` → 4, not the milestone's due date (11 days → 3).
    assert_eq!(a.urgency, 4);
    assert_eq!(a.created, day("2026-09-08"));
    assert_eq!(a.status, DebtStatus::Open);
    assert_eq!(out.items[0].due, Some(day("2026-12-01")));

    let closed = &out.items[1];
    assert_eq!(closed.status, DebtStatus::Done);
    assert_eq!(closed.changes[0].date, day("2026-04-02"));
    assert_eq!(
        (closed.owner.as_str(), closed.description.as_str()),
        ("", "")
    );
    assert_eq!(out.items[1].due, None);
}

#[test]
fn hostile_text_is_kept_as_text() {
    let out = all(GH);
    let h = &out.items[2];
    assert_eq!(
        h.title,
        "@SUM(1+1) \"quoted\" \\ back slash <b>bold</b> \u{202e}flip\u{202c}"
    );
    assert!(h.description.starts_with("=HYPERLINK("));
    assert!(
        h.description
            .contains("<script>alert(1)</script> \u{1b}[31mred")
    );
    assert_eq!(h.urgency, 4); // P1
    assert_eq!(h.tags, ["Technical Debt"]);
}

#[test]
fn rest_json_skips_pull_requests_and_reads_null_bodies() {
    let out = all(REST);
    assert_eq!((out.items.len(), out.pull_requests), (3, 1));
    let a = &out.items[0];
    // html_url, not the API's url.
    assert_eq!(
        a.source.as_deref(),
        Some("github:https://github.com/acme/shop/issues/51")
    );
    assert_eq!(
        (a.title.as_str(), a.description.as_str()),
        ("Drop the legacy XML exporter", "")
    );
    assert_eq!((a.owner.as_str(), a.urgency), ("bob", 5));
    assert_eq!(out.items[0].due, Some(day("2026-11-25")));
    let wont = &out.items[1];
    assert_eq!(wont.status, DebtStatus::WontFix);
    assert_eq!(wont.changes[0].date, day("2026-02-01"));
    assert_eq!(out.items[2].status, DebtStatus::Done);
}

#[test]
fn only_debt_keeps_debt_labels() {
    let only = Options { only_debt: true };
    let out = parse(REST, "r.json", &Plan::default(), today(), only).unwrap();
    let titles: Vec<&str> = out.items.iter().map(|d| d.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Drop the legacy XML exporter",
            "Old cache layer nobody wants"
        ]
    );
    assert_eq!((out.not_debt, out.pull_requests), (1, 1));
    let out = parse(GH, "g.json", &Plan::default(), today(), only).unwrap();
    assert_eq!((out.items.len(), out.not_debt), (2, 1));
}

#[test]
fn the_milestone_due_date_is_the_items_due_date() {
    // Stored, not turned into an urgency on import day: scoring raises
    // urgency as the date nears.
    let text = r#"[{"number":1,"title":"T","url":"u1","state":"OPEN","labels":[],
        "milestone":{"number":1,"title":"m","description":"","dueOn":"2026-11-22T00:00:00Z"}}]"#;
    let out = all(text);
    assert_eq!(out.items[0].due, Some(day("2026-11-22")));
    assert_eq!(out.items[0].urgency, 0);
    assert_eq!(out.items[0].created, today());
}

#[test]
fn a_second_import_is_matched_by_the_sync_not_skipped() {
    let mut plan = Plan::default();
    let first = parse(GH, "g", &plan, today(), Options::default()).unwrap();
    plan.apply(crate::import::sync(&plan, first.items, today()).change());
    // The parser hands every issue over again (the sync matches them by
    // source, so an upstream change can update them)…
    let again = parse(GH, "g", &plan, today(), Options::default()).unwrap();
    assert_eq!((again.items.len(), again.repeated), (3, 0));
    // …and the same export again changes nothing.
    let s = crate::import::sync(&plan, again.items, today());
    assert_eq!(s.summary(), "0 added, 0 updated, 0 closed, 3 unchanged");
    assert!(s.is_empty());
    // The same issue twice in one file is added once.
    let twice = format!("[{0},{0}]", r#"{"title":"T","url":"u"}"#);
    let out = all(&twice);
    assert_eq!((out.items.len(), out.repeated), (1, 1));
}

#[test]
fn empty_files_and_nulls() {
    for text in [
        "",
        "  \n",
        "[]",
        "\u{feff}[]",
        r#"{"total_count":0,"items":[]}"#,
    ] {
        assert_eq!(all(text).items.len(), 0, "{text:?}");
    }
    let nulls = r#"[{"title":"T","url":"u","body":null,"labels":null,"assignees":null,
        "assignee":null,"milestone":null,"state":null,"createdAt":null,"stateReason":null}]"#;
    let out = all(nulls);
    assert_eq!(out.items.len(), 1);
    assert_eq!(out.items[0].status, DebtStatus::Open);
}

#[test]
fn problems_name_the_line() {
    let text = "[\n{\"title\":\"ok\",\"url\":\"u1\"},\n{\"number\":8,\"title\":\"no url\"},\n{\"url\":\"u3\",\"title\":\"  \"}\n]";
    let err = parse(
        text,
        "i.json",
        &Plan::default(),
        today(),
        Options::default(),
    )
    .unwrap_err();
    let shown: Vec<String> = err.iter().map(ToString::to_string).collect();
    assert_eq!(shown.len(), 2, "{shown:?}");
    assert!(
        shown[0].starts_with("i.json:3: url: issue #8 has no url"),
        "{}",
        shown[0]
    );
    assert_eq!(shown[1], "i.json:4: title: u3 has no title");
    let err = parse(
        "[\n{\"title\": 5}\n]",
        "i.json",
        &Plan::default(),
        today(),
        Options::default(),
    )
    .unwrap_err();
    assert!(
        err[0]
            .to_string()
            .starts_with("i.json:2: json: invalid type"),
        "{}",
        err[0]
    );
    let err = parse(
        "title,url\n",
        "i.json",
        &Plan::default(),
        today(),
        Options::default(),
    )
    .unwrap_err();
    assert!(
        err[0].to_string().contains("expected a JSON array"),
        "{}",
        err[0]
    );
}

#[test]
fn ten_thousand_issues() {
    let body: Vec<String> = (0..10_000)
        .map(|i| {
            format!(
                r#"{{"number":{i},"title":"Issue {i}","body":null,"url":"https://github.com/o/r/issues/{i}","state":"{}","labels":[{{"name":"P{}"}}]}}"#,
                if i % 2 == 0 { "OPEN" } else { "closed" },
                i % 5
            )
        })
        .collect();
    let out = all(&format!("[{}]", body.join(",\n")));
    assert_eq!(out.items.len(), 10_000);
    let ids: std::collections::HashSet<&str> = out.items.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids.len(), 10_000);
    assert_eq!(out.items[9_999].title, "Issue 9999");
    assert_eq!(out.items[9_999].status, DebtStatus::Done);
    assert_eq!(out.items[9_999].urgency, 1); // P4
    assert_eq!(out.items[3].urgency, 2); // P3
}

#[test]
fn lines_of_issues_skip_strings() {
    let text = "[\n {\"title\":\"{[\\\"}\"},\n\n {\"a\":{\"b\":[{}]}},\n{}]";
    assert_eq!([0, 1, 2].map(|i| line_of(text, i)), [2, 4, 5]);
    let search = "{\"total_count\":2,\n\"items\":[\n{},\n{}]}";
    assert_eq!([0, 1].map(|i| line_of(search, i)), [3, 4]);
}

#[test]
fn paginated_rest_output_is_one_list() {
    // `gh api --paginate` without --slurp: one array per page.
    let text = "[{\"title\":\"a\",\"html_url\":\"u1\"}]\n[{\"title\":\"b\",\"html_url\":\"u2\"},\n{\"title\":\"\",\"html_url\":\"u3\"}]\n";
    let err = parse(
        text,
        "p.json",
        &Plan::default(),
        today(),
        Options::default(),
    )
    .unwrap_err();
    assert_eq!(err[0].to_string(), "p.json:3: title: u3 has no title");
    let out = all(&text.replace("\"\",\"html_url\":\"u3\"", "\"c\",\"html_url\":\"u3\""));
    let titles: Vec<&str> = out.items.iter().map(|d| d.title.as_str()).collect();
    assert_eq!(titles, ["a", "b", "c"]);
    let err = parse(
        "[]\n[{\"title\":1}]",
        "p.json",
        &Plan::default(),
        today(),
        Options::default(),
    )
    .unwrap_err();
    assert!(
        err[0].to_string().starts_with("p.json:2: json:"),
        "{}",
        err[0]
    );
}
