//! CSV from a spreadsheet, from `bearing export csv`, or exported by Linear
//! or GitLab. A spreadsheet's header names the columns (any subset, any
//! order; columns Bearing has no use for are ignored and listed, or mapped
//! with `--map`), every cell is checked by the same rules as `bearing add
//! debt`, and a bad cell is reported as `FILE:LINE: column: problem`. A
//! tracker's export is recognised by its header and read by column name.

use chrono::NaiveDate;

mod gitlab;
mod header;
mod linear;
pub(crate) mod records;
mod row;
mod sheet;
mod table;
mod upstream;

use records::{Broken, Row};
use sheet::{Read, sheet};

use super::{Ids, ImportError};
use crate::model::{Debt, Plan};

pub use header::parse_map;

/// The columns an import fills. `title` is required; `closed` (also
/// `Closed date`, `Done date`, …) dates a done or won't-fix status; `due`
/// (also `Due date`, `Deadline`) is the item's due date.
pub const COLUMNS: [&str; 14] = [
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
    "closed",
    "due",
];

/// Columns an export writes that an import recomputes (ids are new, scores
/// are derived), so an exported file imports as it is, without a note. The
/// `id` column is kept as where the item came from: `source: csv:NAME:ID`.
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

/// Whose columns a file has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Flavor {
    /// Decided from the header: a Linear or GitLab export is recognised by
    /// its columns; anything else is a spreadsheet.
    #[default]
    Auto,
    /// A spreadsheet, or `bearing export csv`: Bearing's column names.
    Sheet,
    /// Linear's "Export CSV".
    Linear,
    /// GitLab's "Export as CSV" of an issue list.
    GitLab,
}

impl Flavor {
    /// How the summary names it ("read as a Linear export").
    pub fn label(self) -> &'static str {
        match self {
            Flavor::Auto | Flavor::Sheet => "a spreadsheet",
            Flavor::Linear => "a Linear export",
            Flavor::GitLab => "a GitLab export",
        }
    }
}

/// How to read a file: whose columns, which separator (`None`: sniffed from
/// the header line), and spreadsheet columns mapped to Bearing's.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub flavor: Flavor,
    pub delimiter: Option<char>,
    /// `(header name, Bearing column)` from `--map 'Story Points=effort'`.
    pub map: Vec<(String, String)>,
    /// Keep only items with a debt label among their labels or tags (the
    /// plan's `import.debt_labels`), as `--only-debt` does for every
    /// tracker.
    pub only_debt: bool,
    /// The sheet's name in its items' sources (`csv:NAME:ID`), from
    /// `--source`; `None`: the file's name without its extension.
    pub source: Option<String>,
}

/// The name a spreadsheet's rows are keyed under (`csv:NAME:ID`): `given`
/// (`--source`), else the file name without its extension (`backlog` for
/// `exports/backlog.csv`; `stdin` for `-`). A `:` in it becomes `-`, so the
/// name ends at the first `:` of the key.
pub fn source_name(file: &str, given: Option<&str>) -> String {
    let name = match given {
        Some(g) => g.trim().to_owned(),
        None if file == "<stdin>" || file == "-" => "stdin".to_owned(),
        None => std::path::Path::new(file)
            .file_stem()
            .map_or_else(|| file.to_owned(), |s| s.to_string_lossy().into_owned()),
    };
    let name = name.trim().replace(':', "-");
    if name.is_empty() {
        "sheet".to_owned()
    } else {
        name
    }
}

/// What an import of one file came to: the items to add, the rows left out
/// (only with `skip_invalid`), the columns not read, and how it was read.
#[derive(Debug, Default)]
pub struct Outcome {
    pub items: Vec<Debt>,
    pub skipped: Vec<ImportError>,
    /// Header names of the columns nothing was read from, in file order
    /// (a column with no name as `(column N, no name)`).
    pub ignored: Vec<String>,
    pub flavor: Flavor,
    /// The fields a spreadsheet's columns give (`None`: a tracker export,
    /// which gives all it has): a re-import leaves the others as they were
    /// ([`crate::import::sync_given`]).
    pub given: Option<Vec<&'static str>>,
    /// Items left out by `only_debt`.
    pub not_debt: usize,
    /// Values left out (a date that cannot be read) and rows left out for
    /// repeating a key an earlier row has, located: notes, not errors.
    pub warnings: Vec<ImportError>,
    /// Rows left out for repeating an earlier row's key (each also among
    /// the warnings, naming its line).
    pub repeated: usize,
}

impl Outcome {
    /// What the reader left out beyond bad rows, for the counts line, the
    /// same on the command line and in the UI: `2 not marked as debt, 1
    /// repeated in the file, 1 unreadable value left out`.
    pub fn note(&self) -> Option<String> {
        let unreadable = self.warnings.len() - self.repeated;
        let notes: Vec<String> = [
            (self.not_debt > 0).then(|| format!("{} not marked as debt", self.not_debt)),
            (self.repeated > 0).then(|| format!("{} repeated in the file", self.repeated)),
            (unreadable > 0).then(|| {
                format!(
                    "{} left out",
                    crate::text::count(unreadable, "unreadable value")
                )
            }),
        ]
        .into_iter()
        .flatten()
        .collect();
        (!notes.is_empty()).then(|| notes.join(", "))
    }
}

