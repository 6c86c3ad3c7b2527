//! The value rules over a whole plan, as the loader applies them to a file:
//! the same rules the command line and the forms apply to one edit, so a
//! hand edit cannot put in the file what `bearing edit` would refuse.
//! References between items are not value rules: a dangling link loads and
//! `bearing check` reports it.

use super::sprint_values;
use super::{FieldError, debt_values, hypothesis_values, key_result_values, objective};
use crate::model::Plan;
use crate::model::settings;

/// The first value in a plan that breaks a rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// The item's id, or the settings section (`weights`, `health`).
    pub item: String,
    /// Whether `item` is an item id (else a section name).
    pub is_item: bool,
    pub error: FieldError,
    /// For a value inside a list of the item (a check-in): the key of that
    /// value and its index, so the error can point at it.
    pub inner: Option<(&'static str, usize)>,
}

impl std::fmt::Display for Violation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", crate::text::label(&self.item), self.error)
    }
}

/// The first broken value rule in file order (settings, then objectives,
/// key results, hypotheses, debt, sprints), or `None` when every value of
/// the plan is one the command line would accept.
pub fn plan(plan: &Plan) -> Option<Violation> {
    let item = |id: &str, errors: Vec<FieldError>| {
        errors.into_iter().next().map(|error| Violation {
            item: id.to_owned(),
            is_item: true,
            error,
            inner: None,
        })
    };
    // The settings' own rules (`config set`'s), each error moved to its
    // section: `weights.risk` is `risk` in `weights`.
    let numbers = settings::numbers(&plan.weights, &plan.health);
    numbers
        .into_iter()
        .next()
        .map(|e| {
            let (name, field) = e.field.split_once('.').unwrap_or(("weights", e.field));
            Violation {
                item: name.to_owned(),
                is_item: false,
                error: FieldError::new(field, e.message),
                inner: None,
            }
        })
        .or_else(|| {
            // The mapping rules' own checks, moved to their section like
            // the numbers': `import.priorities` is `priorities` in `import`.
            plan.import.check().into_iter().next().map(|e| {
                let field = e.field.strip_prefix("import.").unwrap_or(e.field);
                Violation {
                    item: "import".to_owned(),
                    is_item: false,
                    error: FieldError::new(field, e.message),
                    inner: None,
                }
            })
        })
        .or_else(|| {
            plan.objectives
                .iter()
                .find_map(|o| item(&o.id, objective(o)))
        })
        .or_else(|| {
            plan.key_results.iter().find_map(|k| {
                let mut v = item(&k.id, key_result_values(k))?;
                if v.error.field == "checkins" {
                    let i = k.checkins.iter().position(|c| !c.value.is_finite());
                    v.inner = i.map(|i| ("value", i));
                }
                Some(v)
            })
        })
        .or_else(|| {
            plan.hypotheses
                .iter()
                .find_map(|h| item(&h.id, hypothesis_values(h)))
        })
        .or_else(|| plan.debts.iter().find_map(|d| item(&d.id, debt_values(d))))
        .or_else(|| {
            plan.sprints
                .iter()
                .find_map(|s| item(&s.id, sprint_values(s)))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_plan_keeps_every_rule() {
        assert_eq!(plan(&Plan::default()), None);
    }

    #[test]
    fn a_negative_weight_is_named() {
        let mut p = Plan::default();
        p.weights.risk = -1.0;
        let v = plan(&p).unwrap();
        assert_eq!(
            v.to_string(),
            "weights: risk: must be a number from 0 to 100, got -1"
        );
    }
}
