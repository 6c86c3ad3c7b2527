//! What a sprint's dates and contents should make a person stop and think
//! about: windows that overlap another sprint's, a window already past, and
//! starting a sprint outside its window, empty or over capacity. Warnings,
//! not errors: the CLI prints them and goes on, the UI asks y/n.

use chrono::NaiveDate;

use super::pts;
use crate::model::{Plan, Sprint, SprintState, days_word};

/// Sprints other than `s` (and not cancelled) whose windows share a day
/// with its window, by start then id.
pub fn overlapping<'a>(plan: &'a Plan, s: &Sprint) -> Vec<&'a Sprint> {
    let mut out: Vec<&Sprint> = plan
        .sprints
        .iter()
        .filter(|o| o.id != s.id && o.state != SprintState::Cancelled && o.overlaps(s))
        .collect();
    out.sort_by(|a, b| a.start.cmp(&b.start).then_with(|| a.id.cmp(&b.id)));
    out
}

/// "sprint "B" (S-2, 2026-11-20 → 2026-11-30) overlaps S-1 "A" (…, active)".
pub fn overlap_note(s: &Sprint, other: &Sprint) -> String {
    format!(
        "sprint {:?} ({} → {}) overlaps {} {:?} ({} → {}, {})",
        s.name,
        s.start,
        s.end,
        other.id,
        other.name,
        other.start,
        other.end,
        other.state.label()
    )
}

/// Warnings for a sprint just created (or re-dated): windows it overlaps,
/// and a window that has already ended.
pub fn creation_warnings(plan: &Plan, s: &Sprint, today: NaiveDate) -> Vec<String> {
    let mut out: Vec<String> = overlapping(plan, s)
        .into_iter()
        .map(|o| overlap_note(s, o))
        .collect();
    if s.end < today {
        out.push(format!(
            "its window ended {} ago ({})",
            days_word((today - s.end).num_days()),
            s.end
        ));
    }
    out
}

/// Why starting `s` on `today` deserves a second thought: outside its
/// window, nothing committed, or more committed than its capacity.
pub fn start_warnings(plan: &Plan, s: &Sprint, today: NaiveDate) -> Vec<String> {
    let mut out = Vec::new();
    if today < s.start {
        out.push(format!(
            "today ({today}) is before its window opens ({}, in {})",
            s.start,
            days_word((s.start - today).num_days())
        ));
    } else if today > s.end {
        out.push(format!(
            "its window ended {} ago ({})",
            days_word((today - s.end).num_days()),
            s.end
        ));
    }
    if s.items.is_empty() {
        out.push("nothing is committed to it".to_owned());
    }
    let unknown = plan.unestimated_of(&s.items);
    if unknown > 0 {
        out.push(format!(
            "{} not estimated: its load is unknown (triage them)",
            crate::text::count(unknown, "item")
        ));
    }
    let effort = plan.effort_of(&s.items);
    if effort > s.capacity {
        out.push(format!(
            "it holds {effort} of {}, over capacity by {}",
            pts(s.capacity),
            pts(effort - s.capacity)
        ));
    }
    out
}
