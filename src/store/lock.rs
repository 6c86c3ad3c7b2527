//! Locks on separate files (never on the plan itself, which each save
//! replaces by rename). They are OS advisory locks, released by the kernel
//! when the process dies, so a `kill -9` cannot leave one stuck.
//!
//! Where they live is a function of the plan's real path alone (symlinks and
//! `..` resolved), so every process reaching the plan by any path agrees on
//! them without sharing an environment (a CI job's `HOME` is not yours):
//! inside a git repository they go in its git directory
//! (`.git/bearing/bearing.ron-HASH.lock`), where `git status` never shows
//! them; elsewhere beside the plan (`.bearing.ron.lock`).

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

use super::StoreError;
use super::paths::{git_dir, real_path, stable_hash};

/// The lock file of `plan` for `suffix` (`lock`, `ui-lock`).
pub fn lock_path(plan: &Path, suffix: &str) -> PathBuf {
    locate(plan, suffix).0
}

/// The lock file, and whether it is in the git directory (whose `bearing`
/// folder may have to be made; the plan's own directory never is).
fn locate(plan: &Path, suffix: &str) -> (PathBuf, bool) {
    let real = real_path(plan);
    let name = real.file_name().map_or_else(
        || "bearing.ron".into(),
        |n| n.to_string_lossy().into_owned(),
    );
    let dir = real.parent().unwrap_or(Path::new("/"));
    match git_dir(dir) {
        Some(git) => {
            let hash = stable_hash(real.as_os_str().as_encoded_bytes());
            let path = git
                .join("bearing")
                .join(format!("{name}-{hash:016x}.{suffix}"));
            (path, true)
        }
        None => (real.with_file_name(format!(".{name}.{suffix}")), false),
    }
}

fn open(plan: &Path, suffix: &str) -> Result<(File, PathBuf), StoreError> {
    let (path, in_git) = locate(plan, suffix);
    if in_git
        && let Some(dir) = path.parent()
        && !dir.exists()
    {
        // Two writers may race to make it: either one's is fine.
        match std::fs::create_dir(dir) {
            Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => {
                return Err(StoreError::io(dir, "cannot create the lock directory", e));
            }
            _ => {}
        }
    }
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .read(true)
        .write(true)
        .open(&path)
        .map_err(|e| StoreError::io(&path, "cannot open lock file", e))?;
    Ok((file, path))
}

/// Held for the few milliseconds of one read-modify-write.
#[derive(Debug)]
pub struct WriteLock {
    _file: File,
}

impl WriteLock {
    /// Waits for other writers (they hold it only briefly).
    pub fn acquire(plan: &Path) -> Result<Self, StoreError> {
        let (file, path) = open(plan, "lock")?;
        file.lock()
            .map_err(|e| StoreError::io(&path, "cannot lock", e))?;
        Ok(WriteLock { _file: file })
    }
}

/// Held by an open UI for its lifetime: a second UI on the same file opens
/// read-only instead of racing the first. The holder writes its process id
/// into the file, so the second can say who is editing.
///
/// The holder deletes the file when it lets go (a clean quit), while still
/// holding the lock. That is safe because a taker checks, once it has the
/// lock, that the path still names the file it locked: one that opened the
/// old file just before it was deleted finds it gone and opens the path
/// again, so two UIs never hold two different files. A file left by a
/// killed UI is harmless: its lock died with the process.
#[derive(Debug)]
pub struct PresenceLock {
    file: File,
    path: PathBuf,
}

impl PresenceLock {
    /// `Ok(None)` when another UI already has the file open.
    pub fn try_acquire(plan: &Path) -> Result<Option<Self>, StoreError> {
        // Each retry means the holder quit in between; a few suffice.
        for _ in 0..8 {
            let (file, path) = open(plan, "ui-lock")?;
            match file.try_lock() {
                Ok(()) if still_at(&file, &path) => {
                    let mut file = file;
                    // Only the holder writes, so a reader sees this or nothing.
                    let _ = file
                        .set_len(0)
                        .and_then(|()| file.rewind())
                        .and_then(|()| writeln!(file, "{}", std::process::id()));
                    return Ok(Some(PresenceLock { file, path }));
                }
                // Deleted by a holder that quit after we opened it: again.
                Ok(()) => continue,
                Err(TryLockError::WouldBlock) => return Ok(None),
                Err(TryLockError::Error(e)) => {
                    return Err(StoreError::io(&path, "cannot lock", e));
                }
            }
        }
        Ok(None)
    }

    /// The process id of the UI holding `plan`'s presence lock, as it
    /// wrote it (`None` if unreadable).
    pub fn holder(plan: &Path) -> Option<u32> {
        let mut text = String::new();
        File::open(lock_path(plan, "ui-lock"))
            .ok()?
            .read_to_string(&mut text)
            .ok()?;
        text.trim().parse().ok()
    }
}

