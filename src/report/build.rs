//! What changed between two versions of a plan, as data: items added,
//! removed and changed (each field old → new), open debt whose WSJF rank
//! moved, key results with new check-ins (progress and health before and
//! after), hypotheses that changed state, sprints started or closed.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::fields;
use crate::model::diff;
use crate::model::{Item, KeyResult, Plan};
use crate::score::rank_open;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DiffReport {
    /// Where the old and the new plan came from (`HEAD`, a file).
    pub from: String,
    pub to: String,
    /// The day health and ranks are computed for.
    pub today: NaiveDate,
    pub added: Vec<ItemRef>,
    pub removed: Vec<ItemRef>,
    pub changed: Vec<ItemChange>,
    /// North Star, weights, health thresholds, policy (`weights.risk`…).
    pub settings: Vec<FieldChange>,
    pub rank_moves: Vec<RankMove>,
    pub key_results: Vec<KrChange>,
    pub hypotheses: Vec<HypothesisChange>,
    pub sprints: Vec<SprintChange>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemRef {
    pub kind: &'static str,
    pub id: String,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemChange {
    pub kind: &'static str,
    pub id: String,
    pub title: String,
    pub fields: Vec<FieldChange>,
}

/// One field, old → new, as short text (`None`: absent or empty).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldChange {
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// An open debt item's place in the WSJF ranking (1 = first) before and
/// after; `None` where it was not open (new, reopened, done, removed).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RankMove {
    pub id: String,
    pub title: String,
    pub old_rank: Option<usize>,
    pub new_rank: Option<usize>,
    pub old_score: Option<f64>,
    pub new_score: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NewCheckin {
    pub date: NaiveDate,
    pub value: f64,
}

/// A key result whose check-ins changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KrChange {
    pub id: String,
    pub title: String,
    pub unit: String,
    /// Check-ins added or with a new value.
    pub checkins: Vec<NewCheckin>,
    /// Dates of check-ins removed.
    pub removed_checkins: Vec<NaiveDate>,
    /// Share of the way from baseline to target (1.0 = reached).
    pub old_progress: Option<f64>,
    pub new_progress: Option<f64>,
    pub old_health: Option<&'static str>,
    pub new_health: Option<&'static str>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HypothesisChange {
    pub id: String,
    pub title: String,
    pub old_status: Option<&'static str>,
    pub new_status: &'static str,
    pub evidence: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SprintChange {
    pub id: String,
    pub name: String,
    pub old_state: Option<&'static str>,
    pub new_state: &'static str,
}

impl DiffReport {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.removed.is_empty()
            && self.changed.is_empty()
            && self.settings.is_empty()
    }

    /// "2 added, 1 changed, 0 removed" (", settings changed").
    pub fn counts(&self) -> String {
        let mut s = format!(
            "{} added, {} changed, {} removed",
            self.added.len(),
            self.changed.len(),
            self.removed.len()
        );
        if !self.settings.is_empty() {
            s.push_str(", settings changed");
        }
        s
    }
}

fn title(item: &Item) -> String {
    match item {
        Item::Objective(x) => x.title.clone(),
        Item::KeyResult(x) => x.title.clone(),
        Item::Hypothesis(x) => x.title.clone(),
        Item::Debt(x) => x.title.clone(),
        Item::Sprint(x) => x.name.clone(),
    }
}

fn item_ref(item: &Item) -> ItemRef {
    ItemRef {
        kind: item.kind().label(),
        id: item.id().to_owned(),
        title: title(item),
    }
}

/// Builds the report of what changed from `old` to `new`, as of `today`.
pub fn diff_report(old: &Plan, new: &Plan, from: &str, to: &str, today: NaiveDate) -> DiffReport {
    let ids = diff(old, new);
    // Only the items that differ are looked up (and copied): a 10k-item
    // plan with a few changes costs a few lookups.
    let refs = |ids: &[String], plan: &Plan| -> Vec<ItemRef> {
        ids.iter()
            .filter_map(|id| plan.item(id).as_ref().map(item_ref))
            .collect()
    };
    let changed = ids
        .changed
        .iter()
        .filter_map(|id| {
            let (a, b) = (old.item(id)?, new.item(id)?);
            Some(ItemChange {
                kind: b.kind().label(),
                id: id.clone(),
                title: title(&b),
                fields: item_fields(&a, &b),
            })
        })
        .collect();
    DiffReport {
        from: from.to_owned(),
        to: to.to_owned(),
        today,
        added: refs(&ids.added, new),
        removed: refs(&ids.removed, old),
        changed,
        settings: settings(old, new),
        rank_moves: rank_moves(old, new, today),
        key_results: key_results(old, new, today),
        hypotheses: hypotheses(old, new),
        sprints: sprints(old, new),
    }
}

fn item_fields(a: &Item, b: &Item) -> Vec<FieldChange> {
    match (a, b) {
        (Item::Objective(x), Item::Objective(y)) => fields::changes(x, y),
        (Item::KeyResult(x), Item::KeyResult(y)) => fields::changes(x, y),
        (Item::Hypothesis(x), Item::Hypothesis(y)) => fields::changes(x, y),
        (Item::Debt(x), Item::Debt(y)) => fields::changes(x, y),
        (Item::Sprint(x), Item::Sprint(y)) => fields::changes(x, y),
        // Ids carry their kind; a change of kind cannot happen.
        _ => Vec::new(),
    }
}

fn settings(old: &Plan, new: &Plan) -> Vec<FieldChange> {
    let value = |p: &Plan| {
        serde_json::json!({
            "north_star": p.north_star,
            "weights": p.weights,
            "health": p.health,
            "policy": p.policy,
        })
    };
    let mut out = Vec::new();
    fields::walk("", &value(old), &value(new), &mut out);
    out
}

fn rank_moves(old: &Plan, new: &Plan, today: NaiveDate) -> Vec<RankMove> {
    let places = |p: &Plan| -> HashMap<String, (usize, f64)> {
        // Items to triage are not ranked: they have no place to move from.
        rank_open(p, today)
            .iter()
            .filter_map(|r| Some((r.index, r.breakdown.score()?)))
            .enumerate()
            .map(|(i, (index, score))| (p.debts[index].id.clone(), (i + 1, score)))
            .collect()
    };
    let (before, after) = (places(old), places(new));
    let mut moves: Vec<RankMove> = Vec::new();
    let titles: HashMap<&str, &str> = old
        .debts
        .iter()
        .chain(&new.debts)
        .map(|d| (d.id.as_str(), d.title.as_str()))
        .collect();
    let mut ids: Vec<&String> = before.keys().chain(after.keys()).collect();
    ids.sort();
    ids.dedup();
    for id in ids {
        let (a, b) = (before.get(id), after.get(id));
        if a.map(|x| x.0) == b.map(|x| x.0) {
            continue;
        }
        moves.push(RankMove {
            id: id.clone(),
            title: String::new(),
            old_rank: a.map(|x| x.0),
            new_rank: b.map(|x| x.0),
            old_score: a.map(|x| x.1),
            new_score: b.map(|x| x.1),
        });
    }
    moves.sort_by_key(|m| (m.new_rank.is_none(), m.new_rank, m.old_rank));
    for m in &mut moves {
        m.title = titles
            .get(m.id.as_str())
            .copied()
            .unwrap_or_default()
            .to_owned();
    }
    moves
}

fn key_results(old: &Plan, new: &Plan, today: NaiveDate) -> Vec<KrChange> {
    let before: HashMap<&str, &KeyResult> =
        old.key_results.iter().map(|k| (k.id.as_str(), k)).collect();
    let mut out = Vec::new();
    for kr in &new.key_results {
        let was = before.get(kr.id.as_str()).copied();
        let old_checkins = was.map_or(&[][..], |k| &k.checkins[..]);
        if old_checkins == &kr.checkins[..] {
            continue;
        }
        let checkins = kr
            .checkins
            .iter()
            .filter(|c| !old_checkins.contains(c))
            .map(|c| NewCheckin {
                date: c.date,
                value: c.value,
            })
            .collect();
        let removed_checkins = old_checkins
            .iter()
            .filter(|c| !kr.checkins.iter().any(|n| n.date == c.date))
            .map(|c| c.date)
            .collect();
        out.push(KrChange {
            id: kr.id.clone(),
            title: kr.title.clone(),
            unit: kr.unit.clone(),
            checkins,
            removed_checkins,
            old_progress: was.and_then(|k| k.progress(today)),
            new_progress: kr.progress(today),
            old_health: was
                .and_then(|k| k.health(today, &old.health))
                .map(|h| h.label()),
            new_health: kr.health(today, &new.health).map(|h| h.label()),
        });
    }
    out
}

fn hypotheses(old: &Plan, new: &Plan) -> Vec<HypothesisChange> {
    let before: HashMap<&str, _> = old.hypotheses.iter().map(|h| (h.id.as_str(), h)).collect();
    new.hypotheses
        .iter()
        .filter_map(|h| {
            let was = before.get(h.id.as_str()).map(|w| w.status);
            let moved = match was {
                Some(s) => s != h.status,
                None => h.status != crate::model::HypothesisStatus::Proposed,
            };
            moved.then(|| HypothesisChange {
                id: h.id.clone(),
                title: h.title.clone(),
                old_status: was.map(|s| s.label()),
                new_status: h.status.label(),
                evidence: h.evidence.clone(),
            })
        })
        .collect()
}

fn sprints(old: &Plan, new: &Plan) -> Vec<SprintChange> {
    let before: HashMap<&str, _> = old.sprints.iter().map(|s| (s.id.as_str(), s)).collect();
    new.sprints
        .iter()
        .filter_map(|s| {
            let was = before.get(s.id.as_str()).map(|w| w.state);
            let moved = match was {
                Some(w) => w != s.state,
                None => s.state != crate::model::SprintState::Planned,
            };
            moved.then(|| SprintChange {
                id: s.id.clone(),
                name: s.name.clone(),
                old_state: was.map(|w| w.label()),
                new_state: s.state.label(),
            })
        })
        .collect()
}
