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
    // The demo has one closed sprint: a weak forecast, and it says so.
    t.wait_for("Forecast: 0% of 17 pts by 27 Nov");
    t.wait_for("weak: n=1");

    // D-64QSW (5 points) of the active sprint done from the shell: the UI
    // reloads, and the forecast counts 12 points left.
    ui.cli(&["edit", "D-64QSW", "--status", "done"]);
    let screen = t.wait_for("Forecast: 0% of 12 pts by 27 Nov");
    assert!(!screen.contains("of 17 pts"), "{screen}");
    t.quit();
}
