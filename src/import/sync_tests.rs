//! The sync's rules, one test each.

use chrono::NaiveDate;

use super::sync::*;
use crate::model::{Change, Debt, DebtStatus, Item, Plan};

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
}

fn up(id: &str, key: &str, title: &str) -> Debt {
    let mut d = Debt::new(id.into(), title.into(), day(1));
    d.source = Some(format!("test:{key}"));
    d
}

/// The plan after a first import of `items`, each under the id given here
/// (the sync gives added items ids of its own, from their sources).
fn imported(items: Vec<Debt>) -> Plan {
    let ids: Vec<(Option<String>, String)> = items
        .iter()
        .map(|d| (d.source.clone(), d.id.clone()))
        .collect();
    let mut plan = Plan::default();
    let s = sync(&plan, items, day(2));
    let mut change = Change::new("import");
    for d in &s.added {
        let mut d = d.clone();
        if let Some((_, id)) = ids.iter().find(|(s, _)| *s == d.source) {
            d.id.clone_from(id);
        }
        change = change.put(Item::Debt(d));
    }
    plan.apply(change);
    plan
}

fn get<'a>(plan: &'a Plan, id: &str) -> &'a Debt {
    plan.debts.iter().find(|d| d.id == id).unwrap()
}

#[test]
fn new_items_are_added_with_their_record() {
    let s = sync(&Plan::default(), vec![up("D-AAAAA", "1", "A")], day(2));
    assert_eq!(s.summary(), "1 added, 0 updated, 0 closed, 0 unchanged");
    let r = s.added[0].imported.as_ref().unwrap();
    assert_eq!((r.title.as_str(), r.date), ("A", day(2)));
}

#[test]
fn the_same_input_again_changes_nothing() {
    let plan = imported(vec![up("D-AAAAA", "1", "A"), up("D-BBBBB", "2", "B")]);
    // The parser hands out fresh ids; the source matches.
    let again = vec![up("D-CCCCC", "1", "A"), up("D-DDDDD", "2", "B")];
    let s = sync(&plan, again, day(3));
    assert_eq!(s.summary(), "0 added, 0 updated, 0 closed, 2 unchanged");
    assert!(s.is_empty(), "{s:?}");
}

#[test]
fn upstream_wins_where_only_it_changed_and_ours_where_only_we_did() {
    let mut plan = imported(vec![up("D-AAAAA", "1", "A")]);
    let mut mine = get(&plan, "D-AAAAA").clone();
    mine.owner = "ana".into();
    mine.effort = Some(5);
    plan.apply(Change::new("edit").put(Item::Debt(mine)));
    let mut theirs = up("D-ZZZZZ", "1", "A renamed");
    theirs.tags = vec!["ops".into()];
    let s = sync(&plan, vec![theirs], day(3));
    assert_eq!(s.summary(), "0 added, 1 updated, 0 closed, 0 unchanged");
    plan.apply(s.change());
    let d = get(&plan, "D-AAAAA");
    assert_eq!(d.title, "A renamed");
    assert_eq!(d.tags, ["ops"]);
    assert_eq!((d.owner.as_str(), d.effort), ("ana", Some(5)));
    assert_eq!(d.imported.as_ref().unwrap().title, "A renamed");
    assert_eq!(plan.debts.len(), 1, "nothing duplicated");
}

#[test]
fn a_field_changed_both_ways_is_a_conflict_and_ours_is_kept() {
    let mut plan = imported(vec![up("D-AAAAA", "1", "A")]);
    let mut mine = get(&plan, "D-AAAAA").clone();
    mine.title = "Mine".into();
    plan.apply(Change::new("edit").put(Item::Debt(mine)));
    let s = sync(&plan, vec![up("D-ZZZZZ", "1", "Theirs")], day(3));
    assert_eq!(
        s.summary(),
        "0 added, 0 updated, 0 closed, 1 unchanged, 1 conflict"
    );
    assert_eq!(
        s.notes(),
        ["D-AAAAA title: kept \"Mine\" (upstream: \"Theirs\")"]
    );
    plan.apply(s.change());
    assert_eq!(get(&plan, "D-AAAAA").title, "Mine");
    // The record moved on: the next import does not report it again.
    let s = sync(&plan, vec![up("D-ZZZZZ", "1", "Theirs")], day(4));
    assert!(s.conflicts.is_empty() && s.is_empty(), "{s:?}");
}

