//! The forecast line under a sprint's summary (sprint view) and under the
//! active sprint (overview), from the cache: never computed per frame.

use ratatui::text::{Line, Span};

use super::fit;
use crate::text::display_width;
use crate::tui::app::App;

/// The sprint's forecast, its parts joined by " · " on at most `max_lines`
/// lines of `width`: in full when that fits, else in fewer words (the last
/// line cut if even that does not fit). Nothing for a closed or cancelled
/// sprint. A weak or missing forecast is drawn as a warning.
pub fn lines(app: &App, sprint_id: &str, width: usize, max_lines: usize) -> Vec<Line<'static>> {
    let Some(f) = app.cache.forecast(app.plan(), sprint_id, app.today) else {
        return Vec::new();
    };
    let style = if f.warning.is_some() {
        app.theme.warn()
    } else {
        app.theme.dim()
    };
    let full = pack(&f.parts(), width, max_lines);
    let fits = |lines: &[String]| lines.iter().all(|l| display_width(l) <= width);
    let chosen = if fits(&full) {
        full
    } else {
        pack(&f.short_parts(), width, max_lines)
    };
    chosen
        .into_iter()
        .map(|l| Line::from(Span::styled(fit(&l, width), style)))
        .collect()
}

/// Greedy: each part joins the line when it fits, else starts the next;
/// past `max_lines` the rest joins the last line (uncut: the caller cuts).
fn pack(parts: &[String], width: usize, max_lines: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for part in parts {
        let full = out.len() >= max_lines.max(1);
        match out.last_mut() {
            Some(line) if full || display_width(line) + 3 + display_width(part) <= width => {
                line.push_str(" · ");
                line.push_str(part);
            }
            _ => out.push(part.clone()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::pack;

    #[test]
    fn parts_go_on_one_line_when_they_fit_else_on_more() {
        let parts: Vec<String> = [
            "Forecast: 72% to finish 18 pts",
            "backlog top 10: 3 sprints",
            "6 sampled",
        ]
        .map(String::from)
        .to_vec();
        assert_eq!(pack(&parts, 80, 2).len(), 1);
        let two = pack(&parts, 40, 2);
        assert_eq!(
            two,
            [
                "Forecast: 72% to finish 18 pts",
                "backlog top 10: 3 sprints · 6 sampled"
            ]
        );
        let one = pack(&parts, 30, 1);
        assert_eq!(one.len(), 1);
        assert!(one[0].ends_with("· 6 sampled"), "{one:?}");
    }
}
