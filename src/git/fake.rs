//! An in-memory [`Git`] for unit tests: one work tree, files by revision,
//! commits by date, config and attributes in maps.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::{Git, GitError, InRepo, Scope};

#[derive(Debug, Default)]
pub struct FakeGit {
    /// `None`: git is not installed.
    pub root: Option<PathBuf>,
    pub missing: bool,
    /// (revision, path) → text.
    pub files: BTreeMap<(String, String), String>,
    /// (date, revision), oldest first.
    pub commits: Vec<(String, String)>,
    pub config: RefCell<BTreeMap<(bool, String), String>>,
    /// (path, attribute) → value.
    pub attrs: BTreeMap<(String, String), String>,
    /// What `log_numstat` answers, whatever the window.
    pub log: String,
    /// (a, b) → their merge base.
    pub bases: BTreeMap<(String, String), String>,
    /// (stage, path) → text of an unmerged path's index stage.
    pub stages: BTreeMap<(u8, String), String>,
    /// (url, rev) → the commit `fetch_shallow` answers; others fail.
    pub remote: BTreeMap<(String, String), String>,
}

impl FakeGit {
    pub fn repo(root: &Path) -> Self {
        FakeGit {
            root: Some(root.to_path_buf()),
            ..FakeGit::default()
        }
    }

    pub fn file(mut self, rev: &str, path: &str, text: &str) -> Self {
        self.files
            .insert((rev.to_owned(), path.to_owned()), text.to_owned());
        self
    }

    fn installed(&self) -> Result<(), GitError> {
        if self.missing {
            return Err(GitError::NotInstalled);
        }
        Ok(())
    }
}

impl Git for FakeGit {
    fn version(&self) -> Result<String, GitError> {
        self.installed()?;
        Ok("git version fake".into())
    }

    fn locate(&self, file: &Path) -> Result<InRepo, GitError> {
        self.installed()?;
        let not = || GitError::NotARepository {
            path: file.to_path_buf(),
        };
        let root = self.root.as_ref().ok_or_else(not)?;
        let rel = file.strip_prefix(root).map_err(|_| not())?;
        Ok(InRepo {
            root: root.clone(),
            path: rel.to_string_lossy().replace('\\', "/"),
        })
    }

    fn show(&self, _root: &Path, rev: &str, path: &str) -> Result<String, GitError> {
        self.installed()?;
        if !self.files.keys().any(|(r, _)| r == rev) {
            return Err(GitError::UnknownRevision { rev: rev.into() });
        }
        self.files
            .get(&(rev.to_owned(), path.to_owned()))
            .cloned()
            .ok_or_else(|| GitError::NotInRevision {
                rev: rev.into(),
                path: path.into(),
            })
    }

    fn rev_before(&self, _root: &Path, date: &str) -> Result<String, GitError> {
        self.installed()?;
        self.commits
            .iter()
            .rev()
            .find(|(d, _)| d.as_str() < date)
            .map(|(_, r)| r.clone())
            .ok_or_else(|| GitError::NoCommitBefore { date: date.into() })
    }

    fn merge_base(&self, _root: &Path, a: &str, b: &str) -> Result<String, GitError> {
        self.installed()?;
        self.bases
            .get(&(a.to_owned(), b.to_owned()))
            .cloned()
            .ok_or_else(|| GitError::UnknownRevision { rev: a.into() })
    }

    fn unmerged(&self, _root: &Path, path: &str) -> Result<bool, GitError> {
        self.installed()?;
        Ok(self.stages.keys().any(|(_, p)| p == path))
    }

    fn stage(&self, _root: &Path, stage: u8, path: &str) -> Result<Option<String>, GitError> {
        self.installed()?;
        Ok(self.stages.get(&(stage, path.to_owned())).cloned())
    }

    fn config_get(&self, scope: Scope, _dir: &Path, key: &str) -> Result<Option<String>, GitError> {
        self.installed()?;
        let config = self.config.borrow();
        let get = |global: bool| config.get(&(global, key.to_owned())).cloned();
        Ok(match scope {
            Scope::Local => get(false),
            Scope::Global => get(true),
            Scope::Effective => get(false).or_else(|| get(true)),
        })
    }

    fn config_set(
        &self,
        scope: Scope,
        _dir: &Path,
        key: &str,
        value: &str,
    ) -> Result<(), GitError> {
        self.installed()?;
        let global = scope == Scope::Global;
        self.config
            .borrow_mut()
            .insert((global, key.to_owned()), value.to_owned());
        Ok(())
    }

    fn attr(&self, _root: &Path, attr: &str, path: &str) -> Result<Option<String>, GitError> {
        self.installed()?;
        Ok(self.attrs.get(&(path.to_owned(), attr.to_owned())).cloned())
    }

    fn log_numstat(&self, _root: &Path, _format: &str, _since: &str) -> Result<String, GitError> {
        self.installed()?;
        Ok(self.log.clone())
    }

    fn fetch_shallow(&self, _cache: &Path, url: &str, rev: &str) -> Result<String, GitError> {
        self.installed()?;
        self.remote
            .get(&(url.to_owned(), rev.to_owned()))
            .cloned()
            .ok_or_else(|| GitError::Failed {
                command: format!("fetch origin {rev}"),
                stderr: format!("fatal: '{url}' does not appear to be a git repository"),
            })
    }
}
