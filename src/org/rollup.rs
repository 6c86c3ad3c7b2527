//! The roll-ups: rows over every team's plan, as of `today`. A team whose
//! plan could not be read contributes a warning row to `status` and
//! `check` and nothing else; the others still show.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::fetched::FetchNote;
use super::qualified;
use super::workspace::Team;
use crate::check;
use crate::model::{Plan, Severity};
use crate::score;

/// One team's plan as the caller read it.
#[derive(Debug)]
pub struct TeamPlan {
    pub team: Team,
    /// Which version was read: the commit (git teams) or the file's
    /// modification time (local paths); `None` when nothing was read.
    pub version: Option<String>,
    /// The file read (the local path or the cached copy), for messages.
    pub file: String,
    pub state: TeamState,
    /// What the fetch cache says of the copy read (git teams): when it
    /// was fetched, a failed fetch since, a newest commit that does not load.
    pub fetch: FetchNote,
}

#[derive(Debug)]
pub enum TeamState {
    Loaded {
        plan: Box<Plan>,
        /// Item id → line in the file, for `org check`'s line numbers
        /// (`None` when the caller did not ask for them).
        lines: Option<HashMap<String, usize>>,
    },
    /// Could not be read: a warning row. `kind` is one of `not-fetched`
    /// (never fetched), `fetch-failed` (fetched, failed, no copy yet),
    /// `not-found`, `unreadable`, `parse`, `merge-conflict`,
    /// `newer-schema`, `invalid`.
    Failed { kind: &'static str, message: String },
}

impl TeamPlan {
    pub fn plan(&self) -> Option<&Plan> {
        match &self.state {
            TeamState::Loaded { plan, .. } => Some(plan),
            TeamState::Failed { .. } => None,
        }
    }

    /// How serious a failure to read is: an optional team's is a warning,
    /// a required team's an error (`org check` and `org fetch` fail on it).
    pub fn failure_severity(&self) -> Severity {
        if self.team.optional {
            Severity::Warn
        } else {
            Severity::Error
        }
    }
}

pub use super::status::{StatusRow, status_rows};

/// `bearing org krs`: every key result, by team, then objective (in the
/// plan's order).
#[derive(Debug, Serialize)]
pub struct KrRow {
    pub team: String,
    pub objective: String,
    pub objective_title: String,
    pub id: String,
    pub title: String,
    pub current: f64,
    pub target: Option<f64>,
    pub unit: String,
    /// Share of the way from baseline to target (1.0 = reached); JSON
    /// rounds it to four decimals ([`round4`]).
    #[serde(serialize_with = "round4")]
    pub progress: Option<f64>,
    /// `on_track`, `at_risk`, `off_track`; `None` without a target.
    pub health: Option<&'static str>,
    pub due: Option<NaiveDate>,
}

impl KrRow {
    /// The objective as tables show it: its title, or its `team:ID` when
    /// it has none.
    pub fn objective_label(&self) -> String {
        if self.objective_title.trim().is_empty() {
            self.objective.clone()
        } else {
            self.objective_title.clone()
        }
    }

    /// "3.2 → 5 %": the value now and the target with the unit, `-` for
    /// no target; the same words in every roll-up and export.
    pub fn now_to_target(&self) -> String {
        let unit = if self.unit.is_empty() {
            String::new()
        } else {
            format!(" {}", self.unit)
        };
        let target = self
            .target
            .map_or_else(|| "-".to_owned(), crate::text::number);
        format!("{} → {target}{unit}", crate::text::number(self.current))
    }
}

pub fn kr_rows(teams: &[TeamPlan], today: NaiveDate) -> Vec<KrRow> {
    let mut rows = Vec::new();
    for t in teams {
        let Some(plan) = t.plan() else { continue };
        let mut krs: Vec<_> = plan.key_results.iter().collect();
        let order: HashMap<&str, usize> = plan
            .objectives
            .iter()
            .enumerate()
            .map(|(i, o)| (o.id.as_str(), i))
            .collect();
        krs.sort_by_key(|k| {
            order
                .get(k.objective.as_str())
                .copied()
                .unwrap_or(usize::MAX)
        });
        for k in krs {
            rows.push(KrRow {
                team: t.team.id.clone(),
                objective: qualified(&t.team.id, &k.objective),
                objective_title: plan.title_of(&k.objective).unwrap_or("").to_owned(),
                id: qualified(&t.team.id, &k.id),
                title: k.title.clone(),
                current: k.current_at(today),
                target: k.target,
                unit: k.unit.clone(),
                progress: k.progress(today),
                health: k.health(today, &plan.health).map(health_key),
                due: k.due,
            });
        }
    }
    rows
}

fn health_key(h: crate::model::Health) -> &'static str {
    use crate::model::Health;
    match h {
        Health::OnTrack => "on_track",
        Health::AtRisk => "at_risk",
        Health::OffTrack => "off_track",
    }
}

