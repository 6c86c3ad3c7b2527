//! A form's save after the plan changed since the form opened (another
//! program's change came in meanwhile): the form's edit is merged with
//! the item as it is now, the item as opened the base
//! ([`merge::merge_edit`]). Only the fields changed in the form land; a
//! field changed in the form and since opens the conflict screen, with the
//! form waiting behind it.

use super::action::Effect;
use super::app::{App, Mode};
use super::conflicts::{row, side};
use super::state::{Applies, ConflictScreen, FormClash, Pick};
use crate::merge::{self, into_change, merge_edit};
use crate::model::{Change, Plan};
use crate::text::sanitize;

/// The change that saves the form's `edit` (made against `opened`) into the
/// plan as it is now; `None` when there is nothing to apply (said) or the
/// conflict screen opened.
pub fn merged(app: &mut App, opened: &Plan, edit: Change, id: Option<String>) -> Option<Change> {
    let label = edit.label.clone();
    let merged = merge_edit(opened, app.session.plan(), &edit);
    if merged.conflicts.is_empty() {
        let change = into_change(&merged.merged, &merged.ids, app.session.plan(), &label);
        if change.is_none() {
            app.mode = Mode::Normal;
            app.info(format!(
                "{}: nothing to save, the plan already holds your edit",
                what(id.as_deref())
            ));
        }
        return change;
    }
    let rows = merged
        .conflicts
        .iter()
        .map(|c| row(app.plan(), c))
        .collect();
    let n = merged.conflicts.len();
    let title = format!("{}: your form and a change made since", what(id.as_deref()));
    let clash = FormClash {
        edit: merged,
        label,
        id: id.clone(),
    };
    let screen = ConflictScreen::new(title, rows, Applies::Form(Box::new(clash)));
    let held = std::mem::take(&mut app.mode);
    app.mode = Mode::Conflicts {
        screen: Box::new(screen),
        held: Box::new(held),
    };
    app.error(format!(
        "{} changed since the form opened: {} to pick",
        what(id.as_deref()),
        super::state::plural(n, "field")
    ));
    None
}

fn what(id: Option<&str>) -> String {
    id.map_or_else(
        || "plan settings".to_owned(),
        |id| sanitize(id).into_owned(),
    )
}

/// Enter on the screen of a form's clash, once every conflict is picked.
pub fn apply(app: &mut App) -> Effect {
    let Some(picks) = super::conflicts::picks(app) else {
        return Effect::None;
    };
    let Mode::Conflicts { screen, .. } = &app.mode else {
        return Effect::None;
    };
    let Applies::Form(clash) = &screen.applies else {
        return Effect::None;
    };
    let clash = clash.as_ref().clone();
    settle(app, &clash, &picks)
}

/// The picks settle the merged edit, which is saved as the form's one
/// change (one `u` undoes it).
fn settle(app: &mut App, clash: &FormClash, picks: &[Pick]) -> Effect {
    let mut plan = clash.edit.merged.clone();
    for (conflict, pick) in clash.edit.conflicts.iter().zip(picks) {
        match merge::settle(&plan, conflict, side(*pick)) {
            Ok(next) => plan = next,
            Err(why) => {
                app.error(format!("cannot apply: {}", sanitize(&why.to_string())));
                return Effect::None;
            }
        }
    }
    // The form goes: what it edited is settled.
    app.mode = Mode::Normal;
    match into_change(&plan, &clash.edit.ids, app.session.plan(), &clash.label) {
        Some(change) => {
            app.apply(change);
            said_saved(app, clash.id.clone(), false)
        }
        None => {
            app.info(format!(
                "{}: nothing to save, the plan already holds what you picked",
                what(clash.id.as_deref())
            ));
            Effect::None
        }
    }
}

/// What a form's save says, and the save.
pub fn said_saved(app: &mut App, id: Option<String>, adding: bool) -> Effect {
    let Some(id) = id else {
        app.info("saved the plan settings — u to undo");
        return Effect::Save;
    };
    let title = app
        .plan()
        .title_of(&id)
        .map(|t| sanitize(t).into_owned())
        .unwrap_or_default();
    let verb = if adding { "added" } else { "saved" };
    let shown = super::pickers::select(app, &id);
    let hidden = if shown {
        String::new()
    } else {
        format!(" (hidden by the filter {})", app.debt.filter.summary())
    };
    // A sprint whose window overlaps another's, or has already passed, is
    // saved but said, as `bearing sprint new` warns.
    let warning = app
        .plan()
        .sprint(&id)
        .map(|s| crate::planning::creation_warnings(app.plan(), s, app.today).join("; "))
        .filter(|w| !w.is_empty())
        .map_or_else(String::new, |w| format!(" — warning: {w}"));
    app.info(format!(
        "{verb} {id} “{title}”{hidden}{warning} — u to undo"
    ));
    Effect::Save
}
