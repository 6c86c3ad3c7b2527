//! The debt table's quick edits: `+`/`-` change the focused rating, `x` /
//! Space cycle the status. A cycled item stays in its row and selected until
//! the cursor moves, even when the filter hides its new status.

use super::action::{Action, Effect, View};
use super::app::App;
use super::edits;

/// The debt table's own actions; `None`: not one of them.
pub fn handle(app: &mut App, action: Action) -> Option<Effect> {
    Some(match action {
        Action::RaiseRating => rate(app, 1),
        Action::LowerRating => rate(app, -1),
        Action::CycleStatus => cycle_status(app),
        _ => return None,
    })
}

pub fn rate(app: &mut App, delta: i8) -> Effect {
    let Some(i) = app.selected_debt_index() else {
        app.info("no debt item selected");
        return Effect::None;
    };
    let debt = &app.plan().debts[i];
    let id = debt.id.clone();
    let before = app.cache.rank[i];
    match edits::bump_rating(debt, app.debt.rating, delta) {
        Ok((change, old, new)) => {
            app.apply(change);
            let after = app
                .plan()
                .debts
                .binary_search_by(|d| d.id.cmp(&id))
                .ok()
                .and_then(|j| app.cache.rank[j]);
            let moved = match (before, after) {
                (Some(b), Some(a)) if a != b => format!(", rank {b} → {a}"),
                _ => String::new(),
            };
            app.info(format!(
                "{id} {} {old} → {new}{moved} — u to undo",
                app.debt.rating.label()
            ));
            Effect::Save
        }
        Err(why) => {
            app.info(why);
            Effect::None
        }
    }
}

pub fn cycle_status(app: &mut App) -> Effect {
    let Some(i) = app.selected_debt_index() else {
        app.info("no debt item selected");
        return Effect::None;
    };
    let debt = &app.plan().debts[i];
    let (id, old) = (debt.id.clone(), debt.status);
    let (change, new) = edits::cycle_status(debt, app.today);
    // The item stays listed and selected until the cursor moves, even when
    // its new status is one the filter hides: the next press acts on it,
    // not on the row that would have slid under the cursor.
    let row = app.debt.cursor.selected;
    app.debt.filter.keep = Some(id.clone());
    app.apply(change);
    hold_row(app, &id, row);
    let hidden = app
        .plan()
        .debt(&id)
        .is_some_and(|d| !app.debt.filter.passes(d));
    app.info(format!(
        "{id} {} → {}{} — u to undo",
        old.label(),
        new.label(),
        if hidden {
            " (hidden when you move on)"
        } else {
            ""
        }
    ));
    Effect::Save
}

/// Puts debt item `id` back at table row `row` and selects it: a status
/// change must not move the row under the user's eyes (a closed item sorts
/// last by rank). The real order returns with the next re-sort.
fn hold_row(app: &mut App, id: &str, row: usize) {
    let rows = &mut app.cache.debt_rows;
    let Some(now) = rows
        .iter()
        .position(|&i| app.session.plan().debts.get(i).is_some_and(|d| d.id == id))
    else {
        return;
    };
    let index = rows.remove(now);
    let row = row.min(rows.len());
    rows.insert(row, index);
    app.debt.cursor.selected = row;
}

/// The cursor moved (keys, wheel, click): an item kept in view after its
/// status changed now goes where the filter puts it, and the selection
/// stays on the row the cursor moved to.
pub fn release_kept(app: &mut App) {
    if app.view == View::Debt && app.debt.filter.keep.take().is_some() {
        app.refresh();
    }
}
