//! `bearing org export`: what the one page for the organisation holds,
//! computed once from every team's plan so the Markdown and the HTML page
//! (rendered in `export::org`) say the same: each team at a glance, key
//! results by team, the cross-team top debt (ranked as `org rank` ranks),
//! sprints by team with their odds, and check findings per team.

use chrono::NaiveDate;

use super::rollup::{
    CheckTotals, KrRow, RankRow, SprintRow, StatusRow, TeamPlan, check_rows, kr_rows, rank,
    sprint_rows, status_rows,
};
use crate::model::Severity;

/// How many debt items the page's cross-team ranking lists.
pub const TOP_DEBT: usize = 20;

/// The whole page's content, as of `today`.
#[derive(Debug)]
pub struct Page {
    /// The workspace's `title:` (`Acme engineering`), the page's heading.
    pub title: Option<String>,
    pub today: NaiveDate,
    pub teams: Vec<Glance>,
    pub krs: Vec<KrRow>,
    /// The first [`TOP_DEBT`] of `org rank`.
    pub top_debt: Vec<RankRow>,
    /// Open debt items ranked in all (with a score), before the cut.
    pub debt_ranked: usize,
    /// Open debt items not ranked: no effort yet, to triage first.
    pub debt_to_triage: usize,
    pub sprints: Vec<SprintRow>,
    /// The totals `bearing org check` prints, counted by the same function.
    pub checks: CheckTotals,
}

/// One team at a glance.
#[derive(Debug)]
pub struct Glance {
    /// Source, version read, counts, and what failed (a warning row).
    pub status: StatusRow,
    /// Objectives, key results, experiments and debt ([`super::items`]);
    /// `None` when the plan was not read.
    pub items: Option<usize>,
    pub on_track: usize,
    pub at_risk: usize,
    pub off_track: usize,
    /// The active sprint (its `team:ID`, name, where it stands in time and
    /// its odds of finishing), as `org sprints` shows it.
    pub active: Option<SprintRow>,
    /// `bearing check` findings (none when the plan was not read).
    pub errors: usize,
    pub warnings: usize,
    /// The plan could not be read: `org check`'s `team-unreadable`
    /// finding, an error for a required team, a warning for an optional
    /// one.
    pub unreadable: Option<Severity>,
}

impl Glance {
    /// Whether the plan was read (else this is a warning row).
    pub fn read(&self) -> bool {
        self.status.read()
    }

    /// Its findings (errors, warnings) as `bearing org check` counts them:
    /// the plan's, and a team that cannot be read counted once, so the
    /// page's per-team cells add up to [`Page::checks`].
    pub fn check_counts(&self) -> (usize, usize) {
        match self.unreadable {
            Some(Severity::Error) => (self.errors + 1, self.warnings),
            Some(_) => (self.errors, self.warnings + 1),
            None => (self.errors, self.warnings),
        }
    }
}

impl Page {
    /// The page with the workspace's title as its heading.
    pub fn titled(mut self, title: Option<String>) -> Page {
        self.title = title.filter(|t| !t.trim().is_empty());
        self
    }

    /// What the top-debt table holds, counting open items as the ranking
    /// does: `The first 20 of 43 ranked open items (5 more to triage, not
    /// ranked)`.
    pub fn top_debt_words(&self) -> String {
        let mut s = format!(
            "The first {} of {} ranked open items",
            self.top_debt.len(),
            self.debt_ranked
        );
        if self.debt_to_triage > 0 {
            s.push_str(&format!(
                " ({} more to triage, not ranked)",
                self.debt_to_triage
            ));
        }
        s
    }

    /// The page's heading: the workspace's title, or `The organisation`.
    pub fn heading(&self) -> String {
        self.title
            .clone()
            .unwrap_or_else(|| "The organisation".to_owned())
    }
}

/// The workspace's `title:`, for the page's heading and the UI's title
/// line.
pub fn workspace_title(workspace: &super::Workspace) -> Option<String> {
    workspace.title.clone()
}

/// The page over `teams` (in the workspace's order).
pub fn page(teams: &[TeamPlan], today: NaiveDate) -> Page {
    let krs = kr_rows(teams, today);
    let sprints = sprint_rows(teams, today);
    let checks = check_rows(teams, today);
    let mut ranked = rank(teams, today, None);
    let debt_ranked = ranked.len();
    // Open items the ranking leaves out: no score without an effort.
    let debt_to_triage = teams
        .iter()
        .filter_map(TeamPlan::plan)
        .map(|plan| {
            crate::score::rank_open(plan, today)
                .iter()
                .filter(|r| r.breakdown.score().is_none())
                .count()
        })
        .sum();
    ranked.truncate(TOP_DEBT);
    let totals = CheckTotals::of(&checks, teams.len());
    let glance = status_rows(teams)
        .into_iter()
        .map(|status| {
            let team = status.team.as_str();
            let health = |h: &str| {
                krs.iter()
                    .filter(|k| k.team == team && k.health == Some(h))
                    .count()
            };
            let findings = |s: Severity| {
                checks
                    .iter()
                    .filter(|c| c.team == team && c.severity == s && c.rule != "team-unreadable")
                    .count()
            };
            Glance {
                items: status.items,
                on_track: health("on_track"),
                at_risk: health("at_risk"),
                off_track: health("off_track"),
                active: sprints
                    .iter()
                    .find(|s| s.team == team && s.state == "active")
                    .cloned(),
                errors: findings(Severity::Error),
                warnings: findings(Severity::Warn),
                unreadable: checks
                    .iter()
                    .find(|c| c.team == team && c.rule == "team-unreadable")
                    .map(|c| c.severity),
                status,
            }
        })
        .collect();
    Page {
        title: None,
        today,
        teams: glance,
        krs,
        top_debt: ranked,
        debt_ranked,
        debt_to_triage,
        sprints,
        checks: totals,
    }
}
