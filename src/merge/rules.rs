//! The merge's rules for fields that are not merged as plain values: sets,
//! check-ins by date, and the record of the last import.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::{CHECKINS, Conflict};

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

/// Check-ins matched by date, each merged whole; sorted by date.
pub(super) fn merge_checkins(
    id: &str,
    b: Option<&Value>,
    o: Option<&Value>,
    t: Option<&Value>,
    conflicts: &mut Vec<Conflict>,
) -> Vec<Value> {
    let by_date = |v: Option<&Value>| -> BTreeMap<String, Value> {
        array(v)
            .iter()
            .map(|c| (string(c.get("date")).to_owned(), c.clone()))
            .collect()
    };
    let (b, o, t) = (by_date(b), by_date(o), by_date(t));
    let dates: BTreeSet<&String> = b.keys().chain(o.keys()).chain(t.keys()).collect();
    let mut out = Vec::new();
    for date in dates {
        let (bv, ov, tv) = (b.get(date), o.get(date), t.get(date));
        let pick = if ov == tv || bv == tv {
            ov
        } else if bv == ov {
            tv
        } else {
            let value = |c: Option<&Value>| c.and_then(|c| c.get("value")).map(Value::to_string);
            conflicts.push(Conflict {
                id: id.into(),
                field: Some(format!("{CHECKINS}[{date}]")),
                base: value(bv),
                ours: value(ov),
                theirs: value(tv),
            });
            ov
        };
        out.extend(pick.cloned());
    }
    out
}
