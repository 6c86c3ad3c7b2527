//! A delete on one branch while the other puts the item in a sprint: the
//! conflict names its cause (the sprint that lists it) in the driver's
//! message, `check` and `resolve`, and keeping the delete drops the
//! sprint's link as `bearing rm` would, so `check` passes afterwards.
//! Real git with the driver, real binary.

#[path = "driver/repo.rs"]
mod repo;

use std::process::Command;

use bearing::model::{DebtStatus, Plan, SprintState};
use repo::{Repo, bin, have_git};

fn bearing(r: &Repo, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(bin())
        .arg("--file")
        .arg(r.plan_path())
        .args(args)
        .current_dir(r.path())
        .env_remove("BEARING_FILE")
        .env("BEARING_TODAY", "2026-11-20")
        .env(
            "BEARING_DATA_DIR",
            r.path().join(".git").join("bearing-data"),
        )
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", r.path())
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn deleting_an_item_the_other_branch_put_in_a_sprint_names_the_sprint_and_keeps_the_plan_valid() {
    if !have_git() {
        return;
    }
    let r = Repo::new();
    let base: Plan = bearing::store::format::from_text(bearing::store::embedded::DEMO).unwrap();
    let in_sprint = |p: &Plan, id: &str| p.sprints.iter().any(|s| s.items.iter().any(|i| i == id));
    let debt = base
        .debts
        .iter()
        .find(|d| {
            d.status == DebtStatus::Open
                && !in_sprint(&base, &d.id)
                && base.references_to(&d.id).is_empty()
        })
        .unwrap()
        .id
        .clone();
    let sprint = base
        .sprints
        .iter()
        .find(|s| s.state != SprintState::Closed)
        .unwrap()
        .id
        .clone();
    r.write_plan(&base);
    r.commit("base");
    r.ok(&["checkout", "-q", "-b", "topic"]);
    let mut theirs = base.clone();
    theirs
        .sprints
        .iter_mut()
        .find(|s| s.id == sprint)
        .unwrap()
        .items
        .push(debt.clone());
    r.write_plan(&theirs);
    r.commit("plan it");
    r.ok(&["checkout", "-q", "main"]);
    let mut ours = base.clone();
    ours.debts.retain(|d| d.id != debt);
    r.write_plan(&ours);
    r.commit("drop it");

    let out = r.git(&["merge", "--no-edit", "topic"]);
    assert!(!out.status.success());
    let said =
        String::from_utf8_lossy(&out.stderr).into_owned() + &String::from_utf8_lossy(&out.stdout);
    let why = format!("ours deleted it; theirs links to it from {sprint} (items)");
    assert!(said.contains(&why), "{said}");

    let (code, stdout, _) = bearing(&r, &["check"]);
    assert_eq!(code, 1);
    assert!(
        stdout.contains(&format!("{debt} (whole item; linked from {sprint})")),
        "{stdout}"
    );

    let (code, stdout, stderr) = bearing(&r, &["resolve", "--ours"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains(&format!(
            "{debt} whole item (linked from {sprint}): kept ours"
        )),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!(
            "{debt}: deleted, so {sprint} no longer lists it (as bearing rm does)"
        )),
        "{stdout}"
    );
    r.ok(&["add", repo::PLAN]);
    let (code, stdout, _) = bearing(&r, &["check"]);
    assert!(!stdout.contains("dangling"), "{stdout}");
    assert!(!stdout.contains(" error "), "{stdout}");
    let _ = code;
    let got = r.load();
    assert!(!got.debts.iter().any(|d| d.id == debt));
    assert!(!in_sprint(&got, &debt));
}
