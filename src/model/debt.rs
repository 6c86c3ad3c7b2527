use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A piece of technical debt, rated by what it costs the business to leave it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Debt {
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub area: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Retention / user pain, 0–5.
    #[serde(default)]
    pub customer: u8,
    /// Drag on time to market, 0–5.
    #[serde(default)]
    pub delivery: u8,
    /// Reliability, security, incident and recovery cost, 0–5.
    #[serde(default)]
    pub risk: u8,
    /// Time criticality, 0–5.
    #[serde(default)]
    pub urgency: u8,
    /// Story points, at least 1; `None` when not estimated yet: the item is
    /// "to triage" and is ranked after every estimated one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effort: Option<u32>,
    /// When it must be done by: urgency then follows the days left
    /// (`score::due_urgency`) instead of the typed rating alone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub key_results: Vec<String>,
    #[serde(default)]
    pub status: DebtStatus,
    pub created: NaiveDate,
    /// Every status change with its date, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<StatusChange>,
    /// Where the item came from when imported, as `KIND:KEY` (e.g.
    /// `taskwarrior:UUID`, `github:URL`), so a second import updates it
    /// instead of duplicating it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The upstream values as last imported: the base of the three-way
    /// merge a re-import makes (`import::sync`), so a field changed here
    /// since is never overwritten. `None` for items made here, and for
    /// items imported before this was recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub imported: Option<Imported>,
}

/// The fields a source can give, as the source gave them at the last
/// import (`date`). Fields a source does not have hold their defaults on
/// both sides of the merge, so they never count as changed upstream.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Imported {
    /// The day these values were imported.
    pub date: NaiveDate,
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub area: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(default)]
    pub customer: u8,
    #[serde(default)]
    pub delivery: u8,
    #[serde(default)]
    pub risk: u8,
    #[serde(default)]
    pub urgency: u8,
    /// `None`: the source gave no estimate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effort: Option<u32>,
    /// `None`: the source gave no due date (or the record predates due
    /// dates: read as none, so files written before still load).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
    #[serde(default)]
    pub status: DebtStatus,
}

impl Imported {
    /// What `d` says of the fields a source can give, as of `date`.
    pub fn of(d: &Debt, date: NaiveDate) -> Self {
        Imported {
            date,
            title: d.title.clone(),
            description: d.description.clone(),
            area: d.area.clone(),
            owner: d.owner.clone(),
            tags: d.tags.clone(),
            customer: d.customer,
            delivery: d.delivery,
            risk: d.risk,
            urgency: d.urgency,
            effort: d.effort,
            due: d.due,
            status: d.status,
        }
    }

    /// Whether `other` holds these values (the date aside).
    pub fn same_values(&self, other: &Imported) -> bool {
        *self
            == Imported {
                date: self.date,
                ..other.clone()
            }
    }

    /// The fields not in `given` (a spreadsheet without those columns)
    /// taken from `from`: a column a file does not have did not change
    /// upstream. Names as [`Imported`]'s fields.
    pub fn keep_absent(&mut self, from: &Imported, given: &[&str]) {
        let absent = |f: &str| !given.contains(&f);
        if absent("title") {
            self.title = from.title.clone();
        }
        if absent("description") {
            self.description = from.description.clone();
        }
        if absent("area") {
            self.area = from.area.clone();
        }
        if absent("owner") {
            self.owner = from.owner.clone();
        }
        if absent("tags") {
            self.tags = from.tags.clone();
        }
        for (f, v, w) in [
            ("customer", &mut self.customer, from.customer),
            ("delivery", &mut self.delivery, from.delivery),
            ("risk", &mut self.risk, from.risk),
            ("urgency", &mut self.urgency, from.urgency),
        ] {
            if absent(f) {
                *v = w;
            }
        }
        if absent("effort") {
            self.effort = from.effort;
        }
        if absent("due") {
            self.due = from.due;
        }
        if absent("status") {
            self.status = from.status;
        }
    }

    /// `d` with these values in the fields a source can give (its status
    /// set without a dated change: the caller dates it).
    pub fn applied_to(&self, d: &Debt) -> Debt {
        let mut out = d.clone();
        out.title = self.title.clone();
        out.description = self.description.clone();
        out.area = self.area.clone();
        out.owner = self.owner.clone();
        out.tags = self.tags.clone();
        (out.customer, out.delivery, out.risk, out.urgency) =
            (self.customer, self.delivery, self.risk, self.urgency);
        out.effort = self.effort;
        out.due = self.due;
        out.status = self.status;
        out
    }
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum DebtStatus {
    #[default]
    Open,
    InProgress,
    Done,
    WontFix,
}

impl DebtStatus {
    pub const ALL: [DebtStatus; 4] = [Self::Open, Self::InProgress, Self::Done, Self::WontFix];

    pub fn label(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::InProgress => "in progress",
            Self::Done => "done",
            Self::WontFix => "won't fix",
        }
    }

