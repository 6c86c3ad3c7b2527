//! Merging another program's version of the file into the session: the
//! base is the plan as the session last knew the file, ours is the
//! session's plan, theirs the file now (`crate::merge::merge`). With no
//! conflict the merge becomes the session's plan and is saved when ours
//! adds to theirs; with conflicts the session keeps ours and a [`Clash`]
//! until [`Session::settle`] gets a pick for each, and writes nothing
//! meanwhile.

use std::collections::BTreeSet;
use std::sync::Arc;

use super::incoming::{Incoming, incoming};
use super::{Outside, SaveError, SaveErrorKind, Session};
use crate::merge::{self, Conflict, SETTINGS, SettleError, Side};
use crate::model::{Change, Kind, Op, Plan, PlanDiff, diff};

/// An outside change merged in.
#[derive(Debug, Clone, PartialEq)]
pub struct Merge {
    /// Which items changed in the session's plan.
    pub diff: PlanDiff,
    /// What came in, field by field.
    pub incoming: Vec<Incoming>,
    /// Ours held changes theirs had not: the merge is being saved.
    pub kept_mine: bool,
    /// Undo and redo steps dropped: they touched an item that came in.
    pub dropped_steps: usize,
    /// The save of the merge (`None`: nothing to save).
    pub saved: Option<Result<String, SaveError>>,
}

/// An outside change that clashes with ours.
#[derive(Debug, Clone, PartialEq)]
pub struct Clash {
    /// The merge: ours at each conflict.
    merged: Plan,
    pub(super) theirs: Plan,
    pub conflicts: Vec<Conflict>,
}

impl Outside {
    /// What the session's save came to when it ran into this.
    pub(super) fn save_outcome(&self) -> Option<Result<String, SaveError>> {
        match self {
            Outside::Merged(m) => m.saved.clone(),
            Outside::Clash(_) => Some(Err(clash_error())),
            _ => None,
        }
    }
}

fn clash_error() -> SaveError {
    SaveError::new(SaveErrorKind::Clash, "changed on disk, conflicts to pick")
}

impl Session {
    /// Merges `theirs` (the file as another program left it, already the
    /// version the persist expects to replace) into the session.
    pub(super) fn merge_in(&mut self, theirs: Plan) -> Outside {
        // Our own writes that landed are the base, not theirs.
        self.catch_up();
        // Nothing of ours beyond the base (the usual case: the UI is idle):
        // the merge is theirs, without turning two whole plans into JSON.
        if self.unsynced.is_empty() && !self.dirty {
            let merged = theirs.clone();
            return Outside::Merged(self.take(merged, theirs));
        }
        let merged = merge::merge(&self.base, &self.plan, &theirs);
        if merged.conflicts.is_empty() {
            return Outside::Merged(self.take(merged.plan, theirs));
        }
        let conflicts = merged.conflicts.clone();
        self.clash = Some(Clash {
            merged: merged.plan,
            theirs,
            conflicts: merged.conflicts,
        });
        self.dirty = true;
        Outside::Clash(conflicts)
    }

    /// A save ran into an outside change: [`Session::watch`] says what came
    /// of it.
    pub fn has_news(&self) -> bool {
        self.news.is_some()
    }

    /// The clash waiting for picks, if any.
    pub fn clash(&self) -> Option<&Clash> {
        self.clash.as_ref()
    }

    /// Settles the clash with one side per conflict (in the order of
    /// [`Clash::conflicts`]; a conflict without one keeps ours) and takes
    /// the result as a clean merge would. `None`: there is no clash.
    /// Nothing changes on an error (the clash stays).
    pub fn settle(&mut self, sides: &[Side]) -> Option<Result<Merge, SettleError>> {
        let clash = self.clash.take()?;
        Some(self.settle_clash(clash, sides))
    }

    pub(super) fn settle_clash(
        &mut self,
        clash: Clash,
        sides: &[Side],
    ) -> Result<Merge, SettleError> {
        let mut plan = clash.merged.clone();
        for (conflict, side) in clash.conflicts.iter().zip(sides) {
            match merge::settle(&plan, conflict, *side) {
                Ok(next) => plan = next,
                Err(e) => {
                    self.clash = Some(clash);
                    return Err(e);
                }
            }
        }
        Ok(self.take(plan, clash.theirs))
    }

    /// `merged` becomes the session's plan and `theirs` its base; the
    /// undo steps that touch what came in are dropped; the merge is saved
    /// when it holds something theirs does not.
    fn take(&mut self, merged: Plan, theirs: Plan) -> Merge {
        let (diff, incoming) = incoming(&self.plan, &merged);
        let touched: BTreeSet<String> = diff
            .added
            .iter()
            .chain(&diff.changed)
            .chain(&diff.removed)
            .cloned()
            .chain(diff.settings.then(|| SETTINGS.to_owned()))
            .collect();
        let dropped_steps = self.history.retain_untouched(&touched);
        let kept_mine = merged != theirs && !self.read_only;
        let to_file = kept_mine.then(|| change_between(&theirs, &merged));
        self.plan = Arc::new(merged);
        self.base = theirs;
        self.unsynced.clear();
        self.clash = None;
        self.seed();
        let saved = match to_file {
            Some(change) => {
                // The seed above holds it: its mark is the seed's.
                self.unsynced.push((self.persist.mark(), change));
                self.dirty = true;
                self.save()
            }
            None => {
                self.dirty = false;
                None
            }
        };
        Merge {
            diff,
            incoming,
            kept_mine,
            dropped_steps,
            saved,
        }
    }
}

/// The change that turns `from` into `to`, whole items: what the merge
/// adds to the file (the base follows it once that is saved).
fn change_between(from: &Plan, to: &Plan) -> Change {
    let d = diff(from, to);
    let mut change = Change::new("merge");
    for id in d.added.iter().chain(&d.changed) {
        if let Some(item) = to.item(id) {
            change.ops.push(Op::Put(item));
        }
    }
    for id in &d.removed {
        if let Some(kind) = Kind::of_id(id) {
            change.ops.push(Op::Remove(kind, id.clone()));
        }
    }
    if d.settings {
        change.ops.push(Op::SetMeta(Box::new(to.meta())));
    }
    change
}
