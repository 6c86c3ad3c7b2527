//! The org UI can be refreshed (issue 15): `r` asks for a reload (read on
//! the caller's worker, never on the key path); its result keeps the view,
//! the search and the row under the cursor, and says `reloaded: …` or the
//! error. `?` lists the org UI's keys, the same the README's table lists.

mod common;
mod org_support;

use std::path::Path;

use bearing::tui::org::reload::Loaded;
use bearing::tui::org::{OrgApp, OrgEffect};
use bearing::tui::theme::Theme;
use org_support::{Org, press, read_teams, screen};

fn loaded(ws: &Path) -> Loaded {
    let teams = read_teams(ws);
    Loaded {
        label: format!("{} teams", teams.len()),
        title: None,
        teams,
    }
}

#[test]
fn r_reloads_and_keeps_the_view_the_search_and_the_row() {
    let org = Org::new();
    let root = org.root();
    let infra = root.join("infra/bearing.ron");
    org.plan(&infra, "Terraform state by hand", "2");
    org.plan(
        &root.join("ops/bearing.ron"),
        "Terraform modules copied",
        "4",
    );
    let ws = org.workspace(
        "    (id: \"infra\", name: \"Infra\", path: \"../infra/bearing.ron\"),\n\
         \x20   (id: \"ops\", name: \"Ops\", path: \"../ops/bearing.ron\"),\n",
    );
    let mut app = OrgApp::new(read_teams(&ws), common::day("2026-11-20"), "2 teams".into());
    app.theme = Theme::plain();
    // The Debt view, filtered, the cursor on its second row.
    press(
        &mut app,
        &["2", "/", "t", "e", "r", "r", "a", "<Enter>", "j"],
    );
    let before = app.current().unwrap().cells[1].clone();
    assert_eq!(app.visible.len(), 2);

    // Another shell changes a team's plan: a new item, ranked first.
    org.add_debt(&infra, "Terraform provider pinned to a fork", "5");
    assert_eq!(press(&mut app, &["r"]), OrgEffect::Reload);
    assert!(app.reloading);
    assert!(screen(&app, 80, 24).contains("reloading…"));
    // Keys still work while it reads; a second `r` waits for the first.
    assert_eq!(press(&mut app, &["r"]), OrgEffect::None);
    app.reloaded(Ok(loaded(&ws)));
    assert!(!app.reloading);

    assert_eq!(app.view, bearing::tui::org::OrgView::Debt);
    assert_eq!(app.query, "terra", "the filter stays");
    assert_eq!(app.visible.len(), 3, "the new item shows");
    assert_eq!(
        app.current().unwrap().cells[1],
        before,
        "the cursor stays on its row, though a new one came before it"
    );
    let s = screen(&app, 80, 24);
    assert!(s.contains("Terraform provider pinned"), "{s}");
    let said = app.message.clone().unwrap();
    assert!(said.starts_with("reloaded: 2 of 2 teams read"), "{said}");
    assert!(said.contains("debt 2 → 3"), "{said}");
    // The watcher then sees the same change `r` read: what was said stays.
    app.reloaded(Ok(loaded(&ws)));
    assert_eq!(app.message.as_deref(), Some(said.as_str()));

    // An error keeps what was read and says why.
    std::fs::write(ws.join("bearing-org.ron"), "(teams: [").unwrap();
    press(&mut app, &["r"]);
    app.reloaded(Err("bearing-org.ron:1:10: unexpected end".into()));
    assert_eq!(app.visible.len(), 3);
    let s = screen(&app, 80, 24);
    assert!(s.contains("reload failed: bearing-org.ron:1:10"), "{s}");
}

#[test]
fn question_mark_lists_the_keys_and_any_key_closes_it() {
    let org = Org::new();
    org.plan(&org.root().join("infra/bearing.ron"), "Terraform", "2");
    let ws =
        org.workspace("    (id: \"infra\", name: \"Infra\", path: \"../infra/bearing.ron\"),\n");
    let mut app = OrgApp::new(read_teams(&ws), common::day("2026-11-20"), "1 team".into());
    app.theme = Theme::plain();
    press(&mut app, &["?"]);
    let s = screen(&app, 100, 24);
    for (k, what) in bearing::tui::org::keys::KEYS {
        assert!(s.contains(k), "{k}: {s}");
        assert!(s.contains(what), "{what}: {s}");
    }
    // `q` closes the overlay, not the UI.
    assert_eq!(press(&mut app, &["q"]), OrgEffect::None);
    assert!(!app.help);
    assert!(!screen(&app, 100, 24).contains("any key closes"));
    // The bottom line names r and ?.
    let s = screen(&app, 80, 24);
    let bottom = s.lines().last().unwrap();
    assert!(
        bottom.contains("r reload") && bottom.contains("? keys"),
        "{s}"
    );
}

/// The README's table of the org UI's keys lists every key the UI has.
#[test]
fn the_readmes_org_keys_table_matches_the_ui() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start = readme
        .find("Its keys (its own small set")
        .expect("the org UI's keys paragraph");
    let table: Vec<&str> = readme[start..]
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .collect();
    let text = table.join("\n");
    for (keys, _) in bearing::tui::org::keys::KEYS {
        for k in keys.split(", ") {
            let k = k.replace("1-4", "`1`–`4`");
            for part in k.split_whitespace() {
                let part = part.trim_matches('`');
                assert!(
                    text.contains(&format!("`{part}`")) || k.contains('`') || part == "arrows",
                    "the README's org keys table lacks `{part}`:\n{text}"
                );
            }
        }
    }
}
