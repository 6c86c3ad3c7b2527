//! The chart panel as keys: `c` in the sprint view puts the Burn-up and
//! Velocity in place of the item panes at 80×24, `c` again brings the panes
//! back; elsewhere `c` keeps its own meaning.

mod common;

use bearing::tui::action::View;
use bearing::tui::app::{App, Message};
use bearing::tui::theme::Theme;
use bearing::tui::{NoPersist, views};
use common::keys::press;
use common::{demo, demo_today};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn screen(app: &App) -> String {
    let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
    term.draw(|f| views::draw(f, app)).unwrap();
    term.backend().to_string()
}

#[test]
fn c_toggles_the_charts_in_the_sprint_view() {
    let mut app = App::new(demo(), demo_today(), true, Box::new(NoPersist::demo()));
    app.theme = Theme::plain();
    press(&mut app, "3");
    assert_eq!(app.view, View::Sprints);
    let before = screen(&app);
    assert!(before.contains("Candidates"), "{before}");
    assert!(!before.contains("┌ Burn-up"), "{before}");
    press(&mut app, "c");
    let charts = screen(&app);
    assert!(charts.contains("┌ Burn-up"), "{charts}");
    assert!(charts.contains("┌ Velocity"), "{charts}");
    assert!(!charts.contains("Candidates"), "{charts}");
    // The sprint list still moves under the charts: the planned sprint.
    press(&mut app, "G");
    assert!(
        screen(&app).contains("no burn-up until the sprint starts"),
        "{}",
        screen(&app)
    );
    press(&mut app, "c");
    assert!(screen(&app).contains("Candidates"));
    assert!(!app.sprint.charts);
    // In the key results `c` still checks in (read-only here: refused), and
    // leaves the sprint view's panel alone.
    press(&mut app, "5 j c");
    assert!(!app.sprint.charts);
    assert!(
        matches!(&app.message, Some(Message::Error(m)) if m.starts_with("read-only")),
        "{:?}",
        app.message
    );
}
