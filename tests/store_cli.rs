//! The store's promises seen through the real binary: lock files, backups,
//! read-only files and directories, a byte-order mark.

use std::path::Path;
use std::process::Command;

mod common;

use common::cli::{Run, Sandbox};

/// Runs in `dir` with its data directory at `data`.
fn run_in(dir: &Path, data: &Path, args: &[&str]) -> Run {
    let mut cmd = common::cli::command(dir, args);
    cmd.env("BEARING_DATA_DIR", data);
    common::cli::finish(cmd)
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
    let data = sb.path().join("data");
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

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// Tests run as root, which the kernel lets write anything: the refusal
/// must come from the mode bits, as an editor's does.
#[cfg(unix)]
#[test]
fn a_read_only_plan_file_is_not_overwritten() {
    let sb = Sandbox::new();
    sb.ok(&["init"]);
    set_mode(&sb.plan(), 0o444);
    let before = std::fs::read(sb.plan()).unwrap();
    let r = sb.run(&["add", "debt", "Should not land"]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert!(r.stderr.contains("read-only file"), "{}", r.stderr);
    assert!(r.stderr.contains("chmod u+w"), "{}", r.stderr);
    assert_eq!(std::fs::read(sb.plan()).unwrap(), before);
    assert_eq!(mode(&sb.plan()), 0o444);
    // Made writable again, the same command works.
    set_mode(&sb.plan(), 0o644);
    sb.ok(&["add", "debt", "Lands now"]);
}

#[cfg(unix)]
#[test]
fn a_plan_in_a_read_only_directory_is_refused_clearly() {
    let sb = Sandbox::new();
    let dir = sb.path().join("ro");
    std::fs::create_dir_all(&dir).unwrap();
    let data = sb.path().join("data");
    assert_eq!(run_in(&dir, &data, &["init"]).code, 0);
    let plan = dir.join("bearing.ron");
    let before = std::fs::read(&plan).unwrap();
    set_mode(&dir, 0o555);
    let r = run_in(&dir, &data, &["add", "debt", "Should not land"]);
    set_mode(&dir, 0o755);
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert!(r.stderr.contains("read-only directory"), "{}", r.stderr);
    assert_eq!(std::fs::read(&plan).unwrap(), before);
    let names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.ends_with("lock"))
        .collect();
    assert_eq!(names, ["bearing.ron"], "no temporary file left");
}

#[test]
fn a_byte_order_mark_is_accepted_and_dropped_on_the_next_save() {
    let sb = Sandbox::new();
    sb.ok(&["init"]);
    let text = std::fs::read_to_string(sb.plan()).unwrap();
    // A Windows editor's save: a BOM and CRLF line ends.
    let windows = format!("\u{feff}{}", text.replace('\n', "\r\n"));
    std::fs::write(sb.plan(), &windows).unwrap();
    let listed = sb.ok(&["list", "objectives"]);
    assert!(!listed.trim().is_empty());
    // Reading never writes: the BOM stays until a change is saved.
    sb.ok(&["check"]);
    assert_eq!(std::fs::read_to_string(sb.plan()).unwrap(), windows);
    sb.ok(&["add", "debt", "After the BOM"]);
    let saved = std::fs::read(sb.plan()).unwrap();
    assert!(!saved.starts_with("\u{feff}".as_bytes()), "dropped on save");
    assert!(sb.ok(&["list"]).contains("After the BOM"));

    // A BOM before a mistake: the line and column are the editor's.
    std::fs::write(sb.plan(), "\u{feff}(\n  schema: 1,\n  bogus: 2,\n)\n").unwrap();
    let r = sb.run(&["list"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("bearing.ron:3:"), "{}", r.stderr);
}

/// The backup ids `bearing backups --format json` lists, newest first.
fn backup_ids(sb: &Sandbox, args: &[&str]) -> Vec<(String, serde_json::Value)> {
    let mut all = args.to_vec();
    all.extend(["backups", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&sb.ok(&all)).unwrap();
    v.as_array()
        .unwrap()
        .iter()
        .map(|b| {
            (
                b["id"].as_str().unwrap().to_owned(),
                b["changed_since"].clone(),
            )
        })
        .collect()
}

fn titles(sb: &Sandbox) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_str(&sb.ok(&["list", "--format", "json"])).unwrap();
    v.as_array()
        .unwrap()
        .iter()
        .map(|d| d["title"].as_str().unwrap().to_owned())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect()
}

#[test]
fn backups_are_listed_and_one_is_restored_through_a_locked_save() {
    let sb = Sandbox::new();
    sb.ok(&["init"]);
    let none = sb.ok(&["backups"]);
    assert!(none.starts_with("no backups of "), "{none}");
    sb.ok(&["add", "debt", "First"]);
    sb.ok(&["add", "debt", "Second"]);

    let listed = sb.ok(&["backups"]);
    let lines: Vec<&str> = listed.lines().collect();
    assert!(
        lines[0].contains("newest first (`bearing backups restore ID` puts one back)"),
        "{listed}"
    );
    assert!(lines[1].starts_with("ID ") && lines[1].contains("CHANGED SINCE"));
    assert_eq!(lines.len(), 4, "{listed}");
    // Newest first: the template with "First", then the bare template.
    assert!(lines[2].ends_with("1 added"), "{listed}");
    assert!(lines[3].ends_with("2 added"), "{listed}");
    assert!(
        lines[2].contains(" B") || lines[2].contains("KiB"),
        "a size: {listed}"
    );

    let ids = backup_ids(&sb, &[]);
    assert_eq!(ids.len(), 2);
    assert_eq!(ids[1].1["added"], 2);
    let template = ids[1].0.clone();

    // Restore the template: the current plan is backed up first.
    let out = sb.ok(&["backups", "restore", &template]);
    assert!(out.starts_with("restored "), "{out}");
    assert!(titles(&sb).is_empty());
    let after = backup_ids(&sb, &[]);
    assert_eq!(after.len(), 3);
    assert_eq!(after[0].1["removed"], 2, "the replaced plan had both items");
    // The command the message names undoes it.
    let undo: Vec<&str> = out
        .split('`')
        .nth(1)
        .unwrap()
        .split_whitespace()
        .skip(1)
        .collect();
    assert_eq!(undo[..2], ["backups", "restore"], "{out}");
    sb.ok(&undo);
    assert_eq!(titles(&sb), ["First", "Second"].map(String::from).to_vec());
    let again = sb.ok(&undo);
    assert!(again.contains("nothing to restore"), "{again}");

    // A unique start of an id is enough; a wrong one names the list command.
    let r = sb.run(&["backups", "restore", "nope"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("no backup “nope” (`bearing backups` lists them)"),
        "{}",
        r.stderr
    );

    // A plan broken by a hand edit is backed up too, and replaced.
    std::fs::write(sb.plan(), "(this is not a plan").unwrap();
    let listed = sb.ok(&["backups"]);
    assert!(
        listed
            .starts_with("the current plan does not load, so what changed since each is unknown: "),
        "{listed}"
    );
    sb.ok(&["backups", "restore", &template[..template.len() - 2]]);
    assert!(titles(&sb).is_empty());
    let broken = backup_ids(&sb, &[]);
    assert_eq!(
        broken[0].1["error"]
            .as_str()
            .map(|e| e.contains("does not load")),
        Some(true)
    );
}

#[test]
fn backup_hints_name_the_file_they_were_given() {
    let sb = Sandbox::new();
    let other = sb.path().join("plans dir");
    std::fs::create_dir_all(&other).unwrap();
    let file = other.join("team.ron");
    let file = file.to_str().unwrap();
    sb.ok(&["--file", file, "init"]);
    sb.ok(&["--file", file, "add", "debt", "One"]);
    let listed = sb.ok(&["--file", file, "backups"]);
    assert!(
        listed.contains(&format!("(`bearing --file '{file}' backups restore ID`")),
        "{listed}"
    );
    // `bearing backups` here (no plan in this directory) is another plan.
    let r = sb.run(&["backups", "restore", "x"]);
    assert_eq!(r.code, 1);
    let id = &backup_ids(&sb, &["--file", file])[0].0;
    let out = sb.ok(&["--file", file, "backups", "restore", id]);
    assert!(
        out.contains(&format!("`bearing --file '{file}' backups restore ")),
        "{out}"
    );
}

#[cfg(unix)]
#[test]
fn restore_refuses_a_read_only_plan() {
    let sb = Sandbox::new();
    sb.ok(&["init"]);
    sb.ok(&["add", "debt", "One"]);
    let id = backup_ids(&sb, &[])[0].0.clone();
    set_mode(&sb.plan(), 0o444);
    let before = std::fs::read(sb.plan()).unwrap();
    let r = sb.run(&["backups", "restore", &id]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("read-only file"), "{}", r.stderr);
    assert_eq!(std::fs::read(sb.plan()).unwrap(), before);
    assert_eq!(
        backup_ids(&sb, &[]).len(),
        1,
        "nothing backed up for nothing"
    );
}
