//! A spreadsheet's rows under Bearing's column names (or mapped to them):
//! each row checked by [`super::row`], keyed `csv:NAME:ID` by its id
//! column — or, in Bearing's own sprint export read back into its plan,
//! matched to the item its id names.

use chrono::NaiveDate;

use super::records::Row;
use super::{COLUMNS, Options, header, repeated, row, source_name};
use crate::import::{Ids, ImportError};
use crate::model::{Debt, Plan};

pub(super) type Sheet = (
    Vec<Debt>,
    Vec<ImportError>,
    Vec<String>,
    Option<Vec<&'static str>>,
    Vec<ImportError>,
);

/// Whether a header is Bearing's sprint export's (`bearing export sprint
/// ID --format csv`): it has the `score` and `sprint` columns a sheet made
/// by hand does not. Its `id` column then holds Bearing ids, and a row whose
/// id is an item of the plan imported into is that item.
fn bearing_export(header: &Row) -> bool {
    let names: Vec<String> = header.cells.iter().map(|c| header::normalize(c)).collect();
    ["id", "title", "score", "sprint"]
        .iter()
        .all(|n| names.iter().any(|h| h == n))
}

/// The key an own-export row repeats by: its Bearing id.
fn mine_key(d: &Debt, own: bool) -> Option<String> {
    own.then(|| format!("id:{}", d.id))
}

/// What a spreadsheet is read with: its name, the plan, and whether a comma
/// in a number is a decimal comma (the cells are not split by `,`).
pub(super) struct Read<'a> {
    pub file: &'a str,
    pub plan: &'a Plan,
    pub today: NaiveDate,
    pub options: &'a Options,
    pub decimal_comma: bool,
}

/// A spreadsheet's rows under Bearing's column names (or mapped to them).
pub(super) fn sheet(
    first: &Row,
    rows: impl Iterator<Item = Row>,
    read: &Read,
    ids: &mut Ids,
) -> Result<Sheet, Vec<ImportError>> {
    let Read {
        file,
        plan,
        today,
        options,
        decimal_comma,
    } = *read;
    let head = header::Header::read(first, file, &options.map)?;
    let name = source_name(file, options.source.as_deref());
    let own = head.id.is_some() && bearing_export(first);
    let plan_ids: std::collections::HashSet<&str> = if own {
        plan.debts.iter().map(|d| d.id.as_str()).collect()
    } else {
        Default::default()
    };
    let (mut items, mut errors, mut warnings) = (Vec::new(), Vec::new(), Vec::new());
    let mut first: std::collections::HashMap<String, usize> = Default::default();
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
        match row::row(cell, plan, today, decimal_comma, ids) {
            Ok(mut d) if stray.is_none() => {
                let key = head.id.and_then(|i| record.cells.get(i));
                let key = key.map(|k| crate::text::csv_unguard(k.trim()));
                let mine = key
                    .filter(|_| own)
                    .map(crate::model::id::normalize)
                    .filter(|k| plan_ids.contains(k.as_str()));
                if let Some(id) = mine {
                    // Bearing's own export back into its plan: the item
                    // itself, updated in place (the sync matches it by id).
                    d.id = id;
                } else {
                    d.source = key
                        .filter(|k| !k.is_empty())
                        .map(|k| format!("csv:{name}:{k}"));
                }
                let key = d.source.clone().or_else(|| mine_key(&d, own));
                if let Some(source) = &key {
                    if let Some(&at) = first.get(source) {
                        warnings.push(repeated(file, line, &d, at));
                        continue;
                    }
                    first.insert(source.clone(), line);
                }
                items.push(d);
            }
            Ok(_) => {}
            Err(fields) => errors.extend(
                fields
                    .into_iter()
                    .map(|e| ImportError::new(file, line, e.field, e.message)),
            ),
        }
        errors.extend(stray);
    }
    let given = COLUMNS
        .iter()
        .zip(&head.at)
        .filter(|(_, at)| at.is_some())
        .map(|(c, _)| *c)
        .collect();
    Ok((items, errors, head.ignored, Some(given), warnings))
}
