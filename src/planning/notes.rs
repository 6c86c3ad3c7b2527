//! The short phrases planning's messages are made of.

use crate::model::Plan;

pub(super) fn pts(n: u32) -> String {
    crate::text::count(n, "pt")
}

pub(super) fn items_word(n: usize) -> String {
    crate::text::count(n, "item")
}

/// Why planning picked nothing when only unestimated items are left.
pub(super) const NOT_ESTIMATED: &str =
    "the candidates left are not estimated (triage them: t in the debt view)";

/// ", over capacity by N pts" when the sprint would not fit, else "".
pub(super) fn overflow_note(effort: u32, capacity: u32) -> String {
    match effort.saturating_sub(capacity) {
        0 => String::new(),
        over => format!(" — over capacity by {}", pts(over)),
    }
}

/// " — 2 items not estimated (load unknown)" when the sprint holds items to
/// triage, else "": their effort counts as unknown, not as 0 or 1.
pub(super) fn unknown_note(plan: &Plan, items: &[String]) -> String {
    match plan.unestimated_of(items) {
        0 => String::new(),
        n => format!(" — {} not estimated (load unknown)", items_word(n)),
    }
}
