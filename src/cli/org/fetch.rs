//! `bearing org fetch`: each git team's plan into the cache, teams in
//! parallel (a bounded pool of threads, each running `git`), a line per
//! team as it finishes. A team that fails keeps its last good copy (the
//! roll-ups go on using it, naming its commit); only a required team's
//! failure makes the command fail.

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::Instant;

use crate::git::{Git, GitError, RealGit};
use crate::org::{Team, TeamSource};
use crate::store::org::{FetchFailure, Fetched, NewestUnloadable, NoteSource, TeamCache, short};
use crate::text::count;

use super::OrgCtx;

/// Teams fetched at once unless `--jobs` says otherwise: git waits on the
/// network or the disk more than on the CPU.
const JOBS: usize = 8;

/// One team's fetch, as the progress line tells it.
struct Done {
    commit: String,
    rev: String,
    changed: bool,
    millis: u64,
    /// The fetched plan does not load (the roll-ups will show a warning).
    problem: Option<String>,
    /// With `problem`: the last good copy kept for the roll-ups instead.
    kept: Option<String>,
}

pub fn run(ws: &OrgCtx, jobs: Option<usize>, out: &mut String) -> anyhow::Result<()> {
    let git = RealGit::new();
    let teams: Vec<&Team> = ws
        .workspace
        .teams
        .iter()
        .filter(|t| matches!(t.source, TeamSource::Git { .. }))
        .collect();
    for t in &ws.workspace.teams {
        if let TeamSource::Path { path } = &t.source {
            super::super::print(&format!("{}: local file {path}, nothing to fetch\n", t.id));
        }
    }
    let results = fetch_all(&git, &ws.cache, &teams, jobs.unwrap_or(JOBS), |t, r| {
        super::super::print(&line(t, r, &ws.cache));
    });
    let failed: Vec<&Team> = teams
        .iter()
        .zip(&results)
        .filter(|(_, r)| r.is_err())
        .map(|(t, _)| *t)
        .collect();
    let required: Vec<&str> = failed
        .iter()
        .filter(|t| !t.optional)
        .map(|t| t.id.as_str())
        .collect();
    out.push_str(&format!(
        "{}: {} fetched, {} failed{}\n",
        count(teams.len(), "git team"),
        teams.len() - failed.len(),
        failed.len(),
        match failed.len() - required.len() {
            0 => String::new(),
            n => format!(" ({n} optional)"),
        }
    ));
    if !required.is_empty() {
        super::super::print(out);
        out.clear();
        anyhow::bail!(
            "org fetch: {} failed: {}",
            count(required.len(), "required team"),
            required.join(", ")
        );
    }
    Ok(())
}

