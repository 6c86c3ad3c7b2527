//! The life of a hypothesis (proposed → running → validated / abandoned, and
//! an explicit reopen that keeps the old decision) and key-result check-ins.
//! Pure over the plan: each operation returns the [`Change`] to apply and a
//! line for the status bar or terminal.

use chrono::{Days, NaiveDate};
use thiserror::Error;

use crate::model::{Change, Decision, Hypothesis, HypothesisStatus, Item, KeyResult, Plan};

/// Review-by date when none is given: two weeks after the start, long enough
/// for a signal, short enough that nothing runs forever unseen.
pub const DEFAULT_REVIEW_DAYS: u64 = 14;

#[derive(Debug, Clone, PartialEq, Error)]
pub enum LifecycleError {
    #[error("no hypothesis with id {0}")]
    UnknownHypothesis(String),
    #[error("no key result with id {0}")]
    UnknownKeyResult(String),
    #[error("{id} is {status}; only {allowed} hypotheses can be {action}")]
    WrongState {
        id: String,
        status: &'static str,
        action: &'static str,
        allowed: &'static str,
    },
    #[error("{id}: evidence is required to {action} (what did you observe?)")]
    EmptyEvidence { id: String, action: &'static str },
    #[error("{id}: review-by {review_by} must be after today ({today})")]
    ReviewNotAfterToday {
        id: String,
        review_by: NaiveDate,
        today: NaiveDate,
    },
    #[error("{id}: a check-in must be a finite number, got {value}")]
    NotFinite { id: String, value: f64 },
    #[error(
        "{id}: a check-in dated {date} is after today ({today}); a measurement is recorded on or before the day it is taken"
    )]
    FutureCheckin {
        id: String,
        date: NaiveDate,
        today: NaiveDate,
    },
    #[error("{id} has no check-in on {date}{}", nearest_hint(.dates))]
    NoCheckin {
        id: String,
        date: NaiveDate,
        dates: Vec<NaiveDate>,
    },
    #[error("{0} has no check-ins to remove")]
    NoCheckins(String),
}

/// The most recent check-in dates, for a message about a date that has none.
fn nearest_hint(dates: &[NaiveDate]) -> String {
    let shown: Vec<String> = dates.iter().rev().take(3).map(|d| d.to_string()).collect();
    if shown.is_empty() {
        String::new()
    } else {
        format!(" (latest: {})", shown.join(", "))
    }
}

fn hypothesis<'a>(plan: &'a Plan, id: &str) -> Result<&'a Hypothesis, LifecycleError> {
    plan.hypothesis(id)
        .ok_or_else(|| LifecycleError::UnknownHypothesis(id.to_owned()))
}

fn key_result<'a>(plan: &'a Plan, id: &str) -> Result<&'a KeyResult, LifecycleError> {
    plan.key_result(id)
        .ok_or_else(|| LifecycleError::UnknownKeyResult(id.to_owned()))
}

fn default_review(today: NaiveDate) -> NaiveDate {
    today
        .checked_add_days(Days::new(DEFAULT_REVIEW_DAYS))
        .unwrap_or(NaiveDate::MAX)
}

fn put(message: &str, h: Hypothesis) -> (Change, String) {
    (
        Change::new(message).put(Item::Hypothesis(h)),
        message.to_owned(),
    )
}

