//! Debt sprints: candidates, capacity and velocity, auto-plan, start and
//! close. Every operation is pure over the plan and returns a [`Change`] the
//! caller applies with [`Plan::apply`], so each one undoes as one step.

mod close;
pub mod forecast;
mod history;
mod knapsack;
mod load;
mod notes;
mod rows;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod time_tests;
mod trend;
mod velocity;
mod warnings;

use chrono::NaiveDate;
use thiserror::Error;

use crate::model::{
    Change, Item, Kind, Plan, ScopeChange, ScopeKind, Sprint, SprintState, validate,
};
use crate::score::Ranked;
use notes::{NOT_ESTIMATED, items_word, overflow_note, pts, unknown_note};

pub use close::{
    Carried, CloseOutcome, CloseReport, WentTo, cancel, close, next_planned, not_done, start,
};
pub use history::{Burnup, BurnupDay, SprintRecord, burnup, closed_history, done_on};
pub use load::{OwnerLoad, PeopleLoad, people_load};
pub use rows::{
    ItemRow, candidates, candidates_in, committed, in_open_sprints, is_candidate, item_rows,
};
pub use trend::{Trend, trend};
pub use velocity::{
    CapacityBasis, Velocity, capacity_suggestion, suggested_capacity, velocity, velocity_of,
};
pub use warnings::{creation_warnings, overlap_note, overlapping, start_warnings};

/// Capacity suggested for a new sprint when there is no velocity and no
/// earlier sprint to copy: two people for two weeks at about five points a
/// week each.
pub const DEFAULT_CAPACITY: u32 = 20;

/// How many closed sprints velocity averages over.
pub const VELOCITY_WINDOW: usize = 3;

#[derive(Debug, Clone, PartialEq, Error)]
pub enum PlanningError {
    #[error("no sprint with id {0}")]
    UnknownSprint(String),
    #[error("no debt item with id {0}")]
    UnknownDebt(String),
    #[error("{id} is closed; only a planned or active sprint can be planned")]
    SprintClosed { id: String },
    #[error("{id} is {status}; only open or in-progress debt can go into a sprint")]
    DebtNotOpen { id: String, status: &'static str },
    #[error("{id} is already in {sprint} ({name}); remove it there first")]
    InOtherSprint {
        id: String,
        sprint: String,
        name: String,
    },
    #[error("{id} is not in {sprint}")]
    NotInSprint { id: String, sprint: String },
    #[error("sprint {}: {errors}", crate::text::quote(name))]
    Invalid { name: String, errors: String },
    #[error("{active} ({name}) is already active; close it before starting {id}")]
    AnotherActive {
        id: String,
        active: String,
        name: String,
    },
    #[error("{id} is {state}; only a planned sprint can be started")]
    NotPlanned { id: String, state: &'static str },
    #[error("{id} is {state}; only a planned or active sprint can be cancelled")]
    NotCancellable { id: String, state: &'static str },
    #[error("{id} is {state}; only an active sprint can be closed (start it first)")]
    NotActive { id: String, state: &'static str },
}

/// What an operation did: the change to apply, a line for the status bar or
/// the terminal, and the debt ids it chose (added, or marked done).
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub change: Change,
    pub message: String,
    pub chosen: Vec<String>,
}

/// A sprint's sums, for views and exports.
#[derive(Debug, Clone, PartialEq)]
pub struct SprintTotals {
    /// Points of the estimated items.
    pub effort: u32,
    /// Items with no effort yet: the load is `effort` plus an unknown.
    pub unestimated: usize,
    pub capacity: u32,
    pub score_sum: f64,
    /// Key results linked from the sprint's items, sorted, each once.
    pub key_results: Vec<String>,
}

impl SprintTotals {
    /// Points over capacity, 0 when it fits.
    pub fn over(&self) -> u32 {
        self.effort.saturating_sub(self.capacity)
    }
}

fn sprint<'a>(plan: &'a Plan, id: &str) -> Result<&'a Sprint, PlanningError> {
    plan.sprint(id)
        .ok_or_else(|| PlanningError::UnknownSprint(id.to_owned()))
}

fn open_sprint<'a>(plan: &'a Plan, id: &str) -> Result<&'a Sprint, PlanningError> {
    let s = sprint(plan, id)?;
    if s.state.is_open() {
        Ok(s)
    } else {
        Err(PlanningError::SprintClosed { id: s.id.clone() })
    }
}

fn put_sprint(label: String, s: Sprint) -> Change {
    Change::new(label).put(Item::Sprint(s))
}

