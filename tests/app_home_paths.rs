//! The UI's path prompts read a leading `~/` as the home directory, as a
//! shell would. One test function: it sets `HOME` before any other thread
//! could read the environment.

mod common;

use bearing::tui::NoPersist;
use bearing::tui::app::{App, Mode};
use common::keys::{press, type_text};
use common::{fixture, today};

#[test]
fn a_tilde_in_a_path_prompt_is_the_home_directory() {
    let home = tempfile::tempdir().unwrap();
    // SAFETY: the only test in this binary.
    unsafe { std::env::set_var("HOME", home.path()) };
    let mut app = App::new(fixture(), today(), false, Box::new(NoPersist::memory()));

    // Export: the learning log to ~/log.md.
    press(&mut app, "4 L");
    assert!(matches!(app.mode, Mode::Prompt(_)), "{:?}", app.mode);
    type_text(&mut app, "~/log.md");
    press(&mut app, "<Enter>");
    assert!(matches!(app.mode, Mode::Normal), "{:?}", app.mode);
    assert!(home.path().join("log.md").is_file(), "written under $HOME");

    // Import: ~/backlog.csv.
    std::fs::write(
        home.path().join("backlog.csv"),
        "title,owner\nFrom home,ana\n",
    )
    .unwrap();
    press(&mut app, "2 I");
    type_text(&mut app, "~/backlog.csv");
    press(&mut app, "<Enter>");
    // The summary of the import, then Enter applies it.
    assert!(matches!(app.mode, Mode::ImportSync(_)), "{:?}", app.mode);
    press(&mut app, "<Enter>");
    assert!(
        app.plan().debts.iter().any(|d| d.title == "From home"),
        "{:?} {:?}",
        app.mode,
        app.message
    );
}
