//! A key result's Trend as dates and values, for the TUI chart and the
//! report alike: the time axis spans the key result's start and due day and
//! every check-in shown (one dated before the start widens it to the left),
//! the measured values are in date order, and the expected line runs from
//! the baseline at the start to the target on the due day.

use chrono::NaiveDate;

use crate::model::KeyResult;

/// A key result's trend as of a day.
#[derive(Debug, Clone, PartialEq)]
pub struct Trend {
    /// The first day of the time axis: the start, or an earlier check-in.
    pub from: NaiveDate,
    /// The last day of the time axis: the due day, a later check-in, or
    /// today (capped at the due day) when there is no due day.
    pub to: NaiveDate,
    /// The measured values in date order: the check-ins up to today, with
    /// the baseline on the start day unless a check-in is dated on or
    /// before it (and, with no check-in, the current value today when it
    /// differs from the baseline).
    pub measured: Vec<(NaiveDate, f64)>,
    /// How many check-ins are shown, and the first and last one's day.
    pub checkins: usize,
    pub first_checkin: Option<NaiveDate>,
    pub last_checkin: Option<NaiveDate>,
    /// The target, when there is a finite one.
    pub target: Option<f64>,
    /// From the baseline at the start to the target on the due day.
    pub expected: Option<[(NaiveDate, f64); 2]>,
}

impl Trend {
    /// Days from the axis' first day to `d`.
    pub fn x(&self, d: NaiveDate) -> f64 {
        (d - self.from).num_days() as f64
    }

    /// The axis length in days, at least 1.
    pub fn span(&self) -> f64 {
        self.x(self.to).max(1.0)
    }

    /// "4 check-ins from 2026-09-15 to 2026-11-02", "1 check-in on
    /// 2026-10-01", "no check-in yet".
    pub fn checkins_words(&self) -> String {
        match (self.first_checkin, self.last_checkin) {
            (Some(a), Some(b)) if a == b && self.checkins == 1 => format!("1 check-in on {a}"),
            (Some(a), Some(b)) => format!("{} check-ins from {a} to {b}", self.checkins),
            _ => "no check-in yet".to_owned(),
        }
    }
}

/// The trend of `kr` as of `today` (later check-ins are not shown).
pub fn trend(kr: &KeyResult, today: NaiveDate) -> Trend {
    let mut shown: Vec<(NaiveDate, f64)> = kr
        .checkins
        .iter()
        .filter(|c| c.date <= today && c.value.is_finite())
        .map(|c| (c.date, c.value))
        .collect();
    // A hand-edited file may list check-ins out of order.
    shown.sort_by_key(|(d, _)| *d);
    let first_checkin = shown.first().map(|c| c.0);
    let last_checkin = shown.last().map(|c| c.0);
    let checkins = shown.len();
    let mut measured = shown;
    if first_checkin.is_none_or(|d| d > kr.start) && kr.baseline.is_finite() {
        measured.insert(0, (kr.start, kr.baseline));
    }
    if checkins == 0 && kr.current != kr.baseline && kr.current.is_finite() && today > kr.start {
        measured.push((today, kr.current));
    }
    let from = first_checkin.map_or(kr.start, |d| d.min(kr.start));
    let to = [
        kr.due,
        measured.last().map(|c| c.0),
        Some(today.min(kr.due.unwrap_or(today))),
    ]
    .into_iter()
    .flatten()
    .max()
    .unwrap_or(kr.start)
    .max(kr.start);
    let target = kr.target.filter(|t| t.is_finite());
    let expected = match (target, kr.due) {
        (Some(t), Some(due)) if due > kr.start && kr.baseline.is_finite() => {
            Some([(kr.start, kr.baseline), (due, t)])
        }
        _ => None,
    };
    Trend {
        from,
        to,
        measured,
        checkins,
        first_checkin,
        last_checkin,
        target,
        expected,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Checkin;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn kr() -> KeyResult {
        KeyResult {
            start: day("2026-10-01"),
            due: Some(day("2026-12-31")),
            baseline: 10.0,
            target: Some(20.0),
            current: 14.0,
            checkins: vec![
                Checkin {
                    date: day("2026-09-15"),
                    value: 9.0,
                },
                Checkin {
                    date: day("2026-10-15"),
                    value: 11.0,
                },
                Checkin {
                    date: day("2026-11-02"),
                    value: 14.0,
                },
                Checkin {
                    date: day("2026-12-20"),
                    value: 99.0,
                },
            ],
            ..KeyResult::mttr_fixture()
        }
    }

    #[test]
    fn a_checkin_before_the_start_widens_the_axis_and_keeps_date_order() {
        let t = trend(&kr(), day("2026-11-10"));
        assert_eq!((t.from, t.to), (day("2026-09-15"), day("2026-12-31")));
        assert_eq!(
            t.measured,
            vec![
                (day("2026-09-15"), 9.0),
                (day("2026-10-15"), 11.0),
                (day("2026-11-02"), 14.0)
            ]
        );
        assert!(t.measured.windows(2).all(|w| w[0].0 <= w[1].0));
        assert_eq!(
            t.checkins_words(),
            "3 check-ins from 2026-09-15 to 2026-11-02"
        );
        assert_eq!(
            t.expected,
            Some([(day("2026-10-01"), 10.0), (day("2026-12-31"), 20.0)])
        );
        assert_eq!(t.x(day("2026-10-01")), 16.0);
    }

    #[test]
    fn without_early_checkins_the_baseline_opens_the_line_at_the_start() {
        let mut k = kr();
        k.checkins.remove(0);
        let t = trend(&k, day("2026-11-10"));
        assert_eq!(t.from, day("2026-10-01"));
        assert_eq!(t.measured[0], (day("2026-10-01"), 10.0));
        assert_eq!(t.checkins, 2);
    }

    #[test]
    fn a_late_checkin_past_the_due_day_extends_the_axis() {
        let mut k = kr();
        k.due = Some(day("2026-12-01"));
        let t = trend(&k, day("2027-01-10"));
        assert_eq!(t.to, day("2026-12-20"));
        assert_eq!(t.last_checkin, Some(day("2026-12-20")));
    }
}
