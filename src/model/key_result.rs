use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A number that says whether an objective moves.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyResult {
    pub id: String,
    pub objective: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub unit: String,
    pub baseline: f64,
    /// A key result without a target is allowed while drafting; `check` flags it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<f64>,
    pub current: f64,
    pub start: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    /// Dated measurements, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub checkins: Vec<Checkin>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Checkin {
    pub date: NaiveDate,
    pub value: f64,
}

/// Whether the metric should rise (deploy frequency) or fall (MTTR).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Health {
    OnTrack,
    AtRisk,
    OffTrack,
}

impl Health {
    pub fn label(self) -> &'static str {
        match self {
            Health::OnTrack => "on track",
            Health::AtRisk => "at risk",
            Health::OffTrack => "off track",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Health::OnTrack => "on_track",
            Health::AtRisk => "at_risk",
            Health::OffTrack => "off_track",
        }
    }
}

/// How far progress may trail the elapsed share of time before a key result
/// counts as at risk or off track. Lives in the plan so a team can tune it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct HealthThresholds {
    pub at_risk: f64,
    pub off_track: f64,
}

impl Default for HealthThresholds {
    fn default() -> Self {
        HealthThresholds {
            at_risk: 0.1,
            off_track: 0.25,
        }
    }
}

impl KeyResult {
    pub fn direction(&self) -> Direction {
        match self.target {
            Some(t) if t < self.baseline => Direction::Down,
            _ => Direction::Up,
        }
    }

    /// The value as of `today`: the latest check-in on or before it (the
    /// baseline before the first one). Without check-ins, the stored
    /// `current`, which is then the value set by hand. A check-in dated
    /// after `today` does not count yet, whatever the stored field says.
    pub fn current_at(&self, today: NaiveDate) -> f64 {
        if self.checkins.is_empty() {
            self.current
        } else {
            self.value_at(today)
        }
    }

    /// (current − baseline) / (target − baseline) as of `today`; `None`
    /// without a target. Not clamped: a regression below the baseline is
    /// negative and over-achievement is above 1 (gauges clamp, the number
    /// does not). Works the same for falling metrics because both the
    /// numerator and the denominator change sign.
    pub fn progress(&self, today: NaiveDate) -> Option<f64> {
        let target = self.target?;
        let current = self.current_at(today);
        let span = target - self.baseline;
        if !span.is_finite() || !current.is_finite() {
            return None;
        }
        if span == 0.0 {
            // Nothing to move: reached as soon as current is at or past the target.
            return Some(if current == target { 1.0 } else { 0.0 });
        }
        // + 0.0 turns a -0.0 (no movement on a falling metric) into 0.
        Some((current - self.baseline) / span + 0.0)
    }

    /// Share of the window from `start` to `due` that has passed, 0..=1.
    pub fn elapsed(&self, today: NaiveDate) -> Option<f64> {
        let due = self.due?;
        let total = (due - self.start).num_days();
        if total <= 0 {
            return Some(if today >= due { 1.0 } else { 0.0 });
        }
        let gone = (today - self.start).num_days();
        Some((gone as f64 / total as f64).clamp(0.0, 1.0))
    }

    /// On track while progress keeps up with time; `None` without a target.
    /// Without a due date, the key result is judged only once reached or not.
    pub fn health(&self, today: NaiveDate, t: &HealthThresholds) -> Option<Health> {
        let progress = self.progress(today)?;
        if progress >= 1.0 {
            return Some(Health::OnTrack);
        }
        let elapsed = self.elapsed(today).unwrap_or(0.0);
        let behind = elapsed - progress;
        Some(if elapsed >= 1.0 || behind > t.off_track {
            Health::OffTrack
        } else if behind > t.at_risk {
            Health::AtRisk
        } else {
            Health::OnTrack
        })
    }

    /// Records a measurement: check-ins stay sorted by date, one per day (a
    /// second one on the same day replaces the first, whose value is
    /// returned), and the stored `current` mirrors the latest check-in so a
    /// reader of the file sees the newest number.
    pub fn check_in(&mut self, date: NaiveDate, value: f64) -> Option<f64> {
        let value = value + 0.0; // never a -0.0 in the file
        let replaced = match self.checkins.binary_search_by(|c| c.date.cmp(&date)) {
            Ok(i) => Some(std::mem::replace(&mut self.checkins[i].value, value)),
            Err(i) => {
                self.checkins.insert(i, Checkin { date, value });
                None
            }
        };
        self.mirror_latest();
        replaced
    }

