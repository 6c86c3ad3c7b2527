//! The merged plan checked as a whole: what each side kept valid but the
//! merge broke is a [`Conflict`], never a silently broken plan. What was
//! already broken on a side (a dangling link `bearing check` reports, say)
//! is that side's, not the merge's, and stays as it is.
//!
//! - A dangling reference: an item deleted on one side and newly linked to
//!   on the other (a key result added under an objective the other side
//!   deleted; a debt, a hypothesis linked to a deleted key result; a sprint
//!   given a deleted debt). The conflict is the target's, as a whole item
//!   (`id` the deleted item, `field: None`, each side's record): the same
//!   shape as a delete against an edit, and one per target. The plan holds
//!   ours: the target is put back when ours has it, else the link dangles
//!   until the conflict is settled.
//! - A value rule the loader holds a file to (`model::validate`'s
//!   `*_values`, the settings' numbers) broken by fields taken from both
//!   sides (a start from one, a due date from the other): a conflict on the
//!   field the rule names (`due`, `end`, `health.at_risk`), with each side's
//!   value of it; the plan holds ours' whole record (ours' weights and
//!   health for the settings), which keeps the rule.
//! - An id held twice in the merged plan but at most once on each side
//!   (across lists): a whole-item conflict on the id, each side's record;
//!   the plan keeps only the list ours holds it in.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use super::{Conflict, SETTINGS, object};
use crate::model::validate::{self, FieldError};
use crate::model::{HealthThresholds, Plan, Weights, settings};

/// Adds the conflicts of what the merge broke in `merged` (a merge of
/// `ours` and `theirs` over `base`) and mends the plan with ours there.
pub fn validate(base: &Plan, ours: &Plan, theirs: &Plan, merged: &mut Plan, c: &mut Vec<Conflict>) {
    dangling(base, ours, theirs, merged, c);
    values(base, ours, theirs, merged, c);
    duplicates(base, ours, theirs, merged, c);
}

