//! Issue 12 point 2: the conflict screen in the UI, driven by keys with a
//! real plan file and its background writer (no terminal): an outside
//! change that clashes with ours lists each conflict, j/k move, m/t/b pick,
//! Enter applies once every conflict is picked, Esc leaves with nothing
//! written. A snapshot pins how the screen reads.

mod common;

use std::path::{Path, PathBuf};

use bearing::model::{DebtStatus, Plan};
use bearing::session::file_persist::FilePersist;
use bearing::store;
use bearing::tui::app::{App, Mode, ModeKind};
use bearing::tui::theme::Theme;
use bearing::tui::{reload, views};
use common::keys::{press, press_saved};
use common::{fixture, message, today};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// A UI on a plan file where another program changed D-00008's status and
/// customer rating and we changed both too: two conflicts on screen.
fn clash(dir: &Path) -> (PathBuf, App) {
    let path = dir.join("bearing.ron");
    let fp = store::create(&path, &store::render(&fixture()).unwrap()).unwrap();
    let persist = FilePersist::new(path.clone(), fp, None);
    let mut app = App::new(fixture(), today(), false, Box::new(persist));
    app.theme = Theme::plain();
    app.session.persist_mut().flush();
    store::update(&path, |p: &mut Plan| {
        let d = p.debts.iter_mut().find(|d| d.id == "D-00008").unwrap();
        d.status = DebtStatus::Done;
        d.customer = 4;
        p.north_star = "theirs".into();
        Ok::<(), store::StoreError>(())
    })
    .unwrap();
    press(&mut app, "2 x +");
    app.wait_saved();
    reload::tick(&mut app);
    assert_eq!(app.mode.kind(), ModeKind::Conflicts, "{}", message(&app));
    (path, app)
}

fn on_disk(path: &Path) -> Plan {
    store::load(path).unwrap().plan
}

/// The screen without its status bar (it names the temporary file).
fn screen(app: &App, w: u16, h: u16) -> String {
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| views::draw(f, app)).unwrap();
    let all = term.backend().to_string();
    let lines: Vec<&str> = all.lines().collect();
    lines[..lines.len() - 1].join("\n")
}

#[test]
fn the_conflict_screen_lists_item_field_base_mine_and_theirs() {
    let tmp = tempfile::tempdir().unwrap();
    let (_, mut app) = clash(tmp.path());
    // The status line says it; the screen lists it.
    app.message = None;
    insta::assert_snapshot!("conflict_screen_80x24", screen(&app, 80, 24));
    press(&mut app, "t");
    insta::assert_snapshot!("conflict_screen_one_picked_80x24", screen(&app, 80, 24));
}

#[test]
fn picks_are_applied_only_once_all_are_made() {
    let tmp = tempfile::tempdir().unwrap();
    let (path, mut app) = clash(tmp.path());
    let before = std::fs::read_to_string(&path).unwrap();
    let Mode::Conflicts { screen, .. } = &app.mode else {
        unreachable!()
    };
    let fields: Vec<&str> = screen.rows.iter().map(|r| r.field.as_str()).collect();
    assert_eq!(fields, ["customer", "status"]);
    // The second row back to the base, then the first: mine.
    press_saved(&mut app, "j b");
    press_saved(&mut app, "<Enter>");
    assert!(
        message(&app).contains("1 conflict still to pick"),
        "{}",
        message(&app)
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        before,
        "nothing written yet"
    );
    press_saved(&mut app, "k m <Enter>");
    assert_eq!(app.mode, Mode::Normal, "{}", message(&app));
    app.wait_saved();
    let disk = on_disk(&path);
    let d = disk.debt("D-00008").unwrap();
    assert_eq!(d.status, DebtStatus::Open, "the base");
    assert_eq!(
        d.customer,
        fixture().debt("D-00008").unwrap().customer + 1,
        "mine"
    );
    assert_eq!(disk.north_star, "theirs", "what did not clash came in");
    assert_eq!(disk, **app.plan());
}

#[test]
fn esc_writes_nothing_and_the_next_change_asks_again() {
    let tmp = tempfile::tempdir().unwrap();
    let (path, mut app) = clash(tmp.path());
    let before = std::fs::read_to_string(&path).unwrap();
    press_saved(&mut app, "t <Esc>");
    assert_eq!(app.mode, Mode::Normal);
    assert!(
        message(&app).contains("nothing written"),
        "{}",
        message(&app)
    );
    assert!(app.dirty());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), before);
    // The next change saves: the screen opens again, picks start over.
    press_saved(&mut app, "r +");
    reload::tick(&mut app);
    let Mode::Conflicts { screen, .. } = &app.mode else {
        panic!("asked again: {}", message(&app))
    };
    assert_eq!(screen.picked(), 0);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), before);
    press_saved(&mut app, "t t <Enter>");
    app.wait_saved();
    let d = on_disk(&path).debt("D-00008").unwrap().clone();
    assert_eq!((d.status, d.customer), (DebtStatus::Done, 4), "theirs");
    assert_eq!(d.delivery, 1, "our change that did not clash");
}

#[test]
fn the_conflict_screen_draws_at_every_small_size() {
    let tmp = tempfile::tempdir().unwrap();
    let (_, app) = clash(tmp.path());
    for w in [20u16, 21, 30, 44, 60] {
        for h in [5u16, 6, 7, 9, 12] {
            let s = screen(&app, w, h);
            for line in s.lines() {
                assert!(
                    bearing::text::display_width(line.trim_matches('"')) <= usize::from(w),
                    "{w}×{h}:\n{s}"
                );
            }
        }
    }
}

#[test]
fn q_right_after_an_outside_change_quits_with_both_changes_on_disk() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("bearing.ron");
    let fp = store::create(&path, &store::render(&fixture()).unwrap()).unwrap();
    let persist = FilePersist::new(path.clone(), fp, None);
    let mut app = App::new(fixture(), today(), false, Box::new(persist));
    app.session.persist_mut().flush();
    store::update(&path, |p: &mut Plan| {
        p.north_star = "theirs".into();
        Ok::<(), store::StoreError>(())
    })
    .unwrap();
    // Our change and q before any tick: the save runs into theirs, merges,
    // and q waits for the merge's save.
    press(&mut app, "2 x");
    assert_eq!(
        press(&mut app, "q"),
        bearing::tui::action::Effect::Quit,
        "{}",
        message(&app)
    );
    let disk = on_disk(&path);
    assert_eq!(disk.north_star, "theirs");
    assert_eq!(disk.debt("D-00008").unwrap().status, DebtStatus::InProgress);
}
