//! Unit tests, compiled only under `#[cfg(test)] mod tests;` in the parent:
//! unwrap() here is on fixtures the test builds, never on user input.

use std::cell::RefCell;
use std::rc::Rc;

use super::*;
use crate::model::{Debt, Item, Kind};

pub(super) fn day() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()
}

pub(super) fn add(id: &str) -> Change {
    Change::new(format!("add {id}")).put(Item::Debt(Debt::new(id.into(), id.into(), day())))
}

/// What a fake persist was told and what it answers next.
#[derive(Default)]
pub(super) struct Log {
    pub(super) seeds: usize,
    pub(super) changes: Vec<String>,
    pub(super) saves: usize,
    pub(super) refuse: Option<SaveError>,
    pub(super) outside: Option<Result<Plan, String>>,
    pub(super) on_disk: Option<Plan>,
    pub(super) writable: bool,
    /// The plan as the last save that went through wrote it.
    pub(super) written: Option<Plan>,
}

pub(super) struct Fake(Rc<RefCell<Log>>);

impl Persist for Fake {
    fn seed(&mut self, _plan: &Arc<Plan>) {
        self.0.borrow_mut().seeds += 1;
    }
    fn changed(&mut self, change: &Change) {
        self.0.borrow_mut().changes.push(change.label.clone());
    }
    fn save(&mut self, plan: &Arc<Plan>) -> Result<String, SaveError> {
        let mut log = self.0.borrow_mut();
        log.saves += 1;
        match log.refuse.take() {
            Some(why) => Err(why),
            None => {
                log.written = Some(Plan::clone(plan));
                Ok("saved".to_owned())
            }
        }
    }
    fn describe(&self) -> String {
        "/plans/q4/bearing.ron".to_owned()
    }
    fn check_external(&mut self) -> Option<Result<Plan, String>> {
        self.0.borrow_mut().outside.take()
    }
    fn reload_from_disk(&mut self) -> Result<Plan, String> {
        self.0
            .borrow_mut()
            .on_disk
            .clone()
            .ok_or_else(|| "gone".to_owned())
    }
    fn try_writable(&mut self) -> bool {
        self.0.borrow().writable
    }
    fn recover(&mut self, _plan: &Plan) -> Result<std::path::PathBuf, String> {
        Ok(std::path::PathBuf::from(format!(
            "/plans/q4/copy-{}",
            self.0.borrow().saves
        )))
    }
}

pub(super) fn session(plan: Plan, read_only: bool) -> (Session, Rc<RefCell<Log>>) {
    let log = Rc::new(RefCell::new(Log::default()));
    let s = Session::new(plan, Box::new(Fake(Rc::clone(&log))), read_only);
    (s, log)
}

#[test]
fn every_change_goes_to_the_persist_before_it_is_applied_and_undo_follows() {
    let (mut s, log) = session(Plan::default(), false);
    assert_eq!(log.borrow().seeds, 1, "the writer starts from the plan");
    s.apply(add("D-1"));
    s.apply(add("D-2"));
    assert!(s.dirty());
    assert_eq!(s.save(), Some(Ok("saved".to_owned())));
    assert!(!s.dirty());
    assert_eq!(s.peek(true).map(|c| c.label.as_str()), Some("add D-2"));
    assert_eq!(s.undo().as_deref(), Some("add D-2"));
    assert!(s.dirty(), "an undo is a change to save");
    assert_eq!(s.plan().debts.len(), 1);
    assert_eq!(s.redo().as_deref(), Some("add D-2"));
    assert_eq!(s.redo(), None);
    assert_eq!(s.plan().debts.len(), 2);
    // The persist saw the two changes, the undo's inverse and the redo.
    assert_eq!(log.borrow().changes.len(), 4);
    assert_eq!(s.history().len(), 2);
}

#[test]
fn a_read_only_session_tells_the_persist_nothing_and_saves_nothing() {
    let (mut s, log) = session(Plan::default(), true);
    s.apply(add("D-1"));
    assert_eq!(s.save(), None);
    assert_eq!(s.undo().as_deref(), Some("add D-1"));
    let log = log.borrow();
    assert_eq!((log.seeds, log.changes.len(), log.saves), (0, 0, 0));
    assert!(!s.unsaved(), "read-only: nothing to lose");
    assert_eq!(s.keep_mine(), Ok(KeepMine::ReadOnly));
}

