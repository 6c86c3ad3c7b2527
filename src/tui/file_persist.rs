//! The UI's link to the plan file: every change is saved through the
//! store's atomic save, and never over a file someone else changed since it
//! was read. Saves run on one background writer thread so a 100k plan's
//! ~0.7 s of rendering never blocks a keystroke; changes that arrive while
//! a save runs are coalesced into one write of the latest plan.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::SystemTime;

use crate::model::Plan;
use crate::store::{self, Fingerprint, PresenceLock, StoreError};

/// Between full checks the idle tick only compares the file's size and
/// modification time; every this many ticks it reads and hashes the file
/// anyway, for filesystems with coarse times and same-size edits.
const FULL_CHECK_EVERY: u32 = 10;

use super::Persist;

/// What the UI and the writer share, under one lock so "a write finished"
/// and "the file now holds this fingerprint" change together.
#[derive(Default)]
struct Shared {
    /// The latest plan waiting to be written; a newer save replaces it.
    pending: Option<Plan>,
    /// Queued plans a newer one replaced, for the writer to free.
    superseded: Vec<Plan>,
    /// The writer is rendering or writing a plan.
    busy: bool,
    /// What the file held when it was last read or written by us: the
    /// writer refuses to replace anything else.
    expected: Option<Fingerprint>,
    /// The last write's outcome, until the UI takes it.
    outcome: Option<Result<String, String>>,
    /// Writes done (successful or not), for tests and the status.
    writes: u64,
    shutdown: bool,
}

struct Writer {
    shared: Mutex<Shared>,
    /// Signalled when a plan is queued (wakes the writer) and when a write
    /// finishes (wakes `flush`).
    wake: Condvar,
}

impl Writer {
    fn lock(&self) -> MutexGuard<'_, Shared> {
        // A panic in the writer cannot leave the state half-changed (every
        // update is a few assignments), so a poisoned lock is still usable.
        self.shared
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn run(&self, path: &Path) {
        loop {
            let (plan, expected, superseded) = {
                let mut s = self.lock();
                while s.pending.is_none() && !s.shutdown {
                    s = self
                        .wake
                        .wait(s)
                        .unwrap_or_else(std::sync::PoisonError::into_inner);
                }
                // Shutdown still writes what is queued: nothing is lost on quit.
                let Some(plan) = s.pending.take() else {
                    return;
                };
                s.busy = true;
                (plan, s.expected, std::mem::take(&mut s.superseded))
            };
            drop(superseded);
            // A panic here must still clear `busy`, or quit would wait forever.
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                store::save(path, &plan, expected.as_ref())
            }))
            .unwrap_or_else(|_| Err(StoreError::Other("the save failed unexpectedly".into())));
            drop(plan);
            let mut s = self.lock();
            s.outcome = Some(match result {
                Ok(fp) => {
                    s.expected = Some(fp);
                    Ok(format!("saved {}", chrono::Local::now().format("%H:%M:%S")))
                }
                Err(e) => Err(describe_error(path, &e)),
            });
            s.writes += 1;
            s.busy = false;
            self.wake.notify_all();
        }
    }
}

fn describe_error(path: &Path, e: &StoreError) -> String {
    match e {
        StoreError::ChangedOnDisk { .. } => format!(
            "{}: changed on disk by another program; not overwritten — R reloads theirs (drops yours), K keeps yours (backs up theirs)",
            crate::text::sanitize(&path.display().to_string())
        ),
        e => crate::text::sanitize(&e.to_string()).into_owned(),
    }
}

pub struct FilePersist {
    path: PathBuf,
    writer: Arc<Writer>,
    thread: Option<JoinHandle<()>>,
    /// Held while the UI is open, so a second UI opens read-only.
    _presence: Option<PresenceLock>,
    /// Size and modification time at the last tick's check.
    seen: Option<(u64, Option<SystemTime>)>,
    ticks: u32,
    /// An outside version that could not be read (or a missing file:
    /// `Some(None)`), already reported.
    reported: Option<Option<Fingerprint>>,
}

impl FilePersist {
    pub fn new(path: PathBuf, fingerprint: Fingerprint, presence: Option<PresenceLock>) -> Self {
        let writer = Arc::new(Writer {
            shared: Mutex::new(Shared {
                expected: Some(fingerprint),
                ..Shared::default()
            }),
            wake: Condvar::new(),
        });
        let thread = {
            let (writer, path) = (Arc::clone(&writer), path.clone());
            std::thread::Builder::new()
                .name("bearing-save".into())
                .spawn(move || writer.run(&path))
                .ok()
        };
        FilePersist {
            path,
            writer,
            thread,
            _presence: presence,
            seen: None,
            ticks: 0,
            reported: None,
        }
    }

    /// Waits until every queued save is written; the last write's outcome
    /// if the UI has not taken it yet.
    pub fn wait(&mut self) -> Option<Result<String, String>> {
        let mut s = self.writer.lock();
        while s.busy || s.pending.is_some() {
            s = self
                .writer
                .wake
                .wait(s)
                .unwrap_or_else(std::sync::PoisonError::into_inner);
        }
        s.outcome.take()
    }

