//! Where the plan lives on disk and how it gets there and back without ever
//! being lost or torn. Every write is a read-modify-write under a short lock,
//! checked against what was read, and atomic.

pub mod backup;
pub mod comments;
pub mod discover;
pub mod embedded;
mod error;
pub mod export_file;
pub mod format;
pub mod load;
pub mod lock;
pub mod org;
pub mod paths;
pub mod recovery;
pub mod resolve;
pub mod save;
pub mod watch;

use std::path::Path;

pub use comments::Comments;
pub use discover::{Located, Source, locate};
pub use error::StoreError;
pub use load::{Loaded, load};
pub use lock::{PresenceLock, WriteLock};
pub use paths::{check_writable, real_path};
pub use save::{FileOps, RealFs};
pub use watch::Fingerprint;

use crate::model::Plan;

/// The plan as file text.
pub fn render(plan: &Plan) -> Result<String, StoreError> {
    format::to_text(plan)
        .map_err(|e| StoreError::Other(format!("cannot write the plan as RON: {e}")))
}

/// The plan as file text with the comments read from its file put back.
pub fn render_with(plan: &Plan, comments: &Comments) -> Result<String, StoreError> {
    format::to_text_with(plan, comments)
        .map_err(|e| StoreError::Other(format!("cannot write the plan as RON: {e}")))
}

/// Saves `plan` (and the file's `comments`) over `path` unless the file
/// changed since `expected` was read. Takes the write lock for the duration.
pub fn save(
    path: &Path,
    plan: &Plan,
    comments: &Comments,
    expected: Option<&Fingerprint>,
) -> Result<Fingerprint, StoreError> {
    save_rendered(path, &render_with(plan, comments)?, expected)
}

/// [`save`] of text already rendered by [`render`]: the UI's writer renders,
/// lets go of its snapshot of the plan, and only then writes.
pub fn save_rendered(
    path: &Path,
    text: &str,
    expected: Option<&Fingerprint>,
) -> Result<Fingerprint, StoreError> {
    paths::check_writable(path)?;
    let _lock = WriteLock::acquire(path)?;
    save::save_text(
        &mut RealFs,
        path,
        text,
        expected,
        backup::dir_for(path).as_deref(),
    )
}

/// Writes a new plan file; refuses to replace an existing one.
pub fn create(path: &Path, text: &str) -> Result<Fingerprint, StoreError> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| StoreError::io(dir, "cannot create directory", e))?;
    }
    paths::check_writable(path)?;
    let _lock = WriteLock::acquire(path)?;
    if std::fs::symlink_metadata(path).is_ok() {
        return Err(StoreError::AlreadyExists {
            path: path.to_path_buf(),
        });
    }
    save::write_atomic(&mut RealFs, path, text.as_bytes())?;
    Ok(Fingerprint::of(text.as_bytes()))
}

/// Whether a UI may edit the plan at `path`: the presence lock that says it
/// does, or why it opens read-only ("another bearing (pid 4242) is editing
/// this plan", "the file is read-only", …). Never waits.
pub fn open_for_editing(path: &Path) -> Result<PresenceLock, String> {
    match paths::check_writable(path) {
        Err(StoreError::ReadOnlyFile { .. }) => {
            return Err("the file is read-only (`chmod u+w` it to edit)".to_owned());
        }
        Err(StoreError::ReadOnlyDir { .. }) => {
            return Err("its directory is read-only".to_owned());
        }
        _ => {}
    }
    match PresenceLock::try_acquire(path) {
        Ok(Some(lock)) => Ok(lock),
        Ok(None) => Err(match PresenceLock::holder(path) {
            Some(pid) => format!("another bearing (pid {pid}) is editing this plan"),
            None => "another bearing is editing this plan".to_owned(),
        }),
        Err(StoreError::Io { source, .. }) => Err(format!("its lock cannot be taken: {source}")),
        Err(e) => Err(e.to_string()),
    }
}

/// One read-modify-write of the plan at `path` under the write lock: load,
/// let `edit` change the plan, save if it changed. Concurrent writers (a
/// pipeline's `bearing checkin`, a second shell) queue on the lock, so none
/// of their changes is lost.
pub fn update<T, E>(path: &Path, edit: impl FnOnce(&mut Plan) -> Result<T, E>) -> Result<T, E>
where
    E: From<StoreError>,
{
    update_in(path, backup::dir_for(path).as_deref(), edit)
}

/// [`update`] with an explicit backup directory (`None`: no backup).
pub fn update_in<T, E>(
    path: &Path,
    backups: Option<&Path>,
    edit: impl FnOnce(&mut Plan) -> Result<T, E>,
) -> Result<T, E>
where
    E: From<StoreError>,
{
    paths::check_writable(path)?;
    let _lock = WriteLock::acquire(path)?;
    save::clean_temp_files(path);
    let loaded = load(path)?;
    let mut plan = loaded.plan;
    let out = edit(&mut plan)?;
    // The file's comments go back where they were: a reviewer's note on an
    // item survives a pipeline's check-in.
    let text = render_with(&plan, &loaded.comments)?;
    if text != loaded.text {
        save::save_text(&mut RealFs, path, &text, Some(&loaded.fingerprint), backups)?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_data_dir<T>(f: impl FnOnce(&Path) -> T) -> T {
        let tmp = tempfile::tempdir().unwrap();
        f(tmp.path())
    }

    #[test]
    fn create_refuses_to_overwrite() {
        with_data_dir(|dir| {
            let path = dir.join("bearing.ron");
            let text = render(&Plan::default()).unwrap();
            create(&path, &text).unwrap();
            assert!(matches!(
                create(&path, "x"),
                Err(StoreError::AlreadyExists { .. })
            ));
            assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
        });
    }

    #[test]
    fn update_round_trips_and_skips_unchanged() {
        with_data_dir(|dir| {
            let path = dir.join("bearing.ron");
            create(&path, &render(&Plan::default()).unwrap()).unwrap();
            update(&path, |p| {
                p.north_star = "Outcomes".into();
                Ok::<_, StoreError>(())
            })
            .unwrap();
            assert_eq!(load(&path).unwrap().plan.north_star, "Outcomes");
            let before = std::fs::metadata(&path).unwrap().modified().unwrap();
            update(&path, |_| Ok::<_, StoreError>(())).unwrap();
            assert_eq!(
                std::fs::metadata(&path).unwrap().modified().unwrap(),
                before
            );
        });
    }

    #[test]
    fn broken_file_is_never_written() {
        with_data_dir(|dir| {
            let path = dir.join("bearing.ron");
            std::fs::write(&path, "(schema: 1, debts: [ (").unwrap();
            let err = update_in(&path, None, |p| {
                p.north_star = "x".into();
                Ok::<_, StoreError>(())
            })
            .unwrap_err();
            assert!(err.to_string().contains("bearing.ron:1:"), "{err}");
            assert_eq!(
                std::fs::read_to_string(&path).unwrap(),
                "(schema: 1, debts: [ ("
            );
        });
    }
}
