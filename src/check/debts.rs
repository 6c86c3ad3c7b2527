//! The rules about one debt item: an owner, some impact (urgency as scored,
//! the due date included), an estimate, a due date not passed.

use chrono::NaiveDate;

use super::{Collector, Rule, count, quoted};
use crate::model::{Plan, Severity};

pub(super) fn debts(plan: &Plan, today: NaiveDate, c: &mut Collector<'_>) {
    for d in plan.debts.iter().filter(|d| d.status.is_open()) {
        if d.owner.trim().is_empty() && d.needs_triage() {
            // Still to triage (an import from a tracker or taskwarrior, a
            // scan): who owns it is decided with its estimate, so a fresh
            // import never fails the gate; a warning at most.
            c.add_at_most(
                Severity::Warn,
                Rule::DebtWithoutOwner,
                &d.id,
                format!(
                    "debt {} has no owner (it is still to triage: give it one with its estimate)",
                    quoted(&d.title)
                ),
            );
        } else if d.owner.trim().is_empty() {
            c.add(
                Rule::DebtWithoutOwner,
                &d.id,
                format!("debt {} has no owner", quoted(&d.title)),
            );
        }
        // Urgency as scored: a due date near or past is impact enough.
        if crate::score::ratings_on(d, today) == [0; 4] {
            c.add(
                Rule::DebtWithoutImpact,
                &d.id,
                format!(
                    "debt {} has no impact: customer, delivery, risk and urgency are all 0",
                    quoted(&d.title)
                ),
            );
        }
        if d.needs_triage() {
            c.add(
                Rule::DebtUntriaged,
                &d.id,
                format!(
                    "debt {} has no effort estimate: it is not ranked (triage it: t in the debt view, or bearing edit {} --effort N)",
                    quoted(&d.title),
                    d.id
                ),
            );
        }
        if let Some(due) = d.due
            && due < today
        {
            c.add(
                Rule::DebtOverdue,
                &d.id,
                format!(
                    "debt {} was due {due}, {} ago, and is still {}",
                    quoted(&d.title),
                    count((today - due).num_days(), "day"),
                    d.status.label()
                ),
            );
        }
    }
}