    /// How many writes the background writer has done.
    pub fn writes(&self) -> u64 {
        self.writer.lock().writes
    }

    /// Whether the file on disk is no longer what we last read or wrote.
    pub fn changed_on_disk(&mut self) -> bool {
        self.wait_keeping_outcome();
        let expected = self.writer.lock().expected;
        match Fingerprint::of_file(&self.path) {
            Ok(now) => now != expected,
            Err(_) => false,
        }
    }

    /// Reads the file again (after an outside change), adopting its version.
    pub fn reload(&mut self) -> Result<Plan, StoreError> {
        self.wait_keeping_outcome();
        let loaded = store::load(&self.path)?;
        self.writer.lock().expected = Some(loaded.fingerprint);
        Ok(loaded.plan)
    }

    fn wait_keeping_outcome(&mut self) {
        if let Some(outcome) = self.wait() {
            self.writer.lock().outcome = Some(outcome);
        }
    }

    /// Queues `plan` (replacing an older queued one) for the writer; without
    /// a writer thread (it could not be started) saves right here.
    fn enqueue(&mut self, plan: &Plan) -> Result<String, String> {
        if self.thread.is_none() {
            let expected = self.writer.lock().expected;
            return match store::save(&self.path, plan, expected.as_ref()) {
                Ok(fp) => {
                    self.writer.lock().expected = Some(fp);
                    Ok(format!("saved {}", chrono::Local::now().format("%H:%M:%S")))
                }
                Err(e) => Err(describe_error(&self.path, &e)),
            };
        }
        // The clone is the only cost on the input path (tens of ms at 100k);
        // rendering and writing happen on the writer.
        let copy = plan.clone();
        let mut s = self.writer.lock();
        // A plan superseded before it was written is freed by the writer:
        // dropping 100k items here would cost the keystroke ~10 ms more.
        if let Some(old) = s.pending.replace(copy) {
            s.superseded.push(old);
        }
        s.outcome = None;
        self.writer.wake.notify_all();
        Ok("saving…".to_owned())
    }
}

impl Drop for FilePersist {
    /// Writes what is queued before the UI goes: nothing is lost on quit.
    fn drop(&mut self) {
        self.writer.lock().shutdown = true;
        self.writer.wake.notify_all();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Persist for FilePersist {
    fn save(&mut self, plan: &Plan) -> Result<String, String> {
        self.enqueue(plan)
    }

    fn describe(&self) -> String {
        crate::text::sanitize(&self.path.display().to_string()).into_owned()
    }

    fn poll_saved(&mut self) -> Option<Result<String, String>> {
        let mut s = self.writer.lock();
        // An outcome with a newer plan still queued is not the last word.
        if s.busy || s.pending.is_some() {
            return None;
        }
        s.outcome.take()
    }

    fn flush(&mut self) -> Option<Result<String, String>> {
        self.wait()
    }

    fn check_external(&mut self) -> Option<Result<Plan, String>> {
        let expected = {
            let s = self.writer.lock();
            // Our own write in flight, or an outcome the UI has not seen (a
            // refused save must reach the UI before theirs replaces ours).
            if s.busy || s.pending.is_some() || s.outcome.is_some() {
                return None;
            }
            s.expected
        };
        let meta = std::fs::metadata(&self.path)
            .ok()
            .map(|m| (m.len(), m.modified().ok()));
        self.ticks += 1;
        if meta == self.seen && self.ticks < FULL_CHECK_EVERY {
            return None;
        }
        self.seen = meta;
        self.ticks = 0;
        let now = Fingerprint::of_file(&self.path).ok()?;
        if now == expected || Some(now) == self.reported {
            return None;
        }
        match store::load(&self.path) {
            Ok(loaded) => {
                self.writer.lock().expected = Some(loaded.fingerprint);
                self.reported = None;
                Some(Ok(loaded.plan))
            }
            Err(e) => {
                // Said once; our fingerprint stays, so a save still refuses
                // to overwrite their (broken) version silently.
                self.reported = Some(now);
                Some(Err(e.to_string()))
            }
        }
    }

    fn reload_from_disk(&mut self) -> Result<Plan, String> {
        self.reported = None;
        self.reload()
            .map_err(|e| crate::text::sanitize(&e.to_string()).into_owned())
    }

    /// `store::save` keeps the version it replaces in the backups
    /// (`store::backup::keep` under `backup::dir_for`), so theirs is safe.
    fn keep_mine(&mut self, plan: &Plan) -> Result<String, String> {
        // A queued save still expects the old version; let it finish (and
        // be refused) before adopting theirs as the one to replace.
        self.wait();
        let theirs = Fingerprint::of_file(&self.path)
            .map_err(|e| crate::text::sanitize(&e.to_string()).into_owned())?;
        self.writer.lock().expected = theirs;
        self.reported = None;
        self.enqueue(plan)
    }
}

#[cfg(test)]
mod tests;