/// A link from an item: (holder, field, target).
type Link = (String, &'static str, String);

/// Every link of `p`.
fn links(p: &Plan) -> BTreeSet<Link> {
    let mut out: BTreeSet<Link> = p
        .key_results
        .iter()
        .map(|kr| (kr.id.clone(), "objective", kr.objective.clone()))
        .collect();
    let lists = p
        .hypotheses
        .iter()
        .map(|h| (&h.id, &h.key_results, "key_results"))
        .chain(
            p.debts
                .iter()
                .map(|d| (&d.id, &d.key_results, "key_results")),
        )
        .chain(p.sprints.iter().map(|s| (&s.id, &s.items, "items")));
    for (id, refs, field) in lists {
        out.extend(refs.iter().map(|r| (id.clone(), field, r.clone())));
    }
    out
}

/// Whether any list of `p` holds a record `id`.
fn holds(p: &Plan, id: &str) -> bool {
    p.objectives.iter().any(|x| x.id == id)
        || p.key_results.iter().any(|x| x.id == id)
        || p.hypotheses.iter().any(|x| x.id == id)
        || p.debts.iter().any(|x| x.id == id)
        || p.sprints.iter().any(|x| x.id == id)
}

/// A target one side deleted while the other made a new link to it (a new
/// holder, or a holder that gained the link). Decided on the sides, not on
/// the merged plan, so it does not depend on which side is ours.
fn dangling(base: &Plan, ours: &Plan, theirs: &Plan, merged: &mut Plan, c: &mut Vec<Conflict>) {
    let before = links(base);
    // Target → why: which side deleted it, which links the other made.
    let mut targets: BTreeMap<String, String> = BTreeMap::new();
    for (keeper, deleter, names) in [
        (ours, theirs, ["theirs", "ours"]),
        (theirs, ours, ["ours", "theirs"]),
    ] {
        let mut new: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let kept = links(keeper);
        for (holder, field, target) in kept.difference(&before) {
            if holds(base, target) && holds(keeper, target) && !holds(deleter, target) {
                new.entry(target.clone())
                    .or_default()
                    .push(format!("{holder} ({field})"));
            }
        }
        for (target, holders) in new {
            targets.entry(target).or_insert_with(|| {
                format!(
                    "{} deleted it; {} links to it from {}",
                    names[0],
                    names[1],
                    holders.join(", ")
                )
            });
        }
    }
    for (target, why) in targets {
        if let Some(x) = c.iter_mut().find(|x| x.id == target && x.field.is_none()) {
            x.reason.get_or_insert(why);
        } else {
            c.push(Conflict {
                reason: Some(why),
                id: target.clone(),
                field: None,
                base: record(base, &target),
                ours: record(ours, &target),
                theirs: record(theirs, &target),
            });
        }
        restore(ours, merged, &target);
    }
}

/// Puts ours' record of `id` back into `merged` (sorted by id) if ours has
/// it and `merged` does not.
fn restore(ours: &Plan, merged: &mut Plan, id: &str) {
    fn put<T: Clone>(from: &[T], to: &mut Vec<T>, id: &str, key: impl Fn(&T) -> &str) {
        if to.iter().any(|x| key(x) == id) {
            return;
        }
        if let Some(x) = from.iter().find(|x| key(x) == id) {
            let at = to.partition_point(|y| key(y) < id);
            to.insert(at, x.clone());
        }
    }
    put(&ours.objectives, &mut merged.objectives, id, |x| &x.id);
    put(&ours.key_results, &mut merged.key_results, id, |x| &x.id);
    put(&ours.hypotheses, &mut merged.hypotheses, id, |x| &x.id);
    put(&ours.debts, &mut merged.debts, id, |x| &x.id);
    put(&ours.sprints, &mut merged.sprints, id, |x| &x.id);
}

/// The first record of `id` in `p`, any list, as JSON text.
fn record(p: &Plan, id: &str) -> Option<String> {
    fn find<T: Serialize>(v: &[T], id: &str, key: impl Fn(&T) -> &str) -> Option<String> {
        v.iter()
            .find(|x| key(x) == id)
            .map(|x| Value::Object(object(x)).to_string())
    }
    find(&p.objectives, id, |x| &x.id)
        .or_else(|| find(&p.key_results, id, |x| &x.id))
        .or_else(|| find(&p.hypotheses, id, |x| &x.id))
        .or_else(|| find(&p.debts, id, |x| &x.id))
        .or_else(|| find(&p.sprints, id, |x| &x.id))
}

/// One field of the record of `id` in `p` (a dotted `weights.risk` for the
/// settings), as JSON text.
fn field(p: &Plan, id: &str, field: &str) -> Option<String> {
    let m: Map<String, Value> = if id == SETTINGS {
        object(p)
    } else {
        serde_json::from_str(&record(p, id)?).ok()?
    };
    let mut v = m.get(field.split('.').next()?)?;
    for k in field.split('.').skip(1) {
        v = v.get(k)?;
    }
    Some(v.to_string())
}

/// `x` with theirs' value at each of its conflicted fields (`c`'s for
/// `id`): the merge had the other side been ours.
fn with_theirs<T: Serialize + DeserializeOwned>(x: &T, id: &str, c: &[Conflict]) -> Option<T> {
    if !c.iter().any(|k| k.id == id && k.field.is_some()) {
        return None;
    }
    let mut m = Value::Object(object(x));
    let mut changed = false;
    for k in c.iter().filter(|k| k.id == id) {
        let Some(path) = k.field.as_deref().filter(|f| !f.contains('[')) else {
            continue;
        };
        let (parent, last) = match path.rsplit_once('.') {
            Some((p, l)) => (Some(p), l),
            None => (None, path),
        };
        let mut at = &mut m;
        for step in parent.into_iter().flat_map(|p| p.split('.')) {
            at = at.get_mut(step)?;
        }
        let obj = at.as_object_mut()?;
        match k.theirs.as_deref().map(serde_json::from_str::<Value>) {
            Some(Ok(v)) => obj.insert(last.to_owned(), v),
            Some(Err(_)) => return None,
            None => obj.remove(last),
        };
        changed = true;
    }
    if !changed {
        return None;
    }
    serde_json::from_value(m).ok()
}

/// Value rules: each item's, then the settings'. A rule is broken by the
/// merge when the merged record breaks it, or would with theirs picked at
/// its conflicts (so the answer does not depend on which side is ours),
/// and neither side's record breaks it.
fn values(base: &Plan, ours: &Plan, theirs: &Plan, merged: &mut Plan, c: &mut Vec<Conflict>) {
    fn list<T: Clone + Serialize + DeserializeOwned>(
        m: &mut [T],
        o: &[T],
        t: &[T],
        key: impl Fn(&T) -> &str,
        rules: impl Fn(&T) -> Vec<FieldError>,
        c: &[Conflict],
        out: &mut Vec<(String, &'static str)>,
    ) {
        let fields = |x: Option<&T>| -> BTreeSet<&'static str> {
            x.map(|x| rules(x).into_iter().map(|e| e.field).collect())
                .unwrap_or_default()
        };
        for x in m.iter_mut() {
            let id = key(x).to_owned();
            let mut now = fields(Some(x));
            now.extend(fields(with_theirs(x, &id, c).as_ref()));
            if now.is_empty() {
                continue;
            }
            let find = |v: &[T]| v.iter().find(|y| key(y) == id).cloned();
            let (ox, tx) = (find(o), find(t));
            let (of, tf) = (fields(ox.as_ref()), fields(tx.as_ref()));
            let new: Vec<&'static str> = now
                .into_iter()
                .filter(|f| !of.contains(f) && !tf.contains(f))
                .collect();
            if new.is_empty() {
                continue;
            }
            out.extend(new.into_iter().map(|f| (id.clone(), f)));
            if let Some(keep) = ox.or(tx) {
                *x = keep;
            }
        }
    }
    let mut found = Vec::new();
    let f = &mut found;
    let m = &mut *merged;
    list(
        &mut m.objectives,
        &ours.objectives,
        &theirs.objectives,
        |x| &x.id,
        validate::objective,
        c,
        f,
    );
    list(
        &mut m.key_results,
        &ours.key_results,
        &theirs.key_results,
        |x| &x.id,
        validate::key_result_values,
        c,
        f,
    );
    list(
        &mut m.hypotheses,
        &ours.hypotheses,
        &theirs.hypotheses,
        |x| &x.id,
        validate::hypothesis_values,
        c,
        f,
    );
    list(
        &mut m.debts,
        &ours.debts,
        &theirs.debts,
        |x| &x.id,
        validate::debt_values,
        c,
        f,
    );
    list(
        &mut m.sprints,
        &ours.sprints,
        &theirs.sprints,
        |x| &x.id,
        validate::sprint_values,
        c,
        f,
    );
    let numbers = |n: &Numbers| -> BTreeSet<&'static str> {
        settings::numbers(&n.weights, &n.health)
            .into_iter()
            .map(|e| e.field)
            .collect()
    };
    let (o, t) = (Numbers::of(ours), Numbers::of(theirs));
    let (of, tf) = (numbers(&o), numbers(&t));
    let m = Numbers::of(merged);
    let mut now = numbers(&m);
    now.extend(
        with_theirs(&m, SETTINGS, c)
            .as_ref()
            .map(numbers)
            .unwrap_or_default(),
    );
    let new: Vec<&'static str> = now
        .into_iter()
        .filter(|x| !of.contains(x) && !tf.contains(x))
        .collect();
    if !new.is_empty() {
        found.extend(new.into_iter().map(|f| (SETTINGS.to_owned(), f)));
        merged.weights = o.weights;
        merged.health = o.health;
    }
    for (id, f) in found {
        if !c
            .iter()
            .any(|x| x.id == id && x.field.as_deref() == Some(f))
        {
            c.push(Conflict {
                reason: None,
                base: field(base, &id, f),
                ours: field(ours, &id, f),
                theirs: field(theirs, &id, f),
                id,
                field: Some(f.to_owned()),
            });
        }
    }
}

