//! An editing session over one plan, with no terminal in it: the one door
//! for changes ([`Session::apply`]), undo and redo, persistence (the file's
//! background writer, or none) and the watch for outside changes
//! ([`Session::watch`], in `watch.rs`). The TUI wraps it and words what it
//! returns; the CLI can use it too.
//!
//! A session never formats a message for a screen: it returns data
//! ([`SaveError`] with its kind, [`Outside`], [`KeepMine`], a
//! [`PlanDiff`](crate::model::PlanDiff)) and the front end says it.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::model::{Change, Plan};

pub mod file_persist;
pub mod history;
mod incoming;
mod outside;
mod persist;
mod watch;

pub use history::History;
pub use incoming::{Came, Incoming};
pub use outside::{Clash, Merge};
pub use persist::{NoPersist, Persist, SaveError, SaveErrorKind};
pub use watch::{KeepMine, Outside};

pub struct Session {
    /// Not shared for saves (the writer keeps its own copy and is sent
    /// every change), so edits change it in place. Shared only briefly:
    /// with the writer while it copies a whole plan (start, reload, keep
    /// mine) and with whatever a front end builds from it (a search
    /// index); an edit then copies it.
    plan: Arc<Plan>,
    history: History,
    persist: Box<dyn Persist>,
    /// A read-only session never tells its persist anything and never
    /// saves (the demo, a second UI on the same file).
    read_only: bool,
    /// A change is not on disk (the last save failed, or none was asked
    /// for yet).
    dirty: bool,
    /// Where the plan was written when it could not be saved over the
    /// file ([`Session::recover`]).
    recovered: Option<PathBuf>,
    /// The plan as this session last knew the file: as loaded, merged in
    /// or saved. The base of the merge with an outside change.
    base: Plan,
    /// The changes sent to the persist since `base` was last level with
    /// the file, in order, each with the persist's mark for it
    /// ([`Persist::mark`]): once the persist says the file holds that mark
    /// ([`Persist::written`]) the change is applied to `base`.
    unsynced: Vec<(Option<u64>, Change)>,
    /// An outside change that clashed with ours, waiting for a pick per
    /// conflict ([`Session::settle`]); nothing is saved meanwhile.
    clash: Option<Clash>,
    /// What a refused save found (a merge, a clash), for the next
    /// [`Session::watch`].
    news: Option<Outside>,
    /// A merge is saving: its refusal is not merged again at once.
    merging: bool,
}

impl Session {
    /// A session over `plan`, saving through `persist` (which is given the
    /// whole plan now, unless the session is read-only).
    pub fn new(plan: Plan, persist: Box<dyn Persist>, read_only: bool) -> Session {
        let mut session = Session {
            base: plan.clone(),
            unsynced: Vec::new(),
            clash: None,
            news: None,
            merging: false,
            plan: Arc::new(plan),
            history: History::default(),
            persist,
            read_only,
            dirty: false,
            recovered: None,
        };
        session.seed();
        session
    }

    /// The plan as the changes so far left it.
    pub fn plan(&self) -> &Arc<Plan> {
        &self.plan
    }

    pub fn read_only(&self) -> bool {
        self.read_only
    }

    /// A change is not on disk.
    pub fn dirty(&self) -> bool {
        self.dirty
    }

    /// Marks the plan as holding a change that is not on disk (tests that
    /// need the state without a failing disk).
    pub fn mark_unsaved(&mut self) {
        self.dirty = true;
    }

    /// A change is not on disk and nowhere else either: dirty in a
    /// writable session, and not written to a recovery copy.
    pub fn unsaved(&self) -> bool {
        self.dirty && !self.read_only && self.recovered.is_none()
    }

    /// Where [`Session::recover`] wrote the plan, once it did.
    pub fn recovered(&self) -> Option<&PathBuf> {
        self.recovered.as_ref()
    }

    pub fn history(&self) -> &History {
        &self.history
    }

    pub fn persist(&self) -> &dyn Persist {
        self.persist.as_ref()
    }

    /// For tests and benches that wait on the persist directly.
    pub fn persist_mut(&mut self) -> &mut dyn Persist {
        self.persist.as_mut()
    }

    /// The file path, or the persist's label ("demo (read-only)").
    pub fn describe(&self) -> String {
        self.persist.describe()
    }

    /// The file's name for messages ("bearing.ron"), or the persist's label.
    pub fn file_name(&self) -> String {
        let full = self.persist.describe();
        Path::new(&full)
            .file_name()
            .map_or(full.clone(), |n| n.to_string_lossy().into_owned())
    }

    /// The one door for changes: tells the persist (so its copy follows),
    /// applies the change and records its inverse for undo. The caller
    /// saves ([`Session::save`]) when it is done changing.
    pub fn apply(&mut self, change: Change) {
        if !self.read_only {
            self.persist.changed(&change);
            self.unsynced.push((self.persist.mark(), change.clone()));
        }
        let inverse = Arc::make_mut(&mut self.plan).apply(change);
        self.history.record(inverse);
        self.dirty = true;
    }

    /// The change the next undo (`undo`) or redo applies.
    pub fn peek(&self, undo: bool) -> Option<&Change> {
        self.history.peek(undo)
    }

    /// Undoes the last change; its label, `None` when there is none.
    pub fn undo(&mut self) -> Option<String> {
        self.step(true)
    }

