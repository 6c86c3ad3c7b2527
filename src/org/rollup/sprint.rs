//! `bearing org sprints`: each team's active and next sprint, with where it
//! stands in time (the plan's own words, [`crate::model::Timing`]), its
//! capacity use and the forecast's odds of finishing.

use chrono::NaiveDate;
use serde::Serialize;

use super::TeamPlan;
use crate::model::{Plan, SprintState, Timing};
use crate::org::qualified;
use crate::planning::forecast::WEAK_BELOW;

/// Why a sprint row has no odds (`odds` is `None`).
pub const NO_HISTORY: &str = "no closed sprint to learn from yet";
/// An active sprint past its end: it is to be closed, not forecast.
pub const ENDED: &str = "ended — close it";
/// A planned sprint whose window passed: it was never started, so it is
/// to be started or cancelled, not forecast (the plan's own words:
/// "planned, window ended 12 days ago").
pub const WINDOW_PASSED: &str = "window passed — start or cancel it";
/// A sprint holding nothing.
pub const NOTHING_PLANNED: &str = "nothing planned";
/// A sprint whose items are all done or unestimated.
pub const NOTHING_LEFT: &str = "no estimated work left";

/// `bearing org sprints`: each team's active sprint and its next planned one.
#[derive(Debug, Clone, Serialize)]
pub struct SprintRow {
    pub team: String,
    pub id: String,
    pub name: String,
    /// `active` or `planned` (the next one).
    pub state: &'static str,
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// Where the sprint stands in time, in the words the team's own plan
    /// uses (`bearing sprint list`, the plan UI, `bearing forecast`):
    /// "3 days left", "starts in 2 days", "ended 4 days ago — close it".
    pub when: String,
    /// Past its end and still open (`when` says so): no odds.
    pub late: bool,
    /// Effort of its items, in points.
    pub points: u32,
    pub capacity: u32,
    /// points / capacity (`None` for a capacity of 0); JSON rounds it to
    /// four decimals.
    #[serde(serialize_with = "super::round4")]
    pub capacity_use: Option<f64>,
    /// Items without an effort estimate yet.
    pub unestimated: usize,
    /// Items it holds, open or not (0: nothing planned, so no odds).
    pub items: usize,
    /// The odds of finishing on time, from the forecast; see
    /// [`forecast_odds`]. `None` with the reason in `no_odds`. JSON rounds
    /// it to four decimals.
    #[serde(serialize_with = "super::round4")]
    pub odds: Option<f64>,
    /// Closed sprints the odds were learned from.
    pub sample: usize,
    /// Fewer than [`WEAK_BELOW`] closed sprints sampled: the odds are
    /// weak, as `bearing forecast` says (`weak: 3 sprints sampled`).
    pub weak: bool,
    /// Why there are no odds: [`ENDED`], [`WINDOW_PASSED`], [`NOTHING_PLANNED`],
    /// [`NO_HISTORY`] or [`NOTHING_LEFT`]; `None` with odds.
    pub no_odds: Option<&'static str>,
}

impl SprintRow {
    /// The state with where it stands in time, as `bearing sprint list`
    /// words it: "active, 3 days left", "active, ended 4 days ago — close
    /// it", "planned, starts in 2 days".
    pub fn state_line(&self) -> String {
        format!("{}, {}", self.state, self.when)
    }

    /// The row as `org sprints`' table and the page print it, under
    /// [`SPRINT_HEADERS`].
    pub fn cells(&self) -> Vec<String> {
        vec![
            self.id.clone(),
            self.name.clone(),
            self.state_line(),
            format!("{} → {}", self.start, self.end),
            format!("{}/{}", self.points, self.capacity),
            self.capacity_use
                .map_or_else(|| "-".to_owned(), crate::text::percent),
            self.odds_cell(),
        ]
    }

    /// The odds in a table cell: `63%`, `63% (weak)` from fewer than
    /// [`WEAK_BELOW`] closed sprints, `ended` instead for an active sprint
    /// past its end and `passed` for a planned one whose window passed
    /// (`when` says how long ago), else `-` (the
    /// reason is [`Self::no_odds`], said once under the table by
    /// [`odds_notes`]).
    pub fn odds_cell(&self) -> String {
        match self.odds {
            Some(p) if self.weak => format!("{} (weak)", crate::text::percent(p)),
            Some(p) => crate::text::percent(p),
            None if self.no_odds == Some(WINDOW_PASSED) => "passed".to_owned(),
            None if self.late => "ended".to_owned(),
            None => "-".to_owned(),
        }
    }