/// Proposed → running: records the start and the review-by date (default
/// today + [`DEFAULT_REVIEW_DAYS`], and it must be after today).
pub fn start_hypothesis(
    plan: &Plan,
    id: &str,
    review_by: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<(Change, String), LifecycleError> {
    let h = hypothesis(plan, id)?;
    if h.status != HypothesisStatus::Proposed {
        return Err(LifecycleError::WrongState {
            id: h.id.clone(),
            status: h.status.label(),
            action: "started",
            allowed: "proposed",
        });
    }
    let review_by = review_by.unwrap_or_else(|| default_review(today));
    if review_by <= today {
        return Err(LifecycleError::ReviewNotAfterToday {
            id: h.id.clone(),
            review_by,
            today,
        });
    }
    let mut next = h.clone();
    next.status = HypothesisStatus::Running;
    next.started = Some(today);
    next.review_by = Some(review_by);
    let message = format!("started {} ({}): review by {review_by}", h.id, h.title);
    Ok(put(&message, next))
}

fn decide(
    plan: &Plan,
    id: &str,
    evidence: &str,
    today: NaiveDate,
    to: HypothesisStatus,
    action: &'static str,
) -> Result<(Change, String), LifecycleError> {
    let h = hypothesis(plan, id)?;
    if h.status.is_decided() {
        return Err(LifecycleError::WrongState {
            id: h.id.clone(),
            status: h.status.label(),
            action: if to == HypothesisStatus::Validated {
                "validated"
            } else {
                "abandoned"
            },
            allowed: "proposed or running",
        });
    }
    let evidence = evidence.trim();
    if evidence.is_empty() {
        return Err(LifecycleError::EmptyEvidence {
            id: h.id.clone(),
            action,
        });
    }
    let mut next = h.clone();
    next.status = to;
    next.decided = Some(today);
    next.evidence = evidence.to_owned();
    let message = format!("{} {} ({}) on {today}", to.label(), h.id, h.title);
    Ok(put(&message, next))
}

/// Running or proposed → validated, with the evidence (required).
pub fn validate(
    plan: &Plan,
    id: &str,
    evidence: &str,
    today: NaiveDate,
) -> Result<(Change, String), LifecycleError> {
    decide(
        plan,
        id,
        evidence,
        today,
        HypothesisStatus::Validated,
        "validate",
    )
}

/// Running or proposed → abandoned, with the evidence (required).
pub fn abandon(
    plan: &Plan,
    id: &str,
    evidence: &str,
    today: NaiveDate,
) -> Result<(Change, String), LifecycleError> {
    decide(
        plan,
        id,
        evidence,
        today,
        HypothesisStatus::Abandoned,
        "abandon",
    )
}

/// Decided → running again. The old decision moves into `history` so
/// nothing learned is lost; a review-by date that has passed is pushed to
/// today + [`DEFAULT_REVIEW_DAYS`] so the reopened experiment is not stale
/// the moment it reopens.
pub fn reopen(plan: &Plan, id: &str, today: NaiveDate) -> Result<(Change, String), LifecycleError> {
    let h = hypothesis(plan, id)?;
    if !h.status.is_decided() {
        return Err(LifecycleError::WrongState {
            id: h.id.clone(),
            status: h.status.label(),
            action: "reopened",
            allowed: "validated or abandoned",
        });
    }
    let mut next = h.clone();
    next.history.push(Decision {
        status: h.status,
        date: h.decided.unwrap_or(today),
        evidence: h.evidence.clone(),
        reopened: today,
    });
    next.status = HypothesisStatus::Running;
    next.decided = None;
    next.evidence.clear();
    next.started = Some(h.started.unwrap_or(today));
    if next.review_by.is_none_or(|d| d <= today) {
        next.review_by = Some(default_review(today));
    }
    let message = format!(
        "reopened {} ({}): was {}, kept in its history; review by {}",
        h.id,
        h.title,
        h.status.label(),
        next.review_by.unwrap_or(today)
    );
    Ok(put(&message, next))
}

/// A key result's value on `since` and its value as of `today`.
pub fn kr_movement(
    plan: &Plan,
    kr_id: &str,
    since: NaiveDate,
    today: NaiveDate,
) -> Option<(f64, f64)> {
    let kr = plan.key_result(kr_id)?;
    Some((kr.value_at(since), kr.current_at(today)))
}

/// How one linked key result moved.
#[derive(Debug, Clone, PartialEq)]
pub struct Movement {
    pub key_result: String,
    pub before: f64,
    pub after: f64,
}

/// The hypothesis's linked key results and how each moved from its start
/// (or creation) to its decision (or to `today`, while undecided). Links to
/// key results that do not exist are left out.
pub fn movements(plan: &Plan, h: &Hypothesis, today: NaiveDate) -> Vec<Movement> {
    let from = h.started.unwrap_or(h.created);
    h.key_results
        .iter()
        .filter_map(|id| {
            let kr = plan.key_result(id)?;
            let after = h.decided.map_or(kr.current_at(today), |d| kr.value_at(d));
            Some(Movement {
                key_result: kr.id.clone(),
                before: kr.value_at(from),
                after,
            })
        })
        .collect()
}

mod checkin;

pub use checkin::{checkin, remove_checkin};

#[cfg(test)]
mod tests;
