//! Changes from outside while the UI is open: `bearing checkin` from a
//! pipeline, `git pull`, a second editor. The loop's idle tick asks the
//! [`Persist`](super::Persist) whether the file changed; when the UI has
//! nothing unsaved it adopts the new plan and says what changed. When a save
//! found the file changed, `R` takes theirs (dropping ours, after a y/n) and
//! `K` keeps ours (their version goes to the backups first).

use std::path::Path;

use super::action::Effect;
use super::app::{App, Mode};
use super::forms::FormState;
use crate::model::Plan;
use crate::text::sanitize;

/// A y/n question that is not a plan change.
#[derive(Debug, Clone, PartialEq)]
pub enum Question {
    /// Esc on a changed form: the form comes back on "no".
    Discard(FormState),
    /// `R` while a change is unsaved.
    Reload,
}

impl Question {
    pub fn prompt(&self, app: &App) -> String {
        match self {
            Question::Discard(state) => {
                format!("Discard your changes to “{}”?", sanitize(&state.form.title))
            }
            Question::Reload => format!(
                "Reload {} from disk? Your unsaved change is dropped.",
                file_name(app)
            ),
        }
    }
}

/// The file's name for messages ("bearing.ron"), or the persist's label.
fn file_name(app: &App) -> String {
    let full = app.persist.describe();
    Path::new(&full)
        .file_name()
        .map_or(full.clone(), |n| n.to_string_lossy().into_owned())
}

pub fn answer(app: &mut App, yes: bool) -> Effect {
    let Mode::Ask(question) = std::mem::take(&mut app.mode) else {
        return Effect::None;
    };
    match (*question, yes) {
        (Question::Discard(_), true) => app.info("discarded"),
        (Question::Discard(state), false) => app.mode = Mode::Form(Box::new(state)),
        (Question::Reload, true) => reload_now(app),
        (Question::Reload, false) => {
            app.info("kept your version in memory (not saved: K saves it)")
        }
    }
    Effect::None
}

/// The idle tick: adopts the file's new content when it changed on disk and
/// nothing here is unsaved or half-asked. Returns whether the plan was
/// replaced.
pub fn tick(app: &mut App) -> bool {
    // Unsaved: the save already said "changed on disk" and R/K decide.
    // A pending y/n refers to the plan as it is now.
    if app.dirty || matches!(app.mode, Mode::Confirm(_) | Mode::Ask(_)) {
        return false;
    }
    if app.read_only && app.persist.try_writable() {
        become_writable(app);
        return true;
    }
    match app.persist.check_external() {
        None => false,
        Some(Ok(plan)) => {
            adopt(app, plan);
            true
        }
        Some(Err(why)) => {
            app.error(format!(
                "{} changed on disk but cannot be read: {} — your version stays open",
                file_name(app),
                sanitize(&why)
            ));
            false
        }
    }
}

fn adopt(app: &mut App, plan: Plan) {
    let diff = diff(&app.plan, &plan);
    app.replace_plan(plan);
    // The last save's outcome was about the old file.
    app.saved = None;
    app.info(diff.summary(&file_name(app)));
}

/// A read-only UI that may edit now (the other bearing quit, the file was
/// made writable): the file as it is now, and every change saved again.
fn become_writable(app: &mut App) {
    app.read_only = false;
    app.read_only_why = None;
    let name = file_name(app);
    match app.persist.reload_from_disk() {
        Ok(plan) => {
            app.replace_plan(plan);
            app.saved = None;
            app.info(format!(
                "{name} is yours to edit now: changes are saved again"
            ));
        }
        Err(why) => {
            // Writable all the same: a save still refuses to overwrite a
            // version it did not read.
            app.seed();
            app.error(format!(
                "{name} can be edited now but cannot be read: {}",
                sanitize(&why)
            ));
        }
    }
}

/// `R`: read the file again; asks first when that drops a change.
pub fn reload_file(app: &mut App) -> Effect {
    if app.dirty && !app.read_only {
        app.mode = Mode::Ask(Box::new(Question::Reload));
    } else {
        reload_now(app);
    }
    Effect::None
}

fn reload_now(app: &mut App) {
    match app.persist.reload_from_disk() {
        Ok(plan) => adopt(app, plan),
        Err(why) => app.error(format!("reload failed: {}", sanitize(&why))),
    }
}

/// `K`: save over whatever is on disk; the persist backs their version up.
pub fn keep_mine(app: &mut App) -> Effect {
    if app.read_only {
        app.error("read-only: nothing was changed");
        return Effect::None;
    }
    if !app.dirty {
        app.info("nothing to keep: every change is saved");
        return Effect::None;
    }
    match app.persist.keep_mine(&app.plan) {
        Ok(done) => {
            app.dirty = false;
            app.saved = Some(Ok(done));
            app.info(format!(
                "kept your version of {}; theirs is in the backups (bearing backups)",
                file_name(app)
            ));
        }
        Err(why) => {
            app.dirty = true;
            app.saved = Some(Err(why));
        }
    }
    Effect::None
}

