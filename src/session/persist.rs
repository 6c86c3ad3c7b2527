//! How a plan is persisted: the [`Persist`] trait a session saves through,
//! and [`NoPersist`], which keeps the plan in memory (the demo, tests).

use std::path::PathBuf;
use std::sync::Arc;

use super::file_persist;
use crate::model::{Change, Plan};

/// Why a save did not reach the file, as data: the front end words it (the
/// TUI adds which key does what next), the session only says what happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaveError {
    pub kind: SaveErrorKind,
    /// What happened, without the path (the front end shows the file):
    /// "changed on disk", "read-only file", "No space left on device (os
    /// error 28)". Sanitized for a terminal.
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveErrorKind {
    /// Another program changed the file since it was read: reload theirs or
    /// keep ours (theirs is backed up first).
    ChangedOnDisk,
    /// The file cannot be written (its mode): the change is kept in memory
    /// until it can.
    ReadOnlyFile,
    /// The file's folder cannot be written (no new file can replace it).
    ReadOnlyDir,
    /// Another program changed the file and its changes clash with ours:
    /// nothing is written until every conflict is picked.
    Clash,
    /// Anything else (a full disk, a missing folder).
    Failed,
}

impl SaveError {
    pub fn new(kind: SaveErrorKind, message: impl Into<String>) -> SaveError {
        SaveError {
            kind,
            message: message.into(),
        }
    }
}

impl std::fmt::Display for SaveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for SaveError {}

impl From<String> for SaveError {
    fn from(message: String) -> SaveError {
        SaveError::new(SaveErrorKind::Failed, message)
    }
}

impl From<&str> for SaveError {
    fn from(message: &str) -> SaveError {
        SaveError::new(SaveErrorKind::Failed, message)
    }
}

/// Where changes go. The file-backed implementation lives with the store; the
/// session tells it every change it applies and asks it to save after each.
/// A background writer keeps its own copy of the plan and applies the
/// changes to it, so the session's plan is never shared for a save and an edit
/// never has to copy it.
pub trait Persist {
    /// The whole plan, when the session starts with it or replaces it (a
    /// reload): the writer's copy starts over from it. Whoever keeps a
    /// copy makes it on its own thread and lets go of `plan` at once.
    fn seed(&mut self, plan: &Arc<Plan>) {
        let _ = plan;
    }
    /// A change about to be applied to the plan (called before
    /// `plan.apply(change)`, in the order they are applied).
    fn changed(&mut self, change: &Change) {
        let _ = change;
    }
    /// Saves the plan as the changes so far left it: `Ok("saved 14:02:11")`
    /// (or "saving…") or `Err` with the path and the reason. `plan` is for
    /// a persist that writes it at once.
    fn save(&mut self, plan: &Arc<Plan>) -> Result<String, SaveError>;
    /// The file path, or "demo (read-only)".
    fn describe(&self) -> String;
    /// Asked on the loop's idle tick: the plan as another program left the
    /// file, if it changed since we last read or wrote it (`Err`: it
    /// changed but cannot be read). Cheap when nothing changed.
    fn check_external(&mut self) -> Option<Result<Plan, String>> {
        None
    }
    /// Reads the file again, adopting its version (`R` after a conflict).
    fn reload_from_disk(&mut self) -> Result<Plan, String> {
        Err("there is no file to reload".to_owned())
    }
    /// The command that lists the backups a save keeps (`bearing backups`,
    /// with `--file` when the UI was opened that way); `None`: none kept.
    fn backups_command(&self) -> Option<String> {
        None
    }
    /// Asked on the idle tick of a read-only UI: whether it may edit now
    /// (the other UI quit, the file was made writable). `true` means the
    /// persist now holds what lets it write; the session then reloads and seeds.
    fn try_writable(&mut self) -> bool {
        false
    }
    /// Saves `plan` whole over an outside change, keeping the other version
    /// as a backup first (`K` after a conflict).
    fn keep_mine(&mut self, plan: &Arc<Plan>) -> Result<String, SaveError> {
        self.save(plan)
    }
    /// Whether `save` only asks a background writer (its "saving…" is not
    /// yet on disk; the outcome comes by [`Persist::poll_saved`]).
    fn background(&self) -> bool {
        false
    }
    /// A background writer's mark for the last update it was sent (by
    /// `seed` or `changed`, counted from 1); `None` for a persist that
    /// saves at once (its `Ok` covers every change).
    fn mark(&self) -> Option<u64> {
        None
    }
    /// The mark of the last update the file is known to hold (see
    /// [`Persist::mark`]): what the session's base may take as on disk,
    /// whenever the write that put it there finished and whoever took its
    /// outcome. `None` with `mark`.
    fn written(&self) -> Option<u64> {
        None
    }
    /// A background save's outcome, once no newer save is waiting behind
    /// it (`save` then answered "saving…"). Synchronous persists have none.
    fn poll_saved(&mut self) -> Option<Result<String, SaveError>> {
        None
    }
    /// Waits until every save asked for is written; the last outcome not
    /// yet taken by [`Persist::poll_saved`].
    fn flush(&mut self) -> Option<Result<String, SaveError>> {
        None
    }
    /// For the signal watchdog: saves a change not on disk to a recovery
    /// copy from another thread, when the UI's thread cannot (see
    /// [`file_persist::FilePersist::rescuer`]).
    fn rescuer(&self) -> Option<file_persist::Rescuer> {
        None
    }
    /// Writes `plan` to a recovery copy of its own (never over the plan or
    /// an earlier copy) when it cannot be saved: quitting over a refused
    /// save, or a signal that ends the UI. Returns where it went.
    fn recover(&mut self, plan: &Plan) -> Result<PathBuf, String> {
        let _ = plan;
        Err(format!("{} has no file to recover to", self.describe()))
    }
}

/// Keeps the plan in memory only: for the demo and for tests.
#[derive(Debug, Clone)]
pub struct NoPersist {
    pub label: String,
}

impl NoPersist {
    pub fn demo() -> NoPersist {
        NoPersist {
            label: "demo (read-only)".to_owned(),
        }
    }

    /// The demo, saying which day it is shown as of.
    pub fn demo_as_of(today: chrono::NaiveDate) -> NoPersist {
        NoPersist {
            label: format!("demo · as of {today} (read-only)"),
        }
    }

    pub fn memory() -> NoPersist {
        NoPersist {
            label: "no file".to_owned(),
        }
    }
}

impl Persist for NoPersist {
    fn save(&mut self, _plan: &Arc<Plan>) -> Result<String, SaveError> {
        Ok("kept in memory".to_owned())
    }

    fn describe(&self) -> String {
        self.label.clone()
    }
}
