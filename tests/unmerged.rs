//! A plan git left unmerged: the merge driver could not run (`bearing` not
//! on PATH) or none was set up (git's line merge). `check` fails on it,
//! `resolve` merges git's three versions again with the plan-aware merge,
//! and blocks of a line merge are named for what they hold. Real git, real
//! binary, temporary repositories.

mod common;
#[path = "git_support/mod.rs"]
mod git_support;

use std::process::Command;

use common::cli::Run;
use git_support::{DATE, Repo};

const F: &str = "bearing.ron";

/// git in the repository, whatever its exit status; `path` is PATH.
fn git_run(repo: &Repo, path: Option<&str>, args: &[&str]) -> Run {
    let mut cmd = Command::new("git");
    cmd.arg("-C")
        .arg(&repo.root)
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", repo.home())
        .env("GIT_CEILING_DIRECTORIES", repo.home())
        .env("GIT_AUTHOR_DATE", DATE)
        .env("GIT_COMMITTER_DATE", DATE)
        .env("LC_ALL", "C");
    if let Some(p) = path {
        cmd.env("PATH", p);
    }
    cmd.output().unwrap().into()
}

/// A PATH with git on it and not `bearing`.
fn path_without_bearing(repo: &Repo) -> String {
    let bin = repo.home().join("only-git");
    std::fs::create_dir_all(&bin).unwrap();
    let which = Command::new("sh")
        .args(["-c", "command -v git"])
        .output()
        .unwrap();
    let git = String::from_utf8(which.stdout).unwrap().trim().to_owned();
    std::os::unix::fs::symlink(&git, bin.join("git")).unwrap();
    // sh for git's own use of the shell (the driver command line).
    let sh = Command::new("sh")
        .args(["-c", "command -v sh"])
        .output()
        .unwrap();
    let sh = String::from_utf8(sh.stdout).unwrap().trim().to_owned();
    std::os::unix::fs::symlink(&sh, bin.join("sh")).unwrap();
    bin.to_string_lossy().into_owned()
}

/// The template plan on main; `feature` and `main` each add one debt item
/// (where the other adds its own), and each edits one of the first debt's
/// fields... of a debt both have. Returns (ours' new id, theirs' new id).
fn two_adds(repo: &Repo) -> (String, String) {
    repo.ok(&["--file", F, "init"]);
    let add = |title: &str| {
        let out = repo.ok(&[
            "--file",
            F,
            "add",
            "debt",
            title,
            "--customer",
            "2",
            "--owner",
            "ana",
        ]);
        out.split_whitespace().last().unwrap().to_owned()
    };
    repo.git(&["add", F]);
    repo.git(&["commit", "-qm", "base"]);
    repo.git(&["checkout", "-qb", "feature"]);
    let theirs = add("Flaky tests");
    repo.git(&["commit", "-qam", "feature"]);
    repo.git(&["checkout", "-q", "main"]);
    let ours = add("Old TLS");
    repo.git(&["commit", "-qam", "main"]);
    (ours, theirs)
}

fn debt_ids(repo: &Repo) -> Vec<String> {
    let out = repo.ok(&["--file", F, "list", "debt", "--format", "json"]);
    let v = common::cli::json(&out);
    let mut ids: Vec<String> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap().to_owned())
        .collect();
    ids.sort();
    ids
}

