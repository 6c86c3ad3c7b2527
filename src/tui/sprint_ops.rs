//! The sprint view's actions: focus between the sprint list, its items and
//! the candidates; moving items in and out; auto-plan and top three; start;
//! close through a checklist; export. The planning rules live in
//! `crate::planning`; this file only asks, applies and reports.

use super::action::{Effect, View};
use super::app::{App, Mode};
use super::prompt::{self, ExportFormat, Prompt, PromptKind};
use crate::export;
use crate::model::{Change, Sprint, SprintState};
use crate::planning;
use crate::store::save::{RealFs, write_atomic};

mod run;
pub use run::{cancel, start};

/// Which pane of the sprint view j/k move in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SprintFocus {
    #[default]
    List,
    Items,
    Candidates,
}

impl SprintFocus {
    const ALL: [SprintFocus; 3] = [
        SprintFocus::List,
        SprintFocus::Items,
        SprintFocus::Candidates,
    ];
}

/// The close dialog: the sprint's items, each ticked done or not.
#[derive(Debug, Clone, PartialEq)]
pub struct Checklist {
    pub sprint: String,
    pub items: Vec<(String, bool)>,
    pub selected: usize,
}

impl Checklist {
    pub fn step(&mut self, delta: i64) {
        let max = self.items.len().saturating_sub(1) as i64;
        self.selected = (self.selected as i64)
            .saturating_add(delta)
            .clamp(0, max.max(0)) as usize;
    }

    pub fn toggle(&mut self) {
        if let Some(item) = self.items.get_mut(self.selected) {
            item.1 = !item.1;
        }
    }

    pub fn done(&self) -> Vec<String> {
        self.items
            .iter()
            .filter(|(_, d)| *d)
            .map(|(id, _)| id.clone())
            .collect()
    }
}

pub fn selected_sprint(app: &App) -> Option<&Sprint> {
    app.selected_sprint_index().map(|i| &app.plan.sprints[i])
}

/// The selected sprint's item rows as `planning` computes them: the view
/// draws these and the actions index into them (a dangling id is a row too).
pub fn item_rows(app: &App) -> Vec<planning::ItemRow<'_>> {
    selected_sprint(app).map_or_else(Vec::new, |s| planning::item_rows(&app.plan, &s.id))
}

/// The highlighted committed item's row, clamped to the rows.
pub fn item_row(app: &App) -> usize {
    app.sprint_item_row
        .min(item_rows(app).len().saturating_sub(1))
}

pub fn candidate_row(app: &App) -> usize {
    app.sprint_candidate_row
        .min(app.cache.candidates.len().saturating_sub(1))
}

fn selected_item(app: &App) -> Option<String> {
    item_rows(app).get(item_row(app)).map(|r| r.id.to_owned())
}

fn selected_candidate(app: &App) -> Option<String> {
    app.cache
        .candidates
        .get(candidate_row(app))
        .map(|&i| app.plan.debts[i].id.clone())
}

pub fn focus(app: &mut App, delta: i64) -> Effect {
    let i = SprintFocus::ALL
        .iter()
        .position(|f| *f == app.sprint_focus)
        .unwrap_or(0) as i64;
    app.sprint_focus = SprintFocus::ALL[(i + delta).clamp(0, 2) as usize];
    Effect::None
}

/// j/k in the items or candidates pane; false when the sprint list has the
/// focus (the view's cursor moves as everywhere else).
pub fn step_pane(app: &mut App, delta: i64) -> bool {
    let (row, len) = match app.sprint_focus {
        SprintFocus::List => return false,
        SprintFocus::Items => (item_row(app), item_rows(app).len()),
        SprintFocus::Candidates => (candidate_row(app), app.cache.candidates.len()),
    };
    let max = len.saturating_sub(1) as i64;
    let next = (row as i64).saturating_add(delta).clamp(0, max.max(0)) as usize;
    match app.sprint_focus {
        SprintFocus::Items => app.sprint_item_row = next,
        _ => app.sprint_candidate_row = next,
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

/// Applies a planning change as one undo step; an empty change (nothing to
/// do) only reports, so undo never steps over a no-op.
pub fn apply(app: &mut App, change: Change, message: String) -> Effect {
    if change.is_empty() {
        app.info(message);
        return Effect::None;
    }
    app.apply(change);
    app.info(format!("{message} — u to undo"));
    Effect::Save
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
            apply(app, o.change, message)
        }
        Err(e) => {
            app.error(e.to_string());
            Effect::None
        }
    }
}

pub fn move_in(app: &mut App) -> Effect {
    if app.refuse_read_only() {
        return Effect::None;
    }
    let Some(sid) = sprint_id(app) else {
        return Effect::None;
    };
    let Some(id) = selected_candidate(app) else {
        app.info("no candidate to move in");
        return Effect::None;
    };
    let r = planning::add_items(&app.plan, &sid, std::slice::from_ref(&id));
    outcome(app, r)
}

