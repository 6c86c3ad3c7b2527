//! save → load → save is byte-identical and load(save(plan)) == plan, over
//! generated plans with hostile text in every text field.

use bearing::model::{
    Checkin, Commitment, Debt, DebtStatus, Decision, HealthThresholds, Hypothesis,
    HypothesisStatus, Imported, KeyResult, Objective, Plan, Policy, ScopeChange, ScopeKind,
    Severity, Sprint, SprintState, StatusChange, Weights,
};
use bearing::store;
use chrono::NaiveDate;
use proptest::collection::vec;
use proptest::prelude::*;
use std::path::Path;

/// Any text: arbitrary Unicode, or a mix dense in what is hard to escape
/// (quotes, backslashes, C0/C1 controls, bidi overrides, RON syntax).
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[\"\\\\\\x00-\\x1f\\x7f\\u{80}-\\u{9f}\\u{202a}-\\u{202e}\\u{2066}-\\u{2069}()\\[\\]{}:,#/*r'a-zé日🚀 ]{0,24}",
        Just(String::new()),
    ]
}

fn texts() -> impl Strategy<Value = Vec<String>> {
    vec(text(), 0..3)
}

fn day() -> impl Strategy<Value = NaiveDate> {
    (0u64..20_000).prop_map(|n| NaiveDate::from_ymd_opt(1990, 1, 1).unwrap() + chrono::Days::new(n))
}

fn num() -> impl Strategy<Value = f64> {
    prop_oneof![
        any::<f64>().prop_filter("finite", |x| x.is_finite()),
        (-1000i32..1000).prop_map(|n| f64::from(n) / 8.0),
    ]
}

fn severity() -> impl Strategy<Value = Severity> {
    prop_oneof![
        Just(Severity::Off),
        Just(Severity::Warn),
        Just(Severity::Error)
    ]
}

fn id(prefix: &str, i: usize) -> String {
    format!("{prefix}{i:05}")
}

prop_compose! {
    fn policy()(s in vec(severity(), 14)) -> Policy {
        Policy {
            dangling_reference: s[0],
            duplicate_id: s[1],
            debt_without_owner: s[2],
            debt_without_impact: s[3],
            sprint_over_capacity: s[4],
            stale_experiment: s[5],
            decided_without_evidence: s[6],
            kr_without_target: s[7],
            kr_past_due: s[8],
            sprint_overdue: s[9],
            sprint_window_passed: s[10],
            sprint_overlap: s[11],
            debt_untriaged: s[12],
            debt_overdue: s[13],
        }
    }
}

prop_compose! {
    fn objective()(title in text(), description in text()) -> Objective {
        Objective { id: String::new(), title, description }
    }
}

prop_compose! {
    fn key_result()(
        objective in text(), title in text(), unit in text(), owner in text(),
        baseline in num(), target in proptest::option::of(num()), current in num(),
        start in day(), due in proptest::option::of(day()),
        checkins in vec((day(), num()).prop_map(|(date, value)| Checkin { date, value }), 0..3),
    ) -> KeyResult {
        KeyResult {
            id: String::new(), objective, title, unit, baseline, target, current,
            start, due, owner, checkins,
        }
    }
}

fn h_status() -> impl Strategy<Value = HypothesisStatus> {
    prop_oneof![
        Just(HypothesisStatus::Proposed),
        Just(HypothesisStatus::Running),
        Just(HypothesisStatus::Validated),
        Just(HypothesisStatus::Abandoned),
    ]
}

