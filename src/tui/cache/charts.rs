//! The series the charts draw, made once per plan change (on first draw,
//! like the findings) and borrowed by every frame after: each sprint's
//! burn-up and people's load, the velocity history, each key result's trend.
//! The numbers come from `planning` (history, load); only the turn into
//! chart points happens here.

use std::cell::OnceCell;

use chrono::NaiveDate;

use crate::model::{KeyResult, Plan};
use crate::planning::{self, Burnup, PeopleLoad, SprintRecord};

/// How many closed sprints the velocity chart shows.
pub const VELOCITY_SPRINTS: usize = 6;

/// A burn-up as chart points: x is days since the start.
#[derive(Debug, Clone, PartialEq)]
pub struct BurnupSeries {
    pub burnup: Burnup,
    /// The scope line, with a vertical step on each day it moved.
    pub scope: Vec<(f64, f64)>,
    /// Points done, a step on each day something was done.
    pub done: Vec<(f64, f64)>,
    /// From 0 on the start day to the commitment on the end day.
    pub ideal: [(f64, f64); 2],
    /// The last day of the window, in days since the start.
    pub x_max: f64,
    pub y_max: f64,
}

/// The closed sprints' committed and completed points, the last few.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct VelocitySeries {
    /// Oldest first, at most [`VELOCITY_SPRINTS`].
    pub sprints: Vec<SprintRecord>,
    /// How many closed sprints there are in all.
    pub closed: usize,
    /// The velocity: the mean completed points of the last
    /// [`planning::VELOCITY_WINDOW`] of them, the one the capacity
    /// suggestion uses (not the mean of all the bars shown).
    pub mean: Option<planning::Velocity>,
}

/// A key result's check-ins over time, its target and the expected line;
/// x is days since the axis' first day ([`planning::Trend::from`]).
#[derive(Debug, Clone, PartialEq)]
pub struct TrendSeries {
    /// The baseline on the start day, then each check-in as of today.
    pub values: Vec<(f64, f64)>,
    /// The target across the window, when there is one.
    pub target: Option<[(f64, f64); 2]>,
    /// From the baseline at the start to the target on the due day.
    pub expected: Option<[(f64, f64); 2]>,
    pub x_max: f64,
    pub y_min: f64,
    pub y_max: f64,
    pub start: NaiveDate,
    /// The last day shown.
    pub end: NaiveDate,
}

/// One value per sprint (or key result), each made when first asked for:
/// a frame that shows one sprint's burn-up never computes the others'.
#[derive(Debug)]
struct Lazy<T>(OnceCell<Vec<OnceCell<T>>>);

impl<T> Default for Lazy<T> {
    fn default() -> Self {
        Lazy(OnceCell::new())
    }
}

impl<T> Lazy<T> {
    fn get(&self, len: usize, i: usize, make: impl FnOnce() -> T) -> Option<&T> {
        let cells = self
            .0
            .get_or_init(|| (0..len).map(|_| OnceCell::new()).collect());
        Some(cells.get(i)?.get_or_init(make))
    }
}

#[derive(Debug, Default)]
pub struct ChartCache {
    burnups: Lazy<Option<BurnupSeries>>,
    loads: Lazy<Option<PeopleLoad>>,
    velocity: OnceCell<VelocitySeries>,
    trends: Lazy<TrendSeries>,
}

impl ChartCache {
    /// The burn-up of `plan.sprints[i]`; `None` until it starts.
    pub fn burnup(&self, plan: &Plan, today: NaiveDate, i: usize) -> Option<&BurnupSeries> {
        self.burnups
            .get(plan.sprints.len(), i, || {
                let s = plan.sprints.get(i)?;
                planning::burnup(plan, &s.id, today).map(series)
            })?
            .as_ref()
    }

    /// People's load in `plan.sprints[i]`.
    pub fn load(&self, plan: &Plan, i: usize) -> Option<&PeopleLoad> {
        self.loads
            .get(plan.sprints.len(), i, || {
                planning::people_load(plan, &plan.sprints.get(i)?.id)
            })?
            .as_ref()
    }