pub fn move_out(app: &mut App) -> Effect {
    if app.refuse_read_only() {
        return Effect::None;
    }
    let Some(sid) = sprint_id(app) else {
        return Effect::None;
    };
    let Some(id) = selected_item(app) else {
        app.info("no committed item to move out");
        return Effect::None;
    };
    let r = planning::remove_items(&app.plan, &sid, std::slice::from_ref(&id));
    outcome(app, r)
}

pub fn toggle(app: &mut App) -> Effect {
    match app.sprint_focus {
        SprintFocus::Items => move_out(app),
        SprintFocus::Candidates => move_in(app),
        SprintFocus::List => {
            app.info("focus the items or the candidates first (h/l)");
            Effect::None
        }
    }
}

pub fn auto_plan(app: &mut App, top: bool) -> Effect {
    if app.refuse_read_only() {
        return Effect::None;
    }
    let Some(sid) = sprint_id(app) else {
        return Effect::None;
    };
    let r = if top {
        planning::top_n(&app.plan, &sid, 3, app.today)
    } else {
        planning::auto_plan(&app.plan, &sid, app.today)
    };
    outcome(app, r)
}

/// Opens the close checklist; items already done start ticked.
pub fn open_close(app: &mut App) -> Effect {
    if app.refuse_read_only() {
        return Effect::None;
    }
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
            let d = app.plan.debts.get(r.debt?)?;
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
    match planning::close(&app.plan, &list.sprint, &list.done(), app.today) {
        Ok(o) => apply(app, o.change, o.message),
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

/// Where an export goes by default: the plan's directory, else `./`.
pub fn default_path(app: &App, file: &str) -> String {
    match &app.export_dir {
        Some(dir) => dir.join(file).display().to_string(),
        None => format!("./{file}"),
    }
}

pub fn open_export(app: &mut App) -> Effect {
    let Some(sid) = sprint_id(app) else {
        return Effect::None;
    };
    prompt::ask(
        app,
        Prompt::new(
            PromptKind::ExportFormat {
                sprint: sid.clone(),
            },
            format!("Export {sid} as"),
            "md, csv or json",
            "md",
        ),
    );
    Effect::None
}

/// Writes `text` to `path` atomically; the status line says where.
pub fn write_export(app: &mut App, path: &str, text: &str, what: &str) -> Result<(), String> {
    let path = prompt::path_of(path);
    if path.as_os_str().is_empty() {
        return Err("a path is required".to_owned());
    }
    write_atomic(&mut RealFs, &path, text.as_bytes()).map_err(|e| e.to_string())?;
    app.info(format!("wrote {what} to {}", path.display()));
    Ok(())
}

/// Answers the export prompts: the format, then the path.
pub fn answer(app: &mut App, p: Prompt) -> Effect {
    match p.kind.clone() {
        PromptKind::ExportFormat { sprint } => {
            let Some(format) = ExportFormat::parse(p.input.text()) else {
                let why = format!("{:?}: choose md, csv or json", p.input.text());
                return prompt::refuse(app, p, why);
            };
            let name = app
                .plan
                .sprint(&sprint)
                .map_or_else(|| sprint.clone(), |s| s.name.clone());
            let file = format!("{}.{}", file_stem(&name), format.extension());
            let path = default_path(app, &file);
            prompt::ask(
                app,
                Prompt::new(
                    PromptKind::ExportPath { sprint, format },
                    format!("Write the {} to", format.extension()),
                    "Enter writes (replacing the file atomically), Esc cancels",
                    path,
                ),
            );
            Effect::None
        }
        PromptKind::ExportPath { sprint, format } => {
            let text = match format {
                ExportFormat::Markdown => export::sprint_markdown(&app.plan, &sprint, app.today),
                ExportFormat::Csv => export::sprint_csv(&app.plan, &sprint, app.today),
                ExportFormat::Json => export::sprint_json(&app.plan, &sprint, app.today),
            };
            let text = match text {
                Ok(t) => t,
                Err(e) => {
                    app.error(e.to_string());
                    return Effect::None;
                }
            };
            let path = p.input.text().to_owned();
            let what = format!("{sprint} ({})", format.extension());
            match write_export(app, &path, &text, &what) {
                Ok(()) => Effect::None,
                Err(why) => prompt::refuse(app, p, why),
            }
        }
        _ => Effect::None,
    }
}

/// The current view is the sprint view with the focus on a pane.
pub fn in_pane(app: &App) -> bool {
    app.view == View::Sprints && app.sprint_focus != SprintFocus::List
}

#[cfg(test)]
mod tests;
