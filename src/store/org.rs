//! The files of the organisation's view: where the workspace file is
//! (`--org`, `BEARING_ORG`, `./bearing-org.ron` or a parent's), reading it
//! with line numbers, the fetch cache (each git team's plan as last
//! fetched, with the commit and when), and reading every team's plan into
//! an [`org::TeamPlan`] — a plan that cannot be read becomes a warning
//! there, never an error here.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{RealFs, StoreError, format, load};
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
    let (text, _) = load::read_text(path).map_err(|e| match e {
        StoreError::NotFound { path } => StoreError::Other(format!(
            "{}: no workspace file here (see `bearing org --help` for its shape)",
            path.display()
        )),
        e => e,
    })?;
    org::parse(&text).map_err(|e| match e.column {
        0 => StoreError::Other(format!("{}:{}", path.display(), e.place())),
        column => StoreError::Parse {
            path: path.to_path_buf(),
            line: e.line,
            column,
            message: e.message,
        },
    })
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

/// What the cache holds for one git team.
pub struct TeamCache {
    pub dir: PathBuf,
}

impl TeamCache {
    pub fn new(cache: &Path, team: &str) -> Self {
        TeamCache {
            dir: cache.join(team),
        }
    }
    /// The bare repository the fetches go to.
    pub fn repo(&self) -> PathBuf {
        self.dir.join("repo.git")
    }
    /// The plan's text at the fetched commit.
    pub fn plan(&self) -> PathBuf {
        self.dir.join("bearing.ron")
    }
    fn meta_path(&self) -> PathBuf {
        self.dir.join("fetched.ron")
    }

    /// What was fetched last; `None` when never.
    pub fn meta(&self) -> Option<Fetched> {
        let text = std::fs::read_to_string(self.meta_path()).ok()?;
        ron::from_str(&text).ok()
    }

    /// Stores a fetch: the plan's text first, then the record naming it
    /// (both atomic), so a reader never sees a record for another text.
    pub fn store(&self, text: &str, meta: &Fetched) -> Result<(), StoreError> {
        std::fs::create_dir_all(&self.dir)
            .map_err(|e| StoreError::io(&self.dir, "cannot create directory", e))?;
        super::save::write_atomic(&mut RealFs, &self.plan(), text.as_bytes())?;
        let rec = ron::ser::to_string_pretty(meta, ron::ser::PrettyConfig::default())
            .map_err(|e| StoreError::Other(format!("cannot write the fetch record: {e}")))?;
        super::save::write_atomic(&mut RealFs, &self.meta_path(), rec.as_bytes())
    }
}

/// The record of a team's last fetch.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fetched {
    pub url: String,
    pub rev: String,
    pub path: String,
    /// The full commit hash the plan was read at.
    pub commit: String,
    /// When (UTC, RFC 3339).
    pub at: String,
    /// How long the fetch took, in milliseconds.
    pub millis: u64,
}

impl Fetched {
    /// Whether this copy is of `source` as the workspace names it now: a
    /// changed url, rev or path is another source, whose copy this is not.
    pub fn is_of(&self, source: &TeamSource) -> bool {
        matches!(source, TeamSource::Git { url, rev, path }
            if self.url == *url && self.rev == *rev && self.path == *path)
    }

    /// `1a2b3c4 (main)`.
    pub fn version(&self) -> String {
        format!("{} ({})", short(&self.commit), self.rev)
    }
}

pub fn short(commit: &str) -> &str {
    commit.get(..7).unwrap_or(commit)
}

/// Reads one team's plan: a local path relative to `base` (the workspace
/// file's directory), or a git team's copy in `cache` as last fetched
/// (when it still matches the workspace's url, rev and path). With
/// `lines`, the item → line map `org check` needs.
pub fn read_team(base: &Path, cache: &Path, team: &Team, lines: bool) -> TeamPlan {
    let (file, version, shown) = match &team.source {
        TeamSource::Path { path } => {
            let file = lexical(&base.join(path));
            let version = std::fs::metadata(&file)
                .and_then(|m| m.modified())
                .ok()
                .map(|t| {
                    let t: chrono::DateTime<chrono::Utc> = t.into();
                    format!("file {}", t.format("%Y-%m-%d %H:%M UTC"))
                });
            (file, version, None)
        }
        TeamSource::Git { url, path, .. } => {
            let tc = TeamCache::new(cache, &team.id);
            let meta = tc.meta().filter(|m| m.is_of(&team.source));
            let Some(meta) = meta else {
                return TeamPlan {
                    team: team.clone(),
                    version: None,
                    file: team.source.label(),
                    state: TeamState::Failed {
                        kind: "not-fetched",
                        message: format!(
                            "{}: not fetched yet (or its source changed): run `bearing org fetch`",
                            team.source.label()
                        ),
                    },
                };
            };
            let shown = format!("{url}@{}:{path}", short(&meta.commit));
            (tc.plan(), Some(meta.version()), Some(shown))
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
            let mut message = e.to_string();
            if let Some(shown) = &shown {
                message = message.replace(&label, shown);
            }
            TeamState::Failed { kind, message }
        }
    };
    TeamPlan {
        team: team.clone(),
        version,
        file: shown.unwrap_or(label),
        state,
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

/// `a/org/../b` as `a/b`, without asking the file system (the file may
/// not exist): the path messages show.
fn lexical(p: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::ParentDir
                if matches!(out.components().next_back(), Some(Component::Normal(_))) =>
            {
                out.pop();
            }
            Component::CurDir => {}
            c => out.push(c),
        }
    }
    out
}
