//! Weighted Shortest Job First for debt and ICE for hypotheses. A score is
//! never a bare number: [`Breakdown`] keeps every term so the ranking can say
//! which one contributes what, and the total is derived from the terms.

use std::cmp::Ordering;

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::{Debt, Health, Hypothesis, Plan, Weights};

/// The weighted terms of one debt item's cost of delay, and its effort.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Breakdown {
    pub customer: f64,
    pub delivery: f64,
    pub risk: f64,
    pub urgency: f64,
    /// Added for linked key results that are at risk or off track.
    pub kr_pressure: f64,
    #[serde(skip)]
    pub effort: u32,
    /// How many linked key results are at risk / off track.
    #[serde(skip)]
    pub krs_at_risk: u32,
    #[serde(skip)]
    pub krs_off_track: u32,
}

/// The weighted terms and their sum, as the JSON outputs write them.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Terms {
    pub customer: f64,
    pub delivery: f64,
    pub risk: f64,
    pub urgency: f64,
    pub kr_pressure: f64,
    pub cost_of_delay: f64,
}

/// The names of the terms, in display order.
pub const TERMS: [&str; 5] = ["customer", "delivery", "risk", "urgency", "kr_pressure"];

impl Breakdown {
    pub fn cost_of_delay(&self) -> f64 {
        self.customer + self.delivery + self.risk + self.urgency + self.kr_pressure
    }

    pub fn to_terms(&self) -> Terms {
        Terms {
            customer: self.customer,
            delivery: self.delivery,
            risk: self.risk,
            urgency: self.urgency,
            kr_pressure: self.kr_pressure,
            cost_of_delay: self.cost_of_delay(),
        }
    }

    /// Cost of delay per point of effort.
    pub fn score(&self) -> f64 {
        self.cost_of_delay() / f64::from(self.effort.max(1))
    }

    pub fn terms(&self) -> [(&'static str, f64); 5] {
        [
            (TERMS[0], self.customer),
            (TERMS[1], self.delivery),
            (TERMS[2], self.risk),
            (TERMS[3], self.urgency),
            (TERMS[4], self.kr_pressure),
        ]
    }

    /// The terms that contribute, largest first (ties in display order): the
    /// "why" of a ranking.
    pub fn main_terms(&self) -> Vec<(&'static str, f64)> {
        let mut t: Vec<_> = self.terms().into_iter().filter(|(_, v)| *v > 0.0).collect();
        t.sort_by(|a, b| b.1.total_cmp(&a.1));
        t
    }
}

/// One rated term of a score, written the same way by the CLI (`rank
/// --explain`, `show`), the UI's detail pane and the exports: the rating,
/// then its weight, then the term — `risk 4 × 1.5 = 6`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RatedTerm {
    pub name: &'static str,
    pub rating: u8,
    pub weight: f64,
    pub value: f64,
}

impl RatedTerm {
    /// `4 × 1.5 = 6`.
    pub fn formula(&self) -> String {
        format!(
            "{} × {} = {}",
            self.rating,
            crate::text::number(self.weight),
            crate::text::number(self.value)
        )
    }

    /// `4×1.5=6`, for a pane that shows the four on one line.
    pub fn compact(&self) -> String {
        self.formula().replace(' ', "")
    }
}

impl Breakdown {
    /// The four rated terms of `debt` (whose breakdown this is) in display
    /// order, each with its rating and weight.
    pub fn rated(&self, debt: &Debt, w: &Weights) -> [RatedTerm; 4] {
        let t = |name, rating, weight, value| RatedTerm {
            name,
            rating,
            weight,
            value,
        };
        [
            t(TERMS[0], debt.customer, w.customer, self.customer),
            t(TERMS[1], debt.delivery, w.delivery, self.delivery),
            t(TERMS[2], debt.risk, w.risk, self.risk),
            t(TERMS[3], debt.urgency, w.urgency, self.urgency),
        ]
    }

    /// Key-result pressure in the same order: counts, then weights —
    /// `1 at risk × 1 + 0 off track × 2 = 1`.
    pub fn pressure_formula(&self, w: &Weights) -> String {
        use crate::text::number;
        format!(
            "{} at risk × {} + {} off track × {} = {}",
            self.krs_at_risk,
            number(w.kr_at_risk),
            self.krs_off_track,
            number(w.kr_off_track),
            number(self.kr_pressure)
        )
    }
}

/// Health of every key result as of one day, computed once per ranking so
/// scoring an item is a few lookups.
pub struct Scorer<'a> {
    weights: Weights,
    plan: &'a Plan,
    health: Vec<Option<Health>>,
}

impl<'a> Scorer<'a> {
    pub fn new(plan: &'a Plan, today: NaiveDate) -> Self {
        let health = plan
            .key_results
            .iter()
            .map(|kr| kr.health(today, &plan.health))
            .collect();
        Scorer {
            weights: plan.weights,
            plan,
            health,
        }
    }

    /// The weights this scorer applies (the plan's).
    pub fn weights(&self) -> &Weights {
        &self.weights
    }

    pub fn kr_health(&self, kr_id: &str) -> Option<Health> {
        self.plan
            .key_results
            .binary_search_by(|k| k.id.as_str().cmp(kr_id))
            .ok()
            .and_then(|i| self.health[i])
    }

