//! Settling one [`Conflict`] of a merge: the conflict's field (or the whole
//! item, when it names no field) set to one side's value.
//!
//! The merged plan holds ours at every conflict; settling with
//! [`Side::Theirs`] or [`Side::Base`] writes that side's value there, and
//! settling with [`Side::Ours`] leaves it as it is. A check-in settled
//! (`checkins[DATE]`) recomputes the key result's `current` as the merge
//! does. Pure: a plan in, a new plan out.

use serde_json::{Map, Value};

use super::{CHECKINS, CURRENT, Conflict, LISTS, SETTINGS, object};
use crate::model::{Kind, Plan};

/// Which of the three versions a conflict is settled with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Base,
    Ours,
    Theirs,
}

/// Why a conflict could not be settled.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SettleError {
    #[error("{id}: {side:?}'s value is not JSON: {message}")]
    BadValue {
        id: String,
        side: Side,
        message: String,
    },
    #[error("{id}: not an item of the plan")]
    UnknownItem { id: String },
    #[error("{id}: no field {field}")]
    BadField { id: String, field: String },
    #[error("the settings cannot be settled as a whole")]
    WholeSettings,
    #[error("{id}: settling {field} gives an invalid plan: {message}")]
    Invalid {
        id: String,
        field: String,
        message: String,
    },
}

/// `plan` with `conflict` settled to `side`'s value.
pub fn settle(plan: &Plan, conflict: &Conflict, side: Side) -> Result<Plan, SettleError> {
    let id = conflict.id.as_str();
    let text = match side {
        Side::Base => &conflict.base,
        Side::Ours => &conflict.ours,
        Side::Theirs => &conflict.theirs,
    };
    let value: Option<Value> = text
        .as_deref()
        .map(serde_json::from_str)
        .transpose()
        .map_err(|e| SettleError::BadValue {
            id: id.into(),
            side,
            message: e.to_string(),
        })?;
    let mut root = object(plan);
    let field = conflict.field.as_deref();
    if id == SETTINGS {
        let field = field.ok_or(SettleError::WholeSettings)?;
        let top = field.split('.').next().unwrap_or(field);
        if LISTS.contains(&top) {
            return Err(bad_field(id, field));
        }
        set_path(&mut root, field, value).ok_or_else(|| bad_field(id, field))?;
    } else {
        let list = list_of(plan, id).ok_or_else(|| SettleError::UnknownItem { id: id.into() })?;
        let items = root
            .get_mut(list)
            .and_then(Value::as_array_mut)
            .ok_or_else(|| SettleError::UnknownItem { id: id.into() })?;
        let at = items.iter().position(|x| x.get("id") == Some(&json(id)));
        match (field, at) {
            (None, _) => whole(items, at, id, value),
            (Some(f), Some(at)) => {
                let record = items
                    .get_mut(at)
                    .and_then(Value::as_object_mut)
                    .ok_or_else(|| SettleError::UnknownItem { id: id.into() })?;
                set_field(record, f, value).ok_or_else(|| bad_field(id, f))?;
            }
            (Some(_), None) => return Err(SettleError::UnknownItem { id: id.into() }),
        }
    }
    serde_json::from_value(Value::Object(root)).map_err(|e| SettleError::Invalid {
        id: id.into(),
        field: field.unwrap_or("the whole item").into(),
        message: e.to_string(),
    })
}

fn bad_field(id: &str, field: &str) -> SettleError {
    SettleError::BadField {
        id: id.into(),
        field: field.into(),
    }
}

fn json(s: &str) -> Value {
    Value::String(s.into())
}

/// The plan's list an item belongs in: where it is, else by its id's kind.
fn list_of(plan: &Plan, id: &str) -> Option<&'static str> {
    let found = [
        plan.objectives.iter().any(|x| x.id == id),
        plan.key_results.iter().any(|x| x.id == id),
        plan.hypotheses.iter().any(|x| x.id == id),
        plan.debts.iter().any(|x| x.id == id),
        plan.sprints.iter().any(|x| x.id == id),
    ];
    if let Some(i) = found.iter().position(|&f| f) {
        return LISTS.get(i).copied();
    }
    Some(match Kind::of_id(id)? {
        Kind::Objective => "objectives",
        Kind::KeyResult => "key_results",
        Kind::Hypothesis => "hypotheses",
        Kind::Debt => "debts",
        Kind::Sprint => "sprints",
    })
}

/// The whole item: removed, replaced, or inserted where its id sorts.
fn whole(items: &mut Vec<Value>, at: Option<usize>, id: &str, value: Option<Value>) {
    match (at, value) {
        (Some(at), None) => {
            items.remove(at);
        }
        (Some(at), Some(v)) => items[at] = v,
        (None, Some(v)) => {
            let key = |x: &Value| x.get("id").and_then(Value::as_str).map(str::to_owned);
            let at = items
                .iter()
                .position(|x| key(x).is_some_and(|k| k.as_str() > id))
                .unwrap_or(items.len());
            items.insert(at, v);
        }
        (None, None) => {}
    }
}

/// One field of a record: `checkins[DATE]` by date, else a dotted path.
fn set_field(record: &mut Map<String, Value>, field: &str, value: Option<Value>) -> Option<()> {
    let Some(date) = field
        .strip_prefix(CHECKINS)
        .and_then(|r| r.strip_prefix('['))
        .and_then(|r| r.strip_suffix(']'))
    else {
        return set_path(record, field, value);
    };
    let list = record
        .entry(CHECKINS)
        .or_insert_with(|| Value::Array(Vec::new()))
        .as_array_mut()?;
    let at = list.iter().position(|c| c.get("date") == Some(&json(date)));
    match (at, value) {
        (Some(at), None) => {
            list.remove(at);
        }
        (Some(at), Some(v)) => {
            list.get_mut(at)?.as_object_mut()?.insert("value".into(), v);
        }
        (None, Some(v)) => {
            let mut c = Map::new();
            c.insert("date".into(), json(date));
            c.insert("value".into(), v);
            list.push(Value::Object(c));
            let date = |c: &Value| c.get("date").and_then(Value::as_str).map(str::to_owned);
            list.sort_by_key(date);
        }
        (None, None) => {}
    }
    // The stored mirror follows the check-ins, as in the merge.
    if let Some(last) = list.last().and_then(|c| c.get("value")).cloned() {
        record.insert(CURRENT.into(), last);
    }
    Some(())
}

/// A dotted path (`weights.risk`) inside an object: set, or removed for `None`.
fn set_path(m: &mut Map<String, Value>, path: &str, value: Option<Value>) -> Option<()> {
    match path.split_once('.') {
        Some((head, rest)) if m.get(head).is_some_and(Value::is_object) => {
            set_path(m.get_mut(head)?.as_object_mut()?, rest, value)
        }
        _ => {
            match value {
                Some(v) => m.insert(path.into(), v),
                None => m.remove(path),
            };
            Some(())
        }
    }
}
