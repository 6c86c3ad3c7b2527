//! The store's promises seen through the real binary: lock files, backups,
//! read-only files and directories, a byte-order mark.

use std::path::{Path, PathBuf};
use std::process::Command;

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run_in(dir: &Path, data: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_bearing"))
        .args(args)
        .current_dir(dir)
        .env("BEARING_DATA_DIR", data)
        .env("BEARING_TODAY", "2026-11-20")
        .env_remove("BEARING_FILE")
        .env_remove("COLUMNS")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

struct Sandbox {
    dir: tempfile::TempDir,
}

impl Sandbox {
    fn new() -> Self {
        Sandbox {
            dir: tempfile::tempdir().unwrap(),
        }
    }
    fn path(&self) -> &Path {
        self.dir.path()
    }
    fn data(&self) -> PathBuf {
        self.path().join("data")
    }
    fn plan(&self) -> PathBuf {
        self.path().join("bearing.ron")
    }
    fn run(&self, args: &[&str]) -> Run {
        run_in(self.path(), &self.data(), args)
    }
    fn ok(&self, args: &[&str]) -> String {
        let r = self.run(args);
        assert_eq!(r.code, 0, "{args:?} failed: {}", r.stderr);
        r.stdout
    }
}

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn lock_files_never_show_in_git_status() {
    let sb = Sandbox::new();
    let repo = sb.path().join("repo");
    std::fs::create_dir_all(repo.join("docs")).unwrap();
    git(&repo, &["init", "-q"]);
    let data = sb.data();
    let r = run_in(&repo, &data, &["--file", "docs/bearing.ron", "init"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = run_in(
        &repo,
        &data,
        &["--file", "docs/bearing.ron", "add", "debt", "x"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let status = git(&repo, &["status", "--porcelain", "--untracked-files=all"]);
    assert_eq!(status, "?? docs/bearing.ron\n");
}
