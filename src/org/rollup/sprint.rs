//! `bearing org sprints`: each team's active and next sprint, with its
//! capacity use and the forecast's odds of finishing.

use chrono::NaiveDate;
use serde::Serialize;

use super::TeamPlan;
use crate::model::{Plan, SprintState};
use crate::org::qualified;

/// `bearing org sprints`: each team's active sprint and its next planned one.
#[derive(Debug, Serialize)]
pub struct SprintRow {
    pub team: String,
    pub id: String,
    pub name: String,
    /// `active` or `planned` (the next one).
    pub state: &'static str,
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// Effort of its items, in points.
    pub points: u32,
    pub capacity: u32,
    /// points / capacity (`None` for a capacity of 0).
    pub capacity_use: Option<f64>,
    /// Items without an effort estimate yet.
    pub unestimated: usize,
    /// Items it holds, open or not (0: nothing planned, so no odds).
    pub items: usize,
    /// The odds of finishing on time, from the forecast; see
    /// [`forecast_odds`].
    pub odds: Option<f64>,
}

impl SprintRow {
    /// The odds as the organisation's page words them: a percentage, `-`
    /// without a forecast, `nothing planned` for an empty sprint.
    pub fn odds_words(&self) -> String {
        match self.odds {
            _ if self.items == 0 => "nothing planned".to_owned(),
            Some(p) => crate::text::percent(p),
            None => "-".to_owned(),
        }
    }
}

/// The chance the sprint's open points are done by its end: the Monte Carlo
/// `bearing forecast` runs (its default trials and seed, so the numbers
/// agree), from the team's own closed sprints. `None` when the team has no
/// closed sprint to sample, and when nothing estimated is left in the
/// sprint (an empty sprint has no odds, as in `bearing forecast`). The
/// backlog part of the forecast is not asked for (an empty ranking), so a
/// roll-up of many teams ranks nothing here.
pub fn forecast_odds(plan: &Plan, sprint: &crate::model::Sprint, today: NaiveDate) -> Option<f64> {
    use crate::planning::forecast;
    forecast::forecast_ranked(
        plan,
        Some(&sprint.id),
        today,
        forecast::Options::default(),
        &[],
    )
    .ok()?
    .sprint?
    .p_finish
}

pub fn sprint_rows(teams: &[TeamPlan], today: NaiveDate) -> Vec<SprintRow> {
    let mut rows = Vec::new();
    for t in teams {
        let Some(plan) = t.plan() else { continue };
        let active = plan
            .sprints
            .iter()
            .filter(|s| s.state == SprintState::Active)
            .min_by_key(|s| (s.start, &s.id));
        let next = plan
            .sprints
            .iter()
            .filter(|s| s.state == SprintState::Planned)
            .min_by_key(|s| (s.start, &s.id));
        for (s, state) in [(active, "active"), (next, "planned")] {
            let Some(s) = s else { continue };
            let points = plan.effort_of(&s.items);
            rows.push(SprintRow {
                team: t.team.id.clone(),
                id: qualified(&t.team.id, &s.id),
                name: s.name.clone(),
                state,
                start: s.start,
                end: s.end,
                points,
                capacity: s.capacity,
                capacity_use: (s.capacity > 0).then(|| f64::from(points) / f64::from(s.capacity)),
                unestimated: plan.unestimated_of(&s.items),
                items: s.items.len(),
                odds: forecast_odds(plan, s, today),
            });
        }
    }
    rows
}
