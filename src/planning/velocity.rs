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

/// The velocity with the number of sprints it is the mean of, as every
/// chart and summary names it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Velocity {
    /// Mean completed points.
    pub mean: f64,
    /// How many closed sprints (at most [`VELOCITY_WINDOW`]) it counts.
    pub sprints: usize,
}

impl Velocity {
    /// The mean to one decimal: "3.3", "6".
    pub fn rounded(&self) -> f64 {
        (self.mean * 10.0).round() / 10.0
    }
}

impl std::fmt::Display for Velocity {
    /// "velocity 3.3 (last 3)": the same words in the sprint view, the
    /// Velocity chart and the report.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "velocity {} (last {})",
            crate::text::number(self.rounded()),
            self.sprints
        )
    }
}

/// [`velocity`] with the number of sprints counted.
pub fn velocity_of(plan: &Plan) -> Option<Velocity> {
    let sprints = counted(plan).len();
    velocity(plan).map(|mean| Velocity { mean, sprints })
}

/// Where a suggested capacity comes from, so the user is told which.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CapacityBasis {
    /// The mean of this many closed sprints' completed points.
    Velocity(usize),
    /// The capacity of the latest sprint (none has closed with work yet).
    LastSprint(String),
    /// The capacity of the last closed sprint (else the latest sprint),
    /// because the velocity (the mean of this many closed sprints) rounds
    /// to 0: a capacity of 0 or 1 plans nothing useful.
    ZeroVelocity(usize, String),
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
            CapacityBasis::ZeroVelocity(1, id) => write!(
                f,
                "the last closed sprint's capacity ({id}; it finished nothing, a velocity of 0)"
            ),
            CapacityBasis::ZeroVelocity(n, id) => write!(
                f,
                "the last closed sprint's capacity ({id}; the velocity of the last {n} closed sprints is 0)"
            ),
            CapacityBasis::Default => f.write_str("the default: no sprint has closed yet"),
        }
    }
}

/// Capacity for a new sprint and where it comes from: the velocity, else
/// the latest sprint's capacity, else [`DEFAULT_CAPACITY`]. A velocity that
/// rounds to 0 (the last sprints finished nothing) says nothing about what
/// the team can take on, so the latest sprint's capacity stands in for it.
/// Always at least 1.
pub fn capacity_suggestion(plan: &Plan) -> (u32, CapacityBasis) {
    let latest = plan
        .sprints
        .iter()
        .max_by(|a, b| a.start.cmp(&b.start).then_with(|| a.id.cmp(&b.id)));
    if let Some(v) = velocity(plan) {
        let n = counted(plan).len();
        let pts = v.round() as u32;
        if pts > 0 {
            return (pts, CapacityBasis::Velocity(n));
        }
        // The capacity the team planned its last closed sprint with: a
        // later sprint may already carry a capacity made from the 0.
        let planned = counted(plan)
            .into_iter()
            .chain(latest)
            .find(|s| s.capacity > 0);
        if let Some(s) = planned {
            return (s.capacity, CapacityBasis::ZeroVelocity(n, s.id.clone()));
        }
        return (DEFAULT_CAPACITY, CapacityBasis::Default);
    }
    latest.map_or((DEFAULT_CAPACITY, CapacityBasis::Default), |s| {
        (s.capacity.max(1), CapacityBasis::LastSprint(s.id.clone()))
    })
}

/// Capacity for a new sprint: see [`capacity_suggestion`].
pub fn suggested_capacity(plan: &Plan) -> u32 {
    capacity_suggestion(plan).0
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn sprint(id: &str, end: &str, capacity: u32, done: Option<u32>) -> Sprint {
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let mut s = Sprint::new(id.into(), id.into(), day("2026-01-05"), day(end), capacity);
        if let Some(pts) = done {
            s.state = SprintState::Closed;
            s.completed_points = Some(pts);
            s.items = vec!["D-1".into()];
        }
        s
    }

    #[test]
    fn a_sprint_that_finished_nothing_does_not_make_the_next_capacity_1() {
        let mut plan = Plan {
            sprints: vec![sprint("S-1", "2026-01-16", 8, Some(0))],
            ..Plan::default()
        };
        assert_eq!(velocity(&plan), Some(0.0));
        assert_eq!(
            capacity_suggestion(&plan),
            (8, CapacityBasis::ZeroVelocity(1, "S-1".into()))
        );
        let why = CapacityBasis::ZeroVelocity(1, "S-1".into()).to_string();
        assert_eq!(
            why,
            "the last closed sprint's capacity (S-1; it finished nothing, a velocity of 0)"
        );
        // A later sprint already made with capacity 1 does not keep it at 1.
        plan.sprints.push(sprint("S-2", "2026-01-30", 1, None));
        assert_eq!(capacity_suggestion(&plan).0, 8);
    }

    #[test]
    fn the_velocity_names_how_many_sprints_it_is_the_mean_of() {
        let plan = Plan {
            sprints: vec![
                sprint("S-1", "2026-01-16", 8, Some(10)),
                sprint("S-2", "2026-01-30", 8, Some(0)),
                sprint("S-3", "2026-02-13", 8, Some(0)),
                sprint("S-4", "2026-02-27", 8, Some(10)),
            ],
            ..Plan::default()
        };
        let v = velocity_of(&plan).unwrap();
        assert_eq!(v.sprints, 3);
        assert_eq!(v.to_string(), "velocity 3.3 (last 3)");
        assert_eq!(capacity_suggestion(&plan).0, 3);
    }
}
