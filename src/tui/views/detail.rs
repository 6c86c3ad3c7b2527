use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Clear, Paragraph};

use super::centered;
use crate::tui::action::View;
use crate::tui::app::App;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, scroll: u16) {
    let popup = centered(area, 80, 20);
    let lines = match (app.view, app.selected_debt_index()) {
        (View::Debt, Some(i)) => {
            super::debt::detail_lines(app, i, usize::from(popup.width.saturating_sub(2)))
        }
        _ => vec![],
    };
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines)
            .block(Block::bordered().title(" Detail "))
            .scroll((scroll, 0)),
        popup,
    );
}
