//! The session merging outside changes (no terminal, a fake persist):
//! on the watch's tick, on a refused save, undo steps kept, and a clash
//! that writes nothing until it is settled.

use super::tests::{add, day, session};
use super::*;
use crate::merge::Side;
use crate::model::{Debt, Item};

fn two() -> Plan {
    Plan {
        debts: vec![
            Debt::new("D-1".into(), "one".into(), day()),
            Debt::new("D-2".into(), "two".into(), day()),
        ],
        ..Plan::default()
    }
}

fn retitle(plan: &Plan, id: &str, title: &str) -> Change {
    let mut d = plan.debt(id).unwrap().clone();
    d.title = title.into();
    Change::new(format!("retitle {id}")).put(Item::Debt(d))
}

fn with(plan: &Plan, edit: impl FnOnce(&mut Plan)) -> Plan {
    let mut p = plan.clone();
    edit(&mut p);
    p
}

#[test]
fn the_watch_merges_theirs_with_an_unsaved_change_and_saves_both() {
    let (mut s, log) = session(two(), false);
    // A change not on disk yet (its save failed for another reason).
    log.borrow_mut().refuse = Some(SaveError::from("disk full"));
    s.apply(retitle(s.plan(), "D-1", "mine"));
    assert!(matches!(s.save(), Some(Err(_))));
    let theirs = with(&two(), |p| p.debts[1].risk = 5);
    log.borrow_mut().outside = Some(Ok(theirs));
    let Some(Outside::Merged(m)) = s.watch() else {
        panic!("a merge")
    };
    assert!(m.kept_mine);
    assert_eq!(m.diff.changed, ["D-2"]);
    assert!(matches!(&m.saved, Some(Ok(_))), "{:?}", m.saved);
    assert!(
        matches!(&m.incoming[..], [Incoming { id, what: Came::Field { name, .. } }] if id == "D-2" && name == "risk"),
        "{:?}",
        m.incoming
    );
    let written = log.borrow().written.clone().unwrap();
    assert_eq!(written.debt("D-1").unwrap().title, "mine");
    assert_eq!(written.debt("D-2").unwrap().risk, 5);
    assert_eq!(**s.plan(), written);
    assert!(!s.dirty());
    // The merged version is the base now: their next change merges cleanly
    // without our title coming back as a clash.
    let theirs2 = with(&written, |p| p.debts[0].title = "theirs later".into());
    log.borrow_mut().outside = Some(Ok(theirs2.clone()));
    let Some(Outside::Merged(m)) = s.watch() else {
        panic!("a merge")
    };
    assert!(!m.kept_mine, "nothing of ours to add");
    assert_eq!(**s.plan(), theirs2);
}

#[test]
fn a_refused_save_merges_theirs_and_saves_again_without_asking() {
    let (mut s, log) = session(two(), false);
    s.apply(retitle(s.plan(), "D-1", "mine"));
    let theirs = with(&two(), |p| {
        p.debts
            .push(Debt::new("D-3".into(), "checked in by CI".into(), day()))
    });
    {
        let mut l = log.borrow_mut();
        l.refuse = Some(SaveError::new(
            SaveErrorKind::ChangedOnDisk,
            "changed on disk",
        ));
        l.on_disk = Some(theirs);
    }
    let saves = log.borrow().saves;
    assert!(matches!(s.save(), Some(Ok(_))), "merged and saved");
    assert_eq!(log.borrow().saves, saves + 2, "refused, then the merge");
    let written = log.borrow().written.clone().unwrap();
    assert_eq!(written.debt("D-1").unwrap().title, "mine");
    assert!(written.debt("D-3").is_some());
    assert!(s.has_news());
    let Some(Outside::Merged(m)) = s.watch() else {
        panic!("the refused save's merge is news")
    };
    assert_eq!(m.diff.added, ["D-3"]);
    assert!(!s.has_news());
}

