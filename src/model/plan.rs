use serde::{Deserialize, Serialize};

use super::{Debt, HealthThresholds, Hypothesis, ImportRules, KeyResult, Kind, Objective, Sprint};

/// The schema this build writes. Older files are migrated on load; newer ones
/// are refused rather than half-understood.
pub const SCHEMA_VERSION: u32 = 1;

/// The whole plan: what one `bearing.ron` holds.
///
/// Every entity list is kept sorted by id. Ids are random, so new items land
/// at scattered places in the file and two branches that each add items
/// rarely touch the same lines; lookups are a binary search.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    pub schema: u32,
    #[serde(default)]
    pub north_star: String,
    #[serde(default)]
    pub weights: Weights,
    #[serde(default)]
    pub health: HealthThresholds,
    #[serde(default)]
    pub policy: Policy,
    /// How trackers' labels and priorities map on import; left out of the
    /// file while it holds the documented defaults.
    #[serde(default, skip_serializing_if = "ImportRules::is_default")]
    pub import: ImportRules,
    #[serde(default)]
    pub objectives: Vec<Objective>,
    #[serde(default)]
    pub key_results: Vec<KeyResult>,
    #[serde(default)]
    pub hypotheses: Vec<Hypothesis>,
    #[serde(default)]
    pub debts: Vec<Debt>,
    #[serde(default)]
    pub sprints: Vec<Sprint>,
}

/// Weights of the WSJF cost-of-delay terms; tuned per team, reviewed in git.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Weights {
    pub customer: f64,
    pub delivery: f64,
    pub risk: f64,
    pub urgency: f64,
    /// Added to the cost of delay for each linked key result that is at risk.
    pub kr_at_risk: f64,
    /// Added for each linked key result that is off track.
    pub kr_off_track: f64,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            customer: 1.0,
            delivery: 1.0,
            risk: 1.0,
            urgency: 1.0,
            kr_at_risk: 1.0,
            kr_off_track: 2.0,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Off,
    Warn,
    Error,
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Severity::Off => "off",
            Severity::Warn => "warning",
            Severity::Error => "error",
        }
    }
}

/// The `bearing check` rules and how seriously each is taken.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Policy {
    pub dangling_reference: Severity,
    pub duplicate_id: Severity,
    pub debt_without_owner: Severity,
    pub debt_without_impact: Severity,
    pub sprint_over_capacity: Severity,
    pub stale_experiment: Severity,
    pub decided_without_evidence: Severity,
    pub kr_without_target: Severity,
    pub kr_past_due: Severity,
    pub sprint_overdue: Severity,
    pub sprint_window_passed: Severity,
    pub sprint_overlap: Severity,
    pub debt_untriaged: Severity,
    pub debt_overdue: Severity,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            dangling_reference: Severity::Error,
            duplicate_id: Severity::Error,
            debt_without_owner: Severity::Error,
            debt_without_impact: Severity::Warn,
            sprint_over_capacity: Severity::Error,
            stale_experiment: Severity::Warn,
            decided_without_evidence: Severity::Error,
            kr_without_target: Severity::Warn,
            kr_past_due: Severity::Warn,
            sprint_overdue: Severity::Warn,
            sprint_window_passed: Severity::Warn,
            sprint_overlap: Severity::Warn,
            debt_untriaged: Severity::Warn,
            debt_overdue: Severity::Warn,
        }
    }
}

impl Default for Plan {
    fn default() -> Self {
        Plan {
            schema: SCHEMA_VERSION,
            north_star: String::new(),
            weights: Weights::default(),
            health: HealthThresholds::default(),
            policy: Policy::default(),
            import: ImportRules::default(),
            objectives: Vec::new(),
            key_results: Vec::new(),
            hypotheses: Vec::new(),
            debts: Vec::new(),
            sprints: Vec::new(),
        }
    }
}

/// Entities addressed by id.
pub trait HasId {
    fn id(&self) -> &str;
}

macro_rules! has_id {
    ($($t:ty),*) => {$(
        impl HasId for $t {
            fn id(&self) -> &str {
                &self.id
            }
        }
    )*};
}
has_id!(Objective, KeyResult, Hypothesis, Debt, Sprint);

pub(crate) fn find<'a, T: HasId>(list: &'a [T], id: &str) -> Option<&'a T> {
    position(list, id).ok().map(|i| &list[i])
}

pub(crate) fn position<T: HasId>(list: &[T], id: &str) -> Result<usize, usize> {
    list.binary_search_by(|x| x.id().cmp(id))
}

pub(crate) fn sort_by_id<T: HasId>(list: &mut [T]) {
    list.sort_by(|a, b| a.id().cmp(b.id()));
}

