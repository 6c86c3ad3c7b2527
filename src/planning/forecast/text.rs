//! A forecast in words: the one-line summary the UI shows, the table
//! `bearing forecast` prints, and its JSON.

use serde_json::{Value, json};

use super::{BacklogPart, Forecast, MAX_SPRINTS, SprintOutlook, Sprints};
use crate::model::Timing;
use crate::text::{count, truncate};

impl std::fmt::Display for Sprints {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Sprints::Within(n) => write!(f, "{n}"),
            Sprints::MoreThan(n) => write!(f, ">{n}"),
        }
    }
}

/// A chance as a whole percentage that never rounds a near-certainty to
/// a certainty: `>99%` and `<1%` at the ends.
pub fn chance(p: f64) -> String {
    let pct = (p * 100.0).round();
    if p < 1.0 && pct >= 100.0 {
        ">99%".to_owned()
    } else if p > 0.0 && pct <= 0.0 {
        "<1%".to_owned()
    } else {
        format!("{pct:.0}%")
    }
}

/// "3–5 sprints", "4 sprints", "60 to more than 100 sprints", "more than
/// 100 sprints".
pub(super) fn range(low: Sprints, high: Sprints) -> String {
    match (low, high) {
        (Sprints::MoreThan(n), _) => format!("more than {n} sprints"),
        (a, b) if a == b => match a {
            Sprints::Within(n) => count(n, "sprint"),
            Sprints::MoreThan(n) => format!("more than {n} sprints"),
        },
        (Sprints::Within(a), Sprints::MoreThan(n)) => format!("{a} to more than {n} sprints"),
        (a, b) => format!("{a}–{b} sprints"),
    }
}

impl Forecast {
    /// One line for the UI: "Forecast: 72% to finish 18 pts by Fri 13 Mar ·
    /// backlog top 10: 3–5 sprints (p50–p85) · 6 sprints sampled".
    pub fn line(&self) -> String {
        self.parts().join(" · ")
    }

    /// The line's parts, for a view that breaks it where there is no room;
    /// the first starts with "Forecast:".
    pub fn parts(&self) -> Vec<String> {
        self.parts_in(false)
    }

    /// [`Forecast::parts`] in fewer words, for a narrow pane: "Forecast:
    /// 72% of 18 pts by 13 Mar", "top 10: 3–5 sprints (p50–85)", "n=6"
    /// (sprints sampled).
    pub fn short_parts(&self) -> Vec<String> {
        self.parts_in(true)
    }

    fn parts_in(&self, short: bool) -> Vec<String> {
        if self.samples == 0 {
            let why = if short {
                "none yet, no sprint closed"
            } else {
                "none yet, no closed sprint with work to sample"
            };
            return vec![format!("Forecast: {why}")];
        }
        let mut parts = Vec::new();
        if let Some(s) = &self.sprint {
            parts.push(sprint_part(s, short));
        }
        let top = &self.backlog.top;
        let (head, pct) = if short {
            ("top", "p50–85")
        } else {
            ("backlog top", "p50–p85")
        };
        parts.push(match (top.items, top.p50, top.p85) {
            (0, ..) => "backlog empty".to_owned(),
            (_, Some(a), Some(b)) => format!("{head} {}: {} ({pct})", top.items, range(a, b)),
            _ => "backlog: no forecast".to_owned(),
        });
        let sampled = if short {
            format!("n={}", self.samples)
        } else {
            format!("{} sampled", count(self.samples, "sprint"))
        };
        parts.push(if self.warning.is_some() {
            format!("weak: {sampled}")
        } else {
            sampled
        });
        parts[0] = format!("Forecast: {}", parts[0]);
        parts
    }

    /// The table `bearing forecast` prints: fits 80 columns.
    pub fn table(&self) -> String {
        let mut out = String::new();
        match &self.sprint {
            Some(s) => {
                let verb = if s.timing.is_late() { "ended" } else { "ends" };
                out.push_str(&format!(
                    "sprint     {} {}, {verb} {} ({})\n",
                    s.id,
                    truncate(&s.name, 24),
                    s.end.format("%a %Y-%m-%d"),
                    when(s),
                ));
                out.push_str(&format!(
                    "remaining  {}",
                    count(s.remaining_points, "point")
                ));
                if s.unestimated > 0 {
                    out.push_str(&format!(
                        " (+ {} to triage, not counted)",
                        count(s.unestimated, "item")
                    ));
                }
                out.push('\n');
                match s.p_finish {
                    Some(p) => out.push_str(&format!(
                        "p_finish   {} chance to finish by the end\n",
                        chance(p)
                    )),
                    None => out.push_str(&format!("p_finish   -{}\n", no_odds_why(s))),
                }
            }
            None => out.push_str("sprint     none active or planned\n"),
        }
        let b = &self.backlog;
        out.push_str(
            "backlog    items  points   p50   p85   p95  (sprints; open debt in no sprint)\n",
        );
        out.push_str(&part_row(&format!("top {}", b.top_n), &b.top));
        out.push_str(&part_row("all", &b.all));
        if b.unestimated > 0 {
            out.push_str(&format!(
                "  {} to triage left out (no effort)\n",
                count(b.unestimated, "item")
            ));
        }
        out.push_str(&format!(
            "sampled    {} · {} trials · seed {}\n",
            count(self.samples, "closed sprint"),
            self.trials,
            self.seed
        ));
        if let Some(w) = &self.warning {
            out.push_str(&format!("warning: {w}\n"));
        }
        out
    }

