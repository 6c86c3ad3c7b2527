//! Velocity from the closed sprints that held work, and the capacity it
//! suggests for the next sprint.

use super::{DEFAULT_CAPACITY, VELOCITY_WINDOW};
use crate::model::{Plan, Sprint, SprintState};

/// Whether a closed sprint held any work: items committed at its start,
/// finished (or points recorded as done), or carried on at its close. An empty sprint started and
/// closed by mistake did not, and says nothing about the team's pace.
pub(super) fn held_work(s: &Sprint) -> bool {
    s.commitment.as_ref().is_some_and(|c| !c.items.is_empty())
        || !s.completed.is_empty()
        || s.completed_points.is_some_and(|p| p > 0)
        || !s.carried.is_empty()
        || !s.items.is_empty()
}

/// The last [`VELOCITY_WINDOW`] closed sprints (by end date) that held work,
/// newest first. Cancelled sprints never count.
fn counted(plan: &Plan) -> Vec<&Sprint> {
    let mut closed: Vec<&Sprint> = plan
        .sprints
        .iter()
        .filter(|s| s.state == SprintState::Closed && held_work(s))
        .collect();
    closed.sort_by(|a, b| b.end.cmp(&a.end).then_with(|| b.id.cmp(&a.id)));
    closed.truncate(VELOCITY_WINDOW);
    closed
}

/// Mean completed points of the last [`VELOCITY_WINDOW`] closed sprints (by
/// end date) that held work; `None` before any such sprint has closed.
/// Cancelled sprints never count.
pub fn velocity(plan: &Plan) -> Option<f64> {
    let last = counted(plan);
    if last.is_empty() {
        return None;
    }
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

/// Where a suggested capacity comes from, so the user is told which.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CapacityBasis {
    /// The mean of this many closed sprints' completed points.
    Velocity(usize),
    /// The capacity of the latest sprint (none has closed with work yet).
    LastSprint(String),
    /// [`DEFAULT_CAPACITY`]: the plan has no sprint yet.
    Default,
}

impl std::fmt::Display for CapacityBasis {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CapacityBasis::Velocity(1) => f.write_str("the velocity of the last closed sprint"),
            CapacityBasis::Velocity(n) => {
                write!(f, "the velocity of the last {n} closed sprints")
            }
            CapacityBasis::LastSprint(id) => write!(
                f,
                "the last sprint's capacity ({id}; no sprint has closed with work yet)"
            ),
            CapacityBasis::Default => f.write_str("the default: no sprint has closed yet"),
        }
    }
}

/// Capacity for a new sprint and where it comes from: the velocity, else
/// the latest sprint's capacity, else [`DEFAULT_CAPACITY`]. Always at least 1.
pub fn capacity_suggestion(plan: &Plan) -> (u32, CapacityBasis) {
    if let Some(v) = velocity(plan) {
        let n = counted(plan).len();
        return ((v.round() as u32).max(1), CapacityBasis::Velocity(n));
    }
    plan.sprints
        .iter()
        .max_by(|a, b| a.start.cmp(&b.start).then_with(|| a.id.cmp(&b.id)))
        .map_or((DEFAULT_CAPACITY, CapacityBasis::Default), |s| {
            (s.capacity.max(1), CapacityBasis::LastSprint(s.id.clone()))
        })
}

/// Capacity for a new sprint: see [`capacity_suggestion`].
pub fn suggested_capacity(plan: &Plan) -> u32 {
    capacity_suggestion(plan).0
}
