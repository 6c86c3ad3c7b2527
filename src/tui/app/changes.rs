//! How the App changes its plan: applying a change (and telling the save
//! writer), undo and redo, replacing the plan after a reload, and taking in
//! what the writer reports.

use std::sync::Arc;

use super::App;
use crate::model::{Change, Item, Kind, Op, Plan};
use crate::tui::history::History;

impl App {
    /// Applies a change to the plan, records its inverse for undo and
    /// rebuilds the derived rows. The caller returns `Effect::Save`.
    pub fn apply(&mut self, change: Change) {
        let selected = self.selected_debt().map(|d| d.id.clone());
        let edited = crate::tui::cache::single_debt_put(&change).map(str::to_owned);
        let before = self.plan.debts.len();
        self.forward(&change);
        let inverse = Arc::make_mut(&mut self.plan).apply(change);
        self.history.record(inverse);
        self.dirty = true;
        self.after_change(selected, edited, before);
    }

    /// Follows a change in the cache: a lone debt item changed in place is
    /// moved within the cached ranking (cheap at 100k items), anything else
    /// rebuilds. `edited` and `before` (the debt count) were read before it.
    fn after_change(&mut self, selected: Option<String>, edited: Option<String>, before: usize) {
        let index = edited
            .filter(|_| self.plan.debts.len() == before)
            .and_then(|id| {
                self.plan
                    .debts
                    .binary_search_by(|d| d.id.as_str().cmp(&id))
                    .ok()
            });
        let Some(i) = index else {
            self.rebuild(selected);
            return;
        };
        // Indices stay valid (same list, same length): keep the selection by index.
        let selected_index = self.selected_debt_index();
        self.search_index = None;
        self.cache.update_debt(
            &self.plan,
            self.today,
            i,
            &self.debt.filter,
            self.debt.sort,
            self.debt.descending,
        );
        if let Some(sel) = selected_index
            && let Some(pos) = self.cache.debt_rows.iter().position(|&x| x == sel)
        {
            self.debt.cursor.selected = pos;
        }
        self.clamp_cursors();
    }

    /// `bearing check` findings for the current plan (computed on first use
    /// after a change).
    pub fn findings(&self) -> &[crate::check::Finding] {
        self.cache.findings(&self.plan, self.today)
    }

    /// Replaces the whole plan (a reload after another program wrote the
    /// file). Undo history refers to the old plan, so it is dropped.
    pub fn replace_plan(&mut self, plan: Plan) {
        let selected = self.selected_debt().map(|d| d.id.clone());
        self.plan = Arc::new(plan);
        self.seed();
        self.history = History::default();
        self.dirty = false;
        self.rebuild(selected);
    }

    /// In a read-only UI (the demo, a second window) says so and answers
    /// true: the caller changes nothing.
    pub fn refuse_read_only(&mut self) -> bool {
        if self.read_only {
            // Said whole at 80 columns: that it is read-only implies that
            // nothing changed.
            let msg = match &self.read_only_why {
                Some(why) => format!("read-only: {why}"),
                None => "read-only: nothing was changed".to_owned(),
            };
            self.error(msg);
        }
        self.read_only
    }

    /// Undoes (or redoes) one change; returns its label, `None` when there
    /// is nothing to undo (redo).
    pub fn undo_redo(&mut self, undo: bool) -> Option<String> {
        // Select the debt item the step touches, so the user sees what came
        // back; otherwise keep the current selection.
        let touched = self.history.peek(undo).and_then(|c| {
            c.ops.iter().find_map(|op| match op {
                Op::Put(Item::Debt(d)) => Some(d.id.clone()),
                Op::Remove(Kind::Debt, id) => Some(id.clone()),
                _ => None,
            })
        });
        let selected = self.selected_debt().map(|d| d.id.clone());
        let edited = self
            .history
            .peek(undo)
            .and_then(crate::tui::cache::single_debt_put)
            .map(str::to_owned);
        let before = self.plan.debts.len();
        // Nothing to step: do not make the plan unique for nothing (that
        // could copy it while something shares it).
        let step = self.history.peek(undo)?;
        if !self.read_only {
            self.persist.changed(step);
        }
        let plan = Arc::make_mut(&mut self.plan);
        let label = if undo {
            self.history.undo(plan)
        } else {
            self.history.redo(plan)
        }?;
        self.dirty = true;
        self.after_change(selected, edited, before);
        if let Some(id) = touched {
            self.select_debt(&id);
        }
        Some(label)
    }

    /// Saves through the persistence layer; a failure keeps the change in
    /// memory (the writer's copy has it too) and the App dirty: the next
    /// save (another change, or quit) writes it.
    pub fn save(&mut self) {
        if self.read_only {
            return;
        }
        match self.persist.save(&self.plan) {
            Ok(done) => {
                self.dirty = false;
                self.saved = Some(Ok(done));
            }
            Err(why) => {
                self.dirty = true;
                self.saved = Some(Err(why));
            }
        }
    }

    /// Shows a background save's outcome once it is the last word (no newer
    /// change queued); called by the loop after every event and tick.
    /// Returns whether there was one.
    pub fn poll_saved(&mut self) -> bool {
        let outcome = self.persist.poll_saved();
        self.take_save_outcome(outcome)
    }

    /// Waits for queued saves to be written and shows the outcome: on quit,
    /// and in tests that check the file after a key.
    pub fn wait_saved(&mut self) -> bool {
        let outcome = self.persist.flush();
        self.take_save_outcome(outcome)
    }

    fn take_save_outcome(&mut self, outcome: Option<Result<String, String>>) -> bool {
        match outcome {
            None => return false,
            Some(Ok(done)) => self.saved = Some(Ok(done)),
            // Kept in memory; the next change (or quit) retries.
            Some(Err(why)) => {
                self.dirty = true;
                self.saved = Some(Err(why));
            }
        }
        true
    }

    /// Tells the persist the whole plan (at start and after a reload). The
    /// file writer copies it on its thread and lets go: an edit in those
    /// ~30 ms (100k items) copies the App's plan once, which is accepted.
    /// A read-only UI never saves, so its persist keeps no copy.
    pub(crate) fn seed(&mut self) {
        if !self.read_only {
            self.persist.seed(&self.plan);
        }
    }

    /// Tells the persist a change about to be applied, so its copy of the
    /// plan follows the App's.
    fn forward(&mut self, change: &Change) {
        if !self.read_only {
            self.persist.changed(change);
        }
    }
}
