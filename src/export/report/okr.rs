//! The North Star and the objectives with their key results: a gauge (the
//! progress bar in the health colour, with the health in words beside it)
//! and a trend chart (check-ins, the target, the expected line from the
//! baseline to the target over start → due).

use std::fmt::Write;

use chrono::NaiveDate;

use super::escape::text;
use super::svg::{self, Dots, LineChart, Series};
use crate::model::{Health, KeyResult, Plan};
use crate::planning;
use crate::text::number;

/// The health's CSS class and colour, and its words: never colour alone.
pub fn health_style(h: Option<Health>) -> (&'static str, &'static str, &'static str) {
    match h {
        Some(Health::OnTrack) => ("on-track", "#1b6e3a", "on track"),
        Some(Health::AtRisk) => ("at-risk", "#b07a00", "at risk"),
        Some(Health::OffTrack) => ("off-track", "#b3261e", "off track"),
        None => ("no-health", "#8a8f98", "no target"),
    }
}

pub fn north_star(out: &mut String, plan: &Plan) {
    out.push_str(r#"<section class="part" id="north-star"><h2>North Star</h2>"#);
    let ns = plan.north_star.trim();
    if ns.is_empty() {
        out.push_str(r#"<p class="muted">No North Star is set.</p>"#);
    } else {
        let _ = write!(out, r#"<p class="north-star">{}</p>"#, text(ns));
    }
    out.push_str("</section>");
}

pub fn objectives(out: &mut String, plan: &Plan, today: NaiveDate) {
    out.push_str(r#"<section class="part" id="objectives"><h2>Objectives and key results</h2>"#);
    if plan.objectives.is_empty() && plan.key_results.is_empty() {
        out.push_str(r#"<p class="muted">No objectives yet.</p>"#);
    }
    for o in &plan.objectives {
        let _ = write!(
            out,
            r#"<h3>{} <span class="id">{}</span></h3>"#,
            text(&o.title),
            text(&o.id)
        );
        if !o.description.trim().is_empty() {
            let _ = write!(
                out,
                r#"<p class="multiline muted">{}</p>"#,
                text(o.description.trim())
            );
        }
        let krs: Vec<&KeyResult> = plan
            .key_results
            .iter()
            .filter(|k| k.objective == o.id)
            .collect();
        key_results(out, plan, &krs, today);
    }
    let orphans: Vec<&KeyResult> = plan
        .key_results
        .iter()
        .filter(|k| plan.objective(&k.objective).is_none())
        .collect();
    if !orphans.is_empty() {
        out.push_str("<h3>Key results without an objective</h3>");
        key_results(out, plan, &orphans, today);
    }
    out.push_str("</section>");
}

fn key_results(out: &mut String, plan: &Plan, krs: &[&KeyResult], today: NaiveDate) {
    if krs.is_empty() {
        out.push_str(r#"<p class="muted">No key results yet.</p>"#);
        return;
    }
    out.push_str(r#"<div class="grid">"#);
    for kr in krs {
        key_result(out, plan, kr, today);
    }
    out.push_str("</div>");
}

fn with_unit(v: f64, unit: &str) -> String {
    if unit.is_empty() {
        number(v)
    } else {
        format!("{} {unit}", number(v))
    }
}

fn key_result(out: &mut String, plan: &Plan, kr: &KeyResult, today: NaiveDate) {
    let health = kr.health(today, &plan.health);
    let (class, colour, words) = health_style(health);
    let progress = kr.progress(today);
    let pct = progress.map_or_else(
        || "no target".to_owned(),
        |p| format!("{}%", number((p * 100.0).round())),
    );
    let current = kr.current_at(today);
    let _ = write!(
        out,
        r#"<article class="card"><h4>{} <span class="id">{}</span></h4>"#,
        text(&kr.title),
        text(&kr.id)
    );
    let label = format!("{}: {pct}, {words}", kr.title);
    out.push_str(&svg::gauge(progress, colour, &label));
    let now = match kr.target {
        Some(t) => format!(
            "{pct} · {} of {}",
            with_unit(current, &kr.unit),
            with_unit(t, &kr.unit)
        ),
        None => format!("now {}", with_unit(current, &kr.unit)),
    };
    let _ = write!(
        out,
        r#"<p><span class="badge {class}">{words}</span> {}</p>"#,
        text(&now),
    );
    let mut facts = format!(
        "baseline {} · from {}",
        with_unit(kr.baseline, &kr.unit),
        kr.start
    );
    if let Some(due) = kr.due {
        let _ = write!(facts, " to {due}");
    }
    if !kr.owner.is_empty() {
        let _ = write!(facts, " · owner {}", kr.owner);
    }
    let _ = write!(out, r#"<p class="small muted">{}</p>"#, text(&facts));
    out.push_str(&trend(kr, today));
    out.push_str("</article>");
}

/// The key result's Trend chart from [`planning::trend`] (the same series
/// the TUI draws): measured values in date order, the target and the
/// expected line, over an axis from the start (or an earlier check-in) to
/// the due day (or a later check-in).
pub fn trend(kr: &KeyResult, today: NaiveDate) -> String {
    let tr = planning::trend(kr, today);
    let end_x = tr.span();
    let mut series = vec![Series {
        name: "measured",
        colour: "#2458b3",
        dash: "",
        dots: Dots::AtPoints,
        points: tr.measured.iter().map(|&(d, v)| (tr.x(d), v)).collect(),
    }];
    let mut keys = vec![("measured", "#2458b3", "")];
    if let Some(t) = tr.target {
        series.push(Series {
            name: "target",
            colour: "#1b6e3a",
            dash: "2 4",
            dots: Dots::None,
            points: vec![(0.0, t), (end_x, t)],
        });
        keys.push(("target", "#1b6e3a", "2 4"));
    }
    if let Some([(a, va), (b, vb)]) = tr.expected {
        series.push(Series {
            name: "expected",
            colour: "#8a8f98",
            dash: "8 5",
            dots: Dots::None,
            points: vec![(tr.x(a), va), (tr.x(b), vb)],
        });
        keys.push(("expected", "#8a8f98", "8 5"));
    }
    let desc = format!(
        "{}; baseline {} on {}, now {}{}",
        tr.checkins_words(),
        number(kr.baseline),
        kr.start,
        number(kr.current_at(today)),
        match (tr.target, kr.due) {
            (Some(t), Some(due)) => format!(", target {} by {due}", number(t)),
            (Some(t), None) => format!(", target {}", number(t)),
            _ => String::new(),
        }
    );
    let title = format!("Trend: {}", kr.title);
    let chart = svg::line_chart(&LineChart {
        size: (340.0, 190.0),
        title: &title,
        desc: &desc,
        x_labels: (tr.from.to_string(), tr.to.to_string()),
        y_unit: "",
        series,
    });
    format!(
        r#"<figure class="chart" style="margin:0">{chart}<figcaption class="small">Trend{}</figcaption>{}</figure>"#,
        if kr.unit.is_empty() {
            String::new()
        } else {
            format!(" ({})", text(&kr.unit))
        },
        svg::legend(&keys)
    )
}
