//! Bringing a backlog in from the UI: `I` in the debt view asks for a file
//! (a CSV with a header — a spreadsheet, or a Linear, GitLab or Jira
//! export — a GitHub issues JSON or a taskwarrior `task export`, told apart
//! by their content) and adds every item
//! as one change — one undo step, one atomic save. A CSV with bad rows opens
//! a review listing every problem; Enter there imports only the valid rows
//! (the same domain function as `bearing import csv --skip-invalid`).

use std::path::Path;

use super::action::{Action, Effect};
use super::app::{App, Mode};
use super::state::{ImportReview, Prompt, PromptKind, plural};
use crate::import::{self, ImportError};

/// `I`; `None`: not the import action.
pub fn handle(app: &mut App, action: Action) -> Option<Effect> {
    (action == Action::ImportDebt).then(|| open(app))
}

pub fn open(app: &mut App) -> Effect {
    let path = app.default_path("backlog.csv");
    app.ask(Prompt::new(
        PromptKind::ImportPath,
        "Import debt from",
        "a CSV with a header row (a spreadsheet, or a Linear, GitLab or Jira export), a GitHub issues JSON, or a taskwarrior `task export` (.json)",
        path,
    ));
    Effect::None
}

/// Answers the path prompt; `Err`: not it.
pub fn answer(app: &mut App, p: Box<Prompt>) -> Result<Effect, Box<Prompt>> {
    match p.kind {
        PromptKind::ImportPath => Ok(read(app, *p)),
        _ => Err(p),
    }
}

/// Reads and checks the whole file before anything changes: a file that
/// cannot be read keeps the prompt open with the reason; a CSV with bad rows
/// opens the review of every problem.
fn read(app: &mut App, p: Prompt) -> Effect {
    let path = crate::tui::app::path_of(p.input.text())
        .to_string_lossy()
        .into_owned();
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(e) => return app.refuse(p, format!("{path}: {e}")),
    };
    // A spreadsheet's CSV may be Windows-1252 or UTF-16: decoded as
    // `bearing import csv` decodes it.
    let decoded = import::decode::decode(&bytes);
    if let Some(t) = import::tracker::sniff(&decoded.text) {
        return tracker(app, p, &path, &decoded.text, t);
    }
    let is_json =
        path.to_ascii_lowercase().ends_with(".json") || bytes.trim_ascii_start().starts_with(b"[");
    if !is_json {
        return csv(app, p, path, decoded.text, decoded.encoding);
    }
    let text = match crate::store::load::decode(Path::new(&path), bytes) {
        Ok(t) => t,
        Err(e) => return app.refuse(p, e.to_string()),
    };
    match import::taskwarrior::parse(&text, &path, app.plan(), app.today) {
        Ok(o) => {
            let note = match o.already {
                0 => String::new(),
                n => format!(" ({n} already imported)"),
            };
            finish(app, &path, o.items, note)
        }
        Err(e) => app.refuse(p, e.to_string()),
    }
}

/// A GitHub or Jira export: every issue or nothing, as `bearing import
/// github|jira` does (without `--only-debt`).
fn tracker(
    app: &mut App,
    p: Prompt,
    path: &str,
    text: &str,
    t: import::tracker::Tracker,
) -> Effect {
    use import::tracker::{Options, Tracker};
    let parse = match t {
        Tracker::Github => import::github::parse,
        Tracker::Jira => import::jira::parse,
    };
    match parse(text, path, app.plan(), app.today, Options::default()) {
        Ok(o) => {
            let notes: Vec<String> = [
                (o.already, format!("{} already imported", o.already)),
                (
                    o.pull_requests,
                    format!("{} skipped", plural(o.pull_requests, "pull request")),
                ),
                (
                    o.warnings.len(),
                    format!("{} left out", plural(o.warnings.len(), "unreadable value")),
                ),
            ]
            .into_iter()
            .filter(|(n, _)| *n > 0)
            .map(|(_, note)| note)
            .collect();
            let note = if notes.is_empty() {
                String::new()
            } else {
                format!(" ({})", notes.join(", "))
            };
            finish(app, path, o.items, note)
        }
        Err(e) => {
            let more = match e.len() {
                0 | 1 => String::new(),
                n => format!(" (and {} more)", n - 1),
            };
            let first = e.first().map(ToString::to_string).unwrap_or_default();
            app.refuse(p, format!("{first}{more}; nothing imported"))
        }
    }
}

