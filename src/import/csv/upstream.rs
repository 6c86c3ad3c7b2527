//! What Linear's and GitLab's exports share beyond reading by column name:
//! labels and the priority field through the plan's mapping rules (the one
//! table GitHub and Jira use too), and the `Due Date` column.

use chrono::NaiveDate;

use crate::import::mapping::{self, Mapped};
use crate::model::ImportRules;
use crate::model::validate::{self, FieldError};

/// The `Labels` cell (comma-separated) and the priority field mapped by the
/// plan's rules: `priority::high` and `area::payments` are GitLab's scoped
/// labels, `P1` or `critical` a whole-label priority.
pub(super) fn mapped(rules: &ImportRules, labels: Option<&str>, priority: Option<&str>) -> Mapped {
    let labels = validate::list(labels.unwrap_or(""));
    mapping::map(rules, &labels, priority)
}

/// The `Due Date` cell as a day: `2026-07-01` (GitLab), an ISO timestamp
/// (Linear's `2026-07-01T00:00:00.000Z`), or Jira's `01/Jul/26`. Blank is
/// no due date; anything else is a bad cell.
pub(super) fn due(cell: Option<&str>) -> Result<Option<NaiveDate>, FieldError> {
    let Some(s) = cell else {
        return Ok(None);
    };
    crate::import::date::day(s)
        .map(Some)
        .map_err(|why| FieldError::new("Due Date", crate::import::date::problem(s, &why)))
}
