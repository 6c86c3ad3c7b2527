//! Taskwarrior's `task export` (a JSON array of tasks, or one task per
//! line) as debt items, for [`super::sync`].
//!
//! The mapping, also in the README:
//!
//! - Tasks still to do (status `pending`, which includes tasks waiting for
//!   their `wait` date, and the older `waiting`) are read as open items.
//!   A `completed` task is read as done and a `deleted` one as won't fix,
//!   but only when it was imported before (so `task done` closes the item
//!   here on the next import); new closed tasks and recurring templates are
//!   left out.
//! - `description` → title (cut to 200 characters with `…`; the full text
//!   then opens the description), `project` → area, `tags` → tags,
//!   `annotations` → description, one line per annotation as
//!   `YYYY-MM-DD text`, `entry` → created date, and the task's uuid → the
//!   item's `source` as `taskwarrior:UUID`, which a re-import matches.
//! - `priority` sets the three impact ratings (customer, delivery, risk)
//!   alike: `H` → 3, `M` → 2, `L` → 1, none (or another value) → 0. Their
//!   sums, 9 : 6 : 3, keep the ratio taskwarrior's own urgency gives the
//!   priorities (6.0 : 3.9 : 1.8).
//! - `due` → the item's due date (its calendar day in UTC); the urgency
//!   rating stays 0 and the score raises it as the date nears
//!   (`score::due_urgency`), so it does not freeze on the import day.
//! - No effort (taskwarrior has none): the item is not estimated and waits
//!   in the triage queue (`t` in the UI, or `bearing edit D-XXXXX --effort
//!   3`); owner empty (taskwarrior has none) — `check` warns about the
//!   owner of an item still to triage rather than failing the gate.
//! - Left out, and counted by kind in the summary ([`Outcome::note`]):
//!   completed and deleted tasks never imported, recurring templates.

use std::collections::HashSet;

use chrono::NaiveDate;
use serde::Deserialize;

use super::{Ids, ImportError};
use crate::model::validate::MAX_TITLE;
use crate::model::{Debt, DebtStatus, Plan};

/// Prefix of [`Debt::source`] for items that came from taskwarrior.
pub const SOURCE: &str = "taskwarrior:";

