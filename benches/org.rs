//! The organisation's view at scale: a workspace of 200 teams with 1,000
//! debt items each, `bearing org rank --limit 20` from the fetch cache
//! (the real binary: wall time and peak memory against the plans' total
//! size), the same roll-up in process, and `bearing org fetch` of 50 local
//! git repositories (a first fetch into an empty cache, then one with
//! nothing new), and the org UI's first screen at 200×50 on the same 200
//! teams (in process: workspace, cache, the UI's tables, the first frame;
//! then what a key costs; and the whole `bearing org` process in tmux until
//! the table shows). The generated plans and repositories are kept under
//! `target/bench-org/` so later runs skip making them.
//! Run: `cargo bench --bench org` (prints the figures, then divan's
//! timings; nothing is asserted); `cargo bench --bench org -- first_screen`
//! (or `rank`, `status`, `fetch`) prints only that figure.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use bearing::org::{self, Team, TeamSource};
use bearing::store::org::{Fetched, TeamCache, read_team};
use chrono::NaiveDate;
use divan::Bencher;

#[path = "org_support/first_screen.rs"]
mod first_screen;

const TEAMS: usize = 200;
const ITEMS: usize = 1_000;
const REPOS: usize = 50;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-org")
}

fn bin() -> PathBuf {
    let release = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/bearing");
    if release.is_file() {
        release
    } else {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("target/debug/bearing")
    }
}

fn git(home: &Path, dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", home)
        .output()
        .unwrap();
    assert!(out.status.success(), "git {args:?}: {out:?}");
}

/// Team `i`'s plan text (made once, then read from disk).
fn plan_text(i: usize) -> String {
    let file = root().join(format!("plans/t{i:03}.ron"));
    if let Ok(t) = std::fs::read_to_string(&file) {
        return t;
    }
    let text = bearing::store::format::to_text(&bearing::synth::plan(ITEMS, i as u64 + 1)).unwrap();
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(&file, &text).unwrap();
    text
}

/// A workspace of 200 git teams, each already in the cache as `org fetch`
/// leaves it. Returns (workspace file, cache root, plans' total bytes).
fn cached_workspace() -> (PathBuf, PathBuf, u64) {
    let dir = root().join("ws200");
    let file = dir.join("bearing-org.ron");
    let mut ws = String::from("(teams: [\n");
    for i in 0..TEAMS {
        ws.push_str(&format!(
            "  (id: \"t{i:03}\", git: \"file:///nowhere/t{i:03}\", rev: \"main\"),\n"
        ));
    }
    ws.push_str("])\n");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(&file, ws).unwrap();
    let cache_root = dir.join("cache");
    let cache = bearing::store::org::cache_dir(&cache_root, &file);
    let mut total = 0;
    for i in 0..TEAMS {
        let tc = TeamCache::new(&cache, &format!("t{i:03}"));
        if tc.meta().is_none() {
            let text = plan_text(i);
            let meta = Fetched {
                url: format!("file:///nowhere/t{i:03}"),
                rev: "main".into(),
                path: "bearing.ron".into(),
                commit: format!("{:040x}", i + 1),
                at: "2026-11-20T00:00:00Z".into(),
                millis: 0,
            };
            tc.store(&text, &meta).unwrap();
        }
        total += std::fs::metadata(tc.plan()).unwrap().len();
    }
    (file, cache_root, total)
}

/// 50 git repositories with a 1,000-item plan each, and a workspace
/// naming them by file:// URL.
fn repos_workspace() -> PathBuf {
    let base = root().join("repos");
    let home = root().join("home");
    std::fs::create_dir_all(&home).unwrap();
    let mut ws = String::from("(teams: [\n");
    for i in 0..REPOS {
        let dir = base.join(format!("r{i:02}"));
        if !dir.join(".git").is_dir() {
            std::fs::create_dir_all(dir.join("plan")).unwrap();
            git(&home, &dir, &["init", "-q", "-b", "main"]);
            git(&home, &dir, &["config", "user.name", "Bench"]);
            git(&home, &dir, &["config", "user.email", "bench@example.com"]);
            std::fs::write(dir.join("plan/bearing.ron"), plan_text(i)).unwrap();
            std::fs::write(dir.join("README.md"), "a team's repository\n").unwrap();
            git(&home, &dir, &["add", "-A"]);
            git(&home, &dir, &["commit", "-q", "-m", "plan"]);
        }
        ws.push_str(&format!(
            "  (id: \"r{i:02}\", git: \"file://{}\", rev: \"main\", path: \"plan/bearing.ron\"),\n",
            dir.display()
        ));
    }
    ws.push_str("])\n");
    let file = root().join("ws50/bearing-org.ron");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(&file, ws).unwrap();
    file
}

