//! The org UI's tables: each view's rows, built once from the roll-ups
//! (the same rows `bearing org status|rank|krs|sprints` print), each
//! knowing its team so Enter can open that team's plan.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::org::{self, TeamPlan};
use crate::text::percent;

/// One row of a view's table.
#[derive(Debug, Clone)]
pub struct OrgRow {
    /// The team's index in the workspace.
    pub team: usize,
    pub cells: Vec<String>,
    /// A team that could not be read (drawn as a warning).
    pub warn: bool,
}

/// A view's table: its headers, which column takes the spare width, the
/// columns left out first on a narrow terminal, and its rows.
#[derive(Debug, Clone, Default)]
pub struct OrgTable {
    pub headers: Vec<&'static str>,
    pub flex: usize,
    pub drop: Vec<usize>,
    pub rows: Vec<OrgRow>,
}

/// The four tables, in the views' order (Teams, Debt, Key results, Sprints).
pub fn build(teams: &[TeamPlan], today: NaiveDate) -> [OrgTable; 4] {
    let index: HashMap<&str, usize> = teams
        .iter()
        .enumerate()
        .map(|(i, t)| (t.team.id.as_str(), i))
        .collect();
    let at = |team: &str| index.get(team).copied().unwrap_or(0);
    let krs = org::kr_rows(teams, today);
    let sprints = org::sprint_rows(teams, today);
    let rank = org::rank(teams, today, None);
    [
        teams_table(teams, &krs, &sprints),
        OrgTable {
            headers: vec![
                "#", "id", "title", "rel", "score", "team #", "pts", "owner", "due",
            ],
            flex: 2,
            // `team #` (the item's place in its own team's ranking, as
            // `org rank` prints it) goes first.
            drop: vec![5, 8, 4, 7, 6],
            rows: rank
                .iter()
                .map(|r| OrgRow {
                    team: at(&r.team),
                    warn: false,
                    cells: vec![
                        r.rank.to_string(),
                        r.id.clone(),
                        r.title.clone(),
                        r.relative_text(),
                        r.score_text(),
                        r.team_rank.to_string(),
                        r.effort.map_or_else(|| "?".into(), |e| e.to_string()),
                        r.owner.clone(),
                        r.due.map_or_else(String::new, |d| d.to_string()),
                    ],
                })
                .collect(),
        },
        OrgTable {
            headers: vec!["id", "title", "objective", "progress", "health", "due"],
            flex: 1,
            drop: vec![2, 5],
            rows: krs
                .iter()
                .map(|k| OrgRow {
                    team: at(&k.team),
                    warn: false,
                    cells: vec![
                        k.id.clone(),
                        k.title.clone(),
                        k.objective_title.clone(),
                        k.progress.map_or_else(|| "-".into(), percent),
                        health_word(k.health).into(),
                        k.due.map_or_else(String::new, |d| d.to_string()),
                    ],
                })
                .collect(),
        },
        OrgTable {
            headers: vec![
                "id", "name", "state", "dates", "points", "use", "odds", "to est.",
            ],
            flex: 1,
            // Where the sprint stands in time ("active, ended 4 days ago —
            // close it") stays longest, as in `bearing sprint list`.
            drop: vec![7, 3, 1],
            rows: sprints
                .iter()
                .map(|s| OrgRow {
                    team: at(&s.team),
                    warn: false,
                    cells: vec![
                        s.id.clone(),
                        s.name.clone(),
                        s.state_line(),
                        format!("{} – {}", s.start.format("%m-%d"), s.end.format("%m-%d")),
                        format!("{}/{}", s.points, s.capacity),
                        s.capacity_use.map_or_else(|| "-".into(), percent),
                        s.odds_cell(),
                        s.unestimated.to_string(),
                    ],
                })
                .collect(),
        },
    ]
}

fn health_word(h: Option<&str>) -> &'static str {
    match h {
        Some("on_track") => "on track",
        Some("at_risk") => "at risk",
        Some("off_track") => "off track",
        _ => "-",
    }
}

/// Teams: health at a glance, and a warning row for a team not read. A
/// team read from a copy that is not the newest (a failed fetch, a newest
/// commit that does not load) shows its counts and is drawn as a warning,
/// its reason in the name cell (whole on the bottom line).
fn teams_table(teams: &[TeamPlan], krs: &[org::KrRow], sprints: &[org::SprintRow]) -> OrgTable {
    let status = org::status_rows(teams);
    let rows = status
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let name = match &s.problem {
                // The name column takes the spare width: the reason fits.
                Some(problem) => format!(
                    "{} ⚠ {}{}: {}",
                    s.name,
                    s.problem_kind.unwrap_or("warning"),
                    if s.optional { " (optional)" } else { "" },
                    crate::text::sanitize(problem)
                ),
                None => s.name.clone(),
            };
            let mut cells = vec![s.team.clone(), name];
            if !s.read() {
                // Unknown, not none: `-` as every roll-up prints it.
                cells.extend(["-", "-", "-", "-", "-"].map(String::from));
                cells.push(s.short_read_label());
                return OrgRow {
                    team: i,
                    cells,
                    warn: true,
                };
            }
            let count = |h: &str| {
                krs.iter()
                    .filter(|k| k.team == s.team && k.health == Some(h))
                    .count()
            };
            let active = sprints
                .iter()
                .find(|r| r.team == s.team && r.state == "active");
            cells.extend([
                org::count_cell(s.items),
                s.debt_cell(),
                format!(
                    "{}/{}/{}",
                    count("on_track"),
                    count("at_risk"),
                    count("off_track")
                ),
                active.map_or_else(
                    || "-".into(),
                    |a| a.capacity_use.map_or_else(|| "-".into(), percent),
                ),
                // The odds in the Sprints view's words (`0% (weak)`,
                // `ended` for a sprint past its end).
                active.map_or_else(|| "-".into(), org::SprintRow::odds_cell),
                s.short_read_label(),
            ]);
            OrgRow {
                team: i,
                cells,
                warn: s.problem.is_some(),
            }
        })
        .collect();
    OrgTable {
        headers: vec![
            "team",
            "name",
            "items",
            org::DEBT_HEADER,
            "KRs ok/risk/off",
            "sprint",
            "odds",
            "read",
        ],
        flex: 1,
        // Health at a glance stays longest; when each copy was read gives
        // way early (every roll-up's `read:` line has it).
        drop: vec![2, 6, 7, 5, 3, 4],
        rows,
    }
}
