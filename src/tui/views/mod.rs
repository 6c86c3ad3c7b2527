//! Drawing: the tab bar, the current view, the status bar and any overlay.
//! Views read `&App` only; they build just the rows that fit on screen.

mod charts;
pub mod conflicts;
mod debt;
mod detail;
mod dialogs;
mod experiments;
mod forecast;
mod grid;
mod import_review;
mod import_sync;
mod input_overlays;
mod key_results;
mod links;
mod overlay;
mod overview;
mod scan_picker;
mod sprint_load;
mod sprints;
mod triage;
pub(crate) mod wrap;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::action::View;
use super::app::{App, Hits, Message, Mode};
use crate::text::{display_width, is_unsafe, sanitize, shorten_path, truncate};

/// Below this the UI shows a notice instead of a cramped view.
pub const MIN_WIDTH: u16 = 20;
pub const MIN_HEIGHT: u16 = 5;

pub fn draw(frame: &mut Frame, app: &App) {
    draw_all(frame, app);
    scrub(frame);
}

/// The last line of defence: plan text is sanitized where it is formatted,
/// and any cell that still holds a control or bidi character (an id, a
/// reference, a path) is blanked to U+FFFD before it can reach the terminal.
fn scrub(frame: &mut Frame) {
    for cell in frame.buffer_mut().content.iter_mut() {
        if cell.symbol().chars().any(is_unsafe) {
            cell.set_symbol("\u{FFFD}");
        }
    }
}

fn draw_all(frame: &mut Frame, app: &App) {
    *app.hits.borrow_mut() = Hits::default();
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let msg = format!("terminal too small ({}×{})", area.width, area.height);
        let text = truncate(&msg, usize::from(area.width)).into_owned();
        frame.render_widget(Paragraph::new(text).style(app.theme.warn()), area);
        return;
    }
    let [tabs, body, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(1),
    ])
    .areas(area);
    draw_tabs(frame, app, tabs);
    match app.view {
        View::Overview => overview::draw(frame, body, app),
        View::Debt => debt::draw(frame, body, app),
        View::Sprints => sprints::draw(frame, body, app),
        View::Experiments => experiments::draw(frame, body, app),
        View::KeyResults => key_results::draw(frame, body, app),
    }
    draw_status(frame, app, status);
    match &app.mode {
        Mode::Normal => {}
        Mode::Help { scroll } => overlay::help(frame, body, app, *scroll),
        Mode::Confirm(p) => overlay::confirm(frame, body, app, &p.prompt),
        Mode::Filter { field } => overlay::filter(frame, body, app, *field),
        Mode::Detail { scroll } => detail::draw(frame, body, app, *scroll),
        Mode::Form(_) | Mode::Search(_) | Mode::Palette(_) | Mode::Ask(_) => {
            input_overlays::draw(frame, body, app)
        }
        Mode::Prompt(p) => dialogs::prompt(frame, body, app, p),
        Mode::Checklist(c) => dialogs::checklist(frame, body, app, c),
        Mode::ImportReview(r) => import_review::draw(frame, body, app, r),
        Mode::ScanPicker(p) => scan_picker::draw(frame, body, app, p),
        Mode::ImportSync(s) => import_sync::draw(frame, body, app, s),
        Mode::Quit { reason } => overlay::quit(frame, body, app, reason),
        Mode::Conflicts { screen, .. } => conflicts::draw(frame, body, screen, &app.theme),
        Mode::Triage(t) => triage::draw(frame, body, app, t),
    }
}

/// Tells the mouse handler where the one-row-per-item list under a
/// one-line header starts and which item is at its top, so a click selects
/// the row under it.
pub(super) fn register_rows(app: &App, area: Rect, offset: usize) {
    let mut hits = app.hits.borrow_mut();
    let body = Rect::new(
        area.x,
        area.y + 1,
        area.width,
        area.height.saturating_sub(1),
    );
    hits.rows = Some((body, offset));
    hits.row_height = 1;
}