/// Fetches `teams` with at most `jobs` at once; `progress` is called on
/// this thread as each finishes. Results in the order of `teams`.
fn fetch_all<G: Git + Sync>(
    git: &G,
    cache: &Path,
    teams: &[&Team],
    jobs: usize,
    mut progress: impl FnMut(&Team, &Result<Done, String>),
) -> Vec<Result<Done, String>> {
    let mut results: Vec<Option<Result<Done, String>>> = teams.iter().map(|_| None).collect();
    let next = AtomicUsize::new(0);
    let (tx, rx) = mpsc::channel();
    std::thread::scope(|s| {
        for _ in 0..jobs.clamp(1, 64).min(teams.len()) {
            let tx = tx.clone();
            let next = &next;
            s.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(team) = teams.get(i) else { break };
                    if tx.send((i, fetch_one(git, cache, team))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        for (i, r) in rx {
            if let Some(team) = teams.get(i) {
                progress(team, &r);
            }
            if let Some(slot) = results.get_mut(i) {
                *slot = Some(r);
            }
        }
    });
    results
        .into_iter()
        .map(|r| r.unwrap_or_else(|| Err("the fetch did not finish".into())))
        .collect()
}

fn fetch_one<G: Git>(git: &G, cache: &Path, team: &Team) -> Result<Done, String> {
    let TeamSource::Git { url, rev, path } = &team.source else {
        return Err("not a git team".into());
    };
    let tc = TeamCache::new(cache, &team.id);
    let source = NoteSource {
        url: url.clone(),
        rev: rev.clone(),
        path: path.clone(),
    };
    // A failure is recorded beside the copy (which stays) so the roll-ups
    // can say when and why; the next success clears it.
    let failed = |what: String, reason: String| {
        let record = FetchFailure {
            source: source.clone(),
            at: now(),
            reason,
        };
        match tc.record_failure(&record) {
            Ok(()) => what,
            Err(e) => format!("{what} (and the failure could not be recorded: {e})"),
        }
    };
    let before = tc.meta().filter(|m| m.is_of(&team.source));
    let start = Instant::now();
    let repo = tc.repo();
    let commit = git.fetch_shallow(&repo, url, rev).map_err(|e| {
        let reason = useful_line(&e);
        failed(format!("{url} {rev}: {e}"), reason)
    })?;
    let text = git.show(&repo, &commit, path).map_err(|e| {
        let reason = match &e {
            GitError::NotInRevision { .. } => {
                format!("{path} is not in commit {} ({rev})", short(&commit))
            }
            e => useful_line(e),
        };
        failed(format!("{url}: {e}"), reason)
    })?;
    let millis = u64::try_from(start.elapsed().as_millis()).unwrap_or(u64::MAX);
    let meta = Fetched {
        url: url.clone(),
        rev: rev.clone(),
        path: path.clone(),
        commit: commit.clone(),
        at: now(),
        millis,
    };
    let plan = tc.plan();
    let shown = format!("{url}@{}:{path}", short(&commit));
    let problem = crate::store::load::parse(&plan, &text)
        .err()
        .map(|e| crate::store::org::cached_error(&e, &plan.display().to_string(), &shown));
    // A newest commit whose plan does not load does not replace a copy
    // that does: the roll-ups keep the last good one and say why.
    let good = before.as_ref().filter(|_| loads(&plan));
    let kept = match (&problem, good) {
        (Some(reason), Some(good)) => {
            let newest = NewestUnloadable {
                source: source.clone(),
                commit: commit.clone(),
                at: meta.at.clone(),
                reason: reason.clone(),
            };
            tc.record_unloadable(&newest).map_err(|e| e.to_string())?;
            Some(good.version())
        }
        _ => {
            tc.store(&text, &meta).map_err(|e| e.to_string())?;
            None
        }
    };
    Ok(Done {
        changed: before.map(|m| m.commit).as_deref() != Some(commit.as_str()),
        commit,
        rev: rev.clone(),
        millis,
        problem,
        kept,
    })
}

/// Whether the cached copy loads (the last good copy worth keeping).
fn loads(plan: &Path) -> bool {
    std::fs::read_to_string(plan)
        .ok()
        .is_some_and(|text| crate::store::load::parse(plan, &text).is_ok())
}

/// Now, as the cache records it (UTC, RFC 3339).
fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// What is worth keeping of git's message: its first `fatal:` or `error:`
/// line without the prefix (the rest is advice), else the first line.
fn useful_line(e: &GitError) -> String {
    let text = match e {
        GitError::Failed { stderr, .. } => stderr.clone(),
        e => e.to_string(),
    };
    let lines = || text.lines().map(str::trim).filter(|l| !l.is_empty());
    let line = lines()
        .find_map(|l| {
            l.strip_prefix("fatal:")
                .or_else(|| l.strip_prefix("error:"))
        })
        .map(str::trim)
        .or_else(|| lines().next())
        .unwrap_or("git failed without a message");
    crate::text::sanitize(line).into_owned()
}

/// `payments: fetched 1a2b3c4 (main) in 40 ms`, `… up to date at …`, or
/// what failed and what the roll-ups use meanwhile.
fn line(team: &Team, r: &Result<Done, String>, cache: &Path) -> String {
    match r {
        Ok(d) => {
            if let (Some(p), Some(kept)) = (&d.problem, &d.kept) {
                let s = format!(
                    "{}: fetched {} ({}) but its plan does not load ({p}); keeping {kept}",
                    team.id,
                    short(&d.commit),
                    d.rev
                );
                return format!("{}\n", crate::text::sanitize(&s));
            }
            let what = if d.changed {
                "fetched"
            } else {
                "up to date at"
            };
            let mut s = format!(
                "{}: {what} {} ({}) in {} ms",
                team.id,
                short(&d.commit),
                d.rev,
                d.millis
            );
            if let Some(p) = &d.problem {
                s.push_str(&format!("; warning: its plan does not load: {p}"));
            }
            format!("{}\n", crate::text::sanitize(&s))
        }
        Err(e) => {
            // git's first line says what failed; the rest is advice.
            let e = e.lines().next().unwrap_or_default();
            // Say what the roll-ups will really read: a copy counts only
            // while it is of the source the workspace names now.
            let kept = match TeamCache::new(cache, &team.id).meta() {
                Some(m) if m.is_of(&team.source) => {
                    format!(
                        "the roll-ups keep {} fetched {}",
                        m.version(),
                        crate::org::fetched::when(&m.at)
                    )
                }
                Some(_) => {
                    "no copy of this source yet: the copy of its old source is not used".to_owned()
                }
                None => "no copy yet".to_owned(),
            };
            let s = format!(
                "{}: failed{}: {e} ({kept})\n",
                team.id,
                if team.optional { " (optional)" } else { "" }
            );
            crate::text::sanitize_multiline(&s).into_owned()
        }
    }
}
