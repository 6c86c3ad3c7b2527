//! Unit tests, compiled only under `#[cfg(test)] mod tests;` in the parent:
//! unwrap() here is on fixtures the test builds, never on user input.

use std::path::Path;

use super::*;
use crate::model::{Change, Item, Op};
use crate::session::Session;

pub(super) fn setup(plan: &Plan) -> (tempfile::TempDir, PathBuf, FilePersist) {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("bearing.ron");
    let fp = store::create(&path, &store::render(plan).unwrap()).unwrap();
    let p = FilePersist::new(path.clone(), fp, None);
    (tmp, path, p)
}

/// The gate the writer's checkpoints wait on, so "the writer is busy" is
/// a fact in these tests and not a race.
impl Writer {
    /// Tests: make the writer wait at `stage` (None: let it go on).
    pub(super) fn hold_at(&self, stage: Option<Stage>) {
        self.lock().hold = stage;
        self.wake.notify_all();
    }

    /// Tests: waits until the writer waits at `stage`.
    pub(super) fn wait_at(&self, stage: Stage) {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        let mut s = self.lock();
        while s.at != Some(stage) {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            assert!(!left.is_zero(), "the writer never reached {stage:?}");
            s = self
                .wake
                .wait_timeout(s, left)
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .0;
        }
    }

    /// Tests: the writer's copy of the plan, once it has applied everything
    /// it was sent.
    pub(super) fn settled_mirror(&self) -> Option<Plan> {
        let mut s = self.lock();
        while !s.idle() {
            if !s.busy {
                self.wake.notify_all();
            }
            s = self.wait(s);
        }
        drop(s);
        self.mirror().clone()
    }
}

pub(super) fn on_disk(path: &Path) -> Plan {
    store::load(path).unwrap().plan
}

/// After a flush: the file and the writer's copy both equal `plan`.
pub(super) fn assert_in_step(path: &Path, writer: &Writer, plan: &Plan) {
    assert!(
        on_disk(path) == *plan,
        "the file differs from the session's plan"
    );
    assert!(
        writer.settled_mirror().as_ref() == Some(plan),
        "the writer's copy differs from the session's plan"
    );
}

/// Sets the North Star through `p`, as the session does: the change is sent,
/// then applied.
fn set_star(plan: &mut Arc<Plan>, p: &mut FilePersist, text: &str) {
    let mut meta = plan.meta();
    meta.north_star = text.into();
    let change = Change {
        label: "north star".into(),
        ops: vec![Op::SetMeta(Box::new(meta))],
    };
    p.changed(&change);
    Arc::make_mut(plan).apply(change);
}

/// Lets a held writer go when the test ends, also when it fails, so the
/// persist's drop (which writes what is queued) cannot wait on it forever.
/// Declare it after the session or persist: locals drop in reverse order.
pub(super) struct Release(pub(super) Arc<Writer>);

impl Drop for Release {
    fn drop(&mut self) {
        self.0.hold_at(None);
    }
}

#[test]
fn saves_and_refuses_to_overwrite_an_outside_change() {
    let mut plan = Arc::new(Plan::default());
    let (_tmp, path, mut p) = setup(&plan);
    p.seed(&plan);
    set_star(&mut plan, &mut p, "mine");
    assert_eq!(p.save(&plan).unwrap(), "saving…");
    assert!(p.flush().unwrap().unwrap().starts_with("saved "));
    assert!(!p.changed_on_disk());
    assert_eq!(p.check_external().map(|r| r.is_ok()), None, "our own write");

    let mut theirs = (*plan).clone();
    theirs.north_star = "theirs".into();
    std::fs::write(&path, store::render(&theirs).unwrap()).unwrap();
    assert!(p.changed_on_disk());
    set_star(&mut plan, &mut p, "mine again");
    assert!(p.save(&plan).is_ok(), "queued");
    let err = p.flush().unwrap().unwrap_err();
    assert!(err.message.contains("changed on disk"), "{err}");
    assert_eq!(on_disk(&path).north_star, "theirs");

    // A reload: the session adopts theirs and seeds the writer with it.
    let mut plan = Arc::new(p.reload().unwrap());
    assert_eq!(plan.north_star, "theirs");
    p.seed(&plan);
    set_star(&mut plan, &mut p, "mine after theirs");
    p.save(&plan).unwrap();
    assert!(
        p.flush().unwrap().is_ok(),
        "after a reload our change saves"
    );
    assert_in_step(&path, &p.writer, &plan);
    assert_eq!(on_disk(&path).north_star, "mine after theirs");
}

