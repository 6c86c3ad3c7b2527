//! A three-way merge of plans: `merge(base, ours, theirs)`.
//!
//! Records (objectives, key results, hypotheses, debts, sprints) are matched
//! by id and merged field by field, generically: each record is turned into a
//! JSON object and merged key by key, so a new field merges with no change
//! here. The side that changed a field wins; when both changed it
//! differently, the merged plan holds ours and a [`Conflict`] names the item,
//! the field and the three values. A few fields have their own rule:
//!
//! - sets (`tags`, linked `key_results`, a sprint's `items`) and logs
//!   (a hypothesis' `history`, a debt's status `changes`) merge as three-way
//!   sets: ours' order, then theirs' additions; never a conflict;
//! - `checkins` merge by date (the same date with two new values: conflict);
//!   a key result's `current` then mirrors the latest merged check-in (and
//!   is never a conflict of its own while there are check-ins: see
//!   [`mirror_current`]);
//! - long text (North Star, descriptions, evidence, belief, signal) changed on
//!   both sides is merged line by line ([`lines`]) before it is a conflict;
//! - a debt's `imported` record (the upstream values a re-import merges
//!   against, bookkeeping rather than content) imported anew on both sides:
//!   the later import's record, whole; never a conflict.
//!
//! Settings (North Star, weights, health thresholds, policy) merge as fields
//! of the item [`SETTINGS`]. The merged plan is then checked as a whole
//! ([`validate`]): a reference left dangling (a key result whose objective
//! the other side deleted), a value rule broken by fields from both sides
//! (a start after the other side's due date) or an id held twice is a
//! conflict too, never a silently broken plan. Pure: plans in, a plan and
//! conflicts out.

mod checkins;
pub mod diff;
pub mod edit;
mod lines;
pub mod mark;
pub mod markers;
mod rules;
pub mod settle;
pub mod shown;
mod validate;

use checkins::merge_checkins;
pub use checkins::mirror_current;
pub use edit::{EditMerge, into_change, merge_edit};
pub use settle::{SettleError, Side, settle, settle_in_place};

#[cfg(test)]
mod mark_tests;
#[cfg(test)]
mod markers_tests;
#[cfg(test)]
mod proptests;
#[cfg(test)]
mod settle_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod validate_tests;

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::model::Plan;
use rules::{array, later_import, merge_set, string};

/// The merged plan and what could not be merged.
#[derive(Debug, Clone, PartialEq)]
pub struct Merged {
    /// Lists sorted by id; for each conflict, ours.
    pub plan: Plan,
    pub conflicts: Vec<Conflict>,
}

/// Both sides changed the same thing differently.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Conflict {
    /// The item's id, or [`SETTINGS`].
    pub id: String,
    /// The field (`title`, `weights.risk`, `checkins[2026-03-01]`); `None`
    /// for the whole item: added on both sides differently, or deleted on
    /// one and edited on the other.
    pub field: Option<String>,
    /// Each side's value as JSON text; `None` where it is absent (the item
    /// deleted or never there, the field unset).
    pub base: Option<String>,
    pub ours: Option<String>,
    pub theirs: Option<String>,
    /// Why it is a conflict when the item and field alone do not say
    /// (`ours deleted it; theirs links to it from S-1 (items)`).
    pub reason: Option<String>,
}

/// The id conflicts of the plan-wide settings carry.
pub const SETTINGS: &str = "settings";

/// Record fields merged as three-way sets.
const SETS: [&str; 5] = ["tags", "key_results", "items", "history", "changes"];
/// Record (and settings) fields first merged line by line.
const TEXTS: [&str; 5] = ["north_star", "description", "evidence", "belief", "signal"];
const CHECKINS: &str = "checkins";
/// The record of the last import: the later one wins (by its `date`).
const IMPORTED: &str = "imported";
/// The stored mirror of the latest check-in.
const CURRENT: &str = "current";
/// The plan's lists of records: not settings.
const LISTS: [&str; 5] = [
    "objectives",
    "key_results",
    "hypotheses",
    "debts",
    "sprints",
];

