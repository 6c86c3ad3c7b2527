//! `update` carries out one action on the App and tells the loop what else to
//! do (save, quit, suspend). No terminal here, so every journey is testable by
//! feeding actions.

use super::action::{Action, Effect, View};
use super::app::{App, FilterField, Message, Mode, Pending, StatusFilter};
use super::route::{self, Routed};
use super::{conflicts, forms, overview, pickers, quit, reload};
use super::{debt_ops, edits};
use super::{experiment_ops, import_ops, sprint_ops};

/// Rows a page moves when the view has not been drawn yet.
const DEFAULT_PAGE: usize = 10;

/// Carries out `action`, and the command the palette hands back, if any.
pub fn update(app: &mut App, action: Action) -> Effect {
    let mut action = action;
    loop {
        match dispatch(app, action) {
            Routed::Done(effect) => return effect,
            Routed::Run(next) => action = next,
        }
    }
}

fn dispatch(app: &mut App, action: Action) -> Routed {
    // The read-only rule, once for every action that changes the plan.
    if action.mutates() && app.refuse_read_only() {
        return Effect::None.into();
    }
    match action {
        Action::Submit => route::submit(app),
        Action::Type(key) => route::type_key(app, key),
        other => run(app, other).into(),
    }
}

fn run(app: &mut App, action: Action) -> Effect {
    match action {
        Action::Quit => quit::quit(app),
        Action::Suspend => Effect::Suspend,
        Action::Help => {
            app.mode = Mode::Help { scroll: 0 };
            Effect::None
        }
        Action::Back if matches!(app.mode, Mode::Quit { .. }) => quit::stay(app),
        Action::Back => {
            app.mode = Mode::Normal;
            Effect::None
        }
        Action::NextView => go(app, app.view.next()),
        Action::PrevView => go(app, app.view.prev()),
        Action::GoTo(v) => go(app, v),
        Action::MoveUp => step(app, -1),
        Action::MoveDown => step(app, 1),
        Action::PageUp => step(app, -(page(app) as i64)),
        Action::PageDown => step(app, page(app) as i64),
        Action::Scroll(n) => step(app, i64::from(n)),
        Action::Top => step(app, i64::MIN / 2),
        Action::Bottom => step(app, i64::MAX / 2),
        Action::MoveLeft | Action::MoveRight => {
            if app.view == View::Experiments {
                let col = app.board.column as i64 + if action == Action::MoveLeft { -1 } else { 1 };
                app.board.column = col.clamp(0, 3) as usize;
            }
            Effect::None
        }
        Action::Click(x, y) => click(app, x, y),
        Action::OpenDetail if app.view == View::Overview => {
            overview::enter(app);
            Effect::None
        }
        Action::OpenDetail => {
            if app.selected_id().is_some() {
                app.mode = Mode::Detail { scroll: 0 };
            } else {
                app.info("nothing selected");
            }
            Effect::None
        }
        Action::Add => forms::add(app),
        Action::Edit => forms::edit(app),
        Action::AddObjective => forms::add_objective(app),
        Action::Settings => forms::settings(app),
        Action::Search => pickers::open_search(app),
        Action::Palette => pickers::open_palette(app),
        // Routed by `dispatch` (they may hand back the palette's command).
        Action::Submit | Action::Type(_) => Effect::None,
        Action::Cancel => route::cancel(app),
        Action::OpenEditor => forms::open_editor(app),
        Action::Answer(yes) => route::answer_question(app, yes),
        Action::ReloadFile => reload::reload_file(app),
        Action::KeepMine if matches!(app.mode, Mode::Quit { .. }) => quit::keep_mine_and_quit(app),
        Action::KeepMine => reload::keep_mine(app),
        Action::WriteRecovery => quit::recover_and_quit(app),
        Action::PickSide(pick) => conflicts::pick(app, pick),
        Action::Delete => delete(app),
        Action::Confirm(yes) => route::confirm(app, yes),
        Action::Undo => undo_redo(app, true),
        Action::Redo => undo_redo(app, false),
        Action::Filter => {
            app.mode = Mode::Filter {
                field: FilterField::Status,
            };
            Effect::None
        }
        Action::FilterNext => filter_step(app, 1),
        Action::FilterPrev => filter_step(app, -1),
        Action::FilterClear => filter_clear(app),
        Action::Sort => {
            app.debt.sort = app.debt.sort.next();
            app.debt.descending = false;
            app.refresh();
            app.info(format!("sorted by {}", app.debt.sort.label()));
            Effect::None
        }
        Action::SortReverse => {
            app.debt.descending = !app.debt.descending;
            app.refresh();
            app.info(format!(
                "sorted by {}{}",
                app.debt.sort.label(),
                if app.debt.descending {
                    ", reversed"
                } else {
                    ""
                }
            ));
            Effect::None
        }
        Action::NextRating => {
            app.debt.rating = app.debt.rating.next();
            app.info(format!("+/- now change {}", app.debt.rating.label()));
            Effect::None
        }
        Action::ToggleDone => {
            match &mut app.mode {
                Mode::Checklist(c) => c.toggle(),
                Mode::ScanPicker(p) => p.toggle(),
                _ => {}
            }
            Effect::None
        }
        // A view's own actions: the module of the view carries them out,
        // so a new one is added there (and in action.rs and the keymap).
        other => debt_ops::handle(app, other)
            .or_else(|| sprint_ops::handle(app, other))
            .or_else(|| experiment_ops::handle(app, other))
            .or_else(|| import_ops::handle(app, other))
            .or_else(|| super::triage_ops::handle(app, other))
            .or_else(|| super::scan_ops::handle(app, other))
            .unwrap_or(Effect::None),
    }
}

