//! [`Git`] by running the `git` command.

use std::ffi::OsString;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use super::{Git, GitError, InRepo, Scope};

/// Runs `git` (found on PATH) with the environment of this process plus
/// `envs` (tests point HOME at a temporary directory there).
#[derive(Debug, Clone)]
pub struct RealGit {
    program: OsString,
    envs: Vec<(OsString, OsString)>,
}

impl Default for RealGit {
    fn default() -> Self {
        RealGit {
            program: "git".into(),
            envs: Vec::new(),
        }
    }
}

impl RealGit {
    pub fn new() -> Self {
        RealGit::default()
    }

    /// Another program in place of `git` (a missing one, in tests).
    pub fn with_program(program: impl Into<OsString>) -> Self {
        RealGit {
            program: program.into(),
            envs: Vec::new(),
        }
    }

    /// Sets an environment variable for every git this runs.
    pub fn env(mut self, key: impl Into<OsString>, value: impl Into<OsString>) -> Self {
        self.envs.push((key.into(), value.into()));
        self
    }

    /// Runs git in `dir`; the output whatever the exit status.
    fn run(&self, dir: &Path, args: &[&str]) -> Result<Output, GitError> {
        let mut cmd = Command::new(&self.program);
        cmd.arg("-C").arg(dir).args(args);
        // Messages in English, so the few this reads are recognised.
        cmd.env("LC_ALL", "C").env("LANGUAGE", "C");
        // A fetch that needs credentials fails rather than waiting on a prompt.
        cmd.env("GIT_TERMINAL_PROMPT", "0");
        for (k, v) in &self.envs {
            cmd.env(k, v);
        }
        match cmd.output() {
            Ok(out) => Ok(out),
            Err(e) if e.kind() == ErrorKind::NotFound => Err(GitError::NotInstalled),
            Err(e) => Err(GitError::Failed {
                command: args.join(" "),
                stderr: e.to_string(),
            }),
        }
    }

    /// Runs git in `dir` and returns its stdout; a failure says which
    /// command and what git said (or that `dir` is not in a repository).
    fn ok(&self, dir: &Path, args: &[&str]) -> Result<String, GitError> {
        let out = self.run(dir, args)?;
        if out.status.success() {
            return Ok(String::from_utf8_lossy(&out.stdout).into_owned());
        }
        Err(failure(dir, args, &out))
    }
}

fn failure(dir: &Path, args: &[&str], out: &Output) -> GitError {
    let stderr = String::from_utf8_lossy(&out.stderr).trim().to_owned();
    if stderr.contains("not a git repository") {
        return GitError::NotARepository {
            path: dir.to_path_buf(),
        };
    }
    GitError::Failed {
        command: args.join(" "),
        stderr,
    }
}

/// `line` without its line end.
fn chomp(s: &str) -> &str {
    s.trim_end_matches(['\n', '\r'])
}

impl Git for RealGit {
    fn version(&self) -> Result<String, GitError> {
        self.ok(Path::new("."), &["--version"])
            .map(|s| chomp(&s).to_owned())
    }

    fn locate(&self, file: &Path) -> Result<InRepo, GitError> {
        let dir = match file.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let name = file
            .file_name()
            .and_then(|n| n.to_str())
            .ok_or_else(|| GitError::Failed {
                command: "rev-parse".into(),
                stderr: format!("{} has no UTF-8 file name", file.display()),
            })?;
        let out = self.run(dir, &["rev-parse", "--show-toplevel", "--show-prefix"])?;
        if !out.status.success() {
            return Err(
                match failure(dir, &["rev-parse", "--show-toplevel"], &out) {
                    GitError::NotARepository { .. } => GitError::NotARepository {
                        path: file.to_path_buf(),
                    },
                    e => e,
                },
            );
        }
        let text = String::from_utf8_lossy(&out.stdout);
        let mut lines = text.lines();
        let root = lines.next().unwrap_or_default();
        if root.is_empty() {
            // Inside `.git` itself, or a bare repository: no work tree.
            return Err(GitError::NotARepository {
                path: file.to_path_buf(),
            });
        }
        let prefix = lines.next().unwrap_or_default();
        Ok(InRepo {
            root: PathBuf::from(root),
            path: format!("{prefix}{name}"),
        })
    }

