//! The sprint view's actions: focus between the sprint list, its items and
//! the candidates; moving items in and out; auto-plan and top three; start;
//! close through a checklist; export. The planning rules live in
//! `crate::planning`; this file only asks, applies and reports.

use super::action::{Action, Effect, View};
use super::app::{App, Mode};
use super::state::{Checklist, ExportFormat, Prompt, PromptKind, SprintFocus};
use crate::export;
use crate::model::{Change, Item, Sprint, SprintState};
use crate::planning;
use crate::text::sanitize;

mod run;
pub use run::{cancel, start};

/// The sprint view's own actions; `None`: not one of them.
pub fn handle(app: &mut App, action: Action) -> Option<Effect> {
    Some(match action {
        Action::FocusPrev => focus(app, -1),
        Action::FocusNext => focus(app, 1),
        Action::SprintIn => move_in(app),
        Action::SprintOut => move_out(app),
        Action::SprintToggle => toggle(app),
        Action::AutoPlan => auto_plan(app, false),
        Action::TopThree => auto_plan(app, true),
        Action::StartSprint => start(app),
        Action::CloseSprint => open_close(app),
        Action::CancelSprint => cancel(app),
        Action::ExportSprint => open_export(app),
        Action::RenameSprint => open_rename(app),
        Action::ToggleCharts => {
            app.sprint.charts = !app.sprint.charts;
            Effect::None
        }
        _ => return None,
    })
}

pub fn selected_sprint(app: &App) -> Option<&Sprint> {
    app.selected_sprint_index().map(|i| &app.plan().sprints[i])
}

/// The selected sprint's item rows as `planning` computes them: the view
/// draws these and the actions index into them (a dangling id is a row too).
pub fn item_rows(app: &App) -> Vec<planning::ItemRow<'_>> {
    selected_sprint(app).map_or_else(Vec::new, |s| planning::item_rows(app.plan(), &s.id))
}

/// The highlighted committed item's row, clamped to the rows.
pub fn item_row(app: &App) -> usize {
    app.sprint
        .item_row
        .min(item_rows(app).len().saturating_sub(1))
}

pub fn candidate_row(app: &App) -> usize {
    app.sprint
        .candidate_row
        .min(app.cache.candidates.len().saturating_sub(1))
}

fn selected_item(app: &App) -> Option<String> {
    item_rows(app).get(item_row(app)).map(|r| r.id.to_owned())
}

fn selected_candidate(app: &App) -> Option<String> {
    app.cache
        .candidates
        .get(candidate_row(app))
        .map(|&i| app.plan().debts[i].id.clone())
}

pub fn focus(app: &mut App, delta: i64) -> Effect {
    let i = SprintFocus::ALL
        .iter()
        .position(|f| *f == app.sprint.focus)
        .unwrap_or(0) as i64;
    app.sprint.focus = SprintFocus::ALL[(i + delta).clamp(0, 2) as usize];
    Effect::None
}

/// j/k in the items or candidates pane; false when the sprint list has the
/// focus (the view's cursor moves as everywhere else).
pub fn step_pane(app: &mut App, delta: i64) -> bool {
    let (row, len) = match app.sprint.focus {
        SprintFocus::List => return false,
        SprintFocus::Items => (item_row(app), item_rows(app).len()),
        SprintFocus::Candidates => (candidate_row(app), app.cache.candidates.len()),
    };
    let max = len.saturating_sub(1) as i64;
    let next = (row as i64).saturating_add(delta).clamp(0, max.max(0)) as usize;
    match app.sprint.focus {
        SprintFocus::Items => app.sprint.item_row = next,
        _ => app.sprint.candidate_row = next,
    }
    true
}

/// The selected sprint's id, or a message saying there is none.
pub(super) fn sprint_id(app: &mut App) -> Option<String> {
    let id = selected_sprint(app).map(|s| s.id.clone());
    if id.is_none() {
        app.info("no sprint selected");
    }
    id
}

