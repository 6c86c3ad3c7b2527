//! The import of CSV files: columns, rules, located problems.

use super::*;
use crate::model::{DebtStatus, KeyResult, Objective};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()
}

fn plan_with_kr() -> Plan {
    let mut plan: Plan = crate::store::format::from_text("(schema: 1)").unwrap();
    plan.objectives.push(Objective {
        id: "O-AAAAA".into(),
        title: "Reliability".into(),
        description: String::new(),
    });
    plan.key_results.push(KeyResult {
        id: "KR-BBBBB".into(),
        objective: "O-AAAAA".into(),
        title: "MTTR".into(),
        unit: "min".into(),
        baseline: 90.0,
        target: Some(30.0),
        current: 90.0,
        start: today(),
        due: None,
        owner: String::new(),
        checkins: Vec::new(),
    });
    plan
}

#[test]
fn columns_in_any_order_with_quotes_and_lists() {
    let text = "Risk,Title,tags,key-results,effort,status,description\n\
                4,\"Flaky, slow CI\",ci; build ;,kr-bbbbb,3,in progress,\"two\nlines\"\n\
                ,Old logging,,,,,\n";
    let items = parse(text, "in.csv", &plan_with_kr(), today()).unwrap();
    assert_eq!(items.len(), 2);
    let a = &items[0];
    assert_eq!(a.title, "Flaky, slow CI");
    assert_eq!((a.risk, a.customer, a.effort), (4, 0, Some(3)));
    assert_eq!(a.tags, ["ci", "build"]);
    assert_eq!(a.key_results, ["KR-BBBBB"]);
    assert_eq!(a.status, DebtStatus::InProgress);
    assert_eq!(a.changes.len(), 1);
    assert_eq!(a.description, "two\nlines");
    let b = &items[1];
    // No effort in the file: not estimated (to triage), not a guessed 1.
    assert_eq!(
        (b.title.as_str(), b.effort, b.risk),
        ("Old logging", None, 0)
    );
    assert_eq!(b.status, DebtStatus::Open);
    assert!(a.id.starts_with("D-") && b.id.starts_with("D-") && a.id != b.id);
}

#[test]
fn bad_cells_are_located_by_line_and_column() {
    // Line 3 is the second half of a quoted multi-line cell, so the rows
    // after it start on lines 4 and 5.
    let text = "title,effort,risk,status,key_results\n\
                \"Good\nrow\",2,1,open,\n\
                Bad effort,-1,9,,\n\
                ,x,1,maybe,KR-ZZZZZ\n";
    let errs = parse(text, "in.csv", &plan_with_kr(), today()).unwrap_err();
    let msgs: Vec<String> = errs.iter().map(ToString::to_string).collect();
    assert_eq!(
        msgs,
        [
            "in.csv:4: risk: must be 0–5, got 9",
            "in.csv:4: effort: must be 1–1000 points, got -1",
            "in.csv:5: title: must not be empty",
            "in.csv:5: effort: must be a whole number of points, got \"x\"",
            "in.csv:5: status: \"maybe\" is not a status; write one of: open (or todo, to do, \
             backlog, new, triage, planned, opened, reopened, unstarted), in progress (or WIP, \
             work in progress, doing, started, in review, review), done (or closed, completed, \
             resolved, fixed), won't fix (or wontfix, won't do, canceled, cancelled, duplicate, \
             rejected)",
        ]
    );
}

#[test]
fn skipping_keeps_the_good_rows() {
    let text = "title,risk\nA,1\nB,7\nC,2\n";
    let out = parse_skipping(text, "x.csv", &plan_with_kr(), today()).unwrap();
    let titles: Vec<&str> = out.items.iter().map(|d| d.title.as_str()).collect();
    assert_eq!(titles, ["A", "C"]);
    assert_eq!(out.skipped.len(), 1);
    assert_eq!(
        out.skipped[0].to_string(),
        "x.csv:3: risk: must be 0–5, got 7"
    );
}

