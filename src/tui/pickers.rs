//! Search (`/`) and the command palette (`:`, Ctrl-p): both a fuzzy
//! [`Picker`] over the view. Search runs over a [`LazyIndex`] made the
//! first time it opens after a plan change and built by the search worker
//! (never on the input path), so typing never rebuilds it; the palette lists
//! `keymap::palette` (every action of every view) and runs the chosen one,
//! in its own view.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use crossterm::event::KeyEvent;

use super::action::{Action, Effect, View};
use super::app::{App, DebtFilter, KrRow, Mode, StatusFilter};
use super::components::{Picker, PickerItem, PickerOutcome};
use super::keymap;
use super::state::PickerState;
use crate::model::Kind;
use crate::search::LazyIndex;
use crate::text::sanitize;

/// The plan's search index, made now (not built: that happens where it is
/// first searched) if the plan changed since the last search.
pub fn index(app: &mut App) -> Arc<LazyIndex> {
    let plan = app.session.plan();
    app.search_index
        .get_or_insert_with(|| Arc::new(LazyIndex::new(Arc::clone(plan))))
        .clone()
}

/// Whether search runs on a worker thread. The terminal loop turns it on;
/// tests that drive an [`App`] key by key leave it off and get each
/// keystroke's hits at once.
static BACKGROUND: AtomicBool = AtomicBool::new(false);

pub fn search_in_background(on: bool) {
    BACKGROUND.store(on, Ordering::Relaxed);
}

pub fn open_search(app: &mut App) -> Effect {
    let index = index(app);
    let picker = if BACKGROUND.load(Ordering::Relaxed) {
        Picker::search_in_background("Search", index)
    } else {
        Picker::search("Search", index)
    };
    app.mode = Mode::Search(Box::new(PickerState { picker }));
    Effect::None
}

/// Whether an open search waits for hits: the loop then polls often.
pub fn search_pending(app: &App) -> bool {
    matches!(&app.mode, Mode::Search(p) if p.picker.pending())
}

/// Draws in what the search worker found, and re-searches a plan that
/// changed under an open search; true when the screen changed.
pub fn poll_results(app: &mut App) -> bool {
    if !matches!(app.mode, Mode::Search(_)) {
        return false;
    }
    let stale = app.search_index.is_none();
    let fresh = stale.then(|| index(app));
    let Mode::Search(state) = &mut app.mode else {
        return false;
    };
    let mut changed = false;
    if let Some(fresh) = fresh
        && state
            .picker
            .index()
            .is_some_and(|old| !Arc::ptr_eq(old, &fresh))
    {
        state.picker.set_index(fresh);
        changed = true;
    }
    state.picker.poll_results() || changed
}

pub fn open_palette(app: &mut App) -> Effect {
    let items = keymap::palette(app.view)
        .into_iter()
        .map(|e| {
            let keys = e.command.keys.join(" ");
            let detail = match e.view {
                Some(v) => format!("{keys} in {}", v.title()),
                None => keys,
            };
            PickerItem::new(e.label.clone(), detail, e.label)
        })
        .collect();
    app.mode = Mode::Palette(Box::new(PickerState {
        picker: Picker::palette("Commands", items),
    }));
    Effect::None
}

fn picker(app: &mut App) -> Option<&mut Picker> {
    match &mut app.mode {
        Mode::Search(p) | Mode::Palette(p) => Some(&mut p.picker),
        _ => None,
    }
}

/// Arrows, Tab, Ctrl-n/p and pages move the selection; a page is ten rows.
pub fn step(state: &mut PickerState, delta: i64) {
    state.picker.move_by(delta.clamp(-10, 10) as isize);
}

/// Enter: jump to the hit, or hand back the chosen command for `update`
/// to run (in its own view: another view's command switches there first).
pub fn submit(app: &mut App) -> Option<Action> {
    if let Some(p) = picker(app) {
        p.settle();
    }
    let Some(chosen) = picker(app).and_then(|p| p.selected().map(|i| i.id.clone())) else {
        app.info("no match");
        return None;
    };
    chosen_entry(app, chosen)
}

