//! `bearing diff` between two revisions of a 10k-item plan, as a whole
//! process: a temporary git repository with two commits, 100 changes
//! between them (ratings, owners, titles, statuses, removals, check-ins).
//! `git diff` of the same two commits is printed beside it for scale.
//! Run: `cargo bench --bench diff` (prints timings; nothing is asserted).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use bearing::model::DebtStatus;
use bearing::store::format;
use chrono::NaiveDate;
use divan::Bencher;

fn main() {
    divan::main();
}

const ITEMS: usize = 10_000;

fn git(home: &Path, dir: &Path, args: &[&str]) -> Vec<u8> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", home)
        .env("GIT_AUTHOR_DATE", "2026-11-10T12:00:00Z")
        .env("GIT_COMMITTER_DATE", "2026-11-10T12:00:00Z")
        .output()
        .unwrap();
    assert!(out.status.success(), "git {args:?}: {out:?}");
    out.stdout
}

/// The repository, built once: (temporary dir, work tree).
fn repo() -> &'static (tempfile::TempDir, PathBuf) {
    static REPO: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    REPO.get_or_init(|| {
        let tmp = tempfile::tempdir().unwrap();
        let home = tmp.path();
        let root = home.join("repo");
        std::fs::create_dir_all(&root).unwrap();
        git(home, &root, &["init", "-q", "-b", "main"]);
        git(home, &root, &["config", "user.name", "Bench"]);
        git(home, &root, &["config", "user.email", "bench@example.com"]);
        let mut plan = bearing::synth::plan(ITEMS, 42);
        let file = root.join("bearing.ron");
        std::fs::write(&file, format::to_text(&plan).unwrap()).unwrap();
        git(home, &root, &["add", "."]);
        git(home, &root, &["commit", "-q", "-m", "one"]);

        // 100 changes, spread over the file.
        let day = NaiveDate::from_ymd_opt(2026, 11, 9).unwrap();
        let step = plan.debts.len() / 90;
        for k in 0..40 {
            let d = &mut plan.debts[k * step];
            d.risk = d.risk % 5 + 1;
        }
        for k in 40..60 {
            plan.debts[k * step].owner = "newowner".into();
        }
        for k in 60..75 {
            plan.debts[k * step].title.push_str(" (revised)");
        }
        for k in 75..85 {
            plan.debts[k * step].set_status(DebtStatus::Done, day);
        }
        for k in (85..90).rev() {
            plan.debts.remove(k * step);
        }
        for kr in plan.key_results.iter_mut().take(10) {
            let v = kr.current + 1.0;
            kr.check_in(day, v);
        }
        std::fs::write(&file, format::to_text(&plan).unwrap()).unwrap();
        git(home, &root, &["commit", "-q", "-am", "two"]);
        (tmp, root)
    })
}

fn bearing(format: &str) -> Vec<u8> {
    let (tmp, root) = repo();
    let out = Command::new(env!("CARGO_BIN_EXE_bearing"))
        .args([
            "--file",
            "bearing.ron",
            "diff",
            "HEAD~1",
            "HEAD",
            "--format",
            format,
        ])
        .current_dir(root)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", tmp.path())
        .env("BEARING_TODAY", "2026-11-20")
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    out.stdout
}

#[divan::bench(args = ["table", "json", "md"], sample_count = 10)]
fn bearing_diff_two_revisions_10k(b: Bencher, format: &str) {
    repo();
    b.bench(|| bearing(format));
}

/// git's own line diff of the same two commits, for scale.
#[divan::bench(sample_count = 10)]
fn git_diff_two_revisions_10k(b: Bencher) {
    let (tmp, root) = repo();
    b.bench(|| git(tmp.path(), root, &["diff", "HEAD~1", "HEAD"]));
}
