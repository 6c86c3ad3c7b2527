//! Running a sprint: start records the commitment, close marks what was
//! done and carries the rest on.

use chrono::NaiveDate;

use super::{Outcome, PlanningError, items_word, overflow_note, pts, put_sprint, sprint};
use crate::model::{Change, Commitment, DebtStatus, Item, Plan, ScopeKind, Sprint, SprintState};

/// Where an unfinished item went when its sprint closed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Carried {
    /// Into the next planned sprint (its id).
    Sprint(String),
    /// Back to the backlog, still open.
    Backlog,
}

/// What a close did, for the close screen and the CLI.
#[derive(Debug, Clone, PartialEq)]
pub struct CloseReport {
    pub done: Vec<String>,
    pub completed_points: u32,
    /// Points committed at the start, if the sprint was started here.
    pub planned_points: Option<u32>,
    pub carried: Vec<(String, Carried)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CloseOutcome {
    pub change: Change,
    pub message: String,
    pub report: CloseReport,
}

/// Planned → active, recording the commitment (items and points) so the
/// close can show planned against done. Only one sprint is active at a time.
pub fn start(plan: &Plan, sprint_id: &str, today: NaiveDate) -> Result<Outcome, PlanningError> {
    let s = sprint(plan, sprint_id)?;
    if s.state != SprintState::Planned {
        return Err(PlanningError::NotPlanned {
            id: s.id.clone(),
            state: s.state.label(),
        });
    }
    if let Some(active) = plan.active_sprint() {
        return Err(PlanningError::AnotherActive {
            id: s.id.clone(),
            active: active.id.clone(),
            name: active.name.clone(),
        });
    }
    let points = plan.effort_of(&s.items);
    let mut next = s.clone();
    next.state = SprintState::Active;
    next.commitment = Some(Commitment {
        date: today,
        items: s.items.clone(),
        points,
    });
    let message = format!(
        "started {} ({}): {} committed, {}/{}{}",
        s.id,
        s.name,
        items_word(s.items.len()),
        points,
        pts(s.capacity),
        overflow_note(points, s.capacity)
    );
    Ok(Outcome {
        change: put_sprint(message.clone(), next),
        message,
        chosen: s.items.clone(),
    })
}

/// The planned sprint that follows `s`: the earliest start on or after its
/// start (ties by id).
pub fn next_planned<'a>(plan: &'a Plan, s: &Sprint) -> Option<&'a Sprint> {
    plan.sprints
        .iter()
        .filter(|n| n.id != s.id && n.state == SprintState::Planned && n.start >= s.start)
        .min_by(|a, b| a.start.cmp(&b.start).then_with(|| a.id.cmp(&b.id)))
}

/// Closes an active sprint: the items in `done` are marked done on `today`,
/// the completed points recorded, and every other still-open item goes to
/// the next planned sprint, or back to the backlog if there is none. Items
/// already marked done elsewhere count as done; won't-fix items just leave.
pub fn close(
    plan: &Plan,
    sprint_id: &str,
    done: &[String],
    today: NaiveDate,
) -> Result<CloseOutcome, PlanningError> {
    let s = sprint(plan, sprint_id)?;
    if s.state != SprintState::Active {
        return Err(PlanningError::NotActive {
            id: s.id.clone(),
            state: s.state.label(),
        });
    }
    if let Some(stray) = done.iter().find(|id| !s.items.contains(id)) {
        return Err(PlanningError::NotInSprint {
            id: stray.clone(),
            sprint: s.id.clone(),
        });
    }
    let mut change = Change::new(format!("close {}", s.id));
    let mut finished = Vec::new();
    let mut unfinished = Vec::new();
    for id in &s.items {
        let Some(d) = plan.debt(id) else { continue };
        if done.contains(id) {
            let mut d = d.clone();
            d.set_status(DebtStatus::Done, today);
            change = change.put(Item::Debt(d));
            finished.push(id.clone());
        } else if d.status == DebtStatus::Done {
            finished.push(id.clone());
        } else if d.status.is_open() {
            unfinished.push(id.clone());
        }
    }
    let next = next_planned(plan, s);
    let dest = next.map_or(Carried::Backlog, |n| Carried::Sprint(n.id.clone()));
    let mut next_note = String::new();
    if let Some(n) = next
        && !unfinished.is_empty()
    {
        let mut n = n.clone();
        for id in &unfinished {
            if !n.items.contains(id) {
                n.items.push(id.clone());
            }
        }
        next_note = overflow_note(plan.effort_of(&n.items), n.capacity)
            .replace(" — over", &format!(" — {} now over", n.id));
        change = change.put(Item::Sprint(n));
    }
    let completed_points = plan.effort_of(&finished);
    let mut closed = s.clone();
    closed.items = finished.clone();
    closed.completed = finished.clone();
    closed.completed_points = Some(completed_points);
    closed.closed = Some(today);
    closed.state = SprintState::Closed;
    closed.carried = unfinished.clone();
    closed.carried_to = next
        .filter(|_| !unfinished.is_empty())
        .map(|n| n.id.clone());
    change = change.put(Item::Sprint(closed));

    let planned_points = s.commitment.as_ref().map(|c| c.points);
    let mut message = format!(
        "closed {} ({}): {} done, {}",
        s.id,
        s.name,
        items_word(finished.len()),
        pts(completed_points)
    );
    if let Some(p) = planned_points {
        message.push_str(&format!(" of {p} planned"));
    }
    if !unfinished.is_empty() {
        let to = match (&dest, next) {
            (Carried::Sprint(_), Some(n)) => format!("carried to {} ({})", n.id, n.name),
            _ => "back to the backlog".to_owned(),
        };
        message.push_str(&format!(
            "; {} {to}: {}{next_note}",
            unfinished.len(),
            unfinished.join(", ")
        ));
    }
    change.label = message.clone();
    Ok(CloseOutcome {
        change,
        message,
        report: CloseReport {
            done: finished,
            completed_points,
            planned_points,
            carried: unfinished
                .into_iter()
                .map(|id| (id, dest.clone()))
                .collect(),
        },
    })
}

