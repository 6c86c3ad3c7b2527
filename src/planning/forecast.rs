//! Monte Carlo forecasts from the sprint history (Magennis, Vacanti): the
//! completed points of past closed sprints ([`closed_history`]) are sampled
//! with replacement, thousands of times, to say how likely a sprint is to
//! finish what it still holds and how many sprints the backlog will take.
//!
//! - **Finishing the sprint** (`p_finish`): a trial draws one past sprint and
//!   scales its completed points to the days left (points × days left ÷ that
//!   sprint's length in days, both counted inclusively); the trial succeeds
//!   when that covers the points still open. A history of identical sprints
//!   therefore gives an exact 0 or 1, and more points left never raise it.
//! - **The backlog**: a trial draws whole past sprints until their points
//!   cover the backlog's; the number drawn is that trial's answer, and the
//!   50th/85th/95th percentiles (nearest rank) of all trials are reported.
//!   A trial stops at [`MAX_SPRINTS`] ("more than 100 sprints"), so a
//!   history of sprints that completed nothing never loops.
//!
//! Pure and deterministic: the same plan, day, trials and seed give the same
//! numbers (a hand-written SplitMix64, [`rng`]). Each question draws from its
//! own stream derived from the seed, so one never shifts another's numbers.

mod rng;
#[cfg(test)]
mod tests;
mod text;

use chrono::NaiveDate;

use super::history::{SprintRecord, closed_history};
use super::rows::candidates;
use crate::model::{Plan, Sprint, Timing};
pub use rng::SplitMix64;
pub use text::chance;
#[cfg(test)]
use text::range;

/// Trials when none are asked for.
pub const DEFAULT_TRIALS: u32 = 10_000;
/// The seed when none is given: a fixed one, so the same plan gives the
/// same forecast every run.
pub const DEFAULT_SEED: u64 = 1;
/// How many of the best-ranked items the "top N" backlog forecast covers.
pub const DEFAULT_TOP: usize = 10;
/// Fewer closed sprints than this and the forecast says it is weak.
pub const WEAK_BELOW: usize = 4;
/// A backlog trial gives up after this many sprints.
pub const MAX_SPRINTS: u32 = 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    pub trials: u32,
    pub seed: u64,
    pub top_n: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            trials: DEFAULT_TRIALS,
            seed: DEFAULT_SEED,
            top_n: DEFAULT_TOP,
        }
    }
}

/// Why a forecast cannot be made for the sprint asked for.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ForecastError {
    #[error("no sprint with id {0}")]
    UnknownSprint(String),
    #[error("{id} is {state}; a forecast is for an active or planned sprint")]
    NotOpen { id: String, state: &'static str },
}

/// A number of sprints at a percentile.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sprints {
    Within(u32),
    /// The trials at this percentile hit [`MAX_SPRINTS`] without covering
    /// the backlog.
    MoreThan(u32),
}

/// The sprint being forecast.
#[derive(Debug, Clone, PartialEq)]
pub struct SprintOutlook {
    pub id: String,
    pub name: String,
    pub end: NaiveDate,
    /// Days from today (or its start, when later) to its end, inclusive.
    pub days_left: u32,
    /// Where the sprint stands in time as of the forecast's day, in the
    /// words every view uses ("3 days left", "ended 2 days ago — close it").
    pub timing: Timing,
    /// Points of its open (not done, not won't-fix) estimated items.
    pub remaining_points: u32,
    /// Open items of the sprint with no effort: not counted.
    pub unestimated: usize,
    /// Items the sprint holds, open or not (0: nothing planned in it).
    pub planned: usize,
    /// Chance of finishing `remaining_points` by the end; `None` with no
    /// history to sample, when no estimated point is left to finish
    /// (an empty sprint is not a sure thing, it has nothing to forecast),
    /// and past its end (see [`Timing::late_advice`]).
    pub p_finish: Option<f64>,
}

/// How many sprints a part of the backlog takes.
#[derive(Debug, Clone, PartialEq)]
pub struct BacklogPart {
    /// Estimated items counted.
    pub items: usize,
    pub points: u32,
    /// 50th, 85th and 95th percentiles; `None` with no history to sample.
    pub p50: Option<Sprints>,
    pub p85: Option<Sprints>,
    pub p95: Option<Sprints>,
}

