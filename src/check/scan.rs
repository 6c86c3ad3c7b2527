//! The `scan-marker-gone` rule: an open debt item `bearing scan` added
//! (`source = "scan:FINGERPRINT"`) whose marker — or, for a hotspot, whose
//! file — the code no longer holds: resolved in the code? The command line
//! reads the code (the repository holding the plan) and hands in what it
//! holds now; the rule never looks at files. Always a warning, outside the
//! policy, like `git-driver-missing`.

use std::collections::HashSet;

use super::{Finding, Lines, Rule};
use crate::model::{DebtStatus, Plan, Severity};
use crate::scan::SOURCE_PREFIX;

/// One warning per open item from a scan whose fingerprint is not in
/// `live` (every fingerprint the code holds now).
pub fn scan_gone(plan: &Plan, live: &HashSet<String>, lines: Option<&Lines>) -> Vec<Finding> {
    plan.debts
        .iter()
        .filter(|d| matches!(d.status, DebtStatus::Open | DebtStatus::InProgress))
        .filter_map(|d| {
            let fp = d.source.as_deref()?.strip_prefix(SOURCE_PREFIX)?;
            (!live.contains(fp)).then(|| Finding {
                rule: Rule::ScanMarkerGone,
                severity: Severity::Warn,
                id: d.id.clone(),
                line: lines.and_then(|l| l.get(&d.id).copied()),
                message: format!(
                    "the code no longer has the marker (or file) bearing scan found for this item (scan:{fp}): resolved in the code? If so: bearing edit {} --status done",
                    crate::text::label(&d.id)
                ),
            })
        })
        .collect()
}
