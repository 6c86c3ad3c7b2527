//! How the UI words what a merge with an outside change did: what came in
//! on one status line ("merged from disk: D-7K2QX risk 3→4, KR-5Q4TA
//! check-in 2026-11-19, +2 more"), and a conflict's field and values as the
//! conflict screen shows them. The session returns the data; this says it.

use super::app::App;
use super::components::entity_forms::edit_form;
use super::state::{Mode, Target};
use crate::session::{Came, Incoming, Merge};
use crate::text::sanitize;

/// How long a whole line may be: the status bar has about this much room
/// for a message at 80 columns (after the mode, before the file's name).
pub const LINE: usize = 58;
/// How long the list of what came in may grow before "+N more" when it
/// stands alone.
const BUDGET: usize = 40;
/// A value longer than this is not shown in the status line, only its field.
const SHORT: usize = 16;

/// After an outside change was merged in (or its conflicts settled): what
/// came in, on one line.
pub fn said_merged(app: &mut App, merge: &Merge, settled: bool) {
    refresh_open_form(app);
    match &merge.saved {
        Some(outcome) => app.saved = Some(outcome.clone()),
        // The last save's outcome was about the old file.
        None => app.saved = None,
    }
    let head = if settled {
        "conflicts settled, merged from disk".to_owned()
    } else if merge.kept_mine {
        "merged from disk".to_owned()
    } else {
        format!("reloaded {}", app.session.file_name())
    };
    app.info(line(&head, merge));
}

/// An edit form open over an item that changed outside shows the new values
/// in the fields the person has not touched (its save merges either way, so
/// this is about not showing a stale value).
fn refresh_open_form(app: &mut App) {
    let plan = app.plan().clone();
    let fresh = match &app.mode {
        Mode::Form(state) => match &state.target {
            Target::Edit(_, id) => edit_form(app.plan(), id, app.today),
            _ => None,
        },
        _ => None,
    };
    if let (Some(fresh), Mode::Form(state)) = (fresh, &mut app.mode)
        && state.form.refresh(&fresh)
    {
        // Every field now reads against the plan as it is: the save merges
        // from here (no field the person typed changed outside).
        state.opened = Some(plan);
    }
}

/// "HEAD: what came in · 2 undo steps dropped", within [`LINE`] columns
/// when it can be (the first thing that came in is always named).
pub fn line(head: &str, merge: &Merge) -> String {
    let note = match merge.dropped_steps {
        0 => String::new(),
        n => format!(" · {} dropped", super::state::plural(n, "undo step")),
    };
    let used = crate::text::display_width(head) + 2 + crate::text::display_width(&note);
    let list = came_in_within(&merge.incoming, LINE.saturating_sub(used));
    format!("{head}: {list}{note}")
}

/// "D-7K2 risk 3→4, KR-2B7 check-in 2026-11-30, D-9 added, +2 more".
pub fn came_in(incoming: &[Incoming]) -> String {
    came_in_within(incoming, BUDGET)
}

/// [`came_in`] within `budget` columns ("+N more" fits in it too).
fn came_in_within(incoming: &[Incoming], budget: usize) -> String {
    if incoming.is_empty() {
        return "nothing changed".to_owned();
    }
    // The first always, then as many as fit.
    let mut named: Vec<String> = Vec::new();
    let mut used = 0;
    for c in incoming {
        let mut said = one(c, true);
        // The first is always named: without its values when they do not fit.
        if named.is_empty() && crate::text::display_width(&said) > budget {
            said = one(c, false);
        }
        let width = crate::text::display_width(&said) + 2;
        // Room is kept for ", +N more" after it.
        let more = if named.len() + 1 < incoming.len() {
            10
        } else {
            0
        };
        if !named.is_empty() && used + width + more > budget {
            break;
        }
        used += width;
        named.push(said);
    }
    let left = incoming.len() - named.len();
    if left > 0 {
        named.push(format!("+{left} more"));
    }
    named.join(", ")
}

/// One thing that came in; a field with its values when `values` and
/// they are short.
fn one(c: &Incoming, values: bool) -> String {
    let id = sanitize(&c.id);
    match &c.what {
        Came::Added => format!("{id} added"),
        Came::Removed => format!("{id} removed"),
        Came::CheckIn(date) => format!("{id} check-in {}", sanitize(date)),
        Came::Field { name, old, new } => {
            let name = field_name(name);
            let word = |v: &Option<String>| {
                v.as_deref()
                    .map_or_else(|| "none".to_owned(), |v| value(v, false))
            };
            let (old, new) = (word(old), word(new));
            if values && old.chars().count() <= SHORT && new.chars().count() <= SHORT {
                format!("{id} {name} {old}→{new}")
            } else {
                format!("{id} {name}")
            }
        }
    }
}

/// A field as the screen says it: `checkins[2026-11-19]` is "check-in
/// 2026-11-19"; others as named (`risk`, `weights.risk`).
pub fn field_name(field: &str) -> String {
    let clean = sanitize(field);
    match clean
        .strip_prefix("checkins[")
        .and_then(|rest| rest.strip_suffix(']'))
    {
        Some(date) => format!("check-in {date}"),
        None => clean.into_owned(),
    }
}

/// A value's JSON text as the screen says it: text without its quotes,
/// `null` as "none"; a whole item by its title.
pub fn value(json: &str, whole: bool) -> String {
    let parsed: Option<serde_json::Value> = serde_json::from_str(json).ok();
    match parsed {
        Some(serde_json::Value::String(s)) => sanitize(&s).into_owned(),
        Some(serde_json::Value::Null) => "none".to_owned(),
        Some(serde_json::Value::Object(m)) if whole => {
            let name = m
                .get("title")
                .or_else(|| m.get("name"))
                .and_then(serde_json::Value::as_str)
                .unwrap_or("");
            format!("item “{}”", sanitize(name))
        }
        _ => sanitize(json).into_owned(),
    }
}
