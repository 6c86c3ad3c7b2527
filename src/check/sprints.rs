//! The sprint rules: over capacity, active past its end, planned for a
//! window that has passed, and open sprints whose windows overlap.

use chrono::NaiveDate;

use super::{Collector, Rule, quoted};
use crate::model::{Plan, Timing, days_word};
use crate::planning;
use crate::text::count;

pub(super) fn sprints(plan: &Plan, today: NaiveDate, c: &mut Collector<'_>) {
    for s in plan.sprints.iter().filter(|s| s.state.is_open()) {
        let effort = plan.effort_of(&s.items);
        if effort > s.capacity {
            c.add(
                Rule::SprintOverCapacity,
                &s.id,
                format!(
                    "sprint {} holds {}, over its capacity of {} by {}",
                    quoted(&s.name),
                    count(effort, "pt"),
                    s.capacity,
                    count(effort - s.capacity, "pt")
                ),
            );
        }
        match s.timing(today) {
            Timing::Overdue { days: n } => c.add(
                Rule::SprintOverdue,
                &s.id,
                format!(
                    "sprint {} is still active {} after its end {}: close it (bearing sprint close {})",
                    quoted(&s.name),
                    days_word(n),
                    s.end,
                    s.id
                ),
            ),
            Timing::WindowPassed { days: n } => c.add(
                Rule::SprintWindowPassed,
                &s.id,
                format!(
                    "sprint {} is planned for {} → {}, which ended {} ago: start, re-date or cancel it",
                    quoted(&s.name),
                    s.start,
                    s.end,
                    days_word(n)
                ),
            ),
            _ => {}
        }
        for other in planning::overlapping(plan, s) {
            // Each pair once, on the later sprint (by start, then id).
            if (other.start, &other.id) < (s.start, &s.id) || !other.state.is_open() {
                c.add(Rule::SprintOverlap, &s.id, planning::overlap_note(s, other));
            }
        }
    }
}
