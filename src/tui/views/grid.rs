//! A plain column layout for tables: fixed widths plus one column that takes
//! the rest. Cheaper than a constraint solver per frame, and each row is one
//! `Line` built only for the rows on screen.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::text::{display_width, truncate};

/// A column's width: `None` takes whatever the fixed ones leave.
pub type Width = Option<u16>;

/// Widths of the columns in `total` cells, one space between columns.
pub fn widths(cols: &[Width], total: u16) -> Vec<u16> {
    let gaps = cols.len().saturating_sub(1) as u16;
    let fixed: u16 = cols.iter().map(|c| c.unwrap_or(0)).sum::<u16>() + gaps;
    let fill = total.saturating_sub(fixed);
    cols.iter().map(|c| c.unwrap_or(fill)).collect()
}

/// Cuts or pads a cell's spans to exactly `w` columns.
fn fit_cell(spans: Vec<Span<'static>>, w: usize) -> Vec<Span<'static>> {
    let mut out = Vec::with_capacity(spans.len() + 1);
    let mut used = 0;
    for s in spans {
        let sw = display_width(&s.content);
        if used + sw <= w {
            used += sw;
            out.push(s);
        } else {
            let cut = truncate(&s.content, w - used).into_owned();
            used += display_width(&cut);
            out.push(Span::styled(cut, s.style));
            break;
        }
    }
    if used < w {
        out.push(Span::raw(" ".repeat(w - used)));
    }
    out
}

/// One table row as a line: cells fitted to `widths`, separated by a space.
pub fn row(cells: Vec<Vec<Span<'static>>>, widths: &[u16], style: Style) -> Line<'static> {
    let mut spans = Vec::new();
    for (i, (cell, w)) in cells.into_iter().zip(widths).enumerate() {
        if i > 0 {
            spans.push(Span::raw(" "));
        }
        spans.extend(fit_cell(cell, usize::from(*w)));
    }
    Line::from(spans).style(style)
}

/// A cell of plain text.
pub fn text(s: impl Into<String>) -> Vec<Span<'static>> {
    vec![Span::raw(s.into())]
}

/// The header row.
pub fn header(names: &[&str], widths: &[u16], style: Style) -> Line<'static> {
    row(names.iter().map(|n| text(*n)).collect(), widths, style)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_takes_the_rest_and_cells_are_cut() {
        assert_eq!(widths(&[Some(4), None, Some(6)], 30), [4, 18, 6]);
        assert_eq!(widths(&[Some(4), None], 3), [4, 0]);
        let l = row(
            vec![text("abc"), text("long title here")],
            &[2, 6],
            Style::new(),
        );
        let s: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(s, "a… long …");
    }
}
