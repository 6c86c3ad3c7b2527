//! CSV from a spreadsheet or from `bearing export csv`: the header names the
//! columns (any subset, any order), every cell is checked by the same rules
//! as `bearing add debt`, and a bad cell is reported as
//! `FILE:LINE: column: problem`.

use chrono::NaiveDate;

use super::{Ids, ImportError, split_list};
use crate::model::validate::{self, FieldError};
use crate::model::{Debt, DebtStatus, Plan};

/// The columns an import fills. `title` is required.
pub const COLUMNS: [&str; 12] = [
    "title",
    "owner",
    "area",
    "tags",
    "effort",
    "customer",
    "delivery",
    "risk",
    "urgency",
    "status",
    "description",
    "key_results",
];

/// Columns an export writes that an import recomputes (ids are new, scores
/// are derived), so an exported file imports as it is.
pub const IGNORED: [&str; 9] = [
    "id",
    "kind",
    "score",
    "wsjf",
    "cost_of_delay",
    "rank",
    "created",
    "sprint",
    "source",
];

/// What an import of one file came to: the items to add and the rows left
/// out (only with `skip_invalid`).
#[derive(Debug, Default)]
pub struct Outcome {
    pub items: Vec<Debt>,
    pub skipped: Vec<ImportError>,
}

/// Every row as a new debt item, or every problem if any row is bad.
pub fn parse(
    text: &str,
    file: &str,
    plan: &Plan,
    today: NaiveDate,
) -> Result<Vec<Debt>, Vec<ImportError>> {
    let (items, errors) = read(text, file, plan, today)?;
    if errors.is_empty() {
        Ok(items)
    } else {
        Err(errors)
    }
}

/// Like [`parse`] but keeps the good rows and reports the bad ones; only a
/// broken header or unreadable file is still an error.
pub fn parse_skipping(
    text: &str,
    file: &str,
    plan: &Plan,
    today: NaiveDate,
) -> Result<Outcome, Vec<ImportError>> {
    let (items, skipped) = read(text, file, plan, today)?;
    Ok(Outcome { items, skipped })
}

/// The header's name for a column: case, spaces and dashes do not matter
/// ("Key results", "key-results" and "key_results" are one column).
fn normalize(name: &str) -> String {
    name.trim()
        .trim_start_matches('\u{feff}')
        .to_ascii_lowercase()
        .replace([' ', '-'], "_")
}

/// Undoes the `'` an export puts before a cell a spreadsheet would run as a
/// formula.
fn unguard(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => cell,
    }
}

/// Column index for each of [`COLUMNS`], from the header row.
fn header(record: &csv::StringRecord, file: &str) -> Result<Vec<Option<usize>>, Vec<ImportError>> {
    let mut at: Vec<Option<usize>> = vec![None; COLUMNS.len()];
    let mut errors = Vec::new();
    for (i, raw) in record.iter().enumerate() {
        let name = normalize(raw);
        if let Some(k) = COLUMNS.iter().position(|c| *c == name) {
            if at[k].is_some() {
                errors.push(ImportError::new(file, 1, name, "column appears twice"));
            }
            at[k] = Some(i);
        } else if !IGNORED.contains(&name.as_str()) {
            errors.push(ImportError::new(
                file,
                1,
                crate::text::quote(raw),
                format!("unknown column; known: {}", COLUMNS.join(", ")),
            ));
        }
    }
    if at[0].is_none() {
        errors.push(ImportError::new(
            file,
            1,
            "title",
            "required column missing from the header",
        ));
    }
    if errors.is_empty() {
        Ok(at)
    } else {
        Err(errors)
    }
}

type Read = (Vec<Debt>, Vec<ImportError>);

