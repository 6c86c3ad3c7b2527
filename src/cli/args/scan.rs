//! `bearing scan`: debt proposed from a git repository.

use std::path::PathBuf;

use clap::Args;

use super::Format;

#[derive(Debug, Args)]
pub struct ScanArgs {
    /// A directory in the repository to scan (default: the current directory); the whole repository is scanned.
    #[arg(value_name = "PATH")]
    pub path: Option<PathBuf>,
    /// Count commits since this day for hotspots (YYYY-MM-DD; default: a year before today).
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// A marker word to look for in comments (repeatable; default: TODO FIXME HACK XXX BUG).
    #[arg(long = "marker", value_name = "NAME")]
    pub markers: Vec<String>,
    /// Name the area of files under DIR (repeatable; default: a file's top directory).
    #[arg(long = "area", value_name = "DIR=NAME")]
    pub areas: Vec<String>,
    /// Show the N best hotspots and the markers of the first N files (default: 10 hotspots, every marker).
    #[arg(long, value_name = "N")]
    pub top: Option<usize>,
    /// Propose a hotspot only when the window has at least N commits of it (default: 2); hotspots under a tenth of the best score are never proposed.
    #[arg(long, value_name = "N")]
    pub min_changes: Option<u32>,
    /// Add candidates as debt items: every one shown, or those whose fingerprint starts with each FINGERPRINT given.
    #[arg(long, value_name = "FINGERPRINT", num_args = 0..)]
    pub add: Option<Vec<String>>,
    /// table: hotspots ranked, then markers per file; json: an array of candidates.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}
