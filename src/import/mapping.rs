//! The plan's mapping rules ([`ImportRules`], `import` in the settings)
//! applied to what a tracker says about an item: its labels and its
//! priority field become urgency, an area, tags, and whether it is
//! technical debt. Pure; every tracker source (GitHub, Jira, and any other
//! that has labels or a priority) calls [`map`] and then [`Mapped::apply`].
//!
//! Per label, in this order (the README's "Mapping rules" table):
//!
//! 1. after one of `area_prefixes` (`area/payments`): the rest is the area
//!    (the first such label wins); not a tag;
//! 2. after one of `priority_prefixes` (`priority: high`,
//!    `priority/critical-urgent`), a known priority word: its urgency, or a
//!    number 1–4 counted from the top as GitLab's `priority::1` is (1 → 5,
//!    4 → 2); not a tag (an unknown word keeps the label as a tag);
//! 3. a whole label that is a priority word (`P1`, `critical`): its
//!    urgency; not a tag;
//! 4. anything else is a tag; one of `debt_labels` also marks the item as
//!    technical debt (and stays a tag).
//!
//! Labels and words compare with [`fold`]: case and the spelling of the gaps
//! (` `, `-`, `_`) do not matter. The tracker's own priority field is looked
//! up in the same table. The highest urgency found wins.

use crate::model::validate::{self, FieldError, MAX_RATING, MAX_TITLE};
use crate::model::{Debt, ImportRules, fold_label as fold};

/// What the rules make of one item's labels and priority.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Mapped {
    /// The highest urgency its priority or labels name, if any does.
    pub urgency: Option<u8>,
    pub area: Option<String>,
    /// The labels that are neither an area nor a priority, in order, once.
    pub tags: Vec<String>,
    /// Whether a label (or a tracker's issue type) is one of `debt_labels`.
    pub is_debt: bool,
}

/// The urgency a priority word names (`Highest`, `P1`, `critical-urgent`),
/// or `None` for a word the rules do not know (`No priority`, blank).
pub fn priority(rules: &ImportRules, word: &str) -> Option<u8> {
    let w = fold(word);
    if w.is_empty() {
        return None;
    }
    rules
        .priorities
        .iter()
        .find(|r| fold(&r.word) == w)
        .map(|r| r.urgency)
}

/// An urgency cell of a spreadsheet (its own `urgency` column, or one
/// mapped to it: `--map 'Priority=urgency'`): a rating 0–5, or a priority
/// word the rules know (`High`, `P1`, `critical`). Anything else names both.
pub fn urgency_cell(rules: &ImportRules, field: &'static str, s: &str) -> Result<u8, FieldError> {
    validate::rating(field, s).or_else(|e| {
        if s.trim().parse::<f64>().is_ok() {
            return Err(e);
        }
        priority(rules, s).ok_or_else(|| {
            FieldError::new(
                field,
                format!(
                    "must be 0–{MAX_RATING} or a priority word (Highest, High, Medium, Low, \
                     Lowest, P0–P4, urgent, critical…; import.priorities), got {}",
                    crate::text::quote(s.trim())
                ),
            )
        })
    })
}

/// Whether `label` is one of the rules' debt labels.
pub fn is_debt_label(rules: &ImportRules, label: &str) -> bool {
    let l = fold(label);
    !l.is_empty() && rules.debt_labels.iter().any(|d| fold(d) == l)
}

/// `label` without a prefix (case-insensitive), and the separators after
/// it, when it starts with one of `prefixes` and has something left.
fn after<'a>(prefixes: &[String], label: &'a str) -> Option<&'a str> {
    prefixes.iter().find_map(|p| {
        let p = p.trim();
        let head = label.get(..p.len())?;
        if p.is_empty() || !head.eq_ignore_ascii_case(p) {
            return None;
        }
        let rest = label[p.len()..].trim_start_matches([' ', ':', '/']).trim();
        (!rest.is_empty()).then_some(rest)
    })
}

/// A priority numbered from the top after a priority prefix, as GitLab's
/// scoped labels are (`priority::1` the highest … `priority::4` the lowest):
/// 1 → 5, 2 → 4, 3 → 3, 4 → 2. Only after a prefix: a bare `1` label is
/// not a priority.
fn ranked_priority(word: &str) -> Option<u8> {
    match word.trim().parse::<u8>().ok()? {
        n @ 1..=4 => Some(6 - n),
        _ => None,
    }
}

/// The rules applied to an item's labels and its priority field.
pub fn map<S: AsRef<str>>(
    rules: &ImportRules,
    labels: &[S],
    priority_field: Option<&str>,
) -> Mapped {
    let mut out = Mapped {
        urgency: priority_field.and_then(|p| priority(rules, p)),
        ..Mapped::default()
    };
    let raise = |u: u8, out: &mut Mapped| {
        out.urgency = Some(out.urgency.map_or(u, |v| v.max(u)));
    };
    for label in labels {
        let label = label.as_ref().trim();
        if label.is_empty() {
            continue;
        }
        if let Some(area) = after(&rules.area_prefixes, label) {
            out.area.get_or_insert_with(|| area.to_owned());
            continue;
        }
        if let Some(u) = after(&rules.priority_prefixes, label)
            .and_then(|w| priority(rules, w).or_else(|| ranked_priority(w)))
        {
            raise(u, &mut out);
            continue;
        }
        if let Some(u) = priority(rules, label) {
            raise(u, &mut out);
            continue;
        }
        out.is_debt |= is_debt_label(rules, label);
        if !out.tags.iter().any(|t| t == label) {
            out.tags.push(label.to_owned());
        }
    }
    out
}

impl Mapped {
    /// Puts what was found on `d`: urgency when one was named, the area
    /// when one was found, the tags after any it has.
    pub fn apply(&self, d: &mut Debt) {
        if let Some(u) = self.urgency {
            d.urgency = u;
        }
        if let Some(a) = &self.area {
            d.area = a.clone();
        }
        for t in &self.tags {
            if !d.tags.contains(t) {
                d.tags.push(t.clone());
            }
        }
    }
}

/// An upstream title as a debt title: runs of white space (line breaks
/// too) as one space, cut to the title limit with `…`. The second value is
/// the full text when it was cut, for the description. `None` when blank.
pub fn title(upstream: &str) -> Option<(String, Option<String>)> {
    let full = upstream.split_whitespace().collect::<Vec<_>>().join(" ");
    if full.is_empty() {
        return None;
    }
    if full.chars().count() <= MAX_TITLE {
        return Some((full, None));
    }
    let mut t: String = full.chars().take(MAX_TITLE - 1).collect();
    t.push('…');
    Some((t, Some(full)))
}

/// Story points as an effort: `3`, `3.0` and `2.5` (rounded up) are
/// points; blank, `0`, or anything not a positive number is `None` (not
/// estimated). Capped at the effort limit.
pub fn points(s: &str) -> Option<u32> {
    let v: f64 = s.trim().replace(',', ".").parse().ok()?;
    if !v.is_finite() || v <= 0.0 {
        return None;
    }
    let max = f64::from(crate::model::validate::MAX_EFFORT);
    // In range 1..=MAX_EFFORT after the clamp, so the cast is exact.
    Some(v.ceil().min(max) as u32)
}

#[cfg(test)]
mod tests;
