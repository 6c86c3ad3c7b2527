//! The README tells the truth: its key table is the keymap's, and its first
//! lines are the two commands a newcomer runs.

const START: &str = "<!-- keys:start -->\n";
const END: &str = "<!-- keys:end -->";

fn readme_path() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")
}

#[test]
fn the_key_table_is_generated_from_the_keymap() {
    let readme = std::fs::read_to_string(readme_path()).unwrap();
    let (Some(a), Some(b)) = (readme.find(START), readme.find(END)) else {
        panic!("README.md lacks the {START:?} … {END:?} markers");
    };
    let current = &readme[a + START.len()..b];
    let table = bearing::tui::keymap::markdown_table();
    if current != table {
        if std::env::var_os("BEARING_UPDATE_README").is_some() {
            let updated = format!("{}{START}{table}{}", &readme[..a], &readme[b..]);
            std::fs::write(readme_path(), updated).unwrap();
            return;
        }
        panic!(
            "README.md's key table differs from the keymap; run\n  BEARING_UPDATE_README=1 cargo test --test readme\n\nexpected:\n{table}"
        );
    }
}

#[test]
fn the_first_lines_are_the_two_commands() {
    let readme = std::fs::read_to_string(readme_path()).unwrap();
    let head: String = readme.lines().take(6).collect::<Vec<_>>().join("\n");
    assert!(head.contains("cargo run --release -- --demo"), "{head}");
    assert!(head.contains("cargo test"), "{head}");
    let ci =
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(".ci/run"))
            .unwrap();
    assert!(
        ci.lines().any(|l| l.trim() == "cargo test"),
        ".ci/run runs exactly the README's test command"
    );
}