/// How many selectable rows the view's list has.
fn list_len(app: &App, view: View) -> usize {
    match view {
        View::Overview => overview::len(app),
        other => app.cached_len(other),
    }
}

fn go(app: &mut App, view: View) -> Effect {
    app.view = view;
    app.mode = Mode::Normal;
    Effect::None
}

fn page(app: &App) -> usize {
    let hits = app.hits.borrow();
    hits.rows.map_or(DEFAULT_PAGE, |(r, _)| {
        usize::from(r.height / hits.row_height.max(1)).max(1)
    })
}

/// Moves the selection (or scrolls the overlay) by `delta`, clamped.
fn step(app: &mut App, delta: i64) -> Effect {
    let clamp = |pos: usize, len: usize| -> usize {
        let max = len.saturating_sub(1) as i64;
        (pos as i64).saturating_add(delta).clamp(0, max.max(0)) as usize
    };
    match &mut app.mode {
        Mode::Help { scroll } | Mode::Detail { scroll } => {
            *scroll = (i64::from(*scroll) + delta).clamp(0, 500) as u16;
        }
        Mode::Filter { field } => {
            let i = FilterField::ALL
                .iter()
                .position(|f| f == field)
                .unwrap_or(0);
            *field = FilterField::ALL[clamp(i, FilterField::ALL.len())];
        }
        Mode::Confirm(_) | Mode::Ask(_) | Mode::Quit { .. } => {}
        Mode::Form(state) => forms::step(state, delta),
        Mode::Search(state) | Mode::Palette(state) => pickers::step(state, delta),
        Mode::Prompt(_) => {}
        Mode::Checklist(c) => c.step(delta),
        Mode::ImportReview(r) => r.step(delta),
        Mode::ScanPicker(p) => p.step(delta),
        Mode::ImportSync(s) => s.step(delta),
        Mode::Conflicts { screen, .. } => screen.step(delta),
        Mode::Triage(t) => t.step(delta.signum()),
        Mode::Normal => {
            if sprint_ops::in_pane(app) {
                sprint_ops::step_pane(app, delta);
            } else if app.view == View::Experiments {
                let col = app.board.column.min(3);
                app.board.rows[col] = clamp(app.board.rows[col], app.cache.board[col].len());
            } else {
                let len = list_len(app, app.view);
                if let Some(c) = app.cursor_mut(app.view) {
                    c.selected = clamp(c.selected, len);
                }
                debt_ops::release_kept(app);
            }
        }
    }
    Effect::None
}