    pub fn wsjf(&self, debt: &Debt) -> Breakdown {
        let w = &self.weights;
        let (mut at_risk, mut off_track) = (0u32, 0u32);
        for kr in &debt.key_results {
            match self.kr_health(kr) {
                Some(Health::AtRisk) => at_risk += 1,
                Some(Health::OffTrack) => off_track += 1,
                _ => {}
            }
        }
        Breakdown {
            customer: w.customer * f64::from(debt.customer),
            delivery: w.delivery * f64::from(debt.delivery),
            risk: w.risk * f64::from(debt.risk),
            urgency: w.urgency * f64::from(debt.urgency),
            kr_pressure: w.kr_at_risk * f64::from(at_risk) + w.kr_off_track * f64::from(off_track),
            effort: debt.effort,
            krs_at_risk: at_risk,
            krs_off_track: off_track,
        }
    }
}

/// One row of a ranking: where the item is in `plan.debts`, and its score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ranked {
    pub index: usize,
    pub breakdown: Breakdown,
}

/// Highest score first; ties go to the smaller effort, then the lower id, so
/// the same plan always ranks the same way.
pub fn compare(a: (&Debt, &Breakdown), b: (&Debt, &Breakdown)) -> Ordering {
    b.1.score()
        .total_cmp(&a.1.score())
        .then(a.0.effort.cmp(&b.0.effort))
        .then_with(|| a.0.id.cmp(&b.0.id))
}

/// Ranks the debt items that `keep` accepts.
pub fn rank(plan: &Plan, today: NaiveDate, keep: impl Fn(&Debt) -> bool) -> Vec<Ranked> {
    let scorer = Scorer::new(plan, today);
    let mut rows: Vec<Ranked> = plan
        .debts
        .iter()
        .enumerate()
        .filter(|(_, d)| keep(d))
        .map(|(index, d)| Ranked {
            index,
            breakdown: scorer.wsjf(d),
        })
        .collect();
    rows.sort_by(|a, b| {
        compare(
            (&plan.debts[a.index], &a.breakdown),
            (&plan.debts[b.index], &b.breakdown),
        )
    });
    rows
}

/// The ranking of the work still to do (open and in progress).
pub fn rank_open(plan: &Plan, today: NaiveDate) -> Vec<Ranked> {
    rank(plan, today, |d| d.status.is_open())
}

/// Impact × confidence × ease, 1–1000.
pub fn ice(h: &Hypothesis) -> u32 {
    u32::from(h.impact) * u32::from(h.confidence) * u32::from(h.ease)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{KeyResult, Objective};

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn debt(id: &str, r: [u8; 4], effort: u32) -> Debt {
        let mut d = Debt::new(id.into(), id.into(), day("2026-01-01"));
        [d.customer, d.delivery, d.risk, d.urgency] = r;
        d.effort = effort;
        d
    }

    #[test]
    fn wsjf_by_hand() {
        let mut plan = Plan::default();
        plan.weights.customer = 2.0;
        plan.weights.risk = 1.5;
        let d = debt("D-1", [3, 2, 4, 1], 5);
        let b = Scorer::new(&plan, day("2026-01-01")).wsjf(&d);
        // 2·3 + 1·2 + 1.5·4 + 1·1 = 15, over 5 points = 3.
        assert_eq!(b.customer, 6.0);
        assert_eq!(b.risk, 6.0);
        assert_eq!(b.cost_of_delay(), 15.0);
        assert_eq!(b.score(), 3.0);
        assert_eq!(b.main_terms()[0].0, "customer");
    }

    #[test]
    fn ties_break_by_effort_then_id() {
        let plan = Plan {
            debts: vec![
                debt("D-A", [2, 0, 0, 0], 2),
                debt("D-B", [1, 0, 0, 0], 1),
                debt("D-C", [1, 0, 0, 0], 1),
                debt("D-D", [5, 5, 5, 5], 1),
            ],
            ..Plan::default()
        };
        let order: Vec<_> = rank_open(&plan, day("2026-01-01"))
            .iter()
            .map(|r| plan.debts[r.index].id.as_str())
            .collect();
        assert_eq!(order, ["D-D", "D-B", "D-C", "D-A"]);
    }

    #[test]
    fn kr_pressure_counts_slipping_key_results() {
        let mut plan = Plan::default();
        plan.objectives.push(Objective {
            id: "O-1".into(),
            title: "Reliability".into(),
            description: String::new(),
        });
        let kr = |id: &str, current: f64| KeyResult {
            id: id.into(),
            objective: "O-1".into(),
            title: id.into(),
            unit: String::new(),
            baseline: 0.0,
            target: Some(100.0),
            current,
            start: day("2026-01-01"),
            due: Some(day("2026-12-31")),
            owner: String::new(),
            checkins: vec![],
        };
        // Half the year gone: 50 is on track, 35 at risk, 0 off track.
        plan.key_results = vec![kr("KR-A", 50.0), kr("KR-B", 35.0), kr("KR-C", 0.0)];
        let mut d = debt("D-1", [1, 0, 0, 0], 1);
        d.key_results = vec!["KR-A".into(), "KR-B".into(), "KR-C".into()];
        let b = Scorer::new(&plan, day("2026-07-02")).wsjf(&d);
        assert_eq!((b.krs_at_risk, b.krs_off_track), (1, 1));
        assert_eq!(b.kr_pressure, 1.0 + 2.0);
        assert_eq!(b.cost_of_delay(), 4.0);
    }

    #[test]
    fn ice_multiplies() {
        let mut h = Hypothesis::new("H-1".into(), "x".into(), day("2026-01-01"));
        (h.impact, h.confidence, h.ease) = (8, 5, 3);
        assert_eq!(ice(&h), 120);
    }
}
