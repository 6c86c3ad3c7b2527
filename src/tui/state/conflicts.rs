//! The conflict screen's data: one row per conflict (item, field, base,
//! mine, theirs), a pick per row, and what Enter applies the picks to. The
//! same screen serves an outside change that clashed with the open UI's
//! and `bearing resolve` on a file holding git conflict markers.

use std::path::PathBuf;

pub use crate::tui::action::Pick;

/// One conflict, as shown: the values are already worded for the screen
/// (`None`: that version has none, e.g. the item is deleted there).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConflictRow {
    pub item: String,
    pub title: String,
    pub field: String,
    pub base: Option<String>,
    pub mine: Option<String>,
    pub theirs: Option<String>,
    /// Whether the base can be picked (a two-way marker block has none).
    pub has_base: bool,
}

/// What Enter applies the picks to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Applies {
    /// The open UI's session: its clash with an outside change.
    Session,
    /// A file with git conflict markers (`bearing resolve`): each row is
    /// the block that starts on that line.
    Markers { path: PathBuf, starts: Vec<usize> },
    /// A form's save against a change made since the form opened: the
    /// form waits behind the screen (Esc goes back to it).
    Form(Box<FormClash>),
}

/// A form's edit that clashed with a change made since it opened.
#[derive(Debug, Clone, PartialEq)]
pub struct FormClash {
    pub edit: crate::merge::EditMerge,
    /// The undo label ("edit D-XR8YJ").
    pub label: String,
    /// The edited item (`None`: the plan settings).
    pub id: Option<String>,
}

/// Compared by what the screen shows (its plan holds no NaN either).
impl Eq for FormClash {}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConflictScreen {
    /// What clashed: "bearing.ron changed on disk", "plan.ron: merge".
    pub title: String,
    pub rows: Vec<ConflictRow>,
    pub picks: Vec<Option<Pick>>,
    pub selected: usize,
    pub applies: Applies,
}

impl ConflictScreen {
    pub fn new(title: String, rows: Vec<ConflictRow>, applies: Applies) -> ConflictScreen {
        ConflictScreen {
            title,
            picks: vec![None; rows.len()],
            rows,
            selected: 0,
            applies,
        }
    }

    pub fn step(&mut self, delta: i64) {
        let max = self.rows.len().saturating_sub(1) as i64;
        self.selected = (self.selected as i64)
            .saturating_add(delta)
            .clamp(0, max.max(0)) as usize;
    }

    /// Picks for the selected row and moves to the next one not picked
    /// yet; `Err` says why it cannot (no base to pick).
    pub fn pick(&mut self, pick: Pick) -> Result<(), String> {
        let Some(row) = self.rows.get(self.selected) else {
            return Err("no conflict to pick".to_owned());
        };
        if pick == Pick::Base && !row.has_base {
            return Err(format!(
                "{} {}: there is no base version to pick",
                row.item, row.field
            ));
        }
        self.picks[self.selected] = Some(pick);
        let n = self.rows.len();
        if let Some(next) = (1..n)
            .map(|k| (self.selected + k) % n)
            .find(|&i| self.picks[i].is_none())
        {
            self.selected = next;
        }
        Ok(())
    }

    /// Every row's pick, once each row has one.
    pub fn all_picked(&self) -> Option<Vec<Pick>> {
        self.picks.iter().copied().collect()
    }

    pub fn picked(&self) -> usize {
        self.picks.iter().filter(|p| p.is_some()).count()
    }

    /// The line over the list: how many are picked and what Enter does.
    pub fn summary(&self) -> String {
        let n = self.rows.len();
        let conflicts = super::plural(n, "conflict");
        match n - self.picked() {
            0 => format!("{conflicts}, all picked: Enter applies them"),
            left => format!("{conflicts}, {left} to pick; nothing is written until all are"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(has_base: bool) -> ConflictRow {
        ConflictRow {
            item: "D-1".into(),
            title: "t".into(),
            field: "risk".into(),
            base: has_base.then(|| "3".into()),
            mine: Some("4".into()),
            theirs: Some("5".into()),
            has_base,
        }
    }

    #[test]
    fn picking_moves_to_the_next_open_row_and_enter_needs_every_pick() {
        let mut s = ConflictScreen::new("x".into(), vec![row(true), row(false)], Applies::Session);
        assert_eq!(s.all_picked(), None);
        s.pick(Pick::Theirs).unwrap();
        assert_eq!(s.selected, 1);
        assert!(s.pick(Pick::Base).is_err(), "the second row has no base");
        s.pick(Pick::Mine).unwrap();
        assert_eq!(s.all_picked(), Some(vec![Pick::Theirs, Pick::Mine]));
        assert!(s.summary().contains("all picked"));
    }
}
