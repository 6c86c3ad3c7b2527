//! `bearing org` in a real terminal (tmux, 80×24) on a workspace of local
//! teams, one of them unreadable: the teams view with its warning row, the
//! debt view, a search across teams, Enter into one team's plan
//! (read-only, on the row's debt item), `q` back to the org view and `q`
//! out with the terminal given back.

mod common;
mod org_support;

use common::tmux::{AFTER_EXIT, Tmux};
use org_support::Org;

#[test]
fn org_ui_views_search_open_a_team_and_come_back() {
    let org = Org::new();
    let root = org.root();
    org.plan(
        &root.join("infra/bearing.ron"),
        "Terraform state by hand",
        "2",
    );
    // Infra's other item ranks first in its plan.
    org.add_debt(
        &root.join("infra/bearing.ron"),
        "Backups never restored",
        "5",
    );
    org.plan(
        &root.join("ops/bearing.ron"),
        "Pager rota in a spreadsheet",
        "4",
    );
    std::fs::create_dir_all(root.join("broken")).unwrap();
    std::fs::write(root.join("broken/bearing.ron"), "(north_star: \"half").unwrap();
    let ws = org.workspace(
        "    (id: \"infra\", name: \"Infra\", path: \"../infra/bearing.ron\"),\n\
         \x20   (id: \"ops\", name: \"Ops\", path: \"../ops/bearing.ron\"),\n\
         \x20   (id: \"broken\", name: \"Broken\", path: \"../broken/bearing.ron\"),\n",
    );
    let file = ws.join("bearing-org.ron");
    // The workspace's title names the org view.
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        format!("(\n  title: \"Platform group\",{}", &text[1..]),
    )
    .unwrap();
    let env = format!(
        "HOME={0} GIT_CONFIG_NOSYSTEM=1 BEARING_CACHE_DIR={0}/cache",
        root.display()
    );
    let cmd = format!(
        "{} org --org {}; {AFTER_EXIT}; sleep 60",
        common::tmux::app(&root.join("data"), &env),
        file.display()
    );
    let Some(t) = Tmux::spawn("org-ui", &ws, &cmd) else {
        return;
    };
    let s = t.wait_for("1 Teams");
    assert!(s.contains("infra") && s.contains("ops"), "{s}");
    assert!(
        s.contains("Platform group"),
        "the title line names it:\n{s}"
    );
    assert!(
        s.contains("Broken ⚠"),
        "the unreadable team is a warning row:\n{s}"
    );
    // On its row, why, whole: the reason (a temporary path, wider than
    // 80 columns) wraps over the bottom lines rather than being cut.
    t.keys(&["j", "j"]);
    let s = t.wait_for("string");
    assert!(s.contains(" broken: Broken ⚠ parse:"), "{s}");
    let words = s.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains("broken/bearing.ron:1:14: Expected end of string"),
        "{s}"
    );

    // The cross-team ranking, ids as team:ID.
    t.keys(&["2"]);
    let s = t.wait_for("ops:D-");
    assert!(s.contains("infra:D-"), "{s}");

    // Search across teams, keep the filter, open the row's team.
    t.keys(&["/"]);
    t.text("terraform");
    let s = t.wait_for("/terraform");
    assert!(!s.contains("Pager rota"), "the search filters:\n{s}");
    t.keys(&["Enter", "Enter"]);
    let s = t.wait_for("1 Overview");
    assert!(
        s.contains("read-only"),
        "the team's plan opens read-only:\n{s}"
    );
    // On the row's item: the Debt view, the item selected (its details
    // below the table), though it ranks second in its team's plan.
    let s = t.wait_for("cost of delay");
    assert!(
        s.lines()
            .any(|l| l.starts_with("D-") && l.contains("Terraform state by hand")),
        "the debt item is selected in the Debt view:\n{s}"
    );

    // Quitting the plan UI comes back to the org view; q there exits.
    t.keys(&["q"]);
    t.wait_for("1 Teams");
    t.keys(&["q"]);
    t.assert_restored(0);
}

