//! What `check` knows beyond the plan's text: facts the front ends read
//! from git and the work tree (a merge git stopped on, a merge driver git
//! does not have, the fingerprints the code holds now). Pure: the command
//! line reads them before it prints, the UI on a worker after a load or a
//! save; both then ask [`Context::findings`], so `bearing check` and the
//! Overview's warnings are the same list.

use std::collections::HashSet;

use super::{Finding, Lines, scan_gone};
use crate::model::Plan;

/// What was read around the plan file. The default knows nothing (no
/// repository, or not read yet).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Context {
    /// `merge-conflict`: git has the plan as unmerged.
    pub unmerged: Option<Finding>,
    /// `git-driver-missing`.
    pub driver_missing: Option<Finding>,
    /// Every fingerprint the code holds now, when the plan has items from a
    /// scan and sits in a repository (`scan-marker-gone`).
    pub live: Option<HashSet<String>>,
}

impl Context {
    /// Whether the code is worth reading for `plan`: it has items from
    /// `bearing scan` (reading a big work tree costs).
    pub fn reads_code(plan: &Plan) -> bool {
        plan.debts.iter().any(|d| {
            d.source
                .as_deref()
                .is_some_and(|s| s.starts_with(crate::scan::SOURCE_PREFIX))
        })
    }

    /// `checked` (the plan's own findings, [`super::check`]) with these
    /// added, in `bearing check`'s order: an unmerged plan first, then the
    /// plan's findings, the missing driver, the scanned items whose code is
    /// gone (judged on `plan` as it is now).
    pub fn findings(
        &self,
        plan: &Plan,
        mut checked: Vec<Finding>,
        lines: Option<&Lines>,
    ) -> Vec<Finding> {
        if let Some(f) = &self.unmerged {
            checked.insert(0, f.clone());
        }
        checked.extend(self.driver_missing.clone());
        if let Some(live) = &self.live {
            checked.extend(scan_gone(plan, live, lines));
        }
        checked
    }
}