#[test]
fn a_merge_whose_driver_could_not_run_fails_check_and_resolve_merges_it_again() {
    let repo = Repo::new();
    let (ours, theirs) = two_adds(&repo);
    // The driver installed, but `bearing` is not on PATH when git merges.
    repo.ok(&["--file", F, "git", "install"]);
    let path = path_without_bearing(&repo);
    let r = git_run(&repo, Some(&path), &["merge", "--no-edit", "feature"]);
    assert_ne!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(
        git_run(&repo, None, &["status", "--short"])
            .stdout
            .contains("UU bearing.ron"),
        "git left it unmerged"
    );
    assert!(
        !repo.read(F).contains("<<<<<<<"),
        "git left ours, no markers"
    );

    let r = repo.bearing(&["--file", F, "check"]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert!(
        r.stdout
            .contains("error merge-conflict: bearing.ron is unmerged in git"),
        "{}",
        r.stdout
    );

    let out = repo.ok(&["--file", F, "resolve"]);
    assert!(
        out.contains(
            "bearing.ron: re-merged git's three versions with the plan-aware merge (the file as git left it is a backup: bearing backups): 0 conflicts left; `git add bearing.ron` to mark it resolved"
        ),
        "{out}"
    );
    let mut both = vec![ours, theirs];
    both.sort();
    assert_eq!(debt_ids(&repo), both);
    repo.git(&["add", F]);
    let r = repo.bearing(&["--file", F, "check"]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    // Run again, nothing to re-merge: the plain answer.
    let again = repo.ok(&["--file", F, "resolve"]);
    assert!(again.contains("no unresolved merge conflicts"), "{again}");
}

#[test]
fn after_gits_line_merge_resolve_merges_again_and_keeps_both_new_items() {
    let repo = Repo::new();
    let (ours, theirs) = two_adds(&repo);
    // No driver: git's own line merge.
    let r = git_run(&repo, None, &["merge", "--no-edit", "feature"]);
    assert_ne!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let text = repo.read(F);
    assert!(text.contains("<<<<<<<"), "{text}");

    // Listing (piped) first re-merges: both were added, no clash is left.
    let out = repo.ok(&["--file", F, "resolve"]);
    assert!(out.contains("0 conflicts left"), "{out}");
    let mut both = vec![ours, theirs];
    both.sort();
    assert_eq!(debt_ids(&repo), both);
}

/// The line merge's text of two new items, outside git (a merge committed
/// from a web UI): named for both items, and neither side may drop one.
#[test]
fn a_line_merge_block_of_two_new_items_is_named_so_and_not_settled_by_dropping_one() {
    let repo = Repo::new();
    let (ours, theirs) = two_adds(&repo);
    let r = git_run(&repo, None, &["merge", "--no-edit", "feature"]);
    assert_ne!(r.code, 0);
    let text = repo.read(F);
    let outside = repo.home().join("outside");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(outside.join(F), &text).unwrap();
    let run = |args: &[&str]| repo.bearing_in(&outside, args);

    let r = run(&["check"]);
    assert_eq!(r.code, 1);
    let both = format!("{ours} (ours) / {theirs} (theirs): both added here");
    assert!(r.stdout.contains(&both), "{}", r.stdout);
    assert!(!r.stdout.contains("--ours"), "{}", r.stdout);
    let r = run(&["resolve"]);
    assert!(r.stdout.contains(&both), "{}", r.stdout);
    for side in ["--ours", "--theirs"] {
        let r = run(&["resolve", side]);
        assert_eq!(r.code, 1, "{side}: {}", r.stdout);
        let lost = if side == "--ours" { &theirs } else { &ours };
        assert!(
            r.stderr.contains(&format!("would drop {lost}")),
            "{side}: {}",
            r.stderr
        );
        assert!(r.stderr.contains("git checkout -m"), "{}", r.stderr);
        assert_eq!(std::fs::read_to_string(outside.join(F)).unwrap(), text);
    }
}

#[test]
fn a_line_merge_block_over_several_fields_names_them_all() {
    let dir = tempfile::tempdir().unwrap();
    let repo_text = |risk: &str, customer: &str| {
        format!("      customer: {customer},\n      delivery: 3,\n      risk: {risk},\n")
    };
    let plan = dir.path().join(F);
    // A real plan, one debt, its three rating lines replaced by a block.
    let r = common::cli::run_env(dir.path(), &[], &["--file", F, "init"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = common::cli::run_env(
        dir.path(),
        &[],
        &[
            "--file",
            F,
            "add",
            "debt",
            "Flaky",
            "--customer",
            "1",
            "--delivery",
            "3",
            "--risk",
            "1",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let id = r.stdout.split_whitespace().last().unwrap().to_owned();
    let text = std::fs::read_to_string(&plan).unwrap();
    let old = repo_text("1", "1");
    assert!(text.contains(&old), "{text}");
    let block = format!(
        "<<<<<<< HEAD\n{}=======\n{}>>>>>>> feature\n",
        repo_text("1", "4"),
        repo_text("5", "1")
    );
    std::fs::write(&plan, text.replace(&old, &block)).unwrap();
    let r = common::cli::run_env(dir.path(), &[], &["--file", F, "check"]);
    assert!(
        r.stdout
            .contains(&format!("{id} (fields customer, delivery, risk)")),
        "{}",
        r.stdout
    );
}