fn click(app: &mut App, x: u16, y: u16) -> Effect {
    if app.mode != Mode::Normal {
        return Effect::None;
    }
    let pos = ratatui::layout::Position::new(x, y);
    let hits = app.hits.borrow().clone();
    if let Some((_, view)) = hits.tabs.iter().find(|(r, _)| r.contains(pos)) {
        return go(app, *view);
    }
    if app.view == View::Experiments {
        if let Some(col) = hits.columns.iter().position(|(r, _)| r.contains(pos)) {
            let (r, offset) = hits.columns[col];
            app.board.column = col;
            let row = offset + usize::from((y - r.y) / hits.row_height.max(1));
            if row < app.cache.board[col].len() {
                app.board.rows[col] = row;
            }
        }
        return Effect::None;
    }
    if let Some((rows, offset)) = hits.rows
        && rows.contains(pos)
    {
        let row = offset + usize::from((y - rows.y) / hits.row_height.max(1));
        if row < list_len(app, app.view)
            && let Some(c) = app.cursor_mut(app.view)
        {
            c.selected = row;
            debt_ops::release_kept(app);
        }
    }
    Effect::None
}

fn delete(app: &mut App) -> Effect {
    let Some(id) = app.selected_id() else {
        app.info("nothing selected to delete");
        return Effect::None;
    };
    match edits::delete(app.plan(), &id) {
        Ok(del) => {
            let prompt = edits::delete_prompt(app.plan(), &del);
            app.mode = Mode::Confirm(Pending {
                prompt,
                change: del.change,
                done: format!("deleted {id} — u to undo"),
            });
        }
        Err(why) => app.error(why),
    }
    Effect::None
}

fn undo_redo(app: &mut App, undo: bool) -> Effect {
    let Some(label) = app.undo_redo(undo) else {
        app.info(if undo {
            "nothing to undo"
        } else {
            "nothing to redo"
        });
        return Effect::None;
    };
    app.info(format!("{}: {label}", if undo { "undid" } else { "redid" }));
    Effect::Save
}

/// Distinct non-empty values of one debt field, sorted.
fn values(app: &App, field: FilterField) -> Vec<String> {
    let mut v: Vec<String> = match field {
        FilterField::Status => Vec::new(),
        FilterField::Owner => app.plan().debts.iter().map(|d| d.owner.clone()).collect(),
        FilterField::Area => app.plan().debts.iter().map(|d| d.area.clone()).collect(),
        FilterField::Tag => app
            .plan()
            .debts
            .iter()
            .flat_map(|d| d.tags.iter().cloned())
            .collect(),
    };
    v.retain(|s| !s.is_empty());
    v.sort();
    v.dedup();
    v
}

fn filter_step(app: &mut App, delta: i64) -> Effect {
    let Mode::Filter { field } = app.mode else {
        return Effect::None;
    };
    let wrap = |i: i64, n: usize| i.rem_euclid(n as i64) as usize;
    if field == FilterField::Status {
        let all = StatusFilter::CYCLE;
        let i = all
            .iter()
            .position(|s| *s == app.debt.filter.status)
            .unwrap_or(0) as i64;
        app.debt.filter.status = all[wrap(i + delta, all.len())];
    } else {
        // "Any" is the slot before the first value.
        let vals = values(app, field);
        let slot = match field {
            FilterField::Owner => &mut app.debt.filter.owner,
            FilterField::Area => &mut app.debt.filter.area,
            _ => &mut app.debt.filter.tag,
        };
        let i = slot
            .as_ref()
            .and_then(|s| vals.iter().position(|v| v == s))
            .map_or(0, |p| p as i64 + 1);
        let next = wrap(i + delta, vals.len() + 1);
        *slot = next.checked_sub(1).map(|p| vals[p].clone());
    }
    app.debt.filter.keep = None;
    app.refresh();
    filter_message(app);
    Effect::None
}

fn filter_clear(app: &mut App) -> Effect {
    let Mode::Filter { field } = app.mode else {
        return Effect::None;
    };
    match field {
        FilterField::Status => app.debt.filter.status = StatusFilter::default(),
        FilterField::Owner => app.debt.filter.owner = None,
        FilterField::Area => app.debt.filter.area = None,
        FilterField::Tag => app.debt.filter.tag = None,
    }
    app.debt.filter.keep = None;
    app.refresh();
    filter_message(app);
    Effect::None
}

fn filter_message(app: &mut App) {
    let n = app.cache.debt_rows.len();
    let summary = app.debt.filter.summary();
    app.message = Some(Message::Info(if summary.is_empty() {
        format!("{}, open and in progress", crate::text::count(n, "item"))
    } else {
        format!("{} where {summary}", crate::text::count(n, "item"))
    }));
}
