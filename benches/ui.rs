//! The hot paths of the terminal UI at 1k / 10k / 100k debt items: a
//! keystroke that moves the selection plus its frame, a full frame of the
//! debt view and of the overview at 200×50, fuzzy search per keystroke, and
//! one edit (rating change) with the ranking it invalidates, and what a save
//! costs the input path (the plan shared with the writer thread, and an
//! edit's copy of it when the writer still holds the version before).
//! Run: `cargo bench --bench ui`.

use std::cell::RefCell;
use std::sync::{Arc, OnceLock};

use bearing::model::{Change, Item, Plan};
use bearing::search::{LazyIndex, SearchIndex, Searcher};
use bearing::session::file_persist::FilePersist;
use bearing::tui::components::Picker;
use bearing::tui::{Action, App, NoPersist, Persist, View, handle, views};
use chrono::NaiveDate;
use divan::Bencher;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const SIZES: [usize; 3] = [1_000, 10_000, 100_000];

fn main() {
    divan::main();
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()
}

fn plan(n: usize) -> &'static Plan {
    static CACHE: OnceLock<Vec<Plan>> = OnceLock::new();
    let all = CACHE.get_or_init(|| SIZES.iter().map(|&n| bearing::synth::plan(n, 42)).collect());
    &all[SIZES.iter().position(|&s| s == n).unwrap()]
}

fn app(n: usize, view: View) -> App {
    let mut app = App::new(
        plan(n).clone(),
        today(),
        false,
        Box::new(NoPersist::memory()),
    );
    handle(&mut app, Action::GoTo(view));
    app
}

fn terminal() -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(200, 50)).unwrap()
}

#[divan::bench(args = SIZES, sample_count = 20)]
fn keystroke_move_and_frame(b: Bencher, n: usize) {
    let mut app = app(n, View::Debt);
    let mut term = terminal();
    b.bench_local(|| {
        handle(&mut app, Action::MoveDown);
        term.draw(|f| views::draw(f, &app)).unwrap();
    });
}

#[divan::bench(args = SIZES, sample_count = 20)]
fn frame_debt_view(b: Bencher, n: usize) {
    let app = app(n, View::Debt);
    let mut term = terminal();
    b.bench_local(|| {
        term.draw(|f| views::draw(f, &app)).unwrap();
    });
}

#[divan::bench(args = SIZES, sample_count = 20)]
fn frame_overview(b: Bencher, n: usize) {
    let app = app(n, View::Overview);
    let mut term = terminal();
    b.bench_local(|| {
        term.draw(|f| views::draw(f, &app)).unwrap();
    });
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn search_index_build(b: Bencher, n: usize) {
    b.bench(|| SearchIndex::new(plan(n)));
}

/// Typing "legacy" one character at a time: each call is one keystroke.
#[divan::bench(args = SIZES, sample_count = 10)]
fn search_typing_6_keystrokes(b: Bencher, n: usize) {
    let index = SearchIndex::new(plan(n));
    b.bench_local(|| {
        let mut s = Searcher::new();
        let mut q = String::new();
        for c in "legacy".chars() {
            q.push(c);
            divan::black_box(s.query(&index, &q, 200));
        }
    });
}

/// The k-th keystroke of typing "legacy" (k = 1..5), the earlier ones
/// already typed: what the search worker scores for that one key.
#[divan::bench(consts = [1, 2, 3, 4, 5], args = SIZES, sample_count = 10)]
fn search_keystroke<const K: usize>(b: Bencher, n: usize) {
    let index = SearchIndex::new(plan(n));
    let typed: String = "legacy".chars().take(K).collect();
    b.with_inputs(|| {
        let mut s = Searcher::new();
        for k in 1..K {
            s.query(&index, &typed[..k], 200);
        }
        s
    })
    .bench_local_values(|mut s| divan::black_box(s.query(&index, &typed, 200)));
}

/// One rating change: the edit, its undo record and the re-ranking it
/// triggers (the save is measured in the plan bench).
#[divan::bench(args = SIZES, sample_count = 10)]
fn edit_rating(b: Bencher, n: usize) {
    let mut app = app(n, View::Debt);
    let before = app
        .plan()
        .debts
        .iter()
        .map(|d| d.customer as u32)
        .sum::<u32>();
    let mut up = true;
    b.bench_local(|| {
        // Alternate so every call really changes a rating (never stuck at 0 or 5).
        handle(
            &mut app,
            if up {
                Action::RaiseRating
            } else {
                Action::LowerRating
            },
        );
        up = !up;
    });
    let after = app
        .plan()
        .debts
        .iter()
        .map(|d| d.customer as u32)
        .sum::<u32>();
    assert!(
        after.abs_diff(before) <= 1,
        "the bench edits one rating back and forth"
    );
}

/// The most expensive keystroke: the first character, which scores every
/// entity of the plan (later ones re-score only the previous hits).
#[divan::bench(args = SIZES, sample_count = 10)]
fn search_first_keystroke(b: Bencher, n: usize) {
    let index = SearchIndex::new(plan(n));
    b.bench_local(|| divan::black_box(Searcher::new().query(&index, "l", 200)));
}

/// A plan file holding `plan(n)` and a persist writing it.
fn file_persist(n: usize) -> (tempfile::TempDir, std::path::PathBuf, FilePersist) {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("bearing.ron");
    let fp = bearing::store::create(&path, &bearing::store::render(plan(n)).unwrap()).unwrap();
    let persist = FilePersist::new(path.clone(), fp, None);
    (tmp, path, persist)
}

/// What a save costs the input path when the writer thread is idle: the
/// change is sent (a clone of the one changed item, queued under a lock)
/// and a write is asked for; the plan is neither shared nor copied. Each
/// sample first waits, untimed, for the previous write and makes the edit.
#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn save_handoff(b: Bencher, n: usize) {
    let (_tmp, path, mut persist) = file_persist(n);
    let plan = RefCell::new(Arc::new(plan(n).clone()));
    persist.seed(&plan.borrow());
    let persist = RefCell::new(persist);
    let mut value = 0;
    b.with_inputs(|| {
        persist.borrow_mut().flush();
        let mut plan = plan.borrow_mut();
        let mut debt = plan.debts[0].clone();
        value = (value + 1) % 6;
        debt.customer = value;
        let change = Change::new("rate").put(Item::Debt(debt));
        Arc::make_mut(&mut plan).apply(change.clone());
        change
    })
    .bench_local_values(|change| {
        let mut persist = persist.borrow_mut();
        persist.changed(&change);
        persist.save(&plan.borrow())
    });
    assert!(persist.borrow_mut().flush().is_some_and(|r| r.is_ok()));
    assert_eq!(bearing::store::load(&path).unwrap().plan, **plan.borrow());
}

