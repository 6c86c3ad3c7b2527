//! Bringing a backlog in from the UI: `I` in the debt view asks for a file,
//! tells its format from its text ([`import::detect`]: a spreadsheet CSV, a
//! Linear, GitLab or Jira CSV export, a GitHub issues JSON, a taskwarrior
//! `task export`) and shows what importing it would do — the same sync as
//! `bearing import` ([`import::sync`]): added, updated, closed, unchanged,
//! conflicts. Enter applies it as one change (one undo step, one atomic
//! save); Esc cancels; `d` toggles importing only the items marked as debt
//! (`--only-debt`: GitHub, Jira, Linear, GitLab) and shows the summary
//! again with how many that leaves out. A CSV with bad rows first opens a
//! review listing every problem; Enter there goes on with the valid rows
//! only (the same domain function as `bearing import csv --skip-invalid`).

use std::path::Path;

use super::action::{Action, Effect};
use super::app::{App, Mode};
use super::state::{ImportReview, ImportSync, Prompt, PromptKind, plural};
use crate::import::{self, Format, ImportError};
use crate::model::Debt;

/// How many changes the summary lists.
const PREVIEW: usize = 50;

/// `I`; `None`: not the import action.
pub fn handle(app: &mut App, action: Action) -> Option<Effect> {
    match action {
        Action::ImportDebt => Some(open(app)),
        Action::OnlyDebt => Some(only_debt(app)),
        _ => None,
    }
}

/// Whether a format's items can be told apart as debt (labels, issue
/// types): the formats `--only-debt` is offered for.
fn marks_debt(format: Format) -> bool {
    matches!(
        format,
        Format::Github | Format::Jira | Format::Linear | Format::Gitlab
    )
}

/// `d` on the summary: only the items marked as debt, or everything again;
/// the summary is made again from the file (nothing changes until Enter).
fn only_debt(app: &mut App) -> Effect {
    let Mode::ImportSync(s) = std::mem::take(&mut app.mode) else {
        return Effect::None;
    };
    if !marks_debt(s.format) {
        app.error(format!(
            "only debt: for GitHub, Jira, Linear and GitLab exports (their labels say what is debt), not {}",
            s.format.name()
        ));
        app.mode = Mode::ImportSync(s);
        return Effect::None;
    }
    let only = !s.only_debt;
    match parse(app, s.format, &s.text, &s.path, s.skip_invalid, only) {
        Ok(parsed) => {
            let ImportSync {
                path,
                text,
                format,
                skip_invalid,
                ..
            } = *s;
            let opts = (format, skip_invalid, only);
            let effect = summarize(app, path, text, opts, parsed);
            app.info(if only {
                "only the items marked as debt (the plan's import.debt_labels): d for everything"
            } else {
                "every item of the file: d for only debt"
            });
            effect
        }
        Err(why) => {
            app.error(why);
            app.mode = Mode::ImportSync(s);
            Effect::None
        }
    }
}