fn read(text: &str, file: &str, plan: &Plan, today: NaiveDate) -> Result<Read, Vec<ImportError>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let at = match records.next() {
        None => {
            return Err(vec![ImportError::new(
                file,
                1,
                "header",
                "the file is empty; the first row must name the columns",
            )]);
        }
        Some(Err(e)) => return Err(vec![csv_error(file, &e)]),
        Some(Ok(h)) => (header(&h, file)?, h.len()),
    };
    let (at, width) = at;
    let mut ids = Ids::new(plan);
    let (mut items, mut errors) = (Vec::new(), Vec::new());
    for record in records {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                errors.push(csv_error(file, &e));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line() as usize);
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let cell = |k: usize| at[k].and_then(|i| record.get(i)).map(unguard);
        match row(cell, plan, today, &mut ids) {
            Ok(d) => items.push(d),
            Err(fields) => errors.extend(
                fields
                    .into_iter()
                    .map(|e| ImportError::new(file, line, e.field, e.message)),
            ),
        }
        if record.len() > width && record.iter().skip(width).any(|c| !c.trim().is_empty()) {
            errors.push(ImportError::new(
                file,
                line,
                "row",
                format!(
                    "has {} but the header names {width}",
                    crate::text::count(record.len(), "cell")
                ),
            ));
        }
    }
    Ok((items, errors))
}

fn csv_error(file: &str, e: &csv::Error) -> ImportError {
    let line = e.position().map_or(0, |p| p.line() as usize);
    ImportError::new(file, line, "csv", e.to_string())
}

/// One row as a debt item, or every cell that breaks a rule.
fn row<'r>(
    cell: impl Fn(usize) -> Option<&'r str>,
    plan: &Plan,
    today: NaiveDate,
    ids: &mut Ids,
) -> Result<Debt, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut ok = |r: Result<u8, FieldError>| r.map_err(|e| errors.push(e)).unwrap_or(0);
    let text = |k: usize| cell(k).unwrap_or("").to_owned();
    let given = |k: usize| cell(k).filter(|s| !s.trim().is_empty());

    let title = validate::title("title", cell(0).unwrap_or(""));
    let mut ratings = [0u8; 4];
    for (slot, (k, name)) in ratings.iter_mut().zip([
        (5, "customer"),
        (6, "delivery"),
        (7, "risk"),
        (8, "urgency"),
    ]) {
        if let Some(s) = given(k) {
            *slot = ok(validate::rating(name, s));
        }
    }
    let effort = given(4).map(|s| validate::effort("effort", s));
    let status = given(9).map(|s| {
        DebtStatus::parse(s).ok_or_else(|| {
            FieldError::new(
                "status",
                format!(
                    "must be one of open, in_progress, done, wont_fix, got {}",
                    crate::text::quote(s.trim())
                ),
            )
        })
    });

    let mut d = Debt::new(String::new(), String::new(), today);
    match title {
        Ok(t) => d.title = t,
        Err(e) => errors.push(e),
    }
    match effort {
        Some(Ok(e)) => d.effort = e,
        Some(Err(e)) => errors.push(e),
        None => {}
    }
    [d.customer, d.delivery, d.risk, d.urgency] = ratings;
    d.owner = text(1).trim().to_owned();
    d.area = text(2).trim().to_owned();
    d.tags = split_list(&text(3));
    d.description = text(10).trim().to_owned();
    d.key_results = split_list(&text(11))
        .iter()
        .map(|s| crate::model::id::normalize(s))
        .collect();
    match status {
        Some(Ok(s)) => d.set_status(s, today),
        Some(Err(e)) => errors.push(e),
        None => {}
    }
    // Whole-item rules (links to key results that exist); the title was
    // already checked above, so do not report it twice.
    if !d.title.is_empty() {
        errors.extend(validate::debt(&d, plan));
    }
    if errors.is_empty() {
        d.id = ids.next();
        Ok(d)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
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
        assert_eq!((a.risk, a.customer, a.effort), (4, 0, 3));
        assert_eq!(a.tags, ["ci", "build"]);
        assert_eq!(a.key_results, ["KR-BBBBB"]);
        assert_eq!(a.status, DebtStatus::InProgress);
        assert_eq!(a.changes.len(), 1);
        assert_eq!(a.description, "two\nlines");
        let b = &items[1];
        assert_eq!((b.title.as_str(), b.effort, b.risk), ("Old logging", 1, 0));
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
}
