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
    CheckRow, KrRow, RankRow, SprintRow, StatusRow, TeamPlan, TeamState, check_rows, kr_rows,
    odds_notes, rank, sprint_rows, status_rows,
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