#[test]
fn unknown_key_result_is_named() {
    let errs = parse(
        "title,key_results\nA,KR-ZZZZZ\n",
        "f",
        &plan_with_kr(),
        today(),
    )
    .unwrap_err();
    assert_eq!(
        errs[0].to_string(),
        "f:2: key_results: no key result with id KR-ZZZZZ"
    );
}

#[test]
fn header_problems() {
    let errs = parse(
        "owner,Risk,risk,colour\n",
        "h.csv",
        &Plan::default(),
        today(),
    )
    .unwrap_err();
    let msgs: Vec<String> = errs.iter().map(ToString::to_string).collect();
    // An unknown column is no problem any more: it is ignored and listed.
    assert_eq!(
        msgs,
        [
            "h.csv:1: risk: column appears twice",
            "h.csv:1: title: required column missing from the header \
             (name one title, or map one with --map 'HEADER=title')"
        ]
    );
    let empty = parse("", "e.csv", &Plan::default(), today()).unwrap_err();
    assert!(empty[0].to_string().starts_with("e.csv:1: header:"));
}

#[test]
fn exported_files_import_as_they_are() {
    // An export's id/score columns are ignored and its formula guard undone.
    let text = "id,title,owner,score\nD-AAAAA,'=cmd|' /C calc'!A0,'@ann,3.5\n";
    let items = parse(text, "x.csv", &Plan::default(), today()).unwrap();
    assert_eq!(items[0].title, "=cmd|' /C calc'!A0");
    assert_eq!(items[0].owner, "@ann");
    assert_ne!(items[0].id, "D-AAAAA");
}

#[test]
fn extra_cells_are_refused() {
    let errs = parse("title\nA,B\n", "x.csv", &Plan::default(), today()).unwrap_err();
    assert_eq!(
        errs[0].to_string(),
        "x.csv:2: row: has 2 cells but the header names 1; a header of one column may \
         mean the file is split by another character: pass --delimiter (e.g. --delimiter ';')"
    );
}

#[test]
fn hostile_text_in_messages_is_inert() {
    let errs = parse(
        "title,risk\nA,\"\x1b[2J9\"\n",
        "x.csv",
        &Plan::default(),
        today(),
    )
    .unwrap_err();
    let msg = errs[0].to_string();
    assert!(!msg.contains('\x1b'), "{msg:?}");
}

#[test]
fn an_unclosed_quote_refuses_the_file_even_when_skipping() {
    let text = "title,owner\r\nFine,ana\r\n\"Unclosed quote,ana\r\nNext row,sam\r\n";
    for result in [
        parse(text, "u.csv", &Plan::default(), today()).map(|_| ()),
        parse_skipping(text, "u.csv", &Plan::default(), today()).map(|_| ()),
    ] {
        let errs = result.unwrap_err();
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert!(
            errs[0]
                .to_string()
                .starts_with("u.csv:3: title: this quote never closes"),
            "{}",
            errs[0]
        );
    }
}

#[test]
fn crlf_and_cr_rows_are_on_their_own_lines() {
    for text in [
        "title,risk\r\nA,1\r\n\r\n\"B\r\nb\",9\r\n",
        "title,risk\rA,1\r\r\"B\rb\",9\r",
        "\u{feff}title;risk\nA;1\n\n\"B\nb\";9\n",
    ] {
        let errs = parse(text, "x.csv", &Plan::default(), today()).unwrap_err();
        assert_eq!(
            errs[0].to_string(),
            "x.csv:4: risk: must be 0–5, got 9",
            "{text:?}"
        );
    }
}

