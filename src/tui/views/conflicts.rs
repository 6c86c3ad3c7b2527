//! The conflict screen: each conflict's item, field and its three
//! versions, with the pick made so far (marked without colour too), over
//! what Enter will do. Drawn from the screen's data and a theme only, so
//! `bearing resolve` draws it without an App.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::{centered, fit};
use crate::merge::shown::{differing, one_line};
use crate::text::display_width;
use crate::tui::app::ModeKind;
use crate::tui::keymap;
use crate::tui::state::{ConflictRow, ConflictScreen, Pick};
use crate::tui::theme::Theme;

/// Screen lines per conflict: its item and field, then its versions.
const ROW_LINES: usize = 2;

pub fn draw(frame: &mut Frame, area: Rect, s: &ConflictScreen, t: &Theme) {
    let width = area.width.saturating_sub(2).clamp(20, 120);
    let inner_w = usize::from(width.saturating_sub(2)).max(1);
    // The selected row shows its versions in full below it when they do
    // not fit on its line (long text, a narrow terminal).
    let detail = s
        .rows
        .get(s.selected)
        .map(|row| detail(row, inner_w, t))
        .unwrap_or_default();
    let want = s
        .rows
        .len()
        .saturating_mul(ROW_LINES)
        .saturating_add(4)
        .saturating_add(detail.len());
    let popup = centered(area, width, u16::try_from(want).unwrap_or(u16::MAX).max(8));
    let position = if s.rows.is_empty() {
        String::new()
    } else {
        format!(" — {}/{}", s.selected + 1, s.rows.len())
    };
    let block = Block::bordered()
        .title(format!(
            " {}{position} ",
            fit(&s.title, inner_w.saturating_sub(12))
        ))
        .title_bottom(format!(
            " {} ",
            keymap::hints(ModeKind::Conflicts).join(" · ")
        ))
        .border_style(t.warn());
    let inner = block.inner(popup);
    frame.render_widget(Clear, popup);
    frame.render_widget(block, popup);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    let w = usize::from(inner.width);
    let mut out = vec![
        Line::from(Span::styled(fit(&s.summary(), w), t.warn())),
        Line::default(),
    ];
    let height = usize::from(inner.height);
    // The detail never takes the whole screen: the rows stay in sight.
    let room = height.saturating_sub(out.len() + ROW_LINES);
    let mut detail = detail;
    detail.truncate(room.saturating_sub(if s.rows.len() > 1 { ROW_LINES } else { 0 }));
    let fits = (room.saturating_sub(detail.len()) / ROW_LINES + 1).max(1);
    let first = s.selected.saturating_sub(fits.saturating_sub(1));
    for (i, row) in s.rows.iter().enumerate().skip(first).take(fits) {
        let chosen = s.picks.get(i).copied().flatten();
        let here = i == s.selected;
        let style = if here { t.selected() } else { t.text() };
        let mark = if here { "› " } else { "  " };
        let pick = chosen.map_or_else(|| "to pick".to_owned(), |p| format!("✓ {}", p.label()));
        let head = format!("{mark}{} {} · “{}”", row.item, row.field, row.title);
        let room = w.saturating_sub(display_width(&pick) + 1);
        let head = fit(&head, room);
        let gap = w.saturating_sub(display_width(&head) + display_width(&pick));
        out.push(Line::from(vec![
            Span::styled(head, style),
            Span::styled(" ".repeat(gap), style),
            Span::styled(pick, if chosen.is_some() { t.ok() } else { t.warn() }),
        ]));
        out.push(versions(row, chosen, w, t));
        if here {
            out.append(&mut detail);
        }
    }
    frame.render_widget(Paragraph::new(out), inner);
}

/// A row's versions (`None`: absent), in the order shown.
fn sides(row: &ConflictRow) -> Vec<(Pick, Option<&str>)> {
    let mut sides = Vec::with_capacity(3);
    if row.has_base {
        sides.push((Pick::Base, row.base.as_deref()));
    }
    sides.push((Pick::Mine, row.mine.as_deref()));
    sides.push((Pick::Theirs, row.theirs.as_deref()));
    sides
}

/// Columns each version gets on a row's line, and whether the labels are
/// cut to their key (`b 3 │ m 4 │ t 5`) to leave room for the values.
fn each(n: usize, w: usize) -> (usize, bool) {
    let each = (w.saturating_sub(4) / n.max(1)).saturating_sub(3).max(6);
    (each, each < 18)
}

fn label(side: Pick, short: bool) -> &'static str {
    match (side, short) {
        (Pick::Base, true) => "b",
        (Pick::Mine, true) => "m",
        (Pick::Theirs, true) => "t",
        (side, false) => side.label(),
    }
}

/// "    base 3 │ mine 4 │ [theirs 5]": the picked version bracketed; of
/// long values the part that differs.
fn versions<'a>(row: &ConflictRow, chosen: Option<Pick>, w: usize, t: &Theme) -> Line<'a> {
    let sides = sides(row);
    let (each, short) = each(sides.len(), w);
    let shown = differing(&sides.iter().map(|(_, v)| *v).collect::<Vec<_>>());
    let mut spans = vec![Span::raw("    ")];
    for (k, ((side, _), shown)) in sides.into_iter().zip(shown).enumerate() {
        if k > 0 {
            spans.push(Span::styled(" │ ", t.dim()));
        }
        let text = format!("{} {shown}", label(side, short));
        if chosen == Some(side) {
            spans.push(Span::styled(
                format!("[{}]", fit(&text, each.saturating_sub(2))),
                t.ok(),
            ));
        } else {
            spans.push(Span::styled(fit(&text, each), t.text()));
        }
    }
    Line::from(spans)
}

/// The selected row's versions in full, wrapped, when its line cannot
/// show them whole (empty when it can).
fn detail<'a>(row: &ConflictRow, w: usize, t: &Theme) -> Vec<Line<'a>> {
    let sides = sides(row);
    let (each, short) = each(sides.len(), w);
    let fits = sides.iter().all(|(side, v)| {
        let text = one_line(*v);
        !text.contains('⏎') && display_width(&text) + label(*side, short).len() < each
    });
    if fits {
        return Vec::new();
    }
    let indent = "      ";
    let room = w.saturating_sub(indent.len() + 8).max(8);
    let mut out = Vec::new();
    for (side, v) in sides {
        let text = v.unwrap_or("(absent)");
        let mut first = true;
        for part in text.split('\n').flat_map(|l| wrap(l, room)) {
            let head = if first {
                format!("{indent}{:<7} ", side.label())
            } else {
                format!("{indent}{:<7} ", "")
            };
            first = false;
            out.push(Line::from(vec![
                Span::styled(head, t.dim()),
                Span::styled(fit(&part, room), t.text()),
            ]));
        }
    }
    out
}

/// `text` in pieces of at most `room` columns (at least one, maybe empty).
fn wrap(text: &str, room: usize) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut used = 0;
    for c in text.chars() {
        let cw = display_width(c.encode_utf8(&mut [0; 4]));
        if used + cw > room {
            out.push(String::new());
            used = 0;
        }
        if let Some(last) = out.last_mut() {
            last.push(c);
        }
        used += cw;
    }
    out
}
