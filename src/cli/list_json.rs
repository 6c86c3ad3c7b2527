//! The JSON of `bearing list KIND --format json`: stable field names, and
//! the same order as the table.

use chrono::NaiveDate;
use serde_json::{Value, json};

use super::table;
use crate::model::Plan;
use crate::score::{self, Scorer};

pub fn objectives_json(plan: &Plan) -> Value {
    Value::Array(
        plan.objectives
            .iter()
            .map(|o| {
                let krs: Vec<&str> = plan
                    .key_results
                    .iter()
                    .filter(|k| k.objective == o.id)
                    .map(|k| k.id.as_str())
                    .collect();
                json!({"id": o.id, "title": o.title, "description": o.description, "key_results": krs})
            })
            .collect(),
    )
}

pub fn krs_json(plan: &Plan, today: NaiveDate) -> Value {
    Value::Array(
        plan.key_results
            .iter()
            .map(|k| {
                json!({
                    "id": k.id,
                    "title": k.title,
                    "objective": k.objective,
                    "unit": k.unit,
                    "baseline": k.baseline,
                    "target": k.target,
                    "current": k.current_at(today),
                    "start": k.start,
                    "due": k.due,
                    "owner": k.owner,
                    "progress": k.progress(today),
                    "health": k.health(today, &plan.health).map(|h| h.key()),
                    "checkins": k.checkins,
                })
            })
            .collect(),
    )
}

/// Hypotheses in the table's order — by status, then highest ICE, then id —
/// for the table and the JSON alike.
pub(super) fn by_ice(plan: &Plan) -> Vec<&crate::model::Hypothesis> {
    let mut hs: Vec<_> = plan.hypotheses.iter().collect();
    hs.sort_by(|a, b| {
        (a.status, std::cmp::Reverse(score::ice(a)), &a.id).cmp(&(
            b.status,
            std::cmp::Reverse(score::ice(b)),
            &b.id,
        ))
    });
    hs
}

pub fn hypotheses_json(plan: &Plan, today: NaiveDate) -> Value {
    Value::Array(
        by_ice(plan)
            .into_iter()
            .map(|h| {
                json!({
                    "id": h.id,
                    "title": h.title,
                    "status": h.status.label(),
                    "ice": score::ice(h),
                    "impact": h.impact,
                    "confidence": h.confidence,
                    "ease": h.ease,
                    "owner": h.owner,
                    "belief": h.belief,
                    "signal": h.signal,
                    "started": h.started,
                    "review_by": h.review_by,
                    "decided": h.decided,
                    "evidence": h.evidence,
                    "stale": h.is_stale(today),
                    "key_results": h.key_results,
                })
            })
            .collect(),
    )
}

pub fn debts_json(plan: &Plan, today: NaiveDate) -> Value {
    let scorer = Scorer::new(plan, today);
    Value::Array(
        plan.debts
            .iter()
            .map(|d| {
                let b = scorer.wsjf(d);
                json!({
                    "id": d.id,
                    "title": d.title,
                    "description": d.description,
                    "status": d.status.key(),
                    "owner": d.owner,
                    "area": d.area,
                    "tags": d.tags,
                    "customer": d.customer,
                    "delivery": d.delivery,
                    "risk": d.risk,
                    "urgency": d.urgency,
                    // null when not estimated: then `triage` is true (for
                    // an open item) and `score` null (the item is not ranked).
                    "effort": d.effort,
                    "due": d.due,
                    "key_results": d.key_results,
                    "created": d.created,
                    // Where it was imported from (`KIND:KEY`), null when made
                    // here: scripts find an imported item by its key.
                    "source": d.source,
                    // Only open debt is ranked: a closed item has no score.
                    "score": b.score().filter(|_| d.status.is_open()),
                    "triage": d.needs_triage(),
                    "breakdown": table::breakdown_json(&b),
                })
            })
            .collect(),
    )
}
