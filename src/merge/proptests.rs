//! The merge's laws on random plans and random edits: two edit sets that
//! touch different (item, field) pairs merge to both applied; merging a side
//! with itself or with the base gives that side; conflicts are the same
//! whichever side is ours; a clash is always reported, never picked.
//!
//! Compiled only under `#[cfg(test)] mod proptests;` in the parent:
//! unwrap() here is on fixtures the test builds, never on user input.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use proptest::prelude::*;

use super::*;
use crate::model::{Debt, Hypothesis, KeyResult, Objective, Sprint};

mod links;

const WORDS: [&str; 3] = ["alpha", "beta", "gamma"];
const KINDS: [&str; 5] = ["O", "KR", "H", "D", "S"];

fn day(n: u8) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 1).unwrap() + chrono::Days::new(u64::from(n % 20))
}

fn id(kind: usize, n: u8) -> String {
    format!("{}-{:05}", KINDS[kind % KINDS.len()], n)
}

fn word(n: u8) -> String {
    WORDS[usize::from(n) % WORDS.len()].to_owned()
}

fn put(p: &mut Plan, kind: usize, id: String, title: String) {
    let d = day(0);
    match kind % 5 {
        0 => p.objectives.push(Objective {
            id,
            title,
            description: String::new(),
        }),
        1 => {
            let mut kr = KeyResult::bare_fixture(&id, "O-00001");
            kr.title = title;
            p.key_results.push(kr);
        }
        2 => p.hypotheses.push(Hypothesis::new(id, title, d)),
        3 => p.debts.push(Debt::new(id, title, d)),
        _ => p.sprints.push(Sprint::new(id, title, d, day(13), 10)),
    }
    // A second put of one id replaces the first (the later one wins).
    p.objectives.reverse();
    p.key_results.reverse();
    p.hypotheses.reverse();
    p.debts.reverse();
    p.sprints.reverse();
    dedup(p);
    p.normalize();
}

fn dedup(p: &mut Plan) {
    fn by_id<T>(v: &mut Vec<T>, id: impl Fn(&T) -> &str) {
        let mut seen = BTreeSet::new();
        v.retain(|x| seen.insert(id(x).to_owned()));
    }
    by_id(&mut p.objectives, |x| &x.id);
    by_id(&mut p.key_results, |x| &x.id);
    by_id(&mut p.hypotheses, |x| &x.id);
    by_id(&mut p.debts, |x| &x.id);
    by_id(&mut p.sprints, |x| &x.id);
}

/// A base: up to three items of each kind (ids 1..=3), some check-ins.
pub(super) fn base() -> impl Strategy<Value = Plan> {
    (
        prop::collection::vec((0..5usize, 1..4u8, 0..3u8), 0..12),
        prop::collection::vec((1..4u8, 0..20u8, 0..8u8), 0..6),
    )
        .prop_map(|(items, checkins)| {
            let mut p = Plan::default();
            for (kind, n, t) in items {
                put(&mut p, kind, id(kind, n), word(t));
            }
            for (n, d, v) in checkins {
                if let Some(kr) = p.key_results.iter_mut().find(|k| k.id == id(1, n)) {
                    kr.check_in(day(d), f64::from(v) / 4.0);
                }
            }
            p
        })
}

#[derive(Debug, Clone)]
pub(super) enum Edit {
    /// The title (a sprint's name) of the base item at this index.
    Title(usize, u8),
    /// The owner (an objective's description, a sprint's goal).
    Owner(usize, u8),
    /// A number: a debt's customer, a hypothesis' impact, a sprint's
    /// capacity, a key result's baseline, an objective's title.
    Number(usize, u8),
    /// Toggles a member of the item's set: tags, linked key results, items.
    Toggle(usize, u8),
    CheckIn(usize, u8, u8),
    Remove(usize),
    /// A new item: kind, id number (90..93), title.
    Add(usize, u8, u8),
    Weight(u8, u8),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (0..20usize, 0..3u8).prop_map(|(i, v)| Edit::Title(i, v)),
        (0..20usize, 0..3u8).prop_map(|(i, v)| Edit::Owner(i, v)),
        (0..20usize, 1..4u8).prop_map(|(i, v)| Edit::Number(i, v)),
        (0..20usize, 0..3u8).prop_map(|(i, v)| Edit::Toggle(i, v)),
        (0..20usize, 0..20u8, 0..8u8).prop_map(|(i, d, v)| Edit::CheckIn(i, d, v)),
        (0..20usize).prop_map(Edit::Remove),
        (0..5usize, 90..93u8, 0..3u8).prop_map(|(k, n, t)| Edit::Add(k, n, t)),
        (0..2u8, 1..4u8).prop_map(|(w, v)| Edit::Weight(w, v)),
    ]
}

