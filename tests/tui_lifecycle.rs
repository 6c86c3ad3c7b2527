//! Sprint, experiment and key-result lifecycles from the keyboard, in the
//! notation of tests/app_keys.rs: words are keys, `<Enter>`, `<Space>`…;
//! `type_text` types a string into an open prompt.

mod common;

use common::message;

use common::keys::{press, type_text};

use bearing::model::{DebtStatus, HypothesisStatus, SprintState};
use bearing::tui::NoPersist;
use bearing::tui::app::{App, Message, Mode};
use chrono::NaiveDate;
use common::{fixture, today};

fn app_at(today: NaiveDate) -> App {
    App::new(fixture(), today, false, Box::new(NoPersist::memory()))
}

fn app() -> App {
    app_at(today())
}

fn is_error(app: &App) -> bool {
    matches!(app.message, Some(Message::Error(_)))
}

fn items(app: &App, sprint: &str) -> Vec<String> {
    app.plan().sprint(sprint).unwrap().items.clone()
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

fn state(app: &App, sprint: &str) -> SprintState {
    app.plan().sprint(sprint).unwrap().state
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

#[test]
fn close_start_and_the_next_sprint_with_undo_at_each_step() {
    let mut app = app();
    // Sprints by start: S-00000 closed, S-00001 active, S-00002 planned.
    press(&mut app, "3 j j S");
    assert!(is_error(&app));
    assert!(
        message(&app).contains("S-00001 (Sprint 47) is already active"),
        "{}",
        message(&app)
    );
    assert_eq!(state(&app, "S-00002"), SprintState::Planned);

    press(&mut app, "k C");
    let Mode::Checklist(c) = &app.mode else {
        panic!("expected the checklist, got {:?}", app.mode)
    };
    assert_eq!(
        c.items,
        [("D-00001".into(), false), ("D-00004".into(), false)]
    );
    press(&mut app, "<Space> <Enter>");
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(state(&app, "S-00001"), SprintState::Closed);
    assert_eq!(app.plan().debt("D-00001").unwrap().status, DebtStatus::Done);
    assert_eq!(
        items(&app, "S-00002"),
        ["D-00003", "D-00006", "D-00004"],
        "the unfinished item is carried to the next planned sprint"
    );
    let s1 = app.plan().sprint("S-00001").unwrap();
    assert_eq!(s1.completed_points, Some(3));
    assert!(
        message(&app).contains("1 carried to S-00002 (Sprint 48): D-00004"),
        "{}",
        message(&app)
    );

    press(&mut app, "u");
    assert_eq!(state(&app, "S-00001"), SprintState::Active);
    assert_eq!(app.plan().debt("D-00001").unwrap().status, DebtStatus::Open);
    assert_eq!(items(&app, "S-00002"), ["D-00003", "D-00006"]);
    press(&mut app, "<C-r>");
    assert_eq!(state(&app, "S-00001"), SprintState::Closed);

    // The next sprint: take D-00006 out, start it.
    press(&mut app, "j l j <");
    assert_eq!(items(&app, "S-00002"), ["D-00003", "D-00004"]);
    // Before its window and over capacity: it asks first.
    press(&mut app, "S");
    assert!(matches!(app.mode, Mode::Confirm(_)), "{:?}", app.mode);
    assert_eq!(state(&app, "S-00002"), SprintState::Planned);
    press(&mut app, "y");
    assert_eq!(state(&app, "S-00002"), SprintState::Active);
    let c = app
        .plan()
        .sprint("S-00002")
        .unwrap()
        .commitment
        .clone()
        .unwrap();
    assert_eq!((c.points, c.date), (13, today()));
    assert!(
        message(&app).contains("over capacity by 5 pts"),
        "{}",
        message(&app)
    );
    press(&mut app, "u");
    assert_eq!(state(&app, "S-00002"), SprintState::Planned);
    press(&mut app, "u");
    assert_eq!(items(&app, "S-00002"), ["D-00003", "D-00006", "D-00004"]);
}

#[test]
fn auto_plan_and_top_three_undo_as_one_step() {
    let mut app = app();
    // Empty S-00002 (capacity 8) first.
    press(&mut app, "3 G l < <");
    assert!(items(&app, "S-00002").is_empty());
    // Candidates: D-00008 1 pt score 7, D-00002 2 pts 7, D-00005 3 pts 2.33,
    // D-00003 5 pts 1.8, D-00006 5 pts 1.4. Best within 8 pts: the first
    // three (6 pts, 16.33) beats D-00008 + D-00002 + D-00003 (8 pts, 15.8).
    press(&mut app, "p");
    assert_eq!(
        sorted(items(&app, "S-00002")),
        ["D-00002", "D-00005", "D-00008"]
    );
    assert!(
        message(&app).starts_with("planned 3 items, 6/8 pts, total score 16.3"),
        "{}",
        message(&app)
    );
    // Nothing else fits in 2 pts: no change, and no empty undo step.
    press(&mut app, "p");
    assert!(message(&app).contains("no candidate fits the 2 pts left"));
    press(&mut app, "u");
    assert!(
        items(&app, "S-00002").is_empty(),
        "one undo removes the plan"
    );

    press(&mut app, "t");
    assert_eq!(items(&app, "S-00002"), ["D-00008", "D-00002", "D-00005"]);
    assert!(message(&app).starts_with("added the top 3 items: 6/8 pts"));
    press(&mut app, "t");
    // Only D-00003 and D-00006 are left: 16 pts in an 8-pt sprint.
    assert_eq!(items(&app, "S-00002").len(), 5);
    assert!(
        message(&app).contains("over capacity by 8 pts"),
        "{}",
        message(&app)
    );
    press(&mut app, "u u");
    assert!(items(&app, "S-00002").is_empty());
}

#[test]
fn moving_items_in_and_out_with_space() {
    let mut app = app();
    press(&mut app, "3 G l l <Space>");
    assert_eq!(items(&app, "S-00002"), ["D-00003", "D-00006", "D-00008"]);
    press(&mut app, "h <Space>");
    assert_eq!(items(&app, "S-00002"), ["D-00006", "D-00008"]);
    press(&mut app, "h <Space>");
    assert!(message(&app).contains("focus the items"));
}

#[test]
fn start_then_validate_with_evidence() {
    let mut app = app();
    // Proposed column: H-00005 (ICE 180) above H-00006 (84).
    press(&mut app, "4 s");
    let Mode::Prompt(p) = &app.mode else {
        panic!("expected a prompt")
    };
    assert_eq!(p.input.text(), "2026-12-04", "today + 14 days");
    press(&mut app, "<Enter>");
    let h = app.plan().hypothesis("H-00005").unwrap();
    assert_eq!(h.status, HypothesisStatus::Running);
    assert_eq!(
        (h.started, h.review_by),
        (Some(today()), Some(day("2026-12-04")))
    );

    // Now in the running column, validate it.
    press(&mut app, "l");
    assert_eq!(app.selected_id().as_deref(), Some("H-00001"));
    press(&mut app, "G v");
    type_text(&mut app, "MTTR halved in two incidents");
    press(&mut app, "<Enter>");
    let h = app.plan().hypothesis("H-00005").unwrap();
    assert_eq!(h.status, HypothesisStatus::Validated);
    assert_eq!(h.evidence, "MTTR halved in two incidents");
    assert_eq!(h.decided, Some(today()));
    press(&mut app, "u");
    assert_eq!(
        app.plan().hypothesis("H-00005").unwrap().status,
        HypothesisStatus::Running
    );
}

#[test]
fn a_start_date_can_be_typed_and_a_bad_one_is_refused() {
    let mut app = app();
    press(&mut app, "4 s <C-u>");
    type_text(&mut app, "soon");
    press(&mut app, "<Enter>");
    assert!(matches!(app.mode, Mode::Prompt(_)), "the prompt stays open");
    assert!(message(&app).contains("not a date"));
    press(&mut app, "<C-u>");
    type_text(&mut app, "2026-12-20");
    press(&mut app, "<Enter>");
    assert_eq!(
        app.plan().hypothesis("H-00005").unwrap().review_by,
        Some(day("2026-12-20"))
    );
}

#[test]
fn validate_with_empty_evidence_is_refused_and_stays_open() {
    let mut app = app();
    press(&mut app, "4 l v");
    type_text(&mut app, "   ");
    press(&mut app, "<Enter>");
    let Mode::Prompt(p) = &app.mode else {
        panic!("the prompt must stay open, got {:?}", app.mode)
    };
    assert!(p.error.as_deref().unwrap().contains("evidence is required"));
    assert!(is_error(&app));
    assert_eq!(
        app.plan().hypothesis("H-00001").unwrap().status,
        HypothesisStatus::Running
    );
    press(&mut app, "<Esc>");
    assert_eq!(app.mode, Mode::Normal);
    press(&mut app, "u");
    assert_eq!(message(&app), "nothing to undo");
}

#[test]
fn abandon_with_evidence() {
    let mut app = app();
    press(&mut app, "4 l j x");
    type_text(&mut app, "churn unchanged");
    press(&mut app, "<Enter>");
    let h = app.plan().hypothesis("H-00002").unwrap();
    assert_eq!(h.status, HypothesisStatus::Abandoned);
    assert_eq!(h.evidence, "churn unchanged");
    assert!(
        message(&app).starts_with("abandoned H-00002"),
        "{}",
        message(&app)
    );
}

#[test]
fn reopen_asks_and_keeps_the_old_decision() {
    let mut app = app();
    press(&mut app, "4 l l o");
    let Mode::Confirm(p) = &app.mode else {
        panic!("reopen asks y/n")
    };
    assert!(p.prompt.contains("H-00003"), "{}", p.prompt);
    press(&mut app, "n");
    assert_eq!(
        app.plan().hypothesis("H-00003").unwrap().status,
        HypothesisStatus::Validated
    );
    press(&mut app, "o y");
    let h = app.plan().hypothesis("H-00003").unwrap();
    assert_eq!(h.status, HypothesisStatus::Running);
    assert_eq!(h.history.len(), 1);
    assert_eq!(h.history[0].status, HypothesisStatus::Validated);
    assert_eq!(h.history[0].evidence, "deploys doubled");
    // Validating a decided one says to reopen first.
    press(&mut app, "l v");
    assert!(
        message(&app).contains("reopen it first"),
        "{}",
        message(&app)
    );
}

#[test]
fn check_in_value_and_date() {
    let mut app = app();
    // Outline: O-00001, KR-00001, KR-00002, O-00002, KR-00003.
    press(&mut app, "5 c");
    assert!(message(&app).contains("select a key result"));
    press(&mut app, "j c");
    type_text(&mut app, "lots");
    press(&mut app, "<Enter>");
    assert!(message(&app).contains("not a number"));
    press(&mut app, "<C-u>");
    type_text(&mut app, "15.5");
    press(&mut app, "<Enter>");
    let Mode::Prompt(p) = &app.mode else {
        panic!("asks the date next")
    };
    assert_eq!(p.input.text(), "2026-11-20");
    press(&mut app, "<Enter>");
    let kr = app.plan().key_result("KR-00001").unwrap();
    assert_eq!(kr.current, 15.5);
    assert_eq!(kr.checkins.last().unwrap().date, today());
    press(&mut app, "u");
    assert_eq!(app.plan().key_result("KR-00001").unwrap().current, 14.0);
}

#[test]
fn the_stale_flag_appears_once_today_passes_review_by() {
    // H-00002 runs until its review-by 2026-12-01.
    let running = |app: &App| {
        let h = app.plan().hypothesis("H-00002").unwrap();
        h.is_stale(app.today)
    };
    let screen = |app: &App| {
        let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 30)).unwrap();
        term.draw(|f| bearing::tui::views::draw(f, app)).unwrap();
        term.backend().to_string()
    };
    let mut before = app_at(day("2026-12-01"));
    press(&mut before, "4");
    assert!(!running(&before));
    let stale_cards = |s: &str| s.matches("STALE").count();
    let n_before = stale_cards(&screen(&before));
    let mut after = app_at(day("2026-12-02"));
    press(&mut after, "4");
    assert!(running(&after));
    assert_eq!(
        stale_cards(&screen(&after)),
        n_before + 1,
        "{}",
        screen(&after)
    );
}

