//! The real `git` in temporary repositories (no system or user config:
//! GIT_CONFIG_NOSYSTEM=1 and HOME in the temporary directory).

use std::path::Path;
use std::process::Command;

use super::*;

pub(crate) fn git_in(home: &Path) -> RealGit {
    RealGit::new()
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
}

/// Runs git in `dir` for a fixture; panics (test code) when it fails.
pub(crate) fn sh(home: &Path, dir: &Path, args: &[&str], date: &str) {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", home)
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .output()
        .unwrap();
    assert!(out.status.success(), "git {args:?}: {out:?}");
}

/// A repository with `sub dir/plan.ron` committed twice (v1 on
/// 2026-11-01, v2 on 2026-11-10).
fn repo() -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let home = tmp.path();
    let root = home.join("repo");
    std::fs::create_dir_all(root.join("sub dir")).unwrap();
    let d = "2026-11-01T12:00:00Z";
    sh(home, &root, &["init", "-q", "-b", "main"], d);
    sh(home, &root, &["config", "user.name", "T"], d);
    sh(home, &root, &["config", "user.email", "t@example.com"], d);
    let plan = root.join("sub dir/plan.ron");
    std::fs::write(&plan, "v1\n").unwrap();
    sh(home, &root, &["add", "."], d);
    sh(home, &root, &["commit", "-q", "-m", "one"], d);
    std::fs::write(&plan, "v2\n").unwrap();
    let d = "2026-11-10T12:00:00Z";
    sh(home, &root, &["commit", "-q", "-am", "two"], d);
    (tmp, plan)
}

#[test]
fn locate_finds_the_root_and_the_path_from_it() {
    let (tmp, plan) = repo();
    let git = git_in(tmp.path());
    let at = git.locate(&plan).unwrap();
    assert_eq!(at.path, "sub dir/plan.ron");
    assert_eq!(
        at.root.canonicalize().unwrap(),
        tmp.path().join("repo").canonicalize().unwrap()
    );
    assert!(git.version().unwrap().starts_with("git version"));
}

#[test]
fn show_reads_a_file_at_a_revision_and_names_what_is_missing() {
    let (tmp, plan) = repo();
    let git = git_in(tmp.path());
    let at = git.locate(&plan).unwrap();
    assert_eq!(git.show(&at.root, "HEAD", &at.path).unwrap(), "v2\n");
    assert_eq!(git.show(&at.root, "HEAD~1", &at.path).unwrap(), "v1\n");
    assert_eq!(
        git.show(&at.root, "nope", &at.path),
        Err(GitError::UnknownRevision { rev: "nope".into() })
    );
    assert_eq!(
        git.show(&at.root, "HEAD", "other.ron"),
        Err(GitError::NotInRevision {
            rev: "HEAD".into(),
            path: "other.ron".into()
        })
    );
}

#[test]
fn rev_before_is_the_last_commit_before_the_date() {
    let (tmp, plan) = repo();
    let git = git_in(tmp.path());
    let at = git.locate(&plan).unwrap();
    let rev = git.rev_before(&at.root, "2026-11-05").unwrap();
    assert_eq!(git.show(&at.root, &rev, &at.path).unwrap(), "v1\n");
    assert_eq!(
        git.rev_before(&at.root, "2026-10-01"),
        Err(GitError::NoCommitBefore {
            date: "2026-10-01".into()
        })
    );
}

#[test]
fn config_is_read_and_written_locally_or_for_the_user() {
    let (tmp, plan) = repo();
    let git = git_in(tmp.path());
    let root = git.locate(&plan).unwrap().root;
    assert_eq!(git.config_get(Scope::Local, &root, "a.b").unwrap(), None);
    git.config_set(Scope::Local, &root, "a.b", "x y").unwrap();
    assert_eq!(
        git.config_get(Scope::Local, &root, "a.b")
            .unwrap()
            .as_deref(),
        Some("x y")
    );
    git.config_set(Scope::Global, &root, "a.c", "z").unwrap();
    assert_eq!(git.config_get(Scope::Local, &root, "a.c").unwrap(), None);
    assert_eq!(
        git.config_get(Scope::Effective, &root, "a.c")
            .unwrap()
            .as_deref(),
        Some("z")
    );
    assert_eq!(
        git.config_get(Scope::Global, &root, "a.c")
            .unwrap()
            .as_deref(),
        Some("z")
    );
    assert!(tmp.path().join(".gitconfig").is_file());
}