#[test]
fn closed_upstream_is_done_with_a_dated_change() {
    let mut plan = imported(vec![up("D-AAAAA", "1", "A")]);
    let mut theirs = up("D-ZZZZZ", "1", "A");
    theirs.status = DebtStatus::Done;
    let s = sync(&plan, vec![theirs], day(9));
    assert_eq!(s.summary(), "0 added, 0 updated, 1 closed, 0 unchanged");
    assert_eq!(s.preview(10), ["closed D-AAAAA \"A\""]);
    plan.apply(s.change());
    let d = get(&plan, "D-AAAAA");
    assert_eq!(d.status, DebtStatus::Done);
    assert_eq!(
        d.changes,
        [crate::model::StatusChange {
            date: day(9),
            status: DebtStatus::Done
        }]
    );
}

#[test]
fn missing_items_are_kept_and_hand_made_ones_never_touched() {
    let mut plan = imported(vec![up("D-AAAAA", "1", "A"), up("D-BBBBB", "2", "B")]);
    plan.apply(Change::new("add").put(Item::Debt(Debt::new(
        "D-HHHHH".into(),
        "By hand".into(),
        day(1),
    ))));
    let before = plan.clone();
    let s = sync(&plan, vec![up("D-ZZZZZ", "1", "A")], day(3));
    assert_eq!(s.missing, ["D-BBBBB"]);
    assert_eq!(
        s.notes(),
        ["1 item imported before is not in this input: kept as it is (an export may be filtered)"]
    );
    plan.apply(s.change());
    assert_eq!(plan, before);
}

#[test]
fn an_item_imported_before_records_were_kept_closes_but_keeps_its_fields() {
    let mut plan = imported(vec![up("D-AAAAA", "1", "A")]);
    let mut legacy = get(&plan, "D-AAAAA").clone();
    legacy.imported = None;
    legacy.effort = Some(8);
    plan.apply(Change::new("old").put(Item::Debt(legacy)));
    let mut theirs = up("D-ZZZZZ", "1", "A upstream");
    theirs.status = DebtStatus::Done;
    let s = sync(&plan, vec![theirs], day(3));
    plan.apply(s.change());
    let d = get(&plan, "D-AAAAA");
    assert_eq!(
        (d.title.as_str(), d.effort, d.status),
        ("A", Some(8), DebtStatus::Done)
    );
    assert!(d.imported.is_some());
}

#[test]
fn descriptions_changed_on_both_sides_merge_by_line() {
    let mut first = up("D-AAAAA", "1", "A");
    first.description = "one\ntwo\nthree".into();
    let mut plan = imported(vec![first]);
    let mut mine = get(&plan, "D-AAAAA").clone();
    mine.description = "ONE\ntwo\nthree".into();
    plan.apply(Change::new("edit").put(Item::Debt(mine)));
    let mut theirs = up("D-ZZZZZ", "1", "A");
    theirs.description = "one\ntwo\nTHREE".into();
    let s = sync(&plan, vec![theirs], day(3));
    assert!(s.conflicts.is_empty(), "{s:?}");
    plan.apply(s.change());
    assert_eq!(get(&plan, "D-AAAAA").description, "ONE\ntwo\nTHREE");
}

#[test]
fn repeated_keys_and_sourceless_items() {
    let s = sync(
        &Plan::default(),
        vec![
            up("D-AAAAA", "1", "A"),
            up("D-BBBBB", "1", "A again"),
            Debt::new("D-CCCCC".into(), "no source".into(), day(1)),
        ],
        day(2),
    );
    assert_eq!((s.added.len(), s.repeated), (2, 1));
    assert!(s.added[1].imported.is_none());
}

