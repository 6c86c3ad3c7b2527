//! Changes from outside while a session is open: `bearing checkin` from a
//! pipeline, `git pull`, a second editor. [`Session::watch`] (a front end's
//! idle tick) merges the file's new version into the session (see
//! `outside.rs`); a save that found the file changed does the same. Where
//! the merge cannot run (theirs cannot be read), [`Session::reload`] takes
//! theirs and [`Session::keep_mine`] saves ours over it (theirs goes to the
//! backups first). Each returns what happened as data; the front end words
//! it.

use super::{Merge, SaveError, Session};
use crate::merge::{Conflict, Side};
use crate::model::{Plan, PlanDiff, diff};

/// What [`Session::watch`] found.
#[derive(Debug, Clone, PartialEq)]
pub enum Outside {
    /// Another program changed the file and its version was merged into
    /// the session's: what came in.
    Merged(Merge),
    /// Another program changed the same fields: the session keeps ours and
    /// writes nothing until [`Session::settle`] has a side for each.
    Clash(Vec<Conflict>),
    /// The file changed but cannot be read: the session keeps its version.
    /// Said once per version of the file.
    Unreadable(String),
    /// A read-only session may edit now (the other UI quit, the file was
    /// made writable): it read the file again (`Err`: it cannot be read,
    /// and the session is writable all the same).
    Writable(Result<(), String>),
}

impl Outside {
    /// Whether the session's plan was replaced.
    pub fn replaced(&self) -> bool {
        matches!(self, Outside::Merged(_) | Outside::Writable(Ok(())))
    }
}

/// What [`Session::keep_mine`] did.
#[derive(Debug, Clone, PartialEq)]
pub enum KeepMine {
    /// Their change clashed with ours: every conflict was settled to ours
    /// and the merge (their other changes in) is being saved.
    Merged(Box<Merge>),
    /// Saving the plan over theirs: the save's status ("saving…").
    Saved(String),
    /// Nothing was unsaved: nothing written.
    NothingUnsaved,
    /// A read-only session writes nothing.
    ReadOnly,
}

impl Session {
    /// Asked on a front end's idle tick (and after a save's outcome): what
    /// a refused save found, else merges the file's new version when
    /// another program changed it. Waits while a clash is not settled. A
    /// read-only session also asks whether it may edit now. Cheap when
    /// nothing changed.
    pub fn watch(&mut self) -> Option<Outside> {
        if let Some(news) = self.news.take() {
            return Some(news);
        }
        if self.clash.is_some() {
            return None;
        }
        if self.read_only && self.persist.try_writable() {
            return Some(Outside::Writable(self.become_writable()));
        }
        match self.persist.check_external()? {
            Ok(theirs) => Some(self.merge_in(theirs)),
            Err(why) => Some(Outside::Unreadable(why)),
        }
    }

    /// The file as it is now, and every change saved again.
    fn become_writable(&mut self) -> Result<(), String> {
        self.read_only = false;
        match self.persist.reload_from_disk() {
            Ok(plan) => {
                self.replace(plan);
                Ok(())
            }
            Err(why) => {
                // Writable all the same: a save still refuses to overwrite
                // a version it did not read.
                self.seed();
                Err(why)
            }
        }
    }

    /// Reads the file again, adopting its version (and dropping a change
    /// not saved): what changed, or why it could not be read.
    pub fn reload(&mut self) -> Result<PlanDiff, String> {
        let plan = self.persist.reload_from_disk()?;
        Ok(self.adopt(plan))
    }

    fn adopt(&mut self, plan: Plan) -> PlanDiff {
        let diff = diff(&self.plan, &plan);
        self.replace(plan);
        diff
    }

    /// Keeps ours where it clashes with theirs: with a clash waiting,
    /// every conflict is settled to ours and the merge is saved (their
    /// changes that did not clash stay). Without one (their version cannot
    /// be read) saves this plan over whatever is on disk; the persist backs
    /// their version up first (`bearing backups` lists it).
    pub fn keep_mine(&mut self) -> Result<KeepMine, SaveError> {
        if self.read_only {
            return Ok(KeepMine::ReadOnly);
        }
        if let Some(clash) = self.clash.take() {
            let sides = vec![Side::Ours; clash.conflicts.len()];
            return match self.settle_clash(clash, &sides) {
                Ok(merge) => Ok(KeepMine::Merged(Box::new(merge))),
                Err(why) => Err(SaveError::from(format!("cannot keep mine: {why}"))),
            };
        }
        if !self.dirty {
            return Ok(KeepMine::NothingUnsaved);
        }
        match self.persist.keep_mine(&self.plan) {
            Ok(done) => {
                self.dirty = false;
                // Ours is the file's version once this save lands.
                self.clash = None;
                self.base = Plan::clone(&self.plan);
                self.unsynced.clear();
                Ok(KeepMine::Saved(done))
            }
            Err(why) => {
                self.dirty = true;
                Err(why)
            }
        }
    }
}