pub(super) fn edits() -> impl Strategy<Value = Vec<Edit>> {
    prop::collection::vec(edit(), 0..6)
}

/// The base's ids, all kinds, in a fixed order.
pub(super) fn ids(p: &Plan) -> Vec<String> {
    let mut v: Vec<String> = Vec::new();
    v.extend(p.objectives.iter().map(|x| x.id.clone()));
    v.extend(p.key_results.iter().map(|x| x.id.clone()));
    v.extend(p.hypotheses.iter().map(|x| x.id.clone()));
    v.extend(p.debts.iter().map(|x| x.id.clone()));
    v.extend(p.sprints.iter().map(|x| x.id.clone()));
    v
}

fn target(base: &[String], i: usize) -> Option<&String> {
    (!base.is_empty()).then(|| &base[i % base.len()])
}

/// The field an edit of this kind of item changes.
fn field(e: &Edit, id: &str) -> &'static str {
    let kind = id.split('-').next().unwrap_or("");
    match (e, kind) {
        (Edit::Title(..), "S") => "name",
        (Edit::Title(..), _) => "title",
        (Edit::Owner(..), "O") => "description",
        (Edit::Owner(..), "S") => "goal",
        (Edit::Owner(..), _) => "owner",
        (Edit::Number(..), "O") => "title",
        (Edit::Number(..), "KR") => "baseline",
        (Edit::Number(..), "H") => "impact",
        (Edit::Number(..), "D") => "customer",
        (Edit::Number(..), _) => "capacity",
        (Edit::Toggle(..), "D") => "tags",
        (Edit::Toggle(..), "S") => "items",
        (Edit::Toggle(..), _) => "key_results",
        (Edit::CheckIn(..), _) => "checkins",
        _ => "*",
    }
}

/// The (item, field) pairs an edit may change; `*` is the whole item. A new
/// link to an item touches it as `link`: it clashes with a removal of the
/// item (a dangling reference is a conflict), not with an edit of it.
fn touched(e: &Edit, base: &[String]) -> Vec<(String, String)> {
    let mut out = touched_fields(e, base);
    let link = match e {
        Edit::Add(k, _, _) if k % 5 == 1 => Some("O-00001".to_owned()),
        Edit::Toggle(i, v) => target(base, *i).and_then(|id| match id.split('-').next() {
            Some("H") => Some(format!("KR-0000{v}")),
            Some("S") => Some(format!("D-0000{v}")),
            _ => None,
        }),
        _ => None,
    };
    out.extend(link.map(|l| (l, "link".to_owned())));
    out
}

fn touched_fields(e: &Edit, base: &[String]) -> Vec<(String, String)> {
    match e {
        Edit::Add(k, n, _) => vec![(id(*k, *n), "*".into())],
        Edit::Weight(w, _) => vec![(SETTINGS.into(), format!("weight{w}"))],
        Edit::Title(i, _)
        | Edit::Owner(i, _)
        | Edit::Number(i, _)
        | Edit::Toggle(i, _)
        | Edit::CheckIn(i, ..)
        | Edit::Remove(i) => target(base, *i)
            .map(|id| (id.clone(), field(e, id).to_owned()))
            .into_iter()
            .collect(),
    }
}

fn clash(p: &(String, String), q: &(String, String)) -> bool {
    p.0 == q.0 && (p.1 == q.1 || p.1 == "*" || q.1 == "*")
}

