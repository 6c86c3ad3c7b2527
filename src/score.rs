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
    /// `None`: not estimated, the item is to triage and has no score.
    #[serde(skip)]
    pub effort: Option<u32>,
    /// The urgency rating scored: the typed one, raised by the due date.
    #[serde(skip)]
    pub urgency_rating: u8,
    /// Days from today to the due date (negative: overdue), when there is one.
    #[serde(skip)]
    pub due_in: Option<i64>,
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

    /// Cost of delay per point of effort; `None` for an item to triage (no
    /// effort yet), which is never ranked among the estimated ones.
    pub fn score(&self) -> Option<f64> {
        self.effort
            .map(|e| self.cost_of_delay() / f64::from(e.max(1)))
    }

    /// Not estimated: listed after the ranking, "to triage".
    pub fn is_triage(&self) -> bool {
        self.effort.is_none()
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
    /// Urgency only: days to the due date that set the rating.
    pub due_in: Option<i64>,
}

impl RatedTerm {
    /// `4 × 1.5 = 6`, and for a due item `4 × 1 = 4 (due in 12 days)`.
    pub fn formula(&self) -> String {
        let mut s = format!(
            "{} × {} = {}",
            self.rating,
            crate::text::number(self.weight),
            crate::text::number(self.value)
        );
        if let Some(days) = self.due_in {
            s.push_str(&format!(" ({})", due_note(days)));
        }
        s
    }

    /// `4×1.5=6`, for a pane that shows the four on one line (`4×1=4 (12d)`
    /// for a due item, `(−3d)` overdue).
    pub fn compact(&self) -> String {
        let mut s = format!(
            "{}×{}={}",
            self.rating,
            crate::text::number(self.weight),
            crate::text::number(self.value)
        );
        if let Some(days) = self.due_in {
            s.push_str(&format!(" ({days}d)"));
        }
        s
    }
}

/// `due in 12 days`, `due tomorrow`, `due today`, `overdue by 3 days`.
pub fn due_note(days: i64) -> String {
    match days {
        0 => "due today".into(),
        1 => "due tomorrow".into(),
        -1 => "overdue by 1 day".into(),
        d if d < 0 => format!("overdue by {} days", -d),
        d => format!("due in {d} days"),
    }
}

/// From this many days before the due date on, the date raises urgency.
pub const DUE_HORIZON_DAYS: i64 = 90;

/// The urgency rating a due date alone gives, `days_left` before it
/// (negative: overdue): 0 at 90 days or more, 1 at 60–89, 2 at 30–59, 3 at
/// 14–29, 4 at 1–13, and 5 on the day and after. Never falls as the date
/// nears.
pub fn due_urgency(days_left: i64) -> u8 {
    match days_left {
        i64::MIN..=0 => 5,
        1..=13 => 4,
        14..=29 => 3,
        30..=59 => 2,
        60..DUE_HORIZON_DAYS => 1,
        _ => 0,
    }
}

/// The urgency rating scored for `debt` on `today`, and the days left when
/// it has a due date: the typed rating, raised to [`due_urgency`] of the
/// days left (so a date far off keeps the typed rating, and an overdue item
/// is at 5).
pub fn urgency_on(debt: &Debt, today: NaiveDate) -> (u8, Option<i64>) {
    (
        effective_urgency(debt.urgency, debt.due, today),
        debt.due.map(|due| (due - today).num_days()),
    )
}

/// The one rule for the urgency an item has on `today`: the `typed`
/// rating raised by the `due` date's curve ([`due_urgency`]). Everything
/// that judges or shows urgency (the score, `check`'s "no impact", the
/// triage card) asks this, so an item due soon is never "urgency 0".
pub fn effective_urgency(typed: u8, due: Option<NaiveDate>, today: NaiveDate) -> u8 {
    due.map_or(typed, |due| {
        typed.max(due_urgency((due - today).num_days()))
    })
}

/// Customer, delivery, risk and the effective urgency on `today`
/// ([`effective_urgency`]): the ratings as scored.
pub fn ratings_on(debt: &Debt, today: NaiveDate) -> [u8; 4] {
    let [c, d, r, _] = debt.ratings();
    [c, d, r, effective_urgency(debt.urgency, debt.due, today)]
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
            due_in: None,
        };
        [
            t(TERMS[0], debt.customer, w.customer, self.customer),
            t(TERMS[1], debt.delivery, w.delivery, self.delivery),
            t(TERMS[2], debt.risk, w.risk, self.risk),
            RatedTerm {
                due_in: self.due_in,
                ..t(TERMS[3], self.urgency_rating, w.urgency, self.urgency)
            },
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
    today: NaiveDate,
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
            today,
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

    /// The day scores are computed for (due dates count from it).
    pub fn today(&self) -> NaiveDate {
        self.today
    }

    pub fn wsjf(&self, debt: &Debt) -> Breakdown {
        let w = &self.weights;
        let (urgency_rating, due_in) = urgency_on(debt, self.today);
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
            urgency: w.urgency * f64::from(urgency_rating),
            kr_pressure: w.kr_at_risk * f64::from(at_risk) + w.kr_off_track * f64::from(off_track),
            effort: debt.effort,
            urgency_rating,
            due_in,
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

/// Highest score first. Equal scores are broken by what a person would
/// look at next, in this order: the sooner due date (an item with a date
/// before one without), the smaller effort (at an equal score, the smaller
/// job delivers the same value per point sooner — it is also the lower cost
/// of delay), the older item (`created`), and last the id — so the same
/// plan always ranks the same way and "due tomorrow" never trails "due in 7
/// days". Items to triage (no effort) come after every estimated one,
/// highest cost of delay first, then the same tie-breaks. The one order of
/// debt: `rank`, the UI and the exports all sort with it.
pub fn compare(a: (&Debt, &Breakdown), b: (&Debt, &Breakdown)) -> Ordering {
    match (a.1.score(), b.1.score()) {
        (Some(sa), Some(sb)) => sb.total_cmp(&sa).then_with(|| tie_break(a, b)),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => {
            b.1.cost_of_delay()
                .total_cmp(&a.1.cost_of_delay())
                .then_with(|| tie_break(a, b))
        }
    }
}

/// The order of two items whose scores are equal (see [`compare`]).
fn tie_break(a: (&Debt, &Breakdown), b: (&Debt, &Breakdown)) -> Ordering {
    let due = |d: &Debt| (d.due.is_none(), d.due);
    due(a.0)
        .cmp(&due(b.0))
        .then(a.1.effort.cmp(&b.1.effort))
        .then(a.0.created.cmp(&b.0.created))
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
mod tests;