    /// The JSON of `bearing forecast --format json` (see the README).
    pub fn json(&self) -> Value {
        let s = self.sprint.as_ref();
        let mut v = json!({
            "sprint": s.map(|s| s.id.clone()),
            "end": s.map(|s| s.end.to_string()),
            "days_left": s.map(|s| s.days_left),
            "when": s.map(when),
            "remaining_points": s.map(|s| s.remaining_points),
            "unestimated": s.map(|s| s.unestimated),
            "samples": self.samples,
            "trials": self.trials,
            "seed": self.seed,
            "p_finish": s.and_then(|s| s.p_finish),
            "backlog": {
                "top_n": part_json(&self.backlog.top, Some(self.backlog.top_n)),
                "all": part_json(&self.backlog.all, None),
                "unestimated": self.backlog.unestimated,
                "max_sprints": MAX_SPRINTS,
            },
        });
        if let (Some(w), Some(obj)) = (&self.warning, v.as_object_mut()) {
            obj.insert("warning".into(), json!(w));
        }
        v
    }
}

/// The sprint's place in time in the shared words ("3 days left", "ended 2
/// days ago — close it"); a sprint yet to start also says how long it runs.
fn when(s: &SprintOutlook) -> String {
    match s.timing {
        Timing::Upcoming { .. } => {
            format!("{}, {} long", s.timing, count(s.days_left, "day"))
        }
        t => t.to_string(),
    }
}

fn sprint_part(s: &SprintOutlook, short: bool) -> String {
    if s.timing.is_late() {
        // No chance to speak of: the window is gone.
        let ago = match s.timing {
            Timing::Overdue { days } | Timing::WindowPassed { days } => days,
            _ => 0,
        };
        return if short {
            format!(
                "{} ended {}d ago, {} pts open",
                s.id, ago, s.remaining_points
            )
        } else {
            format!("{} {}, {} pts open", s.id, s.timing, s.remaining_points)
        };
    }
    let by = if short {
        s.end.format("%-d %b")
    } else {
        s.end.format("%a %-d %b")
    };
    let verb = if short { "of" } else { "to finish" };
    match s.p_finish {
        _ if s.planned == 0 => format!("{} nothing planned", s.id),
        _ if s.remaining_points == 0 && s.unestimated == 0 => format!("{} all done", s.id),
        Some(p) => format!("{} {verb} {} pts by {by}", chance(p), s.remaining_points),
        None => format!("{} pts left by {by}", s.remaining_points),
    }
}

/// Why a sprint has no odds, when it is not the missing history (said on
/// the forecast's warning line): ` (nothing planned)` and the like.
fn no_odds_why(s: &SprintOutlook) -> String {
    if let Some(advice) = s.timing.late_advice() {
        return format!(" (past its end: {advice})");
    }
    match () {
        _ if s.planned == 0 => " (nothing planned)",
        _ if s.remaining_points == 0 && s.unestimated > 0 => " (nothing estimated: triage first)",
        _ if s.remaining_points == 0 => " (no points left)",
        _ => "",
    }
    .to_owned()
}

fn cell(p: Option<Sprints>) -> String {
    p.map_or_else(|| "-".to_owned(), |p| p.to_string())
}

fn part_row(name: &str, p: &BacklogPart) -> String {
    format!(
        "  {name:<8} {:>5}  {:>6} {:>5} {:>5} {:>5}\n",
        p.items,
        p.points,
        cell(p.p50),
        cell(p.p85),
        cell(p.p95)
    )
}

fn part_json(p: &BacklogPart, n: Option<usize>) -> Value {
    // A percentile past the cap (or with nothing sampled) is null.
    let at = |s: Option<Sprints>| match s {
        Some(Sprints::Within(n)) => json!(n),
        _ => Value::Null,
    };
    let mut v = json!({
        "items": p.items,
        "points": p.points,
        "p50": at(p.p50),
        "p85": at(p.p85),
        "p95": at(p.p95),
    });
    if let (Some(n), Some(obj)) = (n, v.as_object_mut()) {
        obj.insert("n".into(), json!(n));
    }
    v
}
