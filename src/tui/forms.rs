//! Forms wired into the App: `a` opens the add form of the current view,
//! `e` the edit form of the selected item (or the plan settings on the
//! overview). Enter turns the form into ONE `Change` through
//! `entity_forms` (the CLI's rules), so it is undone by one `u` and saved at
//! once; Esc leaves, asking first when something was typed.

use crossterm::event::KeyEvent;

use super::action::{Effect, View};
use super::app::{App, KrRow, Mode};
use super::components::entity_forms::{
    add_form, edit_form, item_from_form, meta_form, meta_from_form,
};
use super::components::{FieldKind, Form, FormOutcome};
use super::state::{FormState, Question, Target};
use crate::model::{Change, Kind, Op};

fn open(app: &mut App, form: Form, target: Target) {
    let mut state = FormState::new(form, target);
    // An edit remembers the plan it shows: its save changes only what was
    // changed in the form (`form_save`).
    if !matches!(state.target, Target::Add(_)) {
        state.opened = Some(std::sync::Arc::clone(app.session.plan()));
    }
    app.mode = Mode::Form(Box::new(state));
}

/// `a`: the add form of the current view's entity. In the key-results view
/// the new key result belongs to the selected objective (`A` adds an
/// objective instead).
pub fn add(app: &mut App) -> Effect {
    let kind = match app.view {
        View::Overview => {
            app.info("nothing to add on the overview: 2–5 pick a view, e edits the North Star");
            return Effect::None;
        }
        View::Debt => Kind::Debt,
        View::Sprints => Kind::Sprint,
        View::Experiments => Kind::Hypothesis,
        View::KeyResults => Kind::KeyResult,
    };
    let mut form = add_form(kind, app.today);
    if kind == Kind::KeyResult
        && let Some(objective) = selected_objective(app)
    {
        // Rebuilt so the prefilled objective counts as the starting value:
        // Esc right away then asks nothing.
        let mut fields = std::mem::take(&mut form.fields);
        if let Some(f) = fields.iter_mut().find(|f| f.key == "objective") {
            f.value.set_text(objective);
        }
        form = Form::new(form.title, fields);
    }
    open(app, form, Target::Add(kind));
    Effect::None
}

/// The objective of the selected key-results row, if any.
fn selected_objective(app: &App) -> Option<String> {
    match app.selected_kr_row()? {
        KrRow::Objective(i) => app.plan().objectives.get(i).map(|o| o.id.clone()),
        KrRow::Kr(i) => app.plan().key_results.get(i).map(|k| k.objective.clone()),
        KrRow::Orphans => None,
    }
}

/// `A` in the key-results view.
pub fn add_objective(app: &mut App) -> Effect {
    open(
        app,
        add_form(Kind::Objective, app.today),
        Target::Add(Kind::Objective),
    );
    Effect::None
}

/// `e`: the selected item's form, every field filled in; on the overview
/// the plan settings.
pub fn edit(app: &mut App) -> Effect {
    if app.view == View::Overview {
        return settings(app);
    }
    let Some(id) = app.selected_id() else {
        app.info("nothing selected to edit");
        return Effect::None;
    };
    match (edit_form(app.plan(), &id, app.today), Kind::of_id(&id)) {
        (Some(form), Some(kind)) => open(app, form, Target::Edit(kind, id)),
        _ => app.error(format!("{id} no longer exists")),
    }
    Effect::None
}

/// `W` in every view (and `e` on the overview): the plan settings —
/// North Star, weights, health thresholds, policy levels.
pub fn settings(app: &mut App) -> Effect {
    if app.refuse_read_only() {
        return Effect::None;
    }
    open(app, meta_form(app.plan()), Target::Meta);
    Effect::None
}

