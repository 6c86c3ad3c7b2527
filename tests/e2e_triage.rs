//! The triage flow with the real binary in tmux at 80×24: two items added
//! without an effort, `2` then `t` opens the flow, digits rate and estimate
//! the first, Enter moves to the second, Esc leaves; the file has the first
//! item's values and the second still unestimated.

mod common;

use common::tmux::{AFTER_EXIT, Tmux};

#[test]
fn triage_empties_the_queue_from_the_keyboard() {
    let (dir, path) = common::tmux::demo_copy();
    let data = dir.path().join("data");
    for (title, risk) in [("Ledger retry storms", "2"), ("Invoice PDFs time out", "4")] {
        let r = common::cli::run(dir.path(), &["add", "debt", title, "--risk", risk]);
        assert_eq!(r.code, 0, "{}", r.stderr);
    }
    let cmd = format!("{}; {AFTER_EXIT}; sleep 60", common::tmux::app(&data, ""));
    let Some(t) = Tmux::spawn("triage", dir.path(), &cmd) else {
        return;
    };
    let t = t.holding(dir);
    t.wait_for("1 Overview");
    t.wait_for("2 items to triage");
    t.keys(&["2", "t"]);
    let s = t.wait_for("Triage 1 of 2");
    assert!(s.contains("Invoice PDFs time out"), "{s}");
    t.keys(&["3", "2", "4", "1", "5"]);
    t.wait_for("[effort 5]");
    t.keys(&["Enter"]);
    let s = t.wait_for("Triage 2 of 2");
    assert!(s.contains("Ledger retry storms"), "{s}");
    t.keys(&["Escape"]);
    t.wait_for("triaged 1 item; 1 item still to triage");
    let plan = common::tmux::plan_when(&path, |p| {
        p.debts
            .iter()
            .any(|d| d.title == "Invoice PDFs time out" && d.effort.is_some())
    });
    let pdf = plan
        .debts
        .iter()
        .find(|d| d.title == "Invoice PDFs time out")
        .unwrap();
    assert_eq!((pdf.ratings(), pdf.effort), ([3, 2, 4, 1], Some(5)));
    let ledger = plan
        .debts
        .iter()
        .find(|d| d.title == "Ledger retry storms")
        .unwrap();
    assert_eq!(ledger.effort, None);
    t.quit();
}
