//! `bearing scan` on a generated repository of 3,000 files in six languages
//! (a marker in about one in ten), 300 commits by five authors over a
//! year: the marker scan (ripgrep's walker + the comment scanner, in
//! process) against `rg` searching the same markers, and the hotspot
//! analysis (the `git log --numstat` run + parsing it) against that
//! `git log` alone; the whole `bearing scan` process for scale.
//! Run: `cargo bench --bench scan` (prints timings; nothing is asserted;
//! needs `rg` on PATH for its side of the comparison).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use bearing::git::{Git, RealGit};
use bearing::scan::{self, Markers};
use divan::Bencher;

fn main() {
    divan::main();
}

const FILES: usize = 3_000;
const COMMITS: usize = 300;
const AUTHORS: [&str; 5] = ["Ann", "Bob", "Cy", "Dee", "Eve"];
const SINCE: &str = "2025-11-20";

fn git(home: &Path, dir: &Path, args: &[&str], date: &str) {
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

/// A small deterministic generator (no dependency for a bench).
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const LANGS: [(&str, &str); 6] = [
    ("rs", "//"),
    ("go", "//"),
    ("ts", "//"),
    ("py", "#"),
    ("sh", "#"),
    ("sql", "--"),
];

fn file_text(rng: &mut Rng, comment: &str, lines: usize) -> String {
    let mut s = String::new();
    for i in 0..lines {
        match rng.below(40) {
            0 if i % 3 == 0 => {
                s.push_str(&format!("{comment} TODO: handle the case {i} properly\n"))
            }
            1 => s.push_str(&format!("{comment} explains the next line {i}\n")),
            2 => s.push_str("    let msg = \"a string with words in it\";\n"),
            _ => s.push_str(&format!(
                "    value_{i} = compute(value_{}, {}) + offset;\n",
                i.saturating_sub(1),
                rng.below(1000)
            )),
        }
    }
    s
}

fn paths() -> Vec<String> {
    (0..FILES)
        .map(|i| {
            let (ext, _) = LANGS[i % LANGS.len()];
            format!("mod{:02}/sub{}/file{i}.{ext}", i % 40, i % 7)
        })
        .collect()
}

/// The repository, built once: (temporary dir, work tree).
fn repo() -> &'static (tempfile::TempDir, PathBuf) {
    static REPO: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    REPO.get_or_init(|| {
        let tmp = tempfile::tempdir().unwrap();
        let home = tmp.path();
        let root = home.join("repo");
        std::fs::create_dir_all(&root).unwrap();
        let d0 = "2025-12-01T12:00:00Z";
        git(home, &root, &["init", "-q", "-b", "main"], d0);
        git(home, &root, &["config", "user.name", "Ann"], d0);
        git(
            home,
            &root,
            &["config", "user.email", "ann@example.com"],
            d0,
        );
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        let paths = paths();
        for (i, p) in paths.iter().enumerate() {
            let file = root.join(p);
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            let (_, comment) = LANGS[i % LANGS.len()];
            let lines = 20 + rng.below(300);
            std::fs::write(&file, file_text(&mut rng, comment, lines)).unwrap();
        }
        git(home, &root, &["add", "."], d0);
        git(home, &root, &["commit", "-q", "-m", "start"], d0);
        for c in 0..COMMITS {
            // Hot files: a few modules change far more than the rest.
            for _ in 0..8 {
                let i = if rng.below(3) == 0 {
                    rng.below(FILES)
                } else {
                    rng.below(120)
                };
                let file = root.join(&paths[i]);
                let mut text = std::fs::read_to_string(&file).unwrap();
                text.push_str(&format!("    changed_{c} = {};\n", rng.below(100)));
                std::fs::write(&file, text).unwrap();
            }
            let day = 1 + c * 330 / COMMITS;
            let date = chrono::NaiveDate::from_ymd_opt(2025, 12, 1).unwrap()
                + chrono::Days::new(day as u64);
            let date = format!("{date}T12:00:00Z");
            let who = AUTHORS[rng.below(AUTHORS.len())];
            let author = format!("{who} <{}@example.com>", who.to_lowercase());
            git(
                home,
                &root,
                &["commit", "-q", "-a", "--author", &author, "-m", "change"],
                &date,
            );
        }
        (tmp, root)
    })
}

#[divan::bench(sample_count = 10)]
fn bearing_marker_scan_3k_files(b: Bencher) {
    let (_, root) = repo();
    let markers = Markers::default_set();
    b.bench(|| bearing::git::scan::walk(root, &markers).len());
}

/// ripgrep with the same markers, whole words, line numbers, over the same
/// tree (it honours the same ignore files and skips hidden ones too).
#[divan::bench(sample_count = 10)]
fn rg_same_markers_3k_files(b: Bencher) {
    let (_, root) = repo();
    b.bench(|| {
        Command::new("rg")
            .args(["-n", "--no-heading", "-w", "-e", "TODO", "-e", "FIXME"])
            .args(["-e", "HACK", "-e", "XXX", "-e", "BUG", "."])
            .current_dir(root)
            .output()
            .unwrap()
    });
}

#[divan::bench(sample_count = 10)]
fn bearing_hotspot_analysis_300_commits(b: Bencher) {
    let (tmp, root) = repo();
    let git = RealGit::new()
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", tmp.path());
    let since = format!("{SINCE} 00:00:00");
    b.bench(|| {
        let log = git
            .log_numstat(root, scan::hotspots::LOG_FORMAT, &since)
            .unwrap();
        scan::hotspots::parse_log(&log).len()
    });
}

/// The `git log --numstat` the analysis reads, on its own.
#[divan::bench(sample_count = 10)]
fn git_log_numstat_300_commits(b: Bencher) {
    let (tmp, root) = repo();
    let format = format!("--format={}", scan::hotspots::LOG_FORMAT);
    let since = format!("--since={SINCE} 00:00:00");
    b.bench(|| {
        Command::new("git")
            .args(["-C"])
            .arg(root)
            .args(["log", "-M", "--no-merges", "--numstat", "-z"])
            .args(["--no-color", "--no-show-signature", &format, &since])
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("HOME", tmp.path())
            .env("LC_ALL", "C")
            .output()
            .unwrap()
    });
}

/// The whole `bearing scan --format json` process (markers and hotspots,
/// the walk and the log run side by side).
#[divan::bench(sample_count = 10)]
fn bearing_scan_whole_process(b: Bencher) {
    let (tmp, root) = repo();
    b.bench(|| {
        let out = Command::new(env!("CARGO_BIN_EXE_bearing"))
            .args(["scan", "--format", "json"])
            .current_dir(root)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("HOME", tmp.path())
            .env("BEARING_TODAY", "2026-11-20")
            .env("BEARING_DATA_DIR", tmp.path().join("data"))
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        out.stdout
    });
}
