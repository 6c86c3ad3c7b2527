//! The files of the organisation's view: where the workspace file is
//! (`--org`, `BEARING_ORG`, `./bearing-org.ron` or a parent's), reading it
//! with line numbers, the fetch cache (each git team's plan as last
//! fetched, with the commit and when), and reading every team's plan into
//! an [`org::TeamPlan`] — a plan that cannot be read becomes a warning
//! there, never an error here.

use std::path::{Path, PathBuf};

mod cache;
pub use cache::{FetchFailure, Fetched, NewestUnloadable, NoteSource, TeamCache, prune, short};

use super::{StoreError, format, load};
use crate::org::{self, Team, TeamPlan, TeamSource, TeamState, Workspace};

/// Where the workspace file is: `flag`, then `env`, then
/// `bearing-org.ron` in `cwd` or a parent. `None` when there is none.
pub fn locate(flag: Option<&Path>, env: Option<&Path>, cwd: &Path) -> Option<PathBuf> {
    if let Some(p) = flag.or(env).filter(|p| !p.as_os_str().is_empty()) {
        return Some(cwd.join(p));
    }
    cwd.ancestors()
        .map(|d| d.join(org::FILE_NAME))
        .find(|p| p.is_file())
}

/// Reads and checks the workspace file; errors name the file and line.
pub fn read_workspace(path: &Path) -> Result<Workspace, StoreError> {
    // Messages show the path tidied (`org/../repos/x` as `repos/x`).
    let tidy = org::lexical(path);
    let (text, _) = load::read_text(path).map_err(|e| match e {
        StoreError::NotFound { .. } => StoreError::Other(format!(
            "{}: no workspace file here (see `bearing org --help` for its shape)",
            tidy.display()
        )),
        StoreError::Io { action, source, .. } => StoreError::Io {
            path: tidy.clone(),
            action,
            source,
        },
        e => e,
    })?;
    let mut ws = org::parse(&text).map_err(|e| {
        if looks_like_plan(&text) {
            return StoreError::Other(format!(
                "{} is a plan, not a workspace: the workspace lists teams, see `bearing org --help`",
                tidy.display()
            ));
        }
        match e.column {
            0 => StoreError::Other(format!("{}:{}", tidy.display(), e.place())),
            column => StoreError::Parse {
                path: tidy.clone(),
                line: e.line,
                column,
                message: e.message,
            },
        }
    })?;
    // A relative `git` path is relative to the workspace file, as `path` is.
    let dir = path.parent().unwrap_or(Path::new("."));
    let dir = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    ws.anchor_git_paths(&dir);
    Ok(ws)
}

/// Whether a text that is not a workspace is a plan (`--org bearing.ron`):
/// it has a plan's `schema:` and `north_star:` fields.
fn looks_like_plan(text: &str) -> bool {
    let has = |key: &str| {
        text.match_indices(key)
            .any(|(i, _)| text[i + key.len()..].trim_start().starts_with(':'))
    };
    has("schema") && has("north_star")
}

/// Writes `org export`'s page to `target` atomically, never over the
/// workspace file (compared by real path) nor over any plan (a local
/// team's, a cached copy, or another), as `export` refuses a plan.
pub fn write_export(target: &Path, workspace: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    if super::real_path(target) == super::real_path(workspace) {
        return Err(StoreError::ExportOverWorkspace {
            path: target.to_path_buf(),
        });
    }
    super::export_file::write_export(target, None, bytes)
}

/// The root of the fetch cache: `BEARING_CACHE_DIR` when set, else
/// `org-cache` under the data directory.
pub fn cache_root() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os("BEARING_CACHE_DIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(d));
    }
    super::discover::data_dir().map(|d| d.join("org-cache"))
}

/// One workspace's cache: a directory per workspace file (by a stable
/// hash of its path), so two workspaces never share a team's copy.
pub fn cache_dir(root: &Path, workspace: &Path) -> PathBuf {
    let real = super::real_path(workspace);
    let hash = super::paths::stable_hash(real.to_string_lossy().as_bytes());
    root.join(format!("{hash:016x}"))
}

/// Reads one team's plan: a local path relative to `base` (the workspace
/// file's directory), or a git team's copy in `cache` as last fetched
/// (when it still matches the workspace's url, rev and path). With
/// `lines`, the item → line map `org check` needs.
pub fn read_team(base: &Path, cache: &Path, team: &Team, lines: bool) -> TeamPlan {
    read_team_of(base, org::FILE_NAME, cache, team, lines)
}

