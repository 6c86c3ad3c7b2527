//! How a tracker's labels and priorities become ratings, an area and tags
//! on import (`import` in the plan's settings). The defaults below are the
//! documented ones (README, "Mapping rules"); a plan that never changes
//! them does not write the section at all, so older plans load and save
//! unchanged. Applying the rules is `import::mapping`.

use serde::{Deserialize, Serialize};

use super::validate::{FieldError, MAX_RATING};

/// The mapping rules; each field replaces its default when set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ImportRules {
    /// A priority word → urgency. Looked up for a tracker's priority field
    /// (Jira `Priority`), a label after one of `priority_prefixes`
    /// (`priority: high`), and a whole label (`P1`).
    pub priorities: Vec<PriorityRule>,
    /// Label prefixes whose rest is a priority word.
    pub priority_prefixes: Vec<String>,
    /// Label prefixes whose rest is the item's area (`area/payments`).
    pub area_prefixes: Vec<String>,
    /// Labels that mark technical debt (`--only-debt` imports only items
    /// with one of them).
    pub debt_labels: Vec<String>,
}

/// One priority word and the urgency (0–5) it sets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PriorityRule {
    pub word: String,
    pub urgency: u8,
}

/// The default priority words: Jira's five, the common P0–P4, GitHub's
/// `critical`/`urgent` conventions and Kubernetes' `priority/…` labels.
const PRIORITIES: [(&str, u8); 20] = [
    ("blocker", 5),
    ("highest", 5),
    ("critical", 5),
    ("urgent", 5),
    ("p0", 5),
    ("critical-urgent", 5),
    ("high", 4),
    ("p1", 4),
    ("important-soon", 4),
    ("medium", 3),
    ("normal", 3),
    ("p2", 3),
    ("important-longterm", 3),
    ("low", 2),
    ("p3", 2),
    ("backlog", 1),
    ("lowest", 1),
    ("trivial", 1),
    ("p4", 1),
    ("awaiting-more-evidence", 1),
];

impl Default for ImportRules {
    fn default() -> Self {
        let strings = |xs: &[&str]| xs.iter().map(|s| (*s).to_owned()).collect();
        ImportRules {
            priorities: PRIORITIES
                .iter()
                .map(|(w, u)| PriorityRule {
                    word: (*w).to_owned(),
                    urgency: *u,
                })
                .collect(),
            priority_prefixes: strings(&["priority:", "priority/", "priority-", "prio:", "prio/"]),
            area_prefixes: strings(&["area/", "area:", "component/", "component:"]),
            debt_labels: strings(&["debt", "tech-debt", "technical debt"]),
        }
    }
}

impl ImportRules {
    /// Whether the plan leaves the section out (nothing changed).
    pub fn is_default(&self) -> bool {
        *self == ImportRules::default()
    }

    /// The rules' own checks: urgencies 0–5, no empty words or prefixes.
    /// Each error's field is the setting's name (`import.priorities`).
    pub fn check(&self) -> Vec<FieldError> {
        let mut out = Vec::new();
        for r in &self.priorities {
            if r.word.trim().is_empty() {
                out.push(FieldError::new("import.priorities", "a word is empty"));
            }
            if r.urgency > MAX_RATING {
                out.push(FieldError::new(
                    "import.priorities",
                    format!(
                        "{}: urgency must be 0–{MAX_RATING}, got {}",
                        crate::text::quote(&r.word),
                        r.urgency
                    ),
                ));
            }
        }
        for (field, list) in [
            ("import.priority_prefixes", &self.priority_prefixes),
            ("import.area_prefixes", &self.area_prefixes),
            ("import.debt_labels", &self.debt_labels),
        ] {
            if list.iter().any(|s| s.trim().is_empty()) {
                out.push(FieldError::new(field, "an entry is empty"));
            }
        }
        out
    }
}

/// A label or priority word as the rules compare it: case, and the
/// spelling of the gaps between words (` `, `-`, `_`), do not matter, so
/// `Tech Debt`, `tech_debt` and `tech-debt` are one label.
pub fn fold(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c == '-' || c == '_')
        .filter(|p| !p.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_pass_their_own_checks() {
        let r = ImportRules::default();
        assert!(r.check().is_empty());
        assert!(r.is_default());
        // Every default word is written folded, so lookups can fold once.
        for p in &r.priorities {
            assert_eq!(fold(&p.word), p.word);
        }
    }

    #[test]
    fn bad_rules_are_named() {
        let mut r = ImportRules::default();
        r.priorities[0].urgency = 9;
        r.debt_labels.push(" ".into());
        let fields: Vec<&str> = r.check().iter().map(|e| e.field).collect();
        assert_eq!(fields, ["import.priorities", "import.debt_labels"]);
    }

    #[test]
    fn folding() {
        assert_eq!(fold("  Tech  Debt "), "tech-debt");
        assert_eq!(fold("tech_debt"), "tech-debt");
        assert_eq!(fold("Critical-Urgent"), "critical-urgent");
    }
}
