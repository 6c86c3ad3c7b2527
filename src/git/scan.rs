//! Reading a repository for `bearing scan` (the command line's and the
//! UI's picker's): its files walked as ripgrep walks them, and the one
//! `git log --numstat` run its hotspots come from. What is read goes to the
//! pure `crate::scan`, which recognises, fingerprints and ranks.
//!
//! The walk is the `ignore` crate's (ripgrep's own walker): `.gitignore`,
//! `.ignore` and `.git/info/exclude` honoured, hidden files skipped, on
//! several threads. Vendored directories are pruned before they are read.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::{Git, GitError};
use crate::scan::{self, FileText, Markers};

/// A repository as a scan read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gathered {
    /// The directory walked: the repository's root (or the directory
    /// given, outside any repository).
    pub root: PathBuf,
    /// False outside a git repository (no hotspots then).
    pub in_repo: bool,
    /// Sorted by path.
    pub files: Vec<FileText>,
    /// The output of `git log --numstat` for the window (empty outside a
    /// repository).
    pub log: String,
}

impl Gathered {
    /// Leaves out one file (the plan itself: it changes with every edit, and
    /// is not debt).
    pub fn leave_out(&mut self, file: &Path) {
        let (Ok(file), Ok(root)) = (
            std::fs::canonicalize(file),
            std::fs::canonicalize(&self.root),
        ) else {
            return;
        };
        let Some(rel) = file
            .strip_prefix(&root)
            .ok()
            .and_then(Path::to_str)
            .map(|r| r.replace('\\', "/"))
        else {
            return;
        };
        self.files.retain(|f| f.path != rel);
    }
}

/// Reads the repository holding `dir`: its files and, with `since`
/// (`YYYY-MM-DD`), the log of the commits since that day.
pub fn gather(
    git: &dyn Git,
    dir: &Path,
    markers: &Markers,
    since: Option<&str>,
) -> Result<Gathered, GitError> {
    let (root, in_repo) = match root(git, dir) {
        Ok(root) => (root, true),
        Err(GitError::NotARepository { .. } | GitError::NotInstalled) => (dir.to_path_buf(), false),
        Err(e) => return Err(e),
    };
    // The files are walked while git reads the log: the two take about
    // as long. (The walk on its own threads: `git` may not be `Sync`.)
    let (log, files) = std::thread::scope(|s| {
        let walker = s.spawn(|| walk(&root, markers));
        let log = match since {
            Some(day) if in_repo => git.log_numstat(
                &root,
                scan::hotspots::LOG_FORMAT,
                &format!("{day} 00:00:00"),
            ),
            _ => Ok(String::new()),
        };
        // A walk that panicked found nothing.
        let files = walker.join().unwrap_or_default();
        (log, files)
    });
    let log = log?;
    Ok(Gathered {
        root,
        in_repo,
        files,
        log,
    })
}

/// The work tree's root of the repository holding `dir`.
pub fn root(git: &dyn Git, dir: &Path) -> Result<PathBuf, GitError> {
    // `locate` wants a file: any name in `dir` will do.
    git.locate(&dir.join(".bearing-scan")).map(|at| at.root)
}

/// Every file under `root` a scan reads, with what it found in each,
/// sorted by path (`/`-separated, from `root`).
pub fn walk(root: &Path, markers: &Markers) -> Vec<FileText> {
    let found = Mutex::new(Vec::new());
    let walker = ignore::WalkBuilder::new(root)
        .filter_entry(|e| {
            let name = e.file_name().to_string_lossy();
            !(e.depth() > 0
                && e.file_type().is_some_and(|t| t.is_dir())
                && scan::skipped_path(&format!("{name}/x")))
        })
        .build_parallel();
    walker.run(|| {
        let found = &found;
        Box::new(move |entry| {
            let file = entry
                .ok()
                .filter(|e| e.file_type().is_some_and(|t| t.is_file()))
                .and_then(|e| read(root, e.path(), markers));
            if let Some(file) = file {
                // One short lock per file: thousands cost well under a millisecond.
                found.lock().unwrap_or_else(|p| p.into_inner()).push(file);
            }
            ignore::WalkState::Continue
        })
    });
    let mut files = found.into_inner().unwrap_or_else(|p| p.into_inner());
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

/// One regular file, when it is a text file the scan reads.
fn read(root: &Path, path: &Path, markers: &Markers) -> Option<FileText> {
    let rel = path.strip_prefix(root).ok()?.to_str()?.replace('\\', "/");
    if scan::skipped_path(&rel) {
        return None;
    }
    let bytes = std::fs::read(path).ok()?;
    scan::files::inspect(&rel, &bytes, markers)
}

/// The fingerprints of everything the code holds now (every marker word,
/// every file), for `check`'s `scan-marker-gone`: `None` when the plan is
/// not in a git repository.
pub fn live_fingerprints(git: &dyn Git, plan: &Path) -> Option<HashSet<String>> {
    let at = git.locate(plan).ok()?;
    let files = walk(&at.root, &Markers::AnyUpper);
    Some(scan::live(&files))
}