fn chosen_entry(app: &mut App, chosen: String) -> Option<Action> {
    match std::mem::take(&mut app.mode) {
        Mode::Search(_) => {
            jump(app, &chosen);
            None
        }
        Mode::Palette(_) => match keymap::palette(app.view)
            .into_iter()
            .find(|e| e.label == chosen)
        {
            Some(e) => {
                if let Some(view) = e.view {
                    app.view = view;
                }
                Some(e.command.action)
            }
            None => {
                app.error(format!("no command {chosen:?} here"));
                None
            }
        },
        other => {
            app.mode = other;
            None
        }
    }
}

pub fn cancel(app: &mut App) -> Effect {
    app.mode = Mode::Normal;
    Effect::None
}

/// Typing narrows the list (search only re-scores the previous hits); a
/// command chosen by its key is handed back as `submit` does.
pub fn type_key(app: &mut App, key: KeyEvent) -> Option<Action> {
    match picker(app)?.handle_key(key) {
        PickerOutcome::None => None,
        PickerOutcome::Closed => {
            cancel(app);
            None
        }
        PickerOutcome::Chosen(id) => chosen_entry(app, id),
    }
}

pub fn paste(app: &mut App, text: &str) {
    if let Some(p) = picker(app) {
        p.paste(text);
    }
}

/// Selects the entity `id` in its view (switching to it); false when it is
/// a debt item the table's filter hides, or gone.
pub fn select(app: &mut App, id: &str) -> bool {
    let Some(kind) = Kind::of_id(id) else {
        return false;
    };
    let view = match kind {
        Kind::Debt => View::Debt,
        Kind::Sprint => View::Sprints,
        Kind::Hypothesis => View::Experiments,
        Kind::Objective | Kind::KeyResult => View::KeyResults,
    };
    app.view = view;
    match kind {
        Kind::Debt => app.select_debt(id),
        Kind::Sprint => {
            let pos = app
                .cache
                .sprint_rows
                .iter()
                .position(|&i| app.plan().sprints.get(i).is_some_and(|s| s.id == id));
            set_cursor(app, view, pos)
        }
        Kind::Objective | Kind::KeyResult => {
            let pos = app.cache.kr_rows.iter().position(|row| match *row {
                KrRow::Objective(i) => app.plan().objectives.get(i).is_some_and(|o| o.id == id),
                KrRow::Kr(i) => app.plan().key_results.get(i).is_some_and(|k| k.id == id),
                KrRow::Orphans => false,
            });
            set_cursor(app, view, pos)
        }
        Kind::Hypothesis => {
            let found = app.cache.board.iter().enumerate().find_map(|(col, rows)| {
                rows.iter()
                    .position(|&i| app.plan().hypotheses.get(i).is_some_and(|h| h.id == id))
                    .map(|row| (col, row))
            });
            if let Some((col, row)) = found {
                app.board.column = col;
                app.board.rows[col] = row;
            }
            found.is_some()
        }
    }
}

fn set_cursor(app: &mut App, view: View, pos: Option<usize>) -> bool {
    if let Some(pos) = pos
        && let Some(c) = app.cursor_mut(view)
    {
        c.selected = pos;
    }
    pos.is_some()
}

/// Enter on a search hit: its view with it selected. A debt item the
/// filter hides gets the filter cleared (and the status bar says so).
pub fn jump(app: &mut App, id: &str) {
    if !app.plan().contains_id(id) {
        app.error(format!("{} no longer exists", sanitize(id)));
        return;
    }
    let title = app
        .plan()
        .title_of(id)
        .map(|t| sanitize(t).into_owned())
        .unwrap_or_default();
    let id_shown = sanitize(id).into_owned();
    if select(app, id) {
        app.info(format!("{id_shown} “{title}”"));
        return;
    }
    if Kind::of_id(id) == Some(Kind::Debt) {
        let was = app.debt.filter.summary();
        app.debt.filter = DebtFilter::default();
        if app
            .plan()
            .debt(id)
            .is_some_and(|d| !app.debt.filter.accepts(d))
        {
            app.debt.filter.status = StatusFilter::All;
        }
        app.refresh();
        app.select_debt(id);
        let was = if was.is_empty() {
            "open + in progress".to_owned()
        } else {
            was
        };
        app.info(format!(
            "{id_shown} “{title}” — filter cleared to show it (was: {was})"
        ));
    } else {
        app.info(format!("{id_shown} “{title}” is not listed in this view"));
    }
}
