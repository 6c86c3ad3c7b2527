//! Drawing the org UI: a title line, the views' tabs, the table of the
//! view (only the rows that fit are built, so 200 teams' debt draws as
//! fast as a few), and a bottom line with the search, a message or the
//! keys. Any size works: what does not fit is left out, never a panic.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Row, Table, TableState};
use unicode_width::UnicodeWidthStr;

use super::{OrgApp, OrgView};
use crate::tui::views::wrap::wrap;

/// The widest a column other than the flexible one gets while the table
/// chooses which columns fit (room left over widens it to its longest cell).
const MAX_COLUMN: usize = 28;
/// The least the flexible column (a title, a name) is given before other
/// columns are left out.
const MIN_FLEX: usize = 24;

pub fn draw(frame: &mut Frame, app: &OrgApp) {
    let area = frame.area();
    if area.height == 0 || area.width == 0 {
        return;
    }
    let said = bottom_lines(app, area.width, area.height);
    let [title, tabs, body, bottom] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(u16::try_from(said.len()).unwrap_or(1)),
    ])
    .areas(area);
    let t = app.theme;
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(NAME, t.title()),
            Span::styled(
                title_words(app, usize::from(area.width).saturating_sub(NAME.width())),
                t.dim(),
            ),
        ])),
        title,
    );
    let mut spans = Vec::new();
    for (i, v) in OrgView::ALL.iter().enumerate() {
        let style = if *v == app.view {
            t.tab_active()
        } else {
            t.tab()
        };
        spans.push(Span::styled(format!(" {} {} ", i + 1, v.title()), style));
        spans.push(Span::raw(" "));
    }
    let shown = app.visible.len();
    let all = app.table().rows.len();
    spans.push(Span::styled(
        if shown == all {
            format!("{all} rows")
        } else {
            format!("{shown} of {all} rows")
        },
        t.dim(),
    ));
    frame.render_widget(Paragraph::new(Line::from(spans)), tabs);
    draw_table(frame, app, body);
    frame.render_widget(Paragraph::new(said), bottom);
    if app.help {
        draw_help(frame, app, area);
    }
}

/// The title line's first words.
const NAME: &str = " bearing org ";
/// The least of a cut part of the title line worth showing (with its `…`).
const MIN_PART: usize = 8;

/// The title line after its name, within `room` columns: `· TITLE · LABEL
/// · as of DATE · read-only`. What does not fit gives way in order — the
/// label (the workspace's path) is cut, then left out, then the title —
/// so `as of DATE · read-only` always stays.
fn title_words(app: &OrgApp, room: usize) -> String {
    let tail = format!("as of {} · read-only", app.today);
    let title = app.title.as_deref().map(crate::text::sanitize);
    let label = app.label.as_str();
    let line = |parts: &[&str]| {
        let mut out = String::new();
        for p in parts.iter().filter(|p| !p.is_empty()) {
            out.push_str("· ");
            out.push_str(p);
            out.push(' ');
        }
        out.push_str("· ");
        out.push_str(&tail);
        out
    };
    let title = title.as_deref().unwrap_or("");
    let whole = line(&[title, label]);
    if whole.width() <= room {
        return whole;
    }
    // The room one part has when the other is `other`.
    let left = |other: &str| room.saturating_sub(line(&[other, "x"]).width() - 1);
    let fits = left(title);
    if fits >= MIN_PART {
        return line(&[title, &cut(label, fits)]);
    }
    let without = line(&[title]);
    if without.width() <= room || title.is_empty() {
        return without;
    }
    let fits = left("");
    if fits >= MIN_PART {
        return line(&[&cut(title, fits)]);
    }
    line(&[])
}

/// `?`: the org UI's keys ([`super::keys::KEYS`]) in a box over the view,
/// as many as fit.
fn draw_help(frame: &mut Frame, app: &OrgApp, area: Rect) {
    use ratatui::widgets::{Block, Borders, Clear};
    let t = app.theme;
    let keys = super::keys::KEYS;
    let key_width = keys.iter().map(|(k, _)| k.width()).max().unwrap_or(0);
    let lines: Vec<Line> = keys
        .iter()
        .map(|(k, what)| {
            Line::from(vec![
                Span::styled(format!(" {k:<key_width$}  "), t.key()),
                Span::raw(*what),
            ])
        })
        .collect();
    let widest = keys
        .iter()
        .map(|(_, w)| w.width() + key_width + 4)
        .max()
        .unwrap_or(0);
    let w = u16::try_from(widest + 2)
        .unwrap_or(u16::MAX)
        .min(area.width);
    let h = u16::try_from(lines.len() + 2)
        .unwrap_or(u16::MAX)
        .min(area.height);
    let rect = Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    };
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(t.border())
                .title(Span::styled(" org keys · any key closes ", t.title())),
        ),
        rect,
    );
}

