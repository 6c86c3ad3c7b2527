//! The sync gives added items their ids, dates closes by the source's close
//! date, and keeps each spreadsheet's keys apart (issue 13 fixes).

use super::{day, imported, up};
use crate::import::sync::*;
use crate::model::{Debt, DebtStatus, Plan};

fn sheet(name: &str, key: &str, title: &str) -> Debt {
    let mut d = up(
        &format!("D-{}{key}", name.trim_end_matches(':').to_uppercase()),
        key,
        title,
    );
    d.source = Some(format!("csv:{name}{key}"));
    d
}

#[test]
fn added_ids_follow_from_the_source_so_a_preview_names_them() {
    let plan = imported(vec![up("D-AAAAA", "1", "A")]);
    let items = || vec![up("D-R1111", "2", "B"), up("D-R2222", "3", "C")];
    let ids = |s: &SyncPlan| s.added.iter().map(|d| d.id.clone()).collect::<Vec<_>>();
    let (first, second) = (sync(&plan, items(), day(3)), sync(&plan, items(), day(4)));
    assert_eq!(ids(&first), ids(&second));
    assert!(
        ids(&first)
            .iter()
            .all(|id| id.starts_with("D-") && !id.contains('R'))
    );
    assert_ne!(ids(&first)[0], ids(&first)[1]);
    // Items with nothing to match by too: by their place and text.
    let plain = || {
        let mut d = up("D-R3333", "x", "Same");
        d.source = None;
        vec![d.clone(), d]
    };
    let (a, b) = (sync(&plan, plain(), day(3)), sync(&plan, plain(), day(3)));
    assert_eq!(ids(&a), ids(&b));
    assert_ne!(ids(&a)[0], ids(&a)[1]);
}

#[test]
fn a_close_upstream_is_dated_by_the_sources_date() {
    let plan = imported(vec![up("D-AAAAA", "1", "A")]);
    let mut theirs = up("D-ZZZZZ", "1", "A");
    theirs.set_status(DebtStatus::Done, day(5));
    let s = sync(&plan, vec![theirs], day(9));
    let mut plan = plan;
    plan.apply(s.change());
    let d = &plan.debts[0];
    assert_eq!(d.status, DebtStatus::Done);
    assert_eq!(d.changes.last().map(|c| c.date), Some(day(5)));
}

#[test]
fn a_taskwarrior_end_dates_the_close() {
    let uuid = "6f1c1d7e-1111-4f3a-9b2c-00000000000a";
    let task = |status: &str| {
        format!(
            r#"[{{"uuid":"{uuid}","status":"{status}","description":"A","end":"20261106T101500Z"}}]"#
        )
    };
    let mut plan = Plan::default();
    let first = crate::import::taskwarrior::parse(&task("pending"), "t", &plan, day(2)).unwrap();
    plan.apply(sync(&plan, first.items, day(2)).change());
    let again = crate::import::taskwarrior::parse(&task("completed"), "t", &plan, day(9)).unwrap();
    let s = sync(&plan, again.items, day(9));
    assert_eq!(s.closed.len(), 1, "{s:?}");
    plan.apply(s.change());
    assert_eq!(plan.debts[0].changes.last().map(|c| c.date), Some(day(6)));
}

#[test]
fn sheets_keep_their_keys_apart_and_bare_keys_are_taken_over_once() {
    // Two sheets, each with a row 1.
    let plan = imported(vec![sheet("a:", "1", "A1"), sheet("b:", "1", "B1")]);
    let s = sync(&plan, vec![sheet("a:", "1", "A1 renamed")], day(3));
    assert_eq!(s.summary(), "0 added, 1 updated, 0 closed, 0 unchanged");
    assert_eq!(s.updated[0].title, "A1 renamed");
    assert!(
        s.missing.is_empty(),
        "the other sheet is not missing: {s:?}"
    );
    // A plan of bare keys (before sheets were named): the first named
    // import takes them over, its key replacing the bare one.
    let mut old = imported(vec![sheet("", "1", "Old 1"), sheet("", "2", "Old 2")]);
    let s = sync(&old, vec![sheet("backlog:", "1", "Old 1")], day(3));
    assert_eq!(s.summary(), "0 added, 0 updated, 0 closed, 1 unchanged");
    assert_eq!(s.missing.len(), 1, "row 2 is missing from this input");
    old.apply(s.change());
    let sources: Vec<_> = old
        .debts
        .iter()
        .filter_map(|d| d.source.as_deref())
        .collect();
    assert!(sources.contains(&"csv:backlog:1") && sources.contains(&"csv:2"));
    // Now a named sheet exists: a bare key matches nothing any more.
    let s = sync(&old, vec![sheet("other:", "2", "Old 2")], day(4));
    assert_eq!(s.summary(), "1 added, 0 updated, 0 closed, 0 unchanged");
}