    fn show(&self, root: &Path, rev: &str, path: &str) -> Result<String, GitError> {
        let unknown = || GitError::UnknownRevision {
            rev: rev.to_owned(),
        };
        if rev.is_empty() || rev.starts_with('-') {
            return Err(unknown());
        }
        let commit = format!("{rev}^{{commit}}");
        let out = self.run(root, &["rev-parse", "--verify", "--quiet", &commit])?;
        if !out.status.success() {
            return match failure(root, &[], &out) {
                e @ GitError::NotARepository { .. } => Err(e),
                _ => Err(unknown()),
            };
        }
        let spec = format!("{rev}:{path}");
        let out = self.run(root, &["cat-file", "blob", &spec])?;
        if !out.status.success() {
            let kind = self.run(root, &["cat-file", "-t", &spec])?;
            if kind.status.success() && chomp(&String::from_utf8_lossy(&kind.stdout)) == "tree" {
                return Err(GitError::IsDirectory {
                    rev: rev.to_owned(),
                    path: path.to_owned(),
                });
            }
            return Err(GitError::NotInRevision {
                rev: rev.to_owned(),
                path: path.to_owned(),
            });
        }
        String::from_utf8(out.stdout).map_err(|_| GitError::NotText {
            rev: rev.to_owned(),
            path: path.to_owned(),
        })
    }

    fn rev_before(&self, root: &Path, date: &str) -> Result<String, GitError> {
        let before = format!("--before={date}");
        let out = self.run(root, &["rev-list", "-1", &before, "HEAD"])?;
        if !out.status.success() {
            return match failure(root, &[], &out) {
                e @ GitError::NotARepository { .. } => Err(e),
                // An empty repository has no HEAD yet.
                _ => Err(GitError::UnknownRevision { rev: "HEAD".into() }),
            };
        }
        let rev = chomp(&String::from_utf8_lossy(&out.stdout)).to_owned();
        if rev.is_empty() {
            return Err(GitError::NoCommitBefore {
                date: date.to_owned(),
            });
        }
        Ok(rev)
    }

    fn merge_base(&self, root: &Path, a: &str, b: &str) -> Result<String, GitError> {
        for rev in [a, b] {
            if rev.is_empty() || rev.starts_with('-') {
                return Err(GitError::UnknownRevision { rev: rev.into() });
            }
            let commit = format!("{rev}^{{commit}}");
            let out = self.run(root, &["rev-parse", "--verify", "--quiet", &commit])?;
            if !out.status.success() {
                return match failure(root, &[], &out) {
                    e @ GitError::NotARepository { .. } => Err(e),
                    _ => Err(GitError::UnknownRevision { rev: rev.into() }),
                };
            }
        }
        let out = self.run(root, &["merge-base", a, b])?;
        let base = chomp(&String::from_utf8_lossy(&out.stdout)).to_owned();
        if !out.status.success() || base.is_empty() {
            return Err(GitError::Failed {
                command: format!("merge-base {a} {b}"),
                stderr: format!("{a} and {b} have no common ancestor"),
            });
        }
        Ok(base)
    }

    fn unmerged(&self, root: &Path, path: &str) -> Result<bool, GitError> {
        let out = self.ok(root, &["ls-files", "-u", "-z", "--", path])?;
        Ok(!out.is_empty())
    }

    fn stage(&self, root: &Path, stage: u8, path: &str) -> Result<Option<String>, GitError> {
        let spec = format!(":{stage}:{path}");
        let out = self.run(root, &["cat-file", "blob", &spec])?;
        if !out.status.success() {
            return Ok(None);
        }
        String::from_utf8(out.stdout)
            .map(Some)
            .map_err(|_| GitError::NotText {
                rev: format!(":{stage}"),
                path: path.to_owned(),
            })
    }

    fn config_get(&self, scope: Scope, dir: &Path, key: &str) -> Result<Option<String>, GitError> {
        let mut args = vec!["config"];
        if scope != Scope::Effective {
            args.push(scope_flag(scope));
        }
        args.extend(["--get", key]);
        let out = self.run(dir, &args)?;
        match out.status.code() {
            Some(0) => Ok(Some(
                chomp(&String::from_utf8_lossy(&out.stdout)).to_owned(),
            )),
            // 1: the key is not set.
            Some(1) => Ok(None),
            _ => Err(failure(dir, &args, &out)),
        }
    }