/// The settings the value rules look at, under their names in the plan.
#[derive(Serialize, serde::Deserialize)]
struct Numbers {
    weights: Weights,
    health: HealthThresholds,
}

impl Numbers {
    fn of(p: &Plan) -> Self {
        Numbers {
            weights: p.weights,
            health: p.health,
        }
    }
}

/// Every id of `p` and how many records hold it.
fn id_counts(p: &Plan) -> BTreeMap<&str, usize> {
    let mut n = BTreeMap::new();
    let ids = p
        .objectives
        .iter()
        .map(|x| x.id.as_str())
        .chain(p.key_results.iter().map(|x| x.id.as_str()))
        .chain(p.hypotheses.iter().map(|x| x.id.as_str()))
        .chain(p.debts.iter().map(|x| x.id.as_str()))
        .chain(p.sprints.iter().map(|x| x.id.as_str()));
    for id in ids {
        *n.entry(id).or_default() += 1;
    }
    n
}

fn duplicates(base: &Plan, ours: &Plan, theirs: &Plan, merged: &mut Plan, c: &mut Vec<Conflict>) {
    let (o, t) = (id_counts(ours), id_counts(theirs));
    let twice: Vec<String> = id_counts(merged)
        .into_iter()
        .filter(|(id, n)| {
            *n > 1 && o.get(id).copied().unwrap_or(0) <= 1 && t.get(id).copied().unwrap_or(0) <= 1
        })
        .map(|(id, _)| id.to_owned())
        .collect();
    for id in twice {
        if !c.iter().any(|x| x.id == id && x.field.is_none()) {
            c.push(Conflict {
                reason: None,
                id: id.clone(),
                field: None,
                base: record(base, &id),
                ours: record(ours, &id),
                theirs: record(theirs, &id),
            });
        }
        fn keep<T>(m: &mut Vec<T>, o: &[T], id: &str, key: impl Fn(&T) -> &str) {
            if !o.iter().any(|x| key(x) == id) {
                m.retain(|x| key(x) != id);
            }
        }
        // Ours holds it in one list: the others drop it. Theirs' only
        // when ours has none (ours deleted it, theirs moved it).
        let from = if o.contains_key(id.as_str()) {
            ours
        } else {
            theirs
        };
        keep(&mut merged.objectives, &from.objectives, &id, |x| &x.id);
        keep(&mut merged.key_results, &from.key_results, &id, |x| &x.id);
        keep(&mut merged.hypotheses, &from.hypotheses, &id, |x| &x.id);
        keep(&mut merged.debts, &from.debts, &id, |x| &x.id);
        keep(&mut merged.sprints, &from.sprints, &id, |x| &x.id);
    }
}