impl Plan {
    pub fn objective(&self, id: &str) -> Option<&Objective> {
        find(&self.objectives, id)
    }
    pub fn key_result(&self, id: &str) -> Option<&KeyResult> {
        find(&self.key_results, id)
    }
    pub fn hypothesis(&self, id: &str) -> Option<&Hypothesis> {
        find(&self.hypotheses, id)
    }
    pub fn debt(&self, id: &str) -> Option<&Debt> {
        find(&self.debts, id)
    }
    pub fn sprint(&self, id: &str) -> Option<&Sprint> {
        find(&self.sprints, id)
    }

    /// Whether any entity of any kind has this id.
    pub fn contains_id(&self, id: &str) -> bool {
        match Kind::of_id(id) {
            Some(Kind::Objective) => self.objective(id).is_some(),
            Some(Kind::KeyResult) => self.key_result(id).is_some(),
            Some(Kind::Hypothesis) => self.hypothesis(id).is_some(),
            Some(Kind::Debt) => self.debt(id).is_some(),
            Some(Kind::Sprint) => self.sprint(id).is_some(),
            None => false,
        }
    }

    /// Title of any entity, for messages.
    pub fn title_of(&self, id: &str) -> Option<&str> {
        match Kind::of_id(id)? {
            Kind::Objective => self.objective(id).map(|x| x.title.as_str()),
            Kind::KeyResult => self.key_result(id).map(|x| x.title.as_str()),
            Kind::Hypothesis => self.hypothesis(id).map(|x| x.title.as_str()),
            Kind::Debt => self.debt(id).map(|x| x.title.as_str()),
            Kind::Sprint => self.sprint(id).map(|x| x.name.as_str()),
        }
    }

    /// Restores the sorted-by-id invariant after a hand edit or an import.
    pub fn normalize(&mut self) {
        sort_by_id(&mut self.objectives);
        sort_by_id(&mut self.key_results);
        sort_by_id(&mut self.hypotheses);
        sort_by_id(&mut self.debts);
        sort_by_id(&mut self.sprints);
    }

    /// A new id of `kind` that no entity uses yet.
    pub fn new_id(&self, kind: Kind) -> String {
        super::id::generate(kind, |id| self.contains_id(id))
    }

    /// The open (planned or active) sprint holding a debt item, if any.
    pub fn open_sprint_of(&self, debt_id: &str) -> Option<&Sprint> {
        self.sprints
            .iter()
            .find(|s| s.state.is_open() && s.items.iter().any(|i| i == debt_id))
    }

    pub fn active_sprint(&self) -> Option<&Sprint> {
        self.sprints
            .iter()
            .find(|s| s.state == super::SprintState::Active)
    }

    /// The sprint a command, export or forecast means when none is named:
    /// the active one, else the next planned one (earliest start, then id).
    pub fn current_sprint(&self) -> Option<&Sprint> {
        self.active_sprint().or_else(|| {
            self.sprints
                .iter()
                .filter(|s| s.state == super::SprintState::Planned)
                .min_by(|a, b| a.start.cmp(&b.start).then_with(|| a.id.cmp(&b.id)))
        })
    }

    /// Everything that refers to `id`: (referring id, field).
    pub fn references_to(&self, id: &str) -> Vec<(String, &'static str)> {
        let mut refs = Vec::new();
        for kr in &self.key_results {
            if kr.objective == id {
                refs.push((kr.id.clone(), "objective"));
            }
        }
        for h in &self.hypotheses {
            if h.key_results.iter().any(|k| k == id) {
                refs.push((h.id.clone(), "key_results"));
            }
        }
        for d in &self.debts {
            if d.key_results.iter().any(|k| k == id) {
                refs.push((d.id.clone(), "key_results"));
            }
        }
        // A sprint once, by the first list that names the id: its items,
        // then what it completed, carried on, or committed to at the start.
        for s in &self.sprints {
            let commitment = s.commitment.as_ref().map(|c| &c.items);
            let lists = [
                ("items", Some(&s.items)),
                ("completed", Some(&s.completed)),
                ("carried", Some(&s.carried)),
                ("commitment", commitment),
            ];
            if let Some((field, _)) = lists
                .into_iter()
                .find(|(_, l)| l.is_some_and(|l| l.iter().any(|k| k == id)))
            {
                refs.push((s.id.clone(), field));
            }
        }
        refs
    }

    /// Sum of the efforts of the given debt items that exist; an item not
    /// estimated yet adds nothing (see [`Plan::unestimated_of`]).
    pub fn effort_of<'a>(&self, ids: impl IntoIterator<Item = &'a String>) -> u32 {
        ids.into_iter()
            .filter_map(|id| self.debt(id))
            .filter_map(|d| d.effort)
            .fold(0u32, u32::saturating_add)
    }

    /// How many of the given debt items that exist have no effort yet: a
    /// sprint holding them has an unknown load.
    pub fn unestimated_of<'a>(&self, ids: impl IntoIterator<Item = &'a String>) -> usize {
        ids.into_iter()
            .filter_map(|id| self.debt(id))
            .filter(|d| d.needs_triage())
            .count()
    }
}
