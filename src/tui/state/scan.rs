//! The scan picker's data: candidates from `bearing scan` run on the
//! plan's repository (by a worker thread), each chosen or not.

use crate::scan::Candidate;

/// What the scan worker answers: the candidates shown, or why it could
/// not scan.
pub type ScanAnswer = Result<Vec<Candidate>, String>;

#[derive(Debug, Clone, PartialEq)]
pub struct ScanRow {
    pub candidate: Candidate,
    /// Added by an earlier scan (its source is in the plan): shown, never
    /// chosen.
    pub in_plan: bool,
    pub chosen: bool,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct ScanPicker {
    /// The repository scanned, for the title.
    pub root: String,
    /// Still scanning (the worker has not answered).
    pub loading: bool,
    pub error: Option<String>,
    pub rows: Vec<ScanRow>,
    pub selected: usize,
}

impl ScanPicker {
    pub fn step(&mut self, delta: i64) {
        let max = self.rows.len().saturating_sub(1) as i64;
        self.selected = (self.selected as i64)
            .saturating_add(delta)
            .clamp(0, max.max(0)) as usize;
    }

    /// Space: the selected candidate chosen or not (one in the plan stays
    /// as it is).
    pub fn toggle(&mut self) {
        if let Some(row) = self.rows.get_mut(self.selected)
            && !row.in_plan
        {
            row.chosen = !row.chosen;
        }
    }

    pub fn chosen(&self) -> Vec<&Candidate> {
        self.rows
            .iter()
            .filter(|r| r.chosen && !r.in_plan)
            .map(|r| &r.candidate)
            .collect()
    }
}
