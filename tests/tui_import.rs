//! Importing a backlog from the UI: one change, one undo step.

mod common;

use bearing::tui::app::Mode;
use bearing::tui::{App, NoPersist};
use common::keys::{press, type_text};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn app() -> App {
    App::new(
        common::demo(),
        common::demo_today(),
        false,
        Box::new(NoPersist::memory()),
    )
}

fn open_and_answer(app: &mut App, path: &std::path::Path) {
    press(app, "2 I");
    assert!(matches!(app.mode, Mode::Prompt(_)), "I asks for the file");
    press(app, "<C-u>");
    type_text(app, &path.display().to_string());
    press(app, "<Enter>");
}

#[test]
fn a_csv_imports_as_one_undoable_change() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("backlog.csv");
    std::fs::write(
        &path,
        "title,owner,area,effort,risk\nRotate the signing keys,ana,auth,3,5\nDrop the v0 API,bo,api,5,2\n",
    )
    .unwrap();
    let mut app = app();
    let before = app.plan().debts.len();
    open_and_answer(&mut app, &path);
    let Mode::ImportSync(s) = &app.mode else {
        panic!("the summary comes first: {:?}", app.mode)
    };
    assert_eq!(s.summary, "2 added, 0 updated, 0 closed, 0 unchanged");
    assert_eq!(
        app.plan().debts.len(),
        before,
        "nothing imported before Enter"
    );
    press(&mut app, "<Enter>");
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(app.plan().debts.len(), before + 2);
    let added = app
        .plan()
        .debts
        .iter()
        .find(|d| d.title == "Rotate the signing keys")
        .unwrap();
    assert_eq!(
        (added.risk, added.effort, added.owner.as_str()),
        (5, Some(3), "ana")
    );
    press(&mut app, "u");
    assert_eq!(
        app.plan().debts.len(),
        before,
        "one undo removes the whole import"
    );
    press(&mut app, "<C-r>");
    assert_eq!(app.plan().debts.len(), before + 2);
}

#[test]
fn a_bad_row_imports_nothing_and_keeps_the_prompt() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.csv");
    std::fs::write(&path, "title,risk\nFine,1\nBroken,9\n").unwrap();
    let mut app = app();
    let before = app.plan().clone();
    open_and_answer(&mut app, &path);
    let Mode::ImportReview(r) = &app.mode else {
        panic!("the problems are listed: {:?}", app.mode)
    };
    assert!(
        r.problems[0].contains(":3:") && r.problems[0].contains("risk"),
        "{:?}",
        r.problems
    );
    assert_eq!(*app.plan(), before);
    // Esc goes back to the path as typed, with the reason under it.
    press(&mut app, "<Esc>");
    let Mode::Prompt(p) = &app.mode else {
        panic!("the prompt is back")
    };
    assert_eq!(p.input.text(), path.display().to_string());
    let why = p.error.clone().unwrap_or_default();
    assert!(why.contains("1 problem in 1 row"), "{why}");
    assert_eq!(*app.plan(), before);
    press(&mut app, "<Esc>");
    assert_eq!(app.mode, Mode::Normal);
}

/// 61 rows: every third has a bad risk, every fifth a bad effort too, and
/// the last a status long enough to wrap.
fn many_problems() -> (String, Vec<String>) {
    let mut text = String::from("title,effort,risk,status\r\n");
    let mut problems = Vec::new();
    for i in 1..=60 {
        let line = i + 1;
        let risk = if i % 3 == 0 { 9 } else { 1 };
        // (0 would be "not estimated", not a bad cell.)
        let effort = if i % 5 == 0 { -1 } else { 2 };
        text.push_str(&format!("Row {i},{effort},{risk},open\r\n"));
        if risk == 9 {
            problems.push(format!(":{line}: risk: must be 0–5, got 9"));
        }
        if effort == -1 {
            problems.push(format!(":{line}: effort: must be 1–1000 points, got -1"));
        }
    }
    text.push_str("Row 61,1,1,someday when the quarter is quieter\r\n");
    problems.push(format!(
        ":62: status: \"someday when the quarter is quieter\" is not a status; write one of: {}",
        bearing::model::DebtStatus::words()
    ));
    (text, problems)
}

