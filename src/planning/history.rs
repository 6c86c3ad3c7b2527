//! A sprint's history as series to chart or sample: the burn-up of one
//! sprint (scope as it moved, points done per day, the ideal line) and the
//! committed and completed points of the closed sprints. Views, exports and
//! forecasts draw from here so they all tell the same story.

use chrono::NaiveDate;

use super::velocity::held_work;
use crate::model::{DebtStatus, Plan, ScopeKind, Sprint, SprintState};

/// One day of a burn-up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BurnupDay {
    pub date: NaiveDate,
    /// Points in the sprint at the end of the day: the commitment plus what
    /// was added after the start, less what was taken out.
    pub scope: u32,
    /// Points of the sprint's items done by the end of the day.
    pub done: u32,
}

/// A started sprint's burn-up, from its start to today (or its end, or its
/// close).
#[derive(Debug, Clone, PartialEq)]
pub struct Burnup {
    pub sprint: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// Points committed at the start: the ideal line runs from 0 on the
    /// start day to this on the end day.
    pub committed: u32,
    /// One entry per day from the start to the last day shown, in order.
    pub days: Vec<BurnupDay>,
    /// The days the scope moved after the start, with the points it moved
    /// by (negative when items left).
    pub changes: Vec<(NaiveDate, i64)>,
}

impl Burnup {
    /// Points of the ideal line on `date`: linear from 0 at the start to the
    /// commitment at the end.
    pub fn ideal(&self, date: NaiveDate) -> f64 {
        let span = (self.end - self.start).num_days().max(1) as f64;
        let at = (date - self.start)
            .num_days()
            .clamp(0, (self.end - self.start).num_days()) as f64;
        f64::from(self.committed) * at / span
    }

    /// Days from the start to `d`: the x of a chart.
    pub fn x(&self, d: NaiveDate) -> f64 {
        (d - self.start).num_days() as f64
    }

    /// The chart's x axis length in days: at least 1, so a one-day sprint
    /// (start = end) has a width to draw in.
    pub fn span(&self) -> f64 {
        self.x(self.end).max(1.0)
    }

    /// The ideal line as chart points: 0 at the start to the commitment at
    /// the end of the axis (across the one day of a one-day sprint).
    pub fn ideal_line(&self) -> [(f64, f64); 2] {
        [(0.0, 0.0), (self.span(), f64::from(self.committed))]
    }

    /// The scope as chart points, a vertical step on each day it moved, as
    /// the TUI and the report both draw it.
    pub fn scope_line(&self) -> Vec<(f64, f64)> {
        self.step_line(|d| d.scope)
    }

    /// Points done as chart points, a step on each day something was done.
    pub fn done_line(&self) -> Vec<(f64, f64)> {
        self.step_line(|d| d.done)
    }

    fn step_line(&self, value: impl Fn(&BurnupDay) -> u32) -> Vec<(f64, f64)> {
        let mut out: Vec<(f64, f64)> = Vec::new();
        for d in &self.days {
            let (x, v) = (self.x(d.date), f64::from(value(d)));
            if let Some(&(_, prev)) = out.last()
                && prev != v
            {
                out.push((x, prev));
            }
            out.push((x, v));
        }
        // A one-day sprint's only day runs across the axis, not a dot.
        if self.start == self.end
            && let Some(&(_, v)) = out.last()
        {
            out.push((self.span(), v));
        }
        out
    }

    /// The last day's scope and done points, or the commitment and 0 when
    /// the sprint has no day to show.
    pub fn latest(&self) -> (u32, u32) {
        self.days
            .last()
            .map_or((self.committed, 0), |d| (d.scope, d.done))
    }
}

/// The day a debt item was done, from its status changes: the last move to
/// done. `None` when it is not done or the change was never recorded.
pub fn done_on(plan: &Plan, id: &str) -> Option<NaiveDate> {
    let d = plan.debt(id)?;
    if d.status != DebtStatus::Done {
        return None;
    }
    d.changes
        .iter()
        .rev()
        .find(|c| c.status == DebtStatus::Done)
        .map(|c| c.date)
}

