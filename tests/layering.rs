//! The layers, held by a test rather than by good intentions (see
//! ARCHITECTURE.md):
//!
//! - the domain modules never name the front ends (`tui`, `cli`) or the
//!   terminal crates (`ratatui`, `crossterm`), and never touch the file
//!   system themselves (`std::fs`, `File`, `OpenOptions`, `read_dir`,
//!   `.exists()`…): files are the store's business;
//! - the domain modules other than `session` do not use the store either:
//!   what they need from a file (text, item lines) their caller hands in.
//!   `session` is the one domain module that persists, through the store;
//! - every top-level module under `src/` is mentioned in ARCHITECTURE.md;
//! - no shipped code calls `.unwrap()` or `.expect(…)`: what a user or a
//!   file can influence gets an error with context, and what cannot fail
//!   is written so that it cannot (`let … else`, `unwrap_or`, a const).
//!
//! Test code is exempt: `#[cfg(test)]` items (inline `mod tests { … }`) and
//! the files of modules declared `#[cfg(test)] mod x;` may build fixtures
//! with the store and write temporary files; they never ship.
//!
//! The scan is a token scan, not a parser: comments, strings and character
//! literals are blanked out, then path segments (`a::b`), the names inside
//! `use` declarations and a few method calls are looked at.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

#[path = "layering/scan.rs"]
mod scan;
use scan::{test_modules, tokens, without_test_items};

/// The domain: no UI, no command line, no files. `session` may not exist
/// yet; it is checked as soon as it does.
const DOMAIN: [&str; 15] = [
    "model",
    "report",
    "merge",
    "score",
    "planning",
    "check",
    "lifecycle",
    "search",
    "export",
    "import",
    "session",
    "text",
    "synth",
    "scan",
    "org",
];

/// Modules of this crate and crates the domain must not name (`git` runs
/// the `git` command: the front ends use it, the domain never does).
const FRONT_ENDS: [&str; 5] = ["tui", "cli", "ratatui", "crossterm", "git"];

/// Names that mean file system access wherever they appear as code.
const FS_NAMES: [&str; 9] = [
    "File",
    "OpenOptions",
    "DirEntry",
    "read_dir",
    "create_dir_all",
    "remove_file",
    "tempfile",
    "notify",
    "walkdir",
];

/// `Path` methods that ask the file system.
const FS_METHODS: [&str; 7] = [
    "exists",
    "try_exists",
    "is_file",
    "is_dir",
    "metadata",
    "canonicalize",
    "read_link",
];

#[test]
fn domain_modules_stay_out_of_the_ui_the_cli_and_the_file_system() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut problems = Vec::new();
    let mut scanned = 0;
    for module in DOMAIN {
        for file in shipped_files(&src, module) {
            let text = fs::read_to_string(&file).unwrap();
            let shown = file.strip_prefix(&src).unwrap().display().to_string();
            for (line, what) in violations(&text, module != "session") {
                problems.push(format!("src/{shown}:{line}: {what}"));
            }
            scanned += 1;
        }
    }
    assert!(
        scanned > 20,
        "only {scanned} domain files found under {src:?}"
    );
    assert!(
        problems.is_empty(),
        "the domain reaches past its layer:\n{}",
        problems.join("\n")
    );
}

#[test]
fn no_shipped_code_unwraps_or_expects() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut problems = Vec::new();
    let mut scanned = 0;
    for module in top_level_modules(&src) {
        for file in shipped_files(&src, &module) {
            let text = fs::read_to_string(&file).unwrap();
            let shown = file.strip_prefix(&src).unwrap().display().to_string();
            let toks = without_test_items(&tokens(&text));
            for w in toks.windows(3) {
                if w[0].1 == "." && matches!(w[1].1.as_str(), "unwrap" | "expect") && w[2].1 == "("
                {
                    problems.push(format!("src/{shown}:{}: .{}(", w[1].0, w[1].1));
                }
            }
            scanned += 1;
        }
    }
    assert!(scanned > 100, "only {scanned} files found under {src:?}");
    assert!(
        problems.is_empty(),
        "unwrap/expect in shipped code (return an error, or make the failure impossible):\n{}",
        problems.join("\n")
    );
}

#[test]
fn a_test_only_attribute_for_one_platform_is_test_code() {
    let toks = tokens(
        "fn a() { x.unwrap(); }\n#[cfg(all(test, unix))]\nmod t { fn b() { y.unwrap(); } }\nfn c() {}",
    );
    let kept: Vec<String> = without_test_items(&toks).into_iter().map(|t| t.1).collect();
    assert!(
        kept.iter().any(|t| t == "x") && kept.iter().any(|t| t == "c"),
        "{kept:?}"
    );
    assert!(!kept.iter().any(|t| t == "y" || t == "b"), "{kept:?}");
}

#[test]
fn every_top_level_module_is_in_the_architecture_document() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let doc = fs::read_to_string(root.join("ARCHITECTURE.md"))
        .expect("ARCHITECTURE.md at the repository root");
    let mut missing = Vec::new();
    for name in top_level_modules(&root.join("src")) {
        if !mentions(&doc, &format!("src/{name}")) {
            missing.push(name);
        }
    }
    assert!(
        missing.is_empty(),
        "ARCHITECTURE.md does not mention src/{{{}}}: say what each is and what it may use",
        missing.join(", ")
    );
}

/// `src/X.rs` files and `src/X/` directories, by name (`lib`, `main`…).
fn top_level_modules(src: &Path) -> BTreeSet<String> {
    fs::read_dir(src)
        .unwrap()
        .filter_map(|e| {
            let path = e.unwrap().path();
            let name = path.file_name()?.to_str()?.to_owned();
            if path.is_dir() {
                Some(name)
            } else {
                name.strip_suffix(".rs").map(str::to_owned)
            }
        })
        .collect()
}

