//! Unit tests, compiled only under `#[cfg(test)] mod tests;` in the parent:
//! unwrap() here is on fixtures the test builds, never on user input.

use super::*;
use crate::model::{Change, Item};
use crate::tui::App;

fn setup(plan: &Plan) -> (tempfile::TempDir, PathBuf, FilePersist) {
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
    fn hold_at(&self, stage: Option<Stage>) {
        self.lock().hold = stage;
        self.wake.notify_all();
    }

    /// Tests: waits until the writer waits at `stage`.
    fn wait_at(&self, stage: Stage) {
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
}

fn on_disk(path: &Path) -> Plan {
    store::load(path).unwrap().plan
}

/// Lets a held writer go when the test ends, also when it fails, so the
/// App's drop (which flushes) cannot wait on it forever. Declare it after
/// the App: locals drop in reverse order.
struct Release(Arc<Writer>);

impl Drop for Release {
    fn drop(&mut self) {
        self.0.hold_at(None);
    }
}

#[test]
fn saves_and_refuses_to_overwrite_an_outside_change() {
    let mut plan = Arc::new(Plan::default());
    let (_tmp, path, mut p) = setup(&plan);
    Arc::make_mut(&mut plan).north_star = "mine".into();
    assert_eq!(p.save(&plan).unwrap(), "saving…");
    assert!(p.flush(&plan).unwrap().unwrap().starts_with("saved "));
    assert!(!p.changed_on_disk());
    assert_eq!(p.check_external().map(|r| r.is_ok()), None, "our own write");

    let mut theirs = (*plan).clone();
    theirs.north_star = "theirs".into();
    std::fs::write(&path, store::render(&theirs).unwrap()).unwrap();
    assert!(p.changed_on_disk());
    Arc::make_mut(&mut plan).north_star = "mine again".into();
    assert!(p.save(&plan).is_ok(), "queued");
    let err = p.flush(&plan).unwrap().unwrap_err();
    assert!(err.contains("changed on disk"), "{err}");
    assert_eq!(on_disk(&path).north_star, "theirs");

    assert_eq!(p.reload().unwrap().north_star, "theirs");
    p.save(&plan).unwrap();
    assert!(
        p.flush(&plan).unwrap().is_ok(),
        "after a reload our next change saves"
    );
    assert_eq!(on_disk(&path).north_star, "mine again");
}

#[test]
fn a_save_right_before_quit_is_written_when_the_persist_goes() {
    let mut plan = Arc::new(crate::synth::plan(2_000, 5));
    let (_tmp, path, mut p) = setup(&plan);
    Arc::make_mut(&mut plan).north_star = "last words".into();
    p.save(&plan).unwrap();
    drop(p);
    assert_eq!(on_disk(&path), *plan);
}

#[test]
fn rapid_saves_coalesce_and_the_file_ends_with_the_last() {
    let mut plan = Arc::new(crate::synth::plan(2_000, 9));
    let (_tmp, path, mut p) = setup(&plan);
    let changes = 20;
    for n in 0..changes {
        Arc::make_mut(&mut plan).north_star = format!("version {n}");
        p.save(&plan).unwrap();
    }
    assert!(p.flush(&plan).unwrap().is_ok());
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
}

#[test]
fn saves_while_the_writer_is_busy_become_one_write_of_the_last() {
    let mut plan = Arc::new(crate::synth::plan(200, 3));
    let (_tmp, path, mut p) = setup(&plan);
    let _release = Release(Arc::clone(&p.writer));
    p.writer.hold_at(Some(Stage::Rendering));
    Arc::make_mut(&mut plan).north_star = "first".into();
    assert_eq!(p.save(&plan).unwrap(), "saving…");
    p.writer.wait_at(Stage::Rendering);
    for n in 0..20 {
        Arc::make_mut(&mut plan).north_star = format!("version {n}");
        assert_eq!(p.save(&plan).unwrap(), "saving…");
        assert!(p.save_waiting(), "deferred while the writer is busy");
        assert_eq!(p.poll_saved(&plan), None, "nothing is the last word yet");
    }
    assert_eq!(p.writes(), 0);
    p.writer.hold_at(None);
    assert!(p.flush(&plan).unwrap().is_ok());
    assert!(!p.save_waiting());
    assert_eq!(p.writes(), 2, "the first, then only the last of the 20");
    assert_eq!(on_disk(&path), *plan);
    assert_eq!(on_disk(&path).north_star, "version 19");
}

#[test]
fn the_writer_lets_go_of_the_plan_before_writing_and_a_busy_save_keeps_none() {
    let mut plan = Arc::new(crate::synth::plan(200, 4));
    let (_tmp, path, mut p) = setup(&plan);
    let _release = Release(Arc::clone(&p.writer));
    p.writer.hold_at(Some(Stage::Rendering));
    Arc::make_mut(&mut plan).north_star = "shared".into();
    p.save(&plan).unwrap();
    p.writer.wait_at(Stage::Rendering);
    assert_eq!(
        Arc::strong_count(&plan),
        2,
        "ours and the writer's snapshot"
    );

    p.writer.hold_at(Some(Stage::Writing));
    p.writer.wait_at(Stage::Writing);
    assert_eq!(
        Arc::strong_count(&plan),
        1,
        "rendered: the writer dropped its snapshot before the write"
    );
    let before = Arc::as_ptr(&plan);
    Arc::make_mut(&mut plan).north_star = "changed in place".into();
    assert_eq!(
        Arc::as_ptr(&plan),
        before,
        "no copy while the writer writes"
    );

    assert_eq!(p.save(&plan).unwrap(), "saving…");
    assert_eq!(
        Arc::strong_count(&plan),
        1,
        "a deferred save keeps no reference"
    );
    assert_eq!(p.poll_saved(&plan), None);
    assert_eq!(
        Arc::strong_count(&plan),
        1,
        "still busy: nothing handed over"
    );
    assert_eq!(
        p.check_external().map(|r| r.is_ok()),
        None,
        "ours is outstanding"
    );

    p.writer.hold_at(None);
    let outcome = loop {
        if let Some(o) = p.poll_saved(&plan) {
            break o;
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
    };
    assert!(outcome.is_ok(), "{outcome:?}");
    assert_eq!(p.writes(), 2, "the poll handed the deferred plan over");
    assert_eq!(Arc::strong_count(&plan), 1, "the writer let go again");
    assert_eq!(on_disk(&path).north_star, "changed in place");
}

#[test]
fn a_deferred_save_is_written_by_flush() {
    let mut plan = Arc::new(Plan::default());
    let (_tmp, path, mut p) = setup(&plan);
    let writer = Arc::clone(&p.writer);
    writer.hold_at(Some(Stage::Writing));
    Arc::make_mut(&mut plan).north_star = "one".into();
    p.save(&plan).unwrap();
    writer.wait_at(Stage::Writing);
    Arc::make_mut(&mut plan).north_star = "two".into();
    p.save(&plan).unwrap();
    assert!(p.save_waiting());
    writer.hold_at(None);
    assert!(p.flush(&plan).unwrap().is_ok());
    drop(p);
    assert_eq!(on_disk(&path).north_star, "two");
}

#[test]
fn a_failed_save_is_reported_by_the_poll() {
    let mut plan = Arc::new(Plan::default());
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("gone");
    std::fs::create_dir(&dir).unwrap();
    let path = dir.join("bearing.ron");
    let fp = store::create(&path, &store::render(&plan).unwrap()).unwrap();
    let mut p = FilePersist::new(path.clone(), fp, None);
    std::fs::remove_dir_all(&dir).unwrap();
    Arc::make_mut(&mut plan).north_star = "lost?".into();
    assert_eq!(p.save(&plan).unwrap(), "saving…");
    let outcome = loop {
        if let Some(o) = p.poll_saved(&plan) {
            break o;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    };
    assert!(outcome.is_err(), "{outcome:?}");
    assert_eq!(p.poll_saved(&plan), None, "reported once");
}

#[test]
fn keep_mine_overwrites_theirs_after_a_refusal() {
    let mut plan = Arc::new(Plan::default());
    let (_tmp, path, mut p) = setup(&plan);
    let mut theirs = (*plan).clone();
    theirs.north_star = "theirs".into();
    std::fs::write(&path, store::render(&theirs).unwrap()).unwrap();
    Arc::make_mut(&mut plan).north_star = "mine".into();
    p.save(&plan).unwrap();
    assert!(p.flush(&plan).unwrap().is_err());
    p.keep_mine(&plan).unwrap();
    assert!(p.flush(&plan).unwrap().is_ok());
    assert_eq!(on_disk(&path).north_star, "mine");
}

fn app_on_file(plan: Plan) -> (tempfile::TempDir, PathBuf, Arc<Writer>, App) {
    let (tmp, path, p) = setup(&plan);
    let writer = Arc::clone(&p.writer);
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    let app = App::new(plan, today, false, Box::new(p));
    (tmp, path, writer, app)
}

/// Sets the first debt item's customer rating to `value` and saves, as a
/// rating key does.
fn rate(app: &mut App, value: u8) {
    let mut debt = app.plan.debts[0].clone();
    debt.customer = value;
    app.apply(Change::new("rate").put(Item::Debt(debt)));
    app.save();
}

#[test]
fn an_edit_after_the_writer_finished_changes_the_plan_in_place() {
    let (_tmp, path, _writer, mut app) = app_on_file(crate::synth::plan(300, 7));
    rate(&mut app, 1);
    assert!(app.wait_saved());
    let shared = Arc::as_ptr(&app.plan);
    rate(&mut app, 2);
    assert_eq!(Arc::as_ptr(&app.plan), shared, "no copy of the plan");
    assert!(app.wait_saved());
    rate(&mut app, 3);
    assert_eq!(Arc::as_ptr(&app.plan), shared, "still none");
    assert!(app.wait_saved());
    assert_eq!(app.saved.as_ref().map(Result::is_ok), Some(true));
    assert_eq!(on_disk(&path), *app.plan);
    assert_eq!(on_disk(&path).debts[0].customer, 3);
}

#[test]
fn rapid_edits_copy_the_plan_once_per_write() {
    let (_tmp, path, writer, mut app) = app_on_file(crate::synth::plan(300, 8));
    let _release = Release(Arc::clone(&writer));
    writer.hold_at(Some(Stage::Rendering));
    rate(&mut app, 1);
    writer.wait_at(Stage::Rendering);
    let first = Arc::as_ptr(&app.plan);
    rate(&mut app, 2);
    let copy = Arc::as_ptr(&app.plan);
    assert_ne!(copy, first, "the writer holds the first version: one copy");
    assert_eq!(
        writer.lock().retired.len(),
        1,
        "the version the writer holds is the writer's to free"
    );
    for value in [3, 4, 5, 0] {
        rate(&mut app, value);
        assert_eq!(Arc::as_ptr(&app.plan), copy, "no further copy");
    }
    assert!(app.persist.save_waiting());
    writer.hold_at(None);
    assert!(app.wait_saved());
    assert!(writer.lock().retired.is_empty(), "freed by the writer");
    assert_eq!(on_disk(&path), *app.plan);
    assert_eq!(on_disk(&path).debts[0].customer, 0);
}

#[test]
fn a_deferred_save_is_written_when_the_app_goes() {
    let (_tmp, path, writer, mut app) = app_on_file(crate::synth::plan(300, 6));
    writer.hold_at(Some(Stage::Writing));
    rate(&mut app, 1);
    writer.wait_at(Stage::Writing);
    rate(&mut app, 4);
    assert!(app.persist.save_waiting());
    let last = (*app.plan).clone();
    writer.hold_at(None);
    drop(app);
    assert_eq!(on_disk(&path), last);
    assert_eq!(on_disk(&path).debts[0].customer, 4);
}
