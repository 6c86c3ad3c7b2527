//! Triage gives an owner too (helper H13): an imported item has no owner,
//! and an estimated item without one is `check`'s `debt-without-owner`
//! error — so the card's last field is the owner, typed after the effort
//! (a letter starts it) and completed from the plan's owners with →.

mod common;

use bearing::check::{self, Rule};
use bearing::model::{Debt, Plan};
use bearing::tui::NoPersist;
use bearing::tui::app::{App, Mode};
use bearing::tui::theme::Theme;
use bearing::tui::views;
use common::keys::press;
use common::{day, fixture, today};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn plan() -> Plan {
    let mut p = fixture();
    // As a taskwarrior import leaves it: no effort, no owner.
    let mut d = Debt::new(
        "D-00102".into(),
        "Invoice PDFs time out".into(),
        day("2026-11-01"),
    );
    d.risk = 4;
    d.source = Some("taskwarrior:0a1b".into());
    p.debts.push(d);
    p.debts.sort_by(|a, b| a.id.cmp(&b.id));
    p
}

fn app() -> App {
    let mut app = App::new(plan(), today(), false, Box::new(NoPersist::memory()));
    app.theme = Theme::plain();
    app
}

fn render(app: &App, w: u16, h: u16) -> String {
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| views::draw(f, app)).unwrap();
    term.backend().to_string()
}

fn no_owner(app: &App) -> Vec<String> {
    check::check(app.plan(), None, today())
        .into_iter()
        .filter(|f| f.rule == Rule::DebtWithoutOwner)
        .map(|f| f.id)
        .collect()
}

#[test]
fn one_pass_gives_ratings_effort_and_owner_and_check_is_satisfied() {
    let mut app = app();
    press(&mut app, "2 t");
    assert!(
        no_owner(&app).contains(&"D-00102".to_owned()),
        "{:?}",
        no_owner(&app)
    );
    // Ratings 3 2 4 1 (each moves on), effort 5, then a letter: the owner.
    press(&mut app, "3 2 4 1 5 b");
    let Mode::Triage(t) = &app.mode else {
        panic!("{:?}", app.mode)
    };
    assert_eq!((t.effort.as_str(), t.owner.text(), t.field), ("5", "b", 5));
    // → completes from the plan's owners (bo owns three items).
    assert_eq!(t.completion(), Some("bo"));
    insta::assert_snapshot!("triage_owner_completion_80x24", render(&app, 80, 24));
    press(&mut app, "<Right> <Enter>");
    let d = app.plan().debt("D-00102").unwrap();
    assert_eq!(
        (d.ratings(), d.effort, d.owner.as_str()),
        ([3, 2, 4, 1], Some(5), "bo")
    );
    // The fixture's own unowned item aside, nothing for `check` to refuse.
    assert!(
        !no_owner(&app).contains(&"D-00102".to_owned()),
        "{:?}",
        no_owner(&app)
    );
}

#[test]
fn backspace_edits_the_owner_then_goes_back_to_the_effort() {
    let mut app = app();
    press(&mut app, "2 t 0 0 0 0 8 z o e <BS> <BS> <BS>");
    let Mode::Triage(t) = &app.mode else { panic!() };
    assert_eq!((t.owner.text(), t.field), ("", 5));
    press(&mut app, "<BS>");
    let Mode::Triage(t) = &app.mode else { panic!() };
    assert_eq!((t.field, t.effort.as_str()), (4, "8"));
    // A new name (no completion) is kept as typed.
    press(&mut app, "d a n a <Enter>");
    assert_eq!(app.plan().debt("D-00102").unwrap().owner, "dana");
    // A letter on a rating is refused, naming the way on.
    let mut app = self::app();
    press(&mut app, "2 t x");
    let Mode::Triage(t) = &app.mode else { panic!() };
    assert!(
        t.error.as_deref().unwrap_or("").contains("is a rating"),
        "{t:?}"
    );
}
