//! The UI's link to the plan file: every change is saved through the
//! store's atomic save, and never over a file someone else changed since it
//! was read. Saves run on one background writer thread so a 100k plan's
//! ~0.7 s of rendering never blocks a keystroke.
//!
//! The plan is handed over as an `Arc`, never copied: the writer holds it
//! only while it renders the text. A change saved while the writer is busy
//! is not queued (a second snapshot would make the App copy the plan on its
//! next edit); it is deferred and the App's current plan follows once the
//! writer is free ([`Persist::poll_saved`], [`Persist::flush`]). So rapid
//! changes coalesce into one write of the latest plan, and the App copies
//! the plan at most once per write.

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

/// Where a test can hold the writer: before it renders (still holding its
/// snapshot) or after (snapshot dropped, about to write).
#[cfg(test)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    Rendering,
    Writing,
}

/// What the UI and the writer share, under one lock so "a write finished"
/// and "the file now holds this fingerprint" change together.
#[derive(Default)]
struct Shared {
    /// The plan waiting to be written. Only set while the writer is idle
    /// and nothing else is queued, so a queued plan is never replaced (and
    /// never freed on the UI thread).
    pending: Option<Arc<Plan>>,
    /// Versions the App let go of (see [`Persist::retire`]), for the
    /// writer to free: the last reference to 100k items costs ~10 ms.
    retired: Vec<Arc<Plan>>,
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
    /// Tests: the writer waits at this stage until it is cleared.
    #[cfg(test)]
    hold: Option<Stage>,
    /// Tests: the stage the writer is waiting at.
    #[cfg(test)]
    at: Option<Stage>,
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

    fn wait<'a>(&self, s: MutexGuard<'a, Shared>) -> MutexGuard<'a, Shared> {
        self.wake
            .wait(s)
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn run(&self, path: &Path) {
        loop {
            let (plan, expected, retired) = {
                let mut s = self.lock();
                while s.pending.is_none() && s.retired.is_empty() && !s.shutdown {
                    s = self.wait(s);
                }
                let retired = std::mem::take(&mut s.retired);
                let plan = s.pending.take();
                if plan.is_some() {
                    s.busy = true;
                }
                (plan, s.expected, retired)
            };
            drop(retired);
            // Shutdown still writes what is queued: nothing is lost on quit.
            let Some(plan) = plan else {
                if self.lock().shutdown {
                    return;
                }
                continue;
            };
            // A panic here must still clear `busy`, or quit would wait forever.
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(move || {
                #[cfg(test)]
                self.checkpoint(Stage::Rendering);
                let text = store::render(&plan);
                // Let go of the snapshot before the slow write and fsync:
                // the UI's next edit then changes its plan in place. If the
                // UI copied it meanwhile, the old one is freed on this
                // thread (here or with the retired ones), off the input path.
                drop(plan);
                #[cfg(test)]
                self.checkpoint(Stage::Writing);
                store::save_rendered(path, &text?, expected.as_ref())
            }))
            .unwrap_or_else(|_| Err(StoreError::Other("the save failed unexpectedly".into())));
            let mut s = self.lock();
            s.outcome = Some(match result {
                Ok(fp) => {
                    s.expected = Some(fp);
                    Ok(saved_now())
                }
                Err(e) => Err(describe_error(path, &e)),
            });
            s.writes += 1;
            s.busy = false;
            self.wake.notify_all();
        }
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

