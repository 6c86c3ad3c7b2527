//! The save thread: it owns a copy of the plan, applies the changes it is
//! sent in order, and renders and writes the copy when a save is asked for.

use std::path::Path;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};

use crate::model::{Change, Plan};
use crate::session::{SaveError, SaveErrorKind};
use crate::store::{self, Comments, Fingerprint, StoreError};

/// Where a test can hold the writer: before it renders (changes applied to
/// its copy) or after (about to write).
#[cfg(test)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Stage {
    Rendering,
    Writing,
}

/// What the writer is told, in the order the session did it.
pub(super) enum Update {
    /// Start over from this plan (copied on the writer thread).
    Replace(Arc<Plan>),
    /// Apply this change to the copy.
    Apply(Change),
}

/// What the session and the writer share, under one lock so "a write finished"
/// and "the file now holds this fingerprint" change together.
#[derive(Default)]
pub(super) struct Shared {
    /// Updates the writer has not taken yet.
    pub(super) updates: Vec<Update>,
    /// A save was asked for since the writer last took the updates: many
    /// saves while it is busy become one write.
    pub(super) write: bool,
    /// The writer has no copy (never seeded, or lost to a panic): the next
    /// save sends the whole plan.
    pub(super) needs_plan: bool,
    /// The writer is applying updates, rendering or writing.
    pub(super) busy: bool,
    /// What the file held when it was last read or written by us: the
    /// writer refuses to replace anything else.
    pub(super) expected: Option<Fingerprint>,
    /// The comments of the file last read, written back with every save.
    pub(super) comments: Arc<Comments>,
    /// The last write's outcome, until the session takes it.
    pub(super) outcome: Option<Result<String, SaveError>>,
    /// Writes done (successful or not), for tests and the status.
    pub(super) writes: u64,
    /// How many updates were ever queued: the mark of the last one
    /// ([`Persist::mark`](crate::session::Persist::mark)).
    pub(super) sent: u64,
    /// The mark of the last update the file holds: every update up to it
    /// was in the copy the last successful write rendered.
    pub(super) written: u64,
    /// A change was sent that no successful write has covered yet: what a
    /// rescue after a signal (see `FilePersist::rescuer`) goes by.
    pub(super) unsaved: bool,
    pub(super) shutdown: bool,
    /// Tests: the writer waits at this stage until it is cleared.
    #[cfg(test)]
    pub(super) hold: Option<Stage>,
    /// Tests: the stage the writer is waiting at.
    #[cfg(test)]
    pub(super) at: Option<Stage>,
}

impl Shared {
    /// Nothing queued and nothing in progress.
    pub(super) fn idle(&self) -> bool {
        !self.busy && !self.write && self.updates.is_empty()
    }
}

pub(super) struct Writer {
    pub(super) shared: Mutex<Shared>,
    /// Signalled when something is queued (wakes the writer) and when the
    /// writer goes idle (wakes `flush`).
    pub(super) wake: Condvar,
    /// The writer's own copy of the plan, kept equal to the session's by the
    /// same changes in the same order. Only the writer thread uses it
    /// (tests read it once the writer is idle).
    pub(super) mirror: Mutex<Option<Plan>>,
}

