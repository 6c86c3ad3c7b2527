//! Issue 11 point 2: no import cycle among the TUI's modules. Reads every
//! file under `src/tui/`, collects which sibling modules it names
//! (`use super::x`, `super::{x, y}`, `crate::tui::x`, also in paths inside
//! code), and fails on a cycle between two or more of them, naming it. A
//! module's own submodules count as the module; `src/tui/mod.rs` (the
//! parent: the event loop) and test files are left out.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

type Graph = BTreeMap<String, BTreeSet<String>>;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// A file's source without comments and without its inline test module.
fn code(text: &str) -> String {
    let text = match text.find("#[cfg(test)]\nmod tests {") {
        Some(i) => &text[..i],
        None => text,
    };
    text.lines()
        .map(|l| l.find("//").map_or(l, |i| &l[..i]))
        .collect::<Vec<_>>()
        .join("\n")
}

fn ident(s: &str) -> &str {
    let end = s
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(s.len());
    &s[..end]
}

/// The first segments named after each occurrence of `prefix`: `x` in
/// `prefix x::…` and `x`, `y` in `prefix {x, y::z, …}`.
fn named_after(code: &str, prefix: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = code;
    while let Some(i) = rest.find(prefix) {
        let before = rest[..i].chars().next_back();
        rest = &rest[i + prefix.len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
            continue;
        }
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 0;
            let mut start = 0;
            for (j, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => {
                        out.insert(ident(group[start..j].trim()).to_owned());
                        break;
                    }
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        out.insert(ident(group[start..j].trim()).to_owned());
                        start = j + 1;
                    }
                    _ => {}
                }
            }
        } else {
            out.insert(ident(rest).to_owned());
        }
    }
    out.retain(|s| !s.is_empty() && s != "self" && s != "super");
    out
}

/// Which sibling modules each module of `src/tui` uses.
fn tui_graph(root: &Path) -> Graph {
    let mut files = Vec::new();
    rust_files(root, &mut files);
    let mut modules: BTreeSet<String> = BTreeSet::new();
    for f in &files {
        let rel = f.strip_prefix(root).unwrap();
        let first = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy();
        let name = first.trim_end_matches(".rs").to_owned();
        if name != "mod" {
            modules.insert(name);
        }
    }
    let mut graph = Graph::new();
    for f in &files {
        let rel = f.strip_prefix(root).unwrap();
        let parts: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let file = parts.last().unwrap().as_str();
        let module = parts[0].trim_end_matches(".rs").to_owned();
        if module == "mod" || file == "tests.rs" || file.ends_with("tests.rs") {
            continue;
        }
        // How many `super::` lead from this file to `src/tui`.
        let depth = parts.len() - usize::from(file == "mod.rs");
        let src = code(&std::fs::read_to_string(f).unwrap());
        let mut used = named_after(&src, "crate::tui::");
        used.extend(named_after(&src, &"super::".repeat(depth)));
        let deps = graph.entry(module.clone()).or_default();
        for u in used {
            if u != module && modules.contains(&u) {
                deps.insert(u);
            }
        }
    }
    graph
}

/// One cycle, as the modules along it, if there is any.
fn find_cycle(graph: &Graph) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &Graph,
        stack: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = stack.iter().position(|n| n == node) {
            let mut cycle = stack[at..].to_vec();
            cycle.push(node.to_owned());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        stack.push(node.to_owned());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(c) = visit(next, graph, stack, done) {
                return Some(c);
            }
        }
        stack.pop();
        done.insert(node.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    for node in graph.keys() {
        if let Some(c) = visit(node, graph, &mut Vec::new(), &mut done) {
            return Some(c);
        }
    }
    None
}

#[test]
fn the_tui_modules_import_each_other_in_no_circle() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/tui");
    let graph = tui_graph(&root);
    assert!(graph.len() > 15, "too few modules read: {graph:?}");
    if let Some(cycle) = find_cycle(&graph) {
        panic!(
            "import cycle among src/tui modules: {}\n(the graph: {graph:#?})",
            cycle.join(" → ")
        );
    }
}

#[test]
fn state_holds_data_and_names_no_behaviour_module() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/tui");
    let graph = tui_graph(&root);
    let allowed = ["action", "cache", "components"];
    let uses = &graph["state"];
    let extra: Vec<&String> = uses
        .iter()
        .filter(|m| !allowed.contains(&m.as_str()))
        .collect();
    assert!(
        extra.is_empty(),
        "src/tui/state uses {extra:?}: state is data; behaviour imports it, not the reverse"
    );
}

#[test]
fn the_scanner_sees_imports_and_cycles() {
    let code = code(
        "use super::{app::App, state::{Mode, Prompt}};\n// super::quit\nfn f() { super::pickers::jump(); crate::tui::views::draw(); }",
    );
    let names = named_after(&code, "super::");
    assert_eq!(
        names.into_iter().collect::<Vec<_>>(),
        ["app", "pickers", "state"]
    );
    assert_eq!(
        named_after(&code, "crate::tui::")
            .into_iter()
            .collect::<Vec<_>>(),
        ["views"]
    );
    let mut graph = Graph::new();
    for (a, b) in [("a", "b"), ("b", "c"), ("c", "a"), ("d", "a")] {
        graph.entry(a.into()).or_default().insert(b.into());
    }
    assert_eq!(find_cycle(&graph).unwrap(), ["a", "b", "c", "a"]);
    graph.get_mut("c").unwrap().clear();
    assert_eq!(find_cycle(&graph), None);
}
