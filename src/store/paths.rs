//! The one name of a plan file, however it is reached (a symlink, `..`, a
//! relative path): every lock, backup and save goes through it, so two
//! writers using two paths to one file still queue on one lock.

use std::path::{Component, Path, PathBuf};

/// How many symlinks are followed by hand before giving up (as the kernel's
/// `ELOOP` limit does).
const MAX_LINKS: usize = 40;

/// `path` with every symlink followed and `.`/`..` resolved, absolute. A
/// file that does not exist yet (`bearing init`) or a dangling link still
/// gets the name it would have: the existing part is resolved, the rest
/// appended.
pub fn real_path(path: &Path) -> PathBuf {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    if let Ok(real) = std::fs::canonicalize(&abs) {
        return real;
    }
    // A link to a missing file: follow it to where the file would be.
    let mut cur = abs;
    for _ in 0..MAX_LINKS {
        let Ok(target) = std::fs::read_link(&cur) else {
            break;
        };
        cur = match cur.parent() {
            Some(dir) => dir.join(target),
            None => target,
        };
    }
    resolve_existing_prefix(&normalize(&cur))
}

/// Canonicalizes the longest existing ancestor of `path` (already lexically
/// normalized) and appends the rest.
fn resolve_existing_prefix(path: &Path) -> PathBuf {
    let mut rest = Vec::new();
    let mut head = path;
    loop {
        if let Ok(real) = std::fs::canonicalize(head) {
            let mut out = real;
            out.extend(rest.iter().rev());
            return out;
        }
        match (head.parent(), head.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_owned());
                head = parent;
            }
            _ => return path.to_path_buf(),
        }
    }
}

/// `.` and `..` removed by text alone (for the part of a path that does not
/// exist, so cannot hide a symlink).
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push(c);
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// Refuses, before anything is locked or written, a plan whose file or
/// directory has no write permission bits (`chmod 444`, `chmod 555`), as an
/// editor refuses a read-only file. The mode bits are checked, not only the
/// OS's answer: root may write anything, and a rename would silently replace
/// a read-only file.
pub fn check_writable(path: &Path) -> Result<(), super::StoreError> {
    let real = real_path(path);
    if let Ok(meta) = std::fs::metadata(&real)
        && meta.permissions().readonly()
    {
        return Err(super::StoreError::ReadOnlyFile {
            path: path.to_path_buf(),
        });
    }
    if let Some(dir) = real.parent()
        && let Ok(meta) = std::fs::metadata(dir)
        && meta.permissions().readonly()
    {
        return Err(super::StoreError::ReadOnlyDir {
            path: path.to_path_buf(),
            dir: dir.to_path_buf(),
        });
    }
    Ok(())
}

/// The git directory of the repository holding `dir`, if any: `.git` itself,
/// or where a `.git` file points (worktrees, submodules).
pub fn git_dir(dir: &Path) -> Option<PathBuf> {
    for d in dir.ancestors() {
        let dot_git = d.join(".git");
        let Ok(meta) = std::fs::metadata(&dot_git) else {
            continue;
        };
        if meta.is_dir() {
            return Some(dot_git);
        }
        let text = std::fs::read_to_string(&dot_git).ok()?;
        let target = text.lines().find_map(|l| l.strip_prefix("gitdir:"))?.trim();
        return Some(d.join(target));
    }
    None
}

/// FNV-1a: a hash that every build of bearing computes the same way, so two
/// versions running at once agree on a lock's name (std's hasher may change
/// between Rust releases).
pub fn stable_hash(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn links_and_dots_resolve_to_one_name() {
        let tmp = tempfile::tempdir().unwrap();
        let root = std::fs::canonicalize(tmp.path()).unwrap();
        let repo = root.join("repo");
        std::fs::create_dir_all(repo.join("sub")).unwrap();
        let plan = repo.join("bearing.ron");
        std::fs::write(&plan, "x").unwrap();
        std::os::unix::fs::symlink(&plan, root.join("link.ron")).unwrap();
        std::os::unix::fs::symlink("repo", root.join("dirlink")).unwrap();
        assert_eq!(real_path(&root.join("link.ron")), plan);
        assert_eq!(real_path(&root.join("dirlink/sub/../bearing.ron")), plan);
        // Not there yet: the name it would have.
        assert_eq!(
            real_path(&root.join("dirlink/new/../other.ron")),
            repo.join("other.ron")
        );
        std::os::unix::fs::symlink("repo/missing.ron", root.join("dangling.ron")).unwrap();
        assert_eq!(
            real_path(&root.join("dangling.ron")),
            repo.join("missing.ron")
        );
    }

    #[test]
    fn git_dir_is_found_from_a_subdirectory_and_through_a_gitdir_file() {
        let tmp = tempfile::tempdir().unwrap();
        let repo = tmp.path().join("repo");
        std::fs::create_dir_all(repo.join(".git")).unwrap();
        std::fs::create_dir_all(repo.join("plans/q3")).unwrap();
        assert_eq!(git_dir(&repo.join("plans/q3")), Some(repo.join(".git")));
        let wt = tmp.path().join("wt");
        std::fs::create_dir_all(&wt).unwrap();
        std::fs::write(wt.join(".git"), "gitdir: ../repo/.git/worktrees/wt\n").unwrap();
        assert_eq!(git_dir(&wt), Some(wt.join("../repo/.git/worktrees/wt")));
        assert_eq!(stable_hash(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
