use super::*;

const EXPORT: &str = include_str!("../../../tests/data/import/trackers/jira_all_fields.csv");

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2021, 9, 25).unwrap()
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn all(text: &str) -> Outcome {
    parse(text, "j.csv", &Plan::default(), today(), Options::default()).unwrap()
}

#[test]
fn all_fields_export() {
    let out = all(EXPORT);
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
    assert_eq!(out.items.len(), 4);
    let a = &out.items[0];
    assert_eq!(a.title, "Replace hand-rolled retry loop");
    assert_eq!(a.source.as_deref(), Some("jira:PAY-123"));
    assert_eq!(
        a.description,
        "Retries are \"hand-rolled\",\nacross three services."
    );
    assert_eq!(a.owner, "ana");
    // Every Labels column, in order; no area label, so the first component.
    assert_eq!(a.tags, ["tech-debt", "backend"]);
    assert_eq!(a.area, "payments-api");
    // `Story point estimate` 3.0 → 3; High → 4.
    assert_eq!((a.effort, a.urgency), (Some(3), 4));
    assert_eq!(a.created, day("2021-09-08"));
    assert_eq!(a.status, DebtStatus::InProgress);
    assert_eq!(a.changes[0].date, day("2021-09-12"));
    assert_eq!(out.items[0].due, Some(day("2021-09-30")));

    let b = &out.items[1];
    // Done category; `Story Points` 5; Lowest → 1; area label wins.
    assert_eq!(
        (b.status, b.effort, b.urgency),
        (DebtStatus::Done, Some(5), 1)
    );
    assert_eq!(
        (b.area.as_str(), b.tags.as_slice()),
        ("exports", &["debt".to_owned()][..])
    );
    assert_eq!(
        (b.created, b.changes[0].date),
        (day("2021-09-01"), day("2021-09-19"))
    );

    let c = &out.items[2];
    assert_eq!(
        (c.status, c.created),
        (DebtStatus::WontFix, day("2021-09-01"))
    );
    assert_eq!(c.effort, None); // not estimated: to triage
}

#[test]
fn hostile_cells_are_kept_as_text() {
    let out = all(EXPORT);
    let h = &out.items[3];
    assert_eq!(
        h.title,
        "=HYPERLINK(\"http://evil\",\"x\") <script>alert(1)</script> \u{202e}flip\u{202c}"
    );
    assert_eq!(h.owner, "+cmd|' /C calc'!A0");
    assert_eq!(h.description, "@SUM(1)\t\\ \u{1b}[31mred");
    // Highest → 5 (the P1 label says less); `-2+3` is a tag; 0.5 points → 1.
    assert_eq!((h.urgency, h.effort), (5, Some(1)));
    assert_eq!(h.tags, ["-2+3"]);
    assert_eq!(h.status, DebtStatus::Open);
}

#[test]
fn only_debt_by_label_or_issue_type() {
    let only = Options { only_debt: true };
    let out = parse(EXPORT, "j.csv", &Plan::default(), today(), only).unwrap();
    let keys: Vec<&str> = out
        .items
        .iter()
        .filter_map(|d| d.source.as_deref())
        .collect();
    assert_eq!(keys, ["jira:PAY-123", "jira:PAY-124"]);
    assert_eq!(out.not_debt, 2);
    // The issue type alone: `Tech Debt` is the default `tech-debt` folded.
    let text = "Summary,Issue key,Issue Type,Labels\nA,K-1,Tech Debt,\nB,K-2,Bug,x\n";
    let out = parse(text, "j.csv", &Plan::default(), today(), only).unwrap();
    assert_eq!(out.items.len(), 1);
    assert_eq!(out.items[0].title, "A");
}

#[test]
fn jira_dates() {
    for (s, d) in [
        ("08/Sep/21 2:02 PM", "2021-09-08"),
        ("08/sep/21 2:02 pm", "2021-09-08"),
        ("8/Sep/21 11:59 AM", "2021-09-08"),
        ("08/Sep/2021 14:02", "2021-09-08"),
        ("08/Sep/21", "2021-09-08"),
        ("2021-09-08 14:02", "2021-09-08"),
        ("2021-09-08", "2021-09-08"),
        ("2021-09-08T14:02:00.000+0200", "2021-09-08"),
    ] {
        assert_eq!(date(s), Some(day(d)), "{s}");
    }
    for s in [
        "",
        "yesterday",
        "08/Okt/21 2:02 PM",
        "2021-13-01",
        "20210908",
    ] {
        assert_eq!(date(s), None, "{s}");
    }
}

