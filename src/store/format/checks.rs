//! The checks a parsed plan passes before it is handed out, shared by both
//! readers: ids of the right kind and unique, and every value rule of
//! `model::validate`, each failure at its line and column.

use super::{FormatError, Position, locate};
use crate::model::{Kind, Plan};

pub(super) fn check_ids(plan: &Plan, text: &str) -> Result<(), FormatError> {
    if ids_plainly_fine(plan) {
        return Ok(());
    }
    check_ids_in_order(plan, text)
}

/// The first wrong-kind or repeated id in file order.
pub(super) fn check_ids_in_order(plan: &Plan, text: &str) -> Result<(), FormatError> {
    let mut seen = std::collections::HashMap::new();
    let lists: [(Kind, Vec<&str>); 5] = [
        (
            Kind::Objective,
            plan.objectives.iter().map(|x| x.id.as_str()).collect(),
        ),
        (
            Kind::KeyResult,
            plan.key_results.iter().map(|x| x.id.as_str()).collect(),
        ),
        (
            Kind::Hypothesis,
            plan.hypotheses.iter().map(|x| x.id.as_str()).collect(),
        ),
        (
            Kind::Debt,
            plan.debts.iter().map(|x| x.id.as_str()).collect(),
        ),
        (
            Kind::Sprint,
            plan.sprints.iter().map(|x| x.id.as_str()).collect(),
        ),
    ];
    let keys = locate::keys(text);
    let lines = |id: &str| -> Vec<usize> {
        locate::items(&keys, text, id)
            .iter()
            .map(|k| locate::position(text, k.value).line)
            .collect()
    };
    for (kind, ids) in lists {
        for id in ids {
            if Kind::of_id(id) != Some(kind) {
                let at = locate::items(&keys, text, id)
                    .first()
                    .map_or(FALLBACK, |k| locate::position(text, k.value));
                return Err(FormatError::Invalid {
                    at,
                    id: id.to_owned(),
                    message: format!("a {kind} id must start with {}", kind.prefix()),
                });
            }
            if seen.insert(id, ()).is_some() {
                let lines = lines(id);
                return Err(FormatError::DuplicateId {
                    id: id.to_owned(),
                    first: lines.first().copied().unwrap_or(FALLBACK.line),
                    second: lines.get(1).copied().unwrap_or(FALLBACK.line),
                });
            }
        }
    }
    Ok(())
}

/// Where an error points when the text cannot say better: the first line,
/// which every file has.
const FALLBACK: Position = Position { line: 1, column: 1 };

/// Every value rule the command line and the forms enforce, held against
/// the file (a hand edit with effort 0 or a rating of 9 does not load),
/// reported at the value's line and column. A number too large for a float
/// (`1e400`) reads as infinity and is refused here too.
pub(super) fn check_values(plan: &Plan, text: &str) -> Result<(), FormatError> {
    let Some(v) = crate::model::validate::plan(plan) else {
        return Ok(());
    };
    let keys = locate::keys(text);
    let group = if v.is_item {
        locate::items(&keys, text, &v.item).first().map(|k| k.group)
    } else {
        locate::section(&keys, &v.item).map(|k| k.value)
    };
    let key = group.and_then(|g| match v.inner {
        Some((name, n)) => locate::field_in(&keys, g, name, n, true),
        None => locate::field_in(&keys, g, v.error.field, 0, false),
    });
    // A field left out takes its default (an effort of 0): point at the item.
    let fallback = || {
        group
            .and_then(|g| keys.iter().find(|k| k.group == g).copied())
            .or_else(|| locate::section(&keys, &v.item))
    };
    let at = key
        .or_else(fallback)
        .map_or(FALLBACK, |k| locate::position(text, k.value));
    Err(FormatError::Invalid {
        at,
        id: v.item.clone(),
        message: v.error.to_string(),
    })
}

/// The usual case without hashing every id: each id has its list's kind
/// prefix (so lists cannot share an id) and each list is strictly sorted
/// (so no list repeats one), as in every file `to_text` wrote. When this
/// says `false`, `check_ids` looks for the first problem in file order.
pub(super) fn ids_plainly_fine(plan: &Plan) -> bool {
    fn list<T>(xs: &[T], kind: Kind, id: impl Fn(&T) -> &str) -> bool {
        xs.iter().all(|x| Kind::of_id(id(x)) == Some(kind))
            && xs.windows(2).all(|w| id(&w[0]) < id(&w[1]))
    }
    list(&plan.objectives, Kind::Objective, |x| &x.id)
        && list(&plan.key_results, Kind::KeyResult, |x| &x.id)
        && list(&plan.hypotheses, Kind::Hypothesis, |x| &x.id)
        && list(&plan.debts, Kind::Debt, |x| &x.id)
        && list(&plan.sprints, Kind::Sprint, |x| &x.id)
}
