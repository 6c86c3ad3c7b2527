//! Issue 10, second round: UI defects a new user found from the README
//! alone. App key sequences and TestBackend renders.

mod common;

use common::app;

use bearing::tui::app::{App, Mode};
use bearing::tui::{NoPersist, handle_paste};
use common::keys::{press, type_text};
use common::{fixture, today};

/// A pasted line break (terminals send CR for Enter) is a line break in a
/// Description, not a bare CR in the file and `�` on screen.
#[test]
fn pasted_carriage_returns_become_line_breaks_in_a_description() {
    let mut app = app();
    press(&mut app, "2 a");
    type_text(&mut app, "Pasted notes");
    // Description is the form's last field.
    press(&mut app, "<S-Tab>");
    handle_paste(&mut app, "line A\rline B\r\nline C");
    press(&mut app, "<C-s>");
    assert!(matches!(app.mode, Mode::Normal), "{:?}", app.mode);
    let item = app
        .plan()
        .debts
        .iter()
        .find(|d| d.title == "Pasted notes")
        .expect("added");
    assert_eq!(item.description, "line A\nline B\nline C");
}

/// In a one-line field every pasted line break is a space.
#[test]
fn pasted_carriage_returns_become_spaces_in_a_title() {
    let mut app = app();
    press(&mut app, "2 a");
    handle_paste(&mut app, "one\rtwo");
    press(&mut app, "<C-s>");
    assert!(app.plan().debts.iter().any(|d| d.title == "one two"));
}

fn screen(app: &App, w: u16, h: u16) -> String {
    let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
    term.draw(|f| bearing::tui::views::draw(f, app)).unwrap();
    term.backend().to_string()
}

/// An empty sprint's summed score is `-0.0` in floating point; the UI says
/// `0.00`, like every other output.
#[test]
fn an_empty_sprint_scores_zero_not_negative_zero() {
    let mut plan = fixture();
    for s in &mut plan.sprints {
        s.items.clear();
    }
    let mut app = App::new(plan, today(), false, Box::new(NoPersist::memory()));
    press(&mut app, "3");
    for _ in 0..3 {
        let shown = screen(&app, 120, 30);
        assert!(!shown.contains("-0.00"), "{shown}");
        press(&mut app, "<Down>");
    }
    assert!(screen(&app, 120, 30).contains("score 0.00"));
}

/// Ctrl-C in a filled form asks, as Esc does; "no" brings the form back
/// as it was, "yes" quits (nothing of the plan is unsaved here).
#[test]
fn ctrl_c_in_a_filled_form_asks_before_discarding_it() {
    use bearing::tui::action::Effect;
    let mut app = app();
    press(&mut app, "2 a");
    type_text(&mut app, "Half typed");
    assert_eq!(
        press(&mut app, "<C-c>"),
        Effect::None,
        "asks, does not quit"
    );
    assert!(matches!(app.mode, Mode::Ask(_)), "{:?}", app.mode);
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("Discard the form"), "{shown}");
    press(&mut app, "n");
    let Mode::Form(state) = &app.mode else {
        panic!("the form is back: {:?}", app.mode)
    };
    assert_eq!(state.form.value("title"), "Half typed");
    press(&mut app, "<C-c>");
    assert_eq!(press(&mut app, "y"), Effect::Quit);
    // Ctrl-C twice is "yes".
    press(&mut app, "2 a");
    type_text(&mut app, "x");
    press(&mut app, "<C-c>");
    assert_eq!(press(&mut app, "<C-c>"), Effect::Quit);
}

/// An untouched form, or a prompt showing only its default, quits at once.
#[test]
fn ctrl_c_with_nothing_typed_quits_at_once() {
    use bearing::tui::action::Effect;
    let mut app = app();
    press(&mut app, "2 a");
    assert_eq!(press(&mut app, "<C-c>"), Effect::Quit);
    let mut app = self::app();
    press(&mut app, "4 s");
    assert_eq!(press(&mut app, "<C-c>"), Effect::Quit);
}

/// A prompt with typed text asks too.
#[test]
fn ctrl_c_in_a_prompt_with_typed_text_asks() {
    use bearing::tui::action::Effect;
    let mut app = app();
    press(&mut app, "4 l v");
    type_text(&mut app, "conversion up");
    assert_eq!(press(&mut app, "<C-c>"), Effect::None);
    assert!(screen(&app, 80, 24).contains("Discard what you typed and quit?"));
    press(&mut app, "<Esc>");
    assert!(matches!(app.mode, Mode::Prompt(_)), "{:?}", app.mode);
}

fn demo_app(plan: bearing::model::Plan) -> App {
    let mut app = App::new(
        plan,
        common::demo_today(),
        true,
        Box::new(NoPersist::demo()),
    );
    app.theme = bearing::tui::theme::Theme::plain();
    app
}

/// A North Star written as two paragraphs is shown as two.
#[test]
fn the_north_star_keeps_its_paragraphs() {
    let mut plan = common::demo();
    plan.north_star = "Teams ship on Fridays without fear.\n\nWe measure it weekly.".into();
    let app = demo_app(plan);
    let s = screen(&app, 80, 24);
    let lines: Vec<&str> = s.lines().skip(1).take(3).collect();
    assert!(
        lines[0].contains("Teams ship on Fridays without fear."),
        "{s}"
    );
    assert!(!lines[0].contains("We measure"), "{s}");
    assert_eq!(lines[1].trim_matches('"').trim(), "", "{s}");
    assert!(lines[2].contains("We measure it weekly."), "{s}");
    insta::assert_snapshot!("north_star_paragraphs_80x24", s);
}

