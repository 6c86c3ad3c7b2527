//! `d` on the UI's import summary (helper H13): only the items marked as
//! debt, as `--only-debt` on the command line, with the count left out;
//! `d` again brings everything back; Enter imports what the summary says.

mod common;

use bearing::tui::app::Mode;
use bearing::tui::{App, NoPersist};
use common::keys::{press, type_text};
use common::message;

fn app() -> App {
    App::new(
        common::demo(),
        common::demo_today(),
        false,
        Box::new(NoPersist::memory()),
    )
}

/// `gh issue list --state all --json number,title,body,labels,…` of three
/// issues, one labelled as debt.
const GITHUB: &str = r#"[
  {"number": 1, "title": "Retry storms on the ledger", "body": null, "state": "OPEN",
   "labels": [{"name": "tech-debt"}], "assignees": [], "milestone": null,
   "createdAt": "2026-10-01T10:00:00Z", "updatedAt": "2026-10-02T10:00:00Z",
   "url": "https://github.com/acme/app/issues/1"},
  {"number": 2, "title": "Dark mode", "body": "A feature", "state": "OPEN",
   "labels": [{"name": "enhancement"}], "assignees": [], "milestone": null,
   "createdAt": "2026-10-01T10:00:00Z", "updatedAt": "2026-10-02T10:00:00Z",
   "url": "https://github.com/acme/app/issues/2"},
  {"number": 3, "title": "Typo on the login page", "body": "", "state": "OPEN",
   "labels": [], "assignees": [], "milestone": null,
   "createdAt": "2026-10-01T10:00:00Z", "updatedAt": "2026-10-02T10:00:00Z",
   "url": "https://github.com/acme/app/issues/3"}
]"#;

fn summary(app: &App) -> (String, bool) {
    match &app.mode {
        Mode::ImportSync(s) => (s.summary.clone(), s.only_debt),
        other => panic!("no summary: {other:?} ({})", message(app)),
    }
}

#[test]
fn d_imports_only_the_debt_and_says_how_many_it_leaves_out() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("issues.json");
    std::fs::write(&file, GITHUB).unwrap();
    let mut app = app();
    let before = app.plan().debts.len();
    press(&mut app, "2 I <C-u>");
    type_text(&mut app, &file.display().to_string());
    press(&mut app, "<Enter>");
    let (s, only) = summary(&app);
    assert!(!only && s.starts_with("3 added"), "{s}");

    press(&mut app, "d");
    let (s, only) = summary(&app);
    assert!(only, "{s}");
    assert!(s.starts_with("only debt: 1 added"), "{s}");
    assert!(s.contains("2 not marked as debt"), "{s}");
    // And back.
    press(&mut app, "d");
    let (s, only) = summary(&app);
    assert!(!only && s.starts_with("3 added"), "{s}");

    press(&mut app, "d <Enter>");
    assert!(matches!(app.mode, Mode::Normal), "{:?}", app.mode);
    let titles: Vec<&str> = app.plan().debts[..]
        .iter()
        .filter(|d| {
            d.source
                .as_deref()
                .is_some_and(|s| s.starts_with("github:"))
        })
        .map(|d| d.title.as_str())
        .collect();
    assert_eq!(titles, ["Retry storms on the ledger"]);
    assert_eq!(app.plan().debts.len(), before + 1);
}

#[test]
fn d_on_a_format_without_debt_labels_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("backlog.csv");
    std::fs::write(&file, "title,risk,effort\nSlow build,3,2\n").unwrap();
    let mut app = app();
    press(&mut app, "2 I <C-u>");
    type_text(&mut app, &file.display().to_string());
    press(&mut app, "<Enter> d");
    let (_, only) = summary(&app);
    assert!(!only);
    assert!(
        message(&app).contains("only debt: for GitHub, Jira"),
        "{}",
        message(&app)
    );
}
