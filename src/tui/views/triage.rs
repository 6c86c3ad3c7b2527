//! The triage card: the item's title, what it is about, and the row of six
//! fields (four ratings, effort, owner) with the one the next key sets
//! highlighted.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::wrap::wrap;
use super::{centered, fit};
use crate::tui::app::{App, ModeKind};
use crate::tui::keymap;
use crate::tui::state::{OWNER, TRIAGE_FIELDS, Triage};

/// The urgency field's index in [`TRIAGE_FIELDS`].
const URGENCY: usize = 3;

/// Lines of description shown (the rest is cut: the card stays put).
const DESCRIPTION_LINES: usize = 4;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, tr: &Triage) {
    let t = &app.theme;
    let popup = centered(area, 80, 14);
    let block = Block::bordered()
        .title(format!(
            " Triage {} of {} ",
            tr.position(),
            tr.total.max(tr.position())
        ))
        .title_bottom(format!(" {} ", keymap::hints(ModeKind::Triage).join(" · ")))
        .border_style(t.warn());
    let inner = block.inner(popup);
    frame.render_widget(Clear, popup);
    frame.render_widget(block, popup);
    let w = usize::from(inner.width);
    if w == 0 {
        return;
    }
    let Some(d) = app.plan().debt(&tr.id) else {
        return;
    };
    let mut lines = vec![Line::from(vec![
        Span::styled(format!("{} ", d.id), t.key()),
        Span::styled(fit(&d.title, w.saturating_sub(d.id.len() + 1)), t.title()),
    ])];
    let mut facts = Vec::new();
    for (name, v) in [("area", &d.area)] {
        if !v.is_empty() {
            facts.push(format!("{name} {v}"));
        }
    }
    if !d.tags.is_empty() {
        facts.push(format!("tags {}", d.tags.join(", ")));
    }
    if let Some(due) = d.due {
        facts.push(format!("due {due}"));
    }
    if let Some(src) = &d.source {
        facts.push(src.clone());
    }
    lines.push(Line::from(Span::styled(
        fit(&facts.join(" · "), w),
        t.dim(),
    )));
    let mut text = wrap(&d.description, w);
    if text.len() > DESCRIPTION_LINES {
        text.truncate(DESCRIPTION_LINES);
        if let Some(last) = text.last_mut() {
            *last = fit(&format!("{last} …"), w);
        }
    }
    let shown = text.len();
    lines.extend(text.into_iter().map(Line::from));
    lines.extend((shown..DESCRIPTION_LINES).map(|_| Line::from("")));
    lines.push(Line::from(""));
    let mut row = Vec::new();
    for (i, name) in TRIAGE_FIELDS.iter().enumerate() {
        let mut value = tr.shown(i);
        if i == OWNER
            && let Some(c) = tr.completion()
        {
            value = format!("{value}… → {c}");
        }
        // Urgency as scored: the due date raises the typed rating.
        if i == URGENCY {
            let typed = tr.ratings[URGENCY];
            let due = crate::score::effective_urgency(typed, d.due, app.today);
            if due > typed {
                value = format!("{typed} (due: {due})");
            }
        }
        // Brackets as well as the highlight: visible without colour too.
        row.push(if i == tr.field {
            Span::styled(format!("[{name} {value}]"), t.selected())
        } else {
            Span::raw(format!(" {name} {value} "))
        });
        row.push(Span::raw(" "));
    }
    lines.push(Line::from(row));
    lines.push(Line::from(""));
    lines.push(match &tr.error {
        Some(e) => Line::from(Span::styled(fit(e, w), t.error())),
        None => Line::from(Span::styled(
            fit(
                "0–5 per rating, the effort's points, then letters: the owner (→ completes)",
                w,
            ),
            t.dim(),
        )),
    });
    frame.render_widget(Paragraph::new(lines), inner);
}
