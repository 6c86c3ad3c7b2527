//! Undo and redo. Each entry is the inverse [`Change`] returned by
//! `Plan::apply`, so memory holds only the items that changed, never copies
//! of the plan.

use std::collections::VecDeque;

use crate::model::{Change, Plan};

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
}
