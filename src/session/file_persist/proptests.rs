//! The writer's copy never drifts from the session's plan: random edits,
//! undo, redo, saves that coalesce, outside changes reloaded (R) or
//! overruled (K), on a real file; after every flush the file and the copy
//! equal the session's plan.
//!
//! Compiled only under `#[cfg(test)] mod proptests;` in the parent:
//! unwrap() here is on fixtures the test builds, never on user input.

use std::path::Path;

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

use super::tests::{assert_in_step, on_disk};
use super::*;
use crate::model::{Debt, Item, Kind, Op};
use crate::session::{KeepMine, Session};

#[derive(Debug, Clone)]
enum Step {
    /// Sets the rating of the debt item at this position (mod the count).
    Rate(usize, u8),
    Add(u16),
    Remove(usize),
    Star(u8),
    Undo,
    Redo,
    /// Waits for the writer and checks it (otherwise saves pile up).
    Flush,
    /// Another program changes the file; the session reloads it (`R`).
    Reload,
    /// Another program changes the file, our next save is refused, `K`.
    KeepMine,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        4 => (0..40usize, 0..6u8).prop_map(|(i, v)| Step::Rate(i, v)),
        2 => (0..500u16).prop_map(Step::Add),
        2 => (0..40usize).prop_map(Step::Remove),
        1 => (0..4u8).prop_map(Step::Star),
        3 => Just(Step::Undo),
        2 => Just(Step::Redo),
        2 => Just(Step::Flush),
        1 => Just(Step::Reload),
        1 => Just(Step::KeepMine),
    ]
}

fn day() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()
}

/// Writes a version of the file as another program would (the writer is
/// idle: the caller flushed).
fn theirs(path: &Path, n: usize) {
    let mut plan = on_disk(path);
    plan.north_star = format!("theirs {n}");
    plan.debts.pop();
    std::fs::write(path, store::render(&plan).unwrap()).unwrap();
}

/// The session and the last save's outcome, as the App keeps it.
struct Editing {
    session: Session,
    saved: Option<Result<String, SaveError>>,
}

impl Editing {
    fn save(&mut self) {
        if let Some(outcome) = self.session.save() {
            self.saved = Some(outcome);
        }
    }

    fn wait_saved(&mut self) {
        if let Some(outcome) = self.session.wait_saved() {
            self.saved = Some(outcome);
        }
    }
}

fn flush(app: &mut Editing, path: &Path, writer: &Writer) {
    app.wait_saved();
    assert!(
        app.saved.as_ref().is_none_or(Result::is_ok),
        "{:?}",
        app.saved
    );
    assert!(!app.session.dirty());
    assert_in_step(path, writer, app.session.plan());
}

fn run(path: &Path, steps: &[Step]) {
    let plan = crate::synth::plan(25, 3);
    let fp = store::create(path, &store::render(&plan).unwrap()).unwrap();
    let p = FilePersist::new(path.to_path_buf(), fp, None);
    let writer = Arc::clone(&p.writer);
    let mut app = Editing {
        session: Session::new(plan, Box::new(p), false),
        saved: None,
    };
    for (n, step) in steps.iter().enumerate() {
        let plan = app.session.plan();
        let len = plan.debts.len();
        let change = match *step {
            Step::Rate(i, v) if len > 0 => {
                let mut d = plan.debts[i % len].clone();
                d.customer = v;
                Some(Change::new("rate").put(Item::Debt(d)))
            }
            Step::Add(k) => Some(Change::new("add").put(Item::Debt(Debt::new(
                format!("D-9{k:04}"),
                format!("added {k}"),
                day(),
            )))),
            Step::Remove(i) if len > 0 => {
                Some(Change::new("remove").remove(Kind::Debt, plan.debts[i % len].id.clone()))
            }
            Step::Star(s) => {
                let mut meta = plan.meta();
                meta.north_star = format!("star {s}");
                Some(Change {
                    label: "star".into(),
                    ops: vec![Op::SetMeta(Box::new(meta))],
                })
            }
            _ => None,
        };
        if let Some(change) = change {
            app.session.apply(change);
            app.save();
            continue;
        }
        let stepped = |s: &mut Session| match step {
            Step::Undo => s.undo().is_some(),
            Step::Redo => s.redo().is_some(),
            _ => false,
        };
        match step {
            Step::Undo | Step::Redo if stepped(&mut app.session) => {
                app.save();
            }
            Step::Flush => flush(&mut app, path, &writer),
            Step::Reload => {
                flush(&mut app, path, &writer);
                theirs(path, n);
                // `R` with nothing unsaved reloads at once.
                app.session.reload().unwrap();
                assert_eq!(app.session.plan().north_star, format!("theirs {n}"));
            }
            Step::KeepMine => {
                flush(&mut app, path, &writer);
                theirs(path, n);
                let mut meta = app.session.plan().meta();
                meta.north_star = format!("mine {n}");
                app.session.apply(Change {
                    label: "star".into(),
                    ops: vec![Op::SetMeta(Box::new(meta))],
                });
                app.save();
                app.wait_saved();
                assert!(app.session.dirty(), "refused: {:?}", app.saved);
                match app.session.keep_mine() {
                    Ok(KeepMine::Saved(done)) => app.saved = Some(Ok(done)),
                    // Their star clashed with ours: mine where they clash.
                    Ok(KeepMine::Merged(m)) => app.saved = m.saved.clone(),
                    Ok(other) => panic!("nothing kept: {other:?}"),
                    Err(e) => app.saved = Some(Err(e)),
                }
                flush(&mut app, path, &writer);
                assert_eq!(on_disk(path).north_star, format!("mine {n}"));
            }
            _ => {}
        }
    }
    flush(&mut app, path, &writer);
}

#[test]
fn the_file_and_the_writers_copy_always_equal_the_sessions_plan() {
    // One file for every case: each plan file gets its own backups folder.
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("bearing.ron");
    let mut runner = TestRunner::new(Config {
        cases: 48,
        failure_persistence: None,
        ..Config::default()
    });
    let result = runner.run(&proptest::collection::vec(step(), 1..24), |steps| {
        let _ = std::fs::remove_file(&path);
        run(&path, &steps);
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}
