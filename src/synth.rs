//! Synthetic plans of any size with realistic text, for benchmarks and
//! stress tests. Deterministic: the same size and seed give the same plan.

use chrono::{Days, NaiveDate};

use crate::model::{
    Debt, DebtStatus, Hypothesis, HypothesisStatus, KeyResult, Objective, Plan, Sprint, SprintState,
};

const AREAS: [&str; 8] = [
    "billing",
    "api",
    "web",
    "infra",
    "ci",
    "data",
    "auth",
    "observability",
];
const OWNERS: [&str; 8] = [
    "ana", "bo", "chen", "dara", "eli", "fatima", "goran", "hana",
];
const VERBS: [&str; 8] = [
    "Replace", "Remove", "Split", "Upgrade", "Migrate", "Harden", "Document", "Automate",
];
const THINGS: [&str; 12] = [
    "legacy invoice cron",
    "hand-rolled retry loop",
    "shared staging database",
    "flaky checkout e2e suite",
    "unversioned webhook payloads",
    "monolithic deploy script",
    "copy-pasted auth middleware",
    "manual TLS rotation",
    "N+1 queries in the usage report",
    "stale feature flags",
    "unowned alert rules",
    "YAML templating in Helm charts",
];
const EFFORTS: [u32; 6] = [1, 2, 3, 5, 8, 13];

/// A small deterministic generator (xorshift), so no extra crate is needed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[(self.next() % xs.len() as u64) as usize]
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// Ids in the canonical shape, distinct per index.
fn id(prefix: &str, i: usize) -> String {
    const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let mut n = i;
    let mut s = [b'0'; 5];
    for c in s.iter_mut().rev() {
        *c = ALPHABET[n % 32];
        n /= 32;
    }
    format!("{prefix}{}", String::from_utf8_lossy(&s))
}

/// A plan with `debts` debt items plus proportionate objectives, key
/// results, hypotheses and sprints.
pub fn plan(debts: usize, seed: u64) -> Plan {
    let mut rng = Rng(seed.max(1));
    let day0 = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap_or_default();
    let day = |n: u64| day0.checked_add_days(Days::new(n)).unwrap_or(day0);
    let mut plan = Plan {
        north_star: "Every team ships a change the day it is ready, and customers never notice a deploy.\n\nWe measure it by lead time, deploy frequency and retention.".into(),
        ..Plan::default()
    };
    for (i, t) in [
        "Customer retention",
        "Time to market",
        "Platform reliability",
    ]
    .iter()
    .enumerate()
    {
        plan.objectives.push(Objective {
            id: id("O-", i),
            title: (*t).into(),
            description: String::new(),
        });
    }
    let n_krs = 9 + debts / 2000;
    for i in 0..n_krs {
        let baseline = 10.0 + rng.below(90) as f64;
        let mut kr = KeyResult {
            id: id("KR-", i),
            objective: id("O-", i % 3),
            title: format!("{} metric {i}", AREAS[i % AREAS.len()]),
            unit: "%".into(),
            baseline,
            target: Some(baseline * 1.5),
            current: baseline,
            start: day(0),
            due: Some(day(360)),
            owner: (*rng.pick(&OWNERS)).into(),
            checkins: Vec::new(),
        };
        for w in 0..6 {
            let v = baseline + rng.below(40) as f64;
            kr.check_in(day(w * 30), v);
        }
        plan.key_results.push(kr);
    }
    for i in 0..(debts / 50).max(8) {
        let mut h = Hypothesis::new(
            id("H-", i),
            format!("Experiment {i}: {}", rng.pick(&THINGS)),
            day(i as u64 % 200),
        );
        h.belief = "We believe this change will cut the time teams lose to it".into();
        h.signal = "We will know when lead time falls by a fifth".into();
        h.impact = 1 + rng.below(10) as u8;
        h.confidence = 1 + rng.below(10) as u8;
        h.ease = 1 + rng.below(10) as u8;
        h.key_results = vec![id("KR-", i % n_krs)];
        h.status = HypothesisStatus::ALL[i % 4];
        if h.status != HypothesisStatus::Proposed {
            h.started = Some(day(100));
            h.review_by = Some(day(114));
        }
        if h.status.is_decided() {
            h.decided = Some(day(120));
            h.evidence = "Measured over two sprints: lead time fell 18%".into();
        }
        plan.hypotheses.push(h);
    }
    for i in 0..debts {
        let mut d = Debt::new(
            id("D-", i),
            format!(
                "{} {} in {}",
                rng.pick(&VERBS),
                rng.pick(&THINGS),
                rng.pick(&AREAS)
            ),
            day(rng.below(300)),
        );
        d.description = "Slows every release; on-call pages about it twice a month.".into();
        d.area = (*rng.pick(&AREAS)).into();
        d.owner = (*rng.pick(&OWNERS)).into();
        d.tags = vec![(*rng.pick(&["security", "perf", "dx", "cost"])).into()];
        d.customer = rng.below(6) as u8;
        d.delivery = rng.below(6) as u8;
        d.risk = rng.below(6) as u8;
        d.urgency = rng.below(6) as u8;
        d.effort = Some(*rng.pick(&EFFORTS));
        d.key_results = vec![id("KR-", rng.below(n_krs as u64) as usize)];
        if rng.below(10) == 0 {
            d.status = DebtStatus::Done;
        }
        plan.debts.push(d);
    }
    for i in 0..3 {
        let mut s = Sprint::new(
            id("S-", i),
            format!("Debt sprint {i}"),
            day(280 + 14 * i as u64),
            day(291 + 14 * i as u64),
            20,
        );
        s.state = [
            SprintState::Closed,
            SprintState::Active,
            SprintState::Planned,
        ][i];
        plan.sprints.push(s);
    }
    plan.normalize();
    plan
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synthetic_plans_are_valid_and_deterministic() {
        let a = plan(500, 7);
        assert_eq!(a, plan(500, 7));
        assert_eq!(a.debts.len(), 500);
        for d in &a.debts {
            assert!(crate::model::validate::debt(d, &a).is_empty(), "{d:?}");
        }
        let text = crate::store::format::to_text(&a).unwrap();
        assert_eq!(crate::store::format::from_text(&text).unwrap(), a);
    }
}
