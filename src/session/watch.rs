//! Changes from outside while a session is open: `bearing checkin` from a
//! pipeline, `git pull`, a second editor. [`Session::watch`] (a front end's
//! idle tick) adopts the file's new version when nothing here is unsaved;
//! when a save found the file changed, [`Session::reload`] takes theirs and
//! [`Session::keep_mine`] saves ours over it (theirs goes to the backups
//! first). Each returns what happened as data; the front end words it.

use super::{SaveError, Session};
use crate::model::{Plan, PlanDiff, diff};

/// What [`Session::watch`] found.
#[derive(Debug, Clone, PartialEq)]
pub enum Outside {
    /// Another program changed the file and the session took its version
    /// (nothing here was unsaved): what changed.
    Adopted(PlanDiff),
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
        matches!(self, Outside::Adopted(_) | Outside::Writable(Ok(())))
    }
}

/// What [`Session::keep_mine`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeepMine {
    /// Saving the plan over theirs: the save's status ("saving…").
    Saved(String),
    /// Nothing was unsaved: nothing written.
    NothingUnsaved,
    /// A read-only session writes nothing.
    ReadOnly,
}

impl Session {
    /// Asked on a front end's idle tick: takes the file's new version when
    /// another program changed it and nothing here is unsaved (unsaved: the
    /// save already said "changed on disk", and reload or keep-mine
    /// decides). A read-only session also asks whether it may edit now.
    /// Cheap when nothing changed.
    pub fn watch(&mut self) -> Option<Outside> {
        if self.dirty {
            return None;
        }
        if self.read_only && self.persist.try_writable() {
            return Some(Outside::Writable(self.become_writable()));
        }
        match self.persist.check_external()? {
            Ok(plan) => Some(Outside::Adopted(self.adopt(plan))),
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

    /// Saves this plan over whatever is on disk; the persist backs their
    /// version up first (`bearing backups` lists it).
    pub fn keep_mine(&mut self) -> Result<KeepMine, SaveError> {
        if self.read_only {
            return Ok(KeepMine::ReadOnly);
        }
        if !self.dirty {
            return Ok(KeepMine::NothingUnsaved);
        }
        match self.persist.keep_mine(&self.plan) {
            Ok(done) => {
                self.dirty = false;
                Ok(KeepMine::Saved(done))
            }
            Err(why) => {
                self.dirty = true;
                Err(why)
            }
        }
    }
}