#[derive(Debug, Deserialize)]
struct Task {
    uuid: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    project: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    annotations: Vec<Annotation>,
    #[serde(default)]
    priority: Option<String>,
    #[serde(default)]
    due: Option<String>,
    #[serde(default)]
    entry: Option<String>,
    /// When a completed or deleted task was closed.
    #[serde(default)]
    end: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Annotation {
    #[serde(default)]
    entry: Option<String>,
    #[serde(default)]
    description: String,
}

/// What an export came to.
#[derive(Debug, Default)]
pub struct Outcome {
    /// The tasks to sync: every pending one, and the closed ones imported
    /// before.
    pub items: Vec<Debt>,
    /// Closed tasks never imported, and recurring templates: left out.
    pub not_pending: usize,
    /// The same, by kind, for the summary: completed and deleted tasks
    /// never imported, recurring templates, any other status.
    pub completed: usize,
    pub deleted: usize,
    pub recurring: usize,
    pub other: usize,
}

impl Outcome {
    /// What the export had that was left out, for the counts line (the
    /// same on the command line and in the UI): `3 skipped: 1 completed,
    /// 1 deleted, 1 recurring template`. `None` when nothing was.
    pub fn note(&self) -> Option<String> {
        let kinds: Vec<String> = [(self.completed, "completed"), (self.deleted, "deleted")]
            .into_iter()
            .filter(|(n, _)| *n > 0)
            .map(|(n, what)| format!("{n} {what}"))
            .chain(
                (self.recurring > 0)
                    .then(|| crate::text::count(self.recurring, "recurring template")),
            )
            .chain((self.other > 0).then(|| format!("{} of another status", self.other)))
            .collect();
        (self.not_pending > 0)
            .then(|| format!("{} skipped: {}", self.not_pending, kinds.join(", ")))
    }
}

/// The tasks of `text` as debt items for [`super::sync`] (ids new to
/// `plan`). An error names the line of the export it is on.
pub fn parse(
    text: &str,
    file: &str,
    plan: &Plan,
    today: NaiveDate,
) -> Result<Outcome, ImportError> {
    let tasks = tasks(text, file)?;
    let known: HashSet<&str> = plan
        .debts
        .iter()
        .filter_map(|d| d.source.as_deref()?.strip_prefix(SOURCE))
        .collect();
    let mut ids = Ids::new(plan);
    let mut out = Outcome::default();
    for task in tasks {
        let status = match task.status.as_str() {
            "pending" | "waiting" => DebtStatus::Open,
            "completed" if known.contains(task.uuid.as_str()) => DebtStatus::Done,
            "deleted" if known.contains(task.uuid.as_str()) => DebtStatus::WontFix,
            other => {
                out.not_pending += 1;
                *match other {
                    "completed" => &mut out.completed,
                    "deleted" => &mut out.deleted,
                    "recurring" => &mut out.recurring,
                    _ => &mut out.other,
                } += 1;
                continue;
            }
        };
        // Found only for a message: a search per task is quadratic.
        let uuid = task.uuid.clone();
        let end = task.end.as_deref().and_then(day);
        let mut d = debt(task, today, &mut ids).map_err(|(column, message)| {
            ImportError::new(file, line_of(text, &uuid), column, message)
        })?;
        // Closed: dated by the task's `end` (a re-import dates the close by it).
        d.set_status(status, end.unwrap_or(today));
        out.items.push(d);
    }
    Ok(out)
}

/// The export's tasks: a JSON array, or (older exports) one object a line.
fn tasks(text: &str, file: &str) -> Result<Vec<Task>, ImportError> {
    let json =
        |e: serde_json::Error, line: usize| ImportError::new(file, line, "json", e.to_string());
    if text.trim_start().starts_with('[') || text.trim().is_empty() {
        if text.trim().is_empty() {
            return Ok(Vec::new());
        }
        return serde_json::from_str(text).map_err(|e| {
            let line = e.line();
            json(e, line)
        });
    }
    let mut out = Vec::new();
    for (i, l) in text.lines().enumerate() {
        let l = l.trim().trim_end_matches(',');
        if !l.is_empty() {
            out.push(serde_json::from_str(l).map_err(|e| json(e, i + 1))?);
        }
    }
    Ok(out)
}

/// The line a task is on, for messages (an export puts one task a line).
fn line_of(text: &str, uuid: &str) -> usize {
    text.find(uuid)
        .map_or(0, |at| text[..at].matches('\n').count() + 1)
}

/// A taskwarrior timestamp (`20261125T000000Z`) as its UTC calendar day,
/// by the import's one date reader.
fn day(stamp: &str) -> Option<NaiveDate> {
    super::date::day(stamp).ok()
}

/// Impact rating for a priority; see the module documentation.
pub fn priority_rating(priority: Option<&str>) -> u8 {
    match priority.map(str::trim) {
        Some("H" | "h") => 3,
        Some("M" | "m") => 2,
        Some("L" | "l") => 1,
        _ => 0,
    }
}

fn debt(task: Task, today: NaiveDate, ids: &mut Ids) -> Result<Debt, (&'static str, String)> {
    let full = task.description.trim();
    if full.is_empty() {
        return Err((
            "description",
            format!("task {} has an empty description", task.uuid),
        ));
    }
    let mut notes = Vec::new();
    let title = if full.chars().count() > MAX_TITLE {
        notes.push(full.to_owned());
        let mut t: String = full.chars().take(MAX_TITLE - 1).collect();
        t.push('…');
        t
    } else {
        full.to_owned()
    };
    for a in &task.annotations {
        let text = a.description.trim();
        match a.entry.as_deref().and_then(day) {
            Some(d) => notes.push(format!("{d} {text}")),
            None => notes.push(text.to_owned()),
        }
    }
    let created = task.entry.as_deref().and_then(day).unwrap_or(today);
    let mut d = Debt::new(ids.next(), title, created);
    let impact = priority_rating(task.priority.as_deref());
    (d.customer, d.delivery, d.risk) = (impact, impact, impact);
    // The date, not a rating computed once: urgency follows it when scored.
    d.due = task.due.as_deref().and_then(day);
    d.area = task.project.unwrap_or_default().trim().to_owned();
    d.tags = task.tags;
    d.description = notes.join("\n");
    d.source = Some(format!("{SOURCE}{}", task.uuid));
    Ok(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()
    }

    const EXPORT: &str = r#"[
{"id":1,"description":"Fix flaky CI","due":"20261125T000000Z","entry":"20261101T021419Z","priority":"H","project":"infra.ci","status":"pending","uuid":"82caccb0-1686-4808-b8b1-036cd347cd68","annotations":[{"entry":"20261102T021419Z","description":"seen in run 42"},{"entry":"20261103T000000Z","description":"again"}],"tags":["build","ci"],"urgency":18.9},
{"id":2,"description":"Waiter","entry":"20261128T021419Z","status":"pending","uuid":"c683b018-ff81-4e18-b0cd-e50d3b8312c4","wait":"20270101T000000Z","priority":"L","due":"20270301T000000Z"},
{"id":0,"description":"Old thing","end":"20261128T021419Z","status":"completed","uuid":"d573ff88-1d7d-4cf2-8313-852e1fd23ca4"}
]"#;