#[test]
fn read_only_refuses_lifecycle_changes() {
    let mut app = App::new(fixture(), today(), true, Box::new(NoPersist::demo()));
    press(&mut app, "4 s");
    assert_eq!(app.mode, Mode::Normal);
    assert!(message(&app).contains("read-only"));
    press(&mut app, "3 p");
    assert!(message(&app).contains("read-only"));
}

fn screen(app: &App, w: u16, h: u16) -> String {
    let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
    term.draw(|f| bearing::tui::views::draw(f, app)).unwrap();
    term.backend().to_string()
}

fn debt_index(app: &App, id: &str) -> usize {
    app.plan().debts.iter().position(|d| d.id == id).unwrap()
}

#[test]
fn the_ranking_marks_kr_pressure_and_what_moved() {
    let mut app = app();
    press(&mut app, "2");
    // D-00001 links KR-00002 (off track): pushed up, marked ▲.
    let s = screen(&app, 100, 30);
    assert!(s.contains("3▲"), "{s}");
    press(&mut app, "j j");
    assert_eq!(app.selected_id().as_deref(), Some("D-00001"));
    let s = screen(&app, 100, 30);
    assert!(s.contains("▲ moved up: KR-00002 off track"), "{s}");

    // D-00003 (rank 5, 9/5) passes D-00005 (rank 4, 7/3) once its customer
    // rating goes 1 → 4: 12/5 = 2.4 > 2.33.
    press(&mut app, "j j + +");
    assert_eq!(app.selected_id().as_deref(), Some("D-00003"));
    let (d3, d5) = (debt_index(&app, "D-00003"), debt_index(&app, "D-00005"));
    assert_eq!(app.cache.moved_from(d3), None, "not moved by the second +");
    press(&mut app, "+");
    assert_eq!(app.cache.moved_from(d3), Some(5));
    assert_eq!(app.cache.moved_from(d5), Some(4));
    assert_eq!((app.cache.rank[d3], app.cache.rank[d5]), (Some(4), Some(5)));
    let s = screen(&app, 100, 30);
    assert!(s.contains("4↑") && s.contains("5↓"), "{s}");
    assert!(s.contains("rank 5 → 4 with the last change"), "{s}");
    // The next change that moves nothing clears the markers.
    press(&mut app, "r +");
    assert_eq!(app.cache.moved_from(d3), None);
    assert_eq!(app.cache.moved_from(d5), None);
}

