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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed: Option<NaiveDate>,
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
}

impl SprintState {
    pub fn label(self) -> &'static str {
        match self {
            SprintState::Planned => "planned",
            SprintState::Active => "active",
            SprintState::Closed => "closed",
        }
    }

    pub fn is_open(self) -> bool {
        !matches!(self, SprintState::Closed)
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
        }
    }

    /// Whole days left until the end, counting today; 0 once past.
    pub fn days_left(&self, today: NaiveDate) -> i64 {
        ((self.end - today).num_days() + 1).max(0)
    }
}
