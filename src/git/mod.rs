//! The `git` command behind a small trait, as lazygit and mergiraf drive
//! git: what `bearing git install`, `bearing diff` and `bearing check`
//! need (a repository's root, a file at a revision, the last commit before
//! a date, config values, attributes). Not domain: it runs processes; the
//! command line uses it, the domain never does.
//!
//! Every failure is a [`GitError`] with its context (which path, which
//! revision), so the caller words it once.

pub mod attributes;
pub mod findings;
mod real;
pub mod scan;
pub use real::RealGit;

#[cfg(test)]
pub mod fake;
#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};

/// Where a config value is read or written: the repository's
/// `.git/config`, the user's (`--global`), or (reading only) whatever
/// git would use there, all files together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Local,
    Global,
    /// Read as git reads; a write goes to the repository.
    Effective,
}

/// A file inside a work tree: the tree's root and the file's path from
/// it, with `/` separators (as `.gitattributes` and `REV:PATH` want it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InRepo {
    pub root: PathBuf,
    pub path: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GitError {
    #[error("git is not installed (or not on PATH): install git to use this command")]
    NotInstalled,
    #[error("{} is not inside a git repository", .path.display())]
    NotARepository { path: PathBuf },
    #[error("unknown revision {rev:?}: no such commit, branch or tag in this repository")]
    UnknownRevision { rev: String },
    #[error("{path} is not in revision {rev}")]
    NotInRevision { rev: String, path: String },
    /// `path` names a directory (a tree) at `rev`, not a file.
    #[error("{path} is a directory in revision {rev}")]
    IsDirectory { rev: String, path: String },
    #[error("no commit before {date}")]
    NoCommitBefore { date: String },
    #[error("{path} at revision {rev} is not UTF-8 text")]
    NotText { rev: String, path: String },
    #[error("`git {command}` failed: {stderr}")]
    Failed { command: String, stderr: String },
}

impl GitError {
    /// What stopped git, in one line: for a failed command the line that
    /// stopped it ([`stopping_line`]), else the whole message.
    pub fn reason(&self) -> String {
        match self {
            GitError::Failed { stderr, .. } => stopping_line(stderr).to_owned(),
            e => e.to_string(),
        }
    }

    /// One line for a progress line: `` `git fetch origin main` failed:
    /// fatal: … `` with git's stopping line, not its first (a `warning:`).
    pub fn one_line(&self) -> String {
        match self {
            GitError::Failed { command, stderr } => {
                let line = stopping_line_whole(stderr);
                format!("`git {command}` failed: {line}")
            }
            e => e.to_string(),
        }
    }
}

/// The line of git's stderr that says why it stopped, without its
/// `fatal:`/`error:` prefix: the first `fatal:` line, else the first
/// `error:` line, else the first line that is not a `warning:` or `hint:`
/// (advice, not the reason), else the first line.
pub fn stopping_line(stderr: &str) -> &str {
    let line = stopping_line_whole(stderr);
    line.strip_prefix("fatal:")
        .or_else(|| line.strip_prefix("error:"))
        .map_or(line, str::trim)
}

/// [`stopping_line`] with its prefix kept.
fn stopping_line_whole(stderr: &str) -> &str {
    let lines = || stderr.lines().map(str::trim).filter(|l| !l.is_empty());
    lines()
        .find(|l| l.starts_with("fatal:"))
        .or_else(|| lines().find(|l| l.starts_with("error:")))
        .or_else(|| lines().find(|l| !(l.starts_with("warning:") || l.starts_with("hint:"))))
        .or_else(|| lines().next())
        .unwrap_or("git failed without a message")
}

/// What Bearing asks of git. `dir` is a directory inside the work tree
/// the question is about.
pub trait Git {
    /// `git --version`: whether git can be run at all.
    fn version(&self) -> Result<String, GitError>;
    /// The work tree holding `file` (which may not exist yet), and the
    /// file's path from its root.
    fn locate(&self, file: &Path) -> Result<InRepo, GitError>;
    /// The text of `path` (from the root) at revision `rev`.
    fn show(&self, root: &Path, rev: &str, path: &str) -> Result<String, GitError>;
    /// The last commit on HEAD made before `date` (`git rev-list -1
    /// --before=DATE HEAD`). `date` as git reads it: the caller passes an
    /// explicit time (`2026-11-30T00:00:00`, local time), since a bare
    /// date means that day at the current time of day to git.
    fn rev_before(&self, root: &Path, date: &str) -> Result<String, GitError>;
    /// The best common ancestor of two revisions (`git merge-base A B`),
    /// what `A...B` compares from.
    fn merge_base(&self, root: &Path, a: &str, b: &str) -> Result<String, GitError>;
    /// Whether `path` is unmerged in the index (`git ls-files -u`): a
    /// merge stopped on it and it was not `git add`ed since.
    fn unmerged(&self, root: &Path, path: &str) -> Result<bool, GitError>;
    /// The text of `path` at index stage `stage` (1 base, 2 ours, 3 theirs
    /// of an unmerged file: `git show :N:PATH`); `None` when that stage is
    /// absent (a file both sides added has no base).
    fn stage(&self, root: &Path, stage: u8, path: &str) -> Result<Option<String>, GitError>;
    /// A config value (`git config --get`); `None` when unset.
    fn config_get(&self, scope: Scope, dir: &Path, key: &str) -> Result<Option<String>, GitError>;
    fn config_set(&self, scope: Scope, dir: &Path, key: &str, value: &str) -> Result<(), GitError>;
    /// The value of attribute `attr` for `path` (from the root), as git
    /// reads all its attribute files; `None` when unspecified or unset.
    fn attr(&self, root: &Path, attr: &str, path: &str) -> Result<Option<String>, GitError>;
    /// `git log -M --no-merges --numstat -z --format=FORMAT --since=SINCE`
    /// on HEAD: every commit of the window with the files it touched
    /// (renames as `\0old\0new`), for `bearing scan`'s hotspots. Empty for
    /// a repository without commits yet.
    fn log_numstat(&self, root: &Path, format: &str, since: &str) -> Result<String, GitError>;
    /// Brings the commit `rev` names at `url` into the bare repository
    /// `cache` (made when missing) fetching as little as git can: one
    /// commit deep, no tags, no blobs (a file is fetched when
    /// [`Git::show`] reads it, the remote being its promisor); returns the
    /// commit's full hash. The remote `origin` is pointed at `url` each
    /// time, so a workspace that moves a team to another URL follows it.
    /// Never prompts for credentials.
    fn fetch_shallow(&self, cache: &Path, url: &str, rev: &str) -> Result<String, GitError>;
}
