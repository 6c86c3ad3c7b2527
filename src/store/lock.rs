//! Locks on separate files beside the plan (never on the plan itself, which
//! each save replaces by rename). They are OS advisory locks, released by the
//! kernel when the process dies, so a `kill -9` cannot leave one stuck.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

use super::StoreError;

fn lock_path(plan: &Path, suffix: &str) -> PathBuf {
    let name = plan.file_name().map_or_else(
        || "bearing.ron".into(),
        |n| n.to_string_lossy().into_owned(),
    );
    plan.with_file_name(format!(".{name}.{suffix}"))
}

fn open(path: &Path) -> Result<File, StoreError> {
    OpenOptions::new()
        .create(true)
        .truncate(false)
        .read(true)
        .write(true)
        .open(path)
        .map_err(|e| StoreError::io(path, "cannot open lock file", e))
}

/// Held for the few milliseconds of one read-modify-write.
#[derive(Debug)]
pub struct WriteLock {
    _file: File,
}

impl WriteLock {
    /// Waits for other writers (they hold it only briefly).
    pub fn acquire(plan: &Path) -> Result<Self, StoreError> {
        let path = lock_path(plan, "lock");
        let file = open(&path)?;
        file.lock()
            .map_err(|e| StoreError::io(&path, "cannot lock", e))?;
        Ok(WriteLock { _file: file })
    }
}

/// Held by an open UI for its lifetime: a second UI on the same file opens
/// read-only instead of racing the first.
#[derive(Debug)]
pub struct PresenceLock {
    _file: File,
}

impl PresenceLock {
    /// `Ok(None)` when another UI already has the file open.
    pub fn try_acquire(plan: &Path) -> Result<Option<Self>, StoreError> {
        let path = lock_path(plan, "ui-lock");
        let file = open(&path)?;
        match file.try_lock() {
            Ok(()) => Ok(Some(PresenceLock { _file: file })),
            Err(TryLockError::WouldBlock) => Ok(None),
            Err(TryLockError::Error(e)) => Err(StoreError::io(&path, "cannot lock", e)),
        }
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
        assert!(PresenceLock::try_acquire(&plan).unwrap().is_some());
        assert!(tmp.path().join(".bearing.ron.ui-lock").exists());
    }
}
