//! One git team's corner of the fetch cache (`org-cache/<hash>/<team>/`):
//! the bare repository the fetches go to, the copy the roll-ups read
//! (`bearing.ron` and its record `fetched.ron`: commit, when, how long),
//! and two notes beside it — `failed.ron` when the last fetch failed (the
//! copy stays), `newest.ron` when the newest commit fetched has a plan
//! that does not load (the last good copy stays). A success clears both.

use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::org::{FetchFailed, FetchNote, TeamSource, Unloadable};
use crate::store::lock::JobLock;
use crate::store::{RealFs, StoreError};

/// What the cache holds for one git team.
pub struct TeamCache {
    pub dir: PathBuf,
}

impl TeamCache {
    pub fn new(cache: &Path, team: &str) -> Self {
        TeamCache {
            dir: cache.join(team),
        }
    }
    /// The bare repository the fetches go to.
    pub fn repo(&self) -> PathBuf {
        self.dir.join("repo.git")
    }
    /// The plan's text at the fetched commit (the last good one when a
    /// newer commit's plan does not load).
    pub fn plan(&self) -> PathBuf {
        self.dir.join("bearing.ron")
    }
    /// The lock one fetch of this team holds (never two writers in one
    /// team's corner of the cache).
    fn lock_path(&self) -> PathBuf {
        self.dir.join("fetch.lock")
    }

    /// Takes this team's fetch lock, waiting up to `timeout` for another
    /// `bearing org fetch` holding it (`waiting` is told its process id).
    /// `Ok(None)` when the wait timed out.
    pub fn lock(
        &self,
        timeout: std::time::Duration,
        waiting: impl FnMut(Option<u32>),
    ) -> Result<Option<JobLock>, StoreError> {
        self.create_dir()?;
        JobLock::acquire(&self.lock_path(), timeout, waiting)
    }

    fn meta_path(&self) -> PathBuf {
        self.dir.join("fetched.ron")
    }
    fn failed_path(&self) -> PathBuf {
        self.dir.join("failed.ron")
    }
    fn newest_path(&self) -> PathBuf {
        self.dir.join("newest.ron")
    }

    /// What was fetched last; `None` when never.
    pub fn meta(&self) -> Option<Fetched> {
        read_record(&self.meta_path())
    }

    /// The last fetch's failure, when it failed.
    pub fn failure(&self) -> Option<FetchFailure> {
        read_record(&self.failed_path())
    }

    /// The newest commit fetched whose plan does not load, when the copy
    /// kept is an older one.
    pub fn newest_unloadable(&self) -> Option<NewestUnloadable> {
        read_record(&self.newest_path())
    }

    /// Stores a fetch: the plan's text first, then the record naming it
    /// (both atomic), so a reader never sees a record for another text.
    /// The notes of an earlier failure or unloadable commit are cleared.
    pub fn store(&self, text: &str, meta: &Fetched) -> Result<(), StoreError> {
        self.create_dir()?;
        super::super::save::write_atomic(&mut RealFs, &self.plan(), text.as_bytes())?;
        write_record(&self.meta_path(), meta)?;
        self.clear_failure()?;
        remove(&self.newest_path())
    }

    /// Records a failed fetch; the copy (if any) stays as it is.
    pub fn record_failure(&self, failure: &FetchFailure) -> Result<(), StoreError> {
        self.create_dir()?;
        write_record(&self.failed_path(), failure)
    }

    /// Records the newest commit, whose plan does not load, beside the
    /// last good copy (which stays what the roll-ups read).
    pub fn record_unloadable(&self, newest: &NewestUnloadable) -> Result<(), StoreError> {
        self.create_dir()?;
        write_record(&self.newest_path(), newest)?;
        self.clear_failure()
    }

    fn clear_failure(&self) -> Result<(), StoreError> {
        remove(&self.failed_path())
    }

    fn create_dir(&self) -> Result<(), StoreError> {
        std::fs::create_dir_all(&self.dir)
            .map_err(|e| StoreError::io(&self.dir, "cannot create directory", e))
    }

