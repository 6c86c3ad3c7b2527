//! Unit tests of the sprint view's pure helpers.

use super::*;

#[test]
fn file_stems_are_safe() {
    assert_eq!(file_stem("Debt sprint 22"), "debt-sprint-22");
    assert_eq!(file_stem("../../etc/passwd"), "etc-passwd");
    assert_eq!(file_stem("  !!  "), "sprint");
}

#[test]
fn the_checklist_toggles_and_clamps() {
    let mut c = Checklist {
        sprint: "S".into(),
        items: vec![("a".into(), false), ("b".into(), true)],
        selected: 0,
    };
    c.toggle();
    c.step(5);
    c.toggle();
    assert_eq!(c.selected, 1);
    assert_eq!(c.done(), ["a"]);
    c.step(-9);
    assert_eq!(c.selected, 0);
}