    /// Removes the check-in of `date`, returning it; the stored `current`
    /// then mirrors the latest one left, or is the baseline when none is.
    pub fn remove_check_in(&mut self, date: NaiveDate) -> Option<Checkin> {
        let i = self.checkins.binary_search_by(|c| c.date.cmp(&date)).ok()?;
        let removed = self.checkins.remove(i);
        if self.checkins.is_empty() {
            self.current = self.baseline;
        }
        self.mirror_latest();
        Some(removed)
    }

    /// The stored `current` set to the latest check-in's value (left as it
    /// is without check-ins): the rule every writer keeps, the merge and
    /// `bearing resolve` included.
    pub fn mirror_latest(&mut self) {
        if let Some(last) = self.checkins.last() {
            self.current = last.value;
        }
    }

    /// The check-ins on or before `today`, oldest first: what `current`
    /// reads and what views show and act on (one dated later does not count
    /// yet).
    pub fn checkins_as_of(&self, today: NaiveDate) -> &[Checkin] {
        let n = self.checkins.partition_point(|c| c.date <= today);
        &self.checkins[..n]
    }

    /// The value on or before `date`: the baseline before the first check-in.
    pub fn value_at(&self, date: NaiveDate) -> f64 {
        self.checkins
            .iter()
            .rev()
            .find(|c| c.date <= date)
            .map_or(self.baseline, |c| c.value)
    }
}

/// The key result the unit tests share; each test changes what it needs
/// with `KeyResult { due: …, ..KeyResult::mttr_fixture() }`.
#[cfg(test)]
impl KeyResult {
    /// KR-00001 "MTTR" under O-00001: 90 → 30 minutes from 2026-01-01, still
    /// at its baseline, no due date, no owner, no check-ins.
    pub(crate) fn mttr_fixture() -> KeyResult {
        KeyResult {
            id: "KR-00001".into(),
            objective: "O-00001".into(),
            title: "MTTR".into(),
            unit: "min".into(),
            baseline: 90.0,
            target: Some(30.0),
            current: 90.0,
            start: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            due: None,
            owner: String::new(),
            checkins: Vec::new(),
        }
    }

    /// A key result with nothing but its ids: "k", 0 → 1 from 2026-03-01.
    pub(crate) fn bare_fixture(id: &str, objective: &str) -> KeyResult {
        KeyResult {
            id: id.into(),
            objective: objective.into(),
            title: "k".into(),
            unit: String::new(),
            baseline: 0.0,
            target: Some(1.0),
            current: 0.0,
            start: NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
            due: None,
            owner: String::new(),
            checkins: vec![],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    /// MTTR: 90 → 30 minutes.
    fn mttr() -> KeyResult {
        KeyResult {
            due: Some(day("2026-12-31")),
            ..KeyResult::mttr_fixture()
        }
    }

    #[test]
    fn current_is_the_latest_check_in_on_or_before_today() {
        let mut kr = mttr();
        kr.current = 75.0;
        // Without check-ins, the value set by hand.
        assert_eq!(kr.current_at(day("2026-03-01")), 75.0);
        kr.check_in(day("2026-02-01"), 60.0);
        kr.check_in(day("2026-04-01"), 45.0);
        // The stored field mirrors the latest, but a later one does not count yet.
        assert_eq!(kr.current, 45.0);
        assert_eq!(kr.current_at(day("2026-03-01")), 60.0);
        assert_eq!(kr.current_at(day("2026-01-15")), 90.0);
        assert_eq!(kr.check_in(day("2026-02-01"), 58.0), Some(60.0));
        assert_eq!(
            kr.remove_check_in(day("2026-04-01")).map(|c| c.value),
            Some(45.0)
        );
        assert_eq!(kr.current, 58.0);
        kr.remove_check_in(day("2026-02-01"));
        assert_eq!((kr.current, kr.checkins.len()), (90.0, 0));
    }

    #[test]
    fn progress_is_not_clamped_and_never_negative_zero() {
        let today = day("2026-06-01");
        let mut kr = mttr();
        kr.check_in(day("2026-02-01"), 120.0);
        assert_eq!(kr.progress(today), Some(-0.5));
        kr.check_in(day("2026-03-01"), 0.0);
        assert_eq!(kr.progress(today), Some(1.5));
        kr.check_in(day("2026-04-01"), 90.0);
        let p = kr.progress(today).unwrap();
        assert!(p == 0.0 && p.is_sign_positive(), "{p:?}");
        kr.check_in(day("2026-05-01"), -0.0);
        assert!(kr.checkins.last().unwrap().value.is_sign_positive());
    }
}
