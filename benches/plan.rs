//! Load, save and rank at 1k / 10k / 100k debt items (`*_ron`: the general
//! RON parser and printer the fast paths are checked against).
//! Run: `cargo bench --bench plan` (prints a table of timings).

use std::sync::OnceLock;

use bearing::model::Plan;
use bearing::store::{self, format};
use chrono::NaiveDate;
use divan::Bencher;

const SIZES: [usize; 3] = [1_000, 10_000, 100_000];

fn main() {
    divan::main();
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()
}

/// Plans and their text, built once per size.
fn fixture(n: usize) -> &'static (Plan, String) {
    static CACHE: OnceLock<Vec<(Plan, String)>> = OnceLock::new();
    let all = CACHE.get_or_init(|| {
        SIZES
            .iter()
            .map(|&n| {
                let p = bearing::synth::plan(n, 42);
                let t = format::to_text(&p).unwrap();
                (p, t)
            })
            .collect()
    });
    &all[SIZES.iter().position(|&s| s == n).unwrap()]
}

#[divan::bench(args = SIZES, sample_count = 5)]
fn load_parse(b: Bencher, n: usize) {
    let (_, text) = fixture(n);
    b.bench(|| format::from_text(divan::black_box(text)).unwrap());
}

/// The whole load as the app does it: read, fingerprint, decode, parse.
#[divan::bench(args = SIZES, sample_count = 5)]
fn load_file(b: Bencher, n: usize) {
    let (_, text) = fixture(n);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bearing.ron");
    std::fs::write(&path, text).unwrap();
    b.bench(|| store::load(divan::black_box(&path)).unwrap());
}

/// The general RON parser the fast reader falls back to, for comparison.
#[divan::bench(args = SIZES, sample_count = 5)]
fn load_parse_ron(b: Bencher, n: usize) {
    let (_, text) = fixture(n);
    b.bench(|| format::from_text_ron(divan::black_box(text)).unwrap());
}

/// RON's pretty printer, the reference the fast writer matches byte for byte.
#[divan::bench(args = SIZES, sample_count = 5)]
fn save_serialize_ron(b: Bencher, n: usize) {
    let (plan, _) = fixture(n);
    b.bench(|| format::to_text_ron(divan::black_box(plan)).unwrap());
}

#[divan::bench(args = SIZES, sample_count = 5)]
fn save_serialize(b: Bencher, n: usize) {
    let (plan, _) = fixture(n);
    b.bench(|| format::to_text(divan::black_box(plan)).unwrap());
}

#[divan::bench(args = SIZES, sample_count = 5)]
fn save_atomic_write(b: Bencher, n: usize) {
    let (_, text) = fixture(n);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bearing.ron");
    b.bench(|| store::save::write_atomic(&mut store::RealFs, &path, text.as_bytes()).unwrap());
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn rank_open_debt(b: Bencher, n: usize) {
    let (plan, _) = fixture(n);
    b.bench(|| bearing::score::rank_open(divan::black_box(plan), today()));
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn auto_plan_sprint(b: Bencher, n: usize) {
    let (plan, _) = fixture(n);
    let sprint = plan
        .sprints
        .iter()
        .find(|s| s.state.is_open())
        .unwrap()
        .id
        .clone();
    b.bench(|| bearing::planning::auto_plan(plan, &sprint, today()).unwrap());
}