impl Writer {
    pub(super) fn lock(&self) -> MutexGuard<'_, Shared> {
        // A panic in the writer cannot leave the state half-changed (every
        // update is a few assignments), so a poisoned lock is still usable.
        self.shared
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    pub(super) fn mirror(&self) -> MutexGuard<'_, Option<Plan>> {
        self.mirror
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    pub(super) fn wait<'a>(&self, s: MutexGuard<'a, Shared>) -> MutexGuard<'a, Shared> {
        self.wake
            .wait(s)
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    pub(super) fn run(&self, path: &Path) {
        loop {
            let (updates, write, expected, comments, upto) = {
                let mut s = self.lock();
                while s.updates.is_empty() && !s.write && !s.shutdown {
                    s = self.wait(s);
                }
                // Shutdown still writes what is queued: nothing is lost on quit.
                if s.updates.is_empty() && !s.write {
                    return;
                }
                s.busy = true;
                let write = std::mem::take(&mut s.write);
                (
                    std::mem::take(&mut s.updates),
                    write,
                    s.expected,
                    Arc::clone(&s.comments),
                    // Every update sent so far is taken now (or was before).
                    s.sent,
                )
            };
            // A panic here must still clear `busy`, or quit would wait forever.
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                self.step(path, updates, write, expected, &comments)
            }));
            let panicked = result.is_err();
            if panicked {
                // The copy may be half-changed: drop it and ask for the plan.
                *self.mirror() = None;
            }
            let result = result.unwrap_or_else(|_| {
                write.then(|| Err(StoreError::Other("the save failed unexpectedly".into())))
            });
            let mut s = self.lock();
            s.needs_plan |= panicked;
            if let Some(result) = result {
                s.outcome = Some(match result {
                    Ok(fp) => {
                        s.expected = Some(fp);
                        s.written = upto;
                        // Changes sent while it wrote are not in the file.
                        s.unsaved = s.updates.iter().any(|u| matches!(u, Update::Apply(_)));
                        Ok(saved_now())
                    }
                    Err(e) => Err(describe_error(path, &e)),
                });
                s.writes += 1;
            }
            s.busy = false;
            self.wake.notify_all();
        }
    }

    /// Brings the copy up to date and, if a save was asked for, writes it.
    /// A failed write loses nothing: the copy keeps every change, and the
    /// next save (the session stays dirty, quit retries) writes it whole.
    fn step(
        &self,
        path: &Path,
        updates: Vec<Update>,
        write: bool,
        expected: Option<Fingerprint>,
        comments: &Comments,
    ) -> Option<Result<Fingerprint, StoreError>> {
        let mut mirror = self.mirror();
        for update in updates {
            match update {
                // The session's plan is shared only for this copy: let go at
                // once, so its next edit changes it in place.
                Update::Replace(plan) => {
                    let copy = Plan::clone(&plan);
                    drop(plan);
                    *mirror = Some(copy);
                }
                Update::Apply(change) => {
                    if let Some(copy) = mirror.as_mut() {
                        copy.apply(change);
                    }
                }
            }
        }
        if !write {
            return None;
        }
        #[cfg(test)]
        self.checkpoint(Stage::Rendering);
        let text = match mirror.as_ref() {
            Some(plan) => store::render_with(plan, comments),
            None => Err(StoreError::Other(
                "the save had no plan to write; the next change retries".into(),
            )),
        };
        drop(mirror);
        #[cfg(test)]
        self.checkpoint(Stage::Writing);
        Some(text.and_then(|text| store::save_rendered(path, &text, expected.as_ref())))
    }
}

/// A gate for tests, so "the writer is busy" is a fact and not a race.
#[cfg(test)]
impl Writer {
    /// The writer waits here while a test holds it at `stage` (or until
    /// shutdown, so a failing test cannot hang).
    fn checkpoint(&self, stage: Stage) {
        let mut s = self.lock();
        while s.hold == Some(stage) && !s.shutdown {
            s.at = Some(stage);
            self.wake.notify_all();
            s = self.wait(s);
        }
        s.at = None;
    }
}

pub(super) fn saved_now() -> String {
    format!("saved {}", chrono::Local::now().format("%H:%M:%S"))
}

/// What a failed write says, as data: the cause without the path (the
/// front end shows the file), so the front end can add what to do next and
/// still fit at 80 columns.
pub(super) fn describe_error(path: &Path, e: &StoreError) -> SaveError {
    match e {
        StoreError::ChangedOnDisk { .. } => {
            SaveError::new(SaveErrorKind::ChangedOnDisk, "changed on disk")
        }
        StoreError::ReadOnlyFile { .. } => {
            SaveError::new(SaveErrorKind::ReadOnlyFile, "read-only file")
        }
        StoreError::ReadOnlyDir { .. } => {
            SaveError::new(SaveErrorKind::ReadOnlyDir, "read-only directory")
        }
        e => {
            let full = e.to_string();
            let shown = path.display().to_string();
            let cause = full
                .strip_prefix(&shown)
                .and_then(|rest| rest.strip_prefix(": "))
                .unwrap_or(&full);
            SaveError::new(
                SaveErrorKind::Failed,
                crate::text::sanitize(cause).into_owned(),
            )
        }
    }
}
