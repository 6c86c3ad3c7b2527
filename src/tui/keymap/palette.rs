//! The command palette's entries, from the keymap: what works in a view,
//! and every other view's actions (run in their view).

use super::{Action, BINDINGS, Scope, View};

/// One entry of the command palette: an action that works in the current
/// view, its name, what it does and its keys.
#[derive(Debug, Clone, PartialEq)]
pub struct Command {
    pub action: Action,
    pub name: &'static str,
    pub help: &'static str,
    pub keys: Vec<String>,
}

/// Every action available in `view`'s normal mode, once each, view actions
/// first: what the palette fuzzy-finds.
pub fn commands(view: View) -> Vec<Command> {
    let mut out: Vec<Command> = Vec::new();
    for scope in [Scope::View(view), Scope::Global, Scope::Always] {
        for b in BINDINGS.iter().filter(|b| b.scope == scope) {
            match out.iter_mut().find(|c| c.action == b.action) {
                Some(c) => c.keys.push(b.key.label()),
                None => out.push(Command {
                    action: b.action,
                    name: b.action.name(),
                    help: b.help,
                    keys: vec![b.key.label()],
                }),
            }
        }
    }
    out
}

/// One entry of the command palette: a command and the view it runs in
/// (`None`: the current one; a command of another view switches to it).
#[derive(Debug, Clone, PartialEq)]
pub struct PaletteEntry {
    pub command: Command,
    pub view: Option<View>,
    /// What the palette shows and matches: the name, and the view when it
    /// is another one ("cycle status (Debt)").
    pub label: String,
}

/// Every action of every view's normal mode: this view's and the global
/// ones first, then the other views' in tab order.
pub fn palette(view: View) -> Vec<PaletteEntry> {
    let mut out: Vec<PaletteEntry> = commands(view)
        .into_iter()
        .map(|command| PaletteEntry {
            label: command.name.to_owned(),
            command,
            view: None,
        })
        .collect();
    for other in View::ALL.into_iter().filter(|v| *v != view) {
        let mut seen: Vec<Action> = Vec::new();
        for b in BINDINGS.iter().filter(|b| b.scope == Scope::View(other)) {
            if seen.contains(&b.action) {
                continue;
            }
            seen.push(b.action);
            let mut command = Command {
                action: b.action,
                name: b.action.name(),
                help: b.help,
                keys: Vec::new(),
            };
            command.keys = BINDINGS
                .iter()
                .filter(|x| x.scope == b.scope && x.action == b.action)
                .map(|x| x.key.label())
                .collect();
            out.push(PaletteEntry {
                label: format!("{} ({})", command.name, other.title()),
                command,
                view: Some(other),
            });
        }
    }
    out
}
