//! `bearing scan`: debt proposed from the code. Markers (`TODO`, `FIXME`…)
//! in comments, and hotspots — files changed often in a window, weighted by
//! their size (CodeScene's change frequency × size). Pure: the caller walks
//! the files and runs `git log`, and hands in what it read ([`FileText`],
//! the log's text); this recognises, fingerprints, scores and ranks.
//!
//! Fingerprints are stable: a marker's is a hash of its path, its word and
//! its normalised text (not its line, so moving code keeps it); a
//! hotspot's is a hash of its path. An added candidate's debt item has
//! `source = "scan:FINGERPRINT"`, so a second scan knows it is in the plan.

pub mod comments;
pub mod files;
pub mod hotspots;
pub mod people;
mod rank;
#[cfg(test)]
mod tests;

use serde::Serialize;

pub use comments::Markers;
pub use files::{FileText, skipped_path};
pub use rank::{
    DEFAULT_TOP, MIN_HOTSPOT_CHANGES, MIN_HOTSPOT_SHARE, additions, candidates, in_plan, select,
    shown, shown_from, to_debt,
};

/// The markers looked for unless `--marker` names others.
pub const DEFAULT_MARKERS: [&str; 5] = ["TODO", "FIXME", "HACK", "XXX", "BUG"];

/// The `source` prefix of debt items a scan added.
pub const SOURCE_PREFIX: &str = "scan:";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CandidateKind {
    Marker,
    Hotspot,
}

/// One proposed debt item. Serializes with exactly these fields (`line` is
/// null for a hotspot; `area` and `owner` null when unknown).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Candidate {
    pub fingerprint: String,
    pub kind: CandidateKind,
    pub path: String,
    pub line: Option<usize>,
    /// A marker's comment (`TODO(bob): retry on 503`); a hotspot's
    /// "N commits × M lines".
    pub text: String,
    pub title: String,
    pub area: Option<String>,
    pub owner: Option<String>,
    /// The file's main author in the window (a marker's `owner` is the name
    /// in its comment when it has one): what a per-file heading shows.
    #[serde(skip)]
    pub file_owner: Option<String>,
    /// Commits touching the file in the window.
    pub changes: u32,
    /// The file's size in lines now.
    pub lines: usize,
}

impl Candidate {
    /// Change frequency × size: the hotspot score (markers carry their
    /// file's).
    pub fn score(&self) -> u64 {
        u64::from(self.changes) * self.lines as u64
    }

    pub fn source(&self) -> String {
        format!("{SOURCE_PREFIX}{}", self.fingerprint)
    }
}

/// FNV-1a, 64 bits: fixed by its definition, so fingerprints are the same
/// on every machine and in every version (std's hasher promises neither).
fn fnv(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in part.bytes().chain([0]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// 12 hex digits (48 bits): short enough to type a prefix of, wide enough
/// that a repository's candidates do not collide.
fn hex(h: u64) -> String {
    format!("{:012x}", h >> 16)
}

/// A marker's fingerprint: its path, word and text with spacing normalised;
/// `nth` tells apart identical comments in one file (0 for the first).
pub fn marker_fingerprint(path: &str, marker: &str, text: &str, nth: usize) -> String {
    let norm = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let nth = nth.to_string();
    let mut parts = vec!["marker", path, marker, &norm];
    if nth != "0" {
        parts.push(&nth);
    }
    hex(fnv(&parts))
}

pub fn hotspot_fingerprint(path: &str) -> String {
    hex(fnv(&["hotspot", path]))
}

/// Top directories that hold code rather than name a part of it: a file
/// below one takes its area from the next directory (`src/billing/x.rs` →
/// `billing`), a file right in it keeps the root's name (`src/main.rs` →
/// `src`).
pub const SOURCE_ROOTS: [&str; 9] = [
    "src", "lib", "app", "pkg", "internal", "packages", "crates", "source", "sources",
];

/// The area of a path: the longest `--area DIR=NAME` mapping that holds it,
/// else its top directory — or the one below a source root
/// ([`SOURCE_ROOTS`]) — and none for a file at the root.
pub fn area(path: &str, mapping: &[(String, String)]) -> Option<String> {
    let mapped = mapping
        .iter()
        .filter(|(dir, _)| {
            let dir = dir.trim_end_matches('/');
            path == dir || path.strip_prefix(dir).is_some_and(|r| r.starts_with('/'))
        })
        .max_by_key(|(dir, _)| dir.trim_end_matches('/').len());
    if let Some((_, name)) = mapped {
        return Some(name.clone());
    }
    let (top, rest) = path.split_once('/')?;
    match rest.split_once('/') {
        Some((next, _)) if SOURCE_ROOTS.contains(&top) && !next.is_empty() => Some(next.to_owned()),
        _ => Some(top.to_owned()),
    }
}

/// The fingerprints of everything `files` hold: every marker's and every
/// file's (as a hotspot), whatever its history.
pub fn live(files: &[FileText]) -> std::collections::HashSet<String> {
    let none = std::collections::HashMap::new();
    let mut out: std::collections::HashSet<String> = candidates(files, &none, &[])
        .into_iter()
        .map(|c| c.fingerprint)
        .collect();
    out.extend(files.iter().map(|f| hotspot_fingerprint(&f.path)));
    out
}