/// A new planned sprint. Without a capacity it gets [`suggested_capacity`].
/// Returns the change and the new sprint's id.
pub fn new_sprint(
    plan: &Plan,
    name: &str,
    start: NaiveDate,
    end: NaiveDate,
    capacity: Option<u32>,
    goal: &str,
) -> Result<(Change, String), PlanningError> {
    let id = plan.new_id(Kind::Sprint);
    let capacity = capacity.unwrap_or_else(|| suggested_capacity(plan));
    let mut s = Sprint::new(id.clone(), name.trim().to_owned(), start, end, capacity);
    s.goal = goal.trim().to_owned();
    let errors = validate::sprint(&s, plan);
    if !errors.is_empty() {
        return Err(PlanningError::Invalid {
            name: name.trim().to_owned(),
            errors: errors
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; "),
        });
    }
    let label = format!(
        "new sprint {id} {}, {}",
        crate::text::quote(&s.name),
        pts(capacity)
    );
    Ok((put_sprint(label, s), id))
}

/// Checks that `id` can join `s`: it exists, is open and no other open
/// sprint holds it.
fn check_addable(plan: &Plan, s: &Sprint, id: &str) -> Result<(), PlanningError> {
    let d = plan
        .debt(id)
        .ok_or_else(|| PlanningError::UnknownDebt(id.to_owned()))?;
    if !d.status.is_open() {
        return Err(PlanningError::DebtNotOpen {
            id: id.to_owned(),
            status: d.status.label(),
        });
    }
    if let Some(other) = plan.open_sprint_of(id)
        && other.id != s.id
    {
        return Err(PlanningError::InOtherSprint {
            id: id.to_owned(),
            sprint: other.id.clone(),
            name: other.name.clone(),
        });
    }
    Ok(())
}

/// Adds debt items to an open sprint. Items already in it are left alone;
/// going over capacity is allowed and said.
pub fn add_items(
    plan: &Plan,
    sprint_id: &str,
    ids: &[String],
    today: NaiveDate,
) -> Result<Outcome, PlanningError> {
    let s = open_sprint(plan, sprint_id)?;
    let mut next = s.clone();
    let mut added = Vec::new();
    for id in ids {
        check_addable(plan, s, id)?;
        if !next.items.contains(id) {
            next.items.push(id.clone());
            added.push(id.clone());
        }
    }
    record_scope(plan, &mut next, &added, ScopeKind::Added, today);
    let effort = plan.effort_of(&next.items);
    let message = format!(
        "added {} to {}: {}/{}{}{}",
        items_word(added.len()),
        s.id,
        effort,
        pts(s.capacity),
        overflow_note(effort, s.capacity),
        unknown_note(plan, &next.items)
    );
    let change = if added.is_empty() {
        Change::new(message.clone())
    } else {
        put_sprint(message.clone(), next)
    };
    Ok(Outcome {
        change,
        message,
        chosen: added,
    })
}

/// Takes debt items out of an open sprint, back to the candidates. An id
/// the sprint names but no debt item has (dangling) can be taken out too.
pub fn remove_items(
    plan: &Plan,
    sprint_id: &str,
    ids: &[String],
    today: NaiveDate,
) -> Result<Outcome, PlanningError> {
    let s = open_sprint(plan, sprint_id)?;
    if let Some(id) = ids.iter().find(|id| !s.items.contains(id)) {
        return Err(if plan.debt(id).is_none() {
            PlanningError::UnknownDebt(id.clone())
        } else {
            PlanningError::NotInSprint {
                id: id.clone(),
                sprint: s.id.clone(),
            }
        });
    }
    let mut next = s.clone();
    next.items.retain(|i| !ids.contains(i));
    let removed: Vec<String> = s
        .items
        .iter()
        .filter(|i| ids.contains(i))
        .cloned()
        .collect();
    record_scope(plan, &mut next, &removed, ScopeKind::Removed, today);
    let message = format!(
        "removed {} from {}: {}/{}",
        items_word(removed.len()),
        s.id,
        plan.effort_of(&next.items),
        pts(s.capacity)
    );
    Ok(Outcome {
        change: put_sprint(message.clone(), next),
        message,
        chosen: removed,
    })
}