pub(super) fn apply(plan: &Plan, base: &[String], edits: &[Edit]) -> Plan {
    let mut p = plan.clone();
    for e in edits {
        apply_one(&mut p, base, e);
    }
    p
}

fn apply_one(p: &mut Plan, base: &[String], e: &Edit) {
    if let Edit::Add(k, n, t) = e {
        return put(p, *k, id(*k, *n), word(*t));
    }
    if let Edit::Weight(w, v) = e {
        let v = f64::from(*v);
        return if *w == 0 {
            p.weights.customer = v
        } else {
            p.weights.risk = v
        };
    }
    let (Edit::Title(i, _)
    | Edit::Owner(i, _)
    | Edit::Number(i, _)
    | Edit::Toggle(i, _)
    | Edit::CheckIn(i, ..)
    | Edit::Remove(i)) = e
    else {
        return;
    };
    let Some(id) = target(base, *i) else { return };
    let toggle = |v: &mut Vec<String>, x: String| {
        if let Some(at) = v.iter().position(|y| *y == x) {
            v.remove(at);
        } else {
            v.push(x);
        }
    };
    if let Edit::Remove(_) = e {
        p.objectives.retain(|x| x.id != *id);
        p.key_results.retain(|x| x.id != *id);
        p.hypotheses.retain(|x| x.id != *id);
        p.debts.retain(|x| x.id != *id);
        p.sprints.retain(|x| x.id != *id);
        return;
    }
    if let Some(x) = p.objectives.iter_mut().find(|x| x.id == *id) {
        match e {
            Edit::Title(_, v) => x.title = word(*v),
            Edit::Owner(_, v) => x.description = word(*v),
            Edit::Number(_, v) => x.title = format!("n{v}"),
            _ => {}
        }
    } else if let Some(x) = p.key_results.iter_mut().find(|x| x.id == *id) {
        match e {
            Edit::Title(_, v) => x.title = word(*v),
            Edit::Owner(_, v) => x.owner = word(*v),
            Edit::Number(_, v) => x.baseline = f64::from(*v),
            Edit::Toggle(..) => {}
            Edit::CheckIn(_, d, v) => {
                x.check_in(day(*d), f64::from(*v) / 4.0);
            }
            _ => {}
        }
    } else if let Some(x) = p.hypotheses.iter_mut().find(|x| x.id == *id) {
        match e {
            Edit::Title(_, v) => x.title = word(*v),
            Edit::Owner(_, v) => x.owner = word(*v),
            Edit::Number(_, v) => x.impact = *v,
            Edit::Toggle(_, v) => toggle(&mut x.key_results, format!("KR-0000{v}")),
            _ => {}
        }
    } else if let Some(x) = p.debts.iter_mut().find(|x| x.id == *id) {
        match e {
            Edit::Title(_, v) => x.title = word(*v),
            Edit::Owner(_, v) => x.owner = word(*v),
            Edit::Number(_, v) => x.customer = *v,
            Edit::Toggle(_, v) => toggle(&mut x.tags, word(*v)),
            _ => {}
        }
    } else if let Some(x) = p.sprints.iter_mut().find(|x| x.id == *id) {
        match e {
            Edit::Title(_, v) => x.name = word(*v),
            Edit::Owner(_, v) => x.goal = word(*v),
            Edit::Number(_, v) => x.capacity = u32::from(*v),
            Edit::Toggle(_, v) => toggle(&mut x.items, format!("D-0000{v}")),
            _ => {}
        }
    }
}

fn places(m: &Merged) -> BTreeSet<(String, Option<String>)> {
    m.conflicts
        .iter()
        .map(|c| (c.id.clone(), c.field.clone()))
        .collect()
}

/// Every record of a plan as (id, JSON object).
fn records_of(p: &Plan) -> BTreeMap<String, Map<String, Value>> {
    let mut out = BTreeMap::new();
    let mut add = |m: Map<String, Value>| {
        let id = m["id"].as_str().unwrap().to_owned();
        out.insert(id, m);
    };
    p.objectives.iter().for_each(|x| add(object(x)));
    p.key_results.iter().for_each(|x| add(object(x)));
    p.hypotheses.iter().for_each(|x| add(object(x)));
    p.debts.iter().for_each(|x| add(object(x)));
    p.sprints.iter().for_each(|x| add(object(x)));
    out
}

