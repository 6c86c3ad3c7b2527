//! Jira's "Export Excel CSV (all fields)" (or "current fields") as debt
//! items. Jira writes one column per value of a many-valued field, all with
//! the same name (`Labels,Labels,Labels`, `Sprint,Sprint`, `Comment,…`), so
//! columns are found by name and every column of a name is read by
//! position. Other columns are ignored. The mapping (also in the README):
//!
//! - `Summary` → title (required; cut to 200 characters, the full text then
//!   opens the description), `Description` → description, `Issue key` →
//!   `source` as `jira:KEY` (required), `Assignee` → owner;
//! - every `Labels` column → labels, mapped by the plan's rules
//!   ([`super::mapping`]: urgency, area, tags, debt); the first
//!   `Component/s` → area when no label names one; `--only-debt` keeps the
//!   issues with a debt label or an `Issue Type` that is one (`Tech Debt`);
//! - `Priority` (Highest, High, Medium, Low, Lowest) → urgency by the
//!   rules' priority words (5, 4, 3, 2, 1 by default); a priority label
//!   that says more wins;
//! - `Status Category` Done → done (`Resolution` Won't Do / Won't Fix /
//!   Duplicate / Cannot Reproduce / Declined → won't fix), In Progress →
//!   in progress, else open; without that column, the `Status` name
//!   (Done, Closed, Resolved, In Progress, In Review, Won't Do, …);
//! - story points from `Custom field (Story Points)` or `Custom field
//!   (Story point estimate)` (`3.0` is 3, `2.5` rounds up) → effort;
//! - `Created` → created, `Resolved` (else `Updated`) → the date it was
//!   done, `Due date` → due date ([`Outcome::due`]; it raises urgency as
//!   taskwarrior's `due` does when no priority names one). Dates read in
//!   Jira's formats: `08/Sep/21 2:02 PM`, `08/Sep/21`, `2021-09-08 14:02`,
//!   and ISO 8601.

use chrono::NaiveDate;

use super::ImportError;
use super::csv::records::{self, Row};
use super::mapping;
use super::tracker::{Options, Outcome, Seen};
use crate::model::{Debt, DebtStatus, Plan};

/// Prefix of [`Debt::source`] for items that came from Jira.
pub const SOURCE: &str = "jira:";

/// The columns read, by their header name in lower case; several names
/// for one field are alternatives (older and team-managed projects).
const FIELDS: [(&str, &[&str]); 15] = [
    ("summary", &["summary"]),
    ("key", &["issue key", "key"]),
    ("type", &["issue type"]),
    ("status", &["status"]),
    ("category", &["status category"]),
    ("resolution", &["resolution"]),
    ("priority", &["priority"]),
    ("assignee", &["assignee"]),
    ("created", &["created"]),
    ("updated", &["updated"]),
    ("resolved", &["resolved"]),
    ("due", &["due date", "due"]),
    ("description", &["description"]),
    ("labels", &["labels"]),
    ("components", &["component/s", "components"]),
];

/// Story points, under the name company-managed (`Story Points`) and
/// team-managed (`Story point estimate`) projects give the field.
const POINTS: [&str; 4] = [
    "custom field (story points)",
    "custom field (story point estimate)",
    "story points",
    "story point estimate",
];

/// Where each field's columns are: every position whose header has that name.
struct Header {
    at: Vec<Vec<usize>>,
    points: Vec<usize>,
}

impl Header {
    fn read(row: &Row) -> Header {
        let names: Vec<String> = row
            .cells
            .iter()
            .map(|c| c.trim().trim_start_matches('\u{feff}').to_lowercase())
            .collect();
        let positions = |wanted: &[&str]| -> Vec<usize> {
            (0..names.len())
                .filter(|&i| wanted.contains(&names[i].as_str()))
                .collect()
        };
        Header {
            at: FIELDS.iter().map(|(_, names)| positions(names)).collect(),
            points: positions(&POINTS),
        }
    }

    fn has(&self, field: &str) -> bool {
        self.slot(field).is_some_and(|v| !v.is_empty())
    }

    fn slot(&self, field: &str) -> Option<&Vec<usize>> {
        FIELDS
            .iter()
            .position(|(f, _)| *f == field)
            .and_then(|k| self.at.get(k))
    }

