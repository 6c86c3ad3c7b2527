//! The Overview's warnings are `bearing check`'s (helper H13): a scanned
//! item whose marker is gone from the code is `scan-marker-gone` on the
//! command line and in the Overview alike. The UI reads the work tree on a
//! worker after loading (never while drawing) — a temporary git repository,
//! the real binary and the real UI state.

mod common;
#[path = "git_support/mod.rs"]
mod git_support;

use bearing::tui::app::App;
use bearing::tui::theme::Theme;
use bearing::tui::{NoPersist, check_ops, overview, views};
use common::cli::json;
use git_support::Repo;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn screen(app: &App) -> String {
    let mut term = Terminal::new(TestBackend::new(120, 50)).unwrap();
    term.draw(|f| views::draw(f, app)).unwrap();
    term.backend().to_string()
}

#[test]
fn the_overview_warns_about_a_marker_gone_from_the_code_as_check_does() {
    let repo = Repo::new();
    std::fs::create_dir_all(repo.root.join("src")).unwrap();
    std::fs::write(
        repo.root.join("src/a.rs"),
        "fn a() {}\n// TODO: retry on 503\n",
    )
    .unwrap();
    repo.commit("start", "2026-10-01T12:00:00Z");
    repo.ok(&["init"]);
    let out = repo.ok(&["scan", "--add"]);
    assert!(out.starts_with("added 1 debt item"), "{out}");
    // The marker is fixed in the code (not committed yet: the work tree).
    std::fs::write(repo.root.join("src/a.rs"), "fn a() {}\n").unwrap();

    let check = repo.bearing(&["check", "--format", "json"]);
    let cli = json(&check.stdout);
    let rules = |v: &serde_json::Value| -> Vec<(String, String)> {
        v.as_array()
            .unwrap_or_else(|| panic!("{v}"))
            .iter()
            .map(|f| {
                (
                    f["rule"].as_str().unwrap().to_owned(),
                    f["id"].as_str().unwrap_or("").to_owned(),
                )
            })
            .collect()
    };
    let cli_rules = rules(&cli);
    assert!(
        cli_rules.iter().any(|(r, _)| r == "scan-marker-gone"),
        "{}",
        check.stdout
    );

    // The UI on that file, as `bearing ui` opens it.
    let path = repo.root.join("bearing.ron");
    let plan = bearing::store::load(&path).unwrap().plan;
    // SAFETY: this test binary has this one test; nothing reads the
    // environment concurrently.
    unsafe {
        std::env::set_var("GIT_CONFIG_NOSYSTEM", "1");
        std::env::set_var("HOME", repo.home());
        std::env::set_var("XDG_CONFIG_HOME", repo.home().join(".config"));
    }
    let mut app = App::new(plan, common::today(), false, Box::new(NoPersist::memory()));
    app.theme = Theme::plain();
    app.plan_path = Some(path);
    check_ops::start(&mut app);
    assert!(check_ops::pending(&app), "the reading runs on a worker");
    check_ops::poll(&mut app, true);
    assert!(!check_ops::pending(&app));

    let ui: Vec<(String, String)> = app
        .findings()
        .iter()
        .map(|f| (f.rule.name().to_owned(), f.id.clone()))
        .collect();
    assert_eq!(ui, cli_rules);
    let (errors, warnings) = overview::findings(&app);
    let s = screen(&app);
    assert!(s.contains(&format!("Warnings ({})", warnings.len())), "{s}");
    assert!(s.contains("the code no longer has the marker"), "{s}");
    assert_eq!(errors.len() + warnings.len(), cli_rules.len(), "{s}");
}
