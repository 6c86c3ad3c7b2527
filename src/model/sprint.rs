use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A dated debt-sprint window.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sprint {
    pub id: String,
    pub name: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// Points the team can do in the window, at least 1.
    pub capacity: u32,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub goal: String,
    /// Committed debt items, in the order they were planned.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<String>,
    #[serde(default)]
    pub state: SprintState,
    /// What was planned when the sprint started, so the close can show
    /// planned against done.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commitment: Option<Commitment>,
    /// Items finished in the sprint, recorded at close.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub completed: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completed_points: Option<u32>,
    /// The day it was closed, or cancelled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed: Option<NaiveDate>,
    /// Items that were in the sprint and not done when it closed (or was
    /// cancelled), recorded so its report can say where they went.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub carried: Vec<String>,
    /// Where the `carried` items went: this sprint's id, or the backlog when
    /// there is none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub carried_to: Option<String>,
    /// Items added to or taken out of the sprint after it started, each
    /// with its day and points, so a burn-up can draw the scope line as it
    /// really moved. Plans written before this was kept have none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scope: Vec<ScopeChange>,
}

/// One change of an active sprint's scope after its start.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScopeChange {
    pub date: NaiveDate,
    pub item: String,
    pub change: ScopeKind,
    /// The item's effort at that moment; 0 when it had none (to triage).
    pub points: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScopeKind {
    Added,
    Removed,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum SprintState {
    #[default]
    Planned,
    Active,
    Closed,
    /// Called off: its items went back to the backlog and it never counts
    /// for velocity.
    Cancelled,
}

impl SprintState {
    pub fn label(self) -> &'static str {
        match self {
            SprintState::Planned => "planned",
            SprintState::Active => "active",
            SprintState::Closed => "closed",
            SprintState::Cancelled => "cancelled",
        }
    }

    pub fn is_open(self) -> bool {
        !matches!(self, SprintState::Closed | SprintState::Cancelled)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Commitment {
    pub date: NaiveDate,
    pub items: Vec<String>,
    pub points: u32,
}

impl Sprint {
    pub fn new(id: String, name: String, start: NaiveDate, end: NaiveDate, capacity: u32) -> Self {
        Sprint {
            id,
            name,
            start,
            end,
            capacity,
            goal: String::new(),
            items: Vec::new(),
            state: SprintState::Planned,
            commitment: None,
            completed: Vec::new(),
            completed_points: None,
            closed: None,
            carried: Vec::new(),
            carried_to: None,
            scope: Vec::new(),
        }
    }

    /// Whole days left until the end, counting today; 0 once past.
    pub fn days_left(&self, today: NaiveDate) -> i64 {
        ((self.end - today).num_days() + 1).max(0)
    }

    /// Where the sprint stands in time on `today`: the one reading every
    /// view, export and command shows.
    pub fn timing(&self, today: NaiveDate) -> Timing {
        match self.state {
            SprintState::Closed => Timing::Closed(self.closed),
            SprintState::Cancelled => Timing::Cancelled(self.closed),
            _ if today > self.end => {
                let days = (today - self.end).num_days();
                if self.state == SprintState::Active {
                    Timing::Overdue { days }
                } else {
                    Timing::WindowPassed { days }
                }
            }
            _ if today < self.start => Timing::Upcoming {
                days: (self.start - today).num_days(),
            },
            _ => Timing::Running {
                days_left: self.days_left(today),
            },
        }
    }

    /// The state with its timing, as every list shows it: "active, 3 days
    /// left", "active, ended 2 days ago — close it", "planned, starts in 1
    /// day", "closed 2026-11-27", "cancelled 2026-11-20".
    pub fn state_line(&self, today: NaiveDate) -> String {
        match self.state {
            SprintState::Closed | SprintState::Cancelled => self.timing(today).to_string(),
            other => format!("{}, {}", other.label(), self.timing(today)),
        }
    }

    /// Whether the windows of the two sprints share a day.
    pub fn overlaps(&self, other: &Sprint) -> bool {
        self.start <= other.end && other.start <= self.end
    }
}

/// A sprint's place in time, from [`Sprint::timing`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Timing {
    /// Not started yet; its window opens in `days`.
    Upcoming {
        days: i64,
    },
    /// Today is inside the window; `days_left` counts today.
    Running {
        days_left: i64,
    },
    /// Active past its end by `days`: it should be closed.
    Overdue {
        days: i64,
    },
    /// Still planned, and its whole window is `days` in the past.
    WindowPassed {
        days: i64,
    },
    Closed(Option<NaiveDate>),
    Cancelled(Option<NaiveDate>),
}

impl Timing {
    /// Past its end and still open: shown as a warning.
    pub fn is_late(self) -> bool {
        matches!(self, Timing::Overdue { .. } | Timing::WindowPassed { .. })
    }

    /// What a sprint past its end asks of the team, in the words every view
    /// uses: an active one is to be closed ("close it"), a planned one whose
    /// window passed was never started ("start or cancel it"). `None` when
    /// it is not late.
    pub fn late_advice(self) -> Option<&'static str> {
        match self {
            Timing::Overdue { .. } => Some("close it"),
            Timing::WindowPassed { .. } => Some("start or cancel it"),
            _ => None,
        }
    }
}

