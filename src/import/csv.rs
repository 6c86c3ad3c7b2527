//! CSV from a spreadsheet or from `bearing export csv`: the header names the
//! columns (any subset, any order), every cell is checked by the same rules
//! as `bearing add debt`, and a bad cell is reported as
//! `FILE:LINE: column: problem`.

use chrono::NaiveDate;

mod records;

use records::{Broken, Row};

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

/// Where each of [`COLUMNS`] is in a row, and which cells have a column
/// at all (spreadsheets leave trailing header cells empty).
struct Header {
    at: Vec<Option<usize>>,
    named: Vec<bool>,
}

/// The header row's columns, or every problem with it.
fn header(row: &Row, file: &str) -> Result<Header, Vec<ImportError>> {
    let mut at: Vec<Option<usize>> = vec![None; COLUMNS.len()];
    let mut named = Vec::with_capacity(row.cells.len());
    let mut errors = Vec::new();
    let line = row.line;
    for (i, raw) in row.cells.iter().enumerate() {
        let name = normalize(raw);
        named.push(!name.is_empty());
        if name.is_empty() {
            continue;
        }
        if let Some(k) = COLUMNS.iter().position(|c| *c == name) {
            if at[k].is_some() {
                errors.push(ImportError::new(file, line, name, "column appears twice"));
            }
            at[k] = Some(i);
        } else if !IGNORED.contains(&name.as_str()) {
            errors.push(ImportError::new(
                file,
                line,
                crate::text::quote(raw),
                format!("unknown column; known: {}", COLUMNS.join(", ")),
            ));
        }
    }
    if at[0].is_none() {
        errors.push(ImportError::new(
            file,
            line,
            "title",
            "required column missing from the header",
        ));
    }
    if errors.is_empty() {
        Ok(Header { at, named })
    } else {
        Err(errors)
    }
}

/// The column a cell is in, for messages: its header name, or its position
/// when the header does not name it.
fn column_name(header: Option<&Row>, cell: usize) -> String {
    match header.and_then(|h| h.cells.get(cell)).map(|c| normalize(c)) {
        Some(n) if !n.is_empty() => n,
        _ => format!("cell {}", cell + 1),
    }
}

impl Header {
    /// A problem with a row's shape: text in a cell the header names no
    /// column for (trailing empty cells are what spreadsheets write).
    fn stray(&self, row: &Row, file: &str) -> Option<ImportError> {
        let width = self.named.len();
        let stray = |i: usize, c: &String| {
            !c.trim().is_empty() && !self.named.get(i).copied().unwrap_or(false)
        };
        let i = row
            .cells
            .iter()
            .enumerate()
            .position(|(i, c)| stray(i, c))?;
        let message = if i >= width {
            format!(
                "has {} but the header names {width}",
                crate::text::count(row.cells.len(), "cell")
            )
        } else {
            format!(
                "cell {} has text but its column has no name in the header",
                i + 1
            )
        };
        Some(ImportError::new(file, row.line, "row", message))
    }
}

type Read = (Vec<Debt>, Vec<ImportError>);

fn read(text: &str, file: &str, plan: &Plan, today: NaiveDate) -> Result<Read, Vec<ImportError>> {
    let (rows, _sep) = records::split(text).map_err(|b| vec![broken(file, &b)])?;
    let mut rows = rows.into_iter().filter(|r| !r.is_blank());
    let Some(first) = rows.next() else {
        return Err(vec![ImportError::new(
            file,
            1,
            "header",
            "the file is empty; the first row must name the columns",
        )]);
    };
    let head = header(&first, file)?;
    let mut ids = Ids::new(plan);
    let (mut items, mut errors) = (Vec::new(), Vec::new());
    for record in rows {
        let line = record.line;
        let cell = |k: usize| {
            head.at[k]
                .and_then(|i| record.cells.get(i))
                .map(|c| crate::text::csv_unguard(c))
        };
        // A row with any problem is left out whole: a stray cell means the
        // row does not say what the header says, so its other cells are in
        // doubt too (and are never silently dropped).
        let stray = head.stray(&record, file);
        match row(cell, plan, today, &mut ids) {
            Ok(d) if stray.is_none() => items.push(d),
            Ok(_) => {}
            Err(fields) => errors.extend(
                fields
                    .into_iter()
                    .map(|e| ImportError::new(file, line, e.field, e.message)),
            ),
        }
        errors.extend(stray);
    }
    Ok((items, errors))
}

/// The one problem that stops a file from being read at all: its quotes do
/// not pair up, so every row after the quote is in doubt.
fn broken(file: &str, b: &Broken) -> ImportError {
    let column = column_name(b.header.as_ref(), b.cell);
    let message = if b.unclosed {
        "this quote never closes, so the rest of the file would be one cell; \
         close it with another \" (a quote inside a quoted cell is written \"\")"
            .to_owned()
    } else {
        "text after the closing quote of this cell; a quote inside a quoted cell \
         is written \"\", and a cell with a quote in it starts with one"
            .to_owned()
    };
    ImportError::new(file, b.line, column, message)
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
        Some(Ok(e)) => d.effort = Some(e),
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
mod tests;