fn saved_now() -> String {
    format!("saved {}", chrono::Local::now().format("%H:%M:%S"))
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
    /// A save came while the writer was busy: the App's plan is to be
    /// handed over once it is free. No copy is kept here, so the App's
    /// drop flushes it (see `App`'s `Drop`).
    deferred: bool,
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
            deferred: false,
        }
    }

    /// Waits until every queued save is written; the last write's outcome
    /// if the UI has not taken it yet. A deferred save is not written (it
    /// needs the plan: [`Persist::flush`]).
    pub fn wait(&mut self) -> Option<Result<String, String>> {
        self.wait_idle().outcome.take()
    }

    fn wait_idle(&self) -> MutexGuard<'_, Shared> {
        let mut s = self.writer.lock();
        while s.busy || s.pending.is_some() {
            s = self.writer.wait(s);
        }
        s
    }

    /// How many writes the background writer has done.
    pub fn writes(&self) -> u64 {
        self.writer.lock().writes
    }

    /// Whether the file on disk is no longer what we last read or wrote.
    pub fn changed_on_disk(&mut self) -> bool {
        let expected = self.wait_idle().expected;
        match Fingerprint::of_file(&self.path) {
            Ok(now) => now != expected,
            Err(_) => false,
        }
    }

    /// Reads the file again (after an outside change), adopting its version.
    /// A deferred save of ours is dropped with the plan it would have saved.
    pub fn reload(&mut self) -> Result<Plan, StoreError> {
        drop(self.wait_idle());
        self.deferred = false;
        let loaded = store::load(&self.path)?;
        self.writer.lock().expected = Some(loaded.fingerprint);
        Ok(loaded.plan)
    }

    /// Hands `plan` to the writer if it is idle with nothing queued (an
    /// `Arc::clone`, no copy); otherwise defers it. Without a writer thread
    /// (it could not be started) saves right here.
    fn offer(&mut self, plan: &Arc<Plan>) -> Result<String, String> {
        if self.thread.is_none() {
            let expected = self.writer.lock().expected;
            return match store::save(&self.path, plan, expected.as_ref()) {
                Ok(fp) => {
                    self.writer.lock().expected = Some(fp);
                    Ok(saved_now())
                }
                Err(e) => Err(describe_error(&self.path, &e)),
            };
        }
        self.deferred = true;
        self.hand_over(plan);
        Ok("saving…".to_owned())
    }

    /// Queues a deferred save once the writer is idle with nothing queued.
    fn hand_over(&mut self, plan: &Arc<Plan>) {
        if !self.deferred {
            return;
        }
        let mut s = self.writer.lock();
        // The outcome of the write before is not the last word any more.
        s.outcome = None;
        if s.busy || s.pending.is_some() {
            return;
        }
        s.pending = Some(Arc::clone(plan));
        self.deferred = false;
        self.writer.wake.notify_all();
    }
}

impl Drop for FilePersist {
    /// Writes what is queued before the UI goes: nothing is lost on quit.
    /// A deferred save is the App's to flush (it has the plan).
    fn drop(&mut self) {
        self.writer.lock().shutdown = true;
        self.writer.wake.notify_all();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Persist for FilePersist {
    fn save(&mut self, plan: &Arc<Plan>) -> Result<String, String> {
        self.offer(plan)
    }

    fn describe(&self) -> String {
        crate::text::sanitize(&self.path.display().to_string()).into_owned()
    }

    fn poll_saved(&mut self, plan: &Arc<Plan>) -> Option<Result<String, String>> {
        self.hand_over(plan);
        let mut s = self.writer.lock();
        // An outcome with a newer plan queued or deferred is not the last word.
        if self.deferred || s.busy || s.pending.is_some() {
            return None;
        }
        s.outcome.take()
    }

    fn flush(&mut self, plan: &Arc<Plan>) -> Option<Result<String, String>> {
        if self.deferred {
            drop(self.wait_idle());
            self.hand_over(plan);
        }
        self.wait()
    }

    fn save_waiting(&self) -> bool {
        self.deferred
    }

    fn retire(&mut self, plan: Arc<Plan>) {
        if self.thread.is_none() {
            return;
        }
        self.writer.lock().retired.push(plan);
        self.writer.wake.notify_all();
    }

    fn check_external(&mut self) -> Option<Result<Plan, String>> {
        let expected = {
            let s = self.writer.lock();
            // Our own write in flight or waiting, or an outcome the UI has
            // not seen (a refused save must reach the UI before theirs
            // replaces ours).
            if self.deferred || s.busy || s.pending.is_some() || s.outcome.is_some() {
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
    fn keep_mine(&mut self, plan: &Arc<Plan>) -> Result<String, String> {
        // A queued save still expects the old version; let it finish (and
        // be refused) before adopting theirs as the one to replace. A
        // deferred one is this very plan, saved now.
        self.wait();
        let theirs = Fingerprint::of_file(&self.path)
            .map_err(|e| crate::text::sanitize(&e.to_string()).into_owned())?;
        self.writer.lock().expected = theirs;
        self.reported = None;
        self.offer(plan)
    }
}

#[cfg(test)]
mod tests;