/// "1 day", "3 days".
pub fn days_word(n: i64) -> String {
    if n == 1 {
        "1 day".to_owned()
    } else {
        format!("{n} days")
    }
}

impl std::fmt::Display for Timing {
    /// "3 days left", "ended 2 days ago — close it", "starts in 1 day",
    /// "window ended 4 days ago" (planned, never started),
    /// "closed 2026-11-27", "cancelled".
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match *self {
            Timing::Upcoming { days: d } => write!(f, "starts in {}", days_word(d)),
            Timing::Running { days_left: 1 } => f.write_str("ends today"),
            Timing::Running { days_left } => write!(f, "{} left", days_word(days_left)),
            Timing::Overdue { days: d } => write!(f, "ended {} ago — close it", days_word(d)),
            Timing::WindowPassed { days: d } => write!(f, "window ended {} ago", days_word(d)),
            Timing::Closed(Some(d)) => write!(f, "closed {d}"),
            Timing::Closed(None) => f.write_str("closed"),
            Timing::Cancelled(Some(d)) => write!(f, "cancelled {d}"),
            Timing::Cancelled(None) => f.write_str("cancelled"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn sprint(state: SprintState) -> Sprint {
        let mut s = Sprint::new(
            "S-1".into(),
            "One".into(),
            day("2026-11-16"),
            day("2026-11-27"),
            10,
        );
        s.state = state;
        s
    }

    #[test]
    fn an_active_sprint_past_its_end_says_so() {
        let s = sprint(SprintState::Active);
        assert_eq!(s.timing(day("2026-11-20")).to_string(), "8 days left");
        assert_eq!(s.timing(day("2026-11-27")).to_string(), "ends today");
        assert_eq!(
            s.timing(day("2026-11-28")).to_string(),
            "ended 1 day ago — close it"
        );
        assert_eq!(
            s.timing(day("2026-12-01")).to_string(),
            "ended 4 days ago — close it"
        );
        assert!(s.timing(day("2026-12-01")).is_late());
    }

    #[test]
    fn a_planned_sprint_reads_ahead_and_behind() {
        let s = sprint(SprintState::Planned);
        assert_eq!(s.timing(day("2026-11-15")).to_string(), "starts in 1 day");
        assert_eq!(s.timing(day("2026-11-13")).to_string(), "starts in 3 days");
        assert_eq!(
            s.timing(day("2026-11-28")).to_string(),
            "window ended 1 day ago"
        );
    }

    #[test]
    fn a_one_day_sprint_has_one_day() {
        let mut s = sprint(SprintState::Active);
        s.end = s.start;
        assert_eq!(s.timing(s.start), Timing::Running { days_left: 1 });
        assert!(s.overlaps(&s.clone()));
    }
}
