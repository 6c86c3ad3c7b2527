use super::*;
use crate::model::{Debt, Sprint, SprintState};
use crate::org::{Team, TeamSource};

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn team(id: &str, plan: Option<Plan>, optional: bool) -> TeamPlan {
    TeamPlan {
        team: Team {
            id: id.into(),
            name: id.to_uppercase(),
            source: TeamSource::Path {
                path: format!("{id}.ron"),
            },
            optional,
            line: 1,
        },
        version: Some("abc1234".into()),
        file: format!("{id}.ron"),
        fetch: Default::default(),
        state: match plan {
            Some(p) => TeamState::Loaded {
                plan: Box::new(p),
                lines: None,
            },
            None => TeamState::Failed {
                kind: "not-found",
                message: "gone".into(),
            },
        },
    }
}

fn debt(id: &str, r: u8, effort: u32) -> Debt {
    let mut d = Debt::new(id.into(), format!("debt {id}"), day("2026-09-01"));
    [d.customer, d.delivery, d.risk, d.urgency] = [r, r, r, r];
    d.effort = Some(effort);
    d
}

fn plan(debts: Vec<Debt>) -> Plan {
    Plan {
        debts,
        ..Plan::default()
    }
}

#[test]
fn rank_compares_teams_by_score_over_their_median() {
    // Team a scores everything high, team b low: raw scores would put all
    // of a first; relative to each team's median, b's standout comes first.
    let a = plan(vec![debt("D1", 5, 1), debt("D2", 5, 1), debt("D3", 5, 2)]);
    let b = plan(vec![debt("D1", 1, 8), debt("D2", 1, 8), debt("D3", 5, 1)]);
    let teams = [
        team("a", Some(a), false),
        team("b", Some(b), false),
        team("c", None, true),
    ];
    let rows = rank(&teams, day("2026-11-20"), None);
    assert_eq!(rows[0].id, "b:D3");
    assert_eq!(rows[0].team_rank, 1);
    assert!(rows[0].relative > 2.0, "{:?}", rows[0]);
    assert_eq!(rows.len(), 6);
    let top2 = rank(&teams, day("2026-11-20"), Some(2));
    assert_eq!(
        top2.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(),
        rows[..2].iter().map(|r| r.id.as_str()).collect::<Vec<_>>()
    );
    assert_eq!(rank(&teams, day("2026-11-20"), Some(0)).len(), 0);
}

#[test]
fn a_failed_team_is_a_warning_row_and_the_rest_shows() {
    let mut p = plan(vec![debt("D1", 3, 2)]);
    let mut s = Sprint::new(
        "S1".into(),
        "One".into(),
        day("2026-11-16"),
        day("2026-11-27"),
        4,
    );
    s.state = SprintState::Active;
    s.items = vec!["D1".into()];
    p.sprints.push(s);
    let teams = [
        team("a", Some(p), false),
        team("b", None, true),
        team("c", None, false),
    ];
    let status = status_rows(&teams);
    assert_eq!(status[1].state, "warning");
    assert_eq!(status[0].debt_open, Some(1));
    // A team not read has unknown counts, never 0.
    assert_eq!(status[1].debt_open, None);
    assert_eq!(status[1].items, None);
    assert_eq!(status[0].items, Some(1), "sprints are not items");
    let sprints = sprint_rows(&teams, day("2026-11-20"));
    assert_eq!(sprints.len(), 1);
    assert_eq!(sprints[0].id, "a:S1");
    assert_eq!(sprints[0].capacity_use, Some(0.5));
    assert_eq!(sprints[0].odds, None);
    let check = check_rows(&teams, day("2026-11-20"));
    let unread: Vec<_> = check
        .iter()
        .filter(|r| r.rule == "team-unreadable")
        .map(|r| (r.team.as_str(), r.severity))
        .collect();
    assert_eq!(unread, [("b", Severity::Warn), ("c", Severity::Error)]);
}

#[test]
fn sprint_odds_are_the_forecasts_chance_from_the_teams_own_history() {
    use crate::model::{Commitment, SprintState};
    let mut p = plan(vec![debt("D-1", 3, 5), debt("D-2", 3, 6)]);
    for (i, start) in ["2026-01-05", "2026-01-19", "2026-02-02"]
        .iter()
        .enumerate()
    {
        let start = day(start);
        let mut s = Sprint::new(
            format!("S-{i}"),
            format!("past {i}"),
            start,
            start + chrono::Days::new(9),
            10,
        );
        s.state = SprintState::Closed;
        s.commitment = Some(Commitment {
            date: start,
            items: vec!["D-X".into()],
            points: 10,
        });
        s.completed_points = Some(10);
        s.closed = Some(s.end);
        p.sprints.push(s);
    }
    let mut now = Sprint::new(
        "S-NOW".into(),
        "now".into(),
        day("2026-03-02"),
        day("2026-03-11"),
        10,
    );
    now.state = SprintState::Active;
    now.items = vec!["D-1".into()];
    p.sprints.push(now.clone());
    // Ten points in ten days, five days left: 5 points can be done, 6 cannot.
    assert_eq!(forecast_odds(&p, &now, day("2026-03-07")), Some(1.0));
    let rows = sprint_rows(&[team("a", Some(p.clone()), false)], day("2026-03-07"));
    assert_eq!(
        rows[0].odds,
        Some(1.0),
        "the row takes the plan's own sprint"
    );
    p.sprints.last_mut().unwrap().items = vec!["D-2".into()];
    assert_eq!(forecast_odds(&p, &now, day("2026-03-07")), Some(0.0));
    // Nothing planned: no odds (not 100%), and the page says why.
    p.sprints.last_mut().unwrap().items.clear();
    assert_eq!(forecast_odds(&p, &now, day("2026-03-07")), None);
    let rows = sprint_rows(&[team("a", Some(p.clone()), false)], day("2026-03-07"));
    assert_eq!((rows[0].items, rows[0].odds), (0, None));
    assert_eq!(rows[0].odds_words(), "nothing planned");
    p.sprints.retain(|s| s.state != SprintState::Closed);
    assert_eq!(
        forecast_odds(&p, &now, day("2026-03-07")),
        None,
        "no history: no odds"
    );
}

#[test]
fn a_copy_read_after_a_failed_fetch_is_a_warning_row_with_its_counts() {
    let mut t = team("a", Some(plan(vec![debt("D1", 3, 2)])), false);
    t.fetch = crate::org::FetchNote {
        fetched_at: Some("2026-11-30T10:12:00Z".into()),
        failed: Some(crate::org::FetchFailed {
            at: "2026-11-30T12:01:00Z".into(),
            reason: "repository not found".into(),
        }),
        newest_unloadable: None,
    };
    let teams = [t];
    let status = status_rows(&teams);
    assert_eq!(status[0].state, "warning");
    assert_eq!(status[0].problem_kind, Some("fetch-failed"));
    assert_eq!(status[0].items, Some(1));
    assert_eq!(
        status[0].read_label(),
        "abc1234, fetched 2026-11-30 10:12 UTC"
    );
    // Still ranked: the copy is read.
    assert_eq!(rank(&teams, day("2026-11-20"), None).len(), 1);
    let check = check_rows(&teams, day("2026-11-20"));
    let f = check
        .iter()
        .find(|c| c.rule == "fetch-failed")
        .expect("a finding");
    // A warning even for a required team: its copy is still read.
    assert_eq!(f.severity, Severity::Warn);
    assert!(
        f.message.starts_with(
            "last fetch failed 2026-11-30 12:01 UTC: repository not found; showing abc1234"
        ),
        "{}",
        f.message
    );
}
