//! One debt item changed in place (a rating, its status, its title…): the
//! cache follows with a re-score of that item and a few binary searches
//! and moves, instead of re-scoring and re-sorting 100k items. Anything
//! else (adds, removes, weights, key results, reloads) rebuilds.

use std::cmp::Ordering;

use chrono::NaiveDate;

use super::{Cache, DebtFilter, SortColumn};
use crate::model::{Change, Item, Op, Plan};
use crate::planning;
use crate::score::{self, Scorer};

/// The id of the debt item a change puts, when that is all it does.
/// Whether it replaced an item (rather than adding one) is known after
/// the change: the list kept its length.
pub fn single_debt_put(change: &Change) -> Option<&str> {
    match change.ops.as_slice() {
        [Op::Put(Item::Debt(d))] => Some(d.id.as_str()),
        _ => None,
    }
}

impl Cache {
    /// Updates the cache after `plan.debts[i]` changed in place, as
    /// [`Cache::build`] would have left it (the tests compare both).
    pub fn update_debt(
        &mut self,
        plan: &Plan,
        today: NaiveDate,
        i: usize,
        filter: &DebtFilter,
        sort: SortColumn,
        descending: bool,
    ) {
        let Some(debt) = plan.debts.get(i) else {
            return;
        };
        if self.scores.len() != plan.debts.len() {
            *self = Cache::build(plan, today, filter, sort, descending);
            return;
        }
        self.prev_rank = self.rank.clone();
        self.scores[i] = Scorer::new(plan, today).wsjf(debt);
        self.findings = Default::default();
        self.forecasts = Default::default();
        // A status or effort change moves burn-ups, velocity and load.
        self.charts = Default::default();

        let open = debt.status.is_open();
        let by_score = |scores: &[score::Breakdown], a: usize, b: usize| {
            score::compare((&plan.debts[a], &scores[a]), (&plan.debts[b], &scores[b]))
        };

        remove(&mut self.ranking, i);
        if open {
            let at = self
                .ranking
                .partition_point(|&x| by_score(&self.scores, x, i) == Ordering::Less);
            self.ranking.insert(at, i);
        }
        self.rank.iter_mut().for_each(|r| *r = None);
        super::assign_ranks(&mut self.rank, &self.ranking, &self.scores);

        remove(&mut self.candidates, i);
        if planning::is_candidate(debt, &planning::in_open_sprints(plan)) {
            let at = self
                .candidates
                .partition_point(|&x| by_score(&self.scores, x, i) == Ordering::Less);
            self.candidates.insert(at, i);
        }

        remove(&mut self.debt_rows, i);
        if filter.accepts(debt) {
            let at = self.debt_rows.partition_point(|&x| {
                self.row_order(plan, sort, descending, x, i) == Ordering::Less
            });
            self.debt_rows.insert(at, i);
        }

        for list in &mut self.kr_debts {
            remove(list, i);
        }
        for id in &debt.key_results {
            if let Ok(k) = plan
                .key_results
                .binary_search_by(|kr| kr.id.as_str().cmp(id))
                && let Err(at) = self.kr_debts[k].binary_search(&i)
            {
                self.kr_debts[k].insert(at, i);
            }
        }
    }

    /// The debt table's order as [`Cache::resort`] sorts it: the column's
    /// key, then score order, all reversed when descending. Score order ends
    /// with the id, so this is total and a binary search finds one place.
    fn row_order(
        &self,
        plan: &Plan,
        sort: SortColumn,
        descending: bool,
        a: usize,
        b: usize,
    ) -> Ordering {
        let (da, db) = (&plan.debts[a], &plan.debts[b]);
        let key = match sort {
            SortColumn::Rank => self.rank[a]
                .unwrap_or(u32::MAX)
                .cmp(&self.rank[b].unwrap_or(u32::MAX)),
            SortColumn::Score => Ordering::Equal,
            SortColumn::Id => da.id.cmp(&db.id),
            SortColumn::Title => da.title.to_lowercase().cmp(&db.title.to_lowercase()),
            SortColumn::Effort => da.effort.cmp(&db.effort),
            SortColumn::Owner => da.owner.cmp(&db.owner),
            SortColumn::Area => da.area.cmp(&db.area),
            SortColumn::Status => da.status.cmp(&db.status),
        };
        let order = key.then_with(|| score::compare((da, &self.scores[a]), (db, &self.scores[b])));
        if descending { order.reverse() } else { order }
    }
}

/// Removes `i` from an index list (a linear scan and one move: well under
/// a millisecond at 100k).
fn remove(list: &mut Vec<usize>, i: usize) {
    if let Some(pos) = list.iter().position(|&x| x == i) {
        list.remove(pos);
    }
}