#[test]
fn one_change_is_one_undo_step() {
    let mut plan = imported(vec![up("D-AAAAA", "1", "A")]);
    let before = plan.clone();
    let mut t = up("D-ZZZZZ", "1", "A2");
    t.status = DebtStatus::Done;
    let s = sync(&plan, vec![t, up("D-NNNNN", "9", "N")], day(3));
    let undo = plan.apply(s.change());
    assert_ne!(plan, before);
    plan.apply(undo);
    assert_eq!(plan, before);
}

mod laws {
    //! Random imports, local edits and upstream edits: each field ends as
    //! the three-way rule says, clashes are reported (never picked), nothing
    //! is duplicated, hand-made items are untouched, and the same input
    //! again changes nothing.

    use proptest::prelude::*;

    use super::*;

    const WORDS: [&str; 3] = ["alpha", "beta", "gamma"];

    /// An optional change to (title, owner, effort, closed).
    type Edit = (Option<u8>, Option<u8>, Option<u32>, bool);

    fn edit() -> impl Strategy<Value = Edit> {
        (
            prop::option::of(0..3u8),
            prop::option::of(0..3u8),
            prop::option::of(1..4u32),
            prop::bool::weighted(0.2),
        )
    }

    fn item(k: usize, title: u8) -> Debt {
        let mut d = up(
            &format!("D-{k:05}"),
            &k.to_string(),
            WORDS[usize::from(title)],
        );
        d.owner = "base".into();
        d
    }

    fn edited(d: &Debt, e: &Edit, who: &str) -> Debt {
        let mut d = d.clone();
        if let Some(t) = e.0 {
            // The same on both sides at times: no clash then.
            d.title = WORDS[usize::from(t)].to_owned();
        }
        if let Some(o) = e.1 {
            d.owner = format!("{who}{o}");
        }
        if let Some(x) = e.2 {
            d.effort = Some(10 * x + u32::from(who == "up"));
        }
        if e.3 {
            d.status = DebtStatus::Done;
        }
        d
    }

    proptest! {
        #[test]
        fn a_re_import_merges_three_ways(
            items in prop::collection::vec((0..3u8, edit(), edit()), 1..6),
        ) {
            let first: Vec<Debt> = items.iter().enumerate().map(|(k, (t, _, _))| item(k, *t)).collect();
            let mut plan = imported(first.clone());
            let hand = Debt::new("D-HHHHH".into(), "by hand".into(), day(1));
            plan.apply(Change::new("hand").put(Item::Debt(hand.clone())));
            for (k, (_, here, _)) in items.iter().enumerate() {
                let mine = edited(get(&plan, &format!("D-{k:05}")), here, "here");
                plan.apply(Change::new("edit").put(Item::Debt(mine)));
            }
            let ours = plan.clone();
            // Upstream, under new ids as a parser would hand them out.
            let incoming: Vec<Debt> = items
                .iter()
                .enumerate()
                .map(|(k, (_, _, there))| {
                    let mut d = edited(&first[k], there, "up");
                    d.id = format!("D-N{k:04}");
                    d
                })
                .collect();
            let s = sync(&plan, incoming.clone(), day(5));
            plan.apply(s.change());
            prop_assert_eq!(plan.debts.len(), items.len() + 1, "nothing duplicated");
            prop_assert_eq!(get(&plan, "D-HHHHH"), &hand);
            for k in 0..items.len() {
                let id = format!("D-{k:05}");
                let (b, o, t, m) = (&first[k], get(&ours, &id), &incoming[k], get(&plan, &id));
                let conflict = |field: &str| {
                    s.conflicts.iter().any(|c| c.id == id && c.field.as_deref() == Some(field))
                };
                macro_rules! rule {
                    ($f:ident) => {{
                        let (bv, ov, tv, mv) = (&b.$f, &o.$f, &t.$f, &m.$f);
                        let want = if ov == tv || bv == tv { ov } else if bv == ov { tv } else { ov };
                        prop_assert_eq!(mv, want, "{} {}", id, stringify!($f));
                        let clash = bv != ov && bv != tv && ov != tv;
                        prop_assert_eq!(conflict(stringify!($f)), clash, "{} {}", id, stringify!($f));
                    }};
                }
                rule!(title);
                rule!(owner);
                rule!(effort);
                rule!(status);
                if m.status != o.status {
                    prop_assert_eq!(m.changes.last().map(|c| (c.date, c.status)), Some((day(5), m.status)));
                }
            }
            let again = sync(&plan, incoming, day(6));
            prop_assert!(again.is_empty() && again.conflicts.is_empty(), "{:?}", again);
        }
    }
}

