//! The lifecycle dialogs: a one-line prompt and the sprint close checklist.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::wrap::wrap;
use super::{centered, fit};

/// A prompt box's width at most, and the lines its hint may take.
const PROMPT_WIDTH: u16 = 64;
const HINT_LINES: usize = 3;
use crate::planning;
use crate::tui::app::{App, Checklist, ModeKind, Prompt};
use crate::tui::keymap;

pub fn prompt(frame: &mut Frame, area: Rect, app: &App, p: &Prompt) {
    let t = &app.theme;
    // The hint wraps (up to HINT_LINES lines) rather than being cut: the
    // box is 64 columns at most, narrower on a narrow terminal.
    let inner_w = usize::from(PROMPT_WIDTH.min(area.width).saturating_sub(2));
    let mut hint = wrap(&p.hint, inner_w.max(1));
    if hint.len() > HINT_LINES {
        hint.truncate(HINT_LINES);
        if let Some(last) = hint.last_mut() {
            *last = fit(&format!("{last} …"), inner_w);
        }
    }
    let hint_lines = u16::try_from(hint.len()).unwrap_or(1).max(1);
    let h = 4 + hint_lines + u16::from(p.error.is_some());
    let popup = centered(area, PROMPT_WIDTH, h);
    let block = Block::bordered()
        .title(format!(" {} ", fit(&p.title, 58)))
        .title_bottom(format!(" {} ", keymap::hints(ModeKind::Prompt).join(" · ")))
        .border_style(t.border());
    let inner = block.inner(popup);
    frame.render_widget(Clear, popup);
    frame.render_widget(block, popup);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    let input = Rect { height: 1, ..inner };
    if let Some(pos) = p.input.render(frame, input, t.selected()) {
        frame.set_cursor_position(pos);
    }
    let w = usize::from(inner.width);
    let mut lines: Vec<Line> = hint
        .into_iter()
        .map(|l| Line::from(Span::styled(fit(&l, w), t.dim())))
        .collect();
    if let Some(e) = &p.error {
        lines.push(Line::from(Span::styled(fit(e, w), t.error())));
    }
    let rest = Rect {
        y: inner.y.saturating_add(1),
        height: inner.height.saturating_sub(1),
        ..inner
    };
    frame.render_widget(Paragraph::new(lines), rest);
}

pub fn checklist(frame: &mut Frame, area: Rect, app: &App, c: &Checklist) {
    let t = &app.theme;
    let rows = u16::try_from(c.items.len()).unwrap_or(u16::MAX);
    let popup = centered(area, 70, rows.saturating_add(4).max(5));
    let block = Block::bordered()
        .title(format!(
            " Close {}: which items are done? ",
            fit(&c.sprint, 20)
        ))
        .title_bottom(format!(
            " {} ",
            keymap::hints(ModeKind::Checklist).join(" · ")
        ))
        .border_style(t.warn());
    let inner = block.inner(popup);
    frame.render_widget(Clear, popup);
    frame.render_widget(block, popup);
    let w = usize::from(inner.width);
    let height = usize::from(inner.height.saturating_sub(1));
    let offset = c.selected.saturating_sub(height.saturating_sub(1));
    let mut lines: Vec<Line> = Vec::new();
    let (mut done_pts, mut total) = (0u32, 0u32);
    for (id, done) in &c.items {
        let e = app.plan().debt(id).and_then(|d| d.effort).unwrap_or(0);
        total += e;
        if *done {
            done_pts += e;
        }
    }
    for (pos, (id, done)) in c.items.iter().enumerate().skip(offset).take(height) {
        let title = app.plan().debt(id).map_or("", |d| d.title.as_str());
        let effort = crate::text::effort(app.plan().debt(id).and_then(|d| d.effort));
        let text = format!(
            "[{}] {id} {effort:>3} {}",
            if *done { "x" } else { " " },
            fit(title, w.saturating_sub(id.len() + 10))
        );
        let style = if pos == c.selected {
            t.selected()
        } else {
            t.text()
        };
        lines.push(Line::from(Span::styled(text, style)));
    }
    if c.items.is_empty() {
        lines.push(Line::from(Span::styled(
            "no items: Enter closes it",
            t.dim(),
        )));
    }
    let dest = app
        .plan()
        .sprint(&c.sprint)
        .and_then(|s| planning::next_planned(app.plan(), s))
        .map_or_else(
            || "back to the backlog".to_owned(),
            |n| format!("to {}", n.id),
        );
    lines.push(Line::from(Span::styled(
        fit(
            &format!("done {done_pts} of {total} pts; the rest go {dest}"),
            w,
        ),
        t.dim(),
    )));
    frame.render_widget(Paragraph::new(lines), inner);
}
