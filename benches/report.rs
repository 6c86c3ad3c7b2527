//! `bearing export report --format html` for a 10k-item plan (target: under
//! 1 s), and the demo's, with the page sizes printed once. The synthetic
//! plan's sprints get a realistic history first (a closed sprint with its
//! points, an active one with a commitment, items done on the way and one
//! added after the start), so the burn-up and velocity are drawn too.
//! Run: `cargo bench --bench report` (prints timings; nothing is asserted).

use std::sync::OnceLock;

use bearing::export::report_html;
use bearing::model::{Commitment, DebtStatus, Plan, ScopeChange, ScopeKind, SprintState};
use chrono::{Days, NaiveDate};
use divan::Bencher;

fn main() {
    divan::main();
}

const ITEMS: usize = 10_000;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 10, 20).unwrap()
}

/// The 10k plan, with sprint history, built once.
fn big() -> &'static Plan {
    static PLAN: OnceLock<Plan> = OnceLock::new();
    PLAN.get_or_init(|| {
        let mut plan = bearing::synth::plan(ITEMS, 42);
        let open: Vec<String> = plan
            .debts
            .iter()
            .filter(|d| d.status == DebtStatus::Open)
            .take(16)
            .map(|d| d.id.clone())
            .collect();
        for s in &mut plan.sprints {
            match s.state {
                SprintState::Closed => {
                    s.items = open[..6].to_vec();
                    s.commitment = Some(Commitment {
                        date: s.start,
                        items: s.items.clone(),
                        points: 20,
                    });
                    s.completed = open[..5].to_vec();
                    s.completed_points = Some(17);
                    s.closed = Some(s.end);
                }
                SprintState::Active => {
                    s.items = open[6..14].to_vec();
                    s.commitment = Some(Commitment {
                        date: s.start,
                        items: open[6..13].to_vec(),
                        points: 18,
                    });
                    s.scope.push(ScopeChange {
                        date: s.start + Days::new(2),
                        item: open[13].clone(),
                        change: ScopeKind::Added,
                        points: 3,
                    });
                }
                _ => {}
            }
        }
        let start = plan
            .sprints
            .iter()
            .find(|s| s.state == SprintState::Active)
            .map(|s| s.start)
            .unwrap();
        for (n, id) in open[6..10].iter().enumerate() {
            let i = plan.debts.iter().position(|d| &d.id == id).unwrap();
            let day = start + Days::new(1 + n as u64);
            plan.debts[i].set_status(DebtStatus::Done, day);
        }
        let today = start + Days::new(6);
        let page = report_html(&plan, today);
        let demo = bearing::store::format::from_text(bearing::store::embedded::DEMO).unwrap();
        let demo_page = report_html(&demo, bearing::store::embedded::demo_today());
        println!(
            "report page: demo {} bytes, {ITEMS}-item plan {} bytes",
            demo_page.len(),
            page.len()
        );
        plan
    })
}

#[divan::bench(sample_count = 10)]
fn report_10k(b: Bencher) {
    let plan = big();
    let day = plan
        .sprints
        .iter()
        .find(|s| s.state == SprintState::Active)
        .map_or(today(), |s| s.start + Days::new(6));
    b.bench(|| report_html(divan::black_box(plan), day));
}

#[divan::bench(sample_count = 10)]
fn report_demo(b: Bencher) {
    let demo = bearing::store::format::from_text(bearing::store::embedded::DEMO).unwrap();
    b.bench(|| {
        report_html(
            divan::black_box(&demo),
            bearing::store::embedded::demo_today(),
        )
    });
}
