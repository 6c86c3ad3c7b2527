//! The current sprint (the active one, else the next planned one): its
//! window, goal and points, the Burn-up from [`planning::burnup`], the
//! forecast slot, the committed items, and the Velocity of the closed
//! sprints from [`planning::closed_history`].

use std::fmt::Write;

use chrono::NaiveDate;

use super::escape::text;
use super::svg::{self, BarGroup, Dots, LineChart, Series};
use crate::export::{planned_points, sheet};
use crate::model::{Plan, Sprint, SprintState};
use crate::planning::{self, Burnup, forecast};
use crate::text::number;

/// How many closed sprints the Velocity chart shows.
pub const VELOCITY_SPRINTS: usize = 6;
/// How many committed items the sprint lists.
pub const SPRINT_ITEMS: usize = 30;

pub fn current_sprint(out: &mut String, plan: &Plan, today: NaiveDate) {
    out.push_str(r#"<section class="part" id="sprint"><h2>Current sprint</h2>"#);
    match plan.current_sprint() {
        None => out.push_str(r#"<p class="muted">No active or planned sprint.</p>"#),
        Some(s) => sprint(out, plan, s, today),
    }
    velocity(out, plan);
    out.push_str("</section>");
}

fn sprint(out: &mut String, plan: &Plan, s: &Sprint, today: NaiveDate) {
    let _ = write!(
        out,
        r#"<h3>{} <span class="id">{}</span></h3><p>{} · {} → {}</p>"#,
        text(&s.name),
        text(&s.id),
        text(&s.state_line(today)),
        s.start,
        s.end
    );
    if !s.goal.trim().is_empty() {
        let _ = write!(
            out,
            r#"<p class="multiline"><strong>Goal:</strong> {}</p>"#,
            text(s.goal.trim())
        );
    }
    let burnup = planning::burnup(plan, &s.id, today);
    let _ = write!(
        out,
        r#"<dl class="facts"><dt>Capacity</dt><dd>{} pts</dd>"#,
        s.capacity
    );
    if s.state == SprintState::Planned {
        // Nothing is committed until the sprint starts: what it holds is a plan.
        let _ = write!(
            out,
            "<dt>Planned</dt><dd>{} pts</dd>",
            plan.effort_of(&s.items)
        );
    } else {
        let _ = write!(
            out,
            "<dt>Committed</dt><dd>{} pts</dd><dt>In the sprint now</dt><dd>{} pts</dd>",
            planned_points(plan, s),
            plan.effort_of(&s.items),
        );
    }
    if let Some(b) = &burnup {
        let (scope, done) = b.latest();
        let _ = write!(out, "<dt>Done</dt><dd>{done} of {scope} pts</dd>");
    }
    out.push_str("</dl>");
    match &burnup {
        Some(b) => out.push_str(&burnup_chart(b)),
        None => out.push_str(r#"<p class="muted small">No burn-up until the sprint starts.</p>"#),
    }
    out.push_str(&sprint_forecast_html(plan, s, today));
    items(out, plan, s, today);
}

/// The forecast of the sprint (the chance to finish its remaining points by
/// its end) and of the open debt (how many sprints its top N and all of it
/// take), the same Monte Carlo `bearing forecast` runs, with its default
/// trials and seed so the page and the command agree. A closed sprint has no
/// forecast: nothing is rendered for it.
pub fn sprint_forecast_html(plan: &Plan, sprint: &Sprint, today: NaiveDate) -> String {
    let Ok(f) = forecast::forecast(plan, Some(&sprint.id), today, forecast::Options::default())
    else {
        return String::new();
    };
    let mut out = String::from(r#"<div class="forecast"><h4>Forecast</h4>"#);
    if f.samples == 0 {
        out.push_str(
            r#"<p class="muted">No forecast yet: no closed sprint with work to sample.</p></div>"#,
        );
        return out;
    }
    if let Some(o) = &f.sprint
        && o.timing.is_late()
    {
        // Past its end: no chance to speak of, the shared words instead.
        let _ = write!(
            out,
            r#"<p class="at-risk">Ended {} ({}): {} pts still open.</p>"#,
            o.end,
            text(&o.timing.to_string()),
            o.remaining_points,
        );
    } else if let Some(o) = &f.sprint
        && let Some(p) = o.p_finish
    {
        let _ = write!(
            out,
            "<p><strong>{}</strong> chance to finish the {} pts left by {} ({}).</p>",
            text(&forecast::chance(p)),
            o.remaining_points,
            o.end,
            text(&o.timing.to_string()),
        );
    }
    out.push_str(r#"<table><caption class="small muted" style="text-align:left">Sprints the open debt takes</caption><thead><tr><th scope="col">backlog</th><th scope="col" class="num">items</th><th scope="col" class="num">pts</th><th scope="col" class="num">p50</th><th scope="col" class="num">p85</th><th scope="col" class="num">p95</th></tr></thead><tbody>"#);
    let top = format!("top {}", f.backlog.top_n);
    for (name, part) in [(top.as_str(), &f.backlog.top), ("all", &f.backlog.all)] {
        let cell =
            |s: Option<forecast::Sprints>| s.map_or_else(|| "–".to_owned(), |s| s.to_string());
        let _ = write!(
            out,
            r#"<tr><td>{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td></tr>"#,
            text(name),
            part.items,
            part.points,
            text(&cell(part.p50)),
            text(&cell(part.p85)),
            text(&cell(part.p95)),
        );
    }
    out.push_str("</tbody></table>");
    let _ = write!(
        out,
        r#"<p class="muted small">{} sampled with replacement · {} trials{}</p>"#,
        crate::text::count(f.samples, "closed sprint"),
        number(f64::from(f.trials)),
        if f.backlog.unestimated > 0 {
            format!(" · {} to triage left out", f.backlog.unestimated)
        } else {
            String::new()
        },
    );
    if let Some(w) = &f.warning {
        let _ = write!(out, r#"<p class="at-risk">{}</p>"#, text(w));
    }
    out.push_str("</div>");
    out
}

const SCOPE: &str = "#6b4fbb";
const DONE: &str = "#2458b3";
const IDEAL: &str = "#8a8f98";

/// The Burn-up: scope as it moved, points done by day, the ideal line from
/// 0 at the start to the commitment at the end.
pub fn burnup_chart(b: &Burnup) -> String {
    // Scope and done in steps, as the TUI draws them: each moves on the
    // day it moved. Done has a dot per day, not at a step's corner (that
    // corner is no measurement).
    let scope = b.scope_line();
    let done = b.done_line();
    let done_days = b
        .days
        .iter()
        .map(|d| (b.x(d.date), f64::from(d.done)))
        .collect();
    let ideal = b.ideal_line().to_vec();
    let (scope_now, done_now) = b.latest();
    let last = b.days.last().map_or(b.start, |d| d.date);
    let mut desc = format!(
        "From {} to {}: {done_now} of {scope_now} points done by {last}; {} committed at the start",
        b.start, b.end, b.committed
    );
    for (d, p) in &b.changes {
        // A minus sign (U+2212), as the TUI writes it.
        let sign = if *p >= 0 { "+" } else { "\u{2212}" };
        let _ = write!(desc, "; scope {sign}{} on {d}", p.unsigned_abs());
    }
    let chart = svg::line_chart(&LineChart {
        size: (640.0, 240.0),
        title: "Burn-up",
        desc: &desc,
        x_labels: (b.start.to_string(), b.end.to_string()),
        y_unit: "",
        series: vec![
            Series {
                name: "ideal",
                colour: IDEAL,
                dash: "8 5",
                dots: Dots::None,
                points: ideal,
            },
            Series {
                name: "scope",
                colour: SCOPE,
                dash: "",
                dots: Dots::None,
                points: scope,
            },
            Series {
                name: "done",
                colour: DONE,
                dash: "",
                dots: Dots::At(done_days),
                points: done,
            },
        ],
    });
    format!(
        r#"<figure class="chart" style="margin:0"><figcaption><strong>Burn-up</strong> <span class="small muted">(points)</span></figcaption>{chart}{}<p class="small muted">{}</p></figure>"#,
        svg::legend(&[
            ("scope", SCOPE, ""),
            ("done", DONE, ""),
            ("ideal", IDEAL, "8 5")
        ]),
        text(&desc),
    )
}

fn items(out: &mut String, plan: &Plan, s: &Sprint, today: NaiveDate) {
    let Ok(sheet) = sheet(plan, &s.id, today) else {
        return;
    };
    if sheet.rows.is_empty() {
        out.push_str(r#"<p class="muted">No items in this sprint.</p>"#);
        return;
    }
    out.push_str(r#"<h4>Items</h4><table><thead><tr><th scope="col" class="num">#</th><th scope="col">item</th><th scope="col" class="num">pts</th><th scope="col">status</th></tr></thead><tbody>"#);
    for r in sheet.rows.iter().take(SPRINT_ITEMS) {
        let _ = write!(
            out,
            r#"<tr><td class="num">{}</td><td class="title">{} <span class="id">{}</span></td><td class="num">{}</td><td class="status">{}</td></tr>"#,
            r.rank,
            text(&r.debt.title),
            text(&r.debt.id),
            r.debt
                .effort
                .map_or_else(|| "?".to_owned(), |e| e.to_string()),
            text(r.debt.status.label()),
        );
    }
    out.push_str("</tbody></table>");
    if sheet.rows.len() > SPRINT_ITEMS {
        let _ = write!(
            out,
            r#"<p class="small muted">… and {} more items</p>"#,
            sheet.rows.len() - SPRINT_ITEMS
        );
    }
}

fn velocity(out: &mut String, plan: &Plan) {
    out.push_str("<h3>Velocity</h3>");
    let history = planning::closed_history(plan);
    if history.is_empty() {
        out.push_str(r#"<p class="muted">No closed sprint yet: no velocity.</p>"#);
        return;
    }
    let shown = &history[history.len().saturating_sub(VELOCITY_SPRINTS)..];
    let groups: Vec<BarGroup> = shown
        .iter()
        .map(|r| BarGroup {
            label: r.name.clone(),
            committed: r.committed,
            completed: r.completed,
        })
        .collect();
    let velocity = planning::velocity_of(plan);
    let words: Vec<String> = shown
        .iter()
        .map(|r| {
            format!(
                "{}: {} committed, {} completed",
                r.name, r.committed, r.completed
            )
        })
        .collect();
    // The same words as the sprint view: "velocity 3.3 (last 3)", the mean
    // the dashed line draws and the capacity suggestion uses.
    let mean_words = velocity.map_or_else(String::new, |v| {
        let n = crate::text::count(v.sprints, "closed sprint");
        format!("Velocity {} (last {}): the mean completed points of the last {n}, the pace a new sprint's capacity is suggested from", number(v.rounded()), v.sprints)
    });
    let mean = velocity.map(|v| v.mean);
    let desc = format!("{}. {mean_words}", words.join("; "));
    out.push_str(&svg::velocity_bars("Velocity", &desc, &groups, mean));
    let mean_label = velocity.map_or_else(
        || "velocity".to_owned(),
        |v| format!("velocity (last {})", v.sprints),
    );
    out.push_str(&svg::legend(&[
        ("committed", svg::COMMITTED, ""),
        ("completed", svg::COMPLETED, ""),
        (&mean_label, svg::MEAN, "6 4"),
    ]));
    if !mean_words.is_empty() {
        let _ = write!(out, "<p>{}</p>", text(&mean_words));
    }
}
