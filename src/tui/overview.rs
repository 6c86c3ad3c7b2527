//! The overview's selectable rows, in the order `j`/`k` walk them:
//! objectives and key results, the top three debt items, the active sprint,
//! stale experiments, then `bearing check`'s errors and warnings. `Enter`
//! jumps to a row's item in its own view. The views draw these rows; this
//! module knows what they are and where they lead.

use super::app::{App, KrRow};
use super::pickers;
use crate::model::Severity;
use crate::text::sanitize;

/// How many of the ranking's best items the overview lists.
pub const TOP_DEBT: usize = 3;

/// One selectable row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    /// A row of the key-results outline (`cache.kr_rows[n]`).
    Kr(usize),
    /// A top debt item: its place in the ranking (0-based) and its index.
    Debt(usize, usize),
    /// The active sprint (index in `plan.sprints`).
    Sprint(usize),
    /// A stale experiment (index in `plan.hypotheses`).
    Stale(usize),
    /// A finding (index in `app.findings()`).
    Finding(usize),
}

/// Every row in walking order. Findings: errors first, then warnings.
pub fn rows(app: &App) -> Vec<Row> {
    let mut out: Vec<Row> = (0..app.cache.kr_rows.len()).map(Row::Kr).collect();
    out.extend(
        app.cache
            .ranked()
            .iter()
            .take(TOP_DEBT)
            .enumerate()
            .map(|(n, &i)| Row::Debt(n, i)),
    );
    if let Some(i) = active_sprint(app) {
        out.push(Row::Sprint(i));
    }
    out.extend(stale(app).into_iter().map(Row::Stale));
    let (errors, warnings) = findings(app);
    out.extend(errors.into_iter().chain(warnings).map(Row::Finding));
    out
}

/// How many rows there are, without listing them.
pub fn len(app: &App) -> usize {
    app.cache.kr_rows.len()
        + app.cache.ranked().len().min(TOP_DEBT)
        + usize::from(active_sprint(app).is_some())
        + app
            .plan()
            .hypotheses
            .iter()
            .filter(|h| h.is_stale(app.today))
            .count()
        + app.findings().len()
}

pub fn active_sprint(app: &App) -> Option<usize> {
    let id = &app.plan().active_sprint()?.id;
    app.plan().sprints.iter().position(|s| &s.id == id)
}

/// Stale experiments, in plan order.
pub fn stale(app: &App) -> Vec<usize> {
    (0..app.plan().hypotheses.len())
        .filter(|&i| app.plan().hypotheses[i].is_stale(app.today))
        .collect()
}

/// Indices into `app.findings()`: the errors, and the warnings.
pub fn findings(app: &App) -> (Vec<usize>, Vec<usize>) {
    let f = app.findings();
    (0..f.len()).partition(|&i| f[i].severity == Severity::Error)
}

/// The selected row, if the overview has any (the cursor is clamped here:
/// the cache does not count findings on every change).
pub fn selected(app: &App, rows: &[Row]) -> Option<Row> {
    let at = app.overview.selected;
    rows.get(at.min(rows.len().checked_sub(1)?)).copied()
}

/// The id a row leads to.
pub fn target(app: &App, row: Row) -> Option<String> {
    match row {
        Row::Kr(n) => match *app.cache.kr_rows.get(n)? {
            KrRow::Objective(i) => Some(app.plan().objectives.get(i)?.id.clone()),
            KrRow::Kr(i) => Some(app.plan().key_results.get(i)?.id.clone()),
            KrRow::Orphans => None,
        },
        Row::Debt(_, i) => Some(app.plan().debts.get(i)?.id.clone()),
        Row::Sprint(i) => Some(app.plan().sprints.get(i)?.id.clone()),
        Row::Stale(i) => Some(app.plan().hypotheses.get(i)?.id.clone()),
        Row::Finding(i) => {
            let id = &app.findings().get(i)?.id;
            app.plan().contains_id(id).then(|| id.clone())
        }
    }
}

/// `Enter` on the overview: the selected row's item, selected in its view.
pub fn enter(app: &mut App) {
    let rows = rows(app);
    let Some(row) = selected(app, &rows) else {
        app.info("nothing to open: the plan is empty");
        return;
    };
    match target(app, row) {
        Some(id) => pickers::jump(app, &id),
        None => {
            let what = match row {
                Row::Finding(i) => app
                    .findings()
                    .get(i)
                    .map_or_else(String::new, |f| sanitize(&f.message).into_owned()),
                _ => "key results without an objective".to_owned(),
            };
            app.info(format!("{what} — nothing to open"));
        }
    }
}