    /// Redoes the last undone change; its label, `None` when there is none.
    pub fn redo(&mut self) -> Option<String> {
        self.step(false)
    }

    fn step(&mut self, undo: bool) -> Option<String> {
        // Nothing to step: do not make the plan unique for nothing (that
        // could copy it while something shares it).
        let step = self.history.peek(undo)?;
        if !self.read_only {
            self.persist.changed(step);
            self.unsynced.push((self.persist.mark(), step.clone()));
        }
        let plan = Arc::make_mut(&mut self.plan);
        let label = if undo {
            self.history.undo(plan)
        } else {
            self.history.redo(plan)
        }?;
        self.dirty = true;
        Some(label)
    }

    /// Saves through the persist; `None` in a read-only session (nothing
    /// is written). A failure keeps the change in memory (the writer's copy
    /// has it too) and the session dirty: the next save writes it.
    pub fn save(&mut self) -> Option<Result<String, SaveError>> {
        if self.read_only {
            return None;
        }
        // Never over their version while its conflicts are not picked: the
        // merge runs again with ours as it is now (an edit may have settled
        // it), and a clash is news for the front end.
        if let Some(clash) = self.clash.take() {
            let outside = self.merge_in(clash.theirs);
            let outcome = outside.save_outcome();
            self.news = Some(outside);
            return outcome;
        }
        let outcome = self.persist.save(&self.plan);
        self.dirty = outcome.is_err();
        // A background writer's "saving…" is not the outcome yet: that
        // comes by `poll_saved`.
        if outcome.is_ok() && self.persist.background() {
            return Some(outcome);
        }
        self.took(Some(outcome))
    }

    /// A save reached the file: every change it held joins the base (all
    /// of them for a persist that saves at once).
    fn synced(&mut self) {
        if self.persist.written().is_some() {
            self.catch_up();
            return;
        }
        for (_, change) in self.unsynced.drain(..) {
            self.base.apply(change);
        }
    }

    /// Moves every change the file is known to hold into the base, by the
    /// background writer's marks, not by which outcome was taken: a save
    /// asked for right after a write finished drops that write's outcome,
    /// and the base must still hold our own write before it is merged with
    /// theirs (else our earlier save reads as their change).
    pub(super) fn catch_up(&mut self) {
        let Some(written) = self.persist.written() else {
            return;
        };
        let held = self
            .unsynced
            .iter()
            .take_while(|(mark, _)| mark.is_some_and(|m| m <= written))
            .count();
        for (_, change) in self.unsynced.drain(..held) {
            self.base.apply(change);
        }
    }

    /// A background save's outcome once it is the last word (no newer
    /// change queued); `None` while there is none.
    pub fn poll_saved(&mut self) -> Option<Result<String, SaveError>> {
        let outcome = self.persist.poll_saved();
        self.took(outcome)
    }

    /// Waits for queued saves to be written; the outcome not yet taken.
    pub fn wait_saved(&mut self) -> Option<Result<String, SaveError>> {
        let outcome = self.persist.flush();
        self.took(outcome)
    }

    fn took(
        &mut self,
        outcome: Option<Result<String, SaveError>>,
    ) -> Option<Result<String, SaveError>> {
        self.catch_up();
        match &outcome {
            Some(Ok(_)) => self.synced(),
            // Another program wrote the file: merge theirs in (the merge
            // saves when ours adds to theirs), or say why it cannot be read
            // (R and K decide then).
            Some(Err(e))
                if e.kind == SaveErrorKind::ChangedOnDisk && !self.read_only && !self.merging =>
            {
                self.dirty = true;
                if let Ok(theirs) = self.persist.reload_from_disk() {
                    // The merge saves; a refusal of that save is said, not
                    // merged again from here.
                    self.merging = true;
                    let outside = self.merge_in(theirs);
                    self.merging = false;
                    let merged = outside.save_outcome();
                    self.news = Some(outside);
                    return merged;
                }
            }
            // Kept in memory; the next change (or quit) retries.
            Some(Err(_)) => self.dirty = true,
            None => {}
        }
        outcome
    }

    /// Replaces the whole plan (a reload after another program wrote the
    /// file). Undo history refers to the old plan, so it is dropped.
    pub fn replace(&mut self, plan: Plan) {
        self.base = plan.clone();
        self.unsynced.clear();
        self.clash = None;
        self.news = None;
        self.plan = Arc::new(plan);
        self.seed();
        self.history = History::default();
        self.dirty = false;
    }

    /// Writes the plan to a recovery copy of its own (once: a second call
    /// answers where the first wrote) when it cannot be saved over the
    /// file. Returns where it went.
    pub fn recover(&mut self) -> Result<PathBuf, String> {
        if let Some(done) = &self.recovered {
            return Ok(done.clone());
        }
        let path = self.persist.recover(&self.plan)?;
        self.recovered = Some(path.clone());
        Ok(path)
    }

    /// Tells the persist the whole plan (at start and after a reload). The
    /// file writer copies it on its thread and lets go: an edit in those
    /// ~30 ms (100k items) copies the plan once, which is accepted. A
    /// read-only session never saves, so its persist keeps no copy.
    fn seed(&mut self) {
        if !self.read_only {
            self.persist.seed(&self.plan);
        }
    }
}

#[cfg(test)]
mod outside_tests;
#[cfg(test)]
mod tests;
