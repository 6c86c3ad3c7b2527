//! The UI's saves keep the comments a person wrote in the plan file: the
//! writer renders its copy with the comments of the file it last read.
//! Test-only (`#[cfg(test)] mod comment_tests;` in the parent).

use std::path::Path;

use super::*;
use crate::model::{Item, Op};

/// The demo on disk with a reviewer's comments; the persist opened on it
/// as `bearing` opens it (`with_comments` from the load).
fn open_reviewed() -> (tempfile::TempDir, PathBuf, FilePersist, Arc<Plan>, String) {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("bearing.ron");
    let text = reviewed(crate::store::embedded::DEMO);
    std::fs::write(&path, &text).unwrap();
    let loaded = store::load(&path).unwrap();
    let p = FilePersist::new(path.clone(), loaded.fingerprint, None).with_comments(loaded.comments);
    let plan = Arc::new(loaded.plan);
    (tmp, path, p, plan, text)
}

/// `text` with a note before its first debt item and one at the end of
/// that item's risk line.
fn reviewed(text: &str) -> String {
    let debts = text.find("  debts: [\n").unwrap() + "  debts: [\n".len();
    let risk = debts + text[debts..].find("      risk: ").unwrap();
    let eol = risk + text[risk..].find('\n').unwrap();
    format!(
        "{}    // why: on-call keeps hitting this\n{} // see the incident review{}",
        &text[..debts],
        &text[debts..eol],
        &text[eol..]
    )
}

fn retitle(plan: &mut Arc<Plan>, p: &mut FilePersist, i: usize, title: &str) {
    let mut d = plan.debts[i].clone();
    d.title = title.into();
    let change = Change {
        label: "edit".into(),
        ops: vec![Op::Put(Item::Debt(d))],
    };
    p.changed(&change);
    Arc::make_mut(plan).apply(change);
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn a_ui_edit_keeps_the_files_comments() {
    let (_tmp, path, mut p, mut plan, text) = open_reviewed();
    p.seed(&plan);
    let last = plan.debts.len() - 1;
    retitle(&mut plan, &mut p, last, "edited in the UI");
    p.save(&plan).unwrap();
    assert!(p.flush().unwrap().is_ok());
    let saved = read(&path);
    assert!(saved.contains("edited in the UI"));
    assert!(saved.contains("  debts: [\n    // why: on-call keeps hitting this\n    (\n"));
    assert!(saved.contains(" // see the incident review\n"));
    // Only the edited line differs.
    let changed = text
        .lines()
        .zip(saved.lines())
        .filter(|(a, b)| a != b)
        .count();
    assert_eq!((changed, text.lines().count()), (1, saved.lines().count()));
}

#[test]
fn a_reload_adopts_their_comments_and_the_next_save_keeps_them() {
    let (_tmp, path, mut p, plan, _) = open_reviewed();
    p.seed(&plan);
    assert_eq!(p.flush(), None, "the copy taken, nothing written");
    // Someone (a pull request) adds a comment at the end of the file.
    std::fs::write(&path, format!("{}// merged in #7\n", read(&path))).unwrap();
    let mut plan = match p.check_external() {
        Some(Ok(theirs)) => Arc::new(theirs),
        other => panic!("{:?}", other.map(|r| r.map(|_| ()))),
    };
    p.seed(&plan);
    retitle(&mut plan, &mut p, 0, "after their change");
    p.save(&plan).unwrap();
    assert!(p.flush().unwrap().is_ok());
    let saved = read(&path);
    assert!(saved.ends_with(")\n// merged in #7\n"), "{saved}");
    assert!(saved.contains("// why: on-call keeps hitting this"));
}

#[test]
fn the_save_without_a_writer_thread_keeps_comments_too() {
    let (_tmp, path, mut p, mut plan, _) = open_reviewed();
    // As if the thread could not be started.
    p.writer.lock().shutdown = true;
    p.writer.wake.notify_all();
    if let Some(t) = p.thread.take() {
        t.join().unwrap();
    }
    p.writer.lock().shutdown = false;
    Arc::make_mut(&mut plan).north_star = "direct".into();
    assert!(p.save(&plan).unwrap().starts_with("saved "));
    let saved = read(&path);
    assert!(saved.contains("north_star: \"direct\""));
    assert!(saved.contains("// why: on-call keeps hitting this"));
}

/// A plan checked out with CRLF line ends (Windows) stays CRLF through the
/// UI's background writer: two saves in a row, each changing one line,
/// and no outside change seen in between.
#[test]
fn a_ui_save_keeps_crlf_line_ends() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("bearing.ron");
    let text = crate::store::embedded::DEMO.replace('\n', "\r\n");
    std::fs::write(&path, &text).unwrap();
    let loaded = store::load(&path).unwrap();
    let mut p =
        FilePersist::new(path.clone(), loaded.fingerprint, None).with_comments(loaded.comments);
    let mut plan = Arc::new(loaded.plan);
    p.seed(&plan);
    for title in ["edited in the UI", "edited again"] {
        retitle(&mut plan, &mut p, 0, title);
        p.save(&plan).unwrap();
        assert!(p.flush().unwrap().is_ok());
        assert!(p.check_external().is_none(), "our own save seen as theirs");
    }
    let saved = std::fs::read(&path).unwrap();
    let saved = String::from_utf8(saved).unwrap();
    assert!(saved.contains("edited again"));
    assert_eq!(saved.matches('\n').count(), saved.matches("\r\n").count());
    let changed = text
        .split("\r\n")
        .zip(saved.split("\r\n"))
        .filter(|(a, b)| a != b)
        .count();
    assert_eq!(changed, 1);
}