#[test]
fn export_the_sprint_asks_format_and_path_and_writes_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app();
    app.export_dir = Some(dir.path().to_path_buf());
    press(&mut app, "3 g j E");
    let Mode::Prompt(p) = &app.mode else {
        panic!("asks the format")
    };
    assert_eq!(p.input.text(), "md");
    press(&mut app, "<C-u>");
    type_text(&mut app, "xlsx");
    press(&mut app, "<Enter>");
    assert!(message(&app).contains("choose md, csv or json"));
    press(&mut app, "<C-u>");
    type_text(&mut app, "csv");
    press(&mut app, "<Enter>");
    let Mode::Prompt(p) = &app.mode else {
        panic!("asks the path")
    };
    let path = dir.path().join("sprint-47.csv");
    assert_eq!(p.input.text(), path.display().to_string());
    press(&mut app, "<Enter>");
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(
        message(&app),
        format!("wrote S-00001 (csv) to {}", path.display())
    );
    let written = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        written,
        bearing::export::sprint_csv(app.plan(), "S-00001", today()).unwrap()
    );
    let mut reader = csv::Reader::from_reader(written.as_bytes());
    let ids: Vec<String> = reader.records().map(|r| r.unwrap()[0].to_owned()).collect();
    assert_eq!(ids.len(), 2, "one row per committed item: {ids:?}");
    assert!(ids.contains(&"D-00001".to_owned()) && ids.contains(&"D-00004".to_owned()));

    // Markdown by default; a path in a missing folder is refused and the
    // prompt stays open.
    press(&mut app, "E <Enter> <C-u>");
    let bad = dir.path().join("missing").join("x.md");
    type_text(&mut app, &bad.display().to_string());
    press(&mut app, "<Enter>");
    assert!(matches!(app.mode, Mode::Prompt(_)));
    assert!(is_error(&app));
    press(&mut app, "<C-u>");
    let md = dir.path().join("s.md");
    type_text(&mut app, &md.display().to_string());
    press(&mut app, "<Enter>");
    assert_eq!(
        std::fs::read_to_string(&md).unwrap(),
        bearing::export::sprint_markdown(app.plan(), "S-00001", today()).unwrap()
    );
}

#[test]
fn the_learning_log_is_written_from_the_board() {
    let dir = tempfile::tempdir().unwrap();
    // Read-only plans can still be exported: nothing in the plan changes.
    let mut app = App::new(
        common::demo(),
        common::demo_today(),
        true,
        Box::new(NoPersist::demo()),
    );
    app.export_dir = Some(dir.path().to_path_buf());
    press(&mut app, "4 L <Enter>");
    let path = dir.path().join("learning-log.md");
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        text,
        bearing::export::learning_log_markdown(app.plan(), None, app.today)
    );
    assert!(!text.contains("No decided experiments"), "{text}");
    assert!(message(&app).contains("learning-log.md"));
}

#[test]
fn export_defaults_to_the_working_directory_without_a_plan_file() {
    let mut app = app();
    press(&mut app, "3 g E <Enter>");
    let Mode::Prompt(p) = &app.mode else {
        panic!("asks the path")
    };
    assert_eq!(p.input.text(), "./sprint-46.md");
    press(&mut app, "<Esc>");
    assert_eq!(app.mode, Mode::Normal);
}
