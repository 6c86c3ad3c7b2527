//! The keymap's own rules: no key bound twice, docs generated from it.
//! Compiled only under `#[cfg(test)] mod tests;` in the parent.

use super::*;
use std::collections::HashSet;

fn ev(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
    KeyEvent::new(code, mods)
}

#[test]
fn no_key_is_bound_twice_in_a_scope() {
    let mut seen = HashSet::new();
    for b in BINDINGS {
        assert!(
            seen.insert((b.scope, b.key)),
            "{} bound twice in {:?}",
            b.key.label(),
            b.scope
        );
    }
}

#[test]
fn view_keys_do_not_shadow_global_ones() {
    let global: HashSet<Key> = BINDINGS
        .iter()
        .filter(|b| b.scope == Scope::Global || b.scope == Scope::Always)
        .map(|b| b.key)
        .collect();
    for b in BINDINGS
        .iter()
        .filter(|b| matches!(b.scope, Scope::View(_)))
    {
        assert!(
            !global.contains(&b.key),
            "{} shadows a global key",
            b.key.label()
        );
    }
}

#[test]
fn keys_resolve_by_mode_and_view() {
    let n = ModeKind::Normal;
    assert_eq!(
        lookup(n, View::Debt, ev(K::Char('q'), KeyModifiers::NONE)),
        Some(A::Quit)
    );
    assert_eq!(
        lookup(n, View::Debt, ev(K::Char('c'), KeyModifiers::CONTROL)),
        Some(A::Quit)
    );
    assert_eq!(
        lookup(n, View::Debt, ev(K::Char('?'), KeyModifiers::SHIFT)),
        Some(A::Help)
    );
    assert_eq!(
        lookup(n, View::Debt, ev(K::Char('G'), KeyModifiers::SHIFT)),
        Some(A::Bottom)
    );
    assert_eq!(
        lookup(n, View::Debt, ev(K::BackTab, KeyModifiers::SHIFT)),
        Some(A::PrevView)
    );
    assert_eq!(
        lookup(n, View::Debt, ev(K::Char('R'), KeyModifiers::CONTROL)),
        Some(A::Redo)
    );
    assert_eq!(
        lookup(n, View::Debt, ev(K::Char('+'), KeyModifiers::SHIFT)),
        Some(A::RaiseRating)
    );
    // View keys only in their view.
    assert_eq!(
        lookup(n, View::Sprints, ev(K::Char('+'), KeyModifiers::NONE)),
        None
    );
    // An overlay takes the keys; Ctrl-C still quits.
    let help = ModeKind::Help;
    assert_eq!(
        lookup(help, View::Debt, ev(K::Char('q'), KeyModifiers::NONE)),
        Some(A::Back)
    );
    assert_eq!(
        lookup(help, View::Debt, ev(K::Char('d'), KeyModifiers::NONE)),
        None
    );
    assert_eq!(
        lookup(help, View::Debt, ev(K::Char('c'), KeyModifiers::CONTROL)),
        Some(A::Quit)
    );
}

#[test]
fn markdown_table_lists_every_binding() {
    let t = markdown_table();
    assert!(t.starts_with("| Keys | Where | Does |\n|---|---|---|\n"));
    assert!(t.contains("| `q` | all views | quit |"), "{t}");
    assert!(t.contains("| `j` `↓` | all views | move down |"), "{t}");
    assert!(
        t.contains("| `:` `Ctrl-p` | all views | command palette |"),
        "{t}"
    );
    assert!(t.contains("| `y` | y/n prompt | yes |"), "{t}");
    let labels: usize = t.lines().skip(2).map(|l| l.matches('`').count() / 2).sum();
    assert_eq!(labels, BINDINGS.len());
}

#[test]
fn palette_commands_are_unique_and_carry_their_keys() {
    let cmds = commands(View::Debt);
    let quit = cmds.iter().find(|c| c.name == "quit").unwrap();
    assert_eq!(quit.keys, ["q", "Ctrl-c"]);
    assert_eq!(cmds[0].action, A::Filter);
    let mut names: Vec<_> = cmds.iter().map(|c| c.name).collect();
    names.sort();
    let n = names.len();
    names.dedup();
    assert_eq!(names.len(), n, "two actions share a palette name");
    assert!(
        !commands(View::Sprints)
            .iter()
            .any(|c| c.action == A::RaiseRating)
    );
}

#[test]
fn help_shows_view_keys_first() {
    let help = help_for(View::Debt);
    assert_eq!(help[0].0, Scope::View(View::Debt));
    assert!(help.iter().any(|(_, k, h)| k == &["u"] && *h == "undo"));
    assert!(
        !help
            .iter()
            .any(|(s, _, _)| *s == Scope::View(View::Experiments))
    );
}

#[test]
fn every_normal_mode_action_is_in_every_views_palette() {
    for view in View::ALL {
        let entries = palette(view);
        for b in BINDINGS {
            let runs_in = match b.scope {
                Scope::Always | Scope::Global => None,
                Scope::View(v) if v == view => None,
                Scope::View(v) => Some(v),
                Scope::Mode(_) => continue,
            };
            assert!(
                entries
                    .iter()
                    .any(|e| e.command.action == b.action && e.view == runs_in),
                "{:?} ({}) is not in the palette of {view:?}",
                b.action,
                b.key.label()
            );
        }
        let mut labels: Vec<&str> = entries.iter().map(|e| e.label.as_str()).collect();
        let n = labels.len();
        labels.sort();
        labels.dedup();
        assert_eq!(
            labels.len(),
            n,
            "two palette entries share a label in {view:?}"
        );
    }
    let from_overview = palette(View::Overview);
    let cycle = from_overview
        .iter()
        .find(|e| e.command.action == A::CycleStatus)
        .unwrap();
    assert_eq!(cycle.label, "cycle status (Debt)");
    assert_eq!(cycle.command.keys, ["x", "Space"]);
}
