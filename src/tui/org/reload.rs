//! `r`: the roll-up read again (the workspace file, the fetch cache, local
//! paths) after an `org fetch` in another shell. The reading runs on the
//! caller's worker thread ([`super::run`]); its result comes back here,
//! and the view, the search and the cursor's row (by its id) stay.

use super::{OrgApp, rows};
use crate::org::TeamPlan;

/// What a reload read: every team again, and the workspace's title and
/// label (the workspace file may have changed too).
pub struct Loaded {
    pub teams: Vec<TeamPlan>,
    pub title: Option<String>,
    pub label: String,
}

impl OrgApp {
    /// A row's identity across a reload: its team and its item (the
    /// Teams view's rows are teams).
    fn row_key(&self) -> Option<String> {
        let row = self.current()?;
        let column = self.view.item_column().unwrap_or(0);
        row.cells.get(column).cloned()
    }

    /// A reload's result: the new roll-up with the same view, search and
    /// row under the cursor (when it is still there), and `reloaded: …`
    /// on the bottom line; on an error, the old roll-up stays and the
    /// error is said.
    pub fn reloaded(&mut self, result: Result<Loaded, String>) {
        self.reloading = false;
        let loaded = match result {
            Ok(l) => l,
            Err(e) => {
                self.message = Some(format!("reload failed: {e} (still showing the last read)"));
                return;
            }
        };
        let key = self.row_key();
        let before = self.tables.iter().map(|t| t.rows.len()).collect::<Vec<_>>();
        self.tables = rows::build(&loaded.teams, self.today);
        self.teams = loaded.teams;
        self.title = loaded.title;
        self.label = loaded.label;
        self.refilter();
        let column = self.view.item_column().unwrap_or(0);
        let table = &self.tables[self.view as usize];
        if let Some(at) = key.and_then(|k| {
            self.visible
                .iter()
                .position(|&i| table.rows.get(i).and_then(|r| r.cells.get(column)) == Some(&k))
        }) {
            self.selected = at;
        }
        let read = self.teams.iter().filter(|t| t.plan().is_some()).count();
        let changed: Vec<String> = self
            .tables
            .iter()
            .zip(&before)
            .zip(super::OrgView::ALL)
            .filter(|((t, n), _)| t.rows.len() != **n)
            .map(|((t, n), v)| format!("{} {n} → {}", v.title().to_lowercase(), t.rows.len()))
            .collect();
        // A second reload of the same change (the watcher seeing the files
        // `r` already read) keeps what the first said.
        if changed.is_empty()
            && self
                .message
                .as_deref()
                .is_some_and(|m| m.starts_with("reloaded: "))
        {
            return;
        }
        self.message = Some(format!(
            "reloaded: {} of {} read{}",
            read,
            crate::text::count(self.teams.len(), "team"),
            if changed.is_empty() {
                String::new()
            } else {
                format!("; rows: {}", changed.join(", "))
            }
        ));
    }
}