pub(super) fn outcome(
    app: &mut App,
    result: Result<planning::Outcome, planning::PlanningError>,
) -> Effect {
    match result {
        Ok(o) => {
            let message = if o.chosen.is_empty() {
                o.message
            } else {
                format!("{} ({})", o.message, o.chosen.join(", "))
            };
            app.apply_reported(o.change, message)
        }
        Err(e) => {
            app.error(e.to_string());
            Effect::None
        }
    }
}

pub fn move_in(app: &mut App) -> Effect {
    let Some(sid) = sprint_id(app) else {
        return Effect::None;
    };
    let Some(id) = selected_candidate(app) else {
        app.info("no candidate to move in");
        return Effect::None;
    };
    let r = planning::add_items(app.plan(), &sid, std::slice::from_ref(&id), app.today);
    outcome(app, r)
}

pub fn move_out(app: &mut App) -> Effect {
    let Some(sid) = sprint_id(app) else {
        return Effect::None;
    };
    let Some(id) = selected_item(app) else {
        app.info("no committed item to move out");
        return Effect::None;
    };
    let r = planning::remove_items(app.plan(), &sid, std::slice::from_ref(&id), app.today);
    outcome(app, r)
}

pub fn toggle(app: &mut App) -> Effect {
    match app.sprint.focus {
        SprintFocus::Items => move_out(app),
        SprintFocus::Candidates => move_in(app),
        SprintFocus::List => {
            app.info("focus the items or the candidates first (h/l)");
            Effect::None
        }
    }
}

pub fn auto_plan(app: &mut App, top: bool) -> Effect {
    let Some(sid) = sprint_id(app) else {
        return Effect::None;
    };
    let r = if top {
        planning::top_n(app.plan(), &sid, 3, app.today)
    } else {
        planning::auto_plan(app.plan(), &sid, app.today)
    };
    outcome(app, r)
}

/// Opens the close checklist; items already done start ticked.
pub fn open_close(app: &mut App) -> Effect {
    let Some(s) = selected_sprint(app) else {
        app.info("no sprint selected");
        return Effect::None;
    };
    if s.state != SprintState::Active {
        let e = planning::PlanningError::NotActive {
            id: s.id.clone(),
            state: s.state.label(),
        };
        app.error(e.to_string());
        return Effect::None;
    }
    let sprint = s.id.clone();
    // The items that exist: a dangling id has nothing to mark done.
    let items = item_rows(app)
        .iter()
        .filter_map(|r| {
            let d = app.plan().debts.get(r.debt?)?;
            Some((d.id.clone(), d.status == crate::model::DebtStatus::Done))
        })
        .collect();
    app.mode = Mode::Checklist(Checklist {
        sprint,
        items,
        selected: 0,
    });
    Effect::None
}

pub fn submit_close(app: &mut App) -> Effect {
    let Mode::Checklist(list) = std::mem::take(&mut app.mode) else {
        return Effect::None;
    };
    match planning::close(app.plan(), &list.sprint, &list.done(), app.today) {
        Ok(o) => app.apply_reported(o.change, o.message),
        Err(e) => {
            app.error(e.to_string());
            Effect::None
        }
    }
}

/// A file name from a sprint name: letters, digits and dashes.
pub fn file_stem(name: &str) -> String {
    let mut out = String::new();
    for c in name.trim().chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_owned();
    if out.is_empty() {
        "sprint".to_owned()
    } else {
        out
    }
}

pub fn open_export(app: &mut App) -> Effect {
    let Some(sid) = sprint_id(app) else {
        return Effect::None;
    };
    app.ask(Prompt::new(
        PromptKind::ExportFormat {
            sprint: sid.clone(),
        },
        format!("Export {sid} as"),
        "md, csv or json — or html: the report for stakeholders",
        "md",
    ));
    Effect::None
}

/// `n`: asks the selected sprint's new name, the current one typed over.
pub fn open_rename(app: &mut App) -> Effect {
    let Some(s) = selected_sprint(app) else {
        app.info("no sprint selected");
        return Effect::None;
    };
    let (id, name) = (s.id.clone(), s.name.clone());
    app.ask(Prompt::new(
        PromptKind::About {
            action: Action::RenameSprint,
            id: id.clone(),
        },
        format!("Rename {id} to"),
        "Enter renames, Esc keeps the name",
        name,
    ));
    Effect::None
}

