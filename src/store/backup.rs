//! Recent versions of a plan, kept under the data directory (never beside
//! the plan, where they would end up in the team's repository): listed by
//! `bearing backups`, put back by `bearing backups restore ID`.

use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;

use super::save::{self, RealFs};
use super::{StoreError, WriteLock, load, paths};

/// How a backup's name spells the time it was taken (local time).
const STAMP: &str = "%Y%m%dT%H%M%S%.6f";

/// How many earlier versions are kept per plan file.
pub const KEEP: usize = 20;

/// The backup folder of one plan: a readable name plus a hash of its real
/// path, so two `bearing.ron` in two repositories do not share one and
/// every path to one plan (a symlink, `..`) finds the same backups.
pub fn dir_for(plan: &Path) -> Option<PathBuf> {
    use std::hash::{Hash, Hasher};
    let abs = super::paths::real_path(plan);
    let mut h = std::collections::hash_map::DefaultHasher::new();
    abs.hash(&mut h);
    let stem = abs
        .file_stem()
        .map_or_else(|| "plan".into(), |s| s.to_string_lossy().into_owned());
    Some(
        super::discover::data_dir()?
            .join("backups")
            .join(format!("{stem}-{:016x}", h.finish())),
    )
}

/// Stores `bytes` as the newest backup in `dir` and prunes old ones;
/// returns its id. Best effort for a save: the atomic rename is what
/// protects the plan, and a backup that cannot be written must not stop it.
pub fn keep(dir: &Path, bytes: &[u8]) -> Option<String> {
    std::fs::create_dir_all(dir).ok()?;
    let id = chrono::Local::now().format(STAMP).to_string();
    std::fs::write(dir.join(format!("{id}.ron")), bytes).ok()?;
    prune(dir);
    Some(id)
}

fn prune(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut names: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    names.sort();
    let excess = names.len().saturating_sub(KEEP);
    for old in &names[..excess] {
        let _ = std::fs::remove_file(old);
    }
}

/// Backups of `plan`, newest first.
pub fn list(plan: &Path) -> Vec<PathBuf> {
    let Some(dir) = dir_for(plan) else {
        return Vec::new();
    };
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut v: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    v.sort();
    v.reverse();
    v
}

/// One kept version of a plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backup {
    /// Its name without `.ron`: when it was taken, `20261130T051103.123456`.
    pub id: String,
    pub path: PathBuf,
    pub size: u64,
    /// When it was taken (local time), read from its name.
    pub taken: Option<NaiveDateTime>,
}

/// The backups of `plan`, newest first (none when it has no backup folder).
pub fn backups(plan: &Path) -> Vec<Backup> {
    let mut v: Vec<Backup> = list(plan)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .filter_map(|path| {
            let id = path.file_stem()?.to_string_lossy().into_owned();
            let size = std::fs::metadata(&path).ok()?.len();
            let taken = NaiveDateTime::parse_from_str(&id, STAMP).ok();
            Some(Backup {
                id,
                path,
                size,
                taken,
            })
        })
        .collect();
    v.sort_by(|a, b| b.id.cmp(&a.id));
    v
}

/// The backup of `plan` called `id`, or the only one whose id starts with
/// it (`20261130T0511` is enough while it is the only one that minute).
pub fn find(plan: &Path, id: &str) -> Result<Backup, StoreError> {
    let all = backups(plan);
    if let Some(b) = all.iter().find(|b| b.id == id) {
        return Ok(b.clone());
    }
    let matches: Vec<&Backup> = if id.is_empty() {
        Vec::new()
    } else {
        all.iter().filter(|b| b.id.starts_with(id)).collect()
    };
    match matches.as_slice() {
        [one] => Ok((*one).clone()),
        [] => Err(StoreError::Other(format!(
            "{}: no backup {}",
            plan.display(),
            quoted(id)
        ))),
        many => Err(StoreError::Other(format!(
            "{}: {} backups start with {} ({} …); give more of the id",
            plan.display(),
            many.len(),
            quoted(id),
            many.iter()
                .take(2)
                .map(|b| b.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}

/// What `restore` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restored {
    /// The backup that is the plan now.
    pub id: String,
    /// The backup the replaced plan was kept as (`None`: there was no plan
    /// file, or nothing was written).
    pub previous: Option<String>,
    /// The plan already was this version: nothing was written.
    pub unchanged: bool,
}

/// Puts backup `id` back as the plan at `path`, under the write lock and
/// through the same atomic save as every change. The current plan is backed
/// up first (refused if that cannot be done); a backup that does not parse
/// is never made the plan.
pub fn restore(path: &Path, id: &str) -> Result<Restored, StoreError> {
    paths::check_writable(path)?;
    let _lock = WriteLock::acquire(path)?;
    let backup = find(path, id)?;
    let bytes =
        std::fs::read(&backup.path).map_err(|e| StoreError::io(&backup.path, "cannot read", e))?;
    let text = load::decode(&backup.path, bytes)?;
    load::parse(&backup.path, &text)?;
    let current = match std::fs::read(path) {
        Ok(b) => Some(b),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(StoreError::io(path, "cannot read", e)),
    };
    let previous = match &current {
        Some(c) if c.as_slice() == text.as_bytes() => {
            return Ok(Restored {
                id: backup.id,
                previous: None,
                unchanged: true,
            });
        }
        Some(c) => Some(dir_for(path).and_then(|dir| keep(&dir, c)).ok_or_else(|| {
            StoreError::Other(format!(
                "{}: cannot back up the current plan first; nothing restored",
                path.display()
            ))
        })?),
        None => None,
    };
    save::clean_temp_files(path);
    save::write_atomic(&mut RealFs, path, text.as_bytes())?;
    Ok(Restored {
        id: backup.id,
        previous,
        unchanged: false,
    })
}

/// A user's id in a message: sanitized and shortened.
fn quoted(id: &str) -> String {
    format!(
        "“{}”",
        crate::text::truncate(&crate::text::sanitize(id), 40)
    )
}
