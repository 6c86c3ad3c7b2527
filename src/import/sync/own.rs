//! Bearing's own export read back into the plan it came from: a row whose
//! item keeps its Bearing id (the parser found the id in this plan, see
//! [`crate::import::csv`]) is that item, edited in a spreadsheet. It is
//! updated in place — each field the file gives takes the file's value, as
//! an edit would — never added again; its source and last imported values
//! stay as they are.

use chrono::NaiveDate;

use super::{SyncPlan, changed_on};
use crate::model::{Debt, Imported, Plan};

/// Applies every own row `(index in the plan, incoming item)` to `out`.
pub(super) fn update(
    plan: &Plan,
    own: &[(usize, Debt)],
    today: NaiveDate,
    given: Option<&[&str]>,
    out: &mut SyncPlan,
) {
    for (i, inc) in own {
        let ours = &plan.debts[*i];
        let mut values = Imported::of(inc, today);
        if let Some(given) = given {
            values.keep_absent(&Imported::of(ours, today), given);
        }
        let mut new = values.applied_to(ours);
        (new.status, new.changes) = (ours.status, ours.changes.clone());
        new.set_status(
            values.status,
            changed_on(inc, values.status).unwrap_or(today),
        );
        super::record(out, ours, new);
    }
}