fn draw_tabs(frame: &mut Frame, app: &App, area: Rect) {
    let full: usize = View::ALL
        .iter()
        .map(|v| display_width(v.title()) + 5)
        .sum::<usize>()
        + 8;
    let short = full > usize::from(area.width);
    let mut spans = vec![Span::styled(" bearing ", app.theme.title())];
    let mut x = area.x + 9;
    if short {
        spans.clear();
        x = area.x;
    }
    let mut hits = app.hits.borrow_mut();
    for v in View::ALL {
        let label = if short && v != app.view {
            format!(" {} ", v.index() + 1)
        } else {
            format!(" {} {} ", v.index() + 1, v.title())
        };
        let w = display_width(&label) as u16;
        let style = if v == app.view {
            app.theme.tab_active()
        } else {
            app.theme.tab()
        };
        let rect = Rect::new(x, area.y, w, 1).intersection(area);
        if !rect.is_empty() {
            hits.tabs.push((rect, v));
        }
        x = x.saturating_add(w);
        spans.push(Span::styled(label, style));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn draw_status(frame: &mut Frame, app: &App, area: Rect) {
    let t = &app.theme;
    let mut left = vec![Span::styled(
        format!(" {} ", app.mode.kind().label()),
        t.tab_active(),
    )];
    if let Some(Err(why)) = &app.saved {
        // The cause and its fix say it all; "save failed:" goes first when
        // the bar is too narrow for both and the file's name.
        let why = sanitize(&crate::tui::app::save_error_text(why)).into_owned();
        let name_w = display_width(file_name(&app.session.persist().describe())) + 2;
        let label = " save failed:";
        let full = display_width(label) + display_width(&why) + 2;
        let mode_w: usize = left.iter().map(|s| display_width(&s.content)).sum();
        let label = if mode_w + full + name_w > usize::from(area.width) {
            ""
        } else {
            label
        };
        left.push(Span::styled(format!("{label} {why} "), t.error()));
    }
    match &app.message {
        Some(Message::Info(m)) => left.push(Span::raw(format!(" {}", sanitize(m)))),
        Some(Message::Error(m)) => left.push(Span::styled(format!(" {}", sanitize(m)), t.error())),
        None => {}
    }
    let file = sanitize(&app.session.persist().describe()).into_owned();
    let mut after = String::new();
    if app.read_only() && !file.contains("read-only") {
        after.push_str(" · read-only");
    }
    if let Some(Ok(done)) = &app.saved {
        after.push_str(" · ");
        after.push_str(&sanitize(done));
    }
    let left_w: usize = left.iter().map(|s| display_width(&s.content)).sum();
    let width = usize::from(area.width);
    // The file's name keeps its place (up to half the bar): a long message
    // on the left is cut instead.
    let name_w = display_width(file_name(&file)) + 2;
    let room = width.saturating_sub(left_w + 1).max(name_w.min(width / 2));
    // What does not fit before the file's name ends in "…".
    let mut left_room = width.saturating_sub(room.min(width));
    // Tight: the space each part starts with goes after the first (the
    // part before ends in one already).
    let tight = left_w > left_room;
    let left: Vec<Span> = left
        .into_iter()
        .enumerate()
        .map(|(n, span)| {
            let text = if tight && n > 0 {
                span.content.trim_start()
            } else {
                &span.content
            };
            let cut = truncate(text, left_room).into_owned();
            left_room = left_room.saturating_sub(display_width(&cut));
            Span::styled(cut, span.style)
        })
        .collect();
    let bar = Paragraph::new(Line::from(left)).style(t.status_bar());
    frame.render_widget(bar, area);
    if room >= 8 {
        // Its directory is shortened first, and what follows it goes when
        // even the name would not fit.
        let after_room = room.saturating_sub(name_w.min(room));
        let after = truncate(&after, after_room.saturating_sub(1));
        let file_room = room.saturating_sub(display_width(&after) + 1);
        let right = format!("{}{after} ", shorten_path(&file, file_room));
        let right = truncate(&right, room).into_owned();
        let w = display_width(&right) as u16;
        let r = Rect::new(area.right().saturating_sub(w), area.y, w, 1).intersection(area);
        frame.render_widget(Clear, r);
        frame.render_widget(Paragraph::new(right).style(t.status_bar()), r);
    }
}

/// The last part of a path, as the status bar always shows it.
fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// Plan text made safe and cut to `width` columns.
pub(crate) fn fit(s: &str, width: usize) -> String {
    truncate(&sanitize(s), width).into_owned()
}

/// A text bar of `width` cells filled to `ratio` (0..=1).
pub(crate) fn bar(ratio: f64, width: usize) -> String {
    let ratio = if ratio.is_finite() {
        ratio.clamp(0.0, 1.0)
    } else {
        0.0
    };
    let filled = (ratio * width as f64).round() as usize;
    let mut s = "█".repeat(filled.min(width));
    s.push_str(&"░".repeat(width - filled.min(width)));
    s
}

/// Check-ins as a one-line sparkline, the last `width` of them.
pub(crate) fn sparkline(values: &[f64], width: usize) -> String {
    const TICKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let vals: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    let vals = &vals[vals.len().saturating_sub(width)..];
    let (lo, hi) = vals
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(*v), hi.max(*v))
        });
    vals.iter()
        .map(|v| {
            if hi > lo {
                TICKS[(((v - lo) / (hi - lo)) * 7.0).round().clamp(0.0, 7.0) as usize]
            } else {
                TICKS[3]
            }
        })
        .collect()
}

/// A number without trailing zeros: 12, 0.5, 99.9.
pub(crate) fn num(x: f64) -> String {
    if !x.is_finite() {
        return "?".to_owned();
    }
    crate::text::number(x)
}

/// A rect of at most `w`×`h` centred in `area`.
pub(crate) fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// A one-line heading.
pub(crate) fn heading<'a>(text: impl Into<String>, style: Style) -> Line<'a> {
    Line::from(Span::styled(text.into(), style))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn helpers() {
        assert_eq!(bar(0.5, 4), "██░░");
        assert_eq!(bar(2.0, 3), "███");
        assert_eq!(bar(f64::NAN, 2), "░░");
        assert_eq!(sparkline(&[1.0, 2.0, 3.0], 5), "▁▅█");
        assert_eq!(sparkline(&[1.0, 2.0, 3.0], 2), "▁█");
        assert_eq!(num(12.0), "12");
        assert_eq!(num(0.5), "0.5");
        assert_eq!(fit("a\u{1b}[31mb", 10), "a\u{FFFD}[31mb");
    }
}
