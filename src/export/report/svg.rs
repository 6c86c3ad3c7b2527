//! Inline SVG charts: a progress gauge, a line chart (key-result trends and
//! the sprint burn-up) and grouped bars (velocity). Each is an `<svg
//! role="img">` with a `<title>` and a `<desc>` saying in words what it
//! shows, scales to its container (`viewBox`, no fixed width) and draws in
//! colours that are always paired with a text label or a dash pattern.
//! Every piece of text in a chart goes through [`escape::text`].

use std::fmt::Write;

use super::escape::{self, coord};

/// The size of a bar chart, in viewBox units.
const W: f64 = 640.0;
const H: f64 = 240.0;
const LEFT: f64 = 56.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 14.0;
const BOTTOM: f64 = 34.0;

/// A progress bar 0‒100 % filled in the health colour; `progress` is not
/// clamped by the caller (a regression is below 0, over-achievement above
/// 1), the bar is. `label` is the words the gauge stands for.
pub fn gauge(progress: Option<f64>, colour: &str, label: &str) -> String {
    let p = progress.filter(|p| p.is_finite()).unwrap_or(0.0);
    let filled = (p.clamp(0.0, 1.0) * 300.0).round();
    let mut s = String::new();
    let _ = write!(
        s,
        r##"<svg class="gauge" role="img" viewBox="0 0 300 14" width="300" height="14" preserveAspectRatio="none"><title>{t}</title><rect x="0" y="0" width="300" height="14" rx="7" fill="#e6e9ee"/><rect x="0" y="0" width="{w}" height="14" rx="7" fill="{colour}"/></svg>"##,
        t = escape::text(label),
        w = coord(filled),
    );
    s
}

/// One line of a chart.
pub struct Series {
    pub name: &'static str,
    pub colour: &'static str,
    /// SVG `stroke-dasharray`, empty for a solid line.
    pub dash: &'static str,
    /// Where dots go on the line (measurements).
    pub dots: Dots,
    pub points: Vec<(f64, f64)>,
}

/// The dots a series draws over its line.
pub enum Dots {
    None,
    /// One at each point of the line (each is a measurement).
    AtPoints,
    /// Only at these (a step line's corners are not measurements).
    At(Vec<(f64, f64)>),
}

/// A line chart over a numeric x axis (days) with labelled ends.
pub struct LineChart<'a> {
    /// The viewBox size: small charts (a card's trend) use a small one so
    /// their labels stay readable when scaled to the card.
    pub size: (f64, f64),
    pub title: &'a str,
    pub desc: &'a str,
    /// Labels written under the first and last x.
    pub x_labels: (String, String),
    pub y_unit: &'a str,
    pub series: Vec<Series>,
}

fn bounds(points: impl Iterator<Item = (f64, f64)>) -> Option<(f64, f64, f64, f64)> {
    let mut b: Option<(f64, f64, f64, f64)> = None;
    for (x, y) in points.filter(|(x, y)| x.is_finite() && y.is_finite()) {
        b = Some(match b {
            None => (x, x, y, y),
            Some((x0, x1, y0, y1)) => (x0.min(x), x1.max(x), y0.min(y), y1.max(y)),
        });
    }
    b
}

/// Opens an `<svg>` of the chart size with its title and description.
fn open(out: &mut String, (w, h): (f64, f64), title: &str, desc: &str) {
    let _ = write!(
        out,
        r#"<svg class="chart" role="img" viewBox="0 0 {w} {h}" width="{w}" height="{h}"><title>{}</title><desc>{}</desc>"#,
        escape::text(title),
        escape::text(desc),
    );
}

/// The y axis from `y0` to `y1` with three labelled grid lines.
fn y_axis(out: &mut String, w: f64, y0: f64, y1: f64, unit: &str, ys: &impl Fn(f64) -> f64) {
    for v in [y0, (y0 + y1) / 2.0, y1] {
        let y = ys(v);
        let _ = write!(
            out,
            r##"<line x1="{l}" x2="{r}" y1="{y}" y2="{y}" stroke="#e6e9ee"/><text x="{tx}" y="{ty}" font-size="12" text-anchor="end" fill="#5a6472">{v}{u}</text>"##,
            l = coord(LEFT),
            r = coord(w - RIGHT),
            y = coord(y),
            tx = coord(LEFT - 6.0),
            ty = coord(y + 4.0),
            v = escape::text(&crate::text::number((v * 100.0).round() / 100.0)),
            u = escape::text(unit),
        );
    }
}