    /// Every non-blank value of a field in a row, trimmed, in column order.
    fn all<'r>(&self, row: &'r Row, field: &str) -> Vec<&'r str> {
        values(row, self.slot(field).map_or(&[][..], Vec::as_slice))
    }

    /// The field's first non-blank value in a row.
    fn one<'r>(&self, row: &'r Row, field: &str) -> Option<&'r str> {
        self.all(row, field).into_iter().next()
    }
}

fn values<'r>(row: &'r Row, at: &[usize]) -> Vec<&'r str> {
    at.iter()
        .filter_map(|&i| row.cells.get(i))
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
        .collect()
}

/// The issues of `text` not in `plan` yet, as new debt items, or every
/// problem found (each with its line and column).
pub fn parse(
    text: &str,
    file: &str,
    plan: &Plan,
    today: NaiveDate,
    options: Options,
) -> Result<Outcome, Vec<ImportError>> {
    let (rows, _) = records::split(text, None).map_err(|b| {
        vec![ImportError::new(
            file,
            b.line,
            format!("cell {}", b.cell + 1),
            if b.unclosed {
                "this quote never closes, so the rest of the file would be one cell"
            } else {
                "text after the closing quote of this cell"
            },
        )]
    })?;
    let mut rows = rows.into_iter().filter(|r| !r.is_blank());
    let Some(first) = rows.next() else {
        return Ok(Outcome::default());
    };
    let head = Header::read(&first);
    let missing: Vec<ImportError> = [("summary", "Summary"), ("key", "Issue key")]
        .into_iter()
        .filter(|(f, _)| !head.has(f))
        .map(|(_, name)| {
            ImportError::new(
                file,
                first.line,
                name,
                "required column missing from the header; export with Jira's \
                 \"Export Excel CSV (all fields)\"",
            )
        })
        .collect();
    if !missing.is_empty() {
        return Err(missing);
    }
    let mut seen = Seen::new(plan);
    let mut out = Outcome::default();
    let mut errors = Vec::new();
    for row in rows {
        let mut ctx = RowCtx {
            head: &head,
            row: &row,
            file,
            plan,
            today,
            warnings: &mut out.warnings,
        };
        match ctx.debt(options, &mut seen) {
            Err(e) => errors.push(e),
            Ok(Read::Skip(Skip::Repeated)) => out.repeated += 1,
            Ok(Read::Skip(Skip::NotDebt)) => out.not_debt += 1,
            Ok(Read::Item(d)) => out.push(*d),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

enum Skip {
    Repeated,
    NotDebt,
}

enum Read {
    Item(Box<Debt>),
    Skip(Skip),
}

struct RowCtx<'a> {
    head: &'a Header,
    row: &'a Row,
    file: &'a str,
    plan: &'a Plan,
    today: NaiveDate,
    warnings: &'a mut Vec<ImportError>,
}

impl RowCtx<'_> {
    fn error(&self, column: &str, message: impl Into<String>) -> ImportError {
        ImportError::new(self.file, self.row.line, column, message)
    }

    /// A date column, or `None` with a warning when it cannot be read.
    fn date(&mut self, field: &str, column: &str) -> Option<NaiveDate> {
        let s = self.head.one(self.row, field)?;
        match super::date::day(s) {
            Ok(d) => Some(d),
            Err(why) => {
                let e = self.error(
                    column,
                    format!(
                        "{}; left out (Jira writes e.g. 08/Sep/21 2:02 PM)",
                        super::date::problem(s, &why)
                    ),
                );
                self.warnings.push(e);
                None
            }
        }
    }

    fn debt(&mut self, options: Options, seen: &mut Seen) -> Result<Read, ImportError> {
        let (head, row) = (self.head, self.row);
        let key = head
            .one(row, "key")
            .ok_or_else(|| self.error("Issue key", "is empty; every Jira issue has a key"))?;
        let (title, full) = head
            .one(row, "summary")
            .and_then(mapping::title)
            .ok_or_else(|| self.error("Summary", format!("{key} has an empty summary")))?;
        let source = format!("{SOURCE}{key}");
        if let Err(at) = seen.first(&source, row.line) {
            let w = super::tracker::repeated(self.file, row.line, key, at);
            self.warnings.push(w);
            return Ok(Read::Skip(Skip::Repeated));
        }
        let rules = &self.plan.import;
        let labels = head.all(row, "labels");
        let mapped = mapping::map(rules, &labels, head.one(row, "priority"));
        let typed_debt = head
            .one(row, "type")
            .is_some_and(|t| mapping::is_debt_label(rules, t));
        if options.only_debt && !(mapped.is_debt || typed_debt) {
            return Ok(Read::Skip(Skip::NotDebt));
        }
        let created = self.date("created", "Created").unwrap_or(self.today);
        let mut d = Debt::new(seen.ids.next(), title, created);
        let description = head.one(row, "description").unwrap_or("");
        d.description = [full.as_deref().unwrap_or(""), description]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("\n\n");
        d.owner = head.one(row, "assignee").unwrap_or("").to_owned();
        mapped.apply(&mut d);
        if mapped.area.is_none() {
            d.area = head.one(row, "components").unwrap_or("").to_owned();
        }
        if let Some(p) = values(row, &head.points).into_iter().next() {
            match mapping::points(p) {
                Some(e) => d.effort = Some(e),
                None => {
                    if !p.parse::<f64>().is_ok_and(|v| v == 0.0) {
                        let e = self.error(
                            "Story Points",
                            format!(
                                "cannot read {} as points; left unestimated",
                                crate::text::quote(p)
                            ),
                        );
                        self.warnings.push(e);
                    }
                }
            }
        }
        // No story points: the item comes in to triage.
        // Scoring raises urgency as the due date nears.
        d.due = self.date("due", "Due date");
        let status = status(
            head.one(row, "category"),
            head.one(row, "status"),
            head.one(row, "resolution"),
        );
        if status != DebtStatus::Open {
            let when = match status {
                DebtStatus::InProgress => self.date("updated", "Updated"),
                _ => self
                    .date("resolved", "Resolved")
                    .or_else(|| self.date("updated", "Updated")),
            };
            d.set_status(status, when.unwrap_or(self.today).max(created));
        }
        d.source = Some(source);
        Ok(Read::Item(Box::new(d)))
    }
}

/// A word with only its letters and digits, lower case: `Won't Do` →
/// `wontdo`, `In Progress` → `inprogress`.
fn squash(s: &str) -> String {
    s.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// The status of an issue: by its status category when the export has
/// one (every workflow's statuses fall into To Do, In Progress or Done),
/// else by the common status names; see the module documentation.
pub fn status(category: Option<&str>, name: Option<&str>, resolution: Option<&str>) -> DebtStatus {
    let not_done = resolution.map(squash).is_some_and(|r| {
        matches!(
            r.as_str(),
            "wontdo" | "wontfix" | "duplicate" | "cannotreproduce" | "declined" | "rejected"
        )
    });
    let done = if not_done {
        DebtStatus::WontFix
    } else {
        DebtStatus::Done
    };
    if let Some(c) = category.map(squash) {
        return match c.as_str() {
            "done" | "complete" => done,
            "inprogress" | "indeterminate" => DebtStatus::InProgress,
            _ => DebtStatus::Open,
        };
    }
    match name.map(squash).as_deref() {
        Some("done" | "closed" | "resolved" | "complete" | "completed" | "released") => done,
        Some("wontdo" | "wontfix" | "cancelled" | "canceled" | "rejected" | "declined") => {
            DebtStatus::WontFix
        }
        Some(
            "inprogress" | "inreview" | "review" | "codereview" | "doing" | "indevelopment"
            | "testing" | "qa",
        ) => DebtStatus::InProgress,
        _ => DebtStatus::Open,
    }
}

/// A Jira date or timestamp as its calendar day: `08/Sep/21 2:02 PM` (the
/// default export format), `08/Sep/2021 14:02`, `08/Sep/21`,
/// `2021-09-08 14:02`, ISO 8601 — read by the import's one date reader
/// ([`super::date`]), which reads the other forms sheets write too.
pub fn date(s: &str) -> Option<NaiveDate> {
    super::date::day(s).ok()
}

#[cfg(test)]
mod tests;
