//! Unit tests, compiled only under `#[cfg(test)] mod tests;` in the parent:
//! unwrap() here is on fixtures the test builds, never on user input.

use super::*;
use crate::model::Objective;

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn plan() -> Plan {
    let mut plan = Plan::default();
    plan.objectives.push(Objective {
        id: "O-00001".into(),
        title: "Reliability".into(),
        description: String::new(),
    });
    let mut kr = KeyResult {
        due: Some(day("2026-06-30")),
        ..KeyResult::mttr_fixture()
    };
    kr.check_in(day("2026-02-01"), 70.0);
    plan.key_results.push(kr);
    let mut h = Hypothesis::new("H-00001".into(), "Runbooks".into(), day("2026-01-02"));
    h.key_results = vec!["KR-00001".into(), "KR-GONE1".into()];
    plan.hypotheses.push(h);
    plan
}

fn applied(plan: &Plan, r: Result<(Change, String), LifecycleError>) -> Plan {
    let mut p = plan.clone();
    p.apply(r.unwrap().0);
    p
}

#[test]
fn start_then_validate_with_evidence() {
    let p0 = plan();
    let today = day("2026-02-10");
    let p1 = applied(&p0, start_hypothesis(&p0, "H-00001", None, today));
    let h = p1.hypothesis("H-00001").unwrap();
    assert_eq!(h.status, HypothesisStatus::Running);
    assert_eq!(
        (h.started, h.review_by),
        (Some(today), Some(day("2026-02-24")))
    );
    assert!(!h.is_stale(day("2026-02-24")));
    assert!(h.is_stale(day("2026-02-25")));

    let err = validate(&p1, "H-00001", "  \n ", today).unwrap_err();
    assert_eq!(
        err.to_string(),
        "H-00001: evidence is required to validate (what did you observe?)"
    );
    let (change, msg) = validate(&p1, "H-00001", " MTTR fell to 40 ", day("2026-03-01")).unwrap();
    assert_eq!(msg, "validated H-00001 (Runbooks) on 2026-03-01");
    let mut p2 = p1.clone();
    let undo = p2.apply(change);
    let h = p2.hypothesis("H-00001").unwrap();
    assert_eq!(h.status, HypothesisStatus::Validated);
    assert_eq!(
        (h.decided, h.evidence.as_str()),
        (Some(day("2026-03-01")), "MTTR fell to 40")
    );
    assert!(!h.is_stale(day("2027-01-01")));
    p2.apply(undo);
    assert_eq!(p2, p1);
}

#[test]
fn start_refuses_bad_review_dates_and_states() {
    let p0 = plan();
    let today = day("2026-02-10");
    assert!(matches!(
        start_hypothesis(&p0, "H-00001", Some(today), today),
        Err(LifecycleError::ReviewNotAfterToday { .. })
    ));
    let p1 = applied(
        &p0,
        start_hypothesis(&p0, "H-00001", Some(day("2026-02-11")), today),
    );
    assert_eq!(
        start_hypothesis(&p1, "H-00001", None, today)
            .unwrap_err()
            .to_string(),
        "H-00001 is running; only proposed hypotheses can be started"
    );
    assert!(matches!(
        start_hypothesis(&p0, "H-XXXXX", None, today),
        Err(LifecycleError::UnknownHypothesis(_))
    ));
}

#[test]
fn abandon_and_reopen_keep_history() {
    let p0 = plan();
    assert!(matches!(
        abandon(&p0, "H-00001", "", day("2026-02-10")),
        Err(LifecycleError::EmptyEvidence { .. })
    ));
    // A proposed hypothesis can be abandoned without ever running.
    let p1 = applied(&p0, abandon(&p0, "H-00001", "no signal", day("2026-02-10")));
    assert_eq!(
        p1.hypothesis("H-00001").unwrap().status,
        HypothesisStatus::Abandoned
    );
    assert!(matches!(
        validate(&p1, "H-00001", "x", day("2026-02-11")),
        Err(LifecycleError::WrongState { .. })
    ));
    assert!(matches!(
        reopen(&p0, "H-00001", day("2026-02-11")),
        Err(LifecycleError::WrongState { .. })
    ));
    let p2 = applied(&p1, reopen(&p1, "H-00001", day("2026-02-20")));
    let h = p2.hypothesis("H-00001").unwrap();
    assert_eq!(h.status, HypothesisStatus::Running);
    assert_eq!((h.decided, h.evidence.as_str()), (None, ""));
    assert_eq!(h.started, Some(day("2026-02-20")));
    assert_eq!(h.review_by, Some(day("2026-03-06")));
    assert_eq!(
        h.history,
        [Decision {
            status: HypothesisStatus::Abandoned,
            date: day("2026-02-10"),
            evidence: "no signal".into(),
            reopened: day("2026-02-20"),
        }]
    );
}

#[test]
fn checkin_records_and_refuses_non_finite() {
    let p0 = plan();
    let (change, msg) =
        checkin(&p0, "KR-00001", 55.0, day("2026-03-01"), day("2026-03-01")).unwrap();
    assert_eq!(
        msg,
        "checked in KR-00001 (MTTR): 55 min on 2026-03-01 (current was 70 min)"
    );
    let mut p1 = p0.clone();
    p1.apply(change);
    let kr = p1.key_result("KR-00001").unwrap();
    assert_eq!((kr.current, kr.checkins.len()), (55.0, 2));
    for bad in [f64::NAN, f64::INFINITY] {
        assert!(matches!(
            checkin(&p0, "KR-00001", bad, day("2026-03-01"), day("2026-03-01")),
            Err(LifecycleError::NotFinite { .. })
        ));
    }
    assert!(matches!(
        checkin(&p0, "KR-NOPE1", 1.0, day("2026-03-01"), day("2026-03-01")),
        Err(LifecycleError::UnknownKeyResult(_))
    ));
}

#[test]
fn movement_since_start() {
    let mut p = plan();
    assert_eq!(
        kr_movement(&p, "KR-00001", day("2026-01-15"), day("2026-03-01")),
        Some((90.0, 70.0))
    );
    assert_eq!(
        kr_movement(&p, "KR-00001", day("2026-02-15"), day("2026-03-01")),
        Some((70.0, 70.0))
    );
    assert_eq!(
        kr_movement(&p, "KR-NOPE1", day("2026-02-15"), day("2026-03-01")),
        None
    );
    p = applied(&p, start_hypothesis(&p, "H-00001", None, day("2026-01-10")));
    p = applied(
        &p,
        checkin(&p, "KR-00001", 50.0, day("2026-03-01"), day("2026-03-01")),
    );
    p = applied(&p, validate(&p, "H-00001", "done", day("2026-02-20")));
    // Start 01-10 (baseline 90) to decision 02-20 (70); the later 50 is
    // after the decision and does not count.
    let h = p.hypothesis("H-00001").unwrap();
    assert_eq!(
        movements(&p, h, day("2026-03-01")),
        [Movement {
            key_result: "KR-00001".into(),
            before: 90.0,
            after: 70.0
        }]
    );
}
