//! `bearing org fetch`: each git team's plan into the cache, teams in
//! parallel (a bounded pool of threads, each running `git`), a line per
//! team as it finishes. A team that fails keeps its last good copy (the
//! roll-ups go on using it, naming its commit); only a required team's
//! failure makes the command fail.

mod lines;

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

/// How long a fetch waits for another `bearing org fetch` of the same
/// team (its lock) before it gives up on that team.
const WAIT: std::time::Duration = std::time::Duration::from_secs(300);

/// One team's fetch, as the progress line tells it.
struct Done {
    commit: String,
    rev: String,
    changed: bool,
    /// How long the fetch itself took (not the wait for the lock).
    millis: u64,
    /// Waited for another `bearing org fetch` holding this team's lock:
    /// how long, and its process id when known.
    waited: Option<(std::time::Duration, Option<u32>)>,
    /// The fetched plan does not load (the roll-ups will show a warning).
    problem: Option<String>,
    /// With `problem`: the last good copy kept for the roll-ups instead.
    kept: Option<String>,
}

pub fn run(ws: &OrgCtx, jobs: Option<usize>, out: &mut String) -> anyhow::Result<()> {
    if jobs == Some(0) {
        anyhow::bail!("--jobs must be at least 1");
    }
    let git = RealGit::new();
    let teams: Vec<&Team> = ws
        .workspace
        .teams
        .iter()
        .filter(|t| matches!(t.source, TeamSource::Git { .. }))
        .collect();
    let missing = local_teams(ws);
    let ids: Vec<&str> = ws.workspace.teams.iter().map(|t| t.id.as_str()).collect();
    for id in crate::store::org::prune(&ws.cache, &ids)? {
        super::super::print(&format!(
            "pruned the cached copy of team {id:?} (no longer in the workspace)\n"
        ));
    }
    let results = fetch_all(&git, &ws.cache, &teams, jobs.unwrap_or(JOBS), |t, r| {
        super::super::print(&lines::line(t, r, &ws.cache));
    });
    let failed: Vec<&Team> = teams
        .iter()
        .zip(&results)
        .filter(|(_, r)| r.is_err())
        .map(|(t, _)| *t)
        .collect();
    let kept = results
        .iter()
        .filter(|r| r.as_ref().is_ok_and(|d| d.kept.is_some()))
        .count();
    out.push_str(&lines::summary(teams.len(), kept, &failed, &missing));
    let required: Vec<&str> = failed
        .iter()
        .filter(|t| !t.optional)
        .map(|t| t.id.as_str())
        .collect();
    let required_missing: Vec<&str> = missing
        .iter()
        .filter(|t| !t.optional)
        .map(|t| t.id.as_str())
        .collect();
    if !required.is_empty() || !required_missing.is_empty() {
        super::super::print(out);
        out.clear();
        let mut why = Vec::new();
        if !required.is_empty() {
            why.push(format!(
                "{} failed: {}",
                count(required.len(), "required team"),
                required.join(", ")
            ));
        }
        if !required_missing.is_empty() {
            why.push(format!(
                "{} missing: {}",
                count(required_missing.len(), "required team's plan file"),
                required_missing.join(", ")
            ));
        }
        anyhow::bail!("org fetch: {}", why.join("; "));
    }
    Ok(())
}

/// Prints a line per local team (nothing to fetch, or its file is not
/// there); returns the teams whose file is missing.
fn local_teams(ws: &OrgCtx) -> Vec<&Team> {
    let name = ws
        .file
        .file_name()
        .map_or_else(|| crate::org::FILE_NAME.into(), |n| n.to_string_lossy());
    let mut missing = Vec::new();
    for t in &ws.workspace.teams {
        let TeamSource::Path { path } = &t.source else {
            continue;
        };
        if ws.base.join(path).is_file() {
            super::super::print(&format!("{}: local file {path}, nothing to fetch\n", t.id));
        } else {
            let why =
                crate::org::local_file_missing(path, ws.base.join(path).is_dir(), &name, t.line);
            super::super::print(&crate::text::sanitize_multiline(&format!(
                "{}: {why}{}\n",
                t.id,
                if t.optional { " (optional)" } else { "" }
            )));
            missing.push(t);
        }
    }
    missing
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
    // One fetch of a team at a time (a cron job and a person, two CI
    // jobs): the second waits for the first, then finds it up to date.
    // The wait is said apart from the fetch's own time.
    let asked = Instant::now();
    let id = &team.id;
    let mut holder: Option<Option<u32>> = None;
    let held = tc.lock(WAIT, |pid| {
        holder = Some(pid);
        let pid = pid.map_or_else(String::new, |p| format!(" (pid {p})"));
        eprintln!("{id}: waiting for another bearing org fetch{pid}…");
    });
    let waited = holder.map(|pid| (asked.elapsed(), pid));
    let start = Instant::now();
    let _lock = match held {
        Ok(Some(lock)) => lock,
        Ok(None) => {
            return Err(format!(
                "another bearing org fetch kept this team's cache busy for {} s; try again",
                WAIT.as_secs()
            ));
        }
        Err(e) => return Err(e.to_string()),
    };
    let before = tc.meta().filter(|m| m.is_of(&team.source));
    let repo = tc.repo();
    let commit = git
        .fetch_shallow(&repo, url, rev)
        .map_err(|e| failed(format!("{url} {rev}: {}", e.one_line()), useful_line(&e)))?;
    let text = git.show(&repo, &commit, path).map_err(|e| {
        let at = short(&commit);
        let reason = match &e {
            GitError::NotInRevision { .. } => format!("{path} is not in commit {at} ({rev})"),
            GitError::IsDirectory { .. } => format!(
                "{path} is a directory in commit {at}; give the plan file, e.g. {path}/bearing.ron"
            ),
            e => useful_line(e),
        };
        failed(format!("{url}: {reason}"), reason)
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
        waited,
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

/// What is worth keeping of git's message: the line that stopped it,
/// without its prefix (the rest is advice or warnings).
fn useful_line(e: &GitError) -> String {
    crate::text::sanitize(&e.reason()).into_owned()
}