/// Runs the binary under `/usr/bin/time` when there is one: (seconds,
/// peak RSS in KiB).
fn timed(args: &[&str], cache: &Path, home: &Path) -> (f64, Option<u64>) {
    let gnu_time = Path::new("/usr/bin/time").is_file();
    let mut cmd = if gnu_time {
        let mut c = Command::new("/usr/bin/time");
        c.arg("-f").arg("RSS_KB=%M").arg(bin());
        c
    } else {
        Command::new(bin())
    };
    cmd.args(args)
        .env("BEARING_CACHE_DIR", cache)
        .env("BEARING_TODAY", "2026-11-20")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", home);
    let start = Instant::now();
    let out = cmd.output().unwrap();
    let secs = start.elapsed().as_secs_f64();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{args:?}: {stderr}");
    let rss = stderr
        .lines()
        .find_map(|l| l.strip_prefix("RSS_KB="))
        .and_then(|v| v.trim().parse().ok());
    (secs, rss)
}

fn main() {
    // A filter (`cargo bench --bench org -- first_screen`) picks the figures
    // printed here as it picks divan's benches.
    let filter: Option<String> = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let wanted = |name: &str| filter.as_deref().is_none_or(|f| name.contains(f));
    let home = root().join("home");
    std::fs::create_dir_all(&home).unwrap();
    let (ws, cache, total) = cached_workspace();
    let ws_s = ws.to_str().unwrap();
    if wanted("rank") {
        rank_figure(ws_s, &cache, &home, total);
    }
    if wanted("status") {
        let (secs, _) = timed(&["org", "--org", ws_s, "status"], &cache, &home);
        println!("org status, same workspace: {secs:.2} s");
    }
    if wanted("fetch") {
        fetch_figure(&home);
    }
    if wanted("first_screen") {
        first_screen::in_process(&ws, &cache);
        first_screen::in_tmux(&ws, &cache, &home);
    }
    divan::main();
}

fn rank_figure(ws_s: &str, cache: &Path, home: &Path, total: u64) {
    let (secs, rss) = timed(
        &["org", "--org", ws_s, "rank", "--limit", "20"],
        cache,
        home,
    );
    println!(
        "org rank --limit 20, {TEAMS} teams x {ITEMS} items from the cache: {secs:.2} s, peak RSS {} MiB, plans {} MiB ({})",
        rss.map_or("?".into(), |k| (k / 1024).to_string()),
        total / (1 << 20),
        rss.map_or("?".into(), |k| format!(
            "{:.1}x",
            (k * 1024) as f64 / total as f64
        )),
    );
}

fn fetch_figure(home: &Path) {
    let ws50 = repos_workspace();
    let fresh = root().join("ws50/cache");
    let _ = std::fs::remove_dir_all(&fresh);
    let ws50_s = ws50.to_str().unwrap();
    let (first, _) = timed(&["org", "--org", ws50_s, "fetch"], &fresh, home);
    let (again, _) = timed(&["org", "--org", ws50_s, "fetch"], &fresh, home);
    println!(
        "org fetch of {REPOS} local repositories: {first:.2} s into an empty cache, {again:.2} s with nothing new"
    );
}

fn teams() -> Vec<Team> {
    (0..TEAMS)
        .map(|i| Team {
            id: format!("t{i:03}"),
            name: format!("t{i:03}"),
            source: TeamSource::Git {
                url: format!("file:///nowhere/t{i:03}"),
                rev: "main".into(),
                path: "bearing.ron".into(),
            },
            optional: false,
            line: i + 1,
        })
        .collect()
}

/// Reading 200 cached plans (one thread) and ranking them, in process.
#[divan::bench(sample_count = 3)]
fn read_and_rank_200_teams(b: Bencher) {
    let (ws, cache_root, _) = cached_workspace();
    let cache = bearing::store::org::cache_dir(&cache_root, &ws);
    let teams = teams();
    b.bench(|| {
        let plans: Vec<_> = teams
            .iter()
            .map(|t| read_team(Path::new("."), &cache, t, false))
            .collect();
        org::rank(&plans, today(), Some(20)).len()
    });
}