    #[test]
    fn pending_tasks_become_debt() {
        let out = parse(EXPORT, "t.json", &Plan::default(), today()).unwrap();
        assert_eq!((out.items.len(), out.not_pending), (2, 1));
        let a = &out.items[0];
        assert_eq!(a.title, "Fix flaky CI");
        assert_eq!(a.area, "infra.ci");
        assert_eq!(a.tags, ["build", "ci"]);
        assert_eq!(a.description, "2026-11-02 seen in run 42\n2026-11-03 again");
        // H → 3 on the impact terms; the due date is kept (urgency 4 when
        // scored 5 days before it), and no effort: to triage.
        assert_eq!(a.ratings(), [3, 3, 3, 0]);
        assert_eq!(a.due, NaiveDate::from_ymd_opt(2026, 11, 25));
        assert_eq!(crate::score::urgency_on(a, today()), (4, Some(5)));
        assert_eq!(a.effort, None);
        assert_eq!(a.created, NaiveDate::from_ymd_opt(2026, 11, 1).unwrap());
        assert_eq!(
            a.source.as_deref(),
            Some("taskwarrior:82caccb0-1686-4808-b8b1-036cd347cd68")
        );
        // L → 1; due in 101 days → urgency still 0 when scored.
        assert_eq!(out.items[1].ratings(), [1, 1, 1, 0]);
        assert_eq!(
            crate::score::urgency_on(&out.items[1], today()),
            (0, Some(101))
        );
    }

    #[test]
    fn a_second_import_updates_and_closes_what_is_there() {
        let mut plan = Plan::default();
        let first = parse(EXPORT, "t.json", &plan, today()).unwrap();
        plan.apply(crate::import::sync(&plan, first.items, today()).change());
        let again = parse(EXPORT, "t.json", &plan, today()).unwrap();
        let s = crate::import::sync(&plan, again.items, today());
        assert_eq!(s.summary(), "0 added, 0 updated, 0 closed, 2 unchanged");
        // `task done` on the first, `task modify` of the second's description.
        let changed = EXPORT
            .replacen(
                r#""priority":"H","project":"infra.ci","status":"pending""#,
                r#""priority":"H","project":"infra.ci","status":"completed""#,
                1,
            )
            .replace(
                r#""description":"Waiter""#,
                r#""description":"Waiter, renamed""#,
            );
        let again = parse(&changed, "t.json", &plan, today()).unwrap();
        let s = crate::import::sync(&plan, again.items, today());
        assert_eq!(s.summary(), "0 added, 1 updated, 1 closed, 0 unchanged");
        plan.apply(s.change());
        assert_eq!(plan.debts.len(), 2);
        assert!(plan.debts.iter().any(|d| d.title == "Waiter, renamed"));
        assert!(plan.debts.iter().any(|d| d.status == DebtStatus::Done));
    }

    #[test]
    fn priority_mapping() {
        assert_eq!(
            [Some("H"), Some("M"), Some("L"), None, Some("X")].map(priority_rating),
            [3, 2, 1, 0, 0]
        );
    }

    #[test]
    fn one_task_a_line_and_long_titles() {
        let long = "x".repeat(250);
        let text = format!(
            "{{\"uuid\":\"u1\",\"status\":\"pending\",\"description\":\"{long}\"}}\n\
             {{\"uuid\":\"u2\",\"status\":\"deleted\",\"description\":\"gone\"}}\n"
        );
        let out = parse(&text, "t", &Plan::default(), today()).unwrap();
        assert_eq!(out.items.len(), 1);
        assert_eq!(out.items[0].title.chars().count(), MAX_TITLE);
        assert!(out.items[0].title.ends_with('…'));
        assert_eq!(out.items[0].description, long);
        assert_eq!(out.items[0].created, today());
    }

    #[test]
    fn errors_name_the_line() {
        let err = parse(
            "[\n{\"uuid\":\"a\",\n\"status\": pending}\n]",
            "t.json",
            &Plan::default(),
            today(),
        )
        .unwrap_err();
        assert!(err.to_string().starts_with("t.json:3: json: "), "{err}");
        let err = parse(
            "[\n{\"uuid\":\"a\",\"status\":\"pending\",\"description\":\"A\"},\n{\"uuid\":\"bb\",\"status\":\"pending\",\"description\":\"  \"}\n]",
            "t.json",
            &Plan::default(),
            today(),
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "t.json:3: description: task bb has an empty description"
        );
    }
}
