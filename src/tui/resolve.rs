//! `bearing resolve` with no side on a terminal: the conflict screen over
//! the git conflict-marker blocks of a plan file, one row per block. The
//! person picks mine (the block's ours), theirs or base per block; Enter,
//! once all are picked, settles the text through `store::resolve` (the
//! same write as `bearing resolve --ours|--theirs`: the whole file must
//! then load, and is saved canonically with a backup); Esc or Ctrl-C
//! leave with nothing written.
//!
//! Keys go through the keymap's conflict-screen scope to an action, a
//! pure [`step`] changes the screen's data, the view draws it.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::Context;
use ratatui::crossterm::event::{self, Event, KeyEventKind};
use ratatui::layout::{Constraint, Layout};
use ratatui::text::Span;
use ratatui::widgets::Paragraph;

use super::action::{Action, View};
use super::keymap;
use super::state::{Applies, ConflictRow, ConflictScreen, ModeKind, Pick};
use super::theme::Theme;
use super::views;
use crate::merge::SETTINGS;
use crate::merge::markers::{Block, Side};
use crate::store::{self, resolve::Resolved};
use crate::text::sanitize;

/// What a key came to on the screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Stay; say this on the status line, if anything.
    Stay(Option<String>),
    /// Every block is picked: settle with these.
    Apply(Vec<Pick>),
    /// Leave with nothing written.
    Leave,
}

/// The screen for `blocks` of the file at `path`.
pub fn screen(path: &Path, blocks: &[Block]) -> ConflictScreen {
    let rows = blocks.iter().map(row).collect();
    let file = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    ConflictScreen::new(
        format!("{file}: merge conflicts"),
        rows,
        Applies::Markers {
            path: path.to_path_buf(),
            starts: blocks.iter().map(|b| b.start_line).collect(),
        },
    )
}

fn row(b: &Block) -> ConflictRow {
    let field = b.field.clone();
    // One check-in on each side, of the same date: labelled by its date,
    // its values shown (the date is the same on both).
    if let (Some((date, _)), Some((theirs_date, _))) = (checkin(&b.ours), checkin(&b.theirs))
        && date == theirs_date
    {
        let value = |text: &str| Some(checkin(text).map_or_else(|| side_text(text, None), |c| c.1));
        let mut row = row_with(b, None, &value);
        row.field = format!("check-in {}", sanitize(&date));
        return row;
    }
    let side = |text: &str| Some(side_text(text, field.as_deref()));
    row_with(b, field.as_deref(), &side)
}

/// A side that is one check-in (`(date: "…", value: …),` over one or more
/// lines): its date and value.
fn checkin(text: &str) -> Option<(String, String)> {
    let flat: String = text.lines().map(str::trim).collect::<Vec<_>>().join(" ");
    if flat.matches("date:").count() != 1 {
        return None;
    }
    let after = |key: &str| -> Option<String> {
        let rest = &flat[flat.find(key)? + key.len()..];
        let end = rest.find([',', ')']).unwrap_or(rest.len());
        Some(rest[..end].trim().trim_matches('"').to_owned())
    };
    Some((after("date:")?, sanitize(&after("value:")?).into_owned()))
}

fn row_with(b: &Block, field: Option<&str>, side: &dyn Fn(&str) -> Option<String>) -> ConflictRow {
    let labels = [b.labels.ours.as_deref(), b.labels.theirs.as_deref()];
    let title = match labels {
        [Some(o), Some(t)] => format!("line {}: {} ↔ {}", b.start_line, o, t),
        _ => format!("line {}", b.start_line),
    };
    ConflictRow {
        item: sanitize(b.id.as_deref().unwrap_or(SETTINGS)).into_owned(),
        title: sanitize(&title).into_owned(),
        field: field.map_or_else(|| "the whole item".to_owned(), super::merged::field_name),
        base: b.base.as_deref().and_then(side),
        mine: side(&b.ours),
        theirs: side(&b.theirs),
        has_base: b.base.is_some(),
    }
}