/// Merges `ours` and `theirs`, two descendants of `base`.
pub fn merge(base: &Plan, ours: &Plan, theirs: &Plan) -> Merged {
    let mut conflicts = Vec::new();
    let settings = merge_map(
        SETTINGS,
        "",
        &settings(base),
        &settings(ours),
        &settings(theirs),
        &mut conflicts,
    );
    let mut plan = serde_json::from_value(Value::Object(settings)).unwrap_or_else(|_| {
        // Not reached with values taken from valid plans; ours, if it is.
        conflicts.push(Conflict {
            reason: None,
            id: SETTINGS.into(),
            field: None,
            base: None,
            ours: None,
            theirs: None,
        });
        ours.clone()
    });
    let Plan {
        objectives,
        key_results,
        hypotheses,
        debts,
        sprints,
        ..
    } = &mut plan;
    let c = &mut conflicts;
    *objectives = records(
        &base.objectives,
        &ours.objectives,
        &theirs.objectives,
        |x| &x.id,
        c,
    );
    *key_results = records(
        &base.key_results,
        &ours.key_results,
        &theirs.key_results,
        |x| &x.id,
        c,
    );
    *hypotheses = records(
        &base.hypotheses,
        &ours.hypotheses,
        &theirs.hypotheses,
        |x| &x.id,
        c,
    );
    *debts = records(&base.debts, &ours.debts, &theirs.debts, |x| &x.id, c);
    *sprints = records(&base.sprints, &ours.sprints, &theirs.sprints, |x| &x.id, c);
    validate::validate(base, ours, theirs, &mut plan, &mut conflicts);
    Merged { plan, conflicts }
}

/// The plan without its lists, as a JSON object (the lists are never
/// serialized: on a large plan that would be most of the merge's time).
fn settings(p: &Plan) -> Map<String, Value> {
    // Every field named, so a new one is a compile error here, not a
    // setting silently left out of the merge.
    let Plan {
        schema,
        north_star,
        weights,
        health,
        policy,
        import,
        objectives: _,
        key_results: _,
        hypotheses: _,
        debts: _,
        sprints: _,
    } = p;
    let bare = Plan {
        schema: *schema,
        north_star: north_star.clone(),
        weights: *weights,
        health: *health,
        policy: *policy,
        import: import.clone(),
        ..Plan::default()
    };
    let mut m = object(&bare);
    for l in LISTS {
        m.remove(l);
    }
    // Left out of the file while default, but always here: otherwise a
    // side changing one rule "adds" the whole section and two sides
    // changing different rules clash over all of it.
    if let Ok(rules) = serde_json::to_value(import) {
        m.insert("import".to_owned(), rules);
    }
    m
}

fn object<T: Serialize>(x: &T) -> Map<String, Value> {
    match serde_json::to_value(x) {
        Ok(Value::Object(m)) => m,
        _ => Map::new(),
    }
}

fn text(v: Option<&Value>) -> Option<String> {
    v.map(Value::to_string)
}

/// One list of records, matched by id; the result sorted by id. Records
/// are turned into JSON only where all three sides differ: a 10k-item plan
/// with a hundred edits a side converts a few hundred, not thirty thousand.
fn records<T>(
    base: &[T],
    ours: &[T],
    theirs: &[T],
    id_of: impl Fn(&T) -> &str,
    conflicts: &mut Vec<Conflict>,
) -> Vec<T>
where
    T: Serialize + DeserializeOwned + Clone + PartialEq,
{
    // Keyed by id and occurrence: a plan may hold a duplicate id (`check`
    // reports it), and the merge must not drop one silently.
    let by_id = |list: &'_ [T]| -> BTreeMap<(String, usize), usize> {
        let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
        list.iter()
            .enumerate()
            .map(|(i, x)| {
                let id = id_of(x);
                let n = seen.entry(id).or_default();
                *n += 1;
                ((id.to_owned(), *n), i)
            })
            .collect()
    };
    let (b, o, t) = (by_id(base), by_id(ours), by_id(theirs));
    let keys: BTreeSet<&(String, usize)> = b.keys().chain(o.keys()).chain(t.keys()).collect();
    let mut out = Vec::with_capacity(ours.len().max(theirs.len()));
    for key in keys {
        let id = &key.0;
        let (bx, ox, tx) = (
            b.get(key).map(|&i| &base[i]),
            o.get(key).map(|&i| &ours[i]),
            t.get(key).map(|&i| &theirs[i]),
        );
        let whole = |x: Option<&T>| x.map(|x| Value::Object(object(x)).to_string());
        let pick = if ox == tx || bx == tx {
            ox.cloned()
        } else if bx == ox {
            tx.cloned()
        } else if let (Some(bx), Some(ox), Some(tx)) = (bx, ox, tx) {
            let m = merge_record(id, &object(bx), &object(ox), &object(tx), conflicts);
            match serde_json::from_value(Value::Object(m)) {
                Ok(x) => Some(x),
                Err(_) => {
                    conflicts.push(Conflict {
                        reason: None,
                        id: id.clone(),
                        field: None,
                        base: whole(Some(bx)),
                        ours: whole(Some(ox)),
                        theirs: whole(Some(tx)),
                    });
                    Some(ox.clone())
                }
            }
        } else {
            // Added on both sides differently, or deleted against an edit.
            conflicts.push(Conflict {
                reason: None,
                id: id.clone(),
                field: None,
                base: whole(bx),
                ours: whole(ox),
                theirs: whole(tx),
            });
            ox.cloned()
        };
        out.extend(pick);
    }
    out
}

