//! Undo and redo. Each entry is the inverse [`Change`] returned by
//! `Plan::apply`, so memory holds only the items that changed, never copies
//! of the plan.

use std::collections::{BTreeSet, VecDeque};

use crate::merge::SETTINGS;
use crate::model::{Change, Op, Plan};

/// How many steps back undo can go; the oldest are dropped beyond this.
pub const LIMIT: usize = 500;

#[derive(Debug, Default)]
pub struct History {
    undo: VecDeque<Change>,
    redo: Vec<Change>,
}

impl History {
    /// Records the inverse of a change just made; a new change forgets the
    /// redo stack, as in every editor.
    pub fn record(&mut self, inverse: Change) {
        if self.undo.len() == LIMIT {
            self.undo.pop_front();
        }
        self.undo.push_back(inverse);
        self.redo.clear();
    }

    /// Undoes the last change; returns its label.
    pub fn undo(&mut self, plan: &mut Plan) -> Option<String> {
        let inverse = self.undo.pop_back()?;
        let label = inverse.label.clone();
        self.redo.push(plan.apply(inverse));
        Some(label)
    }

    /// Redoes the last undone change; returns its label.
    pub fn redo(&mut self, plan: &mut Plan) -> Option<String> {
        let change = self.redo.pop()?;
        let label = change.label.clone();
        self.undo.push_back(plan.apply(change));
        Some(label)
    }

    /// The change the next undo (or redo) applies.
    pub fn peek(&self, undo: bool) -> Option<&Change> {
        if undo {
            self.undo.back()
        } else {
            self.redo.last()
        }
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    pub fn len(&self) -> usize {
        self.undo.len()
    }

    pub fn is_empty(&self) -> bool {
        self.undo.is_empty()
    }

    /// Keeps the steps that still apply after an outside change was merged
    /// in: `touched` names what the merge changed (item ids, and
    /// [`SETTINGS`] for the plan settings). Every step is whole items, so a
    /// step that puts or removes a touched item would undo their change
    /// too: it is dropped. Each stack is walked from the step that runs
    /// next; a dropped step leaves its own items touched for the steps
    /// behind it (they expect the state it would have left). Returns how
    /// many steps were dropped.
    pub fn retain_untouched(&mut self, touched: &BTreeSet<String>) -> usize {
        let before = self.undo.len() + self.redo.len();
        let mut tainted = touched.clone();
        let mut kept: VecDeque<Change> = VecDeque::with_capacity(self.undo.len());
        while let Some(step) = self.undo.pop_back() {
            if keep(&step, &mut tainted) {
                kept.push_front(step);
            }
        }
        self.undo = kept;
        let mut tainted = touched.clone();
        let mut kept = Vec::with_capacity(self.redo.len());
        while let Some(step) = self.redo.pop() {
            if keep(&step, &mut tainted) {
                kept.push(step);
            }
        }
        kept.reverse();
        self.redo = kept;
        before - self.undo.len() - self.redo.len()
    }
}

/// The ids a step puts or removes ([`SETTINGS`] for the settings).
fn touches(step: &Change) -> impl Iterator<Item = &str> {
    step.ops.iter().map(|op| match op {
        Op::Put(item) => item.id(),
        Op::Remove(_, id) => id.as_str(),
        Op::SetMeta(_) => SETTINGS,
    })
}

/// Whether `step` touches nothing in `tainted`; when it does, its own ids
/// become tainted too.
fn keep(step: &Change, tainted: &mut BTreeSet<String>) -> bool {
    if touches(step).any(|id| tainted.contains(id)) {
        tainted.extend(touches(step).map(str::to_owned));
        false
    } else {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Debt, Item};
    use chrono::NaiveDate;

    fn add(plan: &mut Plan, h: &mut History, id: &str) {
        let d = Debt::new(
            id.into(),
            id.into(),
            NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        );
        h.record(plan.apply(Change::new(format!("add {id}")).put(Item::Debt(d))));
    }

    #[test]
    fn undo_then_redo_round_trips() {
        let (mut plan, mut h) = (Plan::default(), History::default());
        add(&mut plan, &mut h, "D-1");
        add(&mut plan, &mut h, "D-2");
        assert_eq!(h.undo(&mut plan).as_deref(), Some("add D-2"));
        assert_eq!(plan.debts.len(), 1);
        assert_eq!(h.undo(&mut plan).as_deref(), Some("add D-1"));
        assert!(plan.debts.is_empty());
        assert_eq!(h.undo(&mut plan), None);
        assert_eq!(h.redo(&mut plan).as_deref(), Some("add D-1"));
        assert_eq!(h.redo(&mut plan).as_deref(), Some("add D-2"));
        assert_eq!(plan.debts.len(), 2);
        assert_eq!(h.redo(&mut plan), None);
    }

    #[test]
    fn new_change_clears_redo_and_depth_is_bounded() {
        let (mut plan, mut h) = (Plan::default(), History::default());
        add(&mut plan, &mut h, "D-1");
        h.undo(&mut plan);
        assert!(h.can_redo());
        add(&mut plan, &mut h, "D-2");
        assert!(!h.can_redo());
        for i in 0..LIMIT + 10 {
            add(&mut plan, &mut h, &format!("D-X{i:04}"));
        }
        assert_eq!(h.len(), LIMIT);
    }

    #[test]
    fn steps_on_items_an_outside_change_touched_are_dropped_with_those_behind_them() {
        let (mut plan, mut h) = (Plan::default(), History::default());
        for id in ["D-1", "D-2", "D-3"] {
            add(&mut plan, &mut h, id);
        }
        // One step over D-2 and D-4 together, then D-4 alone.
        h.record(
            plan.apply(
                Change::new("both")
                    .put(plan.item("D-2").unwrap())
                    .put(Item::Debt(Debt::new(
                        "D-4".into(),
                        "x".into(),
                        NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
                    ))),
            ),
        );
        add(&mut plan, &mut h, "D-5");
        h.undo(&mut plan);
        let touched: BTreeSet<String> = ["D-2".to_owned()].into();
        // D-5's redo and D-1, D-3 stay; "both" touched D-2, and "add D-4"
        // is not a step of its own here, but "add D-2" is dropped.
        assert_eq!(h.retain_untouched(&touched), 2);
        assert_eq!(h.len(), 2);
        assert!(h.can_redo());
        assert_eq!(h.undo(&mut plan).as_deref(), Some("add D-3"));
        assert_eq!(h.undo(&mut plan).as_deref(), Some("add D-1"));
        assert_eq!(h.undo(&mut plan), None);
    }
}