#[test]
fn a_row_with_a_stray_cell_is_skipped_whole() {
    for (text, kept) in [
        ("title,effort\na,1,extra\nb,2\n", "b"),
        (
            "title;effort;tags\n\"semi;colon title\";2;a;b\nok;1;x\n",
            "ok",
        ),
        (
            "title,,effort\nnamed,cell in unnamed column,1\nfine,,2\n",
            "fine",
        ),
    ] {
        let out = parse_skipping(text, "x.csv", &Plan::default(), today()).unwrap();
        let titles: Vec<&str> = out.items.iter().map(|d| d.title.as_str()).collect();
        assert_eq!(titles, [kept], "{text:?}");
        assert_eq!(out.skipped.len(), 1, "{text:?}: {:?}", out.skipped);
        assert_eq!(out.skipped[0].line, 2, "{text:?}");
    }
}

#[test]
fn the_formula_guard_is_undone_exactly() {
    use crate::text::{csv_cell, csv_unguard};
    for s in [
        "=SUM(A1)", "+bob", "-1", "@cmd", "'=quoted", "''+twice", "'plain", "plain", "'", "",
    ] {
        let cell = csv_cell(s);
        assert!(!cell.starts_with(crate::text::FORMULA_STARTERS), "{cell:?}");
        assert_eq!(csv_unguard(&cell), s, "{s:?} exported as {cell:?}");
    }
    // What a person types in a spreadsheet to keep `=` literal reads as it.
    assert_eq!(csv_unguard("'=x"), "=x");
    assert_eq!(csv_unguard("'\tx"), "\tx");
    assert_eq!(csv_unguard("'\nx"), "\nx");
}

fn read_with(text: &str, options: &Options) -> Result<Outcome, Vec<String>> {
    read(text, "s.csv", &Plan::default(), today(), options)
        .map_err(|e| e.iter().map(ToString::to_string).collect())
}

#[test]
fn unknown_and_unnamed_columns_are_ignored_and_listed() {
    // Excel's "CSV UTF-8": BOM, CRLF, and an empty column at the end.
    let text = "\u{feff}Title,Notes,Effort,Jira,Priority,\r\n\
                Flaky CI,see wiki,3.0,PAY-1,High,\r\n\
                Old logging,,,,,\r\n";
    let o = read_with(text, &Options::default()).unwrap();
    assert!(o.skipped.is_empty(), "{:?}", o.skipped);
    assert_eq!(
        o.ignored,
        ["Notes", "Jira", "Priority", "(column 6, no name)"]
    );
    assert_eq!(o.flavor, Flavor::Sheet);
    assert_eq!(o.items[0].title, "Flaky CI");
    assert_eq!(o.items[0].effort, Some(3));
    // An exported file's own columns are not news.
    let o = read_with("id,title,score\nD-AAAAA,A,3\n", &Options::default()).unwrap();
    assert!(o.ignored.is_empty(), "{:?}", o.ignored);
}

#[test]
fn columns_are_mapped_by_header_name_in_any_case_and_spacing() {
    let map = vec![
        ("summary".to_owned(), "title".to_owned()),
        ("StoryPoints".to_owned(), "effort".to_owned()),
        ("Notes".to_owned(), "description".to_owned()),
    ];
    let options = Options {
        map,
        ..Options::default()
    };
    let o = read_with("Summary;Story Points;Notes;Team\nA;5;why;x\n", &options).unwrap();
    let d = &o.items[0];
    assert_eq!(
        (d.title.as_str(), d.effort, d.description.as_str()),
        ("A", Some(5), "why")
    );
    assert_eq!(o.ignored, ["Team"]);
    assert_eq!(
        parse_map("Story Points = Effort"),
        Ok(("Story Points".into(), "effort".into()))
    );
    assert!(
        parse_map("Summary=name")
            .unwrap_err()
            .contains("not a column Bearing reads")
    );
    assert!(parse_map("Summary").is_err());
}