#[test]
fn every_problem_is_listed_and_enter_imports_the_valid_rows() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("many.csv");
    let (text, expected) = many_problems();
    std::fs::write(&path, text).unwrap();
    let mut app = app();
    let before = app.plan().clone();
    open_and_answer(&mut app, &path);
    let Mode::ImportReview(r) = &app.mode else {
        panic!("the problems are listed: {:?}", app.mode)
    };
    assert_eq!(r.problems.len(), expected.len(), "{:?}", r.problems);
    for (got, want) in r.problems.iter().zip(&expected) {
        assert!(got.ends_with(want), "{got} / {want}");
    }
    // Rows 3,6,…,60 (20) and 5,10,…,60 (12), 4 of them in both, and 61.
    assert_eq!((r.valid, r.bad_rows), (32, 29));
    assert_eq!(*app.plan(), before, "nothing imported yet");

    // Scrolling reaches the last problem and stops there.
    press(&mut app, &"j ".repeat(80));
    let Mode::ImportReview(r) = &app.mode else {
        panic!("still reviewing")
    };
    assert_eq!(r.selected, expected.len() - 1);
    press(&mut app, "<PgUp> <PgUp> <PgUp> <PgUp> k");
    let Mode::ImportReview(r) = &app.mode else {
        panic!("still reviewing")
    };
    assert_eq!(r.selected, 0);

    press(&mut app, "<Enter>");
    let Mode::ImportSync(s) = &app.mode else {
        panic!("the summary of the valid rows comes next: {:?}", app.mode)
    };
    assert_eq!(
        s.summary,
        "32 added, 0 updated, 0 closed, 0 unchanged (skipped 29 invalid rows)"
    );
    press(&mut app, "<Enter>");
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(app.plan().debts.len(), before.debts.len() + 32);
    assert!(app.plan().debts.iter().any(|d| d.title == "Row 1"));
    assert!(!app.plan().debts.iter().any(|d| d.title == "Row 3"));
    let said = format!("{:?}", app.message);
    assert!(
        said.contains("32 added") && said.contains("skipped 29 invalid rows"),
        "{said}"
    );
    press(&mut app, "u");
    assert_eq!(*app.plan(), before, "one undo removes the whole import");
}

#[test]
fn a_file_that_cannot_be_read_lists_why_and_imports_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("unclosed.csv");
    std::fs::write(
        &path,
        "title,owner\r\nFine,ana\r\n\"Unclosed quote,ana\r\nNext row,sam\r\n",
    )
    .unwrap();
    let mut app = app();
    let before = app.plan().clone();
    open_and_answer(&mut app, &path);
    let Mode::ImportReview(r) = &app.mode else {
        panic!("the problem is listed: {:?}", app.mode)
    };
    assert!(r.fatal);
    assert!(
        r.problems[0].contains(":3: title: this quote never closes"),
        "{:?}",
        r.problems
    );
    press(&mut app, "<Enter>");
    assert!(
        matches!(app.mode, Mode::ImportReview(_)),
        "Enter has nothing to import"
    );
    assert_eq!(*app.plan(), before);
}

#[test]
fn the_problem_list_snapshots_and_draws_at_every_size() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("many.csv");
    std::fs::write(&path, many_problems().0).unwrap();
    let mut app = app();
    app.theme = bearing::tui::theme::Theme::plain();
    open_and_answer(&mut app, &path);
    let render = |app: &App, w: u16, h: u16| {
        let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
        term.draw(|f| bearing::tui::views::draw(f, app)).unwrap();
        // The temporary directory differs per run (its name's length does not).
        let tmp = dir.path().display().to_string();
        let same_width: String = std::iter::repeat_n('x', tmp.chars().count()).collect();
        term.backend().to_string().replace(&tmp, &same_width)
    };
    for (w, h) in [(80, 24), (120, 40)] {
        insta::assert_snapshot!(format!("import_problems_{w}x{h}"), render(&app, w, h));
    }
    press(&mut app, &"j ".repeat(25));
    insta::assert_snapshot!("import_problems_scrolled_80x24", render(&app, 80, 24));
    for w in 1..=60u16 {
        for h in 1..=20u16 {
            render(&app, w, h);
        }
    }
}

