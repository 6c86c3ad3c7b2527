//! Every edit of a plan goes through [`Plan::apply`]: a [`Change`] is a list of
//! whole-item puts and removes, and applying it returns its inverse. Undo keeps
//! only the changed items, never a copy of the plan, and the status bar can
//! name what happened.

use super::plan::{HasId, position};
use super::{
    Debt, HealthThresholds, Hypothesis, KeyResult, Kind, Objective, Plan, Policy, Sprint, Weights,
};

/// One entity, whole.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Objective(Objective),
    KeyResult(KeyResult),
    Hypothesis(Hypothesis),
    Debt(Debt),
    Sprint(Sprint),
}

impl Item {
    pub fn id(&self) -> &str {
        match self {
            Item::Objective(x) => &x.id,
            Item::KeyResult(x) => &x.id,
            Item::Hypothesis(x) => &x.id,
            Item::Debt(x) => &x.id,
            Item::Sprint(x) => &x.id,
        }
    }

    pub fn kind(&self) -> Kind {
        match self {
            Item::Objective(_) => Kind::Objective,
            Item::KeyResult(_) => Kind::KeyResult,
            Item::Hypothesis(_) => Kind::Hypothesis,
            Item::Debt(_) => Kind::Debt,
            Item::Sprint(_) => Kind::Sprint,
        }
    }
}

/// The plan-wide settings: edited as one piece.
#[derive(Debug, Clone, PartialEq)]
pub struct Meta {
    pub north_star: String,
    pub weights: Weights,
    pub health: HealthThresholds,
    pub policy: Policy,
}

// Ops are few per change and short-lived; boxing every item would add an
// allocation per edit for no gain.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    /// Insert the item, or replace the one with its id.
    Put(Item),
    /// Remove the item with this id (nothing if there is none).
    Remove(Kind, String),
    SetMeta(Box<Meta>),
}

/// A named group of operations that is done and undone as one step.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub label: String,
    pub ops: Vec<Op>,
}

impl Change {
    pub fn new(label: impl Into<String>) -> Self {
        Change {
            label: label.into(),
            ops: Vec::new(),
        }
    }

    pub fn put(mut self, item: Item) -> Self {
        self.ops.push(Op::Put(item));
        self
    }

    pub fn remove(mut self, kind: Kind, id: impl Into<String>) -> Self {
        self.ops.push(Op::Remove(kind, id.into()));
        self
    }

    pub fn is_empty(&self) -> bool {
        self.ops.is_empty()
    }
}

fn put<T: HasId>(list: &mut Vec<T>, item: T) -> Option<T> {
    match position(list, item.id()) {
        Ok(i) => Some(std::mem::replace(&mut list[i], item)),
        Err(i) => {
            list.insert(i, item);
            None
        }
    }
}

fn take<T: HasId>(list: &mut Vec<T>, id: &str) -> Option<T> {
    position(list, id).ok().map(|i| list.remove(i))
}

impl Plan {
    pub fn meta(&self) -> Meta {
        Meta {
            north_star: self.north_star.clone(),
            weights: self.weights,
            health: self.health,
            policy: self.policy,
        }
    }

    /// Applies `change` and returns the change that undoes it.
    pub fn apply(&mut self, change: Change) -> Change {
        let mut inverse = Vec::with_capacity(change.ops.len());
        for op in change.ops {
            inverse.push(self.apply_op(op));
        }
        inverse.reverse();
        Change {
            label: change.label,
            ops: inverse,
        }
    }

    fn apply_op(&mut self, op: Op) -> Op {
        match op {
            Op::Put(item) => {
                let kind = item.kind();
                let id = item.id().to_owned();
                let old = match item {
                    Item::Objective(x) => put(&mut self.objectives, x).map(Item::Objective),
                    Item::KeyResult(x) => put(&mut self.key_results, x).map(Item::KeyResult),
                    Item::Hypothesis(x) => put(&mut self.hypotheses, x).map(Item::Hypothesis),
                    Item::Debt(x) => put(&mut self.debts, x).map(Item::Debt),
                    Item::Sprint(x) => put(&mut self.sprints, x).map(Item::Sprint),
                };
                match old {
                    Some(old) => Op::Put(old),
                    None => Op::Remove(kind, id),
                }
            }
            Op::Remove(kind, id) => {
                let old = match kind {
                    Kind::Objective => take(&mut self.objectives, &id).map(Item::Objective),
                    Kind::KeyResult => take(&mut self.key_results, &id).map(Item::KeyResult),
                    Kind::Hypothesis => take(&mut self.hypotheses, &id).map(Item::Hypothesis),
                    Kind::Debt => take(&mut self.debts, &id).map(Item::Debt),
                    Kind::Sprint => take(&mut self.sprints, &id).map(Item::Sprint),
                };
                match old {
                    Some(old) => Op::Put(old),
                    // Removing nothing is undone by removing nothing.
                    None => Op::Remove(kind, id),
                }
            }
            Op::SetMeta(meta) => {
                let old = self.meta();
                let Meta {
                    north_star,
                    weights,
                    health,
                    policy,
                } = *meta;
                self.north_star = north_star;
                self.weights = weights;
                self.health = health;
                self.policy = policy;
                Op::SetMeta(Box::new(old))
            }
        }
    }

    /// The item with this id, whole (for edits that change one field).
    pub fn item(&self, id: &str) -> Option<Item> {
        Some(match Kind::of_id(id)? {
            Kind::Objective => Item::Objective(self.objective(id)?.clone()),
            Kind::KeyResult => Item::KeyResult(self.key_result(id)?.clone()),
            Kind::Hypothesis => Item::Hypothesis(self.hypothesis(id)?.clone()),
            Kind::Debt => Item::Debt(self.debt(id)?.clone()),
            Kind::Sprint => Item::Sprint(self.sprint(id)?.clone()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 1, 5).unwrap()
    }

    #[test]
    fn apply_then_inverse_restores_plan() {
        let mut plan = Plan::default();
        plan.debts
            .push(Debt::new("D-00002".into(), "b".into(), day()));
        let before = plan.clone();

        let mut edited = plan.debts[0].clone();
        edited.title = "changed".into();
        let change = Change::new("edit")
            .put(Item::Debt(Debt::new("D-00001".into(), "a".into(), day())))
            .put(Item::Debt(edited))
            .remove(Kind::Debt, "D-00002");
        let inverse = plan.apply(change);
        assert_eq!(plan.debts.len(), 1);
        assert_eq!(plan.debts[0].id, "D-00001");

        let redo = plan.apply(inverse);
        assert_eq!(plan, before);
        plan.apply(redo);
        assert_eq!(plan.debts[0].id, "D-00001");
    }

    #[test]
    fn put_keeps_lists_sorted() {
        let mut plan = Plan::default();
        for id in ["D-0000C", "D-0000A", "D-0000B"] {
            plan.apply(Change::new("add").put(Item::Debt(Debt::new(id.into(), id.into(), day()))));
        }
        let ids: Vec<_> = plan.debts.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["D-0000A", "D-0000B", "D-0000C"]);
        assert!(plan.debt("D-0000B").is_some());
    }

    #[test]
    fn meta_round_trips() {
        let mut plan = Plan::default();
        let mut meta = plan.meta();
        meta.north_star = "new".into();
        meta.weights.risk = 3.0;
        let inverse = plan.apply(Change {
            label: "weights".into(),
            ops: vec![Op::SetMeta(Box::new(meta))],
        });
        assert_eq!(plan.weights.risk, 3.0);
        plan.apply(inverse);
        assert_eq!(plan, Plan::default());
    }
}
