//! What a [`SyncPlan`] says to a person, the same on the command line and
//! in the UI: the counts line, the notes (each conflict, the items this
//! input left out), and the first changes for a dry run.

use super::sync::{FieldChange, SyncConflict, SyncPlan};
use crate::text;

impl SyncPlan {
    /// `N added, N updated, N closed, N unchanged`, then `, N conflicts`
    /// when there are any.
    pub fn summary(&self) -> String {
        let mut s = format!(
            "{} added, {} updated, {} closed, {} unchanged",
            self.added.len(),
            self.updated.len(),
            self.closed.len(),
            self.unchanged
        );
        if !self.conflicts.is_empty() {
            s.push_str(&format!(
                ", {}",
                text::count(self.conflicts.len(), "conflict")
            ));
        }
        s
    }

    /// Each conflict (`D-… title: kept "mine" (upstream: "theirs")`), then
    /// what was left alone and why: the UI's summary shows both.
    pub fn notes(&self) -> Vec<String> {
        let mut out = self.conflict_lines();
        out.extend(self.remarks());
        out
    }

    /// Each conflict, one a line: part of the result (the command line
    /// prints them on stdout, after the counts). Long text shows the part
    /// where the two differ.
    pub fn conflict_lines(&self) -> Vec<String> {
        self.conflicts.iter().map(conflict_line).collect()
    }

    /// What was left alone and why (items this input lacks, keys repeated):
    /// notes, which the command line prints on stderr.
    pub fn remarks(&self) -> Vec<String> {
        let mut out = Vec::new();
        if !self.missing.is_empty() {
            out.push(format!(
                "{} imported before {} not in this input: kept as {} (an export may be filtered)",
                text::count(self.missing.len(), "item"),
                if self.missing.len() == 1 { "is" } else { "are" },
                if self.missing.len() == 1 {
                    "it is"
                } else {
                    "they are"
                },
            ));
        }
        if self.repeated > 0 {
            out.push(format!(
                "{} repeated in the input: the first of each used",
                text::count(self.repeated, "source key"),
            ));
        }
        out
    }

    /// The first `n` changes, one a line: `added D-… "title"`,
    /// `updated D-… field: "old" → "new"`, `closed D-… "title"`; then
    /// `… and N more` when there are more.
    pub fn preview(&self, n: usize) -> Vec<String> {
        let mut lines: Vec<String> = Vec::new();
        for d in &self.added {
            lines.push(format!("added {} {}", d.id, text::quote(&d.title)));
        }
        for u in &self.closed {
            lines.push(format!("closed {} {}", u.id, text::quote(&u.title)));
            for f in u.fields.iter().filter(|f| f.field != "status") {
                lines.push(field_line(&u.id, f));
            }
        }
        for u in &self.updated {
            for f in &u.fields {
                lines.push(field_line(&u.id, f));
            }
        }
        if lines.len() > n {
            let more = lines.len() - n;
            lines.truncate(n);
            lines.push(format!("… and {more} more"));
        }
        lines
    }
}

fn field_line(id: &str, f: &FieldChange) -> String {
    let (from, to) = pair(Some(&f.from), Some(&f.to));
    format!("updated {id} {}: {from} → {to}", f.field)
}

fn conflict_line(c: &SyncConflict) -> String {
    let field = c.field.as_deref().unwrap_or("the whole item");
    let (ours, theirs) = pair(c.ours.as_deref(), c.theirs.as_deref());
    format!("{} {field}: kept {ours} (upstream: {theirs})", c.id)
}

/// Two versions of a value (JSON text) for a person, as [`value`] shows
/// them; but two texts of which one is too long to quote whole (or spans
/// lines) show the part where they differ, so a long description never
/// shows the same cut-off start twice.
fn pair(a: Option<&str>, b: Option<&str>) -> (String, String) {
    let text = |json: Option<&str>| match json.map(serde_json::from_str::<serde_json::Value>) {
        Some(Ok(serde_json::Value::String(s))) => Some(s),
        _ => None,
    };
    match (text(a), text(b)) {
        (Some(x), Some(y))
            if [&x, &y]
                .iter()
                .any(|v| v.contains('\n') || v.chars().count() > text::QUOTE_MAX) =>
        {
            let shown = crate::merge::shown::differing(&[Some(&x), Some(&y)]);
            (text::quote(&shown[0]), text::quote(&shown[1]))
        }
        _ => (value(a), value(b)),
    }
}

/// A JSON value for a person: a string quoted and escaped (and cut), any
/// other value as JSON, cleaned of control characters.
fn value(json: Option<&str>) -> String {
    let Some(json) = json else {
        return "nothing".to_owned();
    };
    match serde_json::from_str::<serde_json::Value>(json) {
        Ok(serde_json::Value::String(s)) => text::quote(&s),
        _ => text::truncate(&text::sanitize(json), 80).into_owned(),
    }
}