/// Enter: validate, and when every field passes apply one change; errors
/// stay on the form next to their fields.
pub fn submit(app: &mut App) -> Effect {
    let Mode::Form(state) = &mut app.mode else {
        return Effect::None;
    };
    // The plan the form was filled from: an edit is read against it, so a
    // field the person did not touch is their value as opened, never a
    // stale one over a change made since.
    let opened = state
        .opened
        .clone()
        .unwrap_or_else(|| std::sync::Arc::clone(app.session.plan()));
    let (change, id) = match &state.target {
        Target::Meta => {
            let Some(meta) = meta_from_form(&mut state.form, &opened) else {
                return Effect::None;
            };
            if meta == opened.meta() {
                app.mode = Mode::Normal;
                app.info("plan settings: nothing changed");
                return Effect::None;
            }
            let mut change = Change::new("edit the plan settings");
            change.ops.push(Op::SetMeta(Box::new(meta)));
            (change, None)
        }
        Target::Add(kind) | Target::Edit(kind, _) => {
            let editing = match &state.target {
                Target::Edit(_, id) => Some(id.as_str()),
                _ => None,
            };
            let plan = if editing.is_some() {
                &opened
            } else {
                app.session.plan()
            };
            let Some(item) = item_from_form(&mut state.form, plan, *kind, editing, app.today)
            else {
                return Effect::None;
            };
            let id = item.id().to_owned();
            if editing.is_some() && opened.item(&id).as_ref() == Some(&item) {
                app.mode = Mode::Normal;
                app.info(format!("{id}: nothing changed"));
                return Effect::None;
            }
            let verb = if editing.is_some() { "edit" } else { "add" };
            (Change::new(format!("{verb} {id}")).put(item), Some(id))
        }
    };
    let adding = matches!(state.target, Target::Add(_));
    // Changed since the form opened (an outside change came in): only what
    // the form changed lands, a clash opens the conflict screen.
    let change = if adding || std::sync::Arc::ptr_eq(&opened, app.session.plan()) {
        change
    } else {
        match super::form_save::merged(app, &opened, change, id.clone()) {
            Some(change) => change,
            None => return Effect::None,
        }
    };
    drop(opened);
    app.mode = Mode::Normal;
    app.apply(change);
    super::form_save::said_saved(app, id, adding)
}

/// Esc: close, asking first when something changed.
pub fn cancel(app: &mut App) -> Effect {
    match std::mem::take(&mut app.mode) {
        Mode::Form(state) if state.form.changed() => {
            app.mode = Mode::Ask(Box::new(Question::Discard(*state)));
        }
        Mode::Form(_) => app.info("cancelled"),
        other => app.mode = other,
    }
    Effect::None
}

/// Tab / Shift-Tab (and the arrows) move between fields, wrapping.
pub fn step(state: &mut FormState, delta: i64) {
    let n = state.form.fields.len();
    if n == 0 || delta == 0 {
        return;
    }
    let at = state.form.focus();
    let next = if delta > 0 {
        (at + 1) % n
    } else {
        (at + n - 1) % n
    };
    state.form.set_focus(next);
}

/// Any other key goes to the focused field.
pub fn type_key(app: &mut App, key: KeyEvent) -> Effect {
    let Mode::Form(state) = &mut app.mode else {
        return Effect::None;
    };
    match state.form.handle_key(key) {
        FormOutcome::None => Effect::None,
        FormOutcome::Submit => submit(app),
        FormOutcome::CancelRequested { .. } => cancel(app),
        FormOutcome::OpenEditor(_) => open_editor(app),
    }
}

/// Ctrl-e: ask the loop to run `$EDITOR` on the focused text field.
pub fn open_editor(app: &mut App) -> Effect {
    let Mode::Form(state) = &mut app.mode else {
        return Effect::None;
    };
    let focus = state.form.focus();
    let texty = state
        .form
        .fields
        .get(focus)
        .is_some_and(|f| matches!(f.kind, FieldKind::Text | FieldKind::MultiLine));
    if !texty {
        app.info("Ctrl-e edits text fields in $EDITOR");
        return Effect::None;
    }
    state.editor_field = Some(focus);
    Effect::Editor
}

/// The text `$EDITOR` should start with, while a Ctrl-e is pending.
pub fn editor_request(app: &App) -> Option<String> {
    let Mode::Form(state) = &app.mode else {
        return None;
    };
    let i = state.editor_field?;
    state.form.fields.get(i).map(|f| f.text().to_owned())
}

/// Puts the editor's text back into the field (a one-line field gets its
/// lines joined), or says why the editor failed; the form stays open.
pub fn finish_editor(app: &mut App, result: Result<String, String>) {
    let Mode::Form(state) = &mut app.mode else {
        return;
    };
    let Some(i) = state.editor_field.take() else {
        return;
    };
    match result {
        Ok(text) => {
            let multi = state
                .form
                .fields
                .get(i)
                .is_some_and(|f| f.kind == FieldKind::MultiLine);
            let text = if multi {
                text.replace("\r\n", "\n")
            } else {
                text.lines().collect::<Vec<_>>().join(" ")
            };
            state.form.set_value(i, text);
            state.form.set_focus(i);
        }
        Err(why) => state.form.form_error = Some(why),
    }
}
