//! The experiment board: a column per status, cards by ICE, with owner,
//! linked key results, days to the review-by date and a STALE flag.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::fit;
use crate::model::{Hypothesis, HypothesisStatus};
use crate::score::ice;
use crate::tui::app::App;

/// Screen lines per card.
const CARD: u16 = 3;

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let selected = app.board.column.min(3);
    let mut hits = Vec::new();
    if area.width >= 60 {
        let cols = Layout::horizontal([Constraint::Ratio(1, 4); 4]).split(area);
        for (col, rect) in cols.iter().enumerate() {
            hits.push(column(frame, *rect, app, col, col == selected, false));
        }
    } else {
        // Narrow: the selected column only; h/l move between them.
        let mut none = vec![(Rect::default(), 0); 4];
        none[selected] = column(frame, area, app, selected, true, true);
        hits = none;
    }
    let mut h = app.hits.borrow_mut();
    h.columns = hits;
    h.row_height = CARD;
}

fn column(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    col: usize,
    focused: bool,
    arrows: bool,
) -> (Rect, usize) {
    let t = &app.theme;
    let status = HypothesisStatus::ALL[col];
    let cards = &app.cache.board[col];
    let title = if arrows {
        format!(" ‹ {} ({}) › ", status.label(), cards.len())
    } else {
        format!(" {} ({}) ", status.label(), cards.len())
    };
    let block = Block::bordered()
        .title(Span::styled(title, t.hypothesis_status(status)))
        .border_style(if focused { t.title() } else { t.border() });
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let fit_cards = usize::from(inner.height / CARD).max(1);
    let sel = app.board.rows[col];
    let offset = sel.saturating_sub(fit_cards - 1);
    let w = usize::from(inner.width);
    let mut lines = Vec::new();
    for (pos, &i) in cards.iter().enumerate().skip(offset).take(fit_cards) {
        let h = &app.plan().hypotheses[i];
        let mut card = card_lines(app, h, w);
        if focused && pos == sel {
            card = card.into_iter().map(|l| l.style(t.selected())).collect();
        }
        lines.extend(card);
    }
    if cards.is_empty() {
        lines.push(Line::from(Span::styled("none", t.dim())));
    }
    frame.render_widget(Paragraph::new(lines), inner);
    (inner, offset)
}

fn card_lines(app: &App, h: &Hypothesis, w: usize) -> Vec<Line<'static>> {
    let t = &app.theme;
    let stale = h.is_stale(app.today);
    // In a narrow column the STALE flag matters more than the word "ICE".
    let long = format!("ICE {}", ice(h));
    let room = w.saturating_sub(h.id.len() + 1 + if stale { 6 } else { 0 });
    let mut head = vec![
        Span::styled(format!("{} ", h.id), t.key()),
        Span::raw(if long.len() <= room {
            long
        } else {
            ice(h).to_string()
        }),
    ];
    if stale {
        head.push(Span::styled(" STALE", t.error()));
    }
    let mut facts = Vec::new();
    if !h.owner.is_empty() {
        facts.push(h.owner.clone());
    }
    if !h.key_results.is_empty() {
        facts.push(h.key_results.join(","));
    }
    if !h.status.is_decided()
        && let Some(review) = h.review_by
    {
        let days = (review - app.today).num_days();
        facts.push(if days >= 0 {
            format!("review in {days}d")
        } else {
            format!("review {}d late", -days)
        });
    }
    vec![
        Line::from(head),
        Line::from(Span::styled(fit(&h.title, w), t.title())),
        Line::from(Span::styled(fit(&facts.join(" · "), w), t.dim())),
    ]
}
