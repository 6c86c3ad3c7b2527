//! The forecast as a person sees it: the real UI in tmux at 80×24 on a copy
//! of the demo, the sprint view's forecast line, and the line following an
//! item marked done from the command line while the UI is open.

mod common;

use common::tmux::DemoUi;

#[test]
fn the_sprint_views_forecast_follows_an_item_done_outside() {
    let ui = DemoUi::new();
    let Some(t) = ui.open("forecast") else {
        return;
    };
    t.keys(&["3"]);
    // The demo has four closed sprints: a forecast that is not weak.
    let first = t.wait_for("Forecast: 0% of 15 pts by 27 Nov");
    assert!(first.contains("n=4") && !first.contains("weak"), "{first}");

    // D-64QSW (5 points) of the active sprint done from the shell: the UI
    // reloads, and the forecast counts 10 points left.
    ui.cli(&["edit", "D-64QSW", "--status", "done"]);
    let screen = t.wait_for("Forecast: 0% of 10 pts by 27 Nov");
    assert!(!screen.contains("of 15 pts"), "{screen}");
    t.quit();
}
