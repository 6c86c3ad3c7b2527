//! Issue 12 finding 1: an edit form holds the item as it was when it
//! opened; a change another program made meanwhile (merged in by the idle
//! tick) is not put back by the form's save. Only the fields changed in the
//! form land, for every form; a field changed in the form and outside opens
//! the conflict screen. Key sequences on a real file with its writer.

mod common;

use std::path::{Path, PathBuf};

use bearing::model::{Checkin, Plan};
use bearing::session::file_persist::FilePersist;
use bearing::store;
use bearing::tui::app::{App, Mode, ModeKind};
use bearing::tui::reload;
use bearing::tui::state::Target;
use common::keys::{press, press_saved};
use common::{fixture, message, today};

fn open(dir: &Path) -> (PathBuf, App) {
    let path = dir.join("bearing.ron");
    let fp = store::create(&path, &store::render(&fixture()).unwrap()).unwrap();
    let persist = FilePersist::new(path.clone(), fp, None);
    let mut app = App::new(fixture(), today(), false, Box::new(persist));
    app.session.persist_mut().flush();
    (path, app)
}

/// Another program's change, then the idle tick that merges it in.
fn outside(app: &mut App, path: &Path, edit: impl FnOnce(&mut Plan)) {
    store::update(path, |p: &mut Plan| {
        edit(p);
        Ok::<(), store::StoreError>(())
    })
    .unwrap();
    reload::tick(app);
    assert!(
        message(app).contains("reloaded") || message(app).contains("merged"),
        "the tick merged theirs: {}",
        message(app)
    );
}

/// The id of the open edit form.
fn editing(app: &App) -> String {
    match &app.mode {
        Mode::Form(s) => match &s.target {
            Target::Edit(_, id) => id.clone(),
            other => panic!("not an edit form: {other:?}"),
        },
        other => panic!("no form open: {other:?}"),
    }
}

fn on_disk(path: &Path) -> Plan {
    store::load(path).unwrap().plan
}

/// `keys` open the edit form; ` 2` is typed at the end of the focused
/// (first) field; `theirs` changes another field outside; Enter saves.
fn journey(keys: &str, theirs: impl FnOnce(&mut Plan, &str), check: impl FnOnce(&Plan, &str)) {
    let tmp = tempfile::tempdir().unwrap();
    let (path, mut app) = open(tmp.path());
    press(&mut app, keys);
    let id = editing(&app);
    press(&mut app, "<End> <Space> 2");
    outside(&mut app, &path, |p| theirs(p, &id));
    assert_eq!(app.mode.kind(), ModeKind::Form, "the form stays open");
    press_saved(&mut app, "<Enter>");
    assert_eq!(app.mode, Mode::Normal, "{}", message(&app));
    app.wait_saved();
    let disk = on_disk(&path);
    assert_eq!(disk, **app.plan(), "{}", message(&app));
    check(&disk, &id);
}

#[test]
fn a_debt_form_keeps_a_risk_changed_outside() {
    journey(
        "2 g e",
        |p, id| p.debts.iter_mut().find(|d| d.id == id).unwrap().risk = 1,
        |p, id| {
            let d = p.debt(id).unwrap();
            assert!(d.title.ends_with(" 2"), "{}", d.title);
            assert_eq!(d.risk, 1, "the outside risk stays");
        },
    );
}

#[test]
fn a_key_result_form_keeps_a_target_and_a_check_in_from_outside() {
    journey(
        "5 j e",
        |p, id| {
            let k = p.key_results.iter_mut().find(|k| k.id == id).unwrap();
            k.target = Some(25.0);
            k.checkins.push(Checkin {
                date: today(),
                value: 7.0,
            });
            k.current = 7.0;
        },
        |p, id| {
            let k = p.key_result(id).unwrap();
            assert!(k.title.ends_with(" 2"), "{}", k.title);
            assert_eq!(k.target, Some(25.0), "the outside target stays");
            assert_eq!(k.current, 7.0, "the check-in's value is current");
            assert!(k.checkins.iter().any(|c| c.date == today()));
        },
    );
}

#[test]
fn an_objective_form_keeps_a_description_changed_outside() {
    journey(
        "5 g e",
        |p, id| {
            p.objectives
                .iter_mut()
                .find(|o| o.id == id)
                .unwrap()
                .description = "from outside".into()
        },
        |p, id| {
            let o = p.objective(id).unwrap();
            assert!(o.title.ends_with(" 2"), "{}", o.title);
            assert_eq!(o.description, "from outside");
        },
    );
}

