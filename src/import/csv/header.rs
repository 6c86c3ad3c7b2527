//! A spreadsheet's header row: which cell is which of Bearing's columns,
//! which columns are ignored (named ones Bearing has no use for, and ones
//! with no name, like the empty column Excel leaves at the end), and the
//! `--map` that names a column for Bearing.

use super::records::Row;
use super::{COLUMNS, IGNORED};
use crate::import::ImportError;

/// The header's name for a column: case, spaces and dashes do not matter
/// ("Key results", "key-results" and "key_results" are one column).
pub(super) fn normalize(name: &str) -> String {
    name.trim()
        .trim_start_matches('\u{feff}')
        .to_lowercase()
        .replace([' ', '-'], "_")
}

/// A header name compared without case, spaces or punctuation, so
/// `Story Points`, `story_points` and `StoryPoints` are one name.
pub(super) fn squash(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// One `--map` value, `HEADER=COLUMN` (`Summary=title`): the header name as
/// given and the Bearing column it fills. The column must be one Bearing
/// reads; the last `=` separates, so a header name may hold one.
pub fn parse_map(s: &str) -> Result<(String, String), String> {
    let Some((from, to)) = s.rsplit_once('=') else {
        return Err(format!(
            "{} is not HEADER=COLUMN (e.g. 'Summary=title')",
            crate::text::quote(s)
        ));
    };
    if from.trim().is_empty() {
        return Err("the header name before = is empty".into());
    }
    let column = normalize(to);
    if !COLUMNS.contains(&column.as_str()) && column != ID {
        return Err(format!(
            "{} is not a column Bearing reads; known: {}, id",
            crate::text::quote(to.trim()),
            COLUMNS.join(", ")
        ));
    }
    Ok((from.trim().to_owned(), column))
}

/// The column whose cell says which row of the sheet an item came from
/// (`source: csv:ID`), so a re-import can find it again.
const ID: &str = "id";

/// Where each of [`COLUMNS`] is in a row, where its id column is, which cells have a column at all
/// (spreadsheets leave trailing header cells empty), and the columns not
/// read.
pub(super) struct Header {
    pub at: Vec<Option<usize>>,
    pub id: Option<usize>,
    named: Vec<bool>,
    pub ignored: Vec<String>,
}

impl Header {
    /// The header row's columns, or every problem with it.
    pub fn read(
        row: &Row,
        file: &str,
        map: &[(String, String)],
    ) -> Result<Header, Vec<ImportError>> {
        let mut at: Vec<Option<usize>> = vec![None; COLUMNS.len()];
        let mut id: Option<usize> = None;
        let mut by: Vec<Option<&str>> = vec![None; COLUMNS.len()];
        let mut named = Vec::with_capacity(row.cells.len());
        let mut ignored = Vec::new();
        let mut used = vec![false; map.len()];
        let mut errors = Vec::new();
        let line = row.line;
        for (i, raw) in row.cells.iter().enumerate() {
            let name = normalize(raw);
            named.push(!name.is_empty());
            if name.is_empty() {
                ignored.push(format!("(column {}, no name)", i + 1));
                continue;
            }
            let mapped = map.iter().position(|(from, _)| squash(from) == squash(raw));
            let column = match mapped {
                Some(m) => {
                    used[m] = true;
                    map[m].1.clone()
                }
                None => name.clone(),
            };
            if column == ID {
                if id.is_some() {
                    errors.push(ImportError::new(file, line, ID, "column appears twice"));
                }
                id = Some(i);
                continue;
            }
            let column = match column.as_str() {
                "closed_date" | "closed_on" | "closed_at" | "date_closed" | "done_date"
                | "done_on" | "date_done" => "closed".to_owned(),
                "due_date" | "due_on" | "date_due" | "deadline" => "due".to_owned(),
                _ => column,
            };
            let Some(k) = COLUMNS.iter().position(|c| *c == column) else {
                if !IGNORED.contains(&name.as_str()) {
                    ignored.push(raw.trim().trim_start_matches('\u{feff}').to_owned());
                }
                continue;
            };
            if let Some(before) = by[k] {
                let message =
                    if mapped.is_some() || map.iter().any(|(f, _)| squash(f) == squash(before)) {
                        format!(
                            "both {} and {} fill this column (check --map); keep one",
                            crate::text::quote(before.trim()),
                            crate::text::quote(raw.trim())
                        )
                    } else {
                        "column appears twice".to_owned()
                    };
                errors.push(ImportError::new(file, line, column.clone(), message));
            }
            at[k] = Some(i);
            by[k] = Some(raw);
        }
        for ((from, to), used) in map.iter().zip(used) {
            if !used {
                errors.push(ImportError::new(
                    file,
                    line,
                    "header",
                    format!(
                        "--map {}={to}: the header has no column named {}",
                        crate::text::sanitize(from),
                        crate::text::quote(from)
                    ),
                ));
            }
        }
        if at[0].is_none() {
            errors.push(ImportError::new(
                file,
                line,
                "title",
                format!(
                    "required column missing from the header (name one title, or map one with \
                     --map 'HEADER=title'){}",
                    split_hint(row)
                ),
            ));
        }
        if errors.is_empty() {
            Ok(Header {
                at,
                id,
                named,
                ignored,
            })
        } else {
            Err(errors)
        }
    }

    /// A problem with a row's shape: text in a cell the header names no
    /// column for (trailing empty cells are what spreadsheets write).
    pub fn stray(&self, row: &Row, file: &str) -> Option<ImportError> {
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
            let hint = if width == 1 {
                "; a header of one column may mean the file is split by another \
                 character: pass --delimiter (e.g. --delimiter ';')"
            } else {
                ""
            };
            format!(
                "has {} but the header names {width}{hint}",
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

/// A hint when the header looks split by the wrong character: a header cell
/// holding another usual separator (`title;owner` read with `,`).
fn split_hint(row: &Row) -> String {
    let other = [';', ',', '\t', '|']
        .into_iter()
        .find(|c| row.cells.iter().any(|cell| cell.contains(*c)));
    match other {
        Some(c) => {
            let shown = if c == '\t' {
                "tab".to_owned()
            } else {
                format!("'{c}'")
            };
            format!(
                "; the header has {} inside a cell, so the file may be split by it: \
                 pass --delimiter {shown}",
                if c == '\t' {
                    "a tab".to_owned()
                } else {
                    format!("'{c}'")
                }
            )
        }
        None => String::new(),
    }
}

/// The column a cell is in, for messages: its header name, or its position
/// when the header does not name it.
pub(super) fn column_name(header: Option<&Row>, cell: usize) -> String {
    match header.and_then(|h| h.cells.get(cell)).map(|c| normalize(c)) {
        Some(n) if !n.is_empty() => n,
        _ => format!("cell {}", cell + 1),
    }
}
