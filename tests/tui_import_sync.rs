//! `I` in the UI is a sync too (issue 13, point 2): the format is read from
//! the file, the summary (added, updated, closed, unchanged, conflicts) is
//! shown before anything changes, Enter applies it as one undo step, Esc
//! cancels.

mod common;

use bearing::model::{Change, DebtStatus, Item};
use bearing::tui::app::Mode;
use bearing::tui::{App, NoPersist};
use common::keys::{press, type_text};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn app() -> App {
    let mut app = App::new(
        common::demo(),
        common::demo_today(),
        false,
        Box::new(NoPersist::memory()),
    );
    app.theme = bearing::tui::theme::Theme::plain();
    app
}

fn open_and_answer(app: &mut App, path: &std::path::Path) {
    press(app, "2 I");
    assert!(matches!(app.mode, Mode::Prompt(_)), "I asks for the file");
    press(app, "<C-u>");
    type_text(app, &path.display().to_string());
    press(app, "<Enter>");
}

const A: &str = "6f1c1d7e-1111-4f3a-9b2c-00000000000a";
const B: &str = "6f1c1d7e-1111-4f3a-9b2c-00000000000b";
const C: &str = "6f1c1d7e-1111-4f3a-9b2c-00000000000c";

/// A `task export` (no `.json` name: the format is read from the text).
fn export(tasks: &[(&str, &str, &str)]) -> String {
    let rows: Vec<String> = tasks
        .iter()
        .map(|(uuid, status, description)| {
            format!(
                r#"{{"uuid":"{uuid}","status":"{status}","description":"{description}","project":"billing","entry":"20261101T090000Z"}}"#
            )
        })
        .collect();
    format!("[{}]", rows.join(",\n"))
}

fn id_of(app: &App, uuid: &str) -> String {
    let source = format!("taskwarrior:{uuid}");
    app.plan()
        .debts
        .iter()
        .find(|d| d.source.as_deref() == Some(source.as_str()))
        .map(|d| d.id.clone())
        .unwrap()
}

#[test]
fn i_shows_the_summary_then_enter_applies_and_esc_cancels() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tasks.txt");
    let render = |app: &App| {
        let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
        term.draw(|f| bearing::tui::views::draw(f, app)).unwrap();
        let tmp = dir.path().display().to_string();
        let same_width: String = std::iter::repeat_n('x', tmp.chars().count()).collect();
        // Imported items get random ids: each shown as its uuid's letter.
        let mut text = term.backend().to_string().replace(&tmp, &same_width);
        for (uuid, fixed) in [(A, "D-AAAAA"), (B, "D-BBBBB"), (C, "D-CCCCC")] {
            text = text.replace(&id_of(app, uuid), fixed);
        }
        text
    };
    std::fs::write(
        &path,
        export(&[
            (A, "pending", "Remove the legacy cron"),
            (B, "pending", "Split the billing module"),
            (C, "pending", "Drop the v0 API"),
        ]),
    )
    .unwrap();
    let mut app = app();
    let before = app.plan().clone();
    open_and_answer(&mut app, &path);
    let Mode::ImportSync(s) = &app.mode else {
        panic!("the summary comes first: {:?}", app.mode)
    };
    assert_eq!(s.summary, "3 added, 0 updated, 0 closed, 0 unchanged");
    assert_eq!(*app.plan(), before, "nothing changes before Enter");
    press(&mut app, "<Enter>");
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(app.plan().debts.len(), before.debts.len() + 3);
    let imported = app.plan().clone();

    // Here: A retitled. Upstream: A and B renamed, C done.
    let a = id_of(&app, A);
    let mut mine = app.plan().debts.iter().find(|d| d.id == a).unwrap().clone();
    mine.title = "Remove the cron (mine)".into();
    app.apply(Change::new("edit").put(Item::Debt(mine)));
    let edited = app.plan().clone();
    std::fs::write(
        &path,
        export(&[
            (A, "pending", "Remove the cron (theirs)"),
            (B, "pending", "Split billing in two"),
            (C, "completed", "Drop the v0 API"),
        ]),
    )
    .unwrap();
    open_and_answer(&mut app, &path);
    let Mode::ImportSync(s) = &app.mode else {
        panic!("the summary comes first: {:?}", app.mode)
    };
    assert_eq!(
        s.summary,
        "0 added, 1 updated, 1 closed, 1 unchanged, 1 conflict"
    );
    assert_eq!(
        s.lines[0],
        format!(
            "{a} title: kept \"Remove the cron (mine)\" (upstream: \"Remove the cron (theirs)\")"
        )
    );
    insta::assert_snapshot!("import_sync_summary_80x24", render(&app));
    for w in 1..=60u16 {
        for h in 1..=20u16 {
            let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
            term.draw(|f| bearing::tui::views::draw(f, &app)).unwrap();
        }
    }

    // Esc: nothing imported.
    press(&mut app, "<Esc>");
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(*app.plan(), edited);
    assert!(common::message(&app).contains("nothing imported"));

    // Again, and Enter: B renamed, C done, A ours.
    open_and_answer(&mut app, &path);
    press(&mut app, "<Enter>");
    assert_eq!(app.mode, Mode::Normal);
    let find = |app: &App, uuid: &str| {
        let id = id_of(app, uuid);
        app.plan()
            .debts
            .iter()
            .find(|d| d.id == id)
            .unwrap()
            .clone()
    };
    assert_eq!(find(&app, A).title, "Remove the cron (mine)");
    assert_eq!(find(&app, B).title, "Split billing in two");
    assert_eq!(find(&app, C).status, DebtStatus::Done);
    assert_eq!(
        app.plan().debts.len(),
        imported.debts.len(),
        "nothing duplicated"
    );
    assert!(
        common::message(&app).contains("0 added, 1 updated, 1 closed, 1 unchanged, 1 conflict"),
        "{}",
        common::message(&app)
    );
    // One undo step takes the whole import back.
    press(&mut app, "u");
    assert_eq!(*app.plan(), edited);
}