/// Effort and due are optional on both sides: an estimate made here while
/// triaging stays while upstream has none, and a due date moved upstream
/// moves here unless it was set here too.
#[test]
fn effort_and_due_merge_three_ways() {
    let mut first = up("D-AAAAA", "1", "A");
    first.due = Some(day(25));
    let mut plan = imported(vec![first, up("D-BBBBB", "2", "B")]);
    assert_eq!(
        get(&plan, "D-AAAAA").imported.as_ref().unwrap().due,
        Some(day(25))
    );
    // Here: B triaged (an effort) and given a due date.
    let mut b = get(&plan, "D-BBBBB").clone();
    (b.effort, b.due) = (Some(3), Some(day(28)));
    plan.apply(Change::new("triage").put(Item::Debt(b)));
    // Upstream: A's due moved; B still unestimated and undated.
    let mut a = up("D-ZZZZZ", "1", "A");
    a.due = Some(day(27));
    let s = sync(&plan, vec![a, up("D-YYYYY", "2", "B")], day(3));
    assert_eq!(s.summary(), "0 added, 1 updated, 0 closed, 1 unchanged");
    let f = &s.updated[0].fields[0];
    assert_eq!(
        (f.field.as_str(), f.from.as_str(), f.to.as_str()),
        ("due", "\"2026-11-25\"", "\"2026-11-27\"")
    );
    plan.apply(s.change());
    assert_eq!(get(&plan, "D-AAAAA").due, Some(day(27)));
    let b = get(&plan, "D-BBBBB");
    assert_eq!((b.effort, b.due), (Some(3), Some(day(28))), "kept");
    // Both sides moved B's due differently: a conflict, ours kept.
    let mut b_up = up("D-YYYYY", "2", "B");
    b_up.due = Some(day(30));
    let s = sync(&plan, vec![b_up], day(4));
    assert_eq!(s.conflicts.len(), 1, "{s:?}");
    assert_eq!(s.conflicts[0].field.as_deref(), Some("due"));
    // An estimate given upstream to an unestimated item: `none → 5`.
    let plan = imported(vec![up("D-CCCCC", "3", "C")]);
    let mut c = up("D-XXXXX", "3", "C");
    c.effort = Some(5);
    let s = sync(&plan, vec![c], day(3));
    let f = &s.updated[0].fields[0];
    assert_eq!(
        (f.field.as_str(), f.from.as_str(), f.to.as_str()),
        ("effort", "none", "5")
    );
}

/// A record with no due date is written without the field, as records
/// were before due dates were recorded, and reads back: older plan files
/// stay readable.
#[test]
fn an_import_record_without_due_is_the_old_format() {
    let plan = imported(vec![up("D-AAAAA", "1", "A")]);
    let text = crate::store::format::to_text(&plan).unwrap();
    let at = text.find("imported:").expect("a record is written");
    let record = &text[at..];
    let record = &record[..record.find(')').unwrap_or(record.len())];
    assert!(!record.contains("due"), "{record}");
    let back = crate::store::format::from_text(&text).unwrap();
    assert_eq!(back.debts, plan.debts);
}

mod keys;