/// Calls a planned or active sprint off: its items go back to the backlog
/// (recorded as carried there), and as a cancelled sprint it never counts
/// for velocity. One change, so one undo brings it all back.
pub fn cancel(plan: &Plan, sprint_id: &str, today: NaiveDate) -> Result<Outcome, PlanningError> {
    let s = sprint(plan, sprint_id)?;
    if !s.state.is_open() {
        return Err(PlanningError::NotCancellable {
            id: s.id.clone(),
            state: s.state.label(),
        });
    }
    let mut next = s.clone();
    next.state = SprintState::Cancelled;
    next.closed = Some(today);
    next.carried = std::mem::take(&mut next.items);
    next.carried_to = None;
    let mut message = format!("cancelled {} ({})", s.id, s.name);
    if s.items.is_empty() {
        message.push_str("; it held nothing");
    } else {
        message.push_str(&format!(
            "; {} back to the backlog: {}",
            items_word(s.items.len()),
            s.items.join(", ")
        ));
    }
    Ok(Outcome {
        change: put_sprint(message.clone(), next),
        message,
        chosen: s.items.clone(),
    })
}

/// Where an item committed to a finished sprint, and not done in it, went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WentTo {
    /// Carried into this sprint (its id).
    Sprint(String),
    /// Back to the backlog, still open.
    Backlog,
    /// Dropped: marked won't fix.
    WontFix,
    /// Finished later, outside any sprint.
    DoneLater,
    /// Finished in another sprint (its id) after this one sent it back.
    DoneIn(String),
    /// Taken out of the sprint by hand on this day, before the close: not
    /// work the sprint failed to do.
    TakenOut(NaiveDate),
}

impl WentTo {
    /// Taken out during the sprint rather than left undone at its close.
    pub fn is_taken_out(&self) -> bool {
        matches!(self, WentTo::TakenOut(_))
    }
}

impl std::fmt::Display for WentTo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WentTo::Sprint(id) => write!(f, "carried to {id}"),
            WentTo::Backlog => f.write_str("back to the backlog"),
            WentTo::WontFix => f.write_str("won't fix"),
            WentTo::DoneLater => f.write_str("done later"),
            WentTo::DoneIn(id) => write!(f, "done in {id}"),
            WentTo::TakenOut(on) => write!(f, "taken out on {on}"),
        }
    }
}

/// A closed or cancelled sprint's items that were committed (at its start,
/// or still in it at its close) and not done, each with where it went:
/// the sprint it was carried into at the close, else where the item is now
/// (sent back to the backlog and since finished is "done later"; also for
/// sprints closed before that record existed, or items taken out mid-way).
/// Empty for a sprint still open.
pub fn not_done(plan: &Plan, s: &Sprint) -> Vec<(String, WentTo)> {
    if s.state.is_open() {
        return Vec::new();
    }
    let committed = s.commitment.as_ref().map_or(&[][..], |c| &c.items[..]);
    let mut ids: Vec<&String> = Vec::new();
    for id in committed.iter().chain(&s.carried) {
        if !s.completed.contains(id) && !ids.contains(&id) {
            ids.push(id);
        }
    }
    ids.into_iter()
        .map(|id| {
            // Carried into a sprint: that is where it went. Sent back to the
            // backlog (or no record): what became of it since, so an item
            // finished after the close says "done later".
            let went = match (&s.carried_to, s.carried.contains(id), taken_out(s, id)) {
                (Some(to), true, _) => WentTo::Sprint(to.clone()),
                (.., Some(on)) => WentTo::TakenOut(on),
                _ => match plan.debt(id).map(|d| d.status) {
                    Some(DebtStatus::WontFix) => WentTo::WontFix,
                    Some(DebtStatus::Done) => done_in(plan, s, id)
                        .map_or(WentTo::DoneLater, |o| WentTo::DoneIn(o.to_owned())),
                    _ => plan
                        .open_sprint_of(id)
                        .map_or(WentTo::Backlog, |o| WentTo::Sprint(o.id.clone())),
                },
            };
            (id.clone(), went)
        })
        .collect()
}

/// The day `id` was taken out of `s` by hand, when that is the last scope
/// change it saw there (taken out and put back is not taken out).
fn taken_out(s: &Sprint, id: &str) -> Option<NaiveDate> {
    s.scope
        .iter()
        .rev()
        .find(|c| c.item == id)
        .filter(|c| c.change == ScopeKind::Removed && !s.items.iter().any(|i| i == id))
        .map(|c| c.date)
}

/// Another sprint that finished `id`: closed with it done, or open with it
/// done in it.
fn done_in<'a>(plan: &'a Plan, s: &Sprint, id: &str) -> Option<&'a str> {
    plan.sprints
        .iter()
        .filter(|o| o.id != s.id)
        .find(|o| {
            o.completed.iter().any(|i| i == id)
                || (o.state.is_open() && o.items.iter().any(|i| i == id))
        })
        .map(|o| o.id.as_str())
}