prop_compose! {
    fn hypothesis()(
        strings in vec(text(), 5), key_results in texts(),
        ice in vec(1u8..=10, 3), status in h_status(), created in day(),
        dates in vec(proptest::option::of(day()), 3),
        history in vec((h_status(), day(), text(), day()), 0..2),
    ) -> Hypothesis {
        let mut s = strings.into_iter();
        let mut next = || s.next().unwrap_or_default();
        Hypothesis {
            id: String::new(),
            title: next(), belief: next(), signal: next(), owner: next(), evidence: next(),
            key_results,
            impact: ice[0], confidence: ice[1], ease: ice[2],
            status, created,
            started: dates[0], review_by: dates[1], decided: dates[2],
            history: history.into_iter().map(|(status, date, evidence, reopened)| {
                Decision { status, date, evidence, reopened }
            }).collect(),
        }
    }
}

fn d_status() -> impl Strategy<Value = DebtStatus> {
    proptest::sample::select(DebtStatus::ALL.to_vec())
}

prop_compose! {
    fn debt()(
        strings in vec(text(), 4), tags in texts(), key_results in texts(),
        ratings in vec(0u8..=5, 4), effort in proptest::option::of(1u32..=1000), status in d_status(),
        created in day(),
        changes in vec((day(), d_status()).prop_map(|(date, status)| StatusChange { date, status }), 0..3),
        source in proptest::option::of(text()),
        due in proptest::option::of(day()),
        imported in proptest::option::of(imported()),
    ) -> Debt {
        let mut s = strings.into_iter();
        let mut next = || s.next().unwrap_or_default();
        Debt {
            id: String::new(),
            title: next(), description: next(), area: next(), owner: next(),
            tags,
            customer: ratings[0], delivery: ratings[1], risk: ratings[2], urgency: ratings[3],
            effort, due, key_results, status, created, changes, source, imported,
        }
    }
}

prop_compose! {
    fn imported()(
        strings in vec(text(), 4), tags in texts(),
        ratings in vec(0u8..=5, 4), effort in proptest::option::of(1u32..=1000),
        status in d_status(), date in day(), due in proptest::option::of(day()),
    ) -> Imported {
        let mut s = strings.into_iter();
        let mut next = || s.next().unwrap_or_default();
        Imported {
            date, title: next(), description: next(), area: next(), owner: next(),
            tags,
            customer: ratings[0], delivery: ratings[1], risk: ratings[2], urgency: ratings[3],
            effort, due, status,
        }
    }
}

fn s_state() -> impl Strategy<Value = SprintState> {
    prop_oneof![
        Just(SprintState::Planned),
        Just(SprintState::Active),
        Just(SprintState::Closed),
        Just(SprintState::Cancelled),
    ]
}

prop_compose! {
    fn sprint()(
        name in text(), goal in text(), start in day(), end in day(),
        capacity in 1u32..500, items in texts(), state in s_state(),
        commitment in proptest::option::of((day(), texts(), 0u32..500)),
        completed in texts(), completed_points in proptest::option::of(0u32..500),
        closed in proptest::option::of(day()),
        carried in texts(), carried_to in proptest::option::of(text()),
        scope in vec((day(), text(), any::<bool>(), 0u32..500), 0..3),
    ) -> Sprint {
        Sprint {
            id: String::new(), name, start, end, capacity, goal, items, state,
            commitment: commitment.map(|(date, items, points)| Commitment { date, items, points }),
            completed, completed_points, closed, carried, carried_to,
            scope: scope
                .into_iter()
                .map(|(date, item, added, points)| ScopeChange {
                    date,
                    item,
                    change: if added { ScopeKind::Added } else { ScopeKind::Removed },
                    points,
                })
                .collect(),
        }
    }
}