#[test]
fn a_hypothesis_form_keeps_an_owner_changed_outside() {
    journey(
        "4 g e",
        |p, id| p.hypotheses.iter_mut().find(|h| h.id == id).unwrap().owner = "outsider".into(),
        |p, id| {
            let h = p.hypothesis(id).unwrap();
            assert!(h.title.ends_with(" 2"), "{}", h.title);
            assert_eq!(h.owner, "outsider");
        },
    );
}

#[test]
fn a_sprint_form_keeps_a_capacity_changed_outside() {
    journey(
        "3 e",
        |p, id| p.sprints.iter_mut().find(|s| s.id == id).unwrap().capacity = 99,
        |p, id| {
            let s = p.sprint(id).unwrap();
            assert!(s.name.ends_with(" 2"), "{}", s.name);
            assert_eq!(s.capacity, 99);
        },
    );
}

#[test]
fn the_settings_form_keeps_a_weight_changed_outside() {
    let tmp = tempfile::tempdir().unwrap();
    let (path, mut app) = open(tmp.path());
    press(&mut app, "1 e");
    press(&mut app, "<End> <Space> 2");
    outside(&mut app, &path, |p| p.weights.risk = 7.0);
    press_saved(&mut app, "<Enter>");
    assert_eq!(app.mode, Mode::Normal, "{}", message(&app));
    app.wait_saved();
    let disk = on_disk(&path);
    assert!(disk.north_star.ends_with(" 2"), "{}", disk.north_star);
    assert_eq!(disk.weights.risk, 7.0);
}

#[test]
fn a_field_changed_in_the_form_and_outside_opens_the_conflict_screen() {
    let tmp = tempfile::tempdir().unwrap();
    let (path, mut app) = open(tmp.path());
    press(&mut app, "2 g e");
    let id = editing(&app);
    press(&mut app, "<End> <Space> 2");
    outside(&mut app, &path, |p| {
        let d = p.debts.iter_mut().find(|d| d.id == id).unwrap();
        d.title = "theirs".into();
        d.risk = 1;
    });
    let before = std::fs::read_to_string(&path).unwrap();
    press_saved(&mut app, "<Enter>");
    assert_eq!(app.mode.kind(), ModeKind::Conflicts, "{}", message(&app));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        before,
        "nothing written"
    );
    // Esc goes back to the form, still holding what was typed.
    press_saved(&mut app, "<Esc>");
    assert_eq!(app.mode.kind(), ModeKind::Form, "{}", message(&app));
    press_saved(&mut app, "<Enter>");
    press_saved(&mut app, "m <Enter>");
    assert_eq!(app.mode, Mode::Normal, "{}", message(&app));
    app.wait_saved();
    let disk = on_disk(&path);
    let d = disk.debt(&id).unwrap();
    assert!(
        d.title.ends_with(" 2") && d.title != "theirs",
        "{}",
        d.title
    );
    assert_eq!(d.risk, 1, "their other field stays");
    // One undo takes back the form's save.
    press_saved(&mut app, "u");
    assert_eq!(app.plan().debt(&id).unwrap().title, "theirs");
}

#[test]
fn an_open_form_shows_what_came_in_where_nothing_was_typed() {
    // The new-user recheck: after `reloaded … risk 3→1` the open form
    // still showed the old risk (its save merged right, the screen lied).
    let tmp = tempfile::tempdir().unwrap();
    let (path, mut app) = open(tmp.path());
    press(&mut app, "2 g e");
    let id = editing(&app);
    press(&mut app, "<End> <Space> 2");
    let risk = app.plan().debt(&id).unwrap().risk;
    let theirs = (risk + 1) % 6;
    outside(&mut app, &path, |p| {
        let d = p.debts.iter_mut().find(|d| d.id == id).unwrap();
        d.risk = theirs;
        d.owner = "outsider".into();
    });
    let Mode::Form(state) = &app.mode else {
        panic!("the form stays open: {:?}", app.mode.kind())
    };
    assert_eq!(
        state.form.value("risk"),
        theirs.to_string(),
        "untouched: shows theirs"
    );
    assert_eq!(state.form.value("owner"), "outsider");
    assert!(
        state.form.value("title").ends_with(" 2"),
        "typed: keeps mine: {}",
        state.form.value("title")
    );
    // The save writes mine and theirs, with no question.
    press_saved(&mut app, "<Enter>");
    assert_eq!(app.mode, Mode::Normal, "{}", message(&app));
    app.wait_saved();
    let d = on_disk(&path).debt(&id).unwrap().clone();
    assert!(d.title.ends_with(" 2"), "{}", d.title);
    assert_eq!((d.risk, d.owner.as_str()), (theirs, "outsider"));
}
