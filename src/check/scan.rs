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

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::model::Debt;

    fn debt(id: &str, source: Option<&str>, status: DebtStatus) -> Debt {
        let day = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap_or_default();
        let mut d = Debt::new(id.into(), format!("item {id}"), day);
        d.source = source.map(Into::into);
        d.status = status;
        d
    }

    #[test]
    fn only_open_items_from_a_scan_whose_fingerprint_is_gone_are_warned_about() {
        let plan = Plan {
            debts: vec![
                debt("D-1", Some("scan:aaaa"), DebtStatus::Open),
                debt("D-2", Some("scan:bbbb"), DebtStatus::InProgress),
                debt("D-3", Some("scan:cccc"), DebtStatus::Done),
                debt("D-4", Some("taskwarrior:cccc"), DebtStatus::Open),
                debt("D-5", None, DebtStatus::Open),
            ],
            ..Plan::default()
        };
        let live: HashSet<String> = ["aaaa".to_owned()].into();
        let lines: Lines = [("D-2".to_owned(), 7)].into();
        let found = scan_gone(&plan, &live, Some(&lines));
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].id, "D-2");
        assert_eq!(found[0].line, Some(7));
        assert_eq!(found[0].rule.name(), "scan-marker-gone");
        assert_eq!(found[0].severity, Severity::Warn);
        assert!(found[0].message.contains("scan:bbbb"));
    }
}
