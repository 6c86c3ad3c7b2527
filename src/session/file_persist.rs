//! A session's link to the plan file: every change is saved through the
//! store's atomic save, and never over a file someone else changed since it
//! was read. Saves run on one background writer thread so a 100k plan's
//! ~0.7 s of rendering never blocks a keystroke.
//!
//! The writer keeps its own copy of the plan, seeded when the session starts
//! (or reloads) and kept equal to the session's by the same changes in the same
//! order ([`Persist::changed`]). A save only asks for a write: the writer
//! applies what it was sent, renders its copy and writes it. The session's plan
//! is never shared for a save, so an edit while a save renders changes it
//! in place, and saves asked for while the writer is busy become one write.

use std::path::PathBuf;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::SystemTime;

use crate::model::{Change, Plan};
use crate::store::{self, Comments, Fingerprint, PresenceLock, StoreError};

use super::{Persist, SaveError};
#[cfg(test)]
use writer::Stage;
use writer::{Shared, Update, Writer, describe_error, saved_now};

mod writer;

/// Between full checks the idle tick only compares the file's size and
/// modification time; every this many ticks it reads and hashes the file
/// anyway, for filesystems with coarse times and same-size edits.
const FULL_CHECK_EVERY: u32 = 10;

/// See [`FilePersist::rescuer`].
pub type Rescuer = Box<dyn Fn(std::time::Duration) -> Option<Result<PathBuf, String>> + Send>;