#[test]
fn a_save_right_before_quit_is_written_when_the_persist_goes() {
    let mut plan = Arc::new(crate::synth::plan(2_000, 5));
    let (_tmp, path, mut p) = setup(&plan);
    p.seed(&plan);
    set_star(&mut plan, &mut p, "last words");
    p.save(&plan).unwrap();
    drop(p);
    assert_eq!(on_disk(&path), *plan);
}

#[test]
fn an_unseeded_persist_is_sent_the_plan_with_its_first_save() {
    let mut plan = Arc::new(crate::synth::plan(50, 2));
    let (_tmp, path, mut p) = setup(&plan);
    Arc::make_mut(&mut plan).north_star = "never sent as a change".into();
    p.save(&plan).unwrap();
    assert!(p.flush().unwrap().is_ok());
    assert_in_step(&path, &p.writer, &plan);
}

#[test]
fn rapid_saves_coalesce_and_the_file_ends_with_the_last() {
    let mut plan = Arc::new(crate::synth::plan(2_000, 9));
    let (_tmp, path, mut p) = setup(&plan);
    p.seed(&plan);
    let changes = 20;
    for n in 0..changes {
        set_star(&mut plan, &mut p, &format!("version {n}"));
        p.save(&plan).unwrap();
    }
    assert!(p.flush().unwrap().is_ok());
    assert_eq!(on_disk(&path).north_star, "version 19");
    let writes = p.writes();
    assert!(
        (1..=changes).contains(&writes),
        "{writes} writes for {changes} changes"
    );
    assert!(
        writes < changes,
        "a 2k plan takes long enough to coalesce: {writes}"
    );
    assert!(!p.changed_on_disk(), "the writer's fingerprint is ours");
    assert_in_step(&path, &p.writer, &plan);
}

#[test]
fn saves_while_the_writer_is_busy_become_one_write_of_the_last() {
    let mut plan = Arc::new(crate::synth::plan(200, 3));
    let (_tmp, path, mut p) = setup(&plan);
    let _release = Release(Arc::clone(&p.writer));
    p.seed(&plan);
    p.writer.hold_at(Some(Stage::Rendering));
    set_star(&mut plan, &mut p, "first");
    assert_eq!(p.save(&plan).unwrap(), "saving…");
    p.writer.wait_at(Stage::Rendering);
    for n in 0..20 {
        set_star(&mut plan, &mut p, &format!("version {n}"));
        assert_eq!(p.save(&plan).unwrap(), "saving…");
        assert_eq!(p.poll_saved(), None, "nothing is the last word yet");
    }
    assert_eq!(p.writes(), 0);
    assert_eq!(
        p.check_external().map(|r| r.is_ok()),
        None,
        "ours is outstanding"
    );
    p.writer.hold_at(None);
    assert!(p.flush().unwrap().is_ok());
    assert_eq!(p.writes(), 2, "the first, then only the last of the 20");
    assert_in_step(&path, &p.writer, &plan);
    assert_eq!(on_disk(&path).north_star, "version 19");
}

#[test]
fn the_writer_copies_a_seed_and_lets_go_of_it() {
    let plan = Arc::new(crate::synth::plan(200, 4));
    let (_tmp, _path, mut p) = setup(&plan);
    p.seed(&plan);
    assert_eq!(p.writer.settled_mirror().as_ref(), Some(&*plan));
    assert_eq!(Arc::strong_count(&plan), 1, "the writer let go of the seed");
    assert_eq!(p.writes(), 0, "a seed is not a save");
}

