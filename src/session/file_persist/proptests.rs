//! The writer's copy never drifts from the App's plan: random edits, undo,
//! redo, saves that coalesce, outside changes reloaded (R) or overruled
//! (K), on a real file; after every flush the file and the copy equal the
//! App's plan.
//!
//! Compiled only under `#[cfg(test)] mod proptests;` in the parent:
//! unwrap() here is on fixtures the test builds, never on user input.

use std::path::Path;

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

use super::tests::{assert_in_step, on_disk};
use super::*;
use crate::model::{Debt, Item, Kind, Op};
use crate::tui::{Action, App, handle, reload};

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
    /// Another program changes the file; the App reloads it (`R`).
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

fn flush(app: &mut App, path: &Path, writer: &Writer) {
    app.wait_saved();
    assert!(
        app.saved.as_ref().is_none_or(Result::is_ok),
        "{:?}",
        app.saved
    );
    assert!(!app.dirty);
    assert_in_step(path, writer, &app.plan);
}

fn run(path: &Path, steps: &[Step]) {
    let plan = crate::synth::plan(25, 3);
    let fp = store::create(path, &store::render(&plan).unwrap()).unwrap();
    let p = FilePersist::new(path.to_path_buf(), fp, None);
    let writer = Arc::clone(&p.writer);
    let mut app = App::new(plan, day(), false, Box::new(p));
    for (n, step) in steps.iter().enumerate() {
        let len = app.plan.debts.len();
        let change = match *step {
            Step::Rate(i, v) if len > 0 => {
                let mut d = app.plan.debts[i % len].clone();
                d.customer = v;
                Some(Change::new("rate").put(Item::Debt(d)))
            }
            Step::Add(k) => Some(Change::new("add").put(Item::Debt(Debt::new(
                format!("D-9{k:04}"),
                format!("added {k}"),
                day(),
            )))),
            Step::Remove(i) if len > 0 => {
                Some(Change::new("remove").remove(Kind::Debt, app.plan.debts[i % len].id.clone()))
            }
            Step::Star(s) => {
                let mut meta = app.plan.meta();
                meta.north_star = format!("star {s}");
                Some(Change {
                    label: "star".into(),
                    ops: vec![Op::SetMeta(Box::new(meta))],
                })
            }
            _ => None,
        };
        if let Some(change) = change {
            app.apply(change);
            app.save();
            continue;
        }
        match step {
            Step::Undo | Step::Redo if app.undo_redo(matches!(step, Step::Undo)).is_some() => {
                app.save();
            }
            Step::Flush => flush(&mut app, path, &writer),
            Step::Reload => {
                flush(&mut app, path, &writer);
                theirs(path, n);
                handle(&mut app, Action::ReloadFile);
                assert_eq!(app.plan.north_star, format!("theirs {n}"));
            }
            Step::KeepMine => {
                flush(&mut app, path, &writer);
                theirs(path, n);
                let mut meta = app.plan.meta();
                meta.north_star = format!("mine {n}");
                app.apply(Change {
                    label: "star".into(),
                    ops: vec![Op::SetMeta(Box::new(meta))],
                });
                app.save();
                app.wait_saved();
                assert!(app.dirty, "refused: {:?}", app.saved);
                reload::keep_mine(&mut app);
                flush(&mut app, path, &writer);
                assert_eq!(on_disk(path).north_star, format!("mine {n}"));
            }
            _ => {}
        }
    }
    flush(&mut app, path, &writer);
}

#[test]
fn the_file_and_the_writers_copy_always_equal_the_apps_plan() {
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
