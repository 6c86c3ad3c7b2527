//! An edit made against the plan as it was when the edit began (a form
//! opened before another program changed the file), merged into the plan
//! as it is now: the edit's base is the item as opened, ours the edited
//! item, theirs the item now. Only what the edit changed lands; a field
//! changed both by the edit and since is a [`Conflict`], settled like any
//! other ([`settle`](super::settle)) on the small plan [`EditMerge::merged`]
//! holds. Plans in, a change out: the session applies it as any change.

use super::{Conflict, merge};
use crate::model::{Change, Op, Plan};

/// An edit merged with what changed since it began.
#[derive(Debug, Clone, PartialEq)]
pub struct EditMerge {
    /// The edited records and the settings alone, merged (ours at each
    /// conflict): settle the conflicts on it, then [`into_change`].
    pub merged: Plan,
    /// The ids the edit touched (its records; the settings are always in).
    pub ids: Vec<String>,
    pub conflicts: Vec<Conflict>,
}

/// Merges `edit` (made against `opened`) into `now`.
pub fn merge_edit(opened: &Plan, now: &Plan, edit: &Change) -> EditMerge {
    let ids: Vec<String> = edit
        .ops
        .iter()
        .filter_map(|op| match op {
            Op::Put(item) => Some(item.id().to_owned()),
            Op::Remove(_, id) => Some(id.clone()),
            Op::SetMeta(_) => None,
        })
        .collect();
    let base = alone(opened, &ids);
    let mut ours = base.clone();
    ours.apply(edit.clone());
    let theirs = alone(now, &ids);
    let merged = merge(&base, &ours, &theirs);
    EditMerge {
        merged: merged.plan,
        ids,
        conflicts: merged.conflicts,
    }
}

/// The change that puts `merged` (an [`EditMerge::merged`], settled) into
/// `now`; `None` when `now` holds it already.
pub fn into_change(merged: &Plan, ids: &[String], now: &Plan, label: &str) -> Option<Change> {
    let mut change = Change::new(label);
    for id in ids {
        match (merged.item(id), now.item(id)) {
            (Some(item), current) if current.as_ref() != Some(&item) => {
                change.ops.push(Op::Put(item));
            }
            (None, Some(current)) => change.ops.push(Op::Remove(current.kind(), id.clone())),
            _ => {}
        }
    }
    if merged.meta() != now.meta() {
        change.ops.push(Op::SetMeta(Box::new(merged.meta())));
    }
    (!change.ops.is_empty()).then_some(change)
}

/// `ids` of `plan` and its settings, alone in a plan.
fn alone(plan: &Plan, ids: &[String]) -> Plan {
    let mut p = Plan {
        schema: plan.schema,
        ..Plan::default()
    };
    let mut only = Change::new("");
    only.ops.push(Op::SetMeta(Box::new(plan.meta())));
    only.ops
        .extend(ids.iter().filter_map(|id| plan.item(id)).map(Op::Put));
    p.apply(only);
    p
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Debt, Item, KeyResult};
    use chrono::NaiveDate;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    fn plan() -> Plan {
        let mut d = Debt::new("D-1".into(), "alpha".into(), day(1));
        d.risk = 5;
        Plan {
            debts: vec![d, Debt::new("D-2".into(), "two".into(), day(1))],
            ..Plan::default()
        }
    }

    fn retitled(p: &Plan, title: &str) -> Change {
        let mut d = p.debt("D-1").unwrap().clone();
        d.title = title.into();
        Change::new("edit D-1").put(Item::Debt(d))
    }

    #[test]
    fn only_the_fields_the_edit_changed_land_over_a_change_made_since() {
        let opened = plan();
        let mut now = opened.clone();
        now.debts[0].risk = 1;
        let m = merge_edit(&opened, &now, &retitled(&opened, "alpha 2"));
        assert!(m.conflicts.is_empty());
        let change = into_change(&m.merged, &m.ids, &now, "edit D-1").unwrap();
        now.apply(change);
        let d = now.debt("D-1").unwrap();
        assert_eq!(
            (d.title.as_str(), d.risk),
            ("alpha 2", 1),
            "their risk stays"
        );
    }

    #[test]
    fn a_field_changed_by_the_edit_and_since_is_a_conflict() {
        let opened = plan();
        let mut now = opened.clone();
        now.debts[0].title = "theirs".into();
        let m = merge_edit(&opened, &now, &retitled(&opened, "mine"));
        assert_eq!(m.conflicts.len(), 1);
        assert_eq!(m.conflicts[0].field.as_deref(), Some("title"));
        let theirs =
            crate::merge::settle(&m.merged, &m.conflicts[0], crate::merge::Side::Theirs).unwrap();
        assert_eq!(
            into_change(&theirs, &m.ids, &now, "x"),
            None,
            "theirs is there"
        );
    }

    #[test]
    fn a_key_result_edit_keeps_a_target_and_a_check_in_made_since() {
        let mut kr = KeyResult::bare_fixture("KR-1", "O-1");
        kr.target = Some(30.0);
        let opened = Plan {
            key_results: vec![kr],
            ..Plan::default()
        };
        let mut now = opened.clone();
        now.key_results[0].target = Some(25.0);
        now.key_results[0].checkins.push(crate::model::Checkin {
            date: day(2),
            value: 7.0,
        });
        now.key_results[0].current = 7.0;
        // The form's item: the title changed, everything else as opened
        // (its current is the stale 0).
        let mut mine = opened.key_results[0].clone();
        mine.title = "renamed".into();
        let m = merge_edit(
            &opened,
            &now,
            &Change::new("edit KR-1").put(Item::KeyResult(mine)),
        );
        assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
        let mut after = now.clone();
        after.apply(into_change(&m.merged, &m.ids, &now, "edit").unwrap());
        let k = &after.key_results[0];
        assert_eq!(k.title, "renamed");
        assert_eq!(k.target, Some(25.0), "their target stays");
        assert_eq!(
            (k.checkins.len(), k.current),
            (1, 7.0),
            "their check-in stays"
        );
    }

    #[test]
    fn an_item_deleted_since_is_a_conflict() {
        let opened = plan();
        let mut now = opened.clone();
        now.debts.remove(0);
        let m = merge_edit(&opened, &now, &retitled(&opened, "mine"));
        assert_eq!(m.conflicts.len(), 1);
        assert_eq!(m.conflicts[0].field, None);
    }
}
