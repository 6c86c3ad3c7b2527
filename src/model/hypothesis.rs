use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// "We believe *change* will cause *outcome*; we will know when *signal*."
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hypothesis {
    pub id: String,
    pub title: String,
    /// We believe … will cause …
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub belief: String,
    /// We will know when …
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub signal: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub key_results: Vec<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    /// ICE inputs, each 1–10.
    pub impact: u8,
    pub confidence: u8,
    pub ease: u8,
    #[serde(default)]
    pub status: HypothesisStatus,
    pub created: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_by: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decided: Option<NaiveDate>,
    /// Why it was validated or abandoned: required when decided.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub evidence: String,
    /// Earlier decisions that were reopened, oldest first: nothing learned is lost.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<Decision>,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum HypothesisStatus {
    #[default]
    Proposed,
    Running,
    Validated,
    Abandoned,
}

impl HypothesisStatus {
    pub const ALL: [HypothesisStatus; 4] = [
        Self::Proposed,
        Self::Running,
        Self::Validated,
        Self::Abandoned,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::Proposed => "proposed",
            Self::Running => "running",
            Self::Validated => "validated",
            Self::Abandoned => "abandoned",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|st| st.label().eq_ignore_ascii_case(s.trim()))
    }

    pub fn is_decided(self) -> bool {
        matches!(self, Self::Validated | Self::Abandoned)
    }
}

/// A decision that was later reopened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    pub status: HypothesisStatus,
    pub date: NaiveDate,
    pub evidence: String,
    pub reopened: NaiveDate,
}

impl Hypothesis {
    pub fn new(id: String, title: String, created: NaiveDate) -> Self {
        Hypothesis {
            id,
            title,
            belief: String::new(),
            signal: String::new(),
            key_results: Vec::new(),
            owner: String::new(),
            impact: 5,
            confidence: 5,
            ease: 5,
            status: HypothesisStatus::Proposed,
            created,
            started: None,
            review_by: None,
            decided: None,
            evidence: String::new(),
            history: Vec::new(),
        }
    }

    /// Running past its review-by date.
    pub fn is_stale(&self, today: NaiveDate) -> bool {
        self.status == HypothesisStatus::Running && self.review_by.is_some_and(|d| today > d)
    }
}
