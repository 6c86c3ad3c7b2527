//! A temporary git repository for tests that run the real `git` and the
//! real `bearing`: HOME is the temporary directory and there is no system
//! config (GIT_CONFIG_NOSYSTEM=1), so the user's git config never leaks in;
//! user.name and user.email are set in the repository.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::cli::{Run, command, finish};

pub struct Repo {
    pub tmp: tempfile::TempDir,
    pub root: PathBuf,
}

/// The date every commit gets unless told otherwise.
pub const DATE: &str = "2026-11-10T12:00:00Z";

impl Repo {
    /// An empty repository in `<tmp>/repo`, branch main.
    pub fn new() -> Repo {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("repo");
        std::fs::create_dir_all(&root).unwrap();
        let repo = Repo { tmp, root };
        repo.git(&["init", "-q", "-b", "main"]);
        repo.git(&["config", "user.name", "Test"]);
        repo.git(&["config", "user.email", "test@example.com"]);
        repo
    }

    pub fn home(&self) -> &Path {
        self.tmp.path()
    }

    fn env(&self, cmd: &mut Command) {
        cmd.env("GIT_CONFIG_NOSYSTEM", "1")
            .env("HOME", self.home())
            .env("XDG_CONFIG_HOME", self.home().join(".config"))
            .env("GIT_CEILING_DIRECTORIES", self.home())
            .env("LC_ALL", "C");
    }

    /// git in `dir` with commits dated `date`; panics when it fails.
    pub fn git_in(&self, dir: &Path, args: &[&str], date: &str) -> String {
        let mut cmd = Command::new("git");
        cmd.arg("-C").arg(dir).args(args);
        self.env(&mut cmd);
        cmd.env("GIT_AUTHOR_DATE", date)
            .env("GIT_COMMITTER_DATE", date);
        let out = cmd.output().unwrap();
        assert!(
            out.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    pub fn git(&self, args: &[&str]) -> String {
        self.git_in(&self.root, args, DATE)
    }

    /// Commits everything in the work tree on `date`.
    pub fn commit(&self, message: &str, date: &str) {
        self.git_in(&self.root, &["add", "-A"], date);
        self.git_in(&self.root, &["commit", "-q", "-m", message], date);
    }

    /// The real binary in `dir` with this repository's git environment.
    pub fn bearing_in(&self, dir: &Path, args: &[&str]) -> Run {
        let mut cmd = command(dir, args);
        self.env(&mut cmd);
        finish(cmd)
    }

    pub fn bearing(&self, args: &[&str]) -> Run {
        self.bearing_in(&self.root, args)
    }

    /// Runs and expects success; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let r = self.bearing(args);
        assert_eq!(r.code, 0, "{args:?} failed: {}", r.stderr);
        r.stdout
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.root.join(rel)).unwrap()
    }
}
