//! The base of a merge with an outside change is exactly what the session
//! last knew to be on disk, its own finished writes included, however the
//! writer's finish, the watch's tick, the next key's save and the other
//! program's write are ordered. Each test fixes one ordering with the
//! writer's gate, so none depends on timing.

use std::path::Path;

use super::tests::{Release, on_disk, session_on_file};
use super::*;
use crate::model::{Debt, Item};
use crate::session::{Outside, Session};

fn two() -> Plan {
    let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
    let mut one = Debt::new("D-1".into(), "one".into(), day);
    one.customer = 3;
    let mut two = Debt::new("D-2".into(), "two".into(), day);
    two.risk = 2;
    Plan {
        debts: vec![one, two],
        ..Plan::default()
    }
}

/// `-` on D-1's customer rating, as the debt view does: apply and save.
fn lower(session: &mut Session) {
    let mut debt = session.plan().debt("D-1").unwrap().clone();
    debt.customer -= 1;
    session.apply(Change::new("customer").put(Item::Debt(debt)));
    session.save();
}

/// `bearing edit D-2 --risk 5` from another shell: the file as it is now,
/// D-2 changed, saved over exactly that version.
fn outside_edit(path: &Path) {
    let loaded = store::load(path).unwrap();
    let mut plan = loaded.plan;
    plan.debts.iter_mut().find(|d| d.id == "D-2").unwrap().risk = 5;
    store::save(path, &plan, &loaded.comments, Some(&loaded.fingerprint)).unwrap();
}

fn both_landed(path: &Path, session: &Session) {
    let disk = on_disk(path);
    assert_eq!(disk.debt("D-1").unwrap().customer, 1, "both of our saves");
    assert_eq!(disk.debt("D-2").unwrap().risk, 5, "their change");
    assert_eq!(**session.plan(), disk);
    assert!(session.clash().is_none());
}

#[test]
fn own_write_done_then_theirs_then_the_next_key_merges_without_a_clash() {
    // The reported race: the first save lands, its outcome is not taken
    // yet, their write lands, and the next key's save (which drops that
    // outcome) is refused.
    let (_tmp, path, writer, mut session) = session_on_file(two());
    lower(&mut session);
    writer.settled_mirror();
    outside_edit(&path);
    lower(&mut session);
    let outcome = session.wait_saved();
    assert!(
        matches!(outcome, Some(Ok(_))),
        "merged and saved: {outcome:?}"
    );
    assert!(
        matches!(session.watch(), Some(Outside::Merged(_))),
        "the refused save's merge is news, not a clash"
    );
    session.wait_saved();
    both_landed(&path, &session);
}

#[test]
fn own_write_done_and_taken_before_the_tick_then_theirs_on_the_tick() {
    let (_tmp, path, _writer, mut session) = session_on_file(two());
    lower(&mut session);
    assert!(matches!(session.wait_saved(), Some(Ok(_))));
    outside_edit(&path);
    let Some(Outside::Merged(m)) = session.watch() else {
        panic!("a clean merge")
    };
    assert_eq!(m.diff.changed, ["D-2"], "only theirs came in");
    lower(&mut session);
    assert!(matches!(session.wait_saved(), Some(Ok(_))));
    both_landed(&path, &session);
}

#[test]
fn own_write_done_not_taken_when_theirs_lands_and_the_tick_comes_first() {
    let (_tmp, path, writer, mut session) = session_on_file(two());
    lower(&mut session);
    writer.settled_mirror();
    outside_edit(&path);
    // The tick before the poll: our outcome is still to be taken.
    let first = session.watch();
    assert!(
        !matches!(first, Some(Outside::Clash(_))),
        "our own write is no clash: {first:?}"
    );
    session.poll_saved();
    if first.is_none() {
        assert!(matches!(session.watch(), Some(Outside::Merged(_))));
    }
    lower(&mut session);
    session.wait_saved();
    if session.has_news() {
        assert!(matches!(session.watch(), Some(Outside::Merged(_))));
        session.wait_saved();
    }
    both_landed(&path, &session);
}

#[test]
fn own_save_pending_while_theirs_lands_is_refused_and_merged() {
    let (_tmp, path, writer, mut session) = session_on_file(two());
    let _release = Release(Arc::clone(&writer));
    writer.hold_at(Some(Stage::Writing));
    lower(&mut session);
    writer.wait_at(Stage::Writing);
    // Theirs lands before our write: ours is refused, not on disk.
    outside_edit(&path);
    writer.hold_at(None);
    let outcome = session.wait_saved();
    assert!(
        matches!(outcome, Some(Ok(_))),
        "merged and saved: {outcome:?}"
    );
    assert!(matches!(session.watch(), Some(Outside::Merged(_))));
    lower(&mut session);
    session.wait_saved();
    both_landed(&path, &session);
}

#[test]
fn a_real_clash_with_our_landed_save_is_still_a_clash() {
    // The base follows our writes, so theirs on the same field after our
    // save is a conflict between our second value and theirs.
    let (_tmp, path, writer, mut session) = session_on_file(two());
    lower(&mut session);
    writer.settled_mirror();
    let loaded = store::load(&path).unwrap();
    let mut plan = loaded.plan;
    plan.debts[0].customer = 0;
    store::save(&path, &plan, &loaded.comments, Some(&loaded.fingerprint)).unwrap();
    lower(&mut session);
    session.wait_saved();
    let Some(Outside::Clash(c)) = session.watch() else {
        panic!("a clash")
    };
    assert_eq!(c[0].base.as_deref(), Some("2"), "base is our first save");
    assert_eq!(c[0].ours.as_deref(), Some("1"));
    assert_eq!(c[0].theirs.as_deref(), Some("0"));
}
