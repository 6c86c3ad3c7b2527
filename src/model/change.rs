//! Every edit of a plan goes through [`Plan::apply`]: a [`Change`] is a list of
//! whole-item puts and removes, and applying it returns its inverse. Undo keeps
//! only the changed items, never a copy of the plan, and the status bar can
//! name what happened.

mod batch;

use super::plan::{HasId, position};
use super::{
    Debt, HealthThresholds, Hypothesis, ImportRules, KeyResult, Kind, Objective, Plan, Policy,
    Sprint, Weights,
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
    pub import: ImportRules,
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

macro_rules! item_from {
    ($($t:ident),*) => {$(
        impl From<$t> for Item {
            fn from(x: $t) -> Item {
                Item::$t(x)
            }
        }
    )*};
}
item_from!(Objective, KeyResult, Hypothesis, Debt, Sprint);

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

/// Items of one kind (unwrapped by `unwrap`) put into their list; what each
/// replaced, wrapped back.
fn put_items<T: HasId + Into<Item>>(
    list: &mut Vec<T>,
    run: Vec<Item>,
    unwrap: fn(Item) -> Option<T>,
) -> Vec<Option<Item>> {
    wrap(batch::put_all(
        list,
        run.into_iter().filter_map(unwrap).collect(),
    ))
}

fn wrap<T: Into<Item>>(olds: Vec<Option<T>>) -> Vec<Option<Item>> {
    olds.into_iter().map(|o| o.map(Into::into)).collect()
}

/// What undoes each operation of a run: the item it replaced or removed
/// back, or removing what it added.
fn undo_ops(kind: Kind, olds: Vec<Option<Item>>, ids: Vec<String>, inverse: &mut Vec<Op>) {
    for (old, id) in olds.into_iter().zip(ids) {
        inverse.push(match old {
            Some(old) => Op::Put(old),
            None => Op::Remove(kind, id),
        });
    }
}

impl Plan {
    pub fn meta(&self) -> Meta {
        Meta {
            north_star: self.north_star.clone(),
            weights: self.weights,
            health: self.health,
            policy: self.policy,
            import: self.import.clone(),
        }
    }

    /// Applies `change` and returns the change that undoes it.
    pub fn apply(&mut self, change: Change) -> Change {
        let mut inverse = Vec::with_capacity(change.ops.len());
        let mut ops = change.ops.into_iter().peekable();
        // Runs of puts or removes of one kind go in together (see `batch`).
        while let Some(op) = ops.next() {
            match op {
                Op::Put(item) => {
                    let kind = item.kind();
                    let mut run = vec![item];
                    while let Some(Op::Put(next)) = ops.peek()
                        && next.kind() == kind
                    {
                        if let Some(Op::Put(next)) = ops.next() {
                            run.push(next);
                        }
                    }
                    self.put_run(kind, run, &mut inverse);
                }
                Op::Remove(kind, id) => {
                    let mut ids = vec![id];
                    while let Some(Op::Remove(next, _)) = ops.peek()
                        && *next == kind
                    {
                        if let Some(Op::Remove(_, id)) = ops.next() {
                            ids.push(id);
                        }
                    }
                    self.remove_run(kind, ids, &mut inverse);
                }
                Op::SetMeta(meta) => inverse.push(self.set_meta(*meta)),
            }
        }
        inverse.reverse();
        Change {
            label: change.label,
            ops: inverse,
        }
    }

    fn put_run(&mut self, kind: Kind, run: Vec<Item>, inverse: &mut Vec<Op>) {
        let ids: Vec<String> = run.iter().map(|i| i.id().to_owned()).collect();
        let olds = match kind {
            Kind::Objective => put_items(&mut self.objectives, run, |i| match i {
                Item::Objective(x) => Some(x),
                _ => None,
            }),
            Kind::KeyResult => put_items(&mut self.key_results, run, |i| match i {
                Item::KeyResult(x) => Some(x),
                _ => None,
            }),
            Kind::Hypothesis => put_items(&mut self.hypotheses, run, |i| match i {
                Item::Hypothesis(x) => Some(x),
                _ => None,
            }),
            Kind::Debt => put_items(&mut self.debts, run, |i| match i {
                Item::Debt(x) => Some(x),
                _ => None,
            }),
            Kind::Sprint => put_items(&mut self.sprints, run, |i| match i {
                Item::Sprint(x) => Some(x),
                _ => None,
            }),
        };
        undo_ops(kind, olds, ids, inverse);
    }

    fn remove_run(&mut self, kind: Kind, ids: Vec<String>, inverse: &mut Vec<Op>) {
        let olds: Vec<Option<Item>> = match kind {
            Kind::Objective => wrap(batch::take_all(&mut self.objectives, &ids)),
            Kind::KeyResult => wrap(batch::take_all(&mut self.key_results, &ids)),
            Kind::Hypothesis => wrap(batch::take_all(&mut self.hypotheses, &ids)),
            Kind::Debt => wrap(batch::take_all(&mut self.debts, &ids)),
            Kind::Sprint => wrap(batch::take_all(&mut self.sprints, &ids)),
        };
        // Removing nothing is undone by removing nothing.
        undo_ops(kind, olds, ids, inverse);
    }

    fn set_meta(&mut self, meta: Meta) -> Op {
        let old = self.meta();
        let Meta {
            north_star,
            weights,
            health,
            policy,
            import,
        } = meta;
        self.north_star = north_star;
        self.weights = weights;
        self.health = health;
        self.policy = policy;
        self.import = import;
        Op::SetMeta(Box::new(old))
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

    /// One operation of a generated change: put a debt (id from a small
    /// pool, so some exist, some repeat), remove one, or put a sprint
    /// (which splits a run).
    #[derive(Debug, Clone)]
    enum Gen {
        PutDebt(u8, u8),
        RemoveDebt(u8),
        PutSprint(u8),
    }

    /// A block of operations: long runs of debt puts or removes (past
    /// `BATCH_FROM`, so they go in as one), or a sprint put between them.
    fn gen_block() -> impl proptest::strategy::Strategy<Value = Vec<Gen>> {
        use proptest::collection::vec;
        use proptest::prelude::*;
        prop_oneof![
            3 => vec((0u8..80, any::<u8>()).prop_map(|(i, v)| Gen::PutDebt(i, v)), 0..70),
            2 => vec((0u8..80).prop_map(Gen::RemoveDebt), 0..70),
            1 => (0u8..4).prop_map(|i| vec![Gen::PutSprint(i)]),
        ]
    }

    fn op(g: &Gen) -> Op {
        match *g {
            Gen::PutDebt(i, v) => {
                let mut d = Debt::new(format!("D-{i:05}"), format!("title {v}"), day());
                d.effort = Some(u32::from(v % 13) + 1);
                Op::Put(Item::Debt(d))
            }
            Gen::RemoveDebt(i) => Op::Remove(Kind::Debt, format!("D-{i:05}")),
            Gen::PutSprint(i) => Op::Put(Item::Sprint(crate::model::Sprint::new(
                format!("S-{i:05}"),
                "sprint".into(),
                day(),
                day(),
                10,
            ))),
        }
    }

    proptest::proptest! {
        /// Long runs go in as one merge; the plan and the inverse are
        /// exactly those of applying each operation on its own.
        #[test]
        fn runs_apply_as_one_by_one(
            base in proptest::collection::btree_set(0u8..80, 0..60),
            blocks in proptest::collection::vec(gen_block(), 0..5),
        ) {
            let mut plan = Plan::default();
            for i in base {
                plan.debts.push(Debt::new(format!("D-{i:05}"), "base".into(), day()));
            }
            let before = plan.clone();
            let change = Change { label: "run".into(), ops: blocks.iter().flatten().map(op).collect() };

            let mut one_by_one = plan.clone();
            let mut inverse_ops = Vec::new();
            for o in &change.ops {
                let inv = one_by_one.apply(Change { label: "x".into(), ops: vec![o.clone()] });
                inverse_ops.extend(inv.ops);
            }
            inverse_ops.reverse();

            let inverse = plan.apply(change);
            proptest::prop_assert_eq!(&plan, &one_by_one);
            proptest::prop_assert_eq!(&inverse.ops, &inverse_ops);
            proptest::prop_assert!(plan.debts.windows(2).all(|w| w[0].id < w[1].id));
            plan.apply(inverse);
            proptest::prop_assert_eq!(plan, before);
        }
    }

    #[test]
    fn a_big_import_and_its_undo_are_linear() {
        // 100k puts one by one shifted the list for each (35 s); as a run
        // it is one merge. No timing assert: the counts say it went in.
        let mut plan = Plan::default();
        let change = Change {
            label: "import".into(),
            ops: (0..100_000)
                .rev()
                .map(|i| {
                    Op::Put(Item::Debt(Debt::new(
                        format!("D-{i:06}"),
                        "t".into(),
                        day(),
                    )))
                })
                .collect(),
        };
        let undo = plan.apply(change);
        assert_eq!(plan.debts.len(), 100_000);
        assert!(plan.debts.windows(2).all(|w| w[0].id < w[1].id));
        plan.apply(undo);
        assert!(plan.debts.is_empty());
    }
}
