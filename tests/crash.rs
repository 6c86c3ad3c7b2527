//! Crash consistency with the real binary: SIGKILL `bearing add` at random
//! moments while it rewrites a large plan. After every kill the file must
//! parse and be the old version or the new one (never torn), and the next
//! run must clean any temporary file the killed one left.
//!
//! `BEARING_CRASH_ITERS=5000 cargo test --release --test crash -- --nocapture`
//! for a long run; `BEARING_CRASH_DEBTS` changes the plan size.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use bearing::store;

fn env_or(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

mod common;

fn add(dir: &Path, title: &str) -> Command {
    let mut c = common::cli::command(dir, &["add", "debt", title, "--risk", "3", "--effort", "2"]);
    c.stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    c
}

fn temp_files(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(store::save::TEMP_PREFIX))
        .collect()
}

fn ids(plan: &bearing::model::Plan) -> BTreeSet<String> {
    plan.debts.iter().map(|d| d.id.clone()).collect()
}

/// xorshift: the kill moments are reproducible from the seed.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

#[test]
fn sigkill_during_saves_never_tears_the_plan() {
    let iterations = env_or("BEARING_CRASH_ITERS", 200);
    // About 450 KB of RON: a debug build takes ~0.2 s to rewrite it, which
    // keeps 200 kills within the CI budget.
    let debts = env_or("BEARING_CRASH_DEBTS", 1000);
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let path = dir.join("bearing.ron");
    std::fs::write(
        &path,
        store::render(&bearing::synth::plan(debts, 7)).unwrap(),
    )
    .unwrap();

    // How long one full read-modify-write takes here (median of three), so
    // the kills spread over the whole run and especially its save.
    let mut runs: Vec<Duration> = (0..3)
        .map(|i| {
            let t = Instant::now();
            assert!(
                add(dir, &format!("warm-up {i}"))
                    .status()
                    .unwrap()
                    .success()
            );
            t.elapsed()
        })
        .collect();
    runs.sort();
    let full = runs[1].as_micros() as u64;

    let mut old_bytes = std::fs::read(&path).unwrap();
    let mut old_ids = ids(&store::load(&path).unwrap().plan);
    let mut rng = Rng(0x5eed_cafe_f00d_d00d);
    let (mut killed, mut finished, mut stayed_old, mut became_new, mut torn) = (0, 0, 0, 0, 0);
    let mut temp_left = 0;
    let started = Instant::now();
    for i in 0..iterations {
        // Half the kills at a random moment of the run; half inside the
        // save itself: just after its temporary file appears, while it is
        // written, flushed or renamed.
        let mut child = add(dir, &format!("crash {i}")).spawn().unwrap();
        if i % 2 == 0 {
            std::thread::sleep(Duration::from_micros(rng.below(full * 11 / 10)));
        } else {
            let deadline = Instant::now() + Duration::from_micros(full * 3);
            while temp_files(dir).is_empty()
                && child.try_wait().unwrap().is_none()
                && Instant::now() < deadline
            {
                std::thread::yield_now();
            }
            std::thread::sleep(Duration::from_micros(rng.below(4000)));
        }
        let _ = child.kill();
        let status = child.wait().unwrap();
        if status.success() {
            finished += 1;
            assert!(
                temp_files(dir).is_empty(),
                "a finished run left a temporary file"
            );
        } else {
            killed += 1;
        }
        if !temp_files(dir).is_empty() {
            temp_left += 1;
        }

        let bytes = std::fs::read(&path).unwrap();
        if bytes == old_bytes {
            stayed_old += 1;
            continue;
        }
        match store::load(&path) {
            Ok(loaded) => {
                let new_ids = ids(&loaded.plan);
                let added: Vec<_> = new_ids.difference(&old_ids).collect();
                if new_ids.is_superset(&old_ids) && added.len() == 1 {
                    let d = loaded.plan.debt(added[0]).unwrap();
                    assert_eq!(d.title, format!("crash {i}"));
                    became_new += 1;
                    old_bytes = bytes;
                    old_ids = new_ids;
                } else {
                    torn += 1;
                    eprintln!("iteration {i}: neither old nor new ({} ids)", new_ids.len());
                }
            }
            Err(e) => {
                torn += 1;
                eprintln!("iteration {i}: the file does not load: {e}");
            }
        }
    }
    // The next start cleans what the kills left.
    assert!(add(dir, "after the kills").status().unwrap().success());
    assert_eq!(temp_files(dir), Vec::<String>::new());
    let last = store::load(&path).unwrap().plan;
    assert_eq!(last.debts.len(), old_ids.len() + 1);

    println!(
        "crash test: {iterations} iterations in {:.1?} on {debts} debt items ({} KB, one add ≈ {} ms): \
         {killed} killed, {finished} finished first; file stayed old {stayed_old}, became new {became_new}, \
         torn {torn}; {temp_left} kills left a temporary file, all cleaned by the next run",
        started.elapsed(),
        old_bytes.len() / 1024,
        full / 1000,
    );
    assert_eq!(torn, 0, "torn plan files");
    // The kills must really hit runs in flight, not only finished ones.
    assert!(
        killed > iterations / 2,
        "only {killed} of {iterations} runs were killed"
    );
    assert!(became_new > 0, "no kill landed after a rename");
}
