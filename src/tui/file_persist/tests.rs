//! Unit tests, compiled only under `#[cfg(test)] mod tests;` in the parent:
//! unwrap() here is on fixtures the test builds, never on user input.

use super::*;

fn setup(plan: &Plan) -> (tempfile::TempDir, PathBuf, FilePersist) {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("bearing.ron");
    let fp = store::create(&path, &store::render(plan).unwrap()).unwrap();
    let p = FilePersist::new(path.clone(), fp, None);
    (tmp, path, p)
}

fn on_disk(path: &Path) -> Plan {
    store::load(path).unwrap().plan
}

#[test]
fn saves_and_refuses_to_overwrite_an_outside_change() {
    let mut plan = Plan::default();
    let (_tmp, path, mut p) = setup(&plan);
    plan.north_star = "mine".into();
    assert_eq!(p.save(&plan).unwrap(), "saving…");
    assert!(p.flush().unwrap().unwrap().starts_with("saved "));
    assert!(!p.changed_on_disk());
    assert_eq!(p.check_external().map(|r| r.is_ok()), None, "our own write");

    let mut theirs = plan.clone();
    theirs.north_star = "theirs".into();
    std::fs::write(&path, store::render(&theirs).unwrap()).unwrap();
    assert!(p.changed_on_disk());
    plan.north_star = "mine again".into();
    assert!(p.save(&plan).is_ok(), "queued");
    let err = p.flush().unwrap().unwrap_err();
    assert!(err.contains("changed on disk"), "{err}");
    assert_eq!(on_disk(&path).north_star, "theirs");

    assert_eq!(p.reload().unwrap().north_star, "theirs");
    p.save(&plan).unwrap();
    assert!(
        p.flush().unwrap().is_ok(),
        "after a reload our next change saves"
    );
    assert_eq!(on_disk(&path).north_star, "mine again");
}

#[test]
fn a_save_right_before_quit_is_written_when_the_persist_goes() {
    let mut plan = crate::synth::plan(2_000, 5);
    let (_tmp, path, mut p) = setup(&plan);
    plan.north_star = "last words".into();
    p.save(&plan).unwrap();
    drop(p);
    assert_eq!(on_disk(&path), plan);
}

#[test]
fn rapid_saves_coalesce_and_the_file_ends_with_the_last() {
    let mut plan = crate::synth::plan(2_000, 9);
    let (_tmp, path, mut p) = setup(&plan);
    let changes = 20;
    for n in 0..changes {
        plan.north_star = format!("version {n}");
        p.save(&plan).unwrap();
    }
    assert!(p.flush().unwrap().is_ok());
    assert_eq!(on_disk(&path).north_star, "version 19");
    let writes = p.writes();
    assert!(
        (1..=changes).contains(&writes),
        "{writes} writes for {changes} changes"
    );
    assert!(
        writes < changes,
        "a 2k plan takes long enough to coalesce: {writes}"
    );
    assert!(!p.changed_on_disk(), "the writer's fingerprint is ours");
}

#[test]
fn a_failed_save_is_reported_by_the_poll() {
    let mut plan = Plan::default();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("gone");
    std::fs::create_dir(&dir).unwrap();
    let path = dir.join("bearing.ron");
    let fp = store::create(&path, &store::render(&plan).unwrap()).unwrap();
    let mut p = FilePersist::new(path.clone(), fp, None);
    std::fs::remove_dir_all(&dir).unwrap();
    plan.north_star = "lost?".into();
    assert_eq!(p.save(&plan).unwrap(), "saving…");
    let outcome = loop {
        if let Some(o) = p.poll_saved() {
            break o;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    };
    assert!(outcome.is_err(), "{outcome:?}");
    assert_eq!(p.poll_saved(), None, "reported once");
}

#[test]
fn keep_mine_overwrites_theirs_after_a_refusal() {
    let mut plan = Plan::default();
    let (_tmp, path, mut p) = setup(&plan);
    let mut theirs = plan.clone();
    theirs.north_star = "theirs".into();
    std::fs::write(&path, store::render(&theirs).unwrap()).unwrap();
    plan.north_star = "mine".into();
    p.save(&plan).unwrap();
    assert!(p.flush().unwrap().is_err());
    p.keep_mine(&plan).unwrap();
    assert!(p.flush().unwrap().is_ok());
    assert_eq!(on_disk(&path).north_star, "mine");
}
