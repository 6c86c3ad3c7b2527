//! The conflict screen's actions: `m`/`t`/`b` pick a version for the
//! selected conflict, Enter applies the picks once every conflict has one,
//! Esc leaves with nothing written. Rows come from the session's clash
//! ([`open_clash`]) or from a file's conflict markers (`tui::resolve`);
//! applying goes back to where they came from (`Applies`).

use super::action::Effect;
use super::app::{App, Mode};
use super::merged::{field_name, value};
use super::state::{Applies, ConflictRow, ConflictScreen, Pick};
use crate::merge::{Conflict, SETTINGS, Side};
use crate::model::{Item, Plan};
use crate::text::sanitize;

/// Opens the screen over an outside change that clashed with ours.
pub fn open_clash(app: &mut App, conflicts: &[Conflict]) {
    let rows = conflicts.iter().map(|c| row(app.plan(), c)).collect();
    let title = format!("{} changed on disk", app.session.file_name());
    let screen = ConflictScreen::new(title, rows, Applies::Session);
    let held = std::mem::take(&mut app.mode);
    // A screen already open (a second clash) is replaced; what it held stays.
    let held = match held {
        Mode::Conflicts { held, .. } => held,
        other => Box::new(other),
    };
    app.mode = Mode::Conflicts {
        screen: Box::new(screen),
        held,
    };
}

/// A conflict as the screen shows it.
pub fn row(plan: &Plan, c: &Conflict) -> ConflictRow {
    let title = if c.id == SETTINGS {
        "plan settings".to_owned()
    } else {
        plan.item(&c.id).map(|i| title_of(&i)).unwrap_or_default()
    };
    let whole = c.field.is_none();
    let word = |v: &Option<String>| v.as_deref().map(|v| value(v, whole));
    // A whole item against its base (deleted on one side, edited on the
    // other): a side shows what it changed, not only the item's title.
    let side = |v: &Option<String>| match (whole, c.base.as_deref(), v.as_deref()) {
        (true, Some(base), Some(v)) if v != base => {
            Some(changed_fields(base, v).unwrap_or_else(|| value(v, true)))
        }
        _ => word(v),
    };
    ConflictRow {
        item: c.id.clone(),
        title,
        field: match (c.field.as_deref(), c.reason.as_deref()) {
            (Some(f), _) => field_name(f),
            (None, Some(why)) => format!("the whole item: {why}"),
            (None, None) => "the whole item".to_owned(),
        },
        base: word(&c.base),
        mine: side(&c.ours),
        theirs: side(&c.theirs),
        has_base: true,
    }
}

/// "changed title: From CLI 2, risk: 3": the fields of a whole item (JSON
/// text) that differ from its base; `None` when they cannot be compared.
fn changed_fields(base: &str, side: &str) -> Option<String> {
    use serde_json::{Map, Value};
    let object = |s: &str| -> Option<Map<String, Value>> {
        match serde_json::from_str(s).ok()? {
            Value::Object(m) => Some(m),
            _ => None,
        }
    };
    let (b, o) = (object(base)?, object(side)?);
    let said: Vec<String> = o
        .iter()
        .filter(|(k, v)| b.get(*k) != Some(*v))
        .map(|(k, v)| format!("{}: {}", field_name(k), value(&v.to_string(), false)))
        .collect();
    (!said.is_empty()).then(|| format!("changed {}", said.join(", ")))
}

fn title_of(item: &Item) -> String {
    match item {
        Item::Objective(x) => x.title.clone(),
        Item::KeyResult(x) => x.title.clone(),
        Item::Hypothesis(x) => x.title.clone(),
        Item::Debt(x) => x.title.clone(),
        Item::Sprint(x) => x.name.clone(),
    }
}

/// `m`, `t`, `b`.
pub fn pick(app: &mut App, pick: Pick) -> Effect {
    if let Mode::Conflicts { screen, .. } = &mut app.mode
        && let Err(why) = screen.pick(pick)
    {
        app.error(why);
    }
    Effect::None
}

/// The picks once every conflict has one; else says how many are left.
pub fn picks(app: &mut App) -> Option<Vec<Pick>> {
    let Mode::Conflicts { screen, .. } = &app.mode else {
        return None;
    };
    let picks = screen.all_picked();
    if picks.is_none() {
        let left = screen.rows.len() - screen.picked();
        app.error(format!(
            "{} still to pick (m mine, t theirs, b base): nothing written",
            super::state::plural(left, "conflict")
        ));
    }
    picks
}

/// Enter: applies the picks once every conflict has one (a form's clash
/// goes to `form_save`, by the router).
pub fn apply(app: &mut App) -> Effect {
    let Some(picks) = picks(app) else {
        return Effect::None;
    };
    let Mode::Conflicts { screen, .. } = &app.mode else {
        return Effect::None;
    };
    match screen.applies {
        Applies::Session => settle_session(app, &picks),
        Applies::Form(_) => Effect::None,
        Applies::Markers { .. } => {
            // Only `bearing resolve` opens marker rows; it applies them itself.
            app.error("these conflicts are settled by `bearing resolve`");
            Effect::None
        }
    }
}

fn settle_session(app: &mut App, picks: &[Pick]) -> Effect {
    let sides: Vec<Side> = picks.iter().map(|p| side(*p)).collect();
    let Some(settled) = app.settle(&sides) else {
        leave_screen(app);
        app.info("nothing to settle: the conflict is gone");
        return Effect::None;
    };
    match settled {
        Ok(merge) => {
            leave_screen(app);
            super::merged::said_merged(app, &merge, true);
            Effect::None
        }
        Err(why) => {
            app.error(format!("cannot apply: {}", sanitize(&why.to_string())));
            Effect::None
        }
    }
}

/// The merge's side for a pick.
pub fn side(pick: Pick) -> Side {
    match pick {
        Pick::Mine => Side::Ours,
        Pick::Theirs => Side::Theirs,
        Pick::Base => Side::Base,
    }
}

/// Esc: back to where the screen opened, nothing written; the session
/// keeps ours and the clash (the next save asks again; quitting asks).
pub fn leave(app: &mut App) -> Effect {
    let Mode::Conflicts { screen, .. } = &app.mode else {
        return Effect::None;
    };
    let form = matches!(screen.applies, Applies::Form(_));
    leave_screen(app);
    if form {
        app.info("back to the form, nothing saved: Enter saves again, Esc leaves it");
        return Effect::None;
    }
    // Yours stays in memory; quitting asks (K keeps mine where they clash).
    app.error("conflicts not picked, nothing written; next edit asks again");
    Effect::None
}

fn leave_screen(app: &mut App) {
    if let Mode::Conflicts { held, .. } = std::mem::take(&mut app.mode) {
        app.mode = *held;
    }
}
