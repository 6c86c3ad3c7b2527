//! Unit tests, compiled only under `#[cfg(test)] mod tests;` in the parent:
//! unwrap() here is on fixtures the test builds, never on user input.

use chrono::NaiveDate;
use proptest::prelude::*;

use super::incremental::single_debt_put;
use super::{Cache, DebtFilter, SortColumn, StatusFilter};
use crate::model::{Change, DebtStatus, Item, Op, Plan};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()
}

/// What `build` derives from the debts, which `update_debt` must match.
fn debt_parts(c: &Cache) -> impl PartialEq + std::fmt::Debug + '_ {
    (
        &c.scores,
        &c.rank,
        &c.ranking,
        &c.debt_rows,
        &c.candidates,
        &c.kr_debts,
    )
}

/// One in-place edit of debt item `pick % n`, of the kind the UI makes.
fn edit(plan: &Plan, pick: usize, what: u8, value: u8) -> Change {
    let mut d = plan.debts[pick % plan.debts.len()].clone();
    let v = value % 6;
    match what % 9 {
        0 => d.customer = v,
        1 => d.delivery = v,
        2 => d.risk = v,
        3 => d.urgency = v,
        4 => d.effort = (value % 14 != 13).then_some(u32::from(value % 13) + 1),
        5 => d.status = DebtStatus::ALL[usize::from(value) % DebtStatus::ALL.len()],
        6 => {
            d.title = format!(
                "{} retitled {value}",
                ["alpha", "Zeta", "mid"][usize::from(v % 3)]
            )
        }
        7 => d.owner = ["ana", "bo", "zed"][usize::from(v % 3)].into(),
        _ => {
            d.key_results = plan
                .key_results
                .iter()
                .skip(usize::from(v))
                .take(usize::from(value % 3))
                .map(|k| k.id.clone())
                .collect();
        }
    }
    Change {
        label: "edit".into(),
        ops: vec![Op::Put(Item::Debt(d))],
    }
}

const SORTS: [SortColumn; 8] = SortColumn::ALL;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn single_item_edits_match_a_full_rebuild(
        seed in 1u64..1000,
        sort in 0usize..8,
        descending in any::<bool>(),
        status in 0usize..6,
        edits in proptest::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 1..12),
    ) {
        let mut plan = crate::synth::plan(150, seed);
        let filter = DebtFilter { status: StatusFilter::CYCLE[status], ..DebtFilter::default() };
        let sort = SORTS[sort];
        let mut cache = Cache::build(&plan, today(), &filter, sort, descending);
        for (pick, what, value) in edits {
            let change = edit(&plan, pick, what, value);
            let id = single_debt_put(&change).unwrap().to_owned();
            let before = cache.rank.clone();
            plan.apply(change);
            let i = plan.debts.binary_search_by(|d| d.id.cmp(&id)).unwrap();
            cache.update_debt(&plan, today(), i, &filter, sort, descending);
            let full = Cache::build(&plan, today(), &filter, sort, descending);
            prop_assert_eq!(debt_parts(&cache), debt_parts(&full));
            prop_assert_eq!(&cache.prev_rank, &before);
            let none = crate::check::Context::default();
            prop_assert_eq!(cache.findings(&plan, today(), &none), full.findings(&plan, today(), &none));
        }
    }
}

#[test]
fn a_raised_rating_moves_the_item_up_and_marks_where_it_was() {
    let mut plan = crate::synth::plan(200, 7);
    let filter = DebtFilter::default();
    let mut cache = Cache::build(&plan, today(), &filter, SortColumn::Rank, false);
    let last = *cache.ranking.last().unwrap();
    let was = cache.rank[last].unwrap();
    let mut d = plan.debts[last].clone();
    (d.customer, d.delivery, d.risk, d.urgency, d.effort) = (5, 5, 5, 5, Some(1));
    plan.apply(Change {
        label: "rate".into(),
        ops: vec![Op::Put(Item::Debt(d))],
    });
    cache.update_debt(&plan, today(), last, &filter, SortColumn::Rank, false);
    assert!(cache.rank[last].unwrap() < was);
    assert_eq!(cache.moved_from(last), Some(was));
    assert_eq!(
        cache.debt_rows.iter().position(|&x| x == last).unwrap() + 1,
        cache.rank[last].unwrap() as usize
    );
}

#[test]
fn only_a_lone_debt_put_is_incremental() {
    let plan = crate::synth::plan(10, 3);
    let put = |i: usize| Op::Put(Item::Debt(plan.debts[i].clone()));
    let one = Change {
        label: "x".into(),
        ops: vec![put(0)],
    };
    assert_eq!(single_debt_put(&one), Some(plan.debts[0].id.as_str()));
    let two = Change {
        label: "x".into(),
        ops: vec![put(0), put(1)],
    };
    assert_eq!(single_debt_put(&two), None);
    let gone = Change {
        label: "x".into(),
        ops: vec![Op::Remove(
            crate::model::Kind::Debt,
            plan.debts[0].id.clone(),
        )],
    };
    assert_eq!(single_debt_put(&gone), None);
}
