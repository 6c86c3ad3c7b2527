//! `bearing-org.ron`: the teams of an organisation and where each plan is.
//!
//! ```ron
//! (
//!   teams: [
//!     (id: "payments", name: "Payments", path: "../payments/bearing.ron"),
//!     (id: "search", name: "Search", git: "https://git.example.com/search.git",
//!      rev: "main", path: "plan/bearing.ron", optional: true),
//!   ],
//! )
//! ```
//!
//! A `path` alone is a file relative to the workspace file; with `git` it
//! is the file's path inside that repository at `rev` (default `HEAD`,
//! path default `bearing.ron`). Errors carry the line (and column for a
//! syntax error) like a plan's.

use serde::{Deserialize, Serialize};

/// Where a team's plan comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TeamSource {
    /// A file, relative to the workspace file's directory.
    Path { path: String },
    /// A file inside a git repository at a revision.
    Git {
        url: String,
        rev: String,
        path: String,
    },
}

impl TeamSource {
    /// `../payments/bearing.ron` or `URL@rev:path`, for tables.
    pub fn label(&self) -> String {
        match self {
            TeamSource::Path { path } => path.clone(),
            TeamSource::Git { url, rev, path } => format!("{url}@{rev}:{path}"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Team {
    pub id: String,
    pub name: String,
    pub source: TeamSource,
    /// A missing plan is a warning, never a failure.
    pub optional: bool,
    /// The line of the team's entry in the workspace file.
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Workspace {
    /// The organisation's name (`title: "Acme engineering"`), one line.
    pub title: Option<String>,
    pub teams: Vec<Team>,
}

impl Workspace {
    pub fn team(&self, id: &str) -> Option<&Team> {
        self.teams.iter().find(|t| t.id == id)
    }

    /// Anchors every `git` that is a relative local path
    /// ([`is_relative_local`]) to `dir`, the workspace file's directory (an
    /// absolute path), as a local `path` is: git is run elsewhere (in the
    /// cache), so `../repos/payments` would name another directory there.
    pub fn anchor_git_paths(&mut self, dir: &std::path::Path) {
        for t in &mut self.teams {
            if let TeamSource::Git { url, .. } = &mut t.source
                && is_relative_local(url)
            {
                *url = lexical(&dir.join(&*url)).to_string_lossy().into_owned();
            }
        }
    }
}

/// Whether a `git` url is a relative local path: `./x`, `../x`, or a
/// path with neither `://` (a URL) nor a `host:` before its first `/`
/// (git's scp form, `git@host:repo.git`), and not absolute.
pub fn is_relative_local(url: &str) -> bool {
    if url.starts_with("./") || url.starts_with("../") {
        return true;
    }
    let scp = match (url.find(':'), url.find('/')) {
        (Some(c), Some(s)) => c < s,
        (Some(_), None) => true,
        _ => false,
    };
    !(url.contains("://") || scp || std::path::Path::new(url).is_absolute() || url.starts_with('~'))
}

/// `a/b/../c` as `a/c`, `./` dropped, without asking the file system
/// (the file may not exist): the paths messages show.
pub fn lexical(p: &std::path::Path) -> std::path::PathBuf {
    use std::path::Component;
    let mut out = std::path::PathBuf::new();
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

/// What is wrong with a workspace file, where (1-based line and column;
/// column 0 when only the line is known).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkspaceError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl WorkspaceError {
    fn at(line: usize, message: String) -> Self {
        WorkspaceError {
            line,
            column: 0,
            message,
        }
    }

    /// `LINE:COL: message` (or `LINE: message`), to follow the file's path.
    pub fn place(&self) -> String {
        match self.column {
            0 => format!("{}: {}", self.line, self.message),
            c => format!("{}:{c}: {}", self.line, self.message),
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWorkspace {
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    teams: Vec<RawTeam>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTeam {
    id: String,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    path: Option<String>,
    #[serde(default)]
    git: Option<String>,
    #[serde(default)]
    rev: Option<String>,
    #[serde(default)]
    optional: bool,
}

/// Parses and checks a workspace file's text: the syntax (with line and
/// column), then each team (with its entry's line): a usable id, unique; a
/// source (`path`, or `git` with an optional `rev` and `path`); no `rev`
/// without `git`.
pub fn parse(text: &str) -> Result<Workspace, WorkspaceError> {
    let raw: RawWorkspace = ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .from_str(text)
        .map_err(|e| WorkspaceError {
            line: e.span.start.line,
            column: e.span.start.col,
            message: user_terms(&e.code.to_string()),
        })?;
    let title = match raw.title.map(|t| t.trim().to_owned()) {
        Some(t) if t.is_empty() || t.contains(['\n', '\r']) => {
            let line = key_lines(text, b"title").first().copied().unwrap_or(1);
            let what = if t.is_empty() {
                "is empty"
            } else {
                "must be one line"
            };
            return Err(WorkspaceError::at(line, format!("title {what}")));
        }
        t => t,
    };
    let lines = key_lines(text, b"id");
    let mut teams: Vec<Team> = Vec::with_capacity(raw.teams.len());
    for (i, t) in raw.teams.into_iter().enumerate() {
        let line = lines.get(i).copied().unwrap_or(1);
        teams.push(team(t, line, &teams)?);
    }
    if teams.is_empty() {
        return Err(WorkspaceError::at(
            1,
            "no teams: add one, e.g. teams: [(id: \"payments\", name: \"Payments\", path: \"../payments/bearing.ron\")]".into(),
        ));
    }
    Ok(Workspace { title, teams })
}

/// The parser's words with this module's type names in the user's terms:
/// "Expected opening `(` for a team", not "for struct `RawTeam`".
fn user_terms(message: &str) -> String {
    message
        .replace("struct `RawTeam`", "a team")
        .replace("`RawTeam`", "a team")
        .replace("struct `RawWorkspace`", "the workspace")
        .replace("`RawWorkspace`", "the workspace")
}

fn team(t: RawTeam, line: usize, before: &[Team]) -> Result<Team, WorkspaceError> {
    let err = |m: String| WorkspaceError::at(line, m);
    let id = t.id.trim().to_owned();
    if id.is_empty() {
        return Err(err("team id is empty".into()));
    }
    if let Some(c) = id
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
    {
        return Err(err(format!(
            "team {id:?}: id may hold letters, digits, '-', '_' and '.' only (found {c:?}); items show as TEAM:ID"
        )));
    }
    if let Some(first) = before.iter().find(|b| b.id == id) {
        return Err(err(format!(
            "duplicate team id {id:?} (first used on line {}); give one of them a new id",
            first.line
        )));
    }
    // A field given but empty is a mistake, never "not given": `git: ""`
    // is not a local team, `path: ""` not the default path.
    let given = |field: &str, s: Option<String>| match s.map(|s| s.trim().to_owned()) {
        Some(s) if s.is_empty() => Err(err(format!("team {id:?}: {field} is empty"))),
        s => Ok(s),
    };
    let path = given("path", t.path)?;
    let git = given("git url", t.git)?;
    let rev = given("rev", t.rev)?;
    let nonblank = |s: Option<String>| s.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
    let source = match (git, path, rev) {
        (Some(url), path, rev) => TeamSource::Git {
            url,
            rev: rev.unwrap_or_else(|| "HEAD".into()),
            path: path.unwrap_or_else(|| "bearing.ron".into()),
        },
        (None, _, Some(_)) => {
            return Err(err(format!(
                "team {id:?}: rev is set without git; give git: \"URL\" or drop rev"
            )));
        }
        (None, Some(path), None) => TeamSource::Path { path },
        (None, None, None) => {
            return Err(err(format!(
                "team {id:?} has no source: give path: \"../team/bearing.ron\" or git: \"URL\""
            )));
        }
    };
    let source = match source {
        TeamSource::Git { url, rev, path } => TeamSource::Git {
            url,
            rev,
            path: repo_path(&path).map_err(|m| err(format!("team {id:?}: path {path:?} {m}")))?,
        },
        s => s,
    };
    let name = nonblank(t.name).unwrap_or_else(|| id.clone());
    Ok(Team {
        id,
        name,
        source,
        optional: t.optional,
        line,
    })
}

/// A git team's `path` as git names it in a commit: `./` and empty parts
/// dropped (`./plan//bearing.ron` is `plan/bearing.ron`); a `\\`, a
/// leading `/`, a `..` or nothing left is refused (the message follows
/// the path).
fn repo_path(path: &str) -> Result<String, String> {
    if path.contains('\\') {
        return Err(format!(
            "uses '\\': write it with '/' as git does, e.g. {:?}",
            path.replace('\\', "/")
        ));
    }
    if path.starts_with('/') || path.split('/').any(|p| p == "..") {
        return Err("must be a path inside the repository (no leading '/', no '..')".into());
    }
    let parts: Vec<&str> = path
        .split('/')
        .filter(|p| !p.is_empty() && *p != ".")
        .collect();
    if parts.is_empty() {
        return Err("names the repository itself: give the plan file, e.g. \"bearing.ron\"".into());
    }
    Ok(parts.join("/"))
}

/// The line of each `KEY:` (outside strings and comments), in order. The
/// parser has accepted the text, so the n-th `id:` belongs to the n-th
/// team.
fn key_lines(text: &str, key: &[u8]) -> Vec<usize> {
    let mut out = Vec::new();
    let b = text.as_bytes();
    let (mut i, mut line) = (0, 1);
    while i < b.len() {
        match b[i] {
            b'\n' => line += 1,
            b'"' => {
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    if b[i] == b'\\' {
                        i += 1;
                    } else if b[i] == b'\n' {
                        line += 1;
                    }
                    i += 1;
                }
            }
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            _ if b[i..].starts_with(key)
                && (i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_')) =>
            {
                let rest = &text[i + key.len()..];
                if rest.trim_start_matches([' ', '\t']).starts_with(':') {
                    out.push(line);
                }
            }
            _ => {}
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests;