    /// The spelling used on the command line and in exports.
    pub fn key(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::InProgress => "in_progress",
            Self::Done => "done",
            Self::WontFix => "wont_fix",
        }
    }

    /// Every word [`DebtStatus::parse`] reads for each status, as people
    /// write them (case, spaces and punctuation do not matter): the one list
    /// the parser, the error message and the README's table come from.
    pub const NAMES: [(DebtStatus, &'static [&'static str]); 4] = [
        (
            Self::Open,
            &[
                "open",
                "todo",
                "to do",
                "backlog",
                "new",
                "triage",
                "planned",
                "opened",
                "reopened",
                "unstarted",
            ],
        ),
        (
            Self::InProgress,
            &[
                "in progress",
                "WIP",
                "work in progress",
                "doing",
                "started",
                "in review",
                "review",
            ],
        ),
        (
            Self::Done,
            &["done", "closed", "completed", "resolved", "fixed"],
        ),
        (
            Self::WontFix,
            &[
                "won't fix",
                "wontfix",
                "won't do",
                "canceled",
                "cancelled",
                "duplicate",
                "rejected",
            ],
        ),
    ];

    /// The words [`DebtStatus::parse`] reads, as an error lists them:
    /// `open (or opened, …), in progress (or WIP, …), …`.
    pub fn words() -> String {
        Self::NAMES
            .iter()
            .map(|(_, words)| match words.split_first() {
                Some((first, rest)) => format!("{first} (or {})", rest.join(", ")),
                None => String::new(),
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// A status by its key, its label or a word trackers and spreadsheets
    /// use for it, in any case and spacing ("To Do", "WIP", "won't fix",
    /// Linear's "Canceled", GitLab's "opened"): the one reading the command
    /// line, the form and every import share.
    pub fn parse(s: &str) -> Option<Self> {
        let squash = |s: &str| -> String {
            s.trim()
                .to_lowercase()
                .chars()
                .filter(|c| c.is_alphanumeric())
                .collect()
        };
        let norm = squash(s);
        if norm.is_empty() {
            return None;
        }
        Self::NAMES
            .iter()
            .find(|(_, words)| words.iter().any(|w| squash(w) == norm))
            .map(|(status, _)| *status)
    }

    /// Still to be worked: counts for ranking and sprint candidates.
    pub fn is_open(self) -> bool {
        matches!(self, Self::Open | Self::InProgress)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusChange {
    pub date: NaiveDate,
    pub status: DebtStatus,
}

impl Debt {
    /// A new open item with neutral ratings; the caller fills in the rest.
    pub fn new(id: String, title: String, created: NaiveDate) -> Self {
        Debt {
            id,
            title,
            description: String::new(),
            area: String::new(),
            owner: String::new(),
            tags: Vec::new(),
            customer: 0,
            delivery: 0,
            risk: 0,
            urgency: 0,
            effort: None,
            due: None,
            key_results: Vec::new(),
            status: DebtStatus::Open,
            created,
            changes: Vec::new(),
            source: None,
            imported: None,
        }
    }

    /// Moves the item to `status`, recording the date; a no-op when unchanged.
    /// The log stays in date order: a change dated before the last one
    /// recorded (an upstream close date earlier than the day the item was
    /// started here) is dated that last change's day instead, so the log
    /// never says done before started.
    pub fn set_status(&mut self, status: DebtStatus, date: NaiveDate) {
        if self.status != status {
            let last = self.changes.last().map(|c| c.date);
            let date = last.map_or(date, |last| date.max(last));
            self.status = status;
            self.changes.push(StatusChange { date, status });
        }
    }

    /// Not estimated yet: waits in the triage queue, outside the ranking.
    pub fn needs_triage(&self) -> bool {
        // A closed item (done, won't fix) is not waiting for an estimate.
        self.effort.is_none() && self.status.is_open()
    }

    pub fn ratings(&self) -> [u8; 4] {
        [self.customer, self.delivery, self.risk, self.urgency]
    }
}

#[cfg(test)]
mod tests {
    use super::DebtStatus::{self, *};

    #[test]
    fn status_words_people_and_trackers_use() {
        for (words, want) in [
            (
                &[
                    "open", "Todo", "TO DO", "to-do", "Backlog", "opened", "Triage",
                ][..],
                Open,
            ),
            (
                &["in_progress", "In Progress", "WIP", "doing", "In Review"],
                InProgress,
            ),
            (&["done", "Closed", "RESOLVED", "completed", "Fixed"], Done),
            (
                &["won't fix", "wontfix", "wont_fix", "Canceled", "Duplicate"],
                WontFix,
            ),
        ] {
            for w in words {
                assert_eq!(DebtStatus::parse(w), Some(want), "{w:?}");
            }
        }
        for w in ["", "maybe", "blocked", "3"] {
            assert_eq!(DebtStatus::parse(w), None, "{w:?}");
        }
    }
}
