//! `I` in the debt view takes a GitHub or Jira export as it is: the
//! content says which tracker it is from, every issue comes in as one
//! undo step, and a broken export changes nothing.

mod common;

use common::keys::{press, type_text};
use common::{app, message};

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/import/trackers/");

fn import(app: &mut bearing::tui::App, path: &str) {
    press(app, "2 I");
    press(app, &["<BS>"; 400].join(" "));
    type_text(app, path);
    press(app, "<Enter>");
    // The sync's summary, then Enter applies it (a refused file keeps the
    // prompt open instead).
    if matches!(app.mode, bearing::tui::app::Mode::ImportSync(_)) {
        press(app, "<Enter>");
    }
}

#[test]
fn github_and_jira_exports_import_from_the_ui() {
    let mut app = app();
    let before = app.plan().debts.len();
    import(&mut app, &format!("{DATA}rest_issues.json"));
    assert!(
        message(&app).starts_with("imported from ")
            && message(&app).contains(": 3 added, 0 updated, 0 closed, 0 unchanged"),
        "{}",
        message(&app)
    );
    assert!(
        message(&app).contains("(1 pull request skipped)"),
        "{}",
        message(&app)
    );
    assert_eq!(app.plan().debts.len(), before + 3);
    import(&mut app, &format!("{DATA}jira_all_fields.csv"));
    assert!(
        message(&app).starts_with("imported from ")
            && message(&app).contains(": 4 added, 0 updated, 0 closed, 0 unchanged"),
        "{}",
        message(&app)
    );
    assert!(
        app.plan()
            .debts
            .iter()
            .any(|d| d.source.as_deref() == Some("jira:PAY-123") && d.effort == Some(3))
    );
    // One undo step per import.
    press(&mut app, "u");
    assert_eq!(app.plan().debts.len(), before + 3);
}

#[test]
fn a_broken_export_is_refused_in_the_prompt() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("issues.json");
    std::fs::write(
        &f,
        "[\n{\"title\":\"a\",\"url\":\"u\"},\n{\"title\":\"b\"}\n]",
    )
    .unwrap();
    let mut app = app();
    let before = app.plan().clone();
    import(&mut app, &f.to_string_lossy());
    let bearing::tui::app::Mode::Prompt(p) = &app.mode else {
        panic!("the prompt stays open: {:?}", message(&app));
    };
    let why = p.error.as_deref().unwrap_or("");
    assert!(
        why.contains("issues.json:3: url: an issue has no url"),
        "{why}"
    );
    assert!(why.ends_with("nothing imported"), "{why}");
    assert_eq!(*app.plan(), before);
}

/// `I` on a GitHub export shows the sync's summary first (the format told
/// from the text); Esc cancels and nothing changes; a re-import after an
/// upstream close shows `1 closed` and Enter applies it as one undo step.
#[test]
fn a_github_re_import_shows_the_summary_and_esc_cancels() {
    use bearing::tui::app::Mode;
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("issues.json");
    let issue = |state: &str| {
        format!(
            r#"[{{"number":1,"title":"T","body":null,"labels":[],"state":"{state}","url":"https://github.com/a/b/issues/1"}}]"#
        )
    };
    std::fs::write(&f, issue("OPEN")).unwrap();
    let mut app = app();
    let before = app.plan().clone();
    press(&mut app, "2 I");
    press(&mut app, &["<BS>"; 400].join(" "));
    type_text(&mut app, &f.to_string_lossy());
    press(&mut app, "<Enter>");
    let Mode::ImportSync(s) = &app.mode else {
        panic!("the summary first: {:?}", app.mode)
    };
    assert_eq!(s.summary, "1 added, 0 updated, 0 closed, 0 unchanged");
    press(&mut app, "<Esc>");
    assert_eq!(*app.plan(), before, "Esc imports nothing");
    assert!(message(&app).contains("cancelled"), "{}", message(&app));

    import(&mut app, &f.to_string_lossy());
    assert_eq!(app.plan().debts.len(), before.debts.len() + 1);
    let imported = app.plan().clone();
    std::fs::write(&f, issue("CLOSED")).unwrap();
    press(&mut app, "2 I");
    press(&mut app, &["<BS>"; 400].join(" "));
    type_text(&mut app, &f.to_string_lossy());
    press(&mut app, "<Enter>");
    let Mode::ImportSync(s) = &app.mode else {
        panic!("the summary first: {:?}", app.mode)
    };
    assert_eq!(s.summary, "0 added, 0 updated, 1 closed, 0 unchanged");
    press(&mut app, "<Enter>");
    let d = app
        .plan()
        .debts
        .iter()
        .find(|d| d.source.as_deref() == Some("github:https://github.com/a/b/issues/1"))
        .unwrap();
    assert_eq!(d.status, bearing::model::DebtStatus::Done);
    press(&mut app, "u");
    assert_eq!(*app.plan(), imported, "one undo step");
}