    fn config_set(&self, scope: Scope, dir: &Path, key: &str, value: &str) -> Result<(), GitError> {
        self.ok(dir, &["config", scope_flag(scope), key, value])
            .map(|_| ())
    }

    fn attr(&self, root: &Path, attr: &str, path: &str) -> Result<Option<String>, GitError> {
        let out = self.ok(root, &["check-attr", "-z", attr, "--", path])?;
        // -z: "PATH\0ATTR\0VALUE\0".
        let value = out.split('\0').nth(2).unwrap_or_default();
        Ok(match value {
            "" | "unspecified" | "unset" => None,
            v => Some(v.to_owned()),
        })
    }

    fn log_numstat(&self, root: &Path, format: &str, since: &str) -> Result<String, GitError> {
        let format = format!("--format={format}");
        let since = format!("--since={since}");
        let args = [
            "log",
            "-M",
            "--no-merges",
            "--numstat",
            "-z",
            "--no-color",
            "--no-show-signature",
            &format,
            &since,
        ];
        let out = self.run(root, &args)?;
        if out.status.success() {
            return Ok(String::from_utf8_lossy(&out.stdout).into_owned());
        }
        let stderr = String::from_utf8_lossy(&out.stderr);
        if stderr.contains("does not have any commits") {
            return Ok(String::new());
        }
        Err(failure(root, &args, &out))
    }

    fn fetch_shallow(&self, cache: &Path, url: &str, rev: &str) -> Result<String, GitError> {
        if rev.is_empty() || rev.starts_with('-') {
            return Err(GitError::UnknownRevision { rev: rev.into() });
        }
        if !cache.join("HEAD").is_file() {
            std::fs::create_dir_all(cache).map_err(|e| GitError::Failed {
                command: "init".into(),
                stderr: format!("cannot create {}: {e}", cache.display()),
            })?;
            self.ok(cache, &["init", "-q", "--bare"])?;
        }
        self.point_origin(cache, url)?;
        let args = [
            "fetch",
            "-q",
            "--depth=1",
            "--filter=blob:none",
            "--no-tags",
            "--no-write-fetch-head",
            "origin",
        ];
        // The fetched commit goes to a ref of its own: FETCH_HEAD would be
        // shared by two fetches of one cache.
        let refspec = format!("+{rev}:refs/bearing/fetched");
        let mut all: Vec<&str> = args.to_vec();
        all.push(&refspec);
        let out = self.run(cache, &all)?;
        if !out.status.success() {
            let stderr = String::from_utf8_lossy(&out.stderr);
            if stderr.contains("couldn't find remote ref") {
                return Err(GitError::UnknownRevision { rev: rev.into() });
            }
            return Err(failure(cache, &["fetch", "origin", rev], &out));
        }
        self.ok(
            cache,
            &["rev-parse", "--verify", "refs/bearing/fetched^{commit}"],
        )
        .map(|s| chomp(&s).to_owned())
    }
}

impl RealGit {
    /// Points the remote `origin` of the bare repository `cache` at `url`,
    /// whatever it holds: added when missing, changed when it differs, left
    /// alone when it is right — never `remote add` over one that exists.
    fn point_origin(&self, cache: &Path, url: &str) -> Result<(), GitError> {
        let now = self.run(cache, &["remote", "get-url", "origin"])?;
        if now.status.success() {
            if chomp(&String::from_utf8_lossy(&now.stdout)) == url {
                return Ok(());
            }
            return self
                .ok(cache, &["remote", "set-url", "origin", url])
                .map(drop);
        }
        match self.ok(cache, &["remote", "add", "origin", url]) {
            // Added meanwhile by another git: point it at `url` all the same.
            Err(GitError::Failed { stderr, .. }) if stderr.contains("already exists") => self
                .ok(cache, &["remote", "set-url", "origin", url])
                .map(drop),
            r => r.map(drop),
        }
    }
}

fn scope_flag(scope: Scope) -> &'static str {
    match scope {
        Scope::Local | Scope::Effective => "--local",
        Scope::Global => "--global",
    }
}
