//! The sprint as CSV for spreadsheets, written with the `csv` crate.

use chrono::NaiveDate;

use super::{ExportError, sheet};
use crate::model::Plan;
use crate::score::Scorer;
use crate::text::csv_cell;

/// The header row. `customer`…`urgency` are the item's 0–5 ratings as
/// entered; `score` is its WSJF score with two decimals; `sprint` says how
/// the item stands in the sprint: `committed` (open sprint), `done`, or for
/// a closed sprint's unfinished items where they went (`carried to S-…`,
/// `back to the backlog`, `won't fix`); `due` is the item's due date
/// (YYYY-MM-DD, empty for none), `description` its text with its line
/// breaks. An import recomputes `score` and ignores `sprint`; imported into
/// the plan it came from, the `id` column names the items it updates
/// (see `import::csv`), so the file imports back as it is.
pub const CSV_HEADER: [&str; 16] = [
    "id",
    "title",
    "owner",
    "area",
    "tags",
    "effort",
    "score",
    "customer",
    "delivery",
    "risk",
    "urgency",
    "key_results",
    "status",
    "sprint",
    "due",
    "description",
];

fn write_err(e: impl std::fmt::Display) -> ExportError {
    ExportError::Write {
        format: "CSV",
        message: e.to_string(),
    }
}

/// One row per committed item in ranking order, then (for a closed or
/// cancelled sprint) one per item committed and not done. Text cells go through
/// [`csv_cell`]: no control characters, and nothing a spreadsheet would run
/// as a formula; lists are joined with `;`.
pub fn sprint_csv(plan: &Plan, sprint_id: &str, today: NaiveDate) -> Result<String, ExportError> {
    let sh = sheet(plan, sprint_id, today)?;
    let mut w = ::csv::Writer::from_writer(Vec::new());
    w.write_record(CSV_HEADER).map_err(write_err)?;
    let standing = if sh.sprint.state.is_open() {
        "committed"
    } else {
        "done"
    };
    let scorer = Scorer::new(plan, today);
    let missed = sh
        .missed
        .iter()
        .filter_map(|m| Some((m.debt?, scorer.wsjf(m.debt?), m.went.to_string())));
    let rows = sh
        .rows
        .iter()
        .map(|r| (r.debt, r.breakdown, standing.to_owned()))
        .chain(missed);
    for (d, breakdown, standing) in rows {
        let record = [
            csv_cell(&d.id),
            csv_cell(&d.title),
            csv_cell(&d.owner),
            csv_cell(&d.area),
            csv_cell(&d.tags.join(";")),
            // Empty when not estimated: the file imports back unestimated.
            d.effort.map_or_else(String::new, |e| e.to_string()),
            breakdown
                .score()
                .map_or_else(String::new, crate::text::score),
            d.customer.to_string(),
            d.delivery.to_string(),
            d.risk.to_string(),
            d.urgency.to_string(),
            csv_cell(&d.key_results.join(";")),
            d.status.key().to_owned(),
            csv_cell(&standing),
            d.due
                .map_or_else(String::new, |d| d.format("%Y-%m-%d").to_string()),
            crate::text::csv_text_cell(&d.description),
        ];
        w.write_record(&record).map_err(write_err)?;
    }
    let bytes = w.into_inner().map_err(write_err)?;
    String::from_utf8(bytes).map_err(write_err)
}
