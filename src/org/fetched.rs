//! What the fetch cache says about the copy of a git team's plan that was
//! read: when it was fetched, whether the last fetch failed after it, and
//! whether the newest commit fetched has a plan that does not load (the
//! last good copy is read instead). Filled by the store; worded here, once,
//! for every roll-up, the UI and the export.

use serde::Serialize;

/// A git team's cache notes (all `None` for a local team).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct FetchNote {
    /// When the copy read was fetched (RFC 3339, UTC).
    pub fetched_at: Option<String>,
    /// The last fetch failed (after the copy read, or before any copy).
    pub failed: Option<FetchFailed>,
    /// The newest commit fetched, whose plan does not load.
    pub newest_unloadable: Option<Unloadable>,
}

/// A fetch that failed: when, and git's useful line.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FetchFailed {
    /// RFC 3339, UTC.
    pub at: String,
    pub reason: String,
}

/// The newest commit fetched, whose plan does not load.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Unloadable {
    /// Its short hash.
    pub commit: String,
    /// When it was fetched (RFC 3339, UTC).
    pub at: String,
    /// Why it does not load (`URL@COMMIT:PATH:LINE:COL: …`).
    pub reason: String,
}

/// `2026-11-30 12:01 UTC` from RFC 3339 (the text itself when it is not).
pub fn when(rfc3339: &str) -> String {
    in_utc(rfc3339, "%Y-%m-%d %H:%M UTC")
}

/// An RFC 3339 time in UTC as `format` writes it (the text itself when it
/// is not one).
fn in_utc(rfc3339: &str, format: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(rfc3339).map_or_else(
        |_| rfc3339.to_owned(),
        |t| t.with_timezone(&chrono::Utc).format(format).to_string(),
    )
}

/// `1374c93 (main) 11-30 10:12`: [`read_label`] short enough for a table
/// column (the month, day and UTC time it was fetched; the year is in the
/// whole label on the UI's bottom line and every roll-up's `read:` line).
pub fn short_read_label(version: Option<&str>, fetched_at: Option<&str>) -> String {
    match (version, fetched_at) {
        (Some(v), Some(at)) => format!("{v} {}", in_utc(at, "%m-%d %H:%M")),
        // A local file's `file 2026-11-30 10:38 UTC` as `file 11-30 10:38`.
        (Some(v), None) => v
            .strip_prefix("file ")
            .and_then(|t| chrono::NaiveDateTime::parse_from_str(t, "%Y-%m-%d %H:%M UTC").ok())
            .map_or_else(
                || v.to_owned(),
                |t| t.format("file %m-%d %H:%M").to_string(),
            ),
        (None, _) => "-".to_owned(),
    }
}

/// `1374c93 (main), fetched 2026-11-30 10:12 UTC`: the version read and,
/// for a fetched copy, when; `-` when nothing was read.
pub fn read_label(version: Option<&str>, fetched_at: Option<&str>) -> String {
    match (version, fetched_at) {
        (Some(v), Some(at)) => format!("{v}, fetched {}", when(at)),
        (Some(v), None) => v.to_owned(),
        (None, _) => "-".to_owned(),
    }
}

impl FetchNote {
    /// The warning of a copy that is read but is not the newest: its kind
    /// (`fetch-failed`, `newest-does-not-load`) and words naming what is
    /// shown instead. `None` when the copy read is the newest.
    pub fn warning(&self, version: Option<&str>) -> Option<(&'static str, String)> {
        let shown = format!(
            "showing {}",
            read_label(version, self.fetched_at.as_deref())
        );
        let mut parts = Vec::new();
        let mut kind = None;
        if let Some(f) = &self.failed {
            kind = Some("fetch-failed");
            parts.push(format!("last fetch failed {}: {}", when(&f.at), f.reason));
        }
        if let Some(u) = &self.newest_unloadable {
            kind = kind.or(Some("newest-does-not-load"));
            parts.push(format!(
                "the newest commit {}'s plan does not load ({})",
                u.commit, u.reason
            ));
        }
        let kind = kind?;
        parts.push(shown);
        Some((kind, parts.join("; ")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_short_label_keeps_the_version_and_when_without_the_year() {
        let short = short_read_label;
        assert_eq!(
            short(Some("1a2b3c4 (main)"), Some("2026-11-29T10:12:40+01:00")),
            "1a2b3c4 (main) 11-29 09:12"
        );
        assert_eq!(
            short(Some("file 2026-11-30 10:38 UTC"), None),
            "file 11-30 10:38"
        );
        assert_eq!(short(Some("something else"), None), "something else");
        assert_eq!(short(None, Some("2026-11-29T10:12:40Z")), "-");
    }

    #[test]
    fn a_failed_fetch_names_when_why_and_the_copy_shown() {
        let note = FetchNote {
            fetched_at: Some("2026-11-30T10:12:40Z".into()),
            failed: Some(FetchFailed {
                at: "2026-11-30T12:01:00Z".into(),
                reason: "repository not found".into(),
            }),
            newest_unloadable: None,
        };
        assert_eq!(
            note.warning(Some("1374c93 (main)")),
            Some((
                "fetch-failed",
                "last fetch failed 2026-11-30 12:01 UTC: repository not found; showing 1374c93 (main), fetched 2026-11-30 10:12 UTC".into()
            ))
        );
        assert_eq!(FetchNote::default().warning(Some("x")), None);
        assert_eq!(
            read_label(Some("1374c93 (main)"), Some("2026-11-30T10:12:40+00:00")),
            "1374c93 (main), fetched 2026-11-30 10:12 UTC"
        );
        assert_eq!(
            read_label(Some("file 2026-11-30 10:38 UTC"), None),
            "file 2026-11-30 10:38 UTC"
        );
    }
}