/// One rating change and its save through the file-backed persist, as the
/// UI loop runs it: the edit (in place: the writer keeps its own copy of
/// the plan and is sent the change), the cache update, the save request
/// and the poll after every event (the writer renders and writes
/// meanwhile).
#[divan::bench(args = SIZES, sample_count = 10)]
fn edit_rating_with_file_save(b: Bencher, n: usize) {
    let (_tmp, path, persist) = file_persist(n);
    let mut app = App::new(plan(n).clone(), today(), false, Box::new(persist));
    handle(&mut app, Action::GoTo(View::Debt));
    // Untimed: the writer copies the plan it was seeded with; an edit
    // before it let go would copy the App's plan once (start-up only).
    app.wait_saved();
    let mut up = true;
    b.bench_local(|| {
        handle(
            &mut app,
            if up {
                Action::RaiseRating
            } else {
                Action::LowerRating
            },
        );
        app.poll_saved();
        up = !up;
    });
    app.wait_saved();
    assert!(
        matches!(&app.saved, Some(Ok(s)) if s.starts_with("saved ")),
        "{:?}",
        app.saved
    );
    assert_eq!(bearing::store::load(&path).unwrap().plan, **app.plan());
}

/// The first search keystroke as the terminal UI runs it: the key queues the
/// query for the worker thread and returns; measured until its hits are in.
#[divan::bench(args = SIZES, sample_count = 10)]
fn search_first_keystroke_via_worker(b: Bencher, n: usize) {
    let index = std::sync::Arc::new(LazyIndex::built(SearchIndex::new(plan(n))));
    b.with_inputs(|| {
        let mut p = Picker::search_in_background("Search", index.clone());
        assert!(p.wait_results(std::time::Duration::from_secs(30)));
        p
    })
    .bench_local_values(|mut p| {
        p.set_query("l");
        assert!(p.wait_results(std::time::Duration::from_secs(30)));
        p
    });
}

/// Opening search right after a change, as the terminal UI runs it: the key
/// only hands a snapshot of the plan to a new worker; measured until the
/// worker has built the index and sent the hits of the empty query.
#[divan::bench(args = SIZES, sample_count = 10)]
fn search_open_after_change_via_worker(b: Bencher, n: usize) {
    let snapshot = std::sync::Arc::new(plan(n).clone());
    b.bench_local(|| {
        let index = std::sync::Arc::new(LazyIndex::new(std::sync::Arc::clone(&snapshot)));
        let mut p = Picker::search_in_background("Search", index);
        assert!(p.wait_results(std::time::Duration::from_secs(30)));
        p
    });
}