impl Drop for PresenceLock {
    /// A clean quit leaves no lock file behind (where deleting a file
    /// another process has open is allowed).
    fn drop(&mut self) {
        if cfg!(unix) && still_at(&self.file, &self.path) {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// Held for a longer job on a directory that is not a plan (one team's
/// corner of the org fetch cache): a second taker waits for it, told the
/// holder's process id, up to a timeout. The holder writes its process id
/// into the file; the file stays (a lock on it dies with its process).
#[derive(Debug)]
pub struct JobLock {
    _file: File,
}

impl JobLock {
    /// Takes the lock of the file `path` (made when missing), waiting up
    /// to `timeout` while another process holds it; `waiting` is told the
    /// holder's process id (when it wrote one) once, when the wait starts.
    /// `Ok(None)` when the wait timed out.
    pub fn acquire(
        path: &Path,
        timeout: std::time::Duration,
        mut waiting: impl FnMut(Option<u32>),
    ) -> Result<Option<Self>, StoreError> {
        let start = std::time::Instant::now();
        let mut told = false;
        loop {
            let file = OpenOptions::new()
                .create(true)
                .truncate(false)
                .read(true)
                .write(true)
                .open(path)
                .map_err(|e| StoreError::io(path, "cannot open lock file", e))?;
            match file.try_lock() {
                // A holder that removed the directory (a prune) leaves a
                // lock on a deleted file: open the path again.
                Ok(()) if !still_at(&file, path) => continue,
                Ok(()) => {
                    let mut file = file;
                    let _ = file
                        .set_len(0)
                        .and_then(|()| file.rewind())
                        .and_then(|()| writeln!(file, "{}", std::process::id()));
                    return Ok(Some(JobLock { _file: file }));
                }
                Err(TryLockError::WouldBlock) => {}
                Err(TryLockError::Error(e)) => return Err(StoreError::io(path, "cannot lock", e)),
            }
            if !told {
                told = true;
                let mut text = String::new();
                let pid = File::open(path)
                    .and_then(|mut f| f.read_to_string(&mut text))
                    .ok()
                    .and_then(|_| text.trim().parse().ok());
                waiting(pid);
            }
            if start.elapsed() >= timeout {
                return Ok(None);
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
    }

    /// Takes the lock only when it is free: `Ok(None)` when another
    /// process holds it.
    pub fn try_acquire(path: &Path) -> Result<Option<Self>, StoreError> {
        Self::acquire(path, std::time::Duration::ZERO, |_| {})
    }
}

/// Whether `path` still names the file `file` has open (not deleted or
/// replaced since it was opened).
fn still_at(file: &File, path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (file.metadata(), std::fs::metadata(path)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (file, path);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_presence_is_refused_until_the_first_drops() {
        let tmp = tempfile::tempdir().unwrap();
        let plan = tmp.path().join("bearing.ron");
        let first = PresenceLock::try_acquire(&plan).unwrap();
        assert!(first.is_some());
        assert!(PresenceLock::try_acquire(&plan).unwrap().is_none());
        drop(first);
        let again = PresenceLock::try_acquire(&plan).unwrap();
        assert!(again.is_some());
        assert!(tmp.path().join(".bearing.ron.ui-lock").exists());
        assert_eq!(PresenceLock::holder(&plan), Some(std::process::id()));
        drop(again);
        assert!(!tmp.path().join(".bearing.ron.ui-lock").exists());
    }

    /// The classic race of deleting a lock file: B opens it, A quits
    /// (deleting it), B locks the deleted file. B must not count that, or B
    /// and a third UI C (which makes a new file) would both edit.
    #[test]
    fn a_lock_on_a_deleted_file_does_not_count() {
        let tmp = tempfile::tempdir().unwrap();
        let plan = tmp.path().join("bearing.ron");
        let a = PresenceLock::try_acquire(&plan).unwrap().unwrap();
        let (stale, path) = open(&plan, "ui-lock").unwrap();
        drop(a);
        assert!(!path.exists());
        stale.try_lock().unwrap();
        assert!(!still_at(&stale, &path));
        let c = PresenceLock::try_acquire(&plan).unwrap();
        assert!(c.is_some());
        assert!(path.exists());
        // And B, trying again, opens C's file and is refused.
        assert!(PresenceLock::try_acquire(&plan).unwrap().is_none());
    }

    #[test]
    fn a_job_lock_waits_names_the_holder_and_times_out() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("fetch.lock");
        let first = JobLock::acquire(&path, std::time::Duration::ZERO, |_| {})
            .unwrap()
            .unwrap();
        let mut told = Vec::new();
        let second = JobLock::acquire(&path, std::time::Duration::from_millis(120), |p| {
            told.push(p)
        })
        .unwrap();
        assert!(second.is_none(), "held by the first");
        assert_eq!(told, [Some(std::process::id())], "told once, with the pid");
        assert!(JobLock::try_acquire(&path).unwrap().is_none());
        drop(first);
        assert!(JobLock::try_acquire(&path).unwrap().is_some());
    }

    #[test]
    fn in_a_git_repository_locks_live_in_the_git_directory() {
        let tmp = tempfile::tempdir().unwrap();
        let repo = std::fs::canonicalize(tmp.path()).unwrap();
        std::fs::create_dir_all(repo.join(".git")).unwrap();
        std::fs::create_dir_all(repo.join("plans")).unwrap();
        let plan = repo.join("plans/bearing.ron");
        let _w = WriteLock::acquire(&plan).unwrap();
        let _p = PresenceLock::try_acquire(&plan).unwrap().unwrap();
        let beside: Vec<_> = std::fs::read_dir(repo.join("plans")).unwrap().collect();
        assert!(beside.is_empty(), "nothing beside the plan: {beside:?}");
        let lock = lock_path(&plan, "lock");
        assert!(lock.starts_with(repo.join(".git/bearing")), "{lock:?}");
        assert!(lock.exists());
        // Another plan in the same repository has its own.
        assert_ne!(lock, lock_path(&repo.join("other.ron"), "lock"));
    }
}