pub fn line_chart(c: &LineChart<'_>) -> String {
    let mut out = String::new();
    let (w, h) = c.size;
    open(&mut out, c.size, c.title, c.desc);
    let Some((x0, x1, y0, y1)) = bounds(c.series.iter().flat_map(|s| s.points.iter().copied()))
    else {
        out.push_str("</svg>");
        return out;
    };
    let (y0, y1) = if y1 > y0 {
        (y0, y1)
    } else {
        (y0 - 1.0, y1 + 1.0)
    };
    let span_x = if x1 > x0 { x1 - x0 } else { 1.0 };
    let xs = |x: f64| LEFT + (x - x0) / span_x * (w - LEFT - RIGHT);
    let ys = |y: f64| TOP + (y1 - y) / (y1 - y0) * (h - TOP - BOTTOM);
    y_axis(&mut out, w, y0, y1, c.y_unit, &ys);
    let base = h - BOTTOM;
    let _ = write!(
        out,
        r##"<line x1="{l}" x2="{r}" y1="{b}" y2="{b}" stroke="#8a8f98"/><text x="{l}" y="{ty}" font-size="12" fill="#5a6472">{a}</text><text x="{r}" y="{ty}" font-size="12" text-anchor="end" fill="#5a6472">{z}</text>"##,
        l = coord(LEFT),
        r = coord(w - RIGHT),
        b = coord(base),
        ty = coord(h - 10.0),
        a = escape::text(&c.x_labels.0),
        z = escape::text(&c.x_labels.1),
    );
    for s in &c.series {
        let pts: Vec<String> = s
            .points
            .iter()
            .filter(|(x, y)| x.is_finite() && y.is_finite())
            .map(|&(x, y)| format!("{},{}", coord(xs(x)), coord(ys(y))))
            .collect();
        if pts.is_empty() {
            continue;
        }
        let dash = if s.dash.is_empty() {
            String::new()
        } else {
            format!(r#" stroke-dasharray="{}""#, s.dash)
        };
        let _ = write!(
            out,
            r#"<polyline fill="none" stroke="{}" stroke-width="2.5"{dash} points="{}"><title>{}</title></polyline>"#,
            s.colour,
            pts.join(" "),
            escape::text(s.name),
        );
        let at = |&(x, y): &(f64, f64)| {
            (x.is_finite() && y.is_finite()).then(|| (coord(xs(x)), coord(ys(y))))
        };
        let dots: Vec<(String, String)> = match &s.dots {
            Dots::None => Vec::new(),
            Dots::AtPoints => s.points.iter().filter_map(at).collect(),
            Dots::At(points) => points.iter().filter_map(at).collect(),
        };
        for (x, y) in dots {
            let _ = write!(
                out,
                r#"<circle cx="{x}" cy="{y}" r="3.5" fill="{}"/>"#,
                s.colour
            );
        }
    }
    out.push_str("</svg>");
    out
}

/// A legend under a chart: the colour key with each series' name in words.
pub fn legend(series: &[(&str, &str, &str)]) -> String {
    let mut out = String::from(r#"<p class="legend">"#);
    for (name, colour, dash) in series {
        let style = if dash.is_empty() {
            format!("background:{colour}")
        } else {
            format!(
                "background:repeating-linear-gradient(90deg,{colour} 0 4px,transparent 4px 7px)"
            )
        };
        let _ = write!(
            out,
            r#"<span><span class="key" style="{style}"></span>{}</span>"#,
            escape::text(name)
        );
    }
    out.push_str("</p>");
    out
}

/// One group of bars: a label under it and two values.
pub struct BarGroup {
    pub label: String,
    pub committed: u32,
    pub completed: u32,
}

pub const COMMITTED: &str = "#9aa8bd";
pub const COMPLETED: &str = "#2458b3";
pub const MEAN: &str = "#b3261e";

/// Committed and completed points per sprint, side by side, with the mean
/// of the completed as a dashed line.
pub fn velocity_bars(title: &str, desc: &str, groups: &[BarGroup], mean: Option<f64>) -> String {
    let mut out = String::new();
    open(&mut out, (W, H), title, desc);
    let top = groups
        .iter()
        .map(|g| g.committed.max(g.completed))
        .max()
        .unwrap_or(0)
        .max(1);
    let y1 = f64::from(top);
    let ys = |y: f64| TOP + (y1 - y) / y1 * (H - TOP - BOTTOM);
    y_axis(&mut out, W, 0.0, y1, " pts", &ys);
    let n = groups.len().max(1) as f64;
    let slot = (W - LEFT - RIGHT) / n;
    let bar = (slot * 0.35).min(40.0);
    for (i, g) in groups.iter().enumerate() {
        let x = LEFT + slot * i as f64 + slot / 2.0;
        for (dx, v, colour, what) in [
            (-bar, g.committed, COMMITTED, "committed"),
            (0.0, g.completed, COMPLETED, "completed"),
        ] {
            let y = ys(f64::from(v));
            let _ = write!(
                out,
                r#"<rect x="{}" y="{}" width="{}" height="{}" fill="{colour}"><title>{}: {v} {what}</title></rect>"#,
                coord(x + dx),
                coord(y),
                coord(bar),
                coord((H - BOTTOM) - y),
                escape::text(&g.label),
            );
        }
        let _ = write!(
            out,
            r##"<text x="{}" y="{}" font-size="12" text-anchor="middle" fill="#5a6472">{}</text>"##,
            coord(x),
            coord(H - 12.0),
            escape::text(&g.label),
        );
    }
    if let Some(m) = mean.filter(|m| m.is_finite()) {
        let y = ys(m.min(y1));
        let _ = write!(
            out,
            r#"<line x1="{}" x2="{}" y1="{y}" y2="{y}" stroke="{MEAN}" stroke-width="2" stroke-dasharray="6 4"><title>mean completed: {}</title></line>"#,
            coord(LEFT),
            coord(W - RIGHT),
            escape::text(&crate::text::number((m * 10.0).round() / 10.0)),
            y = coord(y),
        );
    }
    out.push_str("</svg>");
    out
}
