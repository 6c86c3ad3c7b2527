//! Importing a spreadsheet's CSV from the UI with the real binary in tmux
//! at 80×24: a refused file lists every problem, Enter goes on with only
//! the valid rows, the summary says what the import would do, Enter applies
//! it, and the file has them.

mod common;

use bearing::model::Plan;
use common::tmux::{AFTER_EXIT, Tmux};

#[test]
fn a_refused_csv_lists_every_problem_and_imports_the_valid_rows() {
    let dir = tempfile::tempdir().unwrap();
    let plan_path = dir.path().join("bearing.ron");
    std::fs::write(&plan_path, bearing::store::embedded::DEMO).unwrap();
    // As Excel writes it: a BOM, CRLF, and 10 bad rows among 30 (the
    // problems do not fit on one screen).
    let mut csv = String::from("\u{feff}title,effort,risk\r\n");
    for i in 1..=30 {
        let risk = if i % 5 == 0 || i % 7 == 0 { 9 } else { 1 };
        csv.push_str(&format!("Imported row {i},2,{risk}\r\n"));
    }
    // The prompt offers ./backlog.csv: Enter takes it.
    std::fs::write(dir.path().join("backlog.csv"), csv).unwrap();
    let load = |p: &std::path::Path| -> Plan { bearing::store::load(p).unwrap().plan };
    let before = load(&plan_path).debts.len();

    let cmd = format!(
        "{}; {AFTER_EXIT}; sleep 60",
        common::tmux::app(&dir.path().join("data"), "")
    );
    let Some(t) = Tmux::spawn("import", dir.path(), &cmd) else {
        return;
    };
    t.wait_for("1 Overview");
    t.keys(&["2", "I"]);
    t.wait_for("Import debt from");
    t.keys(&["Enter"]);
    // Rows 5,10,…,30 (6) and 7,14,21,28 (4): 10 problems on lines 6…31.
    let s = t.wait_for("10 problems in 10 rows; Enter imports the 20 valid rows only");
    assert!(s.contains("backlog.csv:6: risk: must be 0–5, got 9"), "{s}");
    assert!(s.contains("— 1/10"), "{s}");
    t.keys(&["j", "j", "j", "j", "j", "j", "j", "j", "j", "j", "j"]);
    let s = t.wait_for("— 10/10");
    assert!(
        s.contains("backlog.csv:31: risk: must be 0–5, got 9"),
        "{s}"
    );
    assert_eq!(load(&plan_path).debts.len(), before, "nothing imported yet");

    t.keys(&["Enter"]);
    // The summary of what it would do, then Enter applies it.
    let s = t.wait_for("20 added, 0 updated, 0 closed, 0 unchanged (skipped 10 invalid rows)");
    assert!(s.contains("added D-"), "{s}");
    assert_eq!(load(&plan_path).debts.len(), before, "nothing imported yet");
    t.keys(&["Enter"]);
    t.wait_for("imported from");
    let plan = common::tmux::plan_when(&plan_path, |p| p.debts.len() == before + 20);
    assert_eq!(plan.debts.len(), before + 20);
    assert!(plan.debts.iter().any(|d| d.title == "Imported row 1"));
    assert!(!plan.debts.iter().any(|d| d.title == "Imported row 5"));
    t.quit();
}