/// Without a terminal (a pipe, CI) `bearing org` prints `org status`
/// rather than failing as a usage error.
#[test]
fn org_alone_without_a_terminal_prints_the_status() {
    let org = Org::new();
    let root = org.root();
    org.plan(
        &root.join("infra/bearing.ron"),
        "Terraform state by hand",
        "2",
    );
    let ws =
        org.workspace("    (id: \"infra\", name: \"Infra\", path: \"../infra/bearing.ron\"),\n");
    let out = org.ok(&ws, &["org"]);
    assert_eq!(out, org.ok(&ws, &["org", "status"]));
    assert!(out.contains("infra"), "{out}");
}

/// `org fetch` in another shell while the org UI is open: `r` reads the
/// cache again and the team's new item shows, the UI never blocked.
#[test]
fn r_reloads_after_a_fetch_in_another_process() {
    let org = Org::new();
    let root = org.root();
    let repo = org.team_repo("payments", "Card retries double charge");
    let ws = org.workspace(&format!(
        "    (id: \"payments\", name: \"Payments\", git: \"{}\", rev: \"main\", path: \"plan/bearing.ron\"),\n",
        org.url("payments")
    ));
    org.ok(&ws, &["org", "fetch"]);
    let file = ws.join("bearing-org.ron");
    let env = format!(
        "HOME={0} GIT_CONFIG_NOSYSTEM=1 BEARING_CACHE_DIR={0}/cache",
        root.display()
    );
    let cmd = format!(
        "{} org --org {}; {AFTER_EXIT}; sleep 60",
        common::tmux::app(&root.join("data"), &env),
        file.display()
    );
    let Some(t) = Tmux::spawn("org-reload", &ws, &cmd) else {
        return;
    };
    t.keys(&["2"]);
    let s = t.wait_for("Card retries double charge");
    assert!(!s.contains("Ledger export"), "{s}");

    // The team pushes a new item; another shell fetches it.
    org.add_debt(
        &repo.join("plan/bearing.ron"),
        "Ledger export times out",
        "5",
    );
    org.commit(&repo, "ledger");
    org.ok(&ws, &["org", "fetch"]);
    // `r` at once (the UI would also notice by itself within 2 s).
    t.keys(&["r"]);
    let s = t.wait_for("Ledger export times out");
    assert!(s.contains("Card retries double charge"), "{s}");
    t.wait_for("reloaded: 1 of 1 team read");
    // The team's plan opened from the Teams view is the new commit (at 80
    // columns the Teams view leaves its read column out for health).
    t.keys(&["1", "Enter"]);
    t.wait_for(&org.head(&repo));
    t.keys(&["q"]);
    t.wait_for("1 Teams");
    t.keys(&["q"]);
    t.assert_restored(0);
}

/// Without a key: the UI stamps what it read every 2 s and reloads by
/// itself when an `org fetch` elsewhere brought a new commit.
#[test]
fn the_org_ui_reloads_by_itself_when_the_cache_changes() {
    let org = Org::new();
    let root = org.root();
    let repo = org.team_repo("payments", "Card retries double charge");
    let ws = org.workspace(&format!(
        "    (id: \"payments\", name: \"Payments\", git: \"{}\", rev: \"main\", path: \"plan/bearing.ron\"),\n",
        org.url("payments")
    ));
    org.ok(&ws, &["org", "fetch"]);
    let env = format!(
        "HOME={0} GIT_CONFIG_NOSYSTEM=1 BEARING_CACHE_DIR={0}/cache",
        root.display()
    );
    let cmd = format!(
        "{} org --org {}; {AFTER_EXIT}; sleep 60",
        common::tmux::app(&root.join("data"), &env),
        ws.join("bearing-org.ron").display()
    );
    let Some(t) = Tmux::spawn("org-watch", &ws, &cmd) else {
        return;
    };
    t.keys(&["2"]);
    t.wait_for("Card retries double charge");
    org.add_debt(
        &repo.join("plan/bearing.ron"),
        "Ledger export times out",
        "5",
    );
    org.commit(&repo, "ledger");
    org.ok(&ws, &["org", "fetch"]);
    let s = t.wait_for("Ledger export times out");
    assert!(s.contains("reloaded: 1 of 1 team read"), "{s}");
    t.keys(&["q"]);
    t.assert_restored(0);
}