    pub fn velocity(&self, plan: &Plan) -> &VelocitySeries {
        self.velocity.get_or_init(|| {
            let all = planning::closed_history(plan);
            let closed = all.len();
            let sprints = all[closed.saturating_sub(VELOCITY_SPRINTS)..].to_vec();
            VelocitySeries {
                sprints,
                closed,
                mean: planning::velocity_of(plan),
            }
        })
    }

    /// The trend of `plan.key_results[i]` as of `today`.
    pub fn trend(&self, plan: &Plan, today: NaiveDate, i: usize) -> Option<&TrendSeries> {
        let kr = plan.key_results.get(i)?;
        self.trends
            .get(plan.key_results.len(), i, || trend(kr, today))
    }
}

fn series(burnup: Burnup) -> BurnupSeries {
    // The lines come from the domain, as the report's do.
    let peak = burnup
        .days
        .iter()
        .map(|d| d.scope.max(d.done))
        .max()
        .unwrap_or(0)
        .max(burnup.committed);
    BurnupSeries {
        ideal: burnup.ideal_line(),
        scope: burnup.scope_line(),
        done: burnup.done_line(),
        x_max: burnup.span(),
        y_max: nice_top(peak),
        burnup,
    }
}

/// The top of a points axis: some room above the peak, on a multiple of
/// 2 (small) or 5, so the axis labels are round.
fn nice_top(peak: u32) -> f64 {
    let room = f64::from(peak.max(1)) * 1.15;
    let step = if room <= 10.0 { 2.0 } else { 5.0 };
    (room / step).ceil() * step
}

fn trend(kr: &KeyResult, today: NaiveDate) -> TrendSeries {
    // The dates and values come from the domain, as the report's do.
    let tr = planning::trend(kr, today);
    let x_max = tr.span();
    let values: Vec<(f64, f64)> = tr.measured.iter().map(|&(d, v)| (tr.x(d), v)).collect();
    let target = tr.target.map(|t| [(0.0, t), (x_max, t)]);
    let expected = tr
        .expected
        .map(|[(a, va), (b, vb)]| [(tr.x(a), va), (tr.x(b), vb)]);
    let ys = values
        .iter()
        .map(|p| p.1)
        .chain(kr.target.filter(|t| t.is_finite()))
        .chain([kr.baseline]);
    let (lo, hi) = ys.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    let (lo, hi) = if lo.is_finite() && hi.is_finite() {
        (lo, hi)
    } else {
        (0.0, 1.0)
    };
    // A little room above and below; a flat line gets a unit of room.
    let pad = ((hi - lo) * 0.05).max(if hi > lo { 0.0 } else { 1.0 });
    TrendSeries {
        values,
        target,
        expected,
        x_max,
        y_min: lo - pad,
        y_max: hi + pad,
        start: tr.from,
        end: tr.to,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Checkin;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_trend_starts_at_the_baseline_and_ignores_later_checkins() {
        let mut kr = KeyResult {
            start: day("2026-10-01"),
            due: Some(day("2026-12-30")),
            ..KeyResult::mttr_fixture()
        };
        kr.checkins = vec![
            Checkin {
                date: day("2026-10-11"),
                value: 80.0,
            },
            Checkin {
                date: day("2026-12-01"),
                value: 40.0,
            },
        ];
        let t = trend(&kr, day("2026-11-01"));
        assert_eq!(t.values, vec![(0.0, 90.0), (10.0, 80.0)]);
        assert_eq!(t.expected, Some([(0.0, 90.0), (90.0, 30.0)]));
        assert_eq!(t.target, Some([(0.0, 30.0), (90.0, 30.0)]));
        assert_eq!((t.x_max, t.end), (90.0, day("2026-12-30")));
        assert!(t.y_min < 30.0 && t.y_max > 90.0);
        // No target, no due date: the check-ins alone, a flat line padded.
        kr.target = None;
        kr.due = None;
        kr.checkins.clear();
        let t = trend(&kr, day("2026-11-01"));
        assert_eq!((t.target, t.expected), (None, None));
        assert_eq!((t.y_min, t.y_max), (89.0, 91.0));
    }

    #[test]
    fn the_points_axis_ends_on_a_round_number_above_the_peak() {
        assert_eq!(nice_top(0), 2.0);
        assert_eq!(nice_top(8), 10.0);
        assert_eq!(nice_top(21), 25.0);
        assert_eq!(nice_top(40), 50.0);
    }
}