    /// What the cache says of the copy of `source`: when it was fetched,
    /// a failed fetch since, a newest commit that does not load (notes of
    /// another source — the workspace changed it — do not count).
    pub fn note(&self, source: &TeamSource, meta: Option<&Fetched>) -> FetchNote {
        FetchNote {
            fetched_at: meta.map(|m| m.at.clone()),
            failed: self
                .failure()
                .filter(|f| f.source.is_of(source))
                .map(|f| FetchFailed {
                    at: f.at,
                    reason: f.reason,
                }),
            newest_unloadable: meta.and(
                self.newest_unloadable()
                    .filter(|n| n.source.is_of(source))
                    .map(|n| Unloadable {
                        commit: short(&n.commit).to_owned(),
                        at: n.at,
                        reason: n.reason,
                    }),
            ),
        }
    }
}

/// Removes the cached copies in the workspace's cache `cache` of teams
/// no longer in the workspace: only directories there holding a fetch's
/// files (`repo.git`, `fetched.ron`, `failed.ron`) whose name is not one
/// of `teams`, and not while a fetch holds them. Returns the ids removed.
pub fn prune(cache: &Path, teams: &[&str]) -> Result<Vec<String>, StoreError> {
    let entries = match std::fs::read_dir(cache) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(StoreError::io(cache, "cannot list the fetch cache", e)),
    };
    let mut gone = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let tc = TeamCache::new(cache, &name);
        let ours = ["repo.git", "fetched.ron", "failed.ron"]
            .iter()
            .any(|f| tc.dir.join(f).exists());
        if teams.contains(&name.as_str()) || !entry.path().is_dir() || !ours {
            continue;
        }
        // Held: another fetch (of a workspace that still has it) is at work.
        let Some(_held) = JobLock::try_acquire(&tc.lock_path())? else {
            continue;
        };
        std::fs::remove_dir_all(&tc.dir)
            .map_err(|e| StoreError::io(&tc.dir, "cannot remove the cached copy", e))?;
        gone.push(name);
    }
    gone.sort();
    Ok(gone)
}

fn read_record<T: DeserializeOwned>(path: &Path) -> Option<T> {
    let text = std::fs::read_to_string(path).ok()?;
    ron::from_str(&text).ok()
}

fn write_record<T: Serialize>(path: &Path, rec: &T) -> Result<(), StoreError> {
    let text = ron::ser::to_string_pretty(rec, ron::ser::PrettyConfig::default())
        .map_err(|e| StoreError::Other(format!("cannot write the fetch record: {e}")))?;
    super::super::save::write_atomic(&mut RealFs, path, text.as_bytes())
}

fn remove(path: &Path) -> Result<(), StoreError> {
    match std::fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(StoreError::io(path, "cannot remove", e)),
    }
}

/// The source a note is about: a workspace that changes a team's url, rev
/// or path makes it another source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NoteSource {
    pub url: String,
    pub rev: String,
    pub path: String,
}

impl NoteSource {
    fn is_of(&self, source: &TeamSource) -> bool {
        matches!(source, TeamSource::Git { url, rev, path }
            if self.url == *url && self.rev == *rev && self.path == *path)
    }
}

/// A failed fetch: when (UTC, RFC 3339) and git's useful line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FetchFailure {
    pub source: NoteSource,
    pub at: String,
    pub reason: String,
}

/// The newest commit fetched, whose plan does not load.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewestUnloadable {
    pub source: NoteSource,
    /// The full commit hash.
    pub commit: String,
    /// When it was fetched (UTC, RFC 3339).
    pub at: String,
    /// Why its plan does not load.
    pub reason: String,
}

/// The record of a team's last fetch.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fetched {
    pub url: String,
    pub rev: String,
    pub path: String,
    /// The full commit hash the plan was read at.
    pub commit: String,
    /// When (UTC, RFC 3339).
    pub at: String,
    /// How long the fetch took, in milliseconds.
    pub millis: u64,
}

impl Fetched {
    /// Whether this copy is of `source` as the workspace names it now: a
    /// changed url, rev or path is another source, whose copy this is not.
    pub fn is_of(&self, source: &TeamSource) -> bool {
        matches!(source, TeamSource::Git { url, rev, path }
            if self.url == *url && self.rev == *rev && self.path == *path)
    }

    /// `1a2b3c4 (main)`.
    pub fn version(&self) -> String {
        format!("{} ({})", short(&self.commit), self.rev)
    }
}

pub fn short(commit: &str) -> &str {
    commit.get(..7).unwrap_or(commit)
}
