//! The merge's rules for fields that are not merged as plain values: sets
//! and the record of the last import (check-ins by date: `checkins.rs`).

use serde_json::Value;

/// Of two import records, the later by date (ours on a tie); one side's
/// when the other has none.
pub(super) fn later_import<'a>(o: Option<&'a Value>, t: Option<&'a Value>) -> Option<&'a Value> {
    let date = |v: &Value| {
        v.get("date")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_owned()
    };
    match (o, t) {
        (Some(o), Some(t)) if date(t) > date(o) => Some(t),
        (None, t) => t,
        (o, _) => o,
    }
}

pub(super) fn array(v: Option<&Value>) -> &[Value] {
    v.and_then(Value::as_array).map_or(&[], Vec::as_slice)
}

pub(super) fn string(v: Option<&Value>) -> &str {
    v.and_then(Value::as_str).unwrap_or("")
}

/// A three-way set: what ours holds and theirs did not remove, in ours'
/// order, then what theirs added.
pub(super) fn merge_set(b: &[Value], o: &[Value], t: &[Value]) -> Vec<Value> {
    let mut out: Vec<Value> = Vec::new();
    let kept = o.iter().filter(|x| t.contains(x) || !b.contains(x));
    let added = t.iter().filter(|x| !b.contains(x));
    for x in kept.chain(added) {
        if !out.contains(x) {
            out.push(x.clone());
        }
    }
    out
}
