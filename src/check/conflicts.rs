//! The `merge-conflict` rule: git conflict markers left in the plan's text
//! (a merge not finished, a web UI's merge). It reads the text, not the
//! plan, because a plan with markers does not parse; one finding per block,
//! always an error (not in the policy: no level could let such a file pass).

use super::{Finding, Rule};
use crate::merge::SETTINGS;
use crate::merge::markers::{Block, MarkerError};
use crate::model::Severity;
use crate::text::label;

/// One error-level finding per block, at the block's `<<<<<<<` line.
pub fn merge_conflicts(blocks: &[Block]) -> Vec<Finding> {
    blocks
        .iter()
        .map(|b| {
            let id = b.id.as_deref().unwrap_or(SETTINGS);
            let how = if b.other_id.is_some() {
                // Either side alone drops the other's new item.
                "run bearing resolve while git still has the merge (it merges again and keeps both), or edit the block to keep both items".to_owned()
            } else {
                format!("run bearing resolve (or --ours / --theirs {})", label(id))
            };
            Finding {
                rule: Rule::MergeConflict,
                severity: Severity::Error,
                id: id.to_owned(),
                line: Some(b.start_line),
                message: format!("unresolved merge conflict in {}: {how}", b.place()),
            }
        })
        .collect()
}

/// A `<<<<<<<` block that never closes, in a text that does not parse with
/// it: a merge left it too, so it is a `merge-conflict` finding (no item:
/// `resolve` cannot settle it; the file is finished by hand).
pub fn unclosed_conflict(e: &MarkerError) -> Finding {
    Finding {
        rule: Rule::MergeConflict,
        severity: Severity::Error,
        id: String::new(),
        line: Some(e.line),
        message: format!("{}; finish the merge by hand", e.message),
    }
}
