//! GitHub issues as debt items, from either of the two exports a user can
//! make without Bearing touching the network:
//!
//! - `gh issue list --state all --limit N --json
//!   number,title,body,labels,assignees,milestone,state,createdAt,updatedAt,url`:
//!   camelCase keys, `state` `OPEN`/`CLOSED`, `url` the issue's page;
//! - the REST API's `GET /repos/OWNER/REPO/issues` (e.g. `gh api --paginate
//!   'repos/O/R/issues?state=all'`): snake_case keys, `state`
//!   `open`/`closed`, `html_url` the page (`url` is the API's), pull
//!   requests in the list carrying a `pull_request` key. The search API's
//!   `{"items": [...]}` is read too.
//!
//! Which one a file is needs no flag: every field is read under both
//! spellings. The mapping (also in the README):
//!
//! - title → title (cut to 200 characters; the full title then opens the
//!   description), `body` (may be null) → description;
//! - labels → urgency, area and tags by the plan's mapping rules
//!   ([`super::mapping`]); `--only-debt` keeps only issues with a debt label;
//! - the first assignee's login → owner;
//! - `state` closed → done (`not_planned` → won't fix), dated by
//!   `closedAt`/`closed_at` or else `updatedAt`; open → open;
//! - `createdAt`/`created_at` → created;
//! - milestone `dueOn`/`due_on` → due date (`Debt::due`); it
//!   raises urgency as taskwarrior's `due` does when no label names one;
//! - the issue's page → `source` as `github:URL`, so importing a newer
//!   export updates what is already in the plan (through the sync).

use chrono::NaiveDate;
use serde::Deserialize;

use super::ImportError;
use super::mapping;
use super::tracker::{Options, Outcome, Seen, iso_day};
use crate::model::{Debt, DebtStatus, Plan};

/// Prefix of [`Debt::source`] for items that came from GitHub.
pub const SOURCE: &str = "github:";

#[derive(Debug, Deserialize)]
struct Issue {
    #[serde(default)]
    number: Option<u64>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    body: Option<String>,
    #[serde(default)]
    labels: Option<Vec<Label>>,
    #[serde(default)]
    assignees: Option<Vec<User>>,
    #[serde(default)]
    assignee: Option<User>,
    #[serde(default)]
    milestone: Option<Milestone>,
    #[serde(default)]
    state: Option<String>,
    #[serde(default, alias = "stateReason")]
    state_reason: Option<String>,
    #[serde(default, alias = "createdAt")]
    created_at: Option<String>,
    #[serde(default, alias = "updatedAt")]
    updated_at: Option<String>,
    #[serde(default, alias = "closedAt")]
    closed_at: Option<String>,
    /// gh: the page; REST: the API address (the page is `html_url`).
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    html_url: Option<String>,
    /// Present (an object) only on a pull request in a REST list.
    #[serde(default)]
    pull_request: Option<serde::de::IgnoredAny>,
}

/// A label: `{"name": …}` in both exports; a bare string is taken too.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Label {
    Named { name: Option<String> },
    Plain(String),
}

