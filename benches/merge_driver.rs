//! `bearing merge-driver` as git runs it (a whole process: read three
//! files, merge, write) on a 10k-item plan with 100 changes a side, beside
//! `git merge-file` on the same three files. Prints both times and the
//! ratio; no assertions on time.
//! Run: `cargo bench --bench merge_driver`.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use bearing::model::Plan;

const ITEMS: usize = 10_000;
const CHANGES: usize = 100;
const RUNS: usize = 7;

fn text(p: &Plan) -> String {
    bearing::store::format::to_text(p).unwrap()
}

/// Ours: ratings and statuses; theirs: owners, urgencies of the same items
/// (adjacent lines) and new items; `clashes` of them on the same field.
fn sides(base: &Plan, clashes: usize) -> (Plan, Plan) {
    let (mut o, mut t) = (base.clone(), base.clone());
    let n = base.debts.len();
    for i in 0..CHANGES {
        let k = (i * 97) % n;
        o.debts[k].risk = o.debts[k].risk % 5 + 1;
        if i < clashes {
            t.debts[k].risk = (t.debts[k].risk + 1) % 5 + 1;
        } else if i % 4 == 0 {
            let mut d = bearing::model::Debt::new(
                format!("D-ZZ{i:03}"),
                "new".into(),
                base.debts[0].created,
            );
            d.owner = "zed".into();
            t.debts.push(d);
        } else if i % 2 == 0 {
            t.debts[k].urgency = t.debts[k].urgency % 5 + 1;
        } else {
            t.debts[(k + 1) % n].owner = "someone else".into();
        }
    }
    t.normalize();
    (o, t)
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// The median of RUNS runs of `cmd` on fresh copies of the files.
fn time(dir: &Path, ours: &str, mut cmd: impl FnMut() -> Command) -> (Duration, Option<i32>) {
    let mut times = Vec::new();
    let mut code = None;
    for _ in 0..RUNS {
        std::fs::write(dir.join("a"), ours).unwrap();
        let start = Instant::now();
        let out = cmd().current_dir(dir).output().unwrap();
        times.push(start.elapsed());
        code = out.status.code();
    }
    (median(times), code)
}

fn main() {
    let base = bearing::synth::plan(ITEMS, 42);
    let dir = tempfile::tempdir().unwrap();
    let base_text = text(&base);
    println!(
        "merge-driver vs git merge-file: {ITEMS} debt items ({} KB, {} lines), {CHANGES} changes a side, median of {RUNS}",
        base_text.len() / 1024,
        base_text.lines().count()
    );
    for clashes in [0, 10] {
        let (o, t) = sides(&base, clashes);
        let ours = text(&o);
        std::fs::write(dir.path().join("o"), &base_text).unwrap();
        std::fs::write(dir.path().join("b"), text(&t)).unwrap();
        let (driver, dcode) = time(dir.path(), &ours, || {
            let mut c = Command::new(env!("CARGO_BIN_EXE_bearing"));
            c.args(["merge-driver", "o", "a", "b", "7", "bearing.ron"]);
            c
        });
        let (git, gcode) = time(dir.path(), &ours, || {
            let mut c = Command::new("git");
            c.args(["merge-file", "a", "o", "b"]);
            c
        });
        println!(
            "  {clashes:>2} clashes: bearing merge-driver {:>7.1} ms (exit {}), git merge-file {:>7.1} ms (exit {}), ratio {:.2}x",
            driver.as_secs_f64() * 1e3,
            dcode.unwrap_or(-1),
            git.as_secs_f64() * 1e3,
            gcode.unwrap_or(-1),
            driver.as_secs_f64() / git.as_secs_f64()
        );
    }
}
