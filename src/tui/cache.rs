//! Rows the views show, derived from the plan once per change: scores, the
//! ranking, the filtered and sorted debt table, the sprint list, the
//! experiment board and the key-result outline. Drawing only indexes into
//! these, so a frame costs the same for 10 items or 100k.

use std::cell::OnceCell;

use chrono::NaiveDate;

use crate::check::{self, Finding};
use crate::model::{Debt, DebtStatus, HypothesisStatus, Plan};
use crate::planning;
use crate::score::{self, Breakdown, Scorer};

pub mod charts;
mod forecast;
mod incremental;
#[cfg(test)]
mod tests;

pub use forecast::Forecasts;
pub use incremental::single_debt_put;

/// Which debt statuses the table shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StatusFilter {
    /// Open and in progress: the work still to do.
    #[default]
    Active,
    All,
    Only(DebtStatus),
}

impl StatusFilter {
    pub const CYCLE: [StatusFilter; 6] = [
        StatusFilter::Active,
        StatusFilter::All,
        StatusFilter::Only(DebtStatus::Open),
        StatusFilter::Only(DebtStatus::InProgress),
        StatusFilter::Only(DebtStatus::Done),
        StatusFilter::Only(DebtStatus::WontFix),
    ];

    pub fn label(self) -> &'static str {
        match self {
            StatusFilter::Active => "open + in progress",
            StatusFilter::All => "any",
            StatusFilter::Only(s) => s.label(),
        }
    }

    pub fn accepts(self, s: DebtStatus) -> bool {
        match self {
            StatusFilter::Active => s.is_open(),
            StatusFilter::All => true,
            StatusFilter::Only(only) => s == only,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DebtFilter {
    pub status: StatusFilter,
    pub owner: Option<String>,
    pub area: Option<String>,
    pub tag: Option<String>,
    /// An item shown whatever the filter says: the one whose status was
    /// just cycled stays where the user is looking until the cursor moves.
    pub keep: Option<String>,
}

impl DebtFilter {
    pub fn accepts(&self, d: &Debt) -> bool {
        self.keep.as_ref().is_some_and(|k| *k == d.id) || self.passes(d)
    }

    /// The filter's own verdict, without the kept item.
    pub fn passes(&self, d: &Debt) -> bool {
        self.status.accepts(d.status)
            && self.owner.as_ref().is_none_or(|o| &d.owner == o)
            && self.area.as_ref().is_none_or(|a| &d.area == a)
            && self.tag.as_ref().is_none_or(|t| d.tags.contains(t))
    }

    /// "owner=ana area=payments", empty when only the default status filter is on.
    pub fn summary(&self) -> String {
        let mut parts = Vec::new();
        if self.status != StatusFilter::Active {
            parts.push(format!("status={}", self.status.label()));
        }
        for (name, v) in [
            ("owner", &self.owner),
            ("area", &self.area),
            ("tag", &self.tag),
        ] {
            if let Some(v) = v {
                parts.push(format!("{name}={v}"));
            }
        }
        parts.join(" ")
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FilterField {
    #[default]
    Status,
    Owner,
    Area,
    Tag,
}

impl FilterField {
    pub const ALL: [FilterField; 4] = [
        FilterField::Status,
        FilterField::Owner,
        FilterField::Area,
        FilterField::Tag,
    ];

    pub fn label(self) -> &'static str {
        match self {
            FilterField::Status => "status",
            FilterField::Owner => "owner",
            FilterField::Area => "area",
            FilterField::Tag => "tag",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortColumn {
    #[default]
    Rank,
    Id,
    Title,
    Score,
    Effort,
    Owner,
    Area,
    Status,
}

impl SortColumn {
    pub const ALL: [SortColumn; 8] = [
        SortColumn::Rank,
        SortColumn::Id,
        SortColumn::Title,
        SortColumn::Score,
        SortColumn::Effort,
        SortColumn::Owner,
        SortColumn::Area,
        SortColumn::Status,
    ];

    pub fn label(self) -> &'static str {
        match self {
            SortColumn::Rank => "rank",
            SortColumn::Id => "id",
            SortColumn::Title => "title",
            SortColumn::Score => "score",
            SortColumn::Effort => "effort",
            SortColumn::Owner => "owner",
            SortColumn::Area => "area",
            SortColumn::Status => "status",
        }
    }

    pub fn next(self) -> SortColumn {
        SortColumn::ALL[(self as usize + 1) % SortColumn::ALL.len()]
    }
}

/// One line of the key-results outline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KrRow {
    Objective(usize),
    Kr(usize),
    /// Header for key results whose objective does not exist.
    Orphans,
}

#[derive(Debug, Default)]
pub struct Cache {
    /// Breakdown of every debt item, by index in `plan.debts`.
    pub scores: Vec<Breakdown>,
    /// 1-based rank among open estimated items, by index in `plan.debts`
    /// (`None`: closed, or to triage).
    pub rank: Vec<Option<u32>>,
    /// Indices of open items, best first, then the items to triage (the
    /// same order as `bearing rank`).
    pub ranking: Vec<usize>,
    /// The debt table: filtered and sorted indices into `plan.debts`.
    pub debt_rows: Vec<usize>,
    /// Sprints by start date.
    pub sprint_rows: Vec<usize>,
    /// Sprint candidates: open debt not in an open sprint, best first.
    pub candidates: Vec<usize>,
    /// Hypothesis indices per status column, highest ICE first.
    pub board: [Vec<usize>; 4],
    pub kr_rows: Vec<KrRow>,
    /// `bearing check` findings, for the overview's warnings: computed when
    /// first drawn after a change, so an edit does not pay for a full check.
    findings: OnceCell<Vec<Finding>>,
    /// Sprint forecasts, computed when first drawn after a change.
    pub forecasts: Forecasts,
    /// The ranks before the last plan change (same indexing as `rank`, or
    /// empty when the debt list changed length), for "moved" markers.
    pub prev_rank: Vec<Option<u32>>,
    /// Debt indices linking each key result, by index in `plan.key_results`.
    pub kr_debts: Vec<Vec<usize>>,
    /// The charts' series (burn-ups, velocity, trends) and people's load,
    /// made on first draw after a change.
    pub charts: charts::ChartCache,
}

impl Cache {
    pub fn build(
        plan: &Plan,
        today: NaiveDate,
        filter: &DebtFilter,
        sort: SortColumn,
        descending: bool,
    ) -> Cache {
        let scorer = Scorer::new(plan, today);
        let scores: Vec<Breakdown> = plan.debts.iter().map(|d| scorer.wsjf(d)).collect();
        let mut ranking: Vec<usize> = (0..plan.debts.len())
            .filter(|&i| plan.debts[i].status.is_open())
            .collect();
        ranking.sort_by(|&a, &b| {
            score::compare((&plan.debts[a], &scores[a]), (&plan.debts[b], &scores[b]))
        });
        let mut rank = vec![None; plan.debts.len()];
        assign_ranks(&mut rank, &ranking, &scores);

        let mut sprint_rows: Vec<usize> = (0..plan.sprints.len()).collect();
        sprint_rows.sort_by(|&a, &b| {
            let (sa, sb) = (&plan.sprints[a], &plan.sprints[b]);
            sa.start.cmp(&sb.start).then_with(|| sa.id.cmp(&sb.id))
        });
        let candidates = planning::candidates_in(plan, &ranking);

        let mut board: [Vec<usize>; 4] = Default::default();
        for (i, h) in plan.hypotheses.iter().enumerate() {
            let col = HypothesisStatus::ALL
                .iter()
                .position(|s| *s == h.status)
                .unwrap_or(0);
            board[col].push(i);
        }
        for col in &mut board {
            col.sort_by(|&a, &b| {
                let (ha, hb) = (&plan.hypotheses[a], &plan.hypotheses[b]);
                score::ice(hb)
                    .cmp(&score::ice(ha))
                    .then_with(|| ha.id.cmp(&hb.id))
            });
        }

        let mut cache = Cache {
            scores,
            rank,
            ranking,
            debt_rows: Vec::new(),
            sprint_rows,
            candidates,
            board,
            kr_rows: kr_outline(plan),
            findings: OnceCell::new(),
            forecasts: Forecasts::default(),
            prev_rank: Vec::new(),
            kr_debts: kr_debts(plan),
            charts: Default::default(),
        };
        cache.resort(plan, filter, sort, descending);
        cache
    }

    /// Rebuilds only the debt table's rows: what a filter or sort change
    /// needs (scores and ranks stay).
    pub fn resort(&mut self, plan: &Plan, filter: &DebtFilter, sort: SortColumn, descending: bool) {
        let (scores, rank) = (&self.scores, &self.rank);
        let mut rows: Vec<usize> = (0..plan.debts.len())
            .filter(|&i| filter.accepts(&plan.debts[i]))
            .collect();
        let by_score = |a: usize, b: usize| {
            score::compare((&plan.debts[a], &scores[a]), (&plan.debts[b], &scores[b]))
        };
        // Score order first; the stable sorts below keep it among equal keys.
        rows.sort_by(|&a, &b| by_score(a, b));
        match sort {
            // Unranked (closed) items after the ranked ones, best score first.
            SortColumn::Rank => rows.sort_by_key(|&i| rank[i].unwrap_or(u32::MAX)),
            SortColumn::Score => {}
            SortColumn::Id => rows.sort_by(|&a, &b| plan.debts[a].id.cmp(&plan.debts[b].id)),
            SortColumn::Title => rows.sort_by_cached_key(|&i| plan.debts[i].title.to_lowercase()),
            SortColumn::Effort => rows.sort_by_key(|&i| plan.debts[i].effort),
            SortColumn::Owner => {
                rows.sort_by(|&a, &b| plan.debts[a].owner.cmp(&plan.debts[b].owner))
            }
            SortColumn::Area => rows.sort_by(|&a, &b| plan.debts[a].area.cmp(&plan.debts[b].area)),
            SortColumn::Status => rows.sort_by_key(|&i| plan.debts[i].status),
        }
        if descending {
            rows.reverse();
        }
        self.debt_rows = rows;
    }
}

/// Ranks 1, 2, … along `ranking` for the estimated items (they come first);
/// the items to triage after them stay unranked.
fn assign_ranks(rank: &mut [Option<u32>], ranking: &[usize], scores: &[Breakdown]) {
    for (pos, &i) in ranking.iter().enumerate() {
        if scores[i].is_triage() {
            break;
        }
        rank[i] = Some(u32::try_from(pos + 1).unwrap_or(u32::MAX));
    }
}

impl Cache {
    /// The triage queue: open items with no effort, highest cost of delay
    /// first (the tail of `ranking`, so a slice and no search of the plan).
    pub fn triage_queue(&self) -> &[usize] {
        let estimated = self
            .ranking
            .partition_point(|&i| self.scores.get(i).is_some_and(|b| !b.is_triage()));
        &self.ranking[estimated..]
    }

    /// The ranked items: open and estimated, best first.
    pub fn ranked(&self) -> &[usize] {
        &self.ranking[..self.ranking.len() - self.triage_queue().len()]
    }

    /// `bearing check` on the plan this cache was built (or updated) for,
    /// with what was read around its file (`context`).
    pub fn findings(&self, plan: &Plan, today: NaiveDate, context: &check::Context) -> &[Finding] {
        self.findings
            .get_or_init(|| context.findings(plan, check::check(plan, None, today), None))
    }

    /// Drops the findings (the context changed): computed again when next
    /// drawn.
    pub fn forget_findings(&mut self) {
        self.findings = OnceCell::new();
    }

    /// The rank item `i` had before the last change, when it was ranked
    /// then and its rank differs now. Index-based: after an add or delete
    /// (the list changed length) nothing is marked, so this stays O(1).
    pub fn moved_from(&self, i: usize) -> Option<u32> {
        if self.prev_rank.len() != self.rank.len() {
            return None;
        }
        match (self.prev_rank.get(i).copied()?, self.rank.get(i).copied()?) {
            (Some(before), Some(now)) if before != now => Some(before),
            _ => None,
        }
    }
}

fn kr_debts(plan: &Plan) -> Vec<Vec<usize>> {
    let mut out = vec![Vec::new(); plan.key_results.len()];
    for (i, d) in plan.debts.iter().enumerate() {
        for id in &d.key_results {
            if let Ok(k) = plan
                .key_results
                .binary_search_by(|kr| kr.id.as_str().cmp(id))
                && !out[k].contains(&i)
            {
                out[k].push(i);
            }
        }
    }
    out
}

fn kr_outline(plan: &Plan) -> Vec<KrRow> {
    // Group by objective in one pass: objectives are sorted by id, so each key
    // result finds its objective by binary search.
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); plan.objectives.len()];
    let mut orphans = Vec::new();
    for (ki, kr) in plan.key_results.iter().enumerate() {
        match plan
            .objectives
            .binary_search_by(|o| o.id.as_str().cmp(&kr.objective))
        {
            Ok(oi) => children[oi].push(ki),
            Err(_) => orphans.push(ki),
        }
    }
    let mut rows = Vec::with_capacity(plan.objectives.len() + plan.key_results.len() + 1);
    for (oi, krs) in children.into_iter().enumerate() {
        rows.push(KrRow::Objective(oi));
        rows.extend(krs.into_iter().map(KrRow::Kr));
    }
    if !orphans.is_empty() {
        rows.push(KrRow::Orphans);
        rows.extend(orphans.into_iter().map(KrRow::Kr));
    }
    rows
}