#[derive(Debug, Deserialize)]
struct User {
    #[serde(default)]
    login: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Milestone {
    #[serde(default, alias = "dueOn")]
    due_on: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Search {
    items: Vec<Issue>,
}

/// The issues of `text` not in `plan` yet, as new debt items. An error
/// names the line of the export it is on.
pub fn parse(
    text: &str,
    file: &str,
    plan: &Plan,
    today: NaiveDate,
    options: Options,
) -> Result<Outcome, Vec<ImportError>> {
    let issues = issues(text, file).map_err(|e| vec![e])?;
    let mut seen = Seen::new(plan);
    let mut out = Outcome::default();
    let mut errors = Vec::new();
    for (i, issue) in issues.into_iter().enumerate() {
        if issue.pull_request.is_some() {
            out.pull_requests += 1;
            continue;
        }
        let at = (file, line_of(text, i));
        match debt(issue, plan, today, options, &mut seen, &mut out, at) {
            Ok(()) => {}
            Err((column, message)) => {
                errors.push(ImportError::new(file, line_of(text, i), column, message));
            }
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// The export's issues: a JSON array (or several back to back, one per
/// page), or the search API's object with `items`. Blank text is no issues.
fn issues(text: &str, file: &str) -> Result<Vec<Issue>, ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let json = |e: serde_json::Error| ImportError::new(file, e.line(), "json", e.to_string());
    match text.trim_start().chars().next() {
        None => Ok(Vec::new()),
        // `gh api --paginate` writes one array per page, back to back.
        Some('[') => {
            let mut all = Vec::new();
            for page in serde_json::Deserializer::from_str(text).into_iter::<Vec<Issue>>() {
                all.extend(page.map_err(json)?);
            }
            Ok(all)
        }
        Some('{') => serde_json::from_str::<Search>(text)
            .map(|s| s.items)
            .map_err(json),
        Some(_) => Err(ImportError::new(
            file,
            1,
            "json",
            "expected a JSON array of issues, as `gh issue list --json …` or the REST API's /issues write",
        )),
    }
}

/// The line the `index`-th issue (0-based) starts on, for messages: the
/// objects directly inside the first array of the text, found by a scan
/// that skips strings. Only run when there is a problem, so a 10k-issue
/// file is not scanned 10k times.
fn line_of(text: &str, index: usize) -> usize {
    let (mut line, mut depth, mut list, mut seen) = (1, 0usize, None, 0usize);
    let (mut in_string, mut escaped) = (false, false);
    for c in text.chars() {
        if c == '\n' {
            line += 1;
        }
        if in_string {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '[' | '{' => {
                if c == '{' && list == Some(depth) {
                    if seen == index {
                        return line;
                    }
                    seen += 1;
                }
                depth += 1;
                if c == '[' && list.is_none() {
                    list = Some(depth);
                }
            }
            ']' | '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    1
}

type Problem = (&'static str, String);

fn debt(
    issue: Issue,
    plan: &Plan,
    today: NaiveDate,
    options: Options,
    seen: &mut Seen,
    out: &mut Outcome,
    (file, line): (&str, usize),
) -> Result<(), Problem> {
    let page = issue
        .html_url
        .as_deref()
        .or(issue.url.as_deref())
        .map(str::trim)
        .filter(|u| !u.is_empty());
    let Some(page) = page else {
        let which = issue
            .number
            .map_or("an issue".to_owned(), |n| format!("issue #{n}"));
        return Err((
            "url",
            format!("{which} has no url; export with `--json …,url` (gh) or keep html_url (REST)"),
        ));
    };
    let source = format!("{SOURCE}{page}");
    let Some((title, full)) = issue.title.as_deref().and_then(mapping::title) else {
        return Err(("title", format!("{page} has no title")));
    };
    if let Err(at) = seen.first(&source, line) {
        out.repeated += 1;
        let w = super::tracker::repeated(file, line, page, at);
        out.warnings.push(w);
        return Ok(());
    }
    let labels: Vec<String> = issue
        .labels
        .unwrap_or_default()
        .into_iter()
        .filter_map(|l| match l {
            Label::Named { name } => name,
            Label::Plain(s) => Some(s),
        })
        .collect();
    let mapped = mapping::map(&plan.import, &labels, None);
    if options.only_debt && !mapped.is_debt {
        out.not_debt += 1;
        return Ok(());
    }
    let created = issue
        .created_at
        .as_deref()
        .and_then(iso_day)
        .unwrap_or(today);
    let mut d = Debt::new(seen.ids.next(), title, created);
    // GitHub has no estimate: the item comes in to triage.
    let body = issue.body.unwrap_or_default();
    d.description = [full.unwrap_or_default(), body.trim().to_owned()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n");
    mapped.apply(&mut d);
    let due = issue
        .milestone
        .and_then(|m| m.due_on)
        .as_deref()
        .and_then(iso_day);
    // The milestone's due date: scoring raises urgency as it nears.
    d.due = due;
    d.owner = issue
        .assignees
        .unwrap_or_default()
        .into_iter()
        .chain(issue.assignee)
        .find_map(|u| u.login.filter(|l| !l.trim().is_empty()))
        .unwrap_or_default()
        .trim()
        .to_owned();
    if issue
        .state
        .as_deref()
        .is_some_and(|s| s.trim().eq_ignore_ascii_case("closed"))
    {
        let not_planned = issue
            .state_reason
            .as_deref()
            .is_some_and(|r| r.trim().eq_ignore_ascii_case("not_planned"));
        let status = if not_planned {
            DebtStatus::WontFix
        } else {
            DebtStatus::Done
        };
        let when = issue
            .closed_at
            .as_deref()
            .or(issue.updated_at.as_deref())
            .and_then(iso_day)
            .unwrap_or(today)
            .max(created);
        d.set_status(status, when);
    }
    d.source = Some(source);
    out.push(d);
    Ok(())
}

#[cfg(test)]
mod tests;