#[test]
fn json_of_an_unknown_shape_is_refused_at_the_prompt() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("issues.json");
    // (An array of objects with a `title` is GitHub's issues: read.)
    std::fs::write(&path, r#"[{"number":1,"name":"x"}]"#).unwrap();
    let mut app = app();
    let before = app.plan().clone();
    open_and_answer(&mut app, &path);
    let Mode::Prompt(p) = &app.mode else {
        panic!("the prompt stays: {:?}", app.mode)
    };
    assert!(
        p.error
            .as_deref()
            .unwrap_or_default()
            .contains("JSON of a shape Bearing does not read"),
        "{:?}",
        p.error
    );
    assert_eq!(*app.plan(), before);
    // Broken JSON says where.
    std::fs::write(&path, "[\n{\"uuid\": \"a\",\n oops}\n]").unwrap();
    press(&mut app, "<Esc>");
    open_and_answer(&mut app, &path);
    let Mode::Prompt(p) = &app.mode else {
        panic!("the prompt stays: {:?}", app.mode)
    };
    assert!(
        p.error
            .as_deref()
            .unwrap_or_default()
            .contains("issues.json:3: not valid JSON"),
        "{:?}",
        p.error
    );
}

/// The ids the summary lists are the ids Enter then gives, and a sheet's
/// rows are keyed by its file name (issue 13 fixes, points 1 and 3).
#[test]
fn the_summary_names_the_ids_enter_gives_and_sheets_are_keyed_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("backlog.csv");
    std::fs::write(&path, "id,title\n1,Flaky CI\n2,Old logger\n").unwrap();
    let mut app = app();
    let before: Vec<String> = app.plan().debts.iter().map(|d| d.id.clone()).collect();
    open_and_answer(&mut app, &path);
    let Mode::ImportSync(s) = &app.mode else {
        panic!("the summary comes first: {:?}", app.mode)
    };
    let mut shown: Vec<String> = s
        .lines
        .iter()
        .filter_map(|l| l.strip_prefix("added ")?.split_whitespace().next())
        .map(str::to_owned)
        .collect();
    shown.sort();
    assert_eq!(shown.len(), 2, "{:?}", s.lines);
    press(&mut app, "<Enter>");
    let mut given: Vec<String> = app
        .plan()
        .debts
        .iter()
        .filter(|d| !before.contains(&d.id))
        .map(|d| d.id.clone())
        .collect();
    given.sort();
    assert_eq!(given, shown);
    let mut sources: Vec<&str> = app
        .plan()
        .debts
        .iter()
        .filter_map(|d| d.source.as_deref())
        .filter(|s| s.starts_with("csv:"))
        .collect();
    sources.sort_unstable();
    assert_eq!(sources, ["csv:backlog:1", "csv:backlog:2"]);
}
