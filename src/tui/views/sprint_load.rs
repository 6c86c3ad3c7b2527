//! People's load in the sprint view: one line with each owner's points
//! against their share of the capacity (`planning::people_load`, cached),
//! and the warning when one person holds more than half.

use ratatui::text::{Line, Span};

use super::{fit, num};
use crate::tui::app::App;

/// "load, share 5.3 each: sam 7↑ · lena 5 · noor 2 +1 to triage" (↑: over
/// the share),
/// then the warning, if any. Nothing for a sprint with no items.
pub fn lines(app: &App, sprint: usize, width: usize) -> Vec<Line<'static>> {
    let t = &app.theme;
    let Some(load) = app.cache.charts.load(app.plan(), sprint) else {
        return Vec::new();
    };
    if load.people.is_empty() {
        return Vec::new();
    }
    let share = load
        .people
        .iter()
        .find_map(|p| p.share)
        .map_or_else(String::new, |s| {
            format!(", share {} each", num((s * 10.0).round() / 10.0))
        });
    let mut spans = vec![Span::styled(format!("load{share}: "), t.dim())];
    for (n, p) in load.people.iter().enumerate() {
        if n > 0 {
            spans.push(Span::styled(" · ", t.dim()));
        }
        let over = if p.over_share() { "↑" } else { "" };
        let mut text = format!("{} {}{over}", fit(p.name(), 12), p.points);
        if p.unestimated > 0 {
            text.push_str(&format!(" +{} to triage", p.unestimated));
        }
        let style = if p.over_share() { t.warn() } else { t.text() };
        spans.push(Span::styled(text, style));
    }
    let mut out = vec![cut(spans, width)];
    // The warning whole, on two lines at most: it is the point of the load.
    // A name too long for that is shortened, never the sentence's end.
    let sentence = |name_width: usize| {
        load.warning_naming(|n| fit(n, name_width))
            .map(|w| crate::text::sanitize(&format!("warning: {w}")).into_owned())
    };
    let width = width.max(1);
    if let Some(mut text) = sentence(usize::MAX) {
        let rest = crate::text::display_width(&text).saturating_sub(load_name_width(load));
        let mut lines = super::wrap::wrap(&text, width);
        if lines.len() > 2 {
            // Room for the name on two lines, less a little for where the
            // lines break between words.
            text = sentence((2 * width).saturating_sub(rest + 8).max(8)).unwrap_or(text);
            lines = super::wrap::wrap(&text, width);
        }
        for l in lines.into_iter().take(2) {
            out.push(Line::from(Span::styled(fit(&l, width), t.warn())));
        }
    }
    out
}

/// How wide the name of the person the warning is about is.
fn load_name_width(load: &crate::planning::PeopleLoad) -> usize {
    load.heavy()
        .map_or(0, |p| crate::text::display_width(p.name()))
}

/// The spans cut to `width` columns, the last one ending in "…".
fn cut(spans: Vec<Span<'static>>, width: usize) -> Line<'static> {
    let mut left = width;
    let mut out = Vec::new();
    for s in spans {
        if left == 0 {
            break;
        }
        let text = fit(&s.content, left);
        left = left.saturating_sub(crate::text::display_width(&text));
        out.push(Span::styled(text, s.style));
    }
    Line::from(out)
}