#[test]
fn a_refused_save_is_data_the_front_end_words() {
    let (mut s, log) = session(Plan::default(), false);
    s.apply(add("D-1"));
    let refused = SaveError::new(
        SaveErrorKind::ChangedOnDisk,
        "/plans/q4/bearing.ron: changed on disk by another program; not overwritten",
    );
    log.borrow_mut().refuse = Some(refused.clone());
    assert_eq!(s.save(), Some(Err(refused)));
    assert!(s.dirty() && s.unsaved());
    // Keep mine saves over theirs and the change is on disk.
    assert_eq!(s.keep_mine(), Ok(KeepMine::Saved("saved".to_owned())));
    assert!(!s.dirty());
    assert_eq!(s.keep_mine(), Ok(KeepMine::NothingUnsaved));
}

#[test]
fn the_watch_merges_an_outside_change_into_an_unsaved_one() {
    let (mut s, log) = session(Plan::default(), false);
    assert_eq!(s.watch(), None, "nothing changed");
    let mut theirs = Plan::default();
    theirs.apply(add("D-9"));
    log.borrow_mut().outside = Some(Ok(theirs.clone()));
    s.apply(add("D-1"));
    log.borrow_mut().refuse = Some("disk full".into());
    s.save();
    assert!(s.dirty());
    let Some(Outside::Merged(m)) = s.watch() else {
        panic!("merged")
    };
    assert_eq!(m.diff.added, ["D-9"]);
    assert!(m.diff.removed.is_empty(), "ours stays: {:?}", m.diff);
    assert!(m.kept_mine);
    assert!(s.plan().debt("D-1").is_some() && s.plan().debt("D-9").is_some());
    assert!(!s.dirty(), "the merge was saved");
    assert_eq!(s.undo().as_deref(), Some("add D-1"), "undo kept our step");
    assert_eq!(**s.plan(), theirs);
    assert_eq!(
        log.borrow().seeds,
        2,
        "the writer starts over from the merge"
    );

    log.borrow_mut().outside = Some(Err("line 3: expected `)`".into()));
    assert_eq!(
        s.watch(),
        Some(Outside::Unreadable("line 3: expected `)`".into()))
    );
    assert_eq!(**s.plan(), theirs, "ours stays");
}

#[test]
fn a_read_only_session_becomes_writable_with_the_file_as_it_is_now() {
    let (mut s, log) = session(Plan::default(), true);
    assert_eq!(s.watch(), None);
    let mut now = Plan::default();
    now.apply(add("D-5"));
    {
        let mut log = log.borrow_mut();
        log.writable = true;
        log.on_disk = Some(now.clone());
    }
    let outside = s.watch();
    assert_eq!(outside, Some(Outside::Writable(Ok(()))));
    assert!(outside.is_some_and(|o| o.replaced()));
    assert!(!s.read_only());
    assert_eq!(**s.plan(), now);
    assert_eq!(log.borrow().seeds, 1, "seeded once it may write");
    s.apply(Change::new("rm").remove(Kind::Debt, "D-5".to_owned()));
    assert_eq!(s.save(), Some(Ok("saved".to_owned())));
}

#[test]
fn reload_takes_theirs_and_says_what_changed() {
    let (mut s, log) = session(Plan::default(), false);
    s.apply(add("D-1"));
    assert_eq!(s.reload(), Err("gone".to_owned()));
    assert!(s.dirty(), "a failed reload drops nothing");
    log.borrow_mut().on_disk = Some(Plan::default());
    let diff = s.reload().unwrap();
    assert_eq!(diff.removed, ["D-1"]);
    assert!(!s.dirty());
    assert_eq!(s.file_name(), "bearing.ron");
}

#[test]
fn a_recovery_copy_is_written_once() {
    let (mut s, log) = session(Plan::default(), false);
    s.apply(add("D-1"));
    assert!(s.unsaved());
    let first = s.recover().unwrap();
    log.borrow_mut().saves += 1;
    assert_eq!(s.recover().unwrap(), first, "the same copy, not another");
    assert_eq!(s.recovered(), Some(&first));
    assert!(s.dirty() && !s.unsaved(), "not on disk, but not lost");
}

/// The session is for every front end: no terminal, no UI module in it.
#[test]
fn the_session_knows_no_terminal() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/session");
    let mut files = vec![dir];
    let mut seen = 0;
    while let Some(path) = files.pop() {
        if path.is_dir() {
            files.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        seen += 1;
        // Spelled in two halves so this file does not name them itself.
        let banned = [
            concat!("crate::", "tui"),
            concat!("crate::", "cli"),
            concat!("rata", "tui"),
            concat!("cross", "term"),
        ];
        for banned in banned {
            let hit = text
                .lines()
                .filter(|l| !l.trim_start().starts_with("//"))
                .any(|l| l.contains(banned));
            assert!(!hit, "{} uses {banned}", path.display());
        }
    }
    assert!(seen >= 5, "read {seen} files");
}