/// The new name, held to the form's rule for a sprint name; one undo step.
fn rename(app: &mut App, p: Prompt) -> Effect {
    let PromptKind::About { id, .. } = &p.kind else {
        return Effect::None;
    };
    let id = id.clone();
    let name = match crate::model::validate::title("name", p.input.text()) {
        Ok(name) => name,
        Err(e) => return app.refuse(p, e.to_string()),
    };
    let Some(mut sprint) = app.plan().sprint(&id).cloned() else {
        app.error(format!("{id} no longer exists"));
        return Effect::None;
    };
    if sprint.name == name {
        app.info(format!("{id}: nothing changed"));
        return Effect::None;
    }
    let old = std::mem::replace(&mut sprint.name, name.clone());
    let change = Change::new(format!("rename {id}")).put(Item::Sprint(sprint));
    let (old, name) = (sanitize(&old), sanitize(&name));
    app.apply_reported(change, format!("renamed {id} “{old}” → “{name}”"))
}

/// Answers the sprint view's prompts; `Err`: not one of them.
pub fn answer(app: &mut App, p: Box<Prompt>) -> Result<Effect, Box<Prompt>> {
    match p.kind {
        PromptKind::ExportFormat { .. } | PromptKind::ExportPath { .. } => {
            Ok(answer_export(app, *p))
        }
        PromptKind::About {
            action: Action::RenameSprint,
            ..
        } => Ok(rename(app, *p)),
        _ => Err(p),
    }
}

/// Answers the export prompts: the format, then the path.
fn answer_export(app: &mut App, p: Prompt) -> Effect {
    match p.kind.clone() {
        PromptKind::ExportFormat { sprint } => {
            let Some(format) = ExportFormat::parse(p.input.text()) else {
                let why = format!(
                    "{:?}: choose md, csv or json, or html for the report",
                    p.input.text()
                );
                return app.refuse(p, why);
            };
            let name = app
                .plan()
                .sprint(&sprint)
                .map_or_else(|| sprint.clone(), |s| s.name.clone());
            let file = match format {
                ExportFormat::Report => "report.html".to_owned(),
                _ => format!("{}.{}", file_stem(&name), format.extension()),
            };
            let path = app.default_path(&file);
            app.ask(Prompt::new(
                PromptKind::ExportPath { sprint, format },
                match format {
                    ExportFormat::Report => "Write the report to".to_owned(),
                    _ => format!("Write the {} to", format.extension()),
                },
                "Enter writes (replacing the file atomically), Esc cancels",
                path,
            ));
            Effect::None
        }
        PromptKind::ExportPath { sprint, format } => {
            let text = match format {
                ExportFormat::Markdown => export::sprint_markdown(app.plan(), &sprint, app.today),
                ExportFormat::Csv => export::sprint_csv(app.plan(), &sprint, app.today),
                ExportFormat::Json => export::sprint_json(app.plan(), &sprint, app.today),
                ExportFormat::Report => Ok(export::report_html(app.plan(), app.today)),
            };
            let text = match text {
                Ok(t) => t,
                Err(e) => {
                    app.error(e.to_string());
                    return Effect::None;
                }
            };
            let path = p.input.text().to_owned();
            let what = match format {
                ExportFormat::Report => "the report (html)".to_owned(),
                _ => format!("{sprint} ({})", format.extension()),
            };
            match app.write_export(&path, &text, &what) {
                Ok(()) => Effect::None,
                Err(why) => app.refuse(p, why),
            }
        }
        _ => Effect::None,
    }
}

/// The current view is the sprint view with the focus on a pane.
pub fn in_pane(app: &App) -> bool {
    app.view == View::Sprints && app.sprint.focus != SprintFocus::List
}

#[cfg(test)]
mod tests;
