//! The organisation's view: many teams' plans rolled up (`bearing org …`).
//! Pure: the workspace file's text is parsed and checked here
//! ([`workspace`]); the plans, already read by the caller (from local
//! paths or the fetch cache), are rolled up into rows ([`rollup`]). Reading
//! files, running git and the cache are the store's and the CLI's business.
//!
//! Item ids are shown as `team:ID`. A team whose plan cannot be read is a
//! warning row ([`TeamState::Failed`]); the rest of the roll-up still shows.

pub mod fetched;
pub mod page;
pub mod rollup;
pub mod status;
pub mod workspace;

pub use fetched::{FetchFailed, FetchNote, Unloadable};
pub use page::{Glance, Page, page};
pub use rollup::{
    CheckRow, CheckTotals, KrRow, RANK_HEADERS, RANK_NUMBERS, RankRow, SPRINT_HEADERS, SprintRow,
    StatusRow, TeamPlan, TeamState, check_rows, kr_rows, odds_notes, rank, sprint_rows,
    status_rows,
};
pub use status::{DEBT_HEADER, count_cell, items};
pub use workspace::{Team, TeamSource, Workspace, WorkspaceError, lexical, parse};

/// The workspace file's name, found like a plan's (`./bearing-org.ron` or
/// a parent's).
pub const FILE_NAME: &str = "bearing-org.ron";

/// `team:ID`, how an item shows in every roll-up.
pub fn qualified(team: &str, id: &str) -> String {
    format!("{team}:{id}")
}

/// Why a local team's plan file cannot be read, in the one wording `org
/// fetch` and every roll-up use: its path as written in the workspace
/// (relative to it), what is wrong, and where to fix it: `local file
/// ../mobil/bearing.ron: not found (check the team's path in ws2.ron line
/// 5)`. `is_dir`: the path names a directory.
pub fn local_file_missing(path: &str, is_dir: bool, ws_name: &str, line: usize) -> String {
    let what = if is_dir {
        "a directory, not a plan file"
    } else {
        "not found"
    };
    format!("local file {path}: {what} (check the team's path in {ws_name} line {line})")
}
