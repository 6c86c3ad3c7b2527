//! A tracker export's rows read by column name (Linear, GitLab): the header
//! says where each column is, names compared without case or punctuation,
//! and a column the export does not have reads as empty.

use chrono::NaiveDate;

use super::header::squash;
use super::records::Row;
use crate::import::{Ids, ImportError};
use crate::model::validate::{FieldError, MAX_TITLE};
use crate::model::{Debt, ImportRules, Plan};

pub(super) struct Table {
    names: Vec<String>,
}

/// The items read, the rows refused, and the warnings (values left out,
/// rows repeating a key).
pub(super) type Rows = (Vec<Debt>, Vec<ImportError>, Vec<ImportError>);

/// How a tracker's row becomes a debt item (warnings for values left out).
pub(super) type RowReader = fn(
    &Table,
    &Row,
    &ImportRules,
    NaiveDate,
    &mut Vec<FieldError>,
) -> Result<Debt, Vec<FieldError>>;

/// One tracker's export: the columns a row cannot do without, how errors
/// name the file's kind, and how a row becomes a debt item.
pub(super) struct Tracker {
    pub required: &'static [&'static str],
    pub what: &'static str,
    pub debt: RowReader,
}

impl Tracker {
    /// Every row of the export under `header` as an item (see
    /// [`Table::read`]); an export without a required column is refused
    /// whole.
    pub fn read(
        &self,
        header: &Row,
        rows: impl Iterator<Item = Row>,
        file: &str,
        plan: &Plan,
        today: NaiveDate,
        ids: &mut Ids,
    ) -> Result<Rows, Vec<ImportError>> {
        let t = Table::new(header);
        t.require(header, file, self.required, self.what)?;
        Ok(t.read(rows, file, ids, |row, warnings| {
            (self.debt)(&t, row, &plan.import, today, warnings)
        }))
    }
}

impl Table {
    /// Every row as a debt item by `debt`, with a fresh id, or its problems
    /// located (a cell under no column is one); and the warnings `debt`
    /// gave (a value it left out), located too.
    pub fn read(
        &self,
        rows: impl Iterator<Item = Row>,
        file: &str,
        ids: &mut Ids,
        debt: impl Fn(&Row, &mut Vec<FieldError>) -> Result<Debt, Vec<FieldError>>,
    ) -> Rows {
        let (mut items, mut errors, mut warnings) = (Vec::new(), Vec::new(), Vec::new());
        let mut first: std::collections::HashMap<String, usize> = Default::default();
        for row in rows {
            let stray = self.stray(&row, file);
            let mut warned = Vec::new();
            let read = debt(&row, &mut warned);
            warnings.extend(
                warned
                    .into_iter()
                    .map(|e| ImportError::new(file, row.line, e.field, e.message)),
            );
            let read = match read {
                Ok(d) => match d.source.as_deref().and_then(|s| first.get(s)) {
                    Some(&at) => {
                        warnings.push(super::repeated(file, row.line, &d, at));
                        continue;
                    }
                    None => {
                        if let Some(s) = &d.source {
                            first.insert(s.clone(), row.line);
                        }
                        Ok(d)
                    }
                },
                Err(e) => Err(e),
            };
            match read {
                Ok(mut d) if stray.is_none() => {
                    d.id = ids.next();
                    items.push(d);
                }
                Ok(_) => {}
                Err(fields) => errors.extend(
                    fields
                        .into_iter()
                        .map(|e| ImportError::new(file, row.line, e.field, e.message)),
                ),
            }
            errors.extend(stray);
        }
        (items, errors, warnings)
    }

    /// The day in column `name`, if the cell is given and reads as one (by
    /// [`crate::import::date`]); a cell that does not is left out with a
    /// warning, never read as today.
    pub fn date(
        &self,
        row: &Row,
        name: &'static str,
        warnings: &mut Vec<FieldError>,
    ) -> Option<NaiveDate> {
        let s = self.get(row, name)?;
        crate::import::date::day(s)
            .map_err(|why| {
                warnings.push(FieldError::new(
                    name,
                    format!("{}; left out", crate::import::date::problem(s, &why)),
                ));
            })
            .ok()
    }

    pub fn new(header: &Row) -> Self {
        Table {
            names: header.cells.iter().map(|c| squash(c)).collect(),
        }
    }

    /// The first column named `name`.
    pub fn at(&self, name: &str) -> Option<usize> {
        let want = squash(name);
        self.names.iter().position(|n| *n == want)
    }

    /// The trimmed text of `row`'s cell in column `name`; `None` when the
    /// export has no such column or the cell is blank.
    pub fn get<'r>(&self, row: &'r Row, name: &str) -> Option<&'r str> {
        let i = self.at(name)?;
        let c = crate::text::csv_unguard(row.cells.get(i)?.trim());
        (!c.is_empty()).then_some(c)
    }

    /// Every column the header must have, or the header problem naming the
    /// first missing one (never a row problem: `--skip-invalid` cannot help).
    pub fn require(
        &self,
        header: &Row,
        file: &str,
        names: &[&str],
        what: &str,
    ) -> Result<(), Vec<ImportError>> {
        let missing: Vec<ImportError> = names
            .iter()
            .filter(|n| self.at(n).is_none())
            .map(|n| {
                ImportError::new(
                    file,
                    header.line,
                    *n,
                    format!("required column of {what} missing from the header"),
                )
            })
            .collect();
        if missing.is_empty() {
            Ok(())
        } else {
            Err(missing)
        }
    }

    /// A row with text beyond the header's last column does not say what the
    /// header says: left out whole.
    pub fn stray(&self, row: &Row, file: &str) -> Option<ImportError> {
        let width = self.names.len();
        row.cells[width.min(row.cells.len())..]
            .iter()
            .any(|c| !c.trim().is_empty())
            .then(|| {
                ImportError::new(
                    file,
                    row.line,
                    "row",
                    format!(
                        "has {} but the header names {width}",
                        crate::text::count(row.cells.len(), "cell")
                    ),
                )
            })
    }
}

/// A tracker's title as a Bearing title: one cut at [`MAX_TITLE`]
/// characters with `…` keeps its full text at the top of the description.
pub(super) fn title_and_description(title: &str, description: &str) -> (String, String) {
    let title = title.trim();
    let description = description.trim();
    if title.chars().count() <= MAX_TITLE {
        return (title.to_owned(), description.to_owned());
    }
    let mut cut: String = title.chars().take(MAX_TITLE - 1).collect();
    cut.push('…');
    let full = if description.is_empty() {
        title.to_owned()
    } else {
        format!("{title}\n\n{description}")
    };
    (cut, full)
}

/// Effort from a tracker's estimate: points as a whole number (`3`, `3.0`);
/// `Ok(None)` for no estimate (blank or 0, which trackers use for "not
/// estimated"); `Err` names the rule a value like `2.5` breaks.
pub(super) fn estimate(
    column: &'static str,
    s: Option<&str>,
) -> Result<Option<u32>, crate::model::validate::FieldError> {
    match s {
        None => Ok(None),
        Some(s) if s.trim().parse::<f64>().is_ok_and(|x| x == 0.0) => Ok(None),
        Some(s) => crate::model::validate::effort(column, s).map(Some),
    }
}