/// `bearing org rank`: open debt across teams.
#[derive(Debug, Serialize)]
pub struct RankRow {
    pub rank: usize,
    pub team: String,
    pub id: String,
    pub title: String,
    /// The team's own WSJF score (its weights, its key results). JSON
    /// rounds it to the table's two decimals at most ([`round2`]).
    #[serde(serialize_with = "round2")]
    pub score: f64,
    /// `score` over the team's median score: comparable across teams.
    /// JSON rounds it to two decimals, as the table prints it.
    #[serde(serialize_with = "round2")]
    pub relative: f64,
    /// The item's place in its own team's ranking.
    pub team_rank: usize,
    pub effort: Option<u32>,
    pub owner: String,
    pub due: Option<NaiveDate>,
}

impl RankRow {
    /// The score as every roll-up prints it (`org rank`, the page, the org
    /// UI) and as the team's own `bearing rank` does: two decimals, so
    /// `1.40` and `2.00` line up and read as the team reads them.
    pub fn score_text(&self) -> String {
        crate::text::score(self.score)
    }

    /// The relative score as every roll-up prints it: two decimals, so
    /// `1.00` (a typical item of its team) lines up with `2.35`.
    pub fn relative_text(&self) -> String {
        crate::text::score(self.relative)
    }

    /// The row as `org rank`'s table and the page's top debt print it,
    /// under [`RANK_HEADERS`].
    pub fn cells(&self) -> Vec<String> {
        vec![
            self.rank.to_string(),
            self.id.clone(),
            self.title.clone(),
            self.relative_text(),
            self.score_text(),
            self.team_rank.to_string(),
            crate::text::effort(self.effort),
            self.owner.clone(),
        ]
    }
}

/// The columns of [`RankRow::cells`].
pub const RANK_HEADERS: [&str; 8] = [
    "#", "id", "title", "relative", "score", "team #", "effort", "owner",
];

/// The columns of [`RANK_HEADERS`] that hold numbers (right-aligned).
pub const RANK_NUMBERS: [usize; 5] = [0, 3, 4, 5, 6];

/// Open debt of every team, most pressing first. Each team scores its own
/// items (its weights, its key results' health); a score is made
/// comparable by dividing it by the median score of that team's ranked
/// open debt, so `2.0` means "twice as pressing as a typical item of its
/// team" whatever scale the team's weights give. Items to triage (no
/// effort) have no score and are left out. Ties: the higher raw score,
/// then team, then id.
pub fn rank(teams: &[TeamPlan], today: NaiveDate, limit: Option<usize>) -> Vec<RankRow> {
    struct Cand<'a> {
        team: &'a str,
        plan: &'a Plan,
        index: usize,
        score: f64,
        relative: f64,
        team_rank: usize,
    }
    let mut all: Vec<Cand> = Vec::new();
    for t in teams {
        let Some(plan) = t.plan() else { continue };
        let scored: Vec<(usize, f64)> = score::rank_open(plan, today)
            .into_iter()
            .filter_map(|r| r.breakdown.score().map(|s| (r.index, s)))
            .collect();
        let median = median(scored.iter().map(|(_, s)| *s).collect());
        for (i, (index, s)) in scored.into_iter().enumerate() {
            let relative = if median > 0.0 && median.is_finite() {
                s / median
            } else {
                0.0
            };
            all.push(Cand {
                team: &t.team.id,
                plan,
                index,
                score: s,
                relative,
                team_rank: i + 1,
            });
        }
    }
    let by = |a: &Cand, b: &Cand| {
        b.relative
            .total_cmp(&a.relative)
            .then(b.score.total_cmp(&a.score))
            .then_with(|| a.team.cmp(b.team))
            .then_with(|| a.plan.debts[a.index].id.cmp(&b.plan.debts[b.index].id))
    };
    let n = limit.unwrap_or(all.len()).min(all.len());
    if n < all.len() && n > 0 {
        all.select_nth_unstable_by(n - 1, by);
        all.truncate(n);
    } else if n == 0 {
        all.clear();
    }
    all.sort_by(by);
    all.into_iter()
        .enumerate()
        .map(|(i, c)| {
            let d = &c.plan.debts[c.index];
            RankRow {
                rank: i + 1,
                team: c.team.to_owned(),
                id: qualified(c.team, &d.id),
                title: d.title.clone(),
                score: c.score,
                relative: c.relative,
                team_rank: c.team_rank,
                effort: d.effort,
                owner: d.owner.clone(),
                due: d.due,
            }
        })
        .collect()
}

