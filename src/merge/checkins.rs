//! Check-ins and the `current` that mirrors them: merged by date, and the
//! mirror set again wherever a plan is put together outside the merge.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::rules::{array, string};
use super::{CHECKINS, Conflict};
use crate::model::Plan;

/// Every key result's derived `current` set from its latest check-in
/// ([`KeyResult::mirror_latest`](crate::model::KeyResult::mirror_latest)),
/// as the merge leaves it: for a plan put together outside the merge
/// (conflict markers settled side by side, `bearing resolve`), where the
/// check-in and the stored mirror may come from different sides.
pub fn mirror_current(plan: &mut Plan) {
    for kr in &mut plan.key_results {
        kr.mirror_latest();
    }
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
                reason: None,
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