#[test]
fn a_taskwarrior_export_imports_pending_tasks() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tasks.json");
    std::fs::write(
        &path,
        r#"[{"uuid":"6f1c1d7e-1111-4f3a-9b2c-000000000001","description":"Remove the legacy cron","status":"pending","project":"billing","priority":"H","tags":["debt"],"entry":"20261101T090000Z"},
            {"uuid":"6f1c1d7e-1111-4f3a-9b2c-000000000002","description":"Done already","status":"completed","entry":"20261101T090000Z"}]"#,
    )
    .unwrap();
    let mut app = app();
    let before = app.plan().debts.len();
    open_and_answer(&mut app, &path);
    press(&mut app, "<Enter>");
    assert_eq!(app.plan().debts.len(), before + 1);
    let d = app
        .plan()
        .debts
        .iter()
        .find(|d| d.title == "Remove the legacy cron")
        .unwrap();
    assert_eq!(d.area, "billing");
    assert_eq!(d.customer, 3, "priority H maps to 3");
    // A second import of the same export adds nothing: nothing to apply.
    open_and_answer(&mut app, &path);
    assert_eq!(app.mode, Mode::Normal);
    assert!(
        format!("{:?}", app.message).contains("0 added, 0 updated, 0 closed, 1 unchanged"),
        "{:?}",
        app.message
    );
    assert_eq!(app.plan().debts.len(), before + 1);
}

#[test]
fn read_only_imports_nothing() {
    let mut app = App::new(
        common::demo(),
        common::demo_today(),
        true,
        Box::new(NoPersist::demo()),
    );
    press(&mut app, "2 I");
    assert_eq!(app.mode, Mode::Normal);
}

#[test]
fn a_tracker_export_or_a_windows_1252_sheet_imports_from_the_ui_and_says_how() {
    let dir = tempfile::tempdir().unwrap();
    let linear = dir.path().join("linear.csv");
    std::fs::write(
        &linear,
        "ID,Team,Title,Description,Status,Estimate,Priority,Assignee,Labels,Created\n\
         ENG-7,Core,Slow build,,Todo,3,High,ana,\"ci, build\",2026-01-02T10:00:00.000Z\n",
    )
    .unwrap();
    let mut app = app();
    open_and_answer(&mut app, &linear);
    // The sync's summary first, with how the file was read.
    let Mode::ImportSync(sync) = &app.mode else {
        panic!("the summary is shown first: {:?}", app.mode)
    };
    assert_eq!(
        sync.summary,
        "1 added, 0 updated, 0 closed, 0 unchanged (read as a Linear export)"
    );
    press(&mut app, "<Enter>");
    assert_eq!(app.mode, Mode::Normal);
    let said = format!("{:?}", app.message);
    assert!(said.contains("read as a Linear export"), "{said}");
    let d = app
        .plan()
        .debts
        .iter()
        .find(|d| d.source.as_deref() == Some("linear:ENG-7"))
        .unwrap();
    assert_eq!(
        (d.effort, d.urgency, &d.tags[..]),
        (Some(3), 4, &["ci".to_owned(), "build".to_owned()][..])
    );

    let sheet = dir.path().join("lo.csv");
    std::fs::write(&sheet, b"Title;Notes\nCaf\xe9 \x80;x\n").unwrap();
    open_and_answer(&mut app, &sheet);
    assert!(matches!(app.mode, Mode::ImportSync(_)), "{:?}", app.mode);
    press(&mut app, "<Enter>");
    assert_eq!(app.mode, Mode::Normal);
    let said = format!("{:?}", app.message);
    assert!(
        said.contains("read as windows-1252; ignored columns: Notes"),
        "{said}"
    );
    assert!(app.plan().debts.iter().any(|d| d.title == "Café €"));
}
