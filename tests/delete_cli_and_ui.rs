//! Issue 11 point 3: one delete rule for the CLI and the UI. Deleting the
//! same item with `bearing rm --force` (the real binary) and with `d` `y` in
//! the UI (over a file persist on a real file) leaves byte-identical files,
//! and the UI's question says what `--force` answers; undo in the UI puts
//! the file back byte for byte.
//!
//! One test function: it sets `BEARING_DATA_DIR` (where backups go) before
//! any other thread could read the environment.

mod common;

use std::path::Path;

use bearing::model::{Commitment, Plan};
use bearing::session::file_persist::FilePersist;
use bearing::store;
use bearing::tui::app::{App, Mode};
use common::keys::press;
use common::{day, fixture, today};

/// The fixture, with the closed sprint's full history: D-00007 done in it,
/// D-00005 committed at the start and carried back to the backlog.
fn plan() -> Plan {
    let mut p = fixture();
    let closed = p
        .sprints
        .iter_mut()
        .find(|s| s.id == "S-00000")
        .expect("the fixture has a closed sprint");
    closed.completed = vec!["D-00007".into()];
    closed.completed_points = Some(2);
    closed.carried = vec!["D-00005".into()];
    closed.commitment = Some(Commitment {
        date: day("2026-11-02"),
        items: vec!["D-00007".into(), "D-00005".into()],
        points: 5,
    });
    p
}

fn rm(dir: &Path, id: &str, force: bool) -> std::process::Output {
    let mut args = vec!["rm", id];
    if force {
        args.push("--force");
    }
    common::cli::command(dir, &args).output().unwrap()
}

/// Moves the view's cursor down until `id` is selected, as a user would.
fn select(app: &mut App, view: &str, id: &str) {
    press(app, view);
    for _ in 0..40 {
        if app.selected_id().as_deref() == Some(id) {
            return;
        }
        press(app, "j");
    }
    panic!("{id} not found in view {view}");
}

/// Deletes `id` both ways from the same file; returns the UI's question.
fn both_ways(root: &Path, view: &str, id: &str) -> String {
    let original = store::render(&plan()).unwrap();

    let cli = root.join(format!("cli-{id}"));
    std::fs::create_dir_all(&cli).unwrap();
    std::fs::write(cli.join("bearing.ron"), &original).unwrap();
    let out = rm(&cli, id, true);
    assert!(
        out.status.success(),
        "rm {id}: {}",
        String::from_utf8_lossy(&out.stderr)
    );

    let ui = root.join(format!("ui-{id}.ron"));
    let fp = store::create(&ui, &original).unwrap();
    let loaded = store::load(&ui).unwrap();
    let persist = FilePersist::new(ui.clone(), fp, None);
    let mut app = App::new(loaded.plan, today(), false, Box::new(persist));
    select(&mut app, view, id);
    press(&mut app, "d");
    let Mode::Confirm(pending) = &app.mode else {
        panic!("d on {id}: expected a question, got {:?}", app.mode)
    };
    let question = pending.prompt.clone();
    press(&mut app, "y");
    assert!(app.wait_saved() || app.saved.is_some());
    assert_eq!(
        app.saved.as_ref().map(Result::is_ok),
        Some(true),
        "{:?}",
        app.saved
    );

    let by_cli = std::fs::read_to_string(cli.join("bearing.ron")).unwrap();
    let by_ui = std::fs::read_to_string(&ui).unwrap();
    assert!(
        !by_cli.contains(&format!("\"{id}\"")),
        "{id} still named:\n{by_cli}"
    );
    assert_eq!(by_ui, by_cli, "rm {id} and d y on {id} differ");

    press(&mut app, "u");
    app.wait_saved();
    assert_eq!(
        std::fs::read_to_string(&ui).unwrap(),
        original,
        "undo of the delete of {id} restores the file"
    );
    question
}

#[test]
fn rm_and_d_leave_the_same_file() {
    let tmp = tempfile::tempdir().unwrap();
    // SAFETY: the only test in this binary, so no other thread reads the
    // environment while it is set.
    unsafe { std::env::set_var("BEARING_DATA_DIR", tmp.path().join("data")) };
    let root = tmp.path();

    // Done in the closed sprint: its items, completed list and commitment.
    let q = both_ways(root, "2 f l <Enter>", "D-00007");
    assert!(q.contains("unlinked from 1 other item"), "{q}");
    // Carried out of the closed sprint: its commitment and carried list.
    let q = both_ways(root, "2", "D-00005");
    assert!(q.contains("unlinked from 1 other item"), "{q}");
    // In the active sprint.
    both_ways(root, "2", "D-00001");
    // A key result linked from a debt item and a hypothesis.
    let q = both_ways(root, "5", "KR-00002");
    assert!(q.contains("unlinked from 2 other items"), "{q}");
    // An objective with key results: the UI asks what --force answers.
    let q = both_ways(root, "5", "O-00001");
    assert!(
        q.contains("Its 2 key results (KR-00001, KR-00002) go too"),
        "{q}"
    );
    let refused = rm(&root.join("cli-O-00001"), "O-00002", false);
    assert_eq!(refused.status.code(), Some(1));
    let why = String::from_utf8_lossy(&refused.stderr);
    assert!(
        why.contains("is linked from KR-00003 (objective)")
            && why.contains("its 1 key result (KR-00003) goes too"),
        "{why}"
    );
    // Nothing else points at a hypothesis: no --force needed, same file.
    both_ways(root, "4 l l", "H-00003");
}