pub struct FilePersist {
    path: PathBuf,
    writer: Arc<Writer>,
    thread: Option<JoinHandle<()>>,
    /// Held while the UI is open, so a second UI opens read-only.
    presence: Option<PresenceLock>,
    /// `bearing backups` as the user would type it for this plan.
    backups_command: String,
    /// Opened read-only because it could not edit (another UI, a read-only
    /// file): the idle tick tries again.
    waiting_for_access: bool,
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
                needs_plan: true,
                ..Shared::default()
            }),
            wake: Condvar::new(),
            mirror: Mutex::new(None),
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
            presence,
            backups_command: "bearing backups".to_owned(),
            waiting_for_access: false,
            seen: None,
            ticks: 0,
            reported: None,
        }
    }

    /// How messages name the command that lists backups (with `--file`
    /// when the UI was opened on a named file).
    pub fn set_backups_command(&mut self, command: String) {
        self.backups_command = command;
    }

    /// A read-only UI's persist: [`Persist::try_writable`] takes the
    /// presence lock once the plan may be edited.
    pub fn wait_for_access(&mut self) {
        self.waiting_for_access = true;
    }

    /// The comments of the file as read (`store::Loaded::comments`): every
    /// save writes them back, so a reviewer's note survives a UI edit.
    pub fn with_comments(self, comments: Comments) -> Self {
        self.writer.lock().comments = Arc::new(comments);
        self
    }

    /// Waits until every queued save is written; the last write's outcome
    /// if the UI has not taken it yet.
    pub fn wait(&mut self) -> Option<Result<String, SaveError>> {
        self.wait_idle().outcome.take()
    }

    fn wait_idle(&self) -> MutexGuard<'_, Shared> {
        let mut s = self.writer.lock();
        while !s.idle() {
            // Changes sent without a save have not woken the writer. (Not
            // while it is busy: it looks again when done, and a test gate
            // that waits there would be woken in a loop.)
            if !s.busy {
                self.writer.wake.notify_all();
            }
            s = self.writer.wait(s);
        }
        s
    }

    /// For a thread that must save what it can while the UI's thread is
    /// stuck (a signal arrived and the terminal is gone): waits up to
    /// `patience` for the writer to finish, then writes its copy to a
    /// recovery file if a change is not on disk. `None`: nothing unsaved.
    pub fn rescuer(&self) -> Rescuer {
        let (writer, path) = (Arc::clone(&self.writer), self.path.clone());
        Box::new(move |patience| {
            let deadline = std::time::Instant::now() + patience;
            let mut s = writer.lock();
            while !s.idle() && std::time::Instant::now() < deadline {
                writer.wake.notify_all();
                let left = deadline.saturating_duration_since(std::time::Instant::now());
                s = writer
                    .wake
                    .wait_timeout(s, left)
                    .map_or_else(|e| e.into_inner().0, |(g, _)| g);
            }
            if !s.unsaved {
                return None;
            }
            drop(s);
            // Busy past the deadline (stuck): the copy may be mid-change,
            // so it is not touched; the writer's lock is never forced.
            let mirror = writer.mirror.try_lock().ok()?;
            Some(match mirror.as_ref() {
                Some(plan) => store::recovery::write(&path, plan),
                None => Err("the save writer had no copy of the plan".to_owned()),
            })
        })
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
    /// The session then seeds the writer with it ([`Persist::seed`]).
    pub fn reload(&mut self) -> Result<Plan, StoreError> {
        drop(self.wait_idle());
        let loaded = store::load(&self.path)?;
        self.adopt(loaded.fingerprint, loaded.comments);
        Ok(loaded.plan)
    }

    /// The file as read is now the version saves replace, and its comments
    /// the ones they write back.
    fn adopt(&self, fingerprint: Fingerprint, comments: Comments) {
        let mut s = self.writer.lock();
        s.expected = Some(fingerprint);
        s.comments = Arc::new(comments);
    }

    /// Queues an update for the writer. Changes do not wake it: the save
    /// that follows does, so an edit wakes the writer once.
    fn send(&self, s: &mut Shared, update: Update) {
        if matches!(update, Update::Replace(_)) {
            s.needs_plan = false;
            // The session's whole plan: as read (start, reload), or about to
            // be saved whole (`K`, which asks for the write at once).
            s.unsaved = false;
            self.writer.wake.notify_all();
        } else {
            s.unsaved = true;
        }
        s.sent += 1;
        s.updates.push(update);
    }

    /// Asks the writer to save its copy (sending `plan` whole first if it
    /// has none). Without a writer thread (it could not be started) saves
    /// `plan` right here.
    fn request(&mut self, plan: &Arc<Plan>) -> Result<String, SaveError> {
        if self.thread.is_none() {
            let (expected, comments) = {
                let s = self.writer.lock();
                (s.expected, Arc::clone(&s.comments))
            };
            return match store::save(&self.path, plan, &comments, expected.as_ref()) {
                Ok(fp) => {
                    self.writer.lock().expected = Some(fp);
                    Ok(saved_now())
                }
                Err(e) => Err(describe_error(&self.path, &e)),
            };
        }
        let mut s = self.writer.lock();
        if s.needs_plan {
            self.send(&mut s, Update::Replace(Arc::clone(plan)));
        }
        // The outcome of the write before is not the last word any more.
        s.outcome = None;
        s.write = true;
        // Woken after the lock is let go, the writer does not have to wait
        // for it (on two busy cores that wait can take a time slice).
        drop(s);
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
    /// The writer copies `plan` on its thread (~30 ms at 100k items) and
    /// lets go of it; an edit in that window copies the session's plan once.
    fn seed(&mut self, plan: &Arc<Plan>) {
        if self.thread.is_some() {
            let mut s = self.writer.lock();
            self.send(&mut s, Update::Replace(Arc::clone(plan)));
        }
    }

    fn changed(&mut self, change: &Change) {
        if self.thread.is_some() {
            let change = Update::Apply(change.clone());
            self.send(&mut self.writer.lock(), change);
        }
    }

    fn save(&mut self, plan: &Arc<Plan>) -> Result<String, SaveError> {
        self.request(plan)
    }

    fn describe(&self) -> String {
        crate::text::sanitize(&self.path.display().to_string()).into_owned()
    }

    fn background(&self) -> bool {
        self.thread.is_some()
    }

    fn mark(&self) -> Option<u64> {
        self.thread.is_some().then(|| self.writer.lock().sent)
    }

    fn written(&self) -> Option<u64> {
        self.thread.is_some().then(|| self.writer.lock().written)
    }

    fn poll_saved(&mut self) -> Option<Result<String, SaveError>> {
        let mut s = self.writer.lock();
        // An outcome with a newer save queued is not the last word.
        if !s.idle() {
            return None;
        }
        s.outcome.take()
    }

    fn flush(&mut self) -> Option<Result<String, SaveError>> {
        self.wait()
    }

    fn check_external(&mut self) -> Option<Result<Plan, String>> {
        let expected = {
            let s = self.writer.lock();
            // Our own write in flight or waiting, or an outcome the session has
            // not seen (a refused save must reach the session before theirs
            // replaces ours).
            if !s.idle() || s.outcome.is_some() {
                return None;
            }
            s.expected
        };
        let meta = store::watch::stamp(&self.path);
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
                self.adopt(loaded.fingerprint, loaded.comments);
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

    fn backups_command(&self) -> Option<String> {
        Some(self.backups_command.clone())
    }

    fn try_writable(&mut self) -> bool {
        if !self.waiting_for_access {
            return false;
        }
        match store::open_for_editing(&self.path) {
            Ok(lock) => {
                self.presence = Some(lock);
                self.waiting_for_access = false;
                true
            }
            Err(_) => false,
        }
    }

    fn reload_from_disk(&mut self) -> Result<Plan, String> {
        self.reported = None;
        self.reload()
            .map_err(|e| crate::text::sanitize(&e.to_string()).into_owned())
    }

    /// `store::save` keeps the version it replaces in the backups
    /// (`store::backup::keep` under `backup::dir_for`), so theirs is safe.
    fn keep_mine(&mut self, plan: &Arc<Plan>) -> Result<String, SaveError> {
        // A queued save still expects the old version; let it finish (and
        // be refused) before adopting theirs as the one to replace.
        self.wait();
        // Their comments are the newest (the UI never edits comments), so
        // they are kept when theirs reads as a plan; else ours stay.
        match store::load(&self.path) {
            Ok(loaded) => self.adopt(loaded.fingerprint, loaded.comments),
            Err(_) => {
                let theirs = Fingerprint::of_file(&self.path)
                    .map_err(|e| crate::text::sanitize(&e.to_string()).into_owned())?;
                self.writer.lock().expected = theirs;
            }
        }
        self.reported = None;
        // The session's plan whole, as a reload would: whatever the copy holds,
        // what is written is what the user sees.
        self.seed(plan);
        self.request(plan)
    }

    fn rescuer(&self) -> Option<Rescuer> {
        Some(FilePersist::rescuer(self))
    }

    fn recover(&mut self, plan: &Plan) -> Result<PathBuf, String> {
        store::recovery::write(&self.path, plan)
    }
}

#[cfg(test)]
mod comment_tests;
#[cfg(test)]
mod proptests;
#[cfg(test)]
mod race_tests;
#[cfg(test)]
mod tests;