    /// The odds as the organisation's page words them: a percentage
    /// (`63% (weak: 3 sprints sampled)` when weak), else the reason.
    pub fn odds_words(&self) -> String {
        match (self.odds, self.no_odds) {
            (Some(p), _) if self.weak => format!(
                "{} (weak: {} sampled)",
                crate::text::percent(p),
                crate::text::count(self.sample, "sprint")
            ),
            (Some(p), _) => crate::text::percent(p),
            (None, Some(NOTHING_PLANNED)) => NOTHING_PLANNED.to_owned(),
            (None, Some(ENDED | WINDOW_PASSED)) => format!("none: {}", self.when),
            (None, Some(why)) => format!("- ({why})"),
            (None, None) => "-".to_owned(),
        }
    }
}

/// The lines under a table of sprint rows saying once what its `-` odds
/// mean (`odds: - means no closed sprint to learn from yet`), one per
/// reason present, and what `(weak)` means when a row is weak.
pub fn odds_notes(rows: &[SprintRow]) -> Vec<String> {
    let mut notes = Vec::new();
    for why in [NO_HISTORY, NOTHING_PLANNED, NOTHING_LEFT] {
        if rows.iter().any(|r| r.no_odds == Some(why)) {
            notes.push(format!("odds: - means {why}"));
        }
    }
    if rows.iter().any(|r| r.no_odds == Some(ENDED)) {
        notes.push("odds: ended means the sprint is past its end: close it".to_owned());
    }
    if rows.iter().any(|r| r.no_odds == Some(WINDOW_PASSED)) {
        notes.push(
            "odds: passed means a planned sprint's window has passed: start or cancel it"
                .to_owned(),
        );
    }
    if rows.iter().any(|r| r.weak && r.odds.is_some()) {
        notes.push(format!(
            "odds: (weak) means fewer than {WEAK_BELOW} closed sprints sampled"
        ));
    }
    notes
}

/// The forecast's odds and what they were learned from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Odds {
    pub p: Option<f64>,
    /// Closed sprints sampled.
    pub sample: usize,
}

/// The chance the sprint's open points are done by its end: the Monte Carlo
/// `bearing forecast` runs (its default trials and seed, so the numbers
/// agree), from the team's own closed sprints. `None` when the team has no
/// closed sprint to sample, and when nothing estimated is left in the
/// sprint (an empty sprint has no odds, as in `bearing forecast`).
pub fn forecast_odds(plan: &Plan, sprint: &crate::model::Sprint, today: NaiveDate) -> Option<f64> {
    odds(plan, sprint, today).p
}

/// [`forecast_odds`] with the number of closed sprints sampled. The
/// backlog part of the forecast is not asked for (an empty ranking), so a
/// roll-up of many teams ranks nothing here.
pub fn odds(plan: &Plan, sprint: &crate::model::Sprint, today: NaiveDate) -> Odds {
    use crate::planning::forecast;
    match forecast::forecast_ranked(
        plan,
        Some(&sprint.id),
        today,
        forecast::Options::default(),
        &[],
    ) {
        Ok(f) => Odds {
            p: f.sprint.and_then(|s| s.p_finish),
            sample: f.samples,
        },
        Err(_) => Odds { p: None, sample: 0 },
    }
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
            let timing = s.timing(today);
            let late = timing.is_late();
            // A sprint past its end is closed (or, never started, started
            // or cancelled), not forecast.
            let o = if late || s.items.is_empty() {
                Odds {
                    p: None,
                    sample: crate::planning::closed_history(plan).len(),
                }
            } else {
                odds(plan, s, today)
            };
            let no_odds = match o.p {
                Some(_) => None,
                None if matches!(timing, Timing::Overdue { .. }) => Some(ENDED),
                None if late => Some(WINDOW_PASSED),
                None if s.items.is_empty() => Some(NOTHING_PLANNED),
                None if o.sample == 0 => Some(NO_HISTORY),
                None => Some(NOTHING_LEFT),
            };
            rows.push(SprintRow {
                team: t.team.id.clone(),
                id: qualified(&t.team.id, &s.id),
                name: s.name.clone(),
                state,
                start: s.start,
                end: s.end,
                when: timing.to_string(),
                late,
                points,
                capacity: s.capacity,
                capacity_use: (s.capacity > 0).then(|| f64::from(points) / f64::from(s.capacity)),
                unestimated: plan.unestimated_of(&s.items),
                items: s.items.len(),
                odds: o.p,
                sample: o.sample,
                weak: o.p.is_some() && o.sample < WEAK_BELOW,
                no_odds,
            });
        }
    }
    rows
}

/// The columns of [`SprintRow::cells`].
pub const SPRINT_HEADERS: [&str; 7] = ["id", "name", "state", "window", "points", "use", "odds"];