fn csv(
    app: &mut App,
    p: Prompt,
    path: String,
    text: String,
    encoding: Option<&'static str>,
) -> Effect {
    let listed = |errors: &[ImportError]| errors.iter().map(ToString::to_string).collect();
    let review = match import::csv::parse_skipping(&text, &path, app.plan(), app.today) {
        Ok(o) if o.skipped.is_empty() => {
            let note = how_read(&o, encoding);
            return finish(app, &path, o.items, note);
        }
        Ok(o) => ImportReview {
            problems: listed(&o.skipped),
            valid: o.items.len(),
            bad_rows: rows(&o.skipped),
            fatal: false,
            prompt: p,
            path,
            text,
            selected: 0,
        },
        Err(errors) => ImportReview {
            problems: listed(&errors),
            valid: 0,
            bad_rows: 0,
            fatal: true,
            prompt: p,
            path,
            text,
            selected: 0,
        },
    };
    let file = Path::new(&review.path)
        .file_name()
        .map_or_else(|| review.path.clone(), |n| n.to_string_lossy().into_owned());
    app.error(format!(
        "{file}: {}, nothing imported yet",
        plural(review.problems.len(), "problem")
    ));
    app.mode = Mode::ImportReview(Box::new(review));
    Effect::None
}

/// How a file was read, when there is anything to say: its encoding, the
/// tracker export recognised, the columns ignored — as the CLI says on
/// stderr.
fn how_read(o: &import::csv::Outcome, encoding: Option<&str>) -> String {
    let mut notes = Vec::new();
    if let Some(e) = encoding {
        notes.push(format!("read as {e}"));
    }
    if o.flavor != import::csv::Flavor::Sheet {
        notes.push(format!("read as {}", o.flavor.label()));
    }
    if !o.ignored.is_empty() {
        notes.push(format!("ignored columns: {}", o.ignored.join(", ")));
    }
    if notes.is_empty() {
        String::new()
    } else {
        format!(" ({})", notes.join("; "))
    }
}

/// The distinct rows the problems are on.
fn rows(errors: &[ImportError]) -> usize {
    errors
        .iter()
        .map(|e| e.line)
        .collect::<std::collections::BTreeSet<_>>()
        .len()
}

/// Enter in the review: imports the valid rows, if any.
pub fn import_valid(app: &mut App) -> Effect {
    let Mode::ImportReview(review) = std::mem::take(&mut app.mode) else {
        return Effect::None;
    };
    if review.fatal || review.valid == 0 {
        app.error(review.summary());
        app.mode = Mode::ImportReview(review);
        return Effect::None;
    }
    match import::csv::parse_skipping(&review.text, &review.path, app.plan(), app.today) {
        Ok(o) => {
            let note = format!(" (skipped {})", plural(rows(&o.skipped), "invalid row"));
            finish(app, &review.path, o.items, note)
        }
        Err(errors) => {
            let why = errors.first().map(ToString::to_string).unwrap_or_default();
            app.refuse(review.prompt, format!("{why}; nothing imported"))
        }
    }
}

/// Esc in the review: back to the path, as typed.
pub fn back(app: &mut App) -> Effect {
    if let Mode::ImportReview(review) = std::mem::take(&mut app.mode) {
        let why = format!("{}: nothing imported", review.summary());
        let mut p = review.prompt;
        p.error = Some(why);
        app.mode = Mode::Prompt(p);
    }
    Effect::None
}

fn finish(app: &mut App, path: &str, items: Vec<crate::model::Debt>, note: String) -> Effect {
    if items.is_empty() {
        app.info(format!("nothing to import from {path}{note}"));
        return Effect::None;
    }
    let message = format!(
        "imported {} from {path}{note}",
        plural(items.len(), "debt item")
    );
    app.apply_reported(import::change(&items), message)
}
