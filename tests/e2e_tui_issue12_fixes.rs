//! Issue 12 findings 1 and 2 with the real binary in tmux at 80×24, on a
//! copy of the demo plan: an edit form's save keeps a change the CLI made
//! while it was open, and the UI never reports a conflict with its own
//! earlier save when the CLI writes between two of its keystrokes.

mod common;

use common::tmux::DemoUi;

/// The id in the open edit form's title ("Edit D-XR8YJ").
fn form_id(screen: &str) -> String {
    let at = screen.find("Edit ").expect("an edit form") + "Edit ".len();
    screen[at..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect()
}

#[test]
fn a_form_save_keeps_a_risk_the_cli_changed_while_it_was_open() {
    let f = DemoUi::new();
    let Some(t) = f.open("issue12fix-form") else {
        return;
    };
    t.keys(&["2"]);
    t.wait_for("cost of delay");
    t.keys(&["g", "e"]);
    let id = form_id(&t.wait_for("Edit D-"));
    let before = bearing::store::load(&f.path).unwrap().plan;
    let old = before.debt(&id).unwrap().clone();
    let risk = if old.risk == 1 { 2 } else { 1 };
    t.keys(&["End"]);
    t.text(" 2");
    f.cli(&["edit", &id, "--risk", &risk.to_string()]);
    t.wait_for(&format!("{id} risk {}→{risk}", old.risk));
    t.keys(&["Enter"]);
    t.wait_for(&format!("saved {id}"));
    let disk = f.plan_when(|p| p.debt(&id).is_some_and(|d| d.title.ends_with(" 2")));
    let d = disk.debt(&id).unwrap();
    assert_eq!(d.title, format!("{} 2", old.title), "the form's edit");
    assert_eq!(d.risk, risk, "the CLI's risk survives the form's save");
    t.quit();
}

#[test]
fn the_ui_never_clashes_with_its_own_earlier_save() {
    let f = DemoUi::new();
    let Some(t) = f.open("issue12fix-own") else {
        return;
    };
    t.keys(&["2"]);
    t.wait_for("cost of delay");
    t.keys(&["g", "e"]);
    let id = form_id(&t.wait_for("Edit D-"));
    t.keys(&["Escape"]);
    let plan = bearing::store::load(&f.path).unwrap().plan;
    let customer = plan.debt(&id).unwrap().customer;
    let (lower, raise) = if customer == 0 {
        ("+", "-")
    } else {
        ("-", "+")
    };
    let other = plan.debts.iter().find(|d| d.id != id).unwrap().id.clone();
    for n in 1..=4u8 {
        // A keystroke, the CLI ~50 ms later on another item, a keystroke.
        t.keys(&[lower]);
        f.cli(&["edit", &other, "--risk", &n.to_string()]);
        t.keys(&[raise]);
        let disk = f.plan_when(|p| {
            p.debt(&other).is_some_and(|d| d.risk == n)
                && p.debt(&id).is_some_and(|d| d.customer == customer)
        });
        let s = t.screen();
        assert!(
            !s.contains("changed on disk —"),
            "round {n}: a conflict screen\n{s}"
        );
        assert!(!s.contains("CONFLICTS"), "round {n}\n{s}");
        assert_eq!(disk.debt(&other).unwrap().risk, n, "round {n}: theirs");
        assert_eq!(
            disk.debt(&id).unwrap().customer,
            customer,
            "round {n}: ours"
        );
    }
    t.quit();
}
