//! The import of CSV files: columns, rules, located problems.

use super::*;
use crate::model::{KeyResult, Objective};

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
                Bad effort,0,9,,\n\
                ,x,1,maybe,KR-ZZZZZ\n";
    let errs = parse(text, "in.csv", &plan_with_kr(), today()).unwrap_err();
    let msgs: Vec<String> = errs.iter().map(ToString::to_string).collect();
    assert_eq!(
        msgs,
        [
            "in.csv:4: risk: must be 0–5, got 9",
            "in.csv:4: effort: must be 1–1000 points, got 0",
            "in.csv:5: title: must not be empty",
            "in.csv:5: effort: must be a whole number of points, got \"x\"",
            "in.csv:5: status: must be one of open, in_progress, done, wont_fix, got \"maybe\"",
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
    assert_eq!(msgs.len(), 3, "{msgs:?}");
    assert_eq!(msgs[0], "h.csv:1: risk: column appears twice");
    assert!(msgs[1].starts_with("h.csv:1: \"colour\": unknown column; known: title,"));
    assert_eq!(
        msgs[2],
        "h.csv:1: title: required column missing from the header"
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
        "x.csv:2: row: has 2 cells but the header names 1"
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
