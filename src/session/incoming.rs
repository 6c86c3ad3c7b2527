//! What an outside change brought into the session, field by field: the
//! data a front end words as "merged from disk: D-7K2 risk 3→4, KR-2B7
//! check-in 2026-11-30". Computed between the session's plan before the
//! merge and after it, so it names only what came in.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::merge::SETTINGS;
use crate::model::{Plan, PlanDiff, diff};

/// One thing that came in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Incoming {
    /// The item's id, or [`SETTINGS`].
    pub id: String,
    pub what: Came,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Came {
    Added,
    Removed,
    /// A check-in on this date, new or with a new value.
    CheckIn(String),
    /// A field (`risk`, `weights.risk`) with its old and new value as JSON
    /// text (`None`: unset).
    Field {
        name: String,
        old: Option<String>,
        new: Option<String>,
    },
}

/// Everything that differs from `before` to `after`, items in id order
/// within added, changed, removed; settings last.
pub fn incoming(before: &Plan, after: &Plan) -> (PlanDiff, Vec<Incoming>) {
    let d = diff(before, after);
    let mut out: Vec<Incoming> = Vec::new();
    let came = |id: &str, what| Incoming {
        id: id.to_owned(),
        what,
    };
    out.extend(d.added.iter().map(|id| came(id, Came::Added)));
    for id in &d.changed {
        let (Some(old), Some(new)) = (item_object(before, id), item_object(after, id)) else {
            continue;
        };
        fields(id, "", &old, &new, &mut out);
    }
    out.extend(d.removed.iter().map(|id| came(id, Came::Removed)));
    if d.settings {
        fields(SETTINGS, "", &settings(before), &settings(after), &mut out);
    }
    (d, out)
}

fn item_object(plan: &Plan, id: &str) -> Option<Map<String, Value>> {
    use crate::model::Item;
    let value = match plan.item(id)? {
        Item::Objective(x) => to_object(&x),
        Item::KeyResult(x) => to_object(&x),
        Item::Hypothesis(x) => to_object(&x),
        Item::Debt(x) => to_object(&x),
        Item::Sprint(x) => to_object(&x),
    };
    Some(value)
}

fn settings(plan: &Plan) -> Map<String, Value> {
    let only = Plan {
        schema: plan.schema,
        north_star: plan.north_star.clone(),
        weights: plan.weights,
        health: plan.health,
        policy: plan.policy,
        ..Plan::default()
    };
    let mut m = to_object(&only);
    for list in [
        "objectives",
        "key_results",
        "hypotheses",
        "debts",
        "sprints",
    ] {
        m.remove(list);
    }
    m
}

fn to_object<T: Serialize>(x: &T) -> Map<String, Value> {
    match serde_json::to_value(x) {
        Ok(Value::Object(m)) => m,
        _ => Map::new(),
    }
}

/// The fields that differ, nested objects by dotted path, check-ins by date.
fn fields(
    id: &str,
    prefix: &str,
    old: &Map<String, Value>,
    new: &Map<String, Value>,
    out: &mut Vec<Incoming>,
) {
    let mut keys: Vec<&String> = old.keys().chain(new.keys()).collect();
    keys.sort();
    keys.dedup();
    for key in keys {
        let (a, b) = (old.get(key), new.get(key));
        if a == b {
            continue;
        }
        let name = format!("{prefix}{key}");
        if let (Some(Value::Object(a)), Some(Value::Object(b))) = (a, b) {
            fields(id, &format!("{name}."), a, b, out);
            continue;
        }
        if key == "checkins"
            && let Some(dates) = checkin_dates(a, b)
        {
            out.extend(dates.into_iter().map(|date| Incoming {
                id: id.to_owned(),
                what: Came::CheckIn(date),
            }));
            continue;
        }
        out.push(Incoming {
            id: id.to_owned(),
            what: Came::Field {
                name,
                old: a.map(Value::to_string),
                new: b.map(Value::to_string),
            },
        });
    }
}

/// The dates of check-ins new or changed in `b`; `None` when a check-in
/// was removed (that is named as the field).
fn checkin_dates(a: Option<&Value>, b: Option<&Value>) -> Option<Vec<String>> {
    let list = |v: Option<&Value>| -> Vec<Value> {
        v.and_then(Value::as_array).cloned().unwrap_or_default()
    };
    let (a, b) = (list(a), list(b));
    if a.iter().any(|x| !b.contains(x)) && b.len() <= a.len() {
        return None;
    }
    let dates: Vec<String> = b
        .iter()
        .filter(|x| !a.contains(x))
        .filter_map(|x| x.get("date").and_then(Value::as_str).map(str::to_owned))
        .collect();
    (!dates.is_empty()).then_some(dates)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Debt;

    fn day(d: u32) -> chrono::NaiveDate {
        chrono::NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    #[test]
    fn names_fields_check_ins_adds_removes_and_settings() {
        let mut before = Plan::default();
        before
            .debts
            .push(Debt::new("D-1".into(), "one".into(), day(1)));
        before
            .debts
            .push(Debt::new("D-2".into(), "two".into(), day(1)));
        let mut after = before.clone();
        after.debts[0].risk = 4;
        after.debts.remove(1);
        after
            .debts
            .push(Debt::new("D-3".into(), "three".into(), day(1)));
        after.weights.risk = 7.0;
        let (_, came) = incoming(&before, &after);
        let said: Vec<String> = came
            .iter()
            .map(|c| format!("{} {:?}", c.id, c.what))
            .collect();
        assert_eq!(
            said,
            [
                "D-3 Added",
                "D-1 Field { name: \"risk\", old: Some(\"0\"), new: Some(\"4\") }",
                "D-2 Removed",
                "settings Field { name: \"weights.risk\", old: Some(\"1.0\"), new: Some(\"7.0\") }",
            ]
        );
    }
}
