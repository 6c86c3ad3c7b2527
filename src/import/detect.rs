//! Which format a file is in, from its text: what `I` in the UI uses so the
//! person picks a file, not a format. Pure.
//!
//! A new source adds a variant to [`Format`], a rule to [`detect`] (JSON
//! shapes in [`json_format`], CSV headers in [`csv_format`]), and its
//! parser to the importers' dispatch.

use serde_json::Value;

use super::csv::Flavor;
use super::tracker::{Tracker, sniff};

/// An import format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `task export`: a JSON array of tasks (objects with a `uuid`), or one
    /// task object a line.
    Taskwarrior,
    /// GitHub issues: `gh issue list --json …` or the REST API's issues.
    Github,
    /// Jira's "Export Excel CSV (all fields)".
    Jira,
    /// Linear's CSV export.
    Linear,
    /// GitLab's issue list CSV export.
    Gitlab,
    /// Any other CSV with a header row (Bearing's columns, a spreadsheet's).
    Csv,
    /// JSON of a shape no importer reads.
    UnknownJson,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Taskwarrior => "taskwarrior export",
            Format::Github => "GitHub issues export",
            Format::Jira => "Jira export",
            Format::Linear => "Linear export",
            Format::Gitlab => "GitLab export",
            Format::Csv => "CSV",
            Format::UnknownJson => "JSON of an unknown shape",
        }
    }
}

/// The format of `text` (a leading BOM and blank space aside). Text that is
/// not JSON is read as CSV: its header decides the rest.
pub fn detect(text: &str) -> Format {
    let t = text.trim_start_matches('\u{feff}').trim_start();
    if t.starts_with('[') || t.starts_with('{') {
        return json_format(t);
    }
    csv_format(t)
}

/// A JSON document: its first record decides.
fn json_format(t: &str) -> Format {
    let first = match serde_json::from_str::<Value>(t) {
        Ok(Value::Array(items)) => match items.into_iter().next() {
            // `[]`: an export with nothing in it; taskwarrior writes that.
            None => return Format::Taskwarrior,
            Some(v) => v,
        },
        Ok(v) => v,
        // One object a line (older `task export`).
        Err(_) => match t
            .lines()
            .next()
            .map(|l| serde_json::from_str::<Value>(l.trim().trim_end_matches(',')))
        {
            Some(Ok(v)) => v,
            _ => return Format::UnknownJson,
        },
    };
    let has = |key: &str| first.get(key).is_some();
    if has("uuid") && (has("description") || has("status")) {
        return Format::Taskwarrior;
    }
    // GitHub's issues: the tracker sniffer's rule, so `I` and the sniff
    // the importers share never disagree.
    if !has("uuid") && has("title") && sniff(t) == Some(Tracker::Github) {
        return Format::Github;
    }
    Format::UnknownJson
}

/// Why JSON of [`Format::UnknownJson`] cannot be imported: where it stops
/// being JSON, or that no importer reads its shape.
pub fn why_unknown(text: &str, file: &str) -> String {
    let t = text.trim_start_matches('\u{feff}');
    match serde_json::from_str::<Value>(t) {
        Err(e) => format!("{file}:{}: not valid JSON: {e}", e.line()),
        Ok(_) => format!(
            "{file}: JSON of a shape Bearing does not read (it reads a taskwarrior `task export` and GitHub's issues JSON)"
        ),
    }
}

/// A CSV file: by its header — Jira's (the tracker sniffer), Linear's or
/// GitLab's (the CSV importer's flavour detection), else a spreadsheet.
fn csv_format(t: &str) -> Format {
    if sniff(t) == Some(Tracker::Jira) {
        return Format::Jira;
    }
    match super::csv::flavor_of(t) {
        Flavor::Linear => Format::Linear,
        Flavor::GitLab => Format::Gitlab,
        Flavor::Auto | Flavor::Sheet => Format::Csv,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_from_their_text() {
        let tw = r#"[{"uuid":"82caccb0","status":"pending","description":"x"}]"#;
        assert_eq!(detect(tw), Format::Taskwarrior);
        assert_eq!(detect(&format!("\u{feff}\n  {tw}")), Format::Taskwarrior);
        assert_eq!(
            detect(
                "{\"uuid\":\"a\",\"status\":\"pending\",\"description\":\"x\"}\n{\"uuid\":\"b\",\"status\":\"pending\",\"description\":\"y\"}\n"
            ),
            Format::Taskwarrior
        );
        assert_eq!(detect("[]"), Format::Taskwarrior);
        assert_eq!(detect(r#"[{"number":1,"title":"x"}]"#), Format::Github);
        assert_eq!(detect(r#"[{"name":"x"}]"#), Format::UnknownJson);
        assert_eq!(detect("[not json"), Format::UnknownJson);
        assert_eq!(detect("title,owner\r\nA,ana\r\n"), Format::Csv);
        assert_eq!(detect(""), Format::Csv);
        assert!(why_unknown("[not json", "x.json").starts_with("x.json:1: not valid JSON: "));
        assert!(why_unknown("[{\"number\":1}]", "x.json").contains("shape Bearing does not read"));
    }

    /// Every importer's real fixture is told by its text alone: what `I`
    /// relies on to pick the parser.
    #[test]
    fn every_source_from_its_fixture() {
        let data = |name: &str| {
            let path = format!("{}/tests/data/import/{name}", env!("CARGO_MANIFEST_DIR"));
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
        };
        assert_eq!(detect(&data("trackers/gh_issue_list.json")), Format::Github);
        assert_eq!(detect(&data("trackers/rest_issues.json")), Format::Github);
        assert_eq!(detect(&data("trackers/jira_all_fields.csv")), Format::Jira);
        assert_eq!(detect(&data("linear.csv")), Format::Linear);
        assert_eq!(detect(&data("gitlab.csv")), Format::Gitlab);
        assert_eq!(detect("Title,Notes\nA,x\n"), Format::Csv);
    }
}