/// Ids added, changed and removed between two versions of a plan, and
/// whether the settings (North Star, weights, …) changed.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct PlanDiff {
    pub added: Vec<String>,
    pub changed: Vec<String>,
    pub removed: Vec<String>,
    pub settings: bool,
}

/// Walks two id-sorted lists side by side: linear, no allocation per item.
fn diff_list<T: PartialEq>(old: &[T], new: &[T], id: fn(&T) -> &str, out: &mut PlanDiff) {
    let (mut i, mut j) = (0, 0);
    while i < old.len() || j < new.len() {
        match (old.get(i), new.get(j)) {
            (Some(a), Some(b)) if id(a) == id(b) => {
                if a != b {
                    out.changed.push(id(a).to_owned());
                }
                i += 1;
                j += 1;
            }
            (Some(a), Some(b)) if id(a) < id(b) => {
                out.removed.push(id(a).to_owned());
                i += 1;
            }
            (Some(_), Some(b)) | (None, Some(b)) => {
                out.added.push(id(b).to_owned());
                j += 1;
            }
            (Some(a), None) => {
                out.removed.push(id(a).to_owned());
                i += 1;
            }
            (None, None) => break,
        }
    }
}

pub fn diff(old: &Plan, new: &Plan) -> PlanDiff {
    let mut d = PlanDiff::default();
    diff_list(&old.objectives, &new.objectives, |x| &x.id, &mut d);
    diff_list(&old.key_results, &new.key_results, |x| &x.id, &mut d);
    diff_list(&old.hypotheses, &new.hypotheses, |x| &x.id, &mut d);
    diff_list(&old.debts, &new.debts, |x| &x.id, &mut d);
    diff_list(&old.sprints, &new.sprints, |x| &x.id, &mut d);
    d.settings = old.meta() != new.meta();
    d
}

/// How many ids the summary names before "…".
const NAMED: usize = 3;

impl PlanDiff {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.changed.is_empty()
            && self.removed.is_empty()
            && !self.settings
    }

    /// "reloaded bearing.ron: 2 added, 1 changed, 0 removed (D-…, KR-…)".
    pub fn summary(&self, file: &str) -> String {
        if self.is_empty() {
            return format!("reloaded {file}: nothing changed");
        }
        let mut s = format!(
            "reloaded {file}: {} added, {} changed, {} removed",
            self.added.len(),
            self.changed.len(),
            self.removed.len()
        );
        if self.settings {
            s.push_str(", settings changed");
        }
        let ids: Vec<&str> = self
            .added
            .iter()
            .chain(&self.changed)
            .chain(&self.removed)
            .map(String::as_str)
            .collect();
        if !ids.is_empty() {
            let mut named = ids[..ids.len().min(NAMED)].join(", ");
            if ids.len() > NAMED {
                named.push_str(", …");
            }
            s.push_str(&format!(" ({named})"));
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Debt, Sprint};
    use chrono::NaiveDate;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()
    }

    fn debt(id: &str, title: &str) -> Debt {
        Debt::new(id.into(), title.into(), day())
    }

    #[test]
    fn diff_names_added_changed_and_removed_ids() {
        let old = Plan {
            debts: vec![
                debt("D-00001", "a"),
                debt("D-00002", "b"),
                debt("D-00004", "d"),
            ],
            ..Plan::default()
        };
        let mut new = old.clone();
        new.debts.remove(0);
        new.debts[0].title = "b2".into();
        new.debts.insert(1, debt("D-00003", "c"));
        new.debts.push(debt("D-00005", "e"));
        new.sprints
            .push(Sprint::new("S-00001".into(), "s".into(), day(), day(), 5));
        let d = diff(&old, &new);
        assert_eq!(d.added, ["D-00003", "D-00005", "S-00001"]);
        assert_eq!(d.changed, ["D-00002"]);
        assert_eq!(d.removed, ["D-00001"]);
        assert!(!d.settings);
        assert_eq!(
            d.summary("bearing.ron"),
            "reloaded bearing.ron: 3 added, 1 changed, 1 removed (D-00003, D-00005, S-00001, …)"
        );

        new.north_star = "elsewhere".into();
        let d = diff(&new, &new.clone());
        assert!(d.is_empty());
        assert_eq!(d.summary("x.ron"), "reloaded x.ron: nothing changed");
        let d = diff(
            &old,
            &Plan {
                north_star: "n".into(),
                ..old.clone()
            },
        );
        assert_eq!(
            d.summary("x.ron"),
            "reloaded x.ron: 0 added, 0 changed, 0 removed, settings changed"
        );
    }
}