/// Fills the sprint's remaining capacity from the candidates with the
/// highest total score that fits (exact 0/1 knapsack; ties go to the
/// higher-ranked items). What is already committed stays. When nothing fits,
/// the change is empty and the message says why.
pub fn auto_plan(plan: &Plan, sprint_id: &str, today: NaiveDate) -> Result<Outcome, PlanningError> {
    let s = open_sprint(plan, sprint_id)?;
    let used = plan.effort_of(&s.items);
    let remaining = s.capacity.saturating_sub(used);
    // An item to triage has no effort and no score: never picked for the
    // person (they can add it by hand; its load then counts as unknown).
    let (fitting, weights): (Vec<Ranked>, Vec<(u32, f64)>) = candidates(plan, today)
        .into_iter()
        .filter_map(|r| {
            let (effort, score) = (r.breakdown.effort?, r.breakdown.score()?);
            (effort <= remaining).then_some((r, (effort, score)))
        })
        .unzip();
    let (picked, how) = match knapsack::best(&weights, remaining) {
        Some(p) => (p, "best total within capacity"),
        None => (
            greedy(&weights, remaining),
            "in rank order (too large to plan exactly)",
        ),
    };
    let chosen: Vec<String> = picked
        .iter()
        .map(|&i| plan.debts[fitting[i].index].id.clone())
        .collect();
    let score: f64 = picked.iter().map(|&i| weights[i].1).sum();
    let effort = used + picked.iter().map(|&i| weights[i].0).sum::<u32>();
    if chosen.is_empty() {
        let why = if remaining == 0 {
            format!("{} is full ({}/{})", s.id, used, pts(s.capacity))
        } else if candidates(plan, today).is_empty() {
            "no open debt outside an open sprint".to_owned()
        } else if candidates(plan, today)
            .iter()
            .all(|r| r.breakdown.is_triage())
        {
            NOT_ESTIMATED.to_owned()
        } else {
            format!("no candidate fits the {} left", pts(remaining))
        };
        return Ok(Outcome {
            change: Change::new(format!("auto-plan {}", s.id)),
            message: format!("planned nothing: {why}"),
            chosen,
        });
    }
    let mut next = s.clone();
    next.items.extend(chosen.iter().cloned());
    record_scope(plan, &mut next, &chosen, ScopeKind::Added, today);
    let message = format!(
        "planned {}, {}/{}, total score {:.1} — {how}",
        items_word(chosen.len()),
        effort,
        pts(s.capacity),
        score
    );
    Ok(Outcome {
        change: put_sprint(format!("auto-plan {}: {message}", s.id), next),
        message,
        chosen,
    })
}

/// Notes items joining or leaving a sprint that has started, with the day
/// and their points then, so its burn-up shows scope that moved after the
/// commitment. A planned sprint's items are the plan, not a change.
fn record_scope(
    plan: &Plan,
    next: &mut Sprint,
    ids: &[String],
    change: ScopeKind,
    today: NaiveDate,
) {
    if next.state != SprintState::Active {
        return;
    }
    for id in ids {
        let points = plan.debt(id).and_then(|d| d.effort).unwrap_or(0);
        next.scope.push(ScopeChange {
            date: today,
            item: id.clone(),
            change,
            points,
        });
    }
}

/// Rank order, taking what still fits: the fallback for huge capacities.
fn greedy(items: &[(u32, f64)], capacity: u32) -> Vec<usize> {
    let mut left = capacity;
    let mut out = Vec::new();
    for (i, &(e, _)) in items.iter().enumerate() {
        if e <= left {
            left -= e;
            out.push(i);
        }
    }
    out
}

/// Adds the `n` highest-ranked candidates, whether or not they fit; the
/// message says when they overflow the capacity.
pub fn top_n(
    plan: &Plan,
    sprint_id: &str,
    n: usize,
    today: NaiveDate,
) -> Result<Outcome, PlanningError> {
    let s = open_sprint(plan, sprint_id)?;
    let chosen: Vec<String> = candidates(plan, today)
        .iter()
        .filter(|r| !r.breakdown.is_triage())
        .take(n)
        .map(|r| plan.debts[r.index].id.clone())
        .collect();
    if chosen.is_empty() {
        let why = if candidates(plan, today).is_empty() {
            "no open debt outside an open sprint"
        } else {
            NOT_ESTIMATED
        };
        return Ok(Outcome {
            change: Change::new(format!("top {n} into {}", s.id)),
            message: format!("added nothing: {why}"),
            chosen,
        });
    }
    let mut next = s.clone();
    next.items.extend(chosen.iter().cloned());
    record_scope(plan, &mut next, &chosen, ScopeKind::Added, today);
    let effort = plan.effort_of(&next.items);
    let message = format!(
        "added the top {}: {}/{}{}{}",
        items_word(chosen.len()),
        effort,
        pts(s.capacity),
        overflow_note(effort, s.capacity),
        unknown_note(plan, &next.items)
    );
    Ok(Outcome {
        change: put_sprint(format!("top {n} into {}: {message}", s.id), next),
        message,
        chosen,
    })
}

/// Effort, capacity, summed score and linked key results of a sprint.
pub fn totals(
    plan: &Plan,
    sprint_id: &str,
    today: NaiveDate,
) -> Result<SprintTotals, PlanningError> {
    let s = sprint(plan, sprint_id)?;
    let ranked = committed(plan, sprint_id, today);
    let mut key_results: Vec<String> = ranked
        .iter()
        .flat_map(|r| plan.debts[r.index].key_results.iter().cloned())
        .collect();
    key_results.sort();
    key_results.dedup();
    Ok(SprintTotals {
        effort: plan.effort_of(&s.items),
        unestimated: plan.unestimated_of(&s.items),
        capacity: s.capacity,
        score_sum: ranked.iter().filter_map(|r| r.breakdown.score()).sum(),
        key_results,
    })
}
