//! The HTML report from the real UI in tmux at 80×24: Sprints, `E`, answer
//! `html`, keep the offered path; the page lands beside the plan and the
//! status line says where.

mod common;

use common::tmux::DemoUi;

#[test]
fn the_sprint_export_key_writes_the_html_report_beside_the_plan() {
    let ui = DemoUi::new();
    let Some(t) = ui.open("report-export") else {
        return;
    };
    t.keys(&["3", "G", "E"]);
    t.wait_for("html: the report");
    t.keys(&["C-u"]);
    t.text("html");
    t.keys(&["Enter"]);
    t.wait_for("Write the report to");
    t.keys(&["Enter"]);
    let s = t.wait_for("wrote the report (html)");
    assert!(s.contains("report.html"), "{s}");
    let page = std::fs::read_to_string(ui.dir.path().join("report.html")).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"), "{page}");
    assert!(page.contains("<h2>Top debt</h2>"));
    t.quit();
}
