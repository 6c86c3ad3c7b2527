//! Plans compiled into the binary: the demo behind `bearing --demo` and the
//! starting point `bearing init` writes. Both are kept in the exact bytes
//! `format::to_text` produces, so opening and saving them changes nothing and
//! a diff against a user's plan shows only what the user changed.

/// A mid-size B2B SaaS team ("Lumen Billing") a few weeks into a quarter:
/// key results in every health state, experiments in every state (one of
/// them stale), a ranked debt registry, four closed sprints (a velocity
/// history), an active one whose scope moved after the start, and planned
/// ones.
pub const DEMO: &str = include_str!("../../assets/demo.ron");

/// What `bearing init` writes: a North Star to replace and the three
/// objectives from the brief, nothing else.
pub const TEMPLATE: &str = include_str!("../../assets/template.ron");

/// The day the demo is written for. Its health, staleness and ranking only
/// read as intended "as of" this day (the active sprint runs 2026-11-16 to
/// 2026-11-27), so tests and snapshots run the demo with this as `today`;
/// the real clock would make them drift.
pub const DEMO_TODAY: &str = "2026-11-20";

/// [`DEMO_TODAY`] as a date: what `--demo` shows unless `--today` (or
/// `BEARING_TODAY`) names another day.
pub fn demo_today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        DebtStatus, Health, HypothesisStatus, Kind, Plan, Policy, SprintState, validate,
    };
    use crate::score::rank_open;
    use crate::store::format::{from_text, to_text};
    use chrono::NaiveDate;
    use std::collections::BTreeSet;

    fn today() -> NaiveDate {
        NaiveDate::parse_from_str(DEMO_TODAY, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn demo_today_is_the_constant() {
        assert_eq!(demo_today(), today());
    }

    fn demo() -> Plan {
        from_text(DEMO).unwrap()
    }

    fn all_ids(plan: &Plan) -> Vec<&str> {
        let mut ids: Vec<&str> = Vec::new();
        ids.extend(plan.objectives.iter().map(|x| x.id.as_str()));
        ids.extend(plan.key_results.iter().map(|x| x.id.as_str()));
        ids.extend(plan.hypotheses.iter().map(|x| x.id.as_str()));
        ids.extend(plan.debts.iter().map(|x| x.id.as_str()));
        ids.extend(plan.sprints.iter().map(|x| x.id.as_str()));
        ids
    }

    /// Ids look like generated ones: a kind prefix and five Crockford characters.
    fn assert_ids_well_formed(plan: &Plan) {
        for id in all_ids(plan) {
            let kind = Kind::of_id(id).unwrap_or_else(|| panic!("{id}: no kind"));
            let rest = &id[kind.prefix().len()..];
            assert_eq!(rest.len(), 5, "{id}");
            assert!(
                rest.bytes()
                    .all(|b| b"0123456789ABCDEFGHJKMNPQRSTVWXYZ".contains(&b)),
                "{id}: not Crockford base-32"
            );
        }
    }

    /// Every reference resolves and every item passes the rules forms use.
    fn assert_consistent(plan: &Plan) {
        for kr in &plan.key_results {
            assert_eq!(validate::key_result(kr, plan), vec![], "{}", kr.id);
        }
        for h in &plan.hypotheses {
            assert_eq!(validate::hypothesis(h, plan), vec![], "{}", h.id);
        }
        for d in &plan.debts {
            assert_eq!(validate::debt(d, plan), vec![], "{}", d.id);
        }
        for s in &plan.sprints {
            assert_eq!(validate::sprint(s, plan), vec![], "{}", s.id);
            let committed = s.commitment.iter().flat_map(|c| &c.items);
            for id in committed.chain(&s.completed) {
                assert!(plan.debt(id).is_some(), "{}: no debt {id}", s.id);
            }
        }
    }

    #[test]
    fn both_are_canonical() {
        for (name, text) in [("demo", DEMO), ("template", TEMPLATE)] {
            let plan = from_text(text).unwrap_or_else(|e| panic!("{name}: {e:?}"));
            assert_eq!(to_text(&plan).unwrap(), text, "{name} is not canonical");
            assert_ids_well_formed(&plan);
            assert_consistent(&plan);
            assert_eq!(plan.north_star.split("\n\n").count(), 2, "{name}");
        }
    }

    #[test]
    fn template_is_the_three_objectives_and_defaults() {
        let plan = from_text(TEMPLATE).unwrap();
        let titles: Vec<_> = plan.objectives.iter().map(|o| o.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "Customer retention",
                "Time to market for new features",
                "Platform reliability"
            ]
        );
        assert!(plan.objectives.iter().all(|o| !o.description.is_empty()));
        assert!(plan.north_star.starts_with("Replace this"));
        let empty = Plan {
            north_star: plan.north_star.clone(),
            objectives: plan.objectives.clone(),
            ..Plan::default()
        };
        assert_eq!(plan, empty);
    }

    #[test]
    fn demo_key_results_cover_every_health() {
        let plan = demo();
        assert_eq!(plan.objectives.len(), 3);
        assert_eq!(plan.policy, Policy::default());
        assert!(plan.key_results.len() >= 7);
        let mut health = Vec::new();
        for kr in &plan.key_results {
            assert!((4..=8).contains(&kr.checkins.len()), "{}", kr.id);
            assert_eq!(Some(kr.current), kr.checkins.last().map(|c| c.value));
            assert!(kr.checkins.iter().all(|c| c.date <= today()), "{}", kr.id);
            health.push((kr.id.as_str(), kr.health(today(), &plan.health)));
        }
        // Hand-checked: progress against the elapsed share of the window.
        // Lead time 72→24 h at 61 is 0.23 done with 0.55 of the time gone;
        // MTTR 95→30 min at 70 is 0.38 done; NRR 101→108 % at 102 is 0.14
        // done with 0.28 gone.
        let of = |id: &str| health.iter().find(|(k, _)| *k == id).unwrap().1;
        assert_eq!(of("KR-5Q4TA"), Some(Health::OffTrack));
        assert_eq!(of("KR-8FK2M"), Some(Health::AtRisk));
        assert_eq!(of("KR-2M9XF"), Some(Health::AtRisk));
        assert_eq!(of("KR-5DW1N"), Some(Health::OnTrack));
        assert_eq!(of("KR-3C8HV"), None, "the drafting one has no target");
        let on_track = health
            .iter()
            .filter(|(_, h)| *h == Some(Health::OnTrack))
            .count();
        assert_eq!(on_track, 4);
    }

    #[test]
    fn demo_hypotheses_cover_every_state() {
        let plan = demo();
        assert!(plan.hypotheses.len() >= 9);
        for status in HypothesisStatus::ALL {
            assert!(
                plan.hypotheses.iter().any(|h| h.status == status),
                "{status:?}"
            );
        }
        for h in &plan.hypotheses {
            assert!(h.belief.starts_with("We believe"), "{}", h.id);
            assert!(h.signal.starts_with("We will know when"), "{}", h.id);
            assert!(!h.owner.is_empty() && !h.key_results.is_empty(), "{}", h.id);
            if h.status != HypothesisStatus::Proposed {
                assert!(h.started.is_some() && h.review_by.is_some(), "{}", h.id);
            }
            if h.status.is_decided() {
                assert!(h.decided.is_some(), "{}", h.id);
                assert!(h.evidence.chars().any(|c| c.is_ascii_digit()), "{}", h.id);
            }
        }
        let stale: Vec<_> = plan
            .hypotheses
            .iter()
            .filter(|h| h.is_stale(today()))
            .map(|h| h.id.as_str())
            .collect();
        assert_eq!(stale, ["H-6RT0P"]);
    }

    #[test]
    fn demo_debt_registry() {
        let plan = demo();
        assert!(plan.debts.len() >= 22);
        let owners: BTreeSet<_> = plan.debts.iter().map(|d| d.owner.as_str()).collect();
        let areas: BTreeSet<_> = plan.debts.iter().map(|d| d.area.as_str()).collect();
        assert!(owners.len() >= 5 && !owners.contains(""), "{owners:?}");
        assert!(areas.len() >= 6 && !areas.contains(""), "{areas:?}");
        let count = |s: DebtStatus| plan.debts.iter().filter(|d| d.status == s).count();
        assert!(count(DebtStatus::Done) >= 3);
        assert_eq!(count(DebtStatus::WontFix), 1);
        assert!(count(DebtStatus::InProgress) >= 2);
        assert!(count(DebtStatus::Open) > plan.debts.len() / 2);
        let year = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        for d in &plan.debts {
            assert!(
                d.effort.is_some_and(|e| [1, 2, 3, 5, 8, 13].contains(&e)),
                "{}",
                d.id
            );
            assert!(d.ratings().iter().any(|r| *r > 0), "{}", d.id);
            assert!(!d.description.is_empty() && !d.tags.is_empty(), "{}", d.id);
            assert!(d.created >= year && d.created <= today(), "{}", d.id);
            // The history ends in the current status unless it never changed.
            match d.changes.last() {
                Some(c) => assert_eq!(c.status, d.status, "{}", d.id),
                None => assert_eq!(d.status, DebtStatus::Open, "{}", d.id),
            }
        }
    }

    #[test]
    fn demo_ranking_as_of_demo_today() {
        let plan = demo();
        let order: Vec<_> = rank_open(&plan, today())
            .iter()
            .map(|r| {
                (
                    plan.debts[r.index].id.as_str(),
                    r.breakdown.score().unwrap_or(-1.0),
                )
            })
            .collect();
        // Runbooks: (2+0+4+3 + 1 for the at-risk MTTR) / 2 points = 5.
        assert_eq!(order[0], ("D-ZTJPH", 5.0));
        // Tax rounding: (4+0+4+4) / 3 = 4.
        assert_eq!(order[1], ("D-1ZBET", 4.0));
        // Equal scores of 3: the 2-point item before the 3-point ones, then by id.
        let threes: Vec<_> = order
            .iter()
            .filter(|(_, s)| *s == 3.0)
            .map(|(id, _)| *id)
            .collect();
        assert_eq!(threes, ["D-PEVZ3", "D-3P387", "D-TQ2MY"]);
    }

    #[test]
    fn demo_sprints() {
        let plan = demo();
        let state = |s: SprintState| plan.sprints.iter().filter(|x| x.state == s).count();
        // A velocity history to chart and sample.
        assert_eq!(state(SprintState::Closed), 4);
        assert_eq!(state(SprintState::Active), 1);
        assert!(state(SprintState::Planned) >= 1);

        let active = plan.active_sprint().unwrap();
        assert!(active.start <= today() && today() <= active.end);
        // A burn-up worth looking at: scope that moved and days with work done.
        assert!(active.scope.len() >= 2);
        let b = crate::planning::burnup(&plan, &active.id, today()).unwrap();
        let done_days = b.days.windows(2).filter(|w| w[1].done > w[0].done).count();
        assert!(done_days >= 2, "{b:?}");
        assert!(plan.effort_of(&active.items) <= active.capacity);

        let mut open_items = BTreeSet::new();
        for s in plan.sprints.iter().filter(|s| s.state.is_open()) {
            for id in &s.items {
                assert!(open_items.insert(id), "{id} is in two open sprints");
            }
        }
        for s in &plan.sprints {
            if let Some(c) = &s.commitment {
                assert_eq!(c.points, plan.effort_of(&c.items), "{}", s.id);
            }
            if s.state == SprintState::Closed {
                assert!(s.closed.is_some());
                assert_eq!(s.completed_points, Some(plan.effort_of(&s.completed)));
                for id in &s.completed {
                    assert_eq!(plan.debt(id).unwrap().status, DebtStatus::Done, "{id}");
                }
            }
        }
    }
}