/// [`read_team`] for a workspace file named `ws_name` (the name a local
/// team's missing file is told to check).
pub fn read_team_of(
    base: &Path,
    ws_name: &str,
    cache: &Path,
    team: &Team,
    lines: bool,
) -> TeamPlan {
    let (file, version, shown, fetch) = match &team.source {
        TeamSource::Path { path } => {
            let file = crate::org::lexical(&base.join(path));
            // A directory is not a plan file read.
            let version = std::fs::metadata(&file)
                .ok()
                .filter(|m| m.is_file())
                .and_then(|m| m.modified().ok())
                .map(|t| {
                    let t: chrono::DateTime<chrono::Utc> = t.into();
                    format!("file {}", t.format("%Y-%m-%d %H:%M UTC"))
                });
            (file, version, None, org::FetchNote::default())
        }
        TeamSource::Git { url, path, .. } => {
            let tc = TeamCache::new(cache, &team.id);
            let meta = tc.meta().filter(|m| m.is_of(&team.source));
            let fetch = tc.note(&team.source, meta.as_ref());
            let Some(meta) = meta else {
                // Say what happened when it is known: running fetch again
                // does not help a repository that is not there.
                let (kind, message) = match &fetch.failed {
                    // A fetch was tried and failed: not "not fetched yet".
                    Some(f) => (
                        "fetch-failed",
                        format!(
                            "{}: last fetch failed {}: {} (no copy yet)",
                            team.source.label(),
                            org::fetched::when(&f.at),
                            f.reason
                        ),
                    ),
                    None => (
                        "not-fetched",
                        format!(
                            "{}: not fetched yet (or its source changed): run `bearing org fetch`",
                            team.source.label()
                        ),
                    ),
                };
                return TeamPlan {
                    team: team.clone(),
                    version: None,
                    file: team.source.label(),
                    state: TeamState::Failed { kind, message },
                    fetch,
                };
            };
            let shown = format!("{url}@{}:{path}", short(&meta.commit));
            (tc.plan(), Some(meta.version()), Some(shown), fetch)
        }
    };
    let label = file.display().to_string();
    let state = match read_plan(&file, lines) {
        Ok(state) => state,
        Err(e) => {
            let kind = match &e {
                StoreError::NotFound { .. } => "not-found",
                StoreError::Parse { .. } => "parse",
                StoreError::Conflict { .. } => "merge-conflict",
                StoreError::NewerSchema { .. } => "newer-schema",
                StoreError::DuplicateId { .. } | StoreError::Invalid { .. } => "invalid",
                _ => "unreadable",
            };
            let local = match &team.source {
                TeamSource::Path { path } => Some(path.as_str()),
                TeamSource::Git { .. } => None,
            };
            let message = match (&shown, &e, local) {
                (Some(shown), e, _) => cached_error(e, &label, shown),
                // Not `bearing init`: the workspace names a file that is
                // not there, most likely a typo in its path. Said as `org
                // fetch` says it, with the path as the workspace writes it.
                (None, StoreError::NotFound { .. }, Some(path)) => {
                    org::local_file_missing(path, false, ws_name, team.line)
                }
                (None, _, Some(path)) if file.is_dir() => {
                    org::local_file_missing(path, true, ws_name, team.line)
                }
                (None, e, _) => e.to_string(),
            };
            TeamState::Failed { kind, message }
        }
    };
    TeamPlan {
        team: team.clone(),
        version,
        file: shown.unwrap_or(label),
        state,
        fetch,
    }
}

/// Why a cached copy of a team's plan does not load, naming it as
/// `URL@COMMIT:PATH` (`shown`) rather than the cache's file (`file`). A
/// committed conflict is the team's to resolve: the copy is read-only and
/// not the reader's, so `bearing resolve` is not the advice.
pub fn cached_error(e: &StoreError, file: &str, shown: &str) -> String {
    match e {
        StoreError::Conflict {
            line, place, more, ..
        } => format!(
            "{shown}:{line}: the team's committed plan has merge-conflict markers (in {place}{}); ask the team to resolve them",
            if *more == 0 {
                String::new()
            } else {
                format!(" and {more} more")
            }
        ),
        e => e.to_string().replace(file, shown),
    }
}

fn read_plan(file: &Path, lines: bool) -> Result<TeamState, StoreError> {
    let (text, _) = load::read_text(file)?;
    let plan = load::parse(file, &text)?;
    let lines = lines.then(|| format::item_lines(&text));
    Ok(TeamState::Loaded {
        plan: Box::new(plan),
        lines,
    })
}