/// A finding row says its rule and what is wrong before the item; the
/// selected one is shown whole at the foot.
#[test]
fn a_finding_row_leads_with_its_rule_and_the_selected_one_is_shown_whole() {
    let mut plan = common::demo();
    let mut d = bearing::model::Debt::new(
        "D-ZZ001".into(),
        "Ownerless debt number 7 with a title long enough to be cut in a row".into(),
        common::demo_today(),
    );
    d.owner.clear();
    // Estimated: an ownerless item still to triage is only a warning.
    d.effort = Some(1);
    plan.debts.push(d);
    plan.normalize();
    let mut app = demo_app(plan);
    let rows = bearing::tui::overview::rows(&app);
    let at = rows
        .iter()
        .position(|r| {
            matches!(r, bearing::tui::overview::Row::Finding(i)
                if app.findings()[*i].id == "D-ZZ001")
        })
        .expect("a finding for D-ZZ001");
    for _ in 0..at {
        press(&mut app, "j");
    }
    let s = screen(&app, 80, 24);
    let row = s
        .lines()
        .find(|l| l.contains("debt-without-owner:"))
        .unwrap_or_else(|| panic!("the rule leads the row:\n{s}"));
    assert!(!row.trim_start_matches('"').starts_with("D-ZZ001"), "{row}");
    let foot: String = s
        .lines()
        .rev()
        .take(5)
        .map(|l| l.trim_matches('"').trim())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(foot.contains("has no owner"), "the whole finding:\n{s}");
    assert!(foot.contains("D-ZZ001"), "{s}");
    insta::assert_snapshot!("overview_finding_selected_80x24", s);
}

/// The Debt detail pane counts points as the CLI does: "1 pt".
#[test]
fn one_point_is_one_pt() {
    let mut app = app();
    press(&mut app, "2");
    let s = screen(&app, 100, 30);
    assert!(s.contains("1 pt ·"), "{s}");
    assert!(!s.contains("1 pts"), "{s}");
}

/// With today before some check-ins, the UI shows and acts on the ones on
/// or before today, as `current` reads them: `X` offers the latest of
/// those, not one dated later.
#[test]
fn check_ins_after_today_are_not_shown_or_removed() {
    // KR-00001's check-ins: 3, 5, 8, 11 (2026-10-26) and 14 (2026-11-02).
    let mut app = App::new(
        fixture(),
        common::day("2026-10-30"),
        false,
        Box::new(NoPersist::memory()),
    );
    press(&mut app, "5 j <Enter>");
    let s = screen(&app, 100, 40);
    assert!(s.contains("Check-ins (4)"), "{s}");
    assert!(s.contains("1 more dated after today"), "{s}");
    assert!(!s.contains("2026-11-02"), "{s}");
    press(&mut app, "<Esc> X");
    let Mode::Confirm(p) = &app.mode else {
        panic!("asks first: {:?}", app.mode)
    };
    assert!(p.prompt.contains("on 2026-10-26: 11"), "{}", p.prompt);
}

/// An empty closed sprint does not offer keys that are then refused.
#[test]
fn a_closed_sprint_offers_no_planning_keys() {
    let mut plan = fixture();
    for s in &mut plan.sprints {
        s.items.clear();
        s.state = bearing::model::SprintState::Closed;
    }
    let mut app = App::new(plan, today(), false, Box::new(NoPersist::memory()));
    press(&mut app, "3");
    for _ in 0..3 {
        let s = screen(&app, 120, 30);
        assert!(!s.contains("p auto-plans"), "{s}");
        press(&mut app, "<Down>");
    }
    // An open one still does.
    let mut plan = fixture();
    for s in &mut plan.sprints {
        s.items.clear();
    }
    let mut app = App::new(plan, today(), false, Box::new(NoPersist::memory()));
    press(&mut app, "3");
    let shown: String = (0..3)
        .map(|_| {
            let s = screen(&app, 120, 30);
            press(&mut app, "<Down>");
            s
        })
        .collect();
    assert!(shown.contains("p auto-plans"));
}

/// The plan settings have a key in every view and a palette entry.
#[test]
fn w_opens_the_plan_settings_from_any_view_and_the_palette_finds_them() {
    for view in ["1", "2", "3", "4", "5"] {
        let mut app = app();
        press(&mut app, &format!("{view} W"));
        let Mode::Form(state) = &app.mode else {
            panic!("view {view}: {:?}", app.mode)
        };
        assert_eq!(state.form.title, "Plan settings", "view {view}");
    }
    let mut app = app();
    press(&mut app, "2 :");
    type_text(&mut app, "settings");
    press(&mut app, "<Enter>");
    let Mode::Form(state) = &app.mode else {
        panic!("the palette runs it: {:?}", app.mode)
    };
    assert_eq!(state.form.title, "Plan settings");
    // Saving a weight from it changes the plan.
    let at = state.form.index_of("risk").expect("a risk weight field");
    let Mode::Form(state) = &mut app.mode else {
        unreachable!()
    };
    state.form.set_value(at, "2.5");
    press(&mut app, "<C-s>");
    assert_eq!(app.plan().weights.risk, 2.5);
}
