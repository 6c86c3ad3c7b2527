//! Bringing a backlog in from the UI: `I` in the debt view asks for a file
//! (a CSV with a header, or a taskwarrior `task export`) and adds every item
//! as one change — one undo step, one atomic save.

use super::action::Effect;
use super::app::App;
use super::prompt::{self, Prompt, PromptKind};
use super::sprint_ops;
use crate::import;

pub fn open(app: &mut App) -> Effect {
    if app.read_only {
        app.error("read-only: nothing was imported");
        return Effect::None;
    }
    let path = sprint_ops::default_path(app, "backlog.csv");
    prompt::ask(
        app,
        Prompt::new(
            PromptKind::ImportPath,
            "Import debt from",
            "a CSV with a header row, or a taskwarrior `task export` (.json)",
            path,
        ),
    );
    Effect::None
}

/// Reads and checks the whole file before anything changes: a bad row
/// refuses the import and keeps the prompt open with the first problem.
pub fn answer(app: &mut App, p: Prompt) -> Effect {
    let path = p.input.text().trim().to_owned();
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => return prompt::refuse(app, p, format!("{path}: {e}")),
    };
    let is_json =
        path.to_ascii_lowercase().ends_with(".json") || text.trim_start().starts_with('[');
    let (items, note) = if is_json {
        match import::taskwarrior::parse(&text, &path, &app.plan, app.today) {
            Ok(o) if o.already > 0 => {
                let note = format!(" ({} already imported)", o.already);
                (o.items, note)
            }
            Ok(o) => (o.items, String::new()),
            Err(e) => return prompt::refuse(app, p, e.to_string()),
        }
    } else {
        match import::csv::parse(&text, &path, &app.plan, app.today) {
            Ok(items) => (items, String::new()),
            Err(errors) => {
                let first = errors.first().map(ToString::to_string).unwrap_or_default();
                let more = match errors.len() {
                    0 | 1 => String::new(),
                    n => format!(" (and {} more problems)", n - 1),
                };
                return prompt::refuse(app, p, format!("{first}{more}; nothing imported"));
            }
        }
    };
    if items.is_empty() {
        app.info(format!("nothing to import from {path}{note}"));
        return Effect::None;
    }
    let n = items.len();
    let message = format!(
        "imported {n} debt item{} from {path}{note}",
        if n == 1 { "" } else { "s" }
    );
    sprint_ops::apply(app, import::change(&items), message)
}
