//! `bearing org status`: one row per team, and the one definition of a
//! team's counts every view shows (the UI's Teams view, the export, the
//! status roll-up). A team whose plan was not read has unknown counts
//! (`None`: JSON `null`, `-` in tables), never 0.

use serde::Serialize;

use super::fetched::{FetchFailed, Unloadable, read_label};
use super::rollup::{TeamPlan, TeamState};
use crate::model::{DebtStatus, Plan};

/// `bearing org status`: one row per team.
#[derive(Debug, Serialize)]
pub struct StatusRow {
    pub team: String,
    pub name: String,
    pub source: String,
    pub optional: bool,
    /// The commit (`1374c93 (main)`) or file time read; `None` when none.
    pub version: Option<String>,
    /// When the copy read was fetched (RFC 3339, UTC; git teams).
    pub fetched_at: Option<String>,
    /// The last fetch failed (the copy read, if any, is older).
    pub fetch_failed: Option<FetchFailed>,
    /// The newest commit fetched has a plan that does not load; the last
    /// good copy is read instead.
    pub newest_unloadable: Option<Unloadable>,
    /// `ok`, or `warning` when the plan could not be read or the copy
    /// read is not the newest.
    pub state: &'static str,
    pub problem: Option<String>,
    /// What is wrong (see [`TeamState::Failed`], `fetch-failed`,
    /// `newest-does-not-load`); `None` when all is well.
    pub problem_kind: Option<&'static str>,
    /// Objectives + key results + experiments + debt (sprints are not
    /// items). This and the counts below are `None` when the plan was not
    /// read: unknown, not 0.
    pub items: Option<usize>,
    pub objectives: Option<usize>,
    pub key_results: Option<usize>,
    pub hypotheses: Option<usize>,
    pub debt_open: Option<usize>,
    pub debt_total: Option<usize>,
    pub sprints: Option<usize>,
}

impl StatusRow {
    /// Whether the plan was read (its counts are known).
    pub fn read(&self) -> bool {
        self.items.is_some()
    }

    /// `1374c93 (main), fetched 2026-11-30 10:12 UTC`, `file …`, or `-`.
    pub fn read_label(&self) -> String {
        read_label(self.version.as_deref(), self.fetched_at.as_deref())
    }

    /// Open over all debt items (`6/9`), `-` when the plan was not read;
    /// headed [`DEBT_HEADER`] wherever it shows.
    pub fn debt_cell(&self) -> String {
        match (self.debt_open, self.debt_total) {
            (Some(open), Some(total)) => format!("{open}/{total}"),
            _ => "-".to_owned(),
        }
    }

    /// The team in a roll-up's `read:` line when its file or commit was
    /// read: `payments 1374c93 (main), fetched …`, and `legacy 9ec612b
    /// (HEAD), fetched … (does not load)` for a copy read that failed to
    /// load. `None` when nothing was read (not fetched, no file).
    pub fn read_entry(&self) -> Option<String> {
        self.version.as_ref()?;
        let loads = if self.read() { "" } else { " (does not load)" };
        Some(format!("{} {}{loads}", self.team, self.read_label()))
    }

    /// [`Self::read_label`] short enough for a table column.
    pub fn short_read_label(&self) -> String {
        super::fetched::short_read_label(self.version.as_deref(), self.fetched_at.as_deref())
    }
}

/// The header of [`StatusRow::debt_cell`] in `org status`, the org UI and
/// the page: what `6/9` means.
pub const DEBT_HEADER: &str = "open/all debt";

/// A plan's items: objectives, key results, experiments and debt — the
/// one definition every view counts by. Sprints are not items.
pub fn items(plan: &Plan) -> usize {
    plan.objectives.len() + plan.key_results.len() + plan.hypotheses.len() + plan.debts.len()
}

/// A count as tables show it: the number, or `-` when unknown.
pub fn count_cell(n: Option<usize>) -> String {
    n.map_or_else(|| "-".to_owned(), |n| n.to_string())
}

pub fn status_rows(teams: &[TeamPlan]) -> Vec<StatusRow> {
    teams
        .iter()
        .map(|t| {
            let (state, problem, problem_kind) = match &t.state {
                TeamState::Loaded { .. } => match t.fetch.warning(t.version.as_deref()) {
                    None => ("ok", None, None),
                    Some((kind, message)) => ("warning", Some(message), Some(kind)),
                },
                TeamState::Failed { kind, message } => {
                    ("warning", Some(message.clone()), Some(*kind))
                }
            };
            let plan = t.plan();
            let n = |f: fn(&Plan) -> usize| plan.map(f);
            StatusRow {
                team: t.team.id.clone(),
                name: t.team.name.clone(),
                source: t.team.source.label(),
                optional: t.team.optional,
                version: t.version.clone(),
                fetched_at: t.fetch.fetched_at.clone(),
                fetch_failed: t.fetch.failed.clone(),
                newest_unloadable: t.fetch.newest_unloadable.clone(),
                state,
                problem,
                problem_kind,
                items: n(items),
                objectives: n(|p| p.objectives.len()),
                key_results: n(|p| p.key_results.len()),
                hypotheses: n(|p| p.hypotheses.len()),
                debt_open: n(|p| p.debts.iter().filter(|d| is_open(d.status)).count()),
                debt_total: n(|p| p.debts.len()),
                sprints: n(|p| p.sprints.len()),
            }
        })
        .collect()
}

fn is_open(s: DebtStatus) -> bool {
    matches!(s, DebtStatus::Open | DebtStatus::InProgress)
}
