//! The new user's journey (helper H13), with the real binary in tmux at
//! 80×24: `task export | bearing import taskwarrior -` brings an item with
//! no owner and no effort (check warns); one triage pass — ratings, effort,
//! then the owner — and `bearing check` passes: no `debt-without-owner`.

mod common;

use common::cli::Sandbox;
use common::tmux::{AFTER_EXIT, Tmux};

/// `task export` of one pending task, as taskwarrior 2.6 writes it.
const EXPORT: &str = r#"[
{"id":1,"description":"Replace the cron-based retry with a queue","entry":"20261101T102019Z","modified":"20261101T102020Z","priority":"H","project":"billing.jobs","status":"pending","uuid":"b40ce4b3-e591-4a86-8b33-aeae27da3cdc","tags":["debt"],"urgency":13.1}
]"#;

#[test]
fn one_triage_pass_gives_the_owner_check_asks_for() {
    let sb = Sandbox::init();
    let export = sb.write("export.json", EXPORT);
    sb.ok(&["import", "taskwarrior", &export]);
    let before = sb.run(&["check"]);
    assert!(before.stdout.contains("no owner"), "{}", before.stdout);

    let data = sb.path().join("data");
    let cmd = format!("{}; {AFTER_EXIT}; sleep 60", common::tmux::app(&data, ""));
    let Some(t) = Tmux::spawn("triage-owner", sb.path(), &cmd) else {
        return;
    };
    t.wait_for("1 Overview");
    t.keys(&["2", "t"]);
    t.wait_for("Triage 1 of 1");
    t.keys(&["3", "2", "4", "1", "5", "a", "n", "n"]);
    t.wait_for("[owner ann]");
    t.keys(&["Enter"]);
    t.wait_for("the triage queue is empty");
    let plan = common::tmux::plan_when(&sb.plan(), |p| p.debts.iter().any(|d| d.owner == "ann"));
    let d = &plan.debts[0];
    assert_eq!(
        (d.ratings(), d.effort, d.owner.as_str()),
        ([3, 2, 4, 1], Some(5), "ann")
    );
    t.quit();
    let after = sb.run(&["check"]);
    assert_eq!(after.code, 0, "{}{}", after.stdout, after.stderr);
    assert!(
        !after.stdout.contains("debt-without-owner"),
        "{}",
        after.stdout
    );
}