#[test]
fn a_save_queued_while_writing_is_written_by_flush() {
    let mut plan = Arc::new(Plan::default());
    let (_tmp, path, mut p) = setup(&plan);
    let writer = Arc::clone(&p.writer);
    p.seed(&plan);
    writer.hold_at(Some(Stage::Writing));
    set_star(&mut plan, &mut p, "one");
    p.save(&plan).unwrap();
    writer.wait_at(Stage::Writing);
    set_star(&mut plan, &mut p, "two");
    p.save(&plan).unwrap();
    writer.hold_at(None);
    assert!(p.flush().unwrap().is_ok());
    drop(p);
    assert_eq!(on_disk(&path).north_star, "two");
}

/// A plan file in a directory the test can take away (the save then
/// fails) and put back as it was.
fn removable(plan: &Plan) -> (tempfile::TempDir, PathBuf, String, FilePersist) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("gone");
    std::fs::create_dir(&dir).unwrap();
    let path = dir.join("bearing.ron");
    let text = store::render(plan).unwrap();
    let fp = store::create(&path, &text).unwrap();
    let p = FilePersist::new(path.clone(), fp, None);
    (tmp, path, text, p)
}

#[test]
fn a_failed_save_is_reported_by_the_poll() {
    let mut plan = Arc::new(Plan::default());
    let (_tmp, path, _, mut p) = removable(&plan);
    p.seed(&plan);
    std::fs::remove_dir_all(path.parent().unwrap()).unwrap();
    set_star(&mut plan, &mut p, "lost?");
    assert_eq!(p.save(&plan).unwrap(), "saving…");
    let outcome = loop {
        if let Some(o) = p.poll_saved() {
            break o;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    };
    assert!(outcome.is_err(), "{outcome:?}");
    assert_eq!(p.poll_saved(), None, "reported once");
}

#[test]
fn keep_mine_overwrites_theirs_after_a_refusal() {
    let mut plan = Arc::new(Plan::default());
    let (_tmp, path, mut p) = setup(&plan);
    p.seed(&plan);
    let mut theirs = (*plan).clone();
    theirs.north_star = "theirs".into();
    std::fs::write(&path, store::render(&theirs).unwrap()).unwrap();
    set_star(&mut plan, &mut p, "mine");
    p.save(&plan).unwrap();
    assert!(p.flush().unwrap().is_err());
    p.keep_mine(&plan).unwrap();
    assert!(p.flush().unwrap().is_ok());
    assert_in_step(&path, &p.writer, &plan);
    assert_eq!(on_disk(&path).north_star, "mine");
}

pub(super) fn session_on_file(plan: Plan) -> (tempfile::TempDir, PathBuf, Arc<Writer>, Session) {
    let (tmp, path, p) = setup(&plan);
    let writer = Arc::clone(&p.writer);
    let session = Session::new(plan, Box::new(p), false);
    // The seed's copy is made: the session's plan is its own again.
    writer.settled_mirror();
    (tmp, path, writer, session)
}

/// Sets the first debt item's customer rating to `value` and saves, as a
/// rating key does.
fn rate(session: &mut Session, value: u8) {
    let mut debt = session.plan().debts[0].clone();
    debt.customer = value;
    session.apply(Change::new("rate").put(Item::Debt(debt)));
    session.save();
}

/// Waits for the writer like the App does after a key: the outcome, which
/// must be there.
fn waited(session: &mut Session) -> Result<String, SaveError> {
    session.wait_saved().expect("a save was asked for")
}

#[test]
fn an_edit_after_the_writer_finished_changes_the_plan_in_place() {
    let (_tmp, path, writer, mut session) = session_on_file(crate::synth::plan(300, 7));
    rate(&mut session, 1);
    waited(&mut session).unwrap();
    let shared = Arc::as_ptr(session.plan());
    rate(&mut session, 2);
    assert_eq!(Arc::as_ptr(session.plan()), shared, "no copy of the plan");
    waited(&mut session).unwrap();
    rate(&mut session, 3);
    assert_eq!(Arc::as_ptr(session.plan()), shared, "still none");
    assert!(waited(&mut session).is_ok());
    assert_in_step(&path, &writer, session.plan());
    assert_eq!(on_disk(&path).debts[0].customer, 3);
}

#[test]
fn an_edit_while_a_save_renders_does_not_copy_the_plan() {
    let (_tmp, path, writer, mut session) = session_on_file(crate::synth::plan(300, 8));
    let _release = Release(Arc::clone(&writer));
    let mine = Arc::as_ptr(session.plan());
    writer.hold_at(Some(Stage::Rendering));
    rate(&mut session, 1);
    writer.wait_at(Stage::Rendering);
    rate(&mut session, 2);
    assert_eq!(Arc::as_ptr(session.plan()), mine, "changed in place");
    assert_eq!(
        Arc::strong_count(session.plan()),
        1,
        "the writer holds none"
    );
    assert_eq!(session.plan().debts[0].customer, 2);
    writer.hold_at(None);
    assert!(waited(&mut session).is_ok());
    assert_in_step(&path, &writer, session.plan());
    assert_eq!(on_disk(&path).debts[0].customer, 2, "both edits written");
}

#[test]
fn a_failed_write_keeps_the_changes_and_the_next_save_writes_them() {
    let plan = crate::synth::plan(100, 11);
    let (_tmp, path, text, p) = removable(&plan);
    let writer = Arc::clone(&p.writer);
    let mut session = Session::new(plan, Box::new(p), false);
    let dir = path.parent().unwrap().to_path_buf();
    std::fs::remove_dir_all(&dir).unwrap();
    rate(&mut session, 4);
    let saved = waited(&mut session);
    assert!(saved.is_err(), "{saved:?}");
    assert!(session.dirty(), "unsaved");
    // The disk is back as it was; the next save (here: quit's) writes the
    // change the failed one carried.
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(&path, &text).unwrap();
    session.save();
    assert!(waited(&mut session).is_ok());
    assert!(!session.dirty());
    assert_in_step(&path, &writer, session.plan());
    assert_eq!(on_disk(&path).debts[0].customer, 4);
}

#[test]
fn undo_redo_and_reload_keep_the_writer_in_step() {
    let (_tmp, path, writer, mut session) = session_on_file(crate::synth::plan(60, 12));
    rate(&mut session, 5);
    rate(&mut session, 1);
    assert_eq!(session.undo().as_deref(), Some("rate"));
    session.save();
    waited(&mut session).unwrap();
    assert_in_step(&path, &writer, session.plan());
    assert_eq!(on_disk(&path).debts[0].customer, 5);
    assert_eq!(session.redo().as_deref(), Some("rate"));
    session.save();
    waited(&mut session).unwrap();
    assert_in_step(&path, &writer, session.plan());

    let mut theirs = on_disk(&path);
    theirs.north_star = "theirs".into();
    theirs.debts.remove(1);
    std::fs::write(&path, store::render(&theirs).unwrap()).unwrap();
    let reloaded = session.persist_mut().reload_from_disk().unwrap();
    session.replace(reloaded);
    rate(&mut session, 0);
    waited(&mut session).unwrap();
    assert_in_step(&path, &writer, session.plan());
    assert_eq!(on_disk(&path).north_star, "theirs");
    assert_eq!(on_disk(&path).debts.len(), theirs.debts.len());
}

#[test]
fn a_queued_save_is_written_when_the_session_goes() {
    let (_tmp, path, writer, mut session) = session_on_file(crate::synth::plan(300, 6));
    writer.hold_at(Some(Stage::Writing));
    rate(&mut session, 1);
    writer.wait_at(Stage::Writing);
    rate(&mut session, 4);
    let last = Plan::clone(session.plan());
    writer.hold_at(None);
    drop(session);
    assert_eq!(on_disk(&path), last);
    assert_eq!(on_disk(&path).debts[0].customer, 4);
}