#[test]
fn a_header_problem_is_about_the_header() {
    // Two columns mapped onto one, and a map naming no column: header
    // problems, never row problems (so no --skip-invalid can help).
    let options = Options {
        map: vec![
            ("Summary".into(), "title".into()),
            ("Size".into(), "effort".into()),
        ],
        ..Options::default()
    };
    let errs = read_with("Title,Summary\nA,B\n", &options).unwrap_err();
    assert_eq!(
        errs,
        [
            "s.csv:1: title: both \"Title\" and \"Summary\" fill this column (check --map); keep one",
            "s.csv:1: header: --map Size=effort: the header has no column named \"Size\"",
        ]
    );
    let errs = read_with("Summary,Notes\nA,B\n", &Options::default()).unwrap_err();
    assert_eq!(errs.len(), 1);
    assert!(
        errs[0].starts_with("s.csv:1: title: required column missing"),
        "{errs:?}"
    );
}

#[test]
fn spreadsheet_values_as_people_type_them() {
    let text = "title\teffort\tstatus\ttags\n\
                A\t3.0\tTo Do\ta, b; c\n\
                B\t2\tWIP\t\n\
                C\t1\tWon't fix\t\n\
                D\t3.5\tresolved\t\n";
    let o = read_with(text, &Options::default()).unwrap();
    let got: Vec<(&str, Option<u32>, DebtStatus)> = o
        .items
        .iter()
        .map(|d| (d.title.as_str(), d.effort, d.status))
        .collect();
    assert_eq!(
        got,
        [
            ("A", Some(3), DebtStatus::Open),
            ("B", Some(2), DebtStatus::InProgress),
            ("C", Some(1), DebtStatus::WontFix),
        ]
    );
    assert_eq!(o.items[0].tags, ["a", "b", "c"]);
    assert_eq!(
        o.skipped[0].to_string(),
        "s.csv:5: effort: must be a whole number of points, got \"3.5\""
    );
}

#[test]
fn hostile_text_is_kept_as_text() {
    let text = "title,description,owner\n\
                \"=cmd|' /C calc'!A0\",\"line one\nline two \u{202e}evil\",\"\\x1b[31m\"\n";
    let o = read_with(text, &Options::default()).unwrap();
    let d = &o.items[0];
    assert_eq!(d.title, "=cmd|' /C calc'!A0");
    assert_eq!(d.description, "line one\nline two \u{202e}evil");
    assert_eq!(d.owner, "\\x1b[31m");
}

#[test]
fn ten_thousand_rows() {
    let mut text = String::from("Title;Effort;Status;Notes\r\n");
    for i in 0..10_000 {
        text.push_str(&format!(
            "\"Item {i}; with semicolon\";{};done;n{i}\r\n",
            i % 13 + 1
        ));
    }
    let o = read_with(&text, &Options::default()).unwrap();
    assert_eq!(o.items.len(), 10_000);
    assert!(o.skipped.is_empty());
    assert_eq!(o.items[9_999].title, "Item 9999; with semicolon");
    assert_eq!(o.items[9_999].effort, Some(9_999 % 13 + 1));
    let ids: std::collections::HashSet<&str> = o.items.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids.len(), 10_000);
}

#[test]
fn an_id_column_says_where_the_item_came_from() {
    let o = read_with("ID,Title\n 7 ,A\n,B\n", &Options::default()).unwrap();
    let sources: Vec<Option<&str>> = o.items.iter().map(|d| d.source.as_deref()).collect();
    // Keyed by the sheet's name (the file's stem) and the row's id.
    assert_eq!(sources, [Some("csv:s:7"), None]);
    let options = Options {
        map: vec![("Key".into(), "id".into())],
        ..Options::default()
    };
    let o = read_with("Key,Title\nPAY-1,A\n", &options).unwrap();
    assert_eq!(o.items[0].source.as_deref(), Some("csv:s:PAY-1"));
    let named = Options {
        source: Some("team: backlog".into()),
        ..Options::default()
    };
    let o = read_with("id,Title\n1,A\n", &named).unwrap();
    assert_eq!(o.items[0].source.as_deref(), Some("csv:team- backlog:1"));
    let errs = read_with("id,Key,Title\n1,2,A\n", &options).unwrap_err();
    assert_eq!(errs, ["s.csv:1: id: column appears twice"]);
}

mod trackers;