pub fn open(app: &mut App) -> Effect {
    let path = app.default_path("backlog.csv");
    app.ask(Prompt::new(
        PromptKind::ImportPath,
        "Import debt from",
        "CSV (a spreadsheet; Linear, GitLab, Jira), GitHub JSON or `task export`; the format is read from the file",
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
    let encoding = decoded.encoding.map(|e| format!("read as {e}"));
    let text = decoded.text;
    match import::detect(&text) {
        Format::UnknownJson => {
            let why = import::detect::why_unknown(&text, &path);
            app.refuse(p, why)
        }
        format @ (Format::Csv | Format::Linear | Format::Gitlab) => {
            csv(app, p, path, text, format, encoding)
        }
        format => match parse(app, format, &text, &path, false, false) {
            Ok((items, note, given)) => {
                let note = joined([encoding, note]);
                summarize(
                    app,
                    path,
                    text,
                    (format, false, false),
                    (items, note, given),
                )
            }
            Err(why) => app.refuse(p, format!("{why}; nothing imported")),
        },
    }
}

/// Notes side by side, or none.
fn joined<const N: usize>(notes: [Option<String>; N]) -> Option<String> {
    let notes: Vec<String> = notes.into_iter().flatten().collect();
    (!notes.is_empty()).then(|| notes.join("; "))
}

/// What a parser made of a file: its items, a note on what it left out,
/// and the fields it gives when not all (a spreadsheet's columns).
type Parsed = (Vec<Debt>, Option<String>, Option<Vec<&'static str>>);

/// The items of a file in a known format and what its parser left out, or
/// the first problem (and how many more). Formats that can have bad rows
/// (CSV) are checked by [`csv`] first.
fn parse(
    app: &App,
    format: Format,
    text: &str,
    path: &str,
    skip_invalid: bool,
    only_debt: bool,
) -> Result<Parsed, String> {
    let first = |errors: Vec<ImportError>| {
        let more = match errors.len() {
            0 | 1 => String::new(),
            n => format!(" (and {} more)", n - 1),
        };
        let first = errors.first().map(ToString::to_string).unwrap_or_default();
        format!("{first}{more}")
    };
    let (plan, today) = (app.plan(), app.today);
    let tracker = |parse: import::tracker::Parse| {
        parse(
            text,
            path,
            plan,
            today,
            import::tracker::Options { only_debt },
        )
        .map(|o| {
            let note = joined([
                o.note(),
                (!o.warnings.is_empty())
                    .then(|| format!("{} left out", plural(o.warnings.len(), "unreadable value"))),
            ]);
            (o.items, note, None)
        })
        .map_err(first)
    };
    match format {
        Format::Taskwarrior => import::taskwarrior::parse(text, path, plan, today)
            .map(|o| {
                let note = o.note();
                (o.items, note, None)
            })
            .map_err(|e| e.to_string()),
        Format::Github => tracker(import::github::parse),
        Format::Jira => tracker(import::jira::parse),
        Format::Csv | Format::Linear | Format::Gitlab => {
            let options = import::csv::Options {
                only_debt,
                ..import::csv::Options::default()
            };
            match import::csv::read(text, path, plan, today, &options) {
                Ok(o) if skip_invalid || o.skipped.is_empty() => {
                    Ok((o.items, not_debt(o.not_debt), o.given))
                }
                Ok(o) => Err(first(o.skipped)),
                Err(errors) => Err(first(errors)),
            }
        }
        Format::UnknownJson => Err(import::detect::why_unknown(text, path)),
    }
}

/// Syncs the items against the plan and shows what that would do; nothing
/// changes until Enter.
fn summarize(
    app: &mut App,
    path: String,
    text: String,
    (format, skip_invalid, only_debt): (Format, bool, bool),
    (items, note, given): Parsed,
) -> Effect {
    let s = import::sync_given(app.plan(), items, app.today, given.as_deref());
    let mut summary = s.summary();
    if let Some(note) = &note {
        summary.push_str(&format!(" ({note})"));
    }
    if only_debt {
        summary.insert_str(0, "only debt: ");
    }
    // Only debt may leave nothing: the summary stays, so `d` can undo it.
    if s.is_empty() && !only_debt {
        let mut lines = s.notes();
        lines.insert(0, format!("nothing to import from {path}: {summary}"));
        app.info(lines.join("; "));
        return Effect::None;
    }
    let mut lines = s.notes();
    lines.extend(s.preview(PREVIEW));
    app.mode = Mode::ImportSync(Box::new(ImportSync {
        path,
        text,
        format,
        skip_invalid,
        only_debt,
        summary,
        note,
        lines,
        scroll: 0,
    }));
    Effect::None
}

/// Enter on the summary: the file parsed and synced again against the plan
/// as it is now (it may have been reloaded), applied as one change.
pub fn apply(app: &mut App) -> Effect {
    let Mode::ImportSync(s) = std::mem::take(&mut app.mode) else {
        return Effect::None;
    };
    let (items, given) = match parse(app, s.format, &s.text, &s.path, s.skip_invalid, s.only_debt) {
        Ok((items, _, given)) => (items, given),
        Err(why) => {
            app.error(format!("{why}; nothing imported"));
            return Effect::None;
        }
    };
    let sync = import::sync_given(app.plan(), items, app.today, given.as_deref());
    let mut message = format!("imported from {}: {}", s.path, sync.summary());
    if let Some(note) = &s.note {
        message.push_str(&format!(" ({note})"));
    }
    if sync.is_empty() {
        app.info(message);
        return Effect::None;
    }
    app.apply_reported(sync.change(), message)
}

/// Esc on the summary: nothing imported.
pub fn cancel(app: &mut App) -> Effect {
    if let Mode::ImportSync(s) = std::mem::take(&mut app.mode) {
        app.info(format!("import of {} cancelled: nothing imported", s.path));
    }
    Effect::None
}

/// A CSV of any flavour: the summary when every row is good, else the
/// review of every problem.
fn csv(
    app: &mut App,
    p: Prompt,
    path: String,
    text: String,
    format: Format,
    encoding: Option<String>,
) -> Effect {
    let listed = |errors: &[ImportError]| errors.iter().map(ToString::to_string).collect();
    let options = import::csv::Options::default();
    let review = match import::csv::read(&text, &path, app.plan(), app.today, &options) {
        Ok(o) if o.skipped.is_empty() => {
            let note = joined([encoding, how_read(&o)]);
            return summarize(
                app,
                path,
                text,
                (format, false, false),
                (o.items, note, o.given),
            );
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

/// How a CSV was read, when there is anything to say: the tracker export
/// recognised, the columns ignored — as the CLI says on stderr.
fn how_read(o: &import::csv::Outcome) -> Option<String> {
    let mut notes = Vec::new();
    if o.flavor != import::csv::Flavor::Sheet {
        notes.push(format!("read as {}", o.flavor.label()));
    }
    if !o.ignored.is_empty() {
        notes.push(format!("ignored columns: {}", o.ignored.join(", ")));
    }
    notes.extend(o.note());
    (!notes.is_empty()).then(|| notes.join("; "))
}

/// "3 not marked as debt", when `--only-debt` left any out.
fn not_debt(n: usize) -> Option<String> {
    (n > 0).then(|| format!("{n} not marked as debt"))
}

/// The distinct rows the problems are on.
fn rows(errors: &[ImportError]) -> usize {
    errors
        .iter()
        .map(|e| e.line)
        .collect::<std::collections::BTreeSet<_>>()
        .len()
}

/// Enter in the review: goes on to the summary of the valid rows, if any.
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
            let note = format!("skipped {}", plural(rows(&o.skipped), "invalid row"));
            let ImportReview { path, text, .. } = *review;
            let format = import::detect(&text);
            summarize(
                app,
                path,
                text,
                (format, true, false),
                (o.items, Some(note), o.given),
            )
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
