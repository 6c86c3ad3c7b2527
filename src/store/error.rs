use std::io;
use std::path::PathBuf;

/// Everything that can go wrong between a plan and its file. Each message
/// names the file and, where known, the line, column and item.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: no plan file here (run `bearing init` to create one)")]
    NotFound { path: PathBuf },
    #[error("{path}: {action}: {source}")]
    Io {
        path: PathBuf,
        action: &'static str,
        #[source]
        source: io::Error,
    },
    #[error("{path}:{line}:{column}: {message}")]
    Parse {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error(
        "{path}: written by a newer bearing (schema {found}; this build reads up to {supported}); upgrade bearing to open it"
    )]
    NewerSchema {
        path: PathBuf,
        found: u32,
        supported: u32,
    },
    #[error(
        "{path}:{second}: duplicate id {} (first used on line {first}); give one of them a new id",
        crate::text::label(.id)
    )]
    DuplicateId {
        path: PathBuf,
        id: String,
        first: usize,
        second: usize,
    },
    #[error("{path}:{line}:{column}: {}: {message}", crate::text::label(.id))]
    Invalid {
        path: PathBuf,
        line: usize,
        column: usize,
        id: String,
        message: String,
    },
    /// Git conflict markers left in the file (a merge not finished, a web
    /// UI's merge): the first block, and how many more.
    #[error(
        "{path}:{line}: unresolved merge conflict in {place}{}: run bearing resolve",
        if *.more == 0 { String::new() } else { format!(" and {} more", .more) }
    )]
    Conflict {
        path: PathBuf,
        line: usize,
        /// The item; `None` for the settings.
        id: Option<String>,
        /// The field; `None` for whole items.
        field: Option<String>,
        /// Where, in words ([`Block::place`](crate::merge::markers::Block::place)).
        place: String,
        /// The blocks after the first.
        more: usize,
    },
    #[error(
        "{path}: changed on disk since it was read (another editor, git pull or a second bearing); not overwritten"
    )]
    ChangedOnDisk { path: PathBuf },
    #[error("{path}: read-only file; not overwritten (`chmod u+w {path}` lets bearing save it)")]
    ReadOnlyFile { path: PathBuf },
    #[error(
        "{path}: in a read-only directory ({dir}); not saved (a save writes a new file beside the plan and renames it over)"
    )]
    ReadOnlyDir { path: PathBuf, dir: PathBuf },
    #[error(
        "{path}: {}; an export would replace it, so nothing was written (choose another file name)",
        if *.in_use { "this is the plan file itself" } else { "this file holds a Bearing plan" }
    )]
    ExportOverPlan { path: PathBuf, in_use: bool },
    #[error(
        "{path}: this is the workspace file; an export would replace it, so nothing was written (choose another file name)"
    )]
    ExportOverWorkspace { path: PathBuf },
    #[error("{path}: already exists; not overwritten")]
    AlreadyExists { path: PathBuf },
    #[error("{0}")]
    Other(String),
}

impl StoreError {
    pub(crate) fn io(path: impl Into<PathBuf>, action: &'static str, source: io::Error) -> Self {
        StoreError::Io {
            path: path.into(),
            action,
            source,
        }
    }
}