/// The burn-up of a started sprint (active or closed), `None` for a planned
/// or cancelled one or an unknown id. Items done without a recorded day
/// count on the close day, or today while the sprint runs.
pub fn burnup(plan: &Plan, sprint_id: &str, today: NaiveDate) -> Option<Burnup> {
    let s = plan.sprint(sprint_id)?;
    let commitment = s.commitment.as_ref()?;
    if !matches!(s.state, SprintState::Active | SprintState::Closed) {
        return None;
    }
    let start = commitment.date.min(s.end);
    let last = match s.state {
        SprintState::Closed => s.closed.unwrap_or(s.end),
        _ => today,
    }
    .clamp(start, s.end.max(start));
    let done = done_points(plan, s, start, last);
    let mut changes: Vec<(NaiveDate, i64)> = Vec::new();
    for c in &s.scope {
        let delta = match c.change {
            ScopeKind::Added => i64::from(c.points),
            ScopeKind::Removed => -i64::from(c.points),
        };
        match changes.last_mut() {
            Some((d, sum)) if *d == c.date => *sum += delta,
            _ => changes.push((c.date, delta)),
        }
    }
    changes.sort_by_key(|(d, _)| *d);
    let mut days = Vec::new();
    let mut date = start;
    while date <= last {
        let moved: i64 = changes
            .iter()
            .filter(|(d, _)| *d <= date)
            .map(|(_, p)| p)
            .sum();
        let scope = (i64::from(commitment.points) + moved).clamp(0, i64::from(u32::MAX)) as u32;
        let done_by = done
            .iter()
            .filter(|(d, _)| *d <= date)
            .fold(0u32, |acc, (_, p)| acc.saturating_add(*p));
        days.push(BurnupDay {
            date,
            scope,
            done: done_by,
        });
        let Some(next) = date.succ_opt() else { break };
        date = next;
    }
    Some(Burnup {
        sprint: s.id.clone(),
        start,
        end: s.end,
        committed: commitment.points,
        days,
        changes,
    })
}

/// Each done item of the sprint with the day it counts on and its points.
fn done_points(
    plan: &Plan,
    s: &Sprint,
    start: NaiveDate,
    last: NaiveDate,
) -> Vec<(NaiveDate, u32)> {
    let mut ids: Vec<&String> = s.items.iter().chain(&s.completed).collect();
    ids.sort();
    ids.dedup();
    ids.into_iter()
        .filter_map(|id| {
            let d = plan.debt(id)?;
            let finished = d.status == DebtStatus::Done || s.completed.contains(id);
            if !finished {
                return None;
            }
            let day = done_on(plan, id).unwrap_or(last).clamp(start, last);
            Some((day, d.effort.unwrap_or(0)))
        })
        .collect()
}

/// A closed sprint's points: committed at the start and completed by the
/// close.
#[derive(Debug, Clone, PartialEq)]
pub struct SprintRecord {
    pub id: String,
    pub name: String,
    pub end: NaiveDate,
    pub committed: u32,
    pub completed: u32,
}

