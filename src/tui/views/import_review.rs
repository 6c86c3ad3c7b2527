//! A refused CSV import: every problem in a scrollable list, each wrapped
//! in full, with what Enter would import above it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::{centered, fit};
use crate::text::{display_width, sanitize};
use crate::tui::app::{App, ImportReview, ModeKind};
use crate::tui::keymap;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, r: &ImportReview) {
    let t = &app.theme;
    let width = area.width.saturating_sub(4).clamp(20, 110);
    let inner_w = usize::from(width.saturating_sub(2)).max(1);
    // Each problem in full, the selected one marked (visible without colour).
    let lines: Vec<Vec<String>> = r
        .problems
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let mark = if i == r.selected { "› " } else { "  " };
            wrap(p, inner_w.saturating_sub(2))
                .into_iter()
                .enumerate()
                .map(|(k, l)| format!("{}{l}", if k == 0 { mark } else { "  " }))
                .collect()
        })
        .collect();
    let total: usize = lines.iter().map(Vec::len).sum();
    let want = u16::try_from(total.saturating_add(4)).unwrap_or(u16::MAX);
    let popup = centered(area, width, want.max(6));
    let position = format!("{}/{}", r.selected + 1, r.problems.len());
    let block = Block::bordered()
        .title(format!(
            " Import {} — {position} ",
            fit(&r.path, inner_w.saturating_sub(20))
        ))
        .title_bottom(format!(
            " {} ",
            keymap::hints(ModeKind::ImportReview).join(" · ")
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
        Line::from(Span::styled(fit(&r.summary(), w), t.warn())),
        Line::default(),
    ];
    let height = usize::from(inner.height).saturating_sub(out.len());
    let first = first_shown(&lines, r.selected, height);
    for (i, entry) in lines.iter().enumerate().skip(first) {
        let style = if i == r.selected {
            t.selected()
        } else {
            t.text()
        };
        for l in entry {
            out.push(Line::from(Span::styled(l.clone(), style)));
        }
        if out.len() >= usize::from(inner.height) {
            break;
        }
    }
    frame.render_widget(Paragraph::new(out), inner);
}

/// The first problem to draw so that the selected one is shown in full:
/// as many of those before it as fit.
fn first_shown(lines: &[Vec<String>], selected: usize, height: usize) -> usize {
    if lines.is_empty() {
        return 0;
    }
    let mut used = 0;
    let mut first = selected.min(lines.len());
    for i in (0..=selected.min(lines.len().saturating_sub(1))).rev() {
        used += lines[i].len();
        if used > height && i < selected {
            break;
        }
        first = i;
    }
    first
}

/// `text` (made safe for the terminal) cut into lines of at most `width`
/// columns, at spaces where it can; continuation lines are indented.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let clean = sanitize(text);
    let mut out: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in clean.split(' ') {
        let limit = if out.is_empty() {
            width
        } else {
            width.saturating_sub(2)
        };
        let sep = usize::from(!line.is_empty());
        if display_width(&line) + sep + display_width(word) <= limit {
            if sep == 1 {
                line.push(' ');
            }
            line.push_str(word);
            continue;
        }
        if !line.is_empty() {
            out.push(std::mem::take(&mut line));
        }
        // A word longer than a line is cut where it reaches the edge.
        let limit = width.saturating_sub(2).max(1);
        for c in word.chars() {
            if display_width(&line) + display_width(c.encode_utf8(&mut [0; 4])) > limit {
                out.push(std::mem::take(&mut line));
            }
            line.push(c);
        }
    }
    out.push(line);
    out.into_iter()
        .enumerate()
        .map(|(i, l)| if i == 0 { l } else { format!("  {l}") })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_every_character_and_fits() {
        let text = "x.csv:12: risk: must be 0–5, got 9 and a verylongwordthatdoesnotfitatall";
        let lines = wrap(text, 16);
        assert!(lines.iter().all(|l| display_width(l) <= 16), "{lines:?}");
        let joined: String = lines.concat().replace(' ', "");
        assert_eq!(joined, text.replace(' ', ""));
    }

    #[test]
    fn the_selected_problem_is_shown() {
        let lines: Vec<Vec<String>> = (0..10).map(|_| vec![String::new(); 2]).collect();
        assert_eq!(first_shown(&lines, 0, 5), 0);
        assert_eq!(first_shown(&lines, 9, 5), 8);
        assert_eq!(first_shown(&lines, 9, 1), 9);
        assert_eq!(first_shown(&[], 0, 5), 0);
    }
}