#[test]
fn attributes_are_read_as_git_reads_them() {
    let (tmp, plan) = repo();
    let git = git_in(tmp.path());
    let at = git.locate(&plan).unwrap();
    assert_eq!(git.attr(&at.root, "merge", &at.path).unwrap(), None);
    let line = attributes::line(&at.path);
    assert_eq!(line, "\"/sub dir/plan.ron\" merge=bearing diff=bearing");
    std::fs::write(at.root.join(".gitattributes"), format!("{line}\n")).unwrap();
    assert_eq!(
        git.attr(&at.root, "merge", &at.path).unwrap().as_deref(),
        Some("bearing")
    );
    assert_eq!(
        git.attr(&at.root, "diff", &at.path).unwrap().as_deref(),
        Some("bearing")
    );
    // Anchored at the root: the same name in another directory is not it.
    assert_eq!(git.attr(&at.root, "merge", "plan.ron").unwrap(), None);
}

#[test]
fn outside_a_repository_and_without_git_are_errors_of_their_own() {
    let tmp = tempfile::tempdir().unwrap();
    let git = git_in(tmp.path()).env("GIT_CEILING_DIRECTORIES", tmp.path());
    let file = tmp.path().join("plan.ron");
    assert_eq!(
        git.locate(&file),
        Err(GitError::NotARepository { path: file.clone() })
    );
    let none = RealGit::with_program("bearing-no-such-git");
    assert_eq!(none.version(), Err(GitError::NotInstalled));
    assert_eq!(none.locate(&file), Err(GitError::NotInstalled));
}

#[test]
fn the_fake_answers_like_the_real_one() {
    let root = Path::new("/r");
    let git = fake::FakeGit::repo(root).file("HEAD", "p.ron", "x");
    let at = git.locate(&root.join("p.ron")).unwrap();
    assert_eq!(at.path, "p.ron");
    assert_eq!(git.show(root, "HEAD", "p.ron").unwrap(), "x");
    assert!(matches!(
        git.show(root, "v9", "p.ron"),
        Err(GitError::UnknownRevision { .. })
    ));
    assert!(matches!(
        git.locate(Path::new("/elsewhere/p.ron")),
        Err(GitError::NotARepository { .. })
    ));
}

#[test]
fn log_numstat_reads_the_window_and_an_empty_repository_has_none() {
    let (tmp, plan) = repo();
    let git = git_in(tmp.path());
    let root = git.locate(&plan).unwrap().root;
    let format = crate::scan::hotspots::LOG_FORMAT;
    let all = git
        .log_numstat(&root, format, "2026-10-01 00:00:00")
        .unwrap();
    let h = crate::scan::hotspots::parse_log(&all);
    assert_eq!(h["sub dir/plan.ron"].changes, 2);
    assert_eq!(h["sub dir/plan.ron"].main_author(), Some("T"));
    let late = git
        .log_numstat(&root, format, "2026-11-05 00:00:00")
        .unwrap();
    assert_eq!(
        crate::scan::hotspots::parse_log(&late)["sub dir/plan.ron"].changes,
        1
    );

    let empty = tmp.path().join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    sh(tmp.path(), &empty, &["init", "-q"], "2026-11-01T12:00:00Z");
    assert_eq!(git.log_numstat(&empty, format, "2026-01-01").unwrap(), "");
}

/// git's real stderr of a fetch that failed over a server ignoring
/// filters: the warning comes first, the line that stopped git after.
#[test]
fn the_reason_is_the_line_that_stopped_git_not_a_warning() {
    use super::stopping_line;
    let stderr = "warning: filtering not recognized by server, ignoring\n\
        fatal: Unable to create '/c/repo.git/shallow.lock': File exists.\n\
        \n\
        Another git process seems to be running in this repository, e.g.\n\
        an editor opened by 'git commit'. Please make sure all processes\n\
        are terminated then try again. If it still fails, a git process\n\
        may have crashed in this repository earlier:\n\
        remove the file manually to continue.";
    assert_eq!(
        stopping_line(stderr),
        "Unable to create '/c/repo.git/shallow.lock': File exists."
    );
    let e = GitError::Failed {
        command: "fetch origin main".into(),
        stderr: stderr.into(),
    };
    assert_eq!(
        e.one_line(),
        "`git fetch origin main` failed: fatal: Unable to create '/c/repo.git/shallow.lock': File exists."
    );
    // fatal: wins over an earlier error:; error: over warning: and hint:.
    let both = "error: could not lock config file config: File exists\nfatal: could not set 'remote.origin.url'";
    assert_eq!(stopping_line(both), "could not set 'remote.origin.url'");
    let error = "hint: see 'git help remote'\nwarning: x\nerror: remote origin already exists.";
    assert_eq!(stopping_line(error), "remote origin already exists.");
    assert_eq!(
        stopping_line("warning: only this\nhint: and advice"),
        "warning: only this"
    );
    assert_eq!(
        stopping_line("hint: advice\nsomething broke"),
        "something broke"
    );
    assert_eq!(stopping_line(""), "git failed without a message");
}