/// Mends the values a generated plan may break so that it keeps every value
/// rule (a non-empty title under 200 characters, weights of 0 or more, a
/// due date after the start), keeping the hostile text.
fn mend(plan: &mut Plan) {
    fn title(s: &mut String) {
        if s.trim().is_empty() {
            s.insert(0, 't');
        }
        if s.trim().chars().count() > 200 {
            *s = s.chars().take(150).collect();
            s.insert(0, 't');
        }
    }
    let w = &mut plan.weights;
    for x in [
        &mut w.customer,
        &mut w.delivery,
        &mut w.risk,
        &mut w.urgency,
        &mut w.kr_at_risk,
        &mut w.kr_off_track,
        &mut plan.health.at_risk,
        &mut plan.health.off_track,
    ] {
        *x = x.abs();
    }
    let after = |d: NaiveDate| d + chrono::Days::new(1);
    plan.objectives.iter_mut().for_each(|x| title(&mut x.title));
    for kr in &mut plan.key_results {
        title(&mut kr.title);
        kr.due = kr.due.map(|d| d.max(after(kr.start)));
    }
    plan.hypotheses.iter_mut().for_each(|x| title(&mut x.title));
    plan.debts.iter_mut().for_each(|x| title(&mut x.title));
    for s in &mut plan.sprints {
        title(&mut s.name);
        s.end = s.end.max(after(s.start));
    }
}

prop_compose! {
    fn plan()(
        valid in proptest::bool::weighted(0.8),
        north_star in text(), w in vec(num(), 8), policy in policy(),
        debt_labels in proptest::option::weighted(0.3, vec(text(), 0..3)),
        objectives in vec(objective(), 0..3), key_results in vec(key_result(), 0..3),
        hypotheses in vec(hypothesis(), 0..3), debts in vec(debt(), 0..4),
        sprints in vec(sprint(), 0..3),
    ) -> Plan {
        let mut plan = Plan {
            north_star,
            weights: Weights {
                customer: w[0], delivery: w[1], risk: w[2], urgency: w[3],
                kr_at_risk: w[4], kr_off_track: w[5],
            },
            health: HealthThresholds { at_risk: w[6], off_track: w[7] },
            policy,
            ..Plan::default()
        };
        // The import rules' section appears in the file only when changed.
        if let Some(labels) = debt_labels {
            plan.import.debt_labels = labels;
        }
        // Ids unique across kinds, in their kind's shape.
        let mut n = 0;
        let mut next = |p: &str| { n += 1; id(p, n) };
        plan.objectives = objectives.into_iter().map(|mut x| { x.id = next("O-"); x }).collect();
        plan.key_results = key_results.into_iter().map(|mut x| { x.id = next("KR-"); x }).collect();
        plan.hypotheses = hypotheses.into_iter().map(|mut x| { x.id = next("H-"); x }).collect();
        plan.debts = debts.into_iter().map(|mut x| { x.id = next("D-"); x }).collect();
        plan.sprints = sprints.into_iter().map(|mut x| { x.id = next("S-"); x }).collect();
        plan.normalize();
        if valid {
            mend(&mut plan);
        }
        plan
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn save_load_save_is_identical(plan in plan()) {
        let path = Path::new("gen.ron");
        let first = store::render(&plan).unwrap();
        if let Some(v) = bearing::model::validate::plan(&plan) {
            // A value the CLI would refuse does not load either, and the
            // error points into the file at the field.
            let err = store::load::parse(path, &first).expect_err("an invalid plan loaded");
            let (line, msg) = match &err {
                store::StoreError::Invalid { line, message, .. } => (*line, message.clone()),
                other => return Err(TestCaseError::fail(format!("{other}"))),
            };
            prop_assert!((1..=first.lines().count()).contains(&line), "{}", err);
            prop_assert!(msg.starts_with(v.error.field), "{} vs {}", msg, v);
            let at = first.lines().nth(line - 1).unwrap_or_default();
            prop_assert!(
                at.contains(v.inner.map_or(v.error.field, |i| i.0)) || at.contains("id:"),
                "{} points at {:?}", err, at
            );
            return Ok(());
        }
        let loaded = store::load::parse(path, &first)
            .map_err(|e| TestCaseError::fail(format!("{e}\n{first}")))?;
        prop_assert_eq!(&loaded, &plan);
        let second = store::render(&loaded).unwrap();
        prop_assert_eq!(second, first);
    }
}
