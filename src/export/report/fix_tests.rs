//! What a new user saw wrong in the report (issue 14's follow-up): a
//! planned sprint shown as committed, the velocity's two means, the trend's
//! dates, the score terms' names.

use super::fixture::{hostile_plan, today};
use super::*;
use crate::model::SprintState;

#[test]
fn a_planned_sprint_shows_planned_points_not_committed() {
    let mut plan = hostile_plan();
    plan.sprints.retain(|s| s.state != SprintState::Active);
    let mut s = crate::model::Sprint::new(
        "S-9".into(),
        "Next".into(),
        super::fixture::day("2026-03-09"),
        super::fixture::day("2026-03-20"),
        12,
    );
    s.items = plan.debts.iter().take(1).map(|d| d.id.clone()).collect();
    let pts = plan.effort_of(&s.items);
    plan.sprints.push(s);
    let html = report_html(&plan, today());
    let section = &html[html.find(r#"id="sprint""#).unwrap()..];
    assert!(
        section.contains(&format!("<dt>Planned</dt><dd>{pts} pts</dd>")),
        "{section}"
    );
    assert!(!section.contains("<dt>Committed</dt>"), "{section}");
}

#[test]
fn the_velocity_chart_names_the_mean_it_draws_as_the_sprint_view_does() {
    let mut plan = hostile_plan();
    plan.sprints.retain(|s| s.state != SprintState::Closed);
    for (i, pts) in [20, 19, 16, 1, 3, 6].into_iter().enumerate() {
        let mut s = crate::model::Sprint::new(
            format!("S-C{i}"),
            format!("Old {i}"),
            super::fixture::day("2025-01-06") + chrono::Duration::days(14 * i as i64),
            super::fixture::day("2025-01-17") + chrono::Duration::days(14 * i as i64),
            20,
        );
        s.state = SprintState::Closed;
        s.completed_points = Some(pts);
        s.items = vec!["D-1".into()];
        plan.sprints.push(s);
    }
    let v = crate::planning::velocity_of(&plan).unwrap();
    assert_eq!(v.to_string(), "velocity 3.3 (last 3)");
    let html = report_html(&plan, today());
    assert!(html.contains("Velocity 3.3 (last 3)"), "no label");
    assert!(html.contains("velocity (last 3)"), "no legend");
    // The dashed line is drawn at the velocity, not at the mean of the six bars.
    assert!(
        html.contains("<title>mean completed: 3.3"),
        "line not at 3.3"
    );
}

#[test]
fn a_checkin_before_the_start_is_named_in_the_trend_and_widens_its_axis() {
    use crate::model::{Checkin, KeyResult};
    let d = super::fixture::day;
    let kr = KeyResult {
        start: d("2026-10-01"),
        due: Some(d("2026-12-31")),
        baseline: 10.0,
        target: Some(20.0),
        current: 14.0,
        checkins: vec![
            Checkin {
                date: d("2026-09-15"),
                value: 9.0,
            },
            Checkin {
                date: d("2026-11-02"),
                value: 14.0,
            },
        ],
        ..KeyResult::mttr_fixture()
    };
    let svg = okr::trend(&kr, d("2026-11-10"));
    assert!(
        svg.contains("2 check-ins from 2026-09-15 to 2026-11-02"),
        "{svg}"
    );
    assert!(
        svg.contains(">2026-09-15<"),
        "axis starts at the check-in: {svg}"
    );
    assert!(svg.contains(">2026-12-31<"), "{svg}");
    // The measured line goes left to right.
    let poly = svg
        .split("<polyline")
        .nth(1)
        .and_then(|p| p.split("points=\"").nth(1))
        .and_then(|p| p.split('"').next())
        .unwrap_or_default()
        .to_owned();
    let xs: Vec<f64> = poly
        .split_whitespace()
        .filter_map(|p| p.split(',').next()?.parse().ok())
        .collect();
    assert!(
        xs.len() >= 2 && xs.windows(2).all(|w| w[0] <= w[1]),
        "{poly}"
    );
}

#[test]
fn score_terms_read_as_words_and_scope_drops_use_a_minus_sign() {
    let mut plan = hostile_plan();
    let html = report_html(&plan, today());
    assert!(!html.contains(">kr_pressure<"), "raw term name");
    assert!(html.contains("<th scope=\"row\">KR pressure</th>"));
    let s = plan
        .sprints
        .iter_mut()
        .find(|s| s.state == SprintState::Active)
        .unwrap();
    s.scope.push(crate::model::ScopeChange {
        date: super::fixture::day("2026-03-04"),
        item: "D-GONE".into(),
        change: crate::model::ScopeKind::Removed,
        points: 2,
    });
    let html = report_html(&plan, today());
    assert!(
        html.contains("scope \u{2212}2 on 2026-03-04"),
        "no minus sign"
    );
    assert!(!html.contains("scope -2"));
}

#[test]
fn short_columns_never_break_and_only_titles_wrap_anywhere() {
    let css = css::CSS;
    assert!(!css.contains("td,th{overflow-wrap:anywhere}"));
    assert!(css.contains("th[scope=row],td.num,td.status{white-space:nowrap}"));
    let html = report_html(&hostile_plan(), today());
    assert!(html.contains(r#"<td class="status">"#));
    assert!(html.contains(r#"<td class="title">"#));
}

#[test]
fn a_sprint_past_its_end_reads_ended_in_the_report_forecast() {
    let plan = hostile_plan();
    let s = plan
        .sprints
        .iter()
        .find(|s| s.state == SprintState::Active)
        .unwrap();
    let late = s.end + chrono::Duration::days(3);
    let html = sprint::sprint_forecast_html(&plan, s, late);
    assert!(!html.contains("0 days left"), "{html}");
    assert!(html.contains("ended 3 days ago — close it"), "{html}");
}