/// The closed sprints that held work, oldest first (by end date): the
/// history a velocity chart shows and a forecast samples. Cancelled sprints
/// never count.
pub fn closed_history(plan: &Plan) -> Vec<SprintRecord> {
    let mut closed: Vec<&Sprint> = plan
        .sprints
        .iter()
        .filter(|s| s.state == SprintState::Closed && held_work(s))
        .collect();
    closed.sort_by(|a, b| a.end.cmp(&b.end).then_with(|| a.id.cmp(&b.id)));
    closed
        .into_iter()
        .map(|s| SprintRecord {
            id: s.id.clone(),
            name: s.name.clone(),
            end: s.end,
            committed: s.commitment.as_ref().map_or(0, |c| c.points),
            // A hand-written closed sprint may lack the recorded points.
            completed: s
                .completed_points
                .unwrap_or_else(|| plan.effort_of(&s.completed)),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Commitment, Debt, ScopeChange};

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn plan() -> Plan {
        let mut plan = Plan::default();
        for (i, effort) in [3, 5, 2, 8].into_iter().enumerate() {
            let mut d = Debt::new(
                format!("D-{}", i + 1),
                format!("debt {i}"),
                day("2026-01-01"),
            );
            d.effort = Some(effort);
            plan.debts.push(d);
        }
        let mut s = Sprint::new(
            "S-1".into(),
            "One".into(),
            day("2026-03-02"),
            day("2026-03-06"),
            20,
        );
        s.items = vec!["D-1".into(), "D-2".into(), "D-3".into()];
        s.state = SprintState::Active;
        s.commitment = Some(Commitment {
            date: day("2026-03-02"),
            items: vec!["D-1".into(), "D-2".into()],
            points: 8,
        });
        s.scope.push(ScopeChange {
            date: day("2026-03-03"),
            item: "D-3".into(),
            change: ScopeKind::Added,
            points: 2,
        });
        plan.sprints.push(s);
        plan
    }

    #[test]
    fn the_burnup_follows_scope_changes_and_done_days() {
        let mut plan = plan();
        plan.debts[0].set_status(DebtStatus::Done, day("2026-03-03"));
        plan.debts[2].set_status(DebtStatus::Done, day("2026-03-04"));
        let b = burnup(&plan, "S-1", day("2026-03-04")).unwrap();
        let got: Vec<(u32, u32)> = b.days.iter().map(|d| (d.scope, d.done)).collect();
        assert_eq!(got, vec![(8, 0), (10, 3), (10, 5)]);
        assert_eq!(b.changes, vec![(day("2026-03-03"), 2)]);
        assert_eq!(b.ideal(day("2026-03-02")), 0.0);
        assert_eq!(b.ideal(day("2026-03-06")), 8.0);
        assert_eq!(b.ideal(day("2026-03-04")), 4.0);
        // Steps: the scope moves up on 03-03 from the day before's value.
        assert_eq!(
            b.scope_line(),
            vec![(0.0, 8.0), (1.0, 8.0), (1.0, 10.0), (2.0, 10.0)]
        );
    }

    #[test]
    fn a_step_line_moves_up_on_the_day() {
        let start = day("2026-03-02");
        let b = Burnup {
            sprint: "S-1".into(),
            start,
            end: day("2026-03-06"),
            committed: 8,
            days: [8, 10, 10, 7]
                .into_iter()
                .enumerate()
                .map(|(i, scope)| BurnupDay {
                    date: start + chrono::Duration::days(i as i64),
                    scope,
                    done: 0,
                })
                .collect(),
            changes: vec![],
        };
        assert_eq!(
            b.scope_line(),
            vec![
                (0.0, 8.0),
                (1.0, 8.0),
                (1.0, 10.0),
                (2.0, 10.0),
                (3.0, 10.0),
                (3.0, 7.0)
            ]
        );
    }

    #[test]
    fn a_one_day_sprint_draws_across_its_day_with_a_sloped_ideal() {
        let mut plan = plan();
        plan.sprints[0].end = day("2026-03-02");
        plan.sprints[0].scope.clear();
        let b = burnup(&plan, "S-1", day("2026-03-02")).unwrap();
        assert_eq!(b.ideal_line(), [(0.0, 0.0), (1.0, 8.0)]);
        assert_eq!(b.scope_line(), vec![(0.0, 8.0), (1.0, 8.0)]);
    }

    #[test]
    fn a_removed_item_lowers_the_scope_and_today_past_the_end_stops_at_the_end() {
        let mut plan = plan();
        plan.sprints[0].scope.push(ScopeChange {
            date: day("2026-03-05"),
            item: "D-2".into(),
            change: ScopeKind::Removed,
            points: 5,
        });
        let b = burnup(&plan, "S-1", day("2026-12-31")).unwrap();
        assert_eq!(b.days.len(), 5);
        assert_eq!(b.latest(), (5, 0));
    }

    #[test]
    fn a_planned_sprint_has_no_burnup_and_an_old_plan_draws_a_flat_scope() {
        let mut plan = plan();
        plan.sprints[0].scope.clear();
        let b = burnup(&plan, "S-1", day("2026-03-03")).unwrap();
        assert!(b.days.iter().all(|d| d.scope == 8));
        plan.sprints[0].state = SprintState::Planned;
        assert!(burnup(&plan, "S-1", day("2026-03-03")).is_none());
        assert!(burnup(&plan, "S-9", day("2026-03-03")).is_none());
    }

    #[test]
    fn the_history_lists_closed_sprints_oldest_first() {
        let mut plan = plan();
        let mut old = Sprint::new(
            "S-0".into(),
            "Zero".into(),
            day("2026-02-02"),
            day("2026-02-13"),
            10,
        );
        old.state = SprintState::Closed;
        old.commitment = Some(Commitment {
            date: day("2026-02-02"),
            items: vec!["D-4".into()],
            points: 8,
        });
        old.completed_points = Some(6);
        plan.sprints.push(old);
        let h = closed_history(&plan);
        assert_eq!(h.len(), 1);
        assert_eq!((h[0].committed, h[0].completed), (8, 6));
    }
}