#[test]
fn undo_keeps_the_steps_on_items_theirs_did_not_touch() {
    let (mut s, log) = session(two(), false);
    s.apply(retitle(s.plan(), "D-1", "mine 1"));
    s.save();
    s.apply(retitle(s.plan(), "D-2", "mine 2"));
    s.save();
    s.apply(add("D-5"));
    s.save();
    // Theirs changes D-2 (a field we did not touch: it merges).
    let on_disk = log.borrow().written.clone().unwrap();
    log.borrow_mut().outside = Some(Ok(with(&on_disk, |p| p.debts[1].risk = 4)));
    let Some(Outside::Merged(m)) = s.watch() else {
        panic!("a merge")
    };
    assert_eq!(m.dropped_steps, 1, "only the step on D-2");
    assert_eq!(s.history().len(), 2);
    assert_eq!(s.undo().as_deref(), Some("add D-5"));
    assert_eq!(s.undo().as_deref(), Some("retitle D-1"));
    assert_eq!(s.undo(), None);
    assert_eq!(s.plan().debt("D-1").unwrap().title, "one");
    assert_eq!(s.plan().debt("D-2").unwrap().risk, 4, "theirs stays");
    assert_eq!(s.plan().debt("D-2").unwrap().title, "mine 2");
}

#[test]
fn a_clash_writes_nothing_until_every_conflict_is_settled() {
    let (mut s, log) = session(two(), false);
    log.borrow_mut().refuse = Some(SaveError::from("disk full"));
    s.apply(retitle(s.plan(), "D-1", "mine"));
    s.save();
    let theirs = with(&two(), |p| {
        p.debts[0].title = "theirs".into();
        p.debts[1].risk = 2;
    });
    log.borrow_mut().outside = Some(Ok(theirs));
    let saves = log.borrow().saves;
    let Some(Outside::Clash(conflicts)) = s.watch() else {
        panic!("a clash")
    };
    assert_eq!(conflicts.len(), 1);
    assert_eq!(conflicts[0].id, "D-1");
    assert_eq!(conflicts[0].field.as_deref(), Some("title"));
    assert_eq!(s.plan().debt("D-1").unwrap().title, "mine", "ours stays");
    assert!(s.dirty() && s.unsaved());
    assert_eq!(s.watch(), None, "waits for the picks");
    // A save meanwhile writes nothing: the clash is said again.
    let Some(Err(e)) = s.save() else {
        panic!("refused")
    };
    assert_eq!(e.kind, SaveErrorKind::Clash);
    assert!(matches!(s.watch(), Some(Outside::Clash(_))));
    assert_eq!(log.borrow().saves, saves, "nothing written");
    // Theirs for the title: the merge is theirs, nothing to write.
    let m = s.settle(&[Side::Theirs]).unwrap().unwrap();
    assert!(!m.kept_mine);
    assert_eq!(log.borrow().saves, saves);
    assert_eq!(s.plan().debt("D-1").unwrap().title, "theirs");
    assert_eq!(s.plan().debt("D-2").unwrap().risk, 2);
    assert!(!s.dirty());
    assert!(s.settle(&[Side::Ours]).is_none(), "settled once");
}

#[test]
fn a_clash_settled_with_mine_is_saved() {
    let (mut s, log) = session(two(), false);
    log.borrow_mut().refuse = Some(SaveError::from("disk full"));
    s.apply(retitle(s.plan(), "D-1", "mine"));
    s.save();
    log.borrow_mut().outside = Some(Ok(with(&two(), |p| p.debts[0].title = "theirs".into())));
    assert!(matches!(s.watch(), Some(Outside::Clash(_))));
    let m = s.settle(&[Side::Ours]).unwrap().unwrap();
    assert!(m.kept_mine);
    assert_eq!(
        log.borrow()
            .written
            .as_ref()
            .unwrap()
            .debt("D-1")
            .unwrap()
            .title,
        "mine"
    );
}

#[test]
fn keep_mine_over_a_clash_keeps_mine_only_where_they_clash() {
    let (mut s, log) = session(two(), false);
    log.borrow_mut().refuse = Some(SaveError::from("disk full"));
    s.apply(retitle(s.plan(), "D-1", "mine"));
    s.save();
    log.borrow_mut().refuse = None;
    // Theirs: the same title (a clash) and D-2's risk (no clash).
    log.borrow_mut().outside = Some(Ok(with(&two(), |p| {
        p.debts[0].title = "theirs".into();
        p.debts[1].risk = 3;
    })));
    assert!(matches!(s.watch(), Some(Outside::Clash(_))));
    let Ok(KeepMine::Merged(m)) = s.keep_mine() else {
        panic!("kept mine by settling the clash")
    };
    assert!(m.kept_mine);
    let written = log.borrow().written.clone().unwrap();
    assert_eq!(
        written.debt("D-1").unwrap().title,
        "mine",
        "mine where they clash"
    );
    assert_eq!(
        written.debt("D-2").unwrap().risk,
        3,
        "their other change stays"
    );
    assert!(s.clash().is_none());
    assert!(!s.dirty());
}
