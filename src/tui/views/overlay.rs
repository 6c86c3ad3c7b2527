//! Overlays drawn over the current view: help, the y/n prompt, the filter.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::{centered, heading};
use crate::text::{count, display_width};
use crate::tui::app::{App, FilterField, ModeKind};
use crate::tui::keymap::{self, Scope};

/// The keys of the current view, then the global ones: generated from the
/// keymap, so it lists exactly what works.
pub fn help(frame: &mut Frame, area: Rect, app: &App, scroll: u16) {
    let t = &app.theme;
    let entries = keymap::help_for(app.view);
    let key_w = entries
        .iter()
        .map(|(_, k, _)| display_width(&k.join(" ")))
        .max()
        .unwrap_or(0)
        .min(20);
    let mut lines = Vec::new();
    let mut last: Option<Scope> = None;
    for (scope, keys, help) in entries {
        if last != Some(scope) {
            if last.is_some() {
                lines.push(Line::from(""));
            }
            lines.push(heading(scope.label(), t.heading()));
            last = Some(scope);
        }
        let keys = keys.join(" ");
        let pad = key_w.saturating_sub(display_width(&keys));
        lines.push(Line::from(vec![
            Span::styled(format!("  {keys}{}  ", " ".repeat(pad)), t.key()),
            Span::raw(help),
        ]));
    }
    let popup = centered(area, 64, u16::try_from(lines.len() + 2).unwrap_or(u16::MAX));
    let block = Block::bordered()
        .title(format!(" Keys: {} ", app.view.title()))
        .title_bottom(format!(" {} ", keymap::hints(ModeKind::Help).join(" · ")))
        .border_style(t.border());
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines).block(block).scroll((scroll, 0)),
        popup,
    );
}

pub fn confirm(frame: &mut Frame, area: Rect, app: &App, prompt: &str) {
    let t = &app.theme;
    let popup = centered(area, 60, 6);
    let block = Block::bordered()
        .title(" Confirm ")
        .title_bottom(format!(
            " {} ",
            keymap::hints(ModeKind::Confirm).join(" · ")
        ))
        .border_style(t.warn());
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(prompt.to_owned())
            .wrap(Wrap { trim: true })
            .block(block),
        popup,
    );
}

/// Quitting with a change that is not on disk: why, and the three ways on,
/// wrapped to the popup so every sentence ends on screen.
pub fn quit(frame: &mut Frame, area: Rect, app: &App, reason: &str) {
    let t = &app.theme;
    let width = 72.min(area.width);
    let text = crate::text::sanitize(&crate::tui::quit::explain(reason)).into_owned();
    let lines: Vec<Line> = super::wrap::wrap(&text, usize::from(width.saturating_sub(2)))
        .into_iter()
        .map(Line::from)
        .collect();
    let popup = centered(
        area,
        width,
        u16::try_from(lines.len() + 2).unwrap_or(u16::MAX),
    );
    let block = Block::bordered()
        .title(" Unsaved change ")
        .title_bottom(format!(" {} ", keymap::hints(ModeKind::Quit).join(" · ")))
        .border_style(t.error());
    frame.render_widget(Clear, popup);
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}

pub fn filter(frame: &mut Frame, area: Rect, app: &App, field: FilterField) {
    let t = &app.theme;
    let f = &app.debt.filter;
    let any = |v: &Option<String>| v.clone().unwrap_or_else(|| "any".to_owned());
    let mut lines: Vec<Line> = FilterField::ALL
        .iter()
        .map(|&ff| {
            let value = match ff {
                FilterField::Status => f.status.label().to_owned(),
                FilterField::Owner => any(&f.owner),
                FilterField::Area => any(&f.area),
                FilterField::Tag => any(&f.tag),
            };
            let text = format!(" {:<7}‹ {} ›", ff.label(), super::fit(&value, 30));
            if ff == field {
                Line::from(Span::styled(text, t.selected()))
            } else {
                Line::from(text)
            }
        })
        .collect();
    lines.push(Line::from(Span::styled(
        format!(" {} match", count(app.cache.debt_rows.len(), "item")),
        t.dim(),
    )));
    lines.push(Line::from(""));
    for hint in keymap::hints(ModeKind::Filter) {
        lines.push(Line::from(Span::styled(format!(" {hint}"), t.dim())));
    }
    let popup = centered(area, 48, u16::try_from(lines.len() + 2).unwrap_or(u16::MAX));
    let block = Block::bordered().title(" Filter ").border_style(t.border());
    frame.render_widget(Clear, popup);
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}
