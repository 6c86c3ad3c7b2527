//! Recent versions of a plan, kept under the data directory (never beside
//! the plan, where they would end up in the team's repository).

use std::path::{Path, PathBuf};

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

/// Stores `bytes` as the newest backup in `dir` and prunes old ones.
/// Best effort: the atomic rename is what protects the plan; a backup that
/// cannot be written must not stop the save.
pub fn keep(dir: &Path, bytes: &[u8]) {
    if std::fs::create_dir_all(dir).is_err() {
        return;
    }
    let stamp = chrono::Local::now().format("%Y%m%dT%H%M%S%.6f");
    let _ = std::fs::write(dir.join(format!("{stamp}.ron")), bytes);
    prune(dir);
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
