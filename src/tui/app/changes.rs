//! How the App changes its plan: through its session's one door (apply,
//! undo, redo, save, reload), following each step in the derived rows and
//! wording what the session returns for the status bar.

use std::sync::Arc;

use super::App;
use crate::model::{Change, Item, Kind, Op, Plan, PlanDiff};
use crate::session::{Outside, SaveError, SaveErrorKind};

impl App {
    /// The plan as the changes so far left it (the session's).
    pub fn plan(&self) -> &Arc<Plan> {
        self.session.plan()
    }

    /// A read-only UI (the demo, a second window) changes nothing.
    pub fn read_only(&self) -> bool {
        self.session.read_only()
    }

    /// A change is not on disk.
    pub fn dirty(&self) -> bool {
        self.session.dirty()
    }

    /// Applies a change to the plan through the session (which records its
    /// inverse for undo and tells the save writer) and follows it in the
    /// derived rows. The caller returns `Effect::Save`.
    pub fn apply(&mut self, change: Change) {
        let selected = self.selected_debt().map(|d| d.id.clone());
        let edited = crate::tui::cache::single_debt_put(&change).map(str::to_owned);
        let before = self.plan().debts.len();
        self.session.apply(change);
        self.after_change(selected, edited, before);
    }

    /// Follows a change in the cache: a lone debt item changed in place is
    /// moved within the cached ranking (cheap at 100k items), anything else
    /// rebuilds. `edited` and `before` (the debt count) were read before it.
    fn after_change(&mut self, selected: Option<String>, edited: Option<String>, before: usize) {
        let plan = self.session.plan();
        let index = edited
            .filter(|_| plan.debts.len() == before)
            .and_then(|id| plan.debts.binary_search_by(|d| d.id.as_str().cmp(&id)).ok());
        let Some(i) = index else {
            self.rebuild(selected);
            return;
        };
        // Indices stay valid (same list, same length): keep the selection by index.
        let selected_index = self.selected_debt_index();
        self.search_index = None;
        self.cache.update_debt(
            self.session.plan(),
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
    /// `bearing check`'s findings: the plan's, and what was read around
    /// its file (`check_ops`).
    pub fn findings(&self) -> &[crate::check::Finding] {
        self.cache
            .findings(self.session.plan(), self.today, &self.check_context)
    }

    /// Takes what a `check_ops` worker read; true when it differs (the
    /// findings are then computed again).
    pub fn set_check_context(&mut self, context: crate::check::Context) -> bool {
        if context == self.check_context {
            return false;
        }
        self.check_context = context;
        self.cache.forget_findings();
        true
    }

    /// The idle tick's look at the file (see `Session::watch`), following
    /// a plan the session replaced.
    pub fn watch(&mut self) -> Option<Outside> {
        let selected = self.selected_debt().map(|d| d.id.clone());
        let outside = self.session.watch()?;
        if outside.replaced() {
            self.rebuild(selected);
        }
        Some(outside)
    }

    /// Settles the session's clash with a side per conflict, following the
    /// settled plan in the derived rows (see `Session::settle`).
    pub fn settle(
        &mut self,
        sides: &[crate::merge::Side],
    ) -> Option<Result<crate::session::Merge, crate::merge::SettleError>> {
        let selected = self.selected_debt().map(|d| d.id.clone());
        let settled = self.session.settle(sides);
        if matches!(settled, Some(Ok(_))) {
            self.rebuild(selected);
        }
        settled
    }

    /// Reads the file again (`R`), adopting its version: what changed.
    pub fn reload(&mut self) -> Result<PlanDiff, String> {
        let selected = self.selected_debt().map(|d| d.id.clone());
        let reloaded = self.session.reload();
        if reloaded.is_ok() {
            self.rebuild(selected);
        }
        reloaded
    }

    /// In a read-only UI (the demo, a second window) says so and answers
    /// true: the caller changes nothing.
    pub fn refuse_read_only(&mut self) -> bool {
        let read_only = self.read_only();
        if read_only {
            // Said whole at 80 columns: that it is read-only implies that
            // nothing changed.
            let msg = match &self.read_only_why {
                Some(why) => format!("read-only: {why}"),
                None => "read-only: nothing was changed".to_owned(),
            };
            self.error(msg);
        }
        read_only
    }

    /// Undoes (or redoes) one change; returns its label, `None` when there
    /// is nothing to undo (redo).
    pub fn undo_redo(&mut self, undo: bool) -> Option<String> {
        // Select the debt item the step touches, so the user sees what came
        // back; otherwise keep the current selection.
        let step = self.session.peek(undo)?;
        let touched = step.ops.iter().find_map(|op| match op {
            Op::Put(Item::Debt(d)) => Some(d.id.clone()),
            Op::Remove(Kind::Debt, id) => Some(id.clone()),
            _ => None,
        });
        let edited = crate::tui::cache::single_debt_put(step).map(str::to_owned);
        let selected = self.selected_debt().map(|d| d.id.clone());
        let before = self.plan().debts.len();
        let label = if undo {
            self.session.undo()
        } else {
            self.session.redo()
        }?;
        self.after_change(selected, edited, before);
        if let Some(id) = touched {
            self.select_debt(&id);
        }
        Some(label)
    }

    /// Saves through the session; a failure keeps the change in memory
    /// (the writer's copy has it too) and the session dirty: the next save
    /// (another change, or quit) writes it. A read-only UI saves nothing.
    pub fn save(&mut self) {
        if let Some(outcome) = self.session.save() {
            self.saved = Some(outcome);
        }
        self.follow_merge();
    }

    /// A save that ran into an outside change may have merged theirs into
    /// the plan: the derived rows follow at once (the idle tick then says
    /// what came in).
    fn follow_merge(&mut self) {
        if self.session.has_news() {
            let selected = self.selected_debt().map(|d| d.id.clone());
            self.rebuild(selected);
        }
    }

    /// Shows a background save's outcome once it is the last word (no newer
    /// change queued); called by the loop after every event and tick.
    /// Returns whether there was one.
    pub fn poll_saved(&mut self) -> bool {
        let outcome = self.session.poll_saved();
        self.take_save_outcome(outcome)
    }

    /// Waits for queued saves to be written and shows the outcome: on quit,
    /// and in tests that check the file after a key.
    pub fn wait_saved(&mut self) -> bool {
        let outcome = self.session.wait_saved();
        self.take_save_outcome(outcome)
    }

    fn take_save_outcome(&mut self, outcome: Option<Result<String, SaveError>>) -> bool {
        self.follow_merge();
        let Some(outcome) = outcome else {
            return false;
        };
        self.saved = Some(outcome);
        true
    }
}

/// A refused save as the status bar says it: what happened, and the keys
/// that decide what next.
pub fn save_error_text(e: &SaveError) -> String {
    // `quit` reads the cause before the " — ".
    match e.kind {
        SaveErrorKind::ChangedOnDisk => format!("{} — R reloads theirs, K keeps yours", e.message),
        SaveErrorKind::ReadOnlyFile => {
            format!("{} — chmod u+w; K saves it", e.message)
        }
        SaveErrorKind::ReadOnlyDir => format!("{} — K saves it once it is writable", e.message),
        SaveErrorKind::Clash => format!("{} — the next change asks again; q offers K", e.message),
        SaveErrorKind::Failed => e.message.clone(),
    }
}

#[cfg(test)]
mod tests;