/// Every row as a new debt item, or every problem if any row is bad.
pub fn parse(
    text: &str,
    file: &str,
    plan: &Plan,
    today: NaiveDate,
) -> Result<Vec<Debt>, Vec<ImportError>> {
    let o = read(text, file, plan, today, &Options::default())?;
    if o.skipped.is_empty() {
        Ok(o.items)
    } else {
        Err(o.skipped)
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
    read(text, file, plan, today, &Options::default())
}

/// The good rows and the bad ones, read as `options` say. `Err`: the file
/// cannot be read as rows at all (a header problem, a quote that never
/// closes); no row is imported then, whatever is asked.
pub fn read(
    text: &str,
    file: &str,
    plan: &Plan,
    today: NaiveDate,
    options: &Options,
) -> Result<Outcome, Vec<ImportError>> {
    let (rows, sep) =
        records::split(text, options.delimiter).map_err(|b| vec![broken(file, &b)])?;
    let mut rows = rows.into_iter().filter(|r| !r.is_blank());
    let Some(first) = rows.next() else {
        return Err(vec![ImportError::new(
            file,
            1,
            "header",
            "the file is empty; the first row must name the columns",
        )]);
    };
    let flavor = match options.flavor {
        // Mapping columns says the file is a spreadsheet.
        Flavor::Auto if options.map.is_empty() => detect(&first),
        Flavor::Auto => Flavor::Sheet,
        f => f,
    };
    let mut ids = Ids::new(plan);
    let (mut items, skipped, ignored, given, warnings) = match flavor {
        Flavor::Linear => {
            let (items, skipped, warnings) =
                linear::TRACKER.read(&first, rows, file, plan, today, &mut ids)?;
            (items, skipped, Vec::new(), None, warnings)
        }
        Flavor::GitLab => {
            let (items, skipped, warnings) =
                gitlab::TRACKER.read(&first, rows, file, plan, today, &mut ids)?;
            (items, skipped, Vec::new(), None, warnings)
        }
        Flavor::Auto | Flavor::Sheet => {
            let read = Read {
                file,
                plan,
                today,
                options,
                decimal_comma: sep != ',',
            };
            sheet(&first, rows, &read, &mut ids)?
        }
    };
    let mut not_debt = 0;
    if options.only_debt {
        // Debt labels stay tags after the mapping, so the tags say.
        let before = items.len();
        items.retain(|d| {
            d.tags
                .iter()
                .any(|t| super::mapping::is_debt_label(&plan.import, t))
        });
        not_debt = before - items.len();
    }
    let repeated = warnings
        .iter()
        .filter(|w| w.column == super::tracker::REPEATED)
        .count();
    Ok(Outcome {
        items,
        skipped,
        ignored,
        given,
        not_debt,
        warnings,
        repeated,
        flavor: if flavor == Flavor::Auto {
            Flavor::Sheet
        } else {
            flavor
        },
    })
}

/// Whose columns the CSV `text` has, from its header (a Linear or GitLab
/// export, else a spreadsheet): what `import::detect` asks. Text that cannot
/// be split into rows is a spreadsheet (its import then says why).
pub fn flavor_of(text: &str) -> Flavor {
    // The header is all that is needed: split only up to the first line
    // break outside quotes, not the whole file.
    let head = header_text(text);
    match records::split(head, None) {
        Ok((rows, _)) => rows
            .iter()
            .find(|r| !r.is_blank())
            .map_or(Flavor::Sheet, detect),
        Err(_) => Flavor::Sheet,
    }
}

/// The text up to the end of the first row (a line break outside quotes).
fn header_text(text: &str) -> &str {
    let mut quoted = false;
    for (i, c) in text.char_indices() {
        match c {
            '"' => quoted = !quoted,
            '\n' if !quoted => return &text[..i],
            _ => {}
        }
    }
    text
}

/// A tracker's export by the columns only it writes together.
fn detect(header: &Row) -> Flavor {
    let t = table::Table::new(header);
    let has = |names: &[&str]| names.iter().all(|n| t.at(n).is_some());
    if has(linear::SIGNATURE) {
        Flavor::Linear
    } else if has(gitlab::SIGNATURE) {
        Flavor::GitLab
    } else {
        Flavor::Sheet
    }
}

/// The warning for a row at `line` whose item has the key of the row at
/// `first`: the first is used, this one left out.
fn repeated(file: &str, line: usize, d: &Debt, first: usize) -> ImportError {
    let key = d.source.as_deref().unwrap_or(&d.id);
    let key = key.rsplit_once(':').map_or(key, |(_, k)| k);
    super::tracker::repeated(file, line, key, first)
}

/// The one problem that stops a file from being read at all: its quotes do
/// not pair up, so every row after the quote is in doubt.
fn broken(file: &str, b: &Broken) -> ImportError {
    let column = header::column_name(b.header.as_ref(), b.cell);
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

#[cfg(test)]
mod tests;
