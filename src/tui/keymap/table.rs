//! The README's key table, generated from [`BINDINGS`] so it cannot drift.

use super::{BINDINGS, Scope, grouped};

fn all_scopes() -> Vec<Scope> {
    let mut scopes: Vec<Scope> = Vec::new();
    for b in BINDINGS {
        if !scopes.contains(&b.scope) {
            scopes.push(b.scope);
        }
    }
    scopes
}

/// The key table for the README.
pub fn markdown_table() -> String {
    let mut out = String::from("| Keys | Where | Does |\n|---|---|---|\n");
    for (scope, keys, help) in grouped(&all_scopes()) {
        let keys: Vec<String> = keys.iter().map(|k| format!("`{k}`")).collect();
        out.push_str(&format!(
            "| {} | {} | {} |\n",
            keys.join(" "),
            scope.label(),
            help
        ));
    }
    out
}
