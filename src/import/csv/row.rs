//! One row of Bearing's own columns as a debt item, every cell checked by
//! the rules `bearing add debt` uses.

use chrono::NaiveDate;

use crate::import::Ids;
use crate::model::validate::{self, FieldError};
use crate::model::{Debt, DebtStatus, Plan};

/// One row as a debt item, or every cell that breaks a rule.
pub(super) fn row<'r>(
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
            // Urgency also takes a priority word (`High`, `P1`) by the
            // plan's mapping rules, so a tracker's Priority column maps.
            *slot = ok(if name == "urgency" {
                crate::import::mapping::urgency_cell(&plan.import, name, s)
            } else {
                validate::rating(name, s)
            });
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
    // An empty effort cell: not estimated, to triage.
    match effort {
        Some(Ok(e)) => d.effort = Some(e),
        Some(Err(e)) => errors.push(e),
        None => {}
    }
    [d.customer, d.delivery, d.risk, d.urgency] = ratings;
    d.owner = text(1).trim().to_owned();
    d.area = text(2).trim().to_owned();
    d.tags = validate::list(&text(3));
    d.description = text(10).trim().to_owned();
    d.key_results = validate::list(&text(11))
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