/// The backlog: open debt that no open sprint holds, in rank order.
#[derive(Debug, Clone, PartialEq)]
pub struct Backlog {
    /// The N asked for (there may be fewer items).
    pub top_n: usize,
    pub top: BacklogPart,
    pub all: BacklogPart,
    /// Open items with no effort: left out of both, to triage first.
    pub unestimated: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Forecast {
    /// `None` when the plan has no active or planned sprint.
    pub sprint: Option<SprintOutlook>,
    /// Closed sprints sampled.
    pub samples: usize,
    pub trials: u32,
    pub seed: u64,
    pub backlog: Backlog,
    /// Set when the forecast is weak (fewer than [`WEAK_BELOW`] samples) or
    /// cannot be made (none).
    pub warning: Option<String>,
}

/// One past sprint's throughput: completed points over its length in days.
#[derive(Debug, Clone, Copy)]
struct Sample {
    points: u32,
    days: u32,
}

fn samples(plan: &Plan, history: &[SprintRecord]) -> Vec<Sample> {
    history
        .iter()
        .map(|r| {
            let days = plan
                .sprint(&r.id)
                .map_or(1, |s| inclusive_days(s.start, s.end));
            Sample {
                points: r.completed,
                days,
            }
        })
        .collect()
}

fn inclusive_days(from: NaiveDate, to: NaiveDate) -> u32 {
    u32::try_from((to - from).num_days() + 1)
        .unwrap_or(0)
        .max(1)
}

/// The forecast for `sprint_id` (default: [`Plan::current_sprint`]) as of `today`.
pub fn forecast(
    plan: &Plan,
    sprint_id: Option<&str>,
    today: NaiveDate,
    opts: Options,
) -> Result<Forecast, ForecastError> {
    let ranked: Vec<usize> = candidates(plan, today).iter().map(|r| r.index).collect();
    forecast_ranked(plan, sprint_id, today, opts, &ranked)
}

/// [`forecast`] with the backlog already ranked: `backlog` holds the
/// candidates' indices into `plan.debts`, best first (what
/// [`super::candidates_in`] gives a caller that keeps a ranking).
pub fn forecast_ranked(
    plan: &Plan,
    sprint_id: Option<&str>,
    today: NaiveDate,
    opts: Options,
    backlog_ranked: &[usize],
) -> Result<Forecast, ForecastError> {
    let sprint = match sprint_id {
        Some(id) => {
            let s = plan
                .sprint(id)
                .ok_or_else(|| ForecastError::UnknownSprint(id.to_owned()))?;
            if !s.state.is_open() {
                return Err(ForecastError::NotOpen {
                    id: s.id.clone(),
                    state: s.state.label(),
                });
            }
            Some(s)
        }
        None => plan.current_sprint(),
    };
    let history = samples(plan, &closed_history(plan));
    let trials = opts.trials.max(1);
    let sprint = sprint.map(|s| outlook(plan, s, today, &history, trials, opts.seed));
    let backlog = backlog(plan, backlog_ranked, &history, trials, opts);
    let warning = match history.len() {
        0 => Some("no forecast: no closed sprint with work to sample yet".to_owned()),
        n if n < WEAK_BELOW => Some(format!(
            "weak forecast: only {} (at least {WEAK_BELOW} make a forecast)",
            crate::text::count(n, "closed sprint")
        )),
        _ => None,
    };
    Ok(Forecast {
        sprint,
        samples: history.len(),
        trials,
        seed: opts.seed,
        backlog,
        warning,
    })
}

fn outlook(
    plan: &Plan,
    s: &Sprint,
    today: NaiveDate,
    history: &[Sample],
    trials: u32,
    seed: u64,
) -> SprintOutlook {
    let open: Vec<_> = s
        .items
        .iter()
        .filter_map(|id| plan.debt(id))
        .filter(|d| d.status.is_open())
        .collect();
    let remaining: u32 = open
        .iter()
        .filter_map(|d| d.effort)
        .fold(0, u32::saturating_add);
    let days_left = if today > s.end {
        0
    } else {
        inclusive_days(today.max(s.start), s.end)
    };
    SprintOutlook {
        id: s.id.clone(),
        name: s.name.clone(),
        end: s.end,
        days_left,
        timing: s.timing(today),
        remaining_points: remaining,
        unestimated: open.iter().filter(|d| d.needs_triage()).count(),
        planned: s.items.len(),
        // Past its end there is no chance to speak of: the timing says
        // what to do instead (close it, or start or cancel it).
        p_finish: if remaining == 0 || s.timing(today).is_late() {
            None
        } else {
            p_finish(history, remaining, days_left, trials, seed)
        },
    }
}

/// The share of trials whose drawn sprint, scaled to `days_left`, covers
/// `remaining`. Compared in integers: exact for identical sprints.
fn p_finish(
    history: &[Sample],
    remaining: u32,
    days_left: u32,
    trials: u32,
    seed: u64,
) -> Option<f64> {
    if history.is_empty() {
        return None;
    }
    let mut rng = SplitMix64::new(stream(seed, 0));
    let mut hits = 0u32;
    for _ in 0..trials {
        let s = history[rng.below(history.len())];
        if u64::from(s.points) * u64::from(days_left) >= u64::from(remaining) * u64::from(s.days) {
            hits += 1;
        }
    }
    Some(f64::from(hits) / f64::from(trials))
}

fn backlog(
    plan: &Plan,
    ranked: &[usize],
    history: &[Sample],
    trials: u32,
    opts: Options,
) -> Backlog {
    let efforts: Vec<u32> = ranked
        .iter()
        .filter_map(|&i| plan.debts.get(i).and_then(|d| d.effort))
        .collect();
    let part = |efforts: &[u32], stream_no: u64| {
        let points = efforts.iter().copied().fold(0u32, u32::saturating_add);
        let [p50, p85, p95] = sprints_needed(history, points, trials, stream(opts.seed, stream_no))
            .map_or([None; 3], |p| p.map(Some));
        BacklogPart {
            items: efforts.len(),
            points,
            p50,
            p85,
            p95,
        }
    };
    Backlog {
        top_n: opts.top_n,
        top: part(&efforts[..efforts.len().min(opts.top_n)], 1),
        all: part(&efforts, 2),
        unestimated: ranked.len() - efforts.len(),
    }
}

/// The 50th, 85th and 95th percentiles of the sprints the trials took to
/// cover `points`.
fn sprints_needed(history: &[Sample], points: u32, trials: u32, seed: u64) -> Option<[Sprints; 3]> {
    if history.is_empty() {
        return None;
    }
    if points == 0 {
        return Some([Sprints::Within(0); 3]);
    }
    let best = history
        .iter()
        .map(|s| u64::from(s.points))
        .max()
        .unwrap_or(0);
    if best * u64::from(MAX_SPRINTS) < u64::from(points) {
        // Even the best sprint every time would not cover it (or nothing
        // was ever completed): every trial would hit the cap.
        return Some([Sprints::MoreThan(MAX_SPRINTS); 3]);
    }
    let mut rng = SplitMix64::new(seed);
    let mut counts: Vec<u32> = (0..trials)
        .map(|_| {
            let mut done = 0u64;
            for n in 1..=MAX_SPRINTS {
                done += u64::from(history[rng.below(history.len())].points);
                if done >= u64::from(points) {
                    return n;
                }
            }
            MAX_SPRINTS + 1
        })
        .collect();
    counts.sort_unstable();
    let at = |p: usize| {
        // Nearest rank: the smallest count at least p% of trials reach.
        let rank = (counts.len() * p).div_ceil(100).clamp(1, counts.len());
        match counts[rank - 1] {
            n if n > MAX_SPRINTS => Sprints::MoreThan(MAX_SPRINTS),
            n => Sprints::Within(n),
        }
    };
    Some([at(50), at(85), at(95)])
}

/// A seed for question `n`, so each question has its own stream.
fn stream(seed: u64, n: u64) -> u64 {
    SplitMix64::new(seed ^ n.wrapping_mul(0xD1B5_4A32_D192_ED03)).next_u64()
}
