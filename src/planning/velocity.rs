//! Velocity from the closed sprints that held work, and the capacity it
//! suggests for the next sprint.

use super::{DEFAULT_CAPACITY, VELOCITY_WINDOW};
use crate::model::{Plan, Sprint, SprintState};

/// Whether a closed sprint held any work: items committed at its start,
/// finished (or points recorded as done), or carried on at its close. An empty sprint started and
/// closed by mistake did not, and says nothing about the team's pace.
fn held_work(s: &Sprint) -> bool {
    s.commitment.as_ref().is_some_and(|c| !c.items.is_empty())
        || !s.completed.is_empty()
        || s.completed_points.is_some_and(|p| p > 0)
        || !s.carried.is_empty()
        || !s.items.is_empty()
}

/// Mean completed points of the last [`VELOCITY_WINDOW`] closed sprints (by
/// end date) that held work; `None` before any such sprint has closed.
/// Cancelled sprints never count.
pub fn velocity(plan: &Plan) -> Option<f64> {
    let mut closed: Vec<&Sprint> = plan
        .sprints
        .iter()
        .filter(|s| s.state == SprintState::Closed && held_work(s))
        .collect();
    if closed.is_empty() {
        return None;
    }
    closed.sort_by(|a, b| b.end.cmp(&a.end).then_with(|| b.id.cmp(&a.id)));
    let last = &closed[..closed.len().min(VELOCITY_WINDOW)];
    let sum: f64 = last
        .iter()
        .map(|s| {
            // A hand-written closed sprint may lack the recorded points.
            f64::from(
                s.completed_points
                    .unwrap_or_else(|| plan.effort_of(&s.completed)),
            )
        })
        .sum();
    Some(sum / last.len() as f64)
}

/// Capacity for a new sprint: the velocity, else the latest sprint's
/// capacity, else [`DEFAULT_CAPACITY`]. Always at least 1.
pub fn suggested_capacity(plan: &Plan) -> u32 {
    if let Some(v) = velocity(plan) {
        return (v.round() as u32).max(1);
    }
    plan.sprints
        .iter()
        .max_by(|a, b| a.start.cmp(&b.start).then_with(|| a.id.cmp(&b.id)))
        .map_or(DEFAULT_CAPACITY, |s| s.capacity.max(1))
}