/// One record present on all three sides, field by field.
fn merge_record(
    id: &str,
    b: &Map<String, Value>,
    o: &Map<String, Value>,
    t: &Map<String, Value>,
    conflicts: &mut Vec<Conflict>,
) -> Map<String, Value> {
    let mut m = merge_map(id, "", b, o, t, conflicts);
    // The stored mirror follows the merged check-ins (merge_map left the
    // field to this when there are any).
    if let Some(last) = m
        .get(CHECKINS)
        .and_then(Value::as_array)
        .and_then(|c| c.last())
        .and_then(|c| c.get("value"))
        .cloned()
    {
        m.insert(CURRENT.into(), last);
    }
    m
}

/// An object, key by key; `prefix` is the path of a nested object (`weights.`).
fn merge_map(
    id: &str,
    prefix: &str,
    b: &Map<String, Value>,
    o: &Map<String, Value>,
    t: &Map<String, Value>,
    conflicts: &mut Vec<Conflict>,
) -> Map<String, Value> {
    let top = prefix.is_empty();
    let keys: BTreeSet<&String> = b.keys().chain(o.keys()).chain(t.keys()).collect();
    let mut out = Map::new();
    let has_checkins = |m: &Map<String, Value>| {
        m.get(CHECKINS)
            .and_then(Value::as_array)
            .is_some_and(|a| !a.is_empty())
    };
    let mirrored = top && (has_checkins(o) || has_checkins(t));
    for key in keys {
        let (bv, ov, tv) = (b.get(key), o.get(key), t.get(key));
        let path = format!("{prefix}{key}");
        let merged = if top && SETS.contains(&key.as_str()) {
            Some(Value::Array(merge_set(array(bv), array(ov), array(tv))))
        } else if top && key == CHECKINS {
            Some(Value::Array(merge_checkins(id, bv, ov, tv, conflicts)))
        } else if ov == tv || bv == tv {
            ov.cloned()
        } else if bv == ov {
            tv.cloned()
        } else if top && key == IMPORTED {
            later_import(ov, tv).cloned()
        } else if mirrored && key == CURRENT {
            // Recomputed from the merged check-ins by merge_record; when
            // none are left, one side removed them all and set it back.
            ov.cloned()
        } else if let (Some(Value::Object(bm)), Some(Value::Object(om)), Some(Value::Object(tm))) =
            (bv, ov, tv)
        {
            Some(Value::Object(merge_map(
                id,
                &format!("{path}."),
                bm,
                om,
                tm,
                conflicts,
            )))
        } else if let Some(s) = (top && TEXTS.contains(&key.as_str()))
            .then(|| lines::merge(string(bv), string(ov), string(tv)))
            .flatten()
        {
            Some(Value::String(s))
        } else {
            conflicts.push(Conflict {
                reason: None,
                id: id.into(),
                field: Some(path),
                base: text(bv),
                ours: text(ov),
                theirs: text(tv),
            });
            ov.cloned()
        };
        out.extend(merged.map(|v| (key.clone(), v)));
    }
    out
}
