//! `bearing forecast`'s Monte Carlo: 10,000 trials on 20 closed sprints of
//! history, on a 1k- and a 10k-item plan (whose whole backlog is past what
//! 100 sprints can do: said without trials) and on a backlog of about 90
//! sprints' work (every trial draws ~90 sprints: the slowest case).
//! `forecast_ranked` is what the UI runs (the ranking comes from its
//! cache); `forecast` ranks the backlog too, as the command does.
//! Run: `cargo bench --bench forecast` (prints timings; nothing is
//! asserted; the target is 20 ms).

use std::sync::OnceLock;

use bearing::model::{Commitment, Plan, Sprint, SprintState};
use bearing::planning::{self, forecast};
use chrono::{Days, NaiveDate};
use divan::Bencher;

/// Debt items; 0 stands for the 90-sprint backlog.
const SIZES: [usize; 3] = [0, 1_000, 10_000];

fn main() {
    divan::main();
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()
}

/// A synthetic plan with 20 closed two-week sprints (8 to 27 points) and
/// an active one ending in a week.
fn build(n: usize) -> Plan {
    let mut plan = bearing::synth::plan(if n == 0 { 1_000 } else { n }, 42);
    plan.sprints.clear();
    if n == 0 {
        // Keep open estimated items up to ~1,600 points: about 90 sprints
        // at the history's mean of 17.5.
        let mut sum = 0;
        plan.debts.retain(|d| {
            let keep = d.status.is_open() && sum < 1_600;
            if keep {
                sum += d.effort.unwrap_or(0);
            }
            keep
        });
    }
    let first = today() - Days::new(14 * 21);
    for i in 0..20u64 {
        let start = first + Days::new(14 * i);
        let mut s = Sprint::new(
            format!("S-H{i:03}"),
            format!("past {i}"),
            start,
            start + Days::new(13),
            20,
        );
        s.state = SprintState::Closed;
        s.commitment = Some(Commitment {
            date: start,
            items: vec!["D-X".into()],
            points: 20,
        });
        s.completed_points = Some(8 + (i as u32 * 7) % 20);
        plan.sprints.push(s);
    }
    let start = today() - Days::new(7);
    let mut now = Sprint::new(
        "S-NOW".into(),
        "now".into(),
        start,
        start + Days::new(13),
        20,
    );
    now.state = SprintState::Active;
    now.items = plan.debts.iter().take(6).map(|d| d.id.clone()).collect();
    plan.sprints.push(now);
    plan
}

fn fixture(n: usize) -> &'static (Plan, Vec<usize>) {
    static CACHE: OnceLock<Vec<(Plan, Vec<usize>)>> = OnceLock::new();
    let all = CACHE.get_or_init(|| {
        SIZES
            .iter()
            .map(|&n| {
                let p = build(n);
                let ranked = planning::candidates(&p, today())
                    .iter()
                    .map(|r| r.index)
                    .collect();
                (p, ranked)
            })
            .collect()
    });
    &all[SIZES.iter().position(|&s| s == n).unwrap()]
}

/// The UI's case: the backlog already ranked.
#[divan::bench(args = SIZES, sample_count = 20)]
fn forecast_10k_trials(b: Bencher, n: usize) {
    let (plan, ranked) = fixture(n);
    let f = forecast::forecast_ranked(plan, None, today(), forecast::Options::default(), ranked)
        .unwrap();
    assert_eq!(f.samples, 20);
    b.bench(|| {
        forecast::forecast_ranked(
            divan::black_box(plan),
            None,
            today(),
            forecast::Options::default(),
            ranked,
        )
    });
}

/// `bearing forecast`'s case: ranking the backlog included.
#[divan::bench(args = SIZES, sample_count = 20)]
fn forecast_with_ranking(b: Bencher, n: usize) {
    let (plan, _) = fixture(n);
    b.bench(|| {
        forecast::forecast(
            divan::black_box(plan),
            None,
            today(),
            forecast::Options::default(),
        )
    });
}
