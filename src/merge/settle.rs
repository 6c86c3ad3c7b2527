//! Settling one [`Conflict`] of a merge: the conflict's field (or the whole
//! item, when it names no field) set to one side's value.
//!
//! The merged plan holds ours at every conflict; settling with
//! [`Side::Theirs`] or [`Side::Base`] writes that side's value there, and
//! settling with [`Side::Ours`] leaves it as it is. A check-in settled
//! (`checkins[DATE]`) recomputes the key result's `current` as the merge
//! does. Pure: a plan in, a new plan out.

use serde::Serialize;
use serde::de::DeserializeOwned;
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
    let mut p = plan.clone();
    settle_in_place(&mut p, conflict, side)?;
    Ok(p)
}

/// [`settle`] on the plan itself, touching only the one record (or the
/// settings): cheap on a large plan. On an error the plan is unchanged.
pub fn settle_in_place(
    plan: &mut Plan,
    conflict: &Conflict,
    side: Side,
) -> Result<(), SettleError> {
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
    let field = conflict.field.as_deref();
    let invalid = |e: serde_json::Error| SettleError::Invalid {
        id: id.into(),
        field: field.unwrap_or("the whole item").into(),
        message: e.to_string(),
    };
    if id == SETTINGS {
        let field = field.ok_or(SettleError::WholeSettings)?;
        let top = field.split('.').next().unwrap_or(field);
        if LISTS.contains(&top) {
            return Err(bad_field(id, field));
        }
        // The settings alone: the lists are set aside, not serialized.
        let lists = take_lists(plan);
        let mut root = object(&*plan);
        let settled = set_path(&mut root, field, value)
            .ok_or_else(|| bad_field(id, field))
            .and_then(|()| serde_json::from_value::<Plan>(Value::Object(root)).map_err(invalid));
        if let Ok(new) = &settled {
            *plan = new.clone();
        }
        put_lists(plan, lists);
        return settled.map(|_| ());
    }
    let list = list_of(plan, id).ok_or_else(|| SettleError::UnknownItem { id: id.into() })?;
    let settle = Record { id, field, value };
    match list {
        "objectives" => settle.into(&mut plan.objectives, |x| &x.id),
        "key_results" => settle.into(&mut plan.key_results, |x| &x.id),
        "hypotheses" => settle.into(&mut plan.hypotheses, |x| &x.id),
        "debts" => settle.into(&mut plan.debts, |x| &x.id),
        _ => settle.into(&mut plan.sprints, |x| &x.id),
    }
    .map_err(|e| match e {
        RecordError::Json(e) => invalid(e),
        RecordError::Other(e) => e,
    })
}

type Lists = (
    Vec<crate::model::Objective>,
    Vec<crate::model::KeyResult>,
    Vec<crate::model::Hypothesis>,
    Vec<crate::model::Debt>,
    Vec<crate::model::Sprint>,
);

fn take_lists(p: &mut Plan) -> Lists {
    (
        std::mem::take(&mut p.objectives),
        std::mem::take(&mut p.key_results),
        std::mem::take(&mut p.hypotheses),
        std::mem::take(&mut p.debts),
        std::mem::take(&mut p.sprints),
    )
}

fn put_lists(p: &mut Plan, l: Lists) {
    (
        p.objectives,
        p.key_results,
        p.hypotheses,
        p.debts,
        p.sprints,
    ) = l;
}

/// One record's settling.
struct Record<'a> {
    id: &'a str,
    field: Option<&'a str>,
    value: Option<Value>,
}

enum RecordError {
    Json(serde_json::Error),
    Other(SettleError),
}

impl Record<'_> {
    fn into<T: Serialize + DeserializeOwned>(
        self,
        items: &mut Vec<T>,
        id_of: impl Fn(&T) -> &String,
    ) -> Result<(), RecordError> {
        let id = self.id;
        let unknown = || RecordError::Other(SettleError::UnknownItem { id: id.into() });
        let at = items.iter().position(|x| id_of(x) == id);
        match (self.field, at, self.value) {
            (None, Some(at), None) => {
                items.remove(at);
            }
            (None, Some(at), Some(v)) => {
                items[at] = serde_json::from_value(v).map_err(RecordError::Json)?;
            }
            (None, None, Some(v)) => {
                let x: T = serde_json::from_value(v).map_err(RecordError::Json)?;
                // Where its id sorts, as the merge leaves lists.
                let at = items.partition_point(|y| id_of(y).as_str() <= id);
                items.insert(at, x);
            }
            (None, None, None) => {}
            (Some(f), Some(at), value) => {
                let mut record = object(&items[at]);
                set_field(&mut record, f, value)
                    .ok_or_else(|| RecordError::Other(bad_field(id, f)))?;
                items[at] =
                    serde_json::from_value(Value::Object(record)).map_err(RecordError::Json)?;
            }
            (Some(_), None, _) => return Err(unknown()),
        }
        Ok(())
    }
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
    // The stored mirror follows the check-ins, as in the merge; with none
    // left it is the baseline, as `KeyResult::remove_check_in` leaves it
    // (else which side was ours would decide it).
    let mirror = match list.last() {
        Some(last) => last.get("value").cloned(),
        None => record.get("baseline").cloned(),
    };
    if let Some(v) = mirror {
        record.insert(CURRENT.into(), v);
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