/// Checks that every clash of (a, b) over `base` is among the conflicts and
/// that the merged plan holds ours there.
fn every_clash_is_reported(base: &Plan, a: &Plan, b: &Plan, m: &Merged) {
    let reported = places(m);
    let (rb, ra, rt, rm) = (
        records_of(base),
        records_of(a),
        records_of(b),
        records_of(&m.plan),
    );
    let all: BTreeSet<&String> = rb.keys().chain(ra.keys()).chain(rt.keys()).collect();
    for id in all {
        let (x, o, t) = (rb.get(id), ra.get(id), rt.get(id));
        if o != t && x != o && x != t {
            match (x, o, t) {
                (Some(x), Some(o), Some(t)) => {
                    for (f, ov) in o {
                        let skip = SETS.contains(&f.as_str())
                            || TEXTS.contains(&f.as_str())
                            || f == CHECKINS
                            || f == CURRENT;
                        let (xv, tv) = (x.get(f), t.get(f));
                        if !skip && Some(ov) != tv && Some(ov) != xv && xv != tv {
                            let at = (id.clone(), Some(f.clone()));
                            assert!(reported.contains(&at), "unreported {at:?}");
                            assert_eq!(rm[id].get(f), Some(ov), "not ours at {at:?}");
                        }
                    }
                }
                _ => {
                    let at = (id.clone(), None);
                    assert!(reported.contains(&at), "unreported {at:?}");
                    assert_eq!(rm.get(id), o, "not ours at {at:?}");
                }
            }
        }
    }
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 128,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    /// (a) Edits of different (item, field) pairs: the merge is both applied.
    #[test]
    fn disjoint_edits_merge_to_both_applied(base in base(), ea in edits(), eb in edits()) {
        let ids = ids(&base);
        let theirs_touch: Vec<_> = ea.iter().flat_map(|e| touched(e, &ids)).collect();
        let eb: Vec<Edit> = eb
            .into_iter()
            .filter(|e| {
                touched(e, &ids)
                    .iter()
                    .all(|p| theirs_touch.iter().all(|q| !clash(p, q)))
            })
            .collect();
        let a = apply(&base, &ids, &ea);
        let b = apply(&base, &ids, &eb);
        let both = apply(&a, &ids, &eb);
        let m = merge(&base, &a, &b);
        prop_assert_eq!(&m.conflicts, &Vec::new());
        prop_assert_eq!(m.plan, both);
    }

    /// (b) and (c): a side merged with itself or with the base is that side.
    #[test]
    fn a_side_with_itself_or_the_base_is_that_side(base in base(), ea in edits()) {
        let ids = ids(&base);
        let a = apply(&base, &ids, &ea);
        let same = merge(&base, &a, &a);
        prop_assert!(same.conflicts.is_empty());
        prop_assert_eq!(&same.plan, &a);
        let ours = merge(&base, &a, &base);
        prop_assert!(ours.conflicts.is_empty());
        prop_assert_eq!(&ours.plan, &a);
        let theirs = merge(&base, &base, &a);
        prop_assert!(theirs.conflicts.is_empty());
        prop_assert_eq!(&theirs.plan, &a);
    }

    /// (d) and (e): the conflicts do not depend on which side is ours, and
    /// every clash is one of them, with ours in the plan.
    #[test]
    fn clashes_are_conflicts_whichever_side_is_ours(base in base(), ea in edits(), eb in edits()) {
        let ids = ids(&base);
        let a = apply(&base, &ids, &ea);
        let b = apply(&base, &ids, &eb);
        let ab = merge(&base, &a, &b);
        let ba = merge(&base, &b, &a);
        prop_assert_eq!(places(&ab), places(&ba));
        every_clash_is_reported(&base, &a, &b, &ab);
        every_clash_is_reported(&base, &b, &a, &ba);
        for c in &ab.conflicts {
            prop_assert!(c.ours != c.theirs, "{:?}", c);
        }
    }
}