/// The bottom lines: the search line; on a team not read why (its row has
/// only room for the start), wrapped whole over as many lines as it needs,
/// with a message above it when there is room (the reason wins: a message
/// left by a reload must not hide it); else a message; else the keys. The
/// table gives up rows for them but keeps its header and the cursor's row,
/// and only then is the last line cut with `…`.
fn bottom_lines(app: &OrgApp, width: u16, height: u16) -> Vec<Line<'static>> {
    let t = app.theme;
    if app.typing {
        return vec![Line::from(vec![
            Span::styled("/", t.key()),
            Span::raw(app.query.clone()),
            Span::styled("▏  Enter keep · Esc clear", t.dim()),
        ])];
    }
    let why = app.current().filter(|r| r.warn).and_then(|row| {
        let why = row.cells.get(1)?;
        Some(format!(
            "{}: {why}",
            row.cells.first().map_or("", String::as_str)
        ))
    });
    // The title, the tabs, the table's header and the cursor's row.
    let room = usize::from(height).saturating_sub(4).max(1);
    let columns = usize::from(width).saturating_sub(1).max(1);
    let wrapped = |said: &str| wrap(&crate::text::sanitize(said), columns);
    let mut lines = match (why, &app.message) {
        (Some(why), message) => {
            let mut lines = wrapped(&why);
            if let Some(m) = message {
                let above = wrapped(m);
                if above.len() + lines.len() <= room {
                    lines.splice(0..0, above);
                }
            }
            lines
        }
        (None, Some(m)) => wrapped(m),
        (None, None) => Vec::new(),
    };
    if !lines.is_empty() {
        if lines.len() > room {
            lines.truncate(room);
            if let Some(last) = lines.last_mut() {
                *last = cut(last, columns);
            }
        }
        return lines
            .into_iter()
            .map(|l| Line::from(Span::styled(format!(" {l}"), t.warn())))
            .collect();
    }
    let mut spans = Vec::new();
    if !app.query.is_empty() {
        spans.push(Span::styled(format!(" /{} ", app.query), t.key()));
    }
    for (k, what) in [
        ("1-4", "views"),
        ("/", "search"),
        ("Enter", "open team (read-only)"),
        ("r", "reload"),
        ("?", "keys"),
        ("q", "quit"),
    ] {
        spans.push(Span::styled(format!(" {k}"), t.key()));
        spans.push(Span::styled(format!(" {what} "), t.dim()));
    }
    vec![Line::from(spans)]
}

/// `line` ended with `…` (it goes on), within `columns`.
fn cut(line: &str, columns: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    for c in line.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w + 1 > columns {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

fn draw_table(frame: &mut Frame, app: &OrgApp, area: Rect) {
    let t = app.theme;
    let table = app.table();
    if area.height < 2 {
        return;
    }
    if app.visible.is_empty() {
        let why = if app.query.is_empty() {
            match app.view {
                OrgView::Teams => "no teams in the workspace",
                OrgView::Debt => "no open debt with an estimate in any team",
                OrgView::KeyResults => "no key results in any team",
                OrgView::Sprints => "no active or planned sprint in any team",
            }
            .to_owned()
        } else {
            format!("nothing matches \"{}\" here", app.query)
        };
        frame.render_widget(Paragraph::new(format!(" {why}")).style(t.dim()), area);
        return;
    }
    // Only the rows that fit: the window that keeps the cursor in sight.
    let fits = usize::from(area.height - 1);
    let start = app.selected.saturating_sub(fits.saturating_sub(1));
    let window: Vec<_> = app
        .visible
        .iter()
        .skip(start)
        .take(fits)
        .filter_map(|&i| table.rows.get(i))
        .collect();
    // Each column's width (the flexible one's is what is left), then the
    // table's drop order until the rest fit with room for the flexible one.
    let full: Vec<usize> = (0..table.headers.len())
        .map(|c| {
            window
                .iter()
                // A warning row's reason sits in the flexible column, which
                // takes what is left anyway; its other cells count.
                .filter(|r| !r.warn || c != table.flex)
                .filter_map(|r| r.cells.get(c))
                .map(|s| s.width())
                .chain([table.headers[c].width()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let natural: Vec<usize> = full.iter().map(|w| (*w).min(MAX_COLUMN)).collect();
    let mut keep: Vec<usize> = (0..table.headers.len()).collect();
    let need = |keep: &[usize]| {
        keep.iter()
            // The flexible column needs no more than its longest cell.
            .map(|&c| {
                if c == table.flex {
                    natural[c].min(MIN_FLEX)
                } else {
                    natural[c]
                }
            } + 1)
            .sum::<usize>()
    };
    for d in &table.drop {
        if need(&keep) <= usize::from(area.width) {
            break;
        }
        keep.retain(|c| c != d);
    }
    // The room left over goes first to the columns cut at MAX_COLUMN (a
    // sprint's "active, ended 26 days ago — close it" whole), and only
    // then to the flexible column (a name with blank space after it).
    let mut spare = usize::from(area.width).saturating_sub(need(&keep));
    let mut given = natural.clone();
    for &c in keep.iter().filter(|&&c| c != table.flex) {
        let more = full[c].saturating_sub(natural[c]).min(spare);
        given[c] += more;
        spare -= more;
    }
    let widths: Vec<Constraint> = keep
        .iter()
        .map(|&c| {
            if c == table.flex {
                Constraint::Fill(1)
            } else {
                Constraint::Length(u16::try_from(given[c]).unwrap_or(u16::MAX))
            }
        })
        .collect();
    let pick = |cells: &[String]| -> Vec<String> {
        keep.iter()
            .map(|&c| {
                cells
                    .get(c)
                    .map(|s| crate::text::sanitize(s).into_owned())
                    .unwrap_or_default()
            })
            .collect()
    };
    let rows = window.iter().map(|r| {
        let row = Row::new(pick(&r.cells));
        if r.warn { row.style(t.warn()) } else { row }
    });
    let headers: Vec<String> = keep.iter().map(|&c| table.headers[c].to_owned()).collect();
    let widget = Table::new(rows, widths)
        .header(Row::new(headers).style(t.header()))
        .column_spacing(1)
        .row_highlight_style(t.selected());
    let mut state = TableState::default().with_selected(Some(app.selected - start));
    frame.render_stateful_widget(widget, area, &mut state);
}