fn median(mut v: Vec<f64>) -> f64 {
    if v.is_empty() {
        return 0.0;
    }
    v.sort_by(f64::total_cmp);
    let m = v.len() / 2;
    if v.len() % 2 == 1 {
        v[m]
    } else {
        (v[m - 1] + v[m]) / 2.0
    }
}

/// `bearing org check`: a finding of one team (its id prefixed), or a team
/// that could not be read (rule `team-unreadable`).
#[derive(Debug, Serialize)]
pub struct CheckRow {
    pub team: String,
    /// The file the line refers to.
    pub file: String,
    pub rule: String,
    pub severity: Severity,
    /// `team:ID`; `None` for a finding about the file or the team.
    pub id: Option<String>,
    pub line: Option<usize>,
    pub message: String,
}

/// Every team's `check` findings, team by team. A required team that
/// cannot be read is an error row, an optional one a warning row.
pub fn check_rows(teams: &[TeamPlan], today: NaiveDate) -> Vec<CheckRow> {
    let mut rows = Vec::new();
    for t in teams {
        match &t.state {
            TeamState::Failed { message, .. } => rows.push(CheckRow {
                team: t.team.id.clone(),
                file: t.file.clone(),
                rule: "team-unreadable".into(),
                severity: t.failure_severity(),
                id: None,
                line: None,
                message: message.clone(),
            }),
            TeamState::Loaded { plan, lines } => {
                // Read, but not the newest: a warning even for a required
                // team (its last good copy is still read).
                if let Some((rule, message)) = t.fetch.warning(t.version.as_deref()) {
                    rows.push(CheckRow {
                        team: t.team.id.clone(),
                        file: t.file.clone(),
                        rule: rule.into(),
                        severity: Severity::Warn,
                        id: None,
                        line: None,
                        message,
                    });
                }
                for f in check::check(plan, lines.as_ref(), today) {
                    rows.push(CheckRow {
                        team: t.team.id.clone(),
                        file: t.file.clone(),
                        rule: f.rule.name().to_owned(),
                        severity: f.severity,
                        id: (!f.id.is_empty()).then(|| qualified(&t.team.id, &f.id)),
                        line: f.line,
                        message: f.message,
                    });
                }
            }
        }
    }
    rows
}

/// The totals `org check` ends with and the page's findings section states:
/// every finding counted once, a team that cannot be read included (an
/// error when required, a warning when optional, as its row is).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CheckTotals {
    pub errors: usize,
    pub warnings: usize,
    pub teams: usize,
}

impl CheckTotals {
    /// The totals of `rows` over `teams` teams.
    pub fn of(rows: &[CheckRow], teams: usize) -> CheckTotals {
        let n = |s: Severity| rows.iter().filter(|r| r.severity == s).count();
        CheckTotals {
            errors: n(Severity::Error),
            warnings: n(Severity::Warn),
            teams,
        }
    }
}

impl std::fmt::Display for CheckTotals {
    /// `6 errors, 6 warnings across 6 teams`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use crate::text::count;
        write!(
            f,
            "{}, {} across {}",
            count(self.errors, "error"),
            count(self.warnings, "warning"),
            count(self.teams, "team")
        )
    }
}

mod json;
mod sprint;
#[cfg(test)]
mod tests;

pub use json::{round2, round4};
pub use sprint::{Odds, SPRINT_HEADERS, SprintRow, forecast_odds, odds, odds_notes, sprint_rows};
