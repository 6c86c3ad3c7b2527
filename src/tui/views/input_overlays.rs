//! The overlays that take input — forms, search, the palette — and the
//! discard question over a form, drawn over the view. (The one-line
//! prompts are drawn by `dialogs`.)

use ratatui::Frame;
use ratatui::layout::Rect;

use super::overlay;
use crate::tui::app::{App, Mode, Question};
use crate::tui::components::Styles;

/// The components' styles for the app's theme (`NO_COLOR`: no colours).
pub fn styles(app: &App) -> Styles {
    if app.theme.color {
        Styles::color()
    } else {
        Styles::plain()
    }
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let styles = styles(app);
    match &app.mode {
        Mode::Form(state) => state.form.render(frame, area, &styles),
        Mode::Search(p) | Mode::Palette(p) => p.picker.render(frame, area, &styles),
        Mode::Ask(q) => {
            match q.as_ref() {
                Question::Discard(state) => state.form.render(frame, area, &styles),
                Question::DiscardAndQuit(held) => {
                    if let Mode::Form(state) = held.as_ref() {
                        state.form.render(frame, area, &styles);
                    }
                }
                Question::Reload => {}
            }
            overlay::confirm(frame, area, app, &q.prompt(app));
        }
        _ => {}
    }
}