/// A side's lines as the screen shows them: one `field: value,` line is its
/// value; more lines are joined; nothing is "(nothing)".
fn side_text(text: &str, field: Option<&str>) -> String {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    match lines.as_slice() {
        [] => "(nothing)".to_owned(),
        [one] => {
            // A nested settings field (`weights.risk`) is its last key on the line.
            let value = field
                .and_then(|f| one.strip_prefix(f.rsplit('.').next().unwrap_or(f)))
                .and_then(|rest| rest.strip_prefix(':'))
                .map_or(*one, str::trim);
            let value = value.strip_suffix(',').unwrap_or(value);
            sanitize(value.trim_matches('"')).into_owned()
        }
        many => sanitize(&many.join(" ")).into_owned(),
    }
}

/// One action on the screen: pure, so every key sequence is testable.
pub fn step(screen: &mut ConflictScreen, action: Action) -> Step {
    match action {
        Action::MoveDown => screen.step(1),
        Action::MoveUp => screen.step(-1),
        Action::PickSide(pick) => return Step::Stay(screen.pick(pick).err()),
        Action::Submit => {
            return match screen.all_picked() {
                Some(picks) => Step::Apply(picks),
                None => Step::Stay(Some(format!(
                    "{} still to pick: nothing written",
                    super::state::plural(screen.rows.len() - screen.picked(), "conflict")
                ))),
            };
        }
        Action::Cancel | Action::Quit => return Step::Leave,
        _ => {}
    }
    Step::Stay(None)
}

/// The marker side for a pick.
pub fn side(pick: Pick) -> Side {
    match pick {
        Pick::Mine => Side::Ours,
        Pick::Theirs => Side::Theirs,
        Pick::Base => Side::Base,
    }
}

/// Settles the file at `path` with a pick per block of `screen` (the file
/// must still hold the same blocks: else nothing is written).
pub fn apply(path: &Path, screen: &ConflictScreen, picks: &[Pick]) -> anyhow::Result<Resolved> {
    let Applies::Markers { starts, .. } = &screen.applies else {
        anyhow::bail!("these conflicts are not a file's markers");
    };
    let chosen: BTreeMap<usize, Side> = starts
        .iter()
        .zip(picks)
        .map(|(start, pick)| (*start, side(*pick)))
        .collect();
    store::resolve::resolve(path, |blocks: &[Block]| {
        let now: Vec<usize> = blocks.iter().map(|b| b.start_line).collect();
        if !starts.iter().all(|s| now.contains(s)) {
            anyhow::bail!(
                "{} changed while the conflicts were picked; nothing written: run bearing resolve again",
                path.display()
            );
        }
        Ok(chosen.clone())
    })
}

/// The screen on the terminal over the marker blocks of `path` that
/// `wanted` keeps (the others stay in the file): `Ok(None)` when there are
/// none or the person left; else what was settled.
pub fn run(path: &Path, wanted: impl Fn(&Block) -> bool) -> anyhow::Result<Option<Resolved>> {
    let blocks: Vec<Block> = store::resolve::blocks(path)?
        .into_iter()
        .filter(|b| wanted(b))
        .collect();
    if blocks.is_empty() {
        return Ok(None);
    }
    let mut screen = screen(path, &blocks);
    let theme = Theme::from_env();
    let mut terminal = ratatui::init();
    let mut message: Option<String> = None;
    let picked = loop {
        let drawn = terminal.draw(|frame| {
            let [body, status] =
                Layout::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(frame.area());
            views::conflicts::draw(frame, body, &screen, &theme);
            let line = message.clone().unwrap_or_else(|| {
                "pick a version of each conflict; Enter settles the file".to_owned()
            });
            frame.render_widget(
                Paragraph::new(Span::styled(line, theme.status_bar())),
                status,
            );
        });
        if let Err(e) = drawn {
            ratatui::restore();
            return Err(e).context("drawing the conflict screen");
        }
        let key = match event::read() {
            Ok(Event::Key(key)) if key.kind != KeyEventKind::Release => key,
            Ok(_) => continue,
            Err(e) => {
                ratatui::restore();
                return Err(e).context("reading a key");
            }
        };
        let Some(action) = keymap::lookup(ModeKind::Conflicts, View::Overview, key) else {
            continue;
        };
        match step(&mut screen, action) {
            Step::Stay(said) => message = said,
            Step::Apply(picks) => break Some(picks),
            Step::Leave => break None,
        }
    };
    ratatui::restore();
    match picked {
        Some(picks) => apply(path, &screen, &picks).map(Some),
        None => Ok(None),
    }
}

#[cfg(test)]
mod tests;