/// `needle` (`src/check`) as a whole path: followed by `.rs`, `/` or
/// anything that is not part of a name (so `src/text` is not `src/textual`).
fn mentions(doc: &str, needle: &str) -> bool {
    doc.match_indices(needle).any(|(at, _)| {
        let next = doc[at + needle.len()..].chars().next();
        !next.is_some_and(|c| c.is_alphanumeric() || c == '_')
    })
}

/// The files of a module that ship: `src/m.rs` and everything under
/// `src/m/`, without the files of `#[cfg(test)] mod x;` modules.
fn shipped_files(src: &Path, module: &str) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let single = src.join(format!("{module}.rs"));
    if single.is_file() {
        files.push(single);
    }
    collect(&src.join(module), &mut files);
    let mut tests = BTreeSet::new();
    for f in &files {
        let text = fs::read_to_string(f).unwrap();
        let dir = if f.file_name().is_some_and(|n| n == "mod.rs") {
            f.parent().unwrap().to_path_buf()
        } else {
            f.with_extension("")
        };
        for name in test_modules(&text) {
            tests.insert(dir.join(format!("{name}.rs")));
            tests.insert(dir.join(&name).join("mod.rs"));
        }
    }
    files.retain(|f| !tests.contains(f) && !tests.iter().any(|t| is_under(f, t)));
    files
}

/// A file inside a test module's directory (`x/mod.rs` → everything in `x/`).
fn is_under(file: &Path, test_file: &Path) -> bool {
    let dir = if test_file.file_name().is_some_and(|n| n == "mod.rs") {
        test_file.parent().map(Path::to_path_buf)
    } else {
        Some(test_file.with_extension(""))
    };
    dir.is_some_and(|d| file.starts_with(d))
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.map(|e| e.unwrap().path()).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// Every forbidden use in shipped code: (line, what). `no_store`: the
/// store is off limits too.
fn violations(text: &str, no_store: bool) -> Vec<(usize, String)> {
    let toks = without_test_items(&tokens(text));
    let mut out = Vec::new();
    let mut in_use = false;
    for (i, (line, t)) in toks.iter().enumerate() {
        let prev = i.checked_sub(1).map(|j| toks[j].1.as_str());
        let next = toks.get(i + 1).map(|x| x.1.as_str());
        match t.as_str() {
            "use" => in_use = true,
            ";" => in_use = false,
            _ => {}
        }
        let segment = in_use || prev == Some("::") || next == Some("::");
        let t = t.as_str();
        if segment && FRONT_ENDS.contains(&t) {
            out.push((*line, format!("names `{t}`")));
        } else if segment && no_store && t == "store" {
            out.push((
                *line,
                "uses the store (take what it gives from the caller)".into(),
            ));
        } else if segment && t == "fs" {
            out.push((*line, "touches the file system (`fs`)".into()));
        } else if FS_NAMES.contains(&t) {
            out.push((*line, format!("touches the file system (`{t}`)")));
        } else if prev == Some(".") && next == Some("(") && FS_METHODS.contains(&t) {
            out.push((*line, format!("asks the file system (`.{t}()`)")));
        }
    }
    out
}

// The scanner itself: each rule fires on the code it is meant for, and not
// on comments, strings or test code.

#[test]
fn the_scan_finds_front_ends_in_use_lines_and_paths() {
    let found = |s: &str| violations(s, true);
    assert_eq!(found("use crate::tui::App;").len(), 1);
    assert_eq!(found("use crate::{model::Plan, cli};").len(), 1);
    assert_eq!(found("fn f() { ratatui::text::Line::raw(\"\"); }").len(), 1);
    assert_eq!(found("use crossterm::event;").len(), 1);
    assert_eq!(found("use crate::git::{Git, RealGit};").len(), 1);
    assert_eq!(found("use crate::store::format;").len(), 1);
    assert!(violations("use crate::store::format;", false).is_empty());
    assert!(found("fn f(cli: u8, tui: u8) -> u8 { cli + tui }").is_empty());
}

#[test]
fn the_scan_finds_file_system_access() {
    let found = |s: &str| violations(s, true);
    assert_eq!(found("use std::fs;").len(), 1);
    assert_eq!(found("fn f() { let _ = std::fs::read(\"x\"); }").len(), 1);
    assert_eq!(found("fn f(p: &Path) -> bool { p.exists() }").len(), 1);
    assert_eq!(found("use std::fs::{File, OpenOptions};").len(), 3);
    assert!(found("fn f(s: &Plan) -> bool { s.exists }").is_empty());
}

#[test]
fn the_scan_ignores_comments_strings_and_test_code() {
    let text = r##"
        // use crate::tui::App;
        /* std::fs::read /* nested */ crate::cli */
        const A: &str = "crate::tui::x std::fs";
        const B: &str = r#"use crossterm::event; "quoted" "#;
        const C: char = '"';
        fn f<'a>(x: &'a str) -> &'a str { x }
        #[cfg(test)]
        mod tests {
            use std::fs;
            fn g() { crate::store::format::to_text(todo!()); }
        }
        #[cfg(test)]
        use crate::store::format;
    "##;
    assert_eq!(violations(text, true), []);
    let after = format!("{text}\nuse crate::tui::App;");
    assert_eq!(violations(&after, true), [(16, "names `tui`".to_owned())]);
    assert_eq!(
        test_modules("#[cfg(test)]\nmod tests;\nmod real;"),
        ["tests"]
    );
}

#[test]
fn the_document_check_wants_whole_paths() {
    assert!(mentions("see `src/text.rs`", "src/text"));
    assert!(mentions("src/tui/: the terminal UI", "src/tui"));
    assert!(!mentions("src/textual.rs", "src/text"));
}
