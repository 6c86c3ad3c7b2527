//! Many writers at once: every `bearing add` lands, and a lock left by a
//! process killed with SIGKILL never blocks the next writer.

use std::collections::HashSet;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use bearing::store;

mod common;

fn bearing(dir: &Path, args: &[&str]) -> Command {
    let mut c = common::cli::command(dir, args);
    c.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    c
}

/// Waits for every `bearing add` in `children`; each must succeed. Their
/// stdouts, in order.
fn all_added(children: Vec<Child>) -> Vec<String> {
    let mut stdouts = Vec::new();
    for (i, child) in children.into_iter().enumerate() {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "add {i} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        stdouts.push(String::from_utf8(out.stdout).unwrap());
    }
    stdouts
}

fn init(dir: &Path) -> usize {
    let out = bearing(dir, &["init"]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    store::load(&dir.join("bearing.ron"))
        .unwrap()
        .plan
        .debts
        .len()
}

#[test]
fn a_hundred_concurrent_adds_all_land() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let before = init(dir);
    let children: Vec<Child> = (0..100)
        .map(|i| {
            bearing(
                dir,
                &[
                    "add",
                    "debt",
                    &format!("Concurrent item {i}"),
                    "--risk",
                    "2",
                ],
            )
            .spawn()
            .unwrap()
        })
        .collect();
    let mut printed = HashSet::new();
    for stdout in all_added(children) {
        // "added debt D-XXXXX"
        printed.insert(stdout.trim().rsplit(' ').next().unwrap().to_owned());
    }
    let plan = store::load(&dir.join("bearing.ron")).unwrap().plan;
    assert_eq!(plan.debts.len(), before + 100);
    let titles: HashSet<&str> = plan
        .debts
        .iter()
        .filter(|d| d.title.starts_with("Concurrent item "))
        .map(|d| d.title.as_str())
        .collect();
    assert_eq!(titles.len(), 100, "every title once");
    let ids: HashSet<&str> = plan.debts.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids.len(), plan.debts.len(), "ids are distinct");
    assert_eq!(printed.len(), 100);
    assert!(printed.iter().all(|id| ids.contains(id.as_str())));
}

const HOLD: &str = "BEARING_TEST_HOLD_LOCK";

/// Run in a child copy of this test binary: takes the plan's write lock,
/// says so, and sleeps until it is killed.
fn hold_lock_if_asked() -> bool {
    let Some(plan) = std::env::var_os(HOLD) else {
        return false;
    };
    let _lock = store::WriteLock::acquire(Path::new(&plan)).unwrap();
    // libtest may have printed "test NAME ... " on this line already.
    println!("\nbearing-test: locked");
    std::thread::sleep(Duration::from_secs(120));
    true
}

/// A failing assertion must not leave the sleeping child behind.
struct KillOnDrop(Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Waits for `child` up to `limit`; `None` if it is still running.
fn wait_for(child: &mut Child, limit: Duration) -> Option<std::process::ExitStatus> {
    let start = Instant::now();
    while start.elapsed() < limit {
        if let Some(s) = child.try_wait().unwrap() {
            return Some(s);
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    None
}

#[test]
fn a_lock_held_by_a_killed_process_does_not_block() {
    if hold_lock_if_asked() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let before = init(dir);
    let plan = dir.join("bearing.ron");

    let mut holder = KillOnDrop(
        Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "a_lock_held_by_a_killed_process_does_not_block",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(HOLD, &plan)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let holder = &mut holder.0;
    let mut lines = BufReader::new(holder.stdout.take().unwrap()).lines();
    assert!(
        lines.any(|l| l.is_ok_and(|l| l.trim() == "bearing-test: locked")),
        "the child never took the lock"
    );

    // While the lock is held, a writer waits.
    let mut waiting = bearing(dir, &["add", "debt", "Queued behind the lock"])
        .spawn()
        .unwrap();
    assert!(
        wait_for(&mut waiting, Duration::from_millis(500)).is_none(),
        "a writer did not wait for the lock"
    );

    // SIGKILL: no destructor, no unlock. The kernel drops the lock.
    holder.kill().unwrap();
    holder.wait().unwrap();
    let status = wait_for(&mut waiting, Duration::from_secs(20))
        .expect("the queued writer is still blocked after the holder died");
    assert!(status.success());
    let out = bearing(dir, &["add", "debt", "After the kill"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let titles: Vec<String> = store::load(&plan)
        .unwrap()
        .plan
        .debts
        .into_iter()
        .map(|d| d.title)
        .collect();
    assert_eq!(titles.len(), before + 2);
    assert!(titles.iter().any(|t| t == "Queued behind the lock"));
    assert!(titles.iter().any(|t| t == "After the kill"));
}

/// Two symlinks in two directories and the real path: one plan, one lock.
/// Before the lock followed the real path, each link had its own lock file
/// beside it and writers through different links overwrote each other.
#[cfg(unix)]
#[test]
fn concurrent_adds_through_symlinks_share_one_lock() {
    adds_through_symlinks(false);
}

/// The same with the plan in a git repository, where the lock lives in the
/// git directory: the links are outside it, the lock is still one.
#[cfg(unix)]
#[test]
fn concurrent_adds_through_symlinks_into_a_repository_share_one_lock() {
    adds_through_symlinks(true);
}

#[cfg(unix)]
fn adds_through_symlinks(git: bool) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let real_dir = dir.join("repo");
    std::fs::create_dir_all(&real_dir).unwrap();
    if git {
        std::fs::create_dir_all(real_dir.join(".git")).unwrap();
    }
    let before = init(&real_dir);
    let real = real_dir.join("bearing.ron");
    for sub in ["a", "b", "c"] {
        std::fs::create_dir_all(dir.join(sub)).unwrap();
    }
    std::os::unix::fs::symlink(&real, dir.join("a/plan.ron")).unwrap();
    std::os::unix::fs::symlink("../repo/bearing.ron", dir.join("b/team.ron")).unwrap();
    // A symlinked directory and `..` on the way.
    std::os::unix::fs::symlink(&real_dir, dir.join("c/repo-link")).unwrap();
    let paths = [
        real.clone(),
        dir.join("a/plan.ron"),
        dir.join("b/team.ron"),
        // Physically `repo-link/..` is the temporary directory itself.
        dir.join("c/repo-link/../repo/bearing.ron"),
    ];
    let children: Vec<Child> = (0..80)
        .map(|i| {
            let file = paths[i % paths.len()].to_str().unwrap().to_owned();
            bearing(
                dir,
                &["--file", &file, "add", "debt", &format!("Linked item {i}")],
            )
            .spawn()
            .unwrap()
        })
        .collect();
    all_added(children);
    let plan = store::load(&real).unwrap().plan;
    let titles: HashSet<&str> = plan
        .debts
        .iter()
        .filter(|d| d.title.starts_with("Linked item "))
        .map(|d| d.title.as_str())
        .collect();
    assert_eq!(titles.len(), 80, "80 of 80 landed");
    assert_eq!(plan.debts.len(), before + 80);
    let beside: Vec<String> = std::fs::read_dir(&real_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("lock"))
        .collect();
    assert_eq!(
        beside.is_empty(),
        git,
        "lock files beside the plan: {beside:?}"
    );
    for link in ["a/plan.ron", "b/team.ron"] {
        assert!(
            std::fs::symlink_metadata(dir.join(link))
                .unwrap()
                .file_type()
                .is_symlink(),
            "{link} is still a link"
        );
    }
}
