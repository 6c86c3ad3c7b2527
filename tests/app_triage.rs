//! The triage flow driven by keys: `t` opens it on the unestimated items,
//! highest cost of delay first; digits set the ratings and the effort; Enter
//! saves one item (one undo step) and shows the next; Esc leaves.

mod common;

use bearing::model::{Debt, Plan};
use bearing::tui::NoPersist;
use bearing::tui::app::{App, Mode};
use bearing::tui::theme::Theme;
use bearing::tui::views;
use common::keys::press;
use common::{day, fixture, message, today};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn unestimated(id: &str, title: &str, risk: u8) -> Debt {
    let mut d = Debt::new(id.into(), title.into(), day("2026-11-01"));
    d.risk = risk;
    d.area = "billing".into();
    d.description = "Imported from the tracker; nobody sized it yet.".into();
    d
}

fn plan() -> Plan {
    let mut p = fixture();
    p.debts
        .push(unestimated("D-00101", "Retry storms on the ledger", 2));
    p.debts
        .push(unestimated("D-00102", "Invoice PDFs time out", 4));
    p.debts.sort_by(|a, b| a.id.cmp(&b.id));
    p
}

fn app() -> App {
    let mut app = App::new(plan(), today(), false, Box::new(NoPersist::memory()));
    app.theme = Theme::plain();
    app
}

fn on(app: &App) -> Option<&str> {
    match &app.mode {
        Mode::Triage(t) => Some(t.id.as_str()),
        _ => None,
    }
}

#[test]
fn digits_rate_and_estimate_one_item_at_a_time() {
    let mut app = app();
    press(&mut app, "2 t");
    // Highest cost of delay first: risk 4 before risk 2.
    assert_eq!(on(&app), Some("D-00102"));
    // customer 3, delivery 2, risk 4, urgency 1, effort 13.
    press(&mut app, "3 2 4 1 1 3");
    let Mode::Triage(t) = &app.mode else { panic!() };
    assert_eq!(
        (t.ratings, t.effort.as_str(), t.field),
        ([3, 2, 4, 1], "13", 4)
    );
    press(&mut app, "<Enter>");
    let d = app.plan().debt("D-00102").unwrap();
    assert_eq!((d.ratings(), d.effort), ([3, 2, 4, 1], Some(13)));
    // It is ranked now, and the flow is on the next item.
    let i = app
        .plan()
        .debts
        .iter()
        .position(|d| d.id == "D-00102")
        .unwrap();
    assert!(app.cache.rank[i].is_some());
    assert_eq!(on(&app), Some("D-00101"));
    // A rating over 5 is refused in place; Backspace goes back a field.
    press(&mut app, "9");
    let Mode::Triage(t) = &app.mode else { panic!() };
    assert_eq!((t.field, t.error.is_some()), (0, true));
    press(&mut app, "1 <BS> 2 0 2 0 <Tab>");
    // Tab saves like Enter: no effort typed, so the item is passed over but
    // its ratings are kept; the queue is then done.
    assert_eq!(on(&app), None);
    assert_eq!(app.mode, Mode::Normal);
    let d = app.plan().debt("D-00101").unwrap();
    assert_eq!((d.ratings(), d.effort), ([2, 0, 2, 0], None));
    assert_eq!(message(&app), "triaged 1 item; 1 item still to triage");
    // Each item was its own undo step.
    press(&mut app, "u");
    assert_eq!(app.plan().debt("D-00101").unwrap().ratings(), [0, 0, 2, 0]);
    assert_eq!(app.plan().debt("D-00102").unwrap().effort, Some(13));
    press(&mut app, "u");
    assert_eq!(app.plan().debt("D-00102").unwrap().effort, None);
}

#[test]
fn esc_leaves_the_item_on_screen_as_it_was() {
    let mut app = app();
    press(&mut app, "2 t 5 5 <Esc>");
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(app.plan().debt("D-00102").unwrap().customer, 0);
    assert_eq!(message(&app), "triaged 0 items; 2 items still to triage");
    // A bad effort keeps the flow open on the effort field.
    press(&mut app, "t <Right> <Right> <Right> <Right> 0 <Enter>");
    let Mode::Triage(t) = &app.mode else { panic!() };
    assert_eq!(t.field, 4);
    assert!(
        t.error.as_deref().unwrap_or("").contains("1–1000"),
        "{:?}",
        t.error
    );
}

#[test]
fn the_overview_shows_the_queue_and_t_opens_it() {
    let mut app = app();
    let screen = render(&app, 120, 40);
    assert!(screen.contains("2 items to triage"), "{screen}");
    press(&mut app, "1 t");
    assert_eq!(on(&app), Some("D-00102"));
    // With no queue, t says so.
    let mut app = App::new(fixture(), today(), false, Box::new(NoPersist::memory()));
    press(&mut app, "2 t");
    assert_eq!(app.mode, Mode::Normal);
    assert!(
        message(&app).contains("nothing to triage"),
        "{}",
        message(&app)
    );
}

#[test]
fn a_read_only_ui_does_not_open_the_flow() {
    let mut app = App::new(plan(), today(), true, Box::new(NoPersist::memory()));
    press(&mut app, "2 t");
    assert_eq!(on(&app), None);
}

fn render(app: &App, w: u16, h: u16) -> String {
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| views::draw(f, app)).unwrap();
    term.backend().to_string()
}

#[test]
fn snapshot_triage_card() {
    let mut app = app();
    press(&mut app, "2 t 3 2");
    for (w, h) in [(80, 24), (120, 40)] {
        insta::assert_snapshot!(format!("triage_card_{w}x{h}"), render(&app, w, h));
    }
}

#[test]
fn a_sprint_holding_an_unestimated_item_says_its_load_is_unknown() {
    let mut p = plan();
    let active = p
        .sprints
        .iter_mut()
        .find(|s| s.items.contains(&"D-00001".to_owned()))
        .unwrap();
    active.items.push("D-00101".into());
    let mut app = App::new(p, today(), false, Box::new(NoPersist::memory()));
    press(&mut app, "3");
    let screen = render(&app, 120, 40);
    assert!(screen.contains("+ 1 not estimated"), "{screen}");
}

#[test]
fn the_card_shows_the_urgency_a_due_date_gives() {
    let mut p = plan();
    let d = p.debts.iter_mut().find(|d| d.id == "D-00102").unwrap();
    // Due in 5 days from 2026-11-20: urgency 4 by the due-date curve.
    d.due = Some(day("2026-11-25"));
    let mut app = App::new(p, today(), false, Box::new(NoPersist::memory()));
    app.theme = Theme::plain();
    press(&mut app, "2 t");
    assert_eq!(on(&app), Some("D-00102"));
    let screen = render(&app, 80, 24);
    assert!(screen.contains("urgency 0 (due: 4)"), "{screen}");
    // Typing the rating keeps the date's say when it is higher.
    press(&mut app, "0 0 0 5");
    let screen = render(&app, 80, 24);
    assert!(!screen.contains("(due:"), "{screen}");
}