#[test]
fn status_without_a_category() {
    for (name, res, want) in [
        ("Done", None, DebtStatus::Done),
        ("Closed", Some("Won't Fix"), DebtStatus::WontFix),
        ("Won't Do", None, DebtStatus::WontFix),
        ("In Review", None, DebtStatus::InProgress),
        ("Backlog", None, DebtStatus::Open),
        ("Selected for Development", None, DebtStatus::Open),
    ] {
        assert_eq!(status(None, Some(name), res), want, "{name}");
    }
    assert_eq!(
        status(Some("Done"), Some("Shipped"), None),
        DebtStatus::Done
    );
}

#[test]
fn unreadable_values_are_warnings_not_errors() {
    let text = "Summary,Issue key,Created,Due date,Custom field (Story Points)\n\
                A,K-1,someday,tomorrow,lots\n\
                B,K-2,,,0\n";
    let out = all(text);
    assert_eq!(out.items.len(), 2);
    let w: Vec<String> = out.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(w.len(), 3, "{w:?}");
    assert!(
        w[0].starts_with("j.csv:2: Created: cannot read the date \"someday\""),
        "{}",
        w[0]
    );
    assert!(
        w[1].starts_with("j.csv:2: Story Points: cannot read \"lots\""),
        "{}",
        w[1]
    );
    assert!(w[2].starts_with("j.csv:2: Due date:"), "{}", w[2]);
    assert_eq!(out.items[0].created, today());
}

#[test]
fn missing_columns_and_empty_rows() {
    let err = parse(
        "Issue key,Status\nK-1,Done\n",
        "j.csv",
        &Plan::default(),
        today(),
        Options::default(),
    )
    .unwrap_err();
    assert_eq!(err.len(), 1);
    assert!(
        err[0]
            .to_string()
            .starts_with("j.csv:1: Summary: required column missing"),
        "{}",
        err[0]
    );
    let err = parse(
        "Summary,Issue key\nok,K-1\n  ,K-2\nno key,\n",
        "j.csv",
        &Plan::default(),
        today(),
        Options::default(),
    )
    .unwrap_err();
    let shown: Vec<String> = err.iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        [
            "j.csv:3: Summary: K-2 has an empty summary",
            "j.csv:4: Issue key: is empty; every Jira issue has a key"
        ]
    );
    let err = parse(
        "Summary,Issue key\n\"open,K-1\n",
        "j.csv",
        &Plan::default(),
        today(),
        Options::default(),
    )
    .unwrap_err();
    assert!(err[0].to_string().contains("never closes"), "{}", err[0]);
    for text in ["", "\u{feff}", "\r\n\r\n"] {
        assert!(all(text).items.is_empty());
    }
    // A header alone, and fewer cells than the header names.
    assert!(all("Summary,Issue key,Labels,Labels\r\n").items.is_empty());
    assert_eq!(
        all("Summary,Issue key,Labels,Labels\r\nA,K-9\r\n").items[0]
            .tags
            .len(),
        0
    );
}

#[test]
fn twice_is_once() {
    let mut plan = Plan::default();
    let first = parse(EXPORT, "j", &plan, today(), Options::default()).unwrap();
    plan.apply(crate::import::sync(&plan, first.items, today()).change());
    // Every issue is handed over again, matched by the sync: nothing new.
    let again = parse(EXPORT, "j", &plan, today(), Options::default()).unwrap();
    assert_eq!((again.items.len(), again.repeated), (4, 0));
    let s = crate::import::sync(&plan, again.items, today());
    assert_eq!(s.summary(), "0 added, 0 updated, 0 closed, 4 unchanged");
    assert_eq!(plan.debts.len(), 4);
}

#[test]
fn ten_thousand_rows() {
    let mut text = String::from(
        "Summary,Issue key,Priority,Labels,Labels,Status Category,Custom field (Story Points)\n",
    );
    for i in 0..10_000 {
        text.push_str(&format!(
            "Issue {i},K-{i},{},tech-debt,l{i},{},{}.0\n",
            ["Highest", "High", "Medium", "Low", "Lowest"][i % 5],
            ["To Do", "In Progress", "Done"][i % 3],
            i % 13 + 1
        ));
    }
    let out = all(&text);
    assert_eq!(out.items.len(), 10_000);
    assert_eq!(out.items[9_998].status, DebtStatus::Done);
    let d = &out.items[9_999];
    assert_eq!(d.source.as_deref(), Some("jira:K-9999"));
    assert_eq!(
        (d.urgency, d.effort, d.status),
        (1, Some(9_999 % 13 + 1), DebtStatus::Open)
    );
    assert_eq!(d.tags, ["tech-debt", "l9999"]);
}
