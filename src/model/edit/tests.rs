use chrono::NaiveDate;

use super::*;
use crate::model::{Commitment, Debt, Hypothesis, KeyResult, Objective, Sprint, SprintState};

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()
}

/// O-1 owns KR-1 and KR-2; D-1 links KR-1 and sits in the open sprint S-2
/// and in the closed S-1's commitment and completed list; D-2 was carried
/// out of S-1; H-1 links KR-2.
fn plan() -> Plan {
    let mut p = Plan::default();
    p.objectives.push(Objective {
        id: "O-1".into(),
        title: "o".into(),
        description: String::new(),
    });
    p.key_results = vec![
        KeyResult::bare_fixture("KR-1", "O-1"),
        KeyResult::bare_fixture("KR-2", "O-1"),
    ];
    let mut h = Hypothesis::new("H-1".into(), "h".into(), day());
    h.key_results = vec!["KR-2".into()];
    p.hypotheses.push(h);
    let mut d = Debt::new("D-1".into(), "d".into(), day());
    d.key_results = vec!["KR-1".into()];
    p.debts = vec![d, Debt::new("D-2".into(), "e".into(), day())];
    let mut closed = Sprint::new("S-1".into(), "s".into(), day(), day(), 5);
    closed.state = SprintState::Closed;
    closed.items = vec!["D-1".into()];
    closed.completed = vec!["D-1".into()];
    closed.carried = vec!["D-2".into()];
    closed.commitment = Some(Commitment {
        date: day(),
        items: vec!["D-1".into(), "D-2".into()],
        points: 2,
    });
    let mut open = Sprint::new("S-2".into(), "t".into(), day(), day(), 5);
    open.items = vec!["D-2".into()];
    p.sprints = vec![closed, open];
    p
}

#[test]
fn a_debt_item_leaves_every_sprint_list_and_undoes_as_one() {
    let mut p = plan();
    let del = delete(&p, "D-2").unwrap();
    assert_eq!(del.unlinked, ["S-1", "S-2"]);
    assert_eq!(
        del.links,
        [("S-1".to_owned(), "carried"), ("S-2".into(), "items")]
    );
    assert!(del.reaches_further());
    let undo = p.apply(del.change);
    let s1 = p.sprint("S-1").unwrap();
    assert_eq!(s1.carried, Vec::<String>::new());
    assert_eq!(s1.commitment.as_ref().unwrap().items, ["D-1"]);
    assert_eq!(s1.commitment.as_ref().unwrap().points, 2, "history stays");
    assert!(p.sprint("S-2").unwrap().items.is_empty());
    p.apply(undo);
    assert_eq!(p, plan());

    let mut p = plan();
    p.apply(delete(&p, "D-1").unwrap().change);
    let s1 = p.sprint("S-1").unwrap();
    assert!(s1.items.is_empty() && s1.completed.is_empty());
}

#[test]
fn an_objective_takes_its_key_results_and_their_links_along() {
    let mut p = plan();
    let del = delete(&p, "O-1").unwrap();
    assert_eq!(del.removed, ["KR-1", "KR-2"]);
    assert_eq!(del.unlinked, ["H-1", "D-1"]);
    assert_eq!(
        del.effects(),
        "its 2 key results (KR-1, KR-2) go too; it is unlinked from 2 other items"
    );
    let undo = p.apply(del.change);
    assert!(p.key_results.is_empty() && p.objectives.is_empty());
    assert!(p.hypotheses[0].key_results.is_empty());
    assert!(p.debts[0].key_results.is_empty());
    p.apply(undo);
    assert_eq!(p, plan());
}

#[test]
fn a_key_result_is_unlinked_and_the_rest_is_refused_by_name() {
    let mut p = plan();
    let del = delete(&p, "KR-1").unwrap();
    assert_eq!(del.unlinked, ["D-1"]);
    assert_eq!(del.effects(), "it is unlinked from 1 other item");
    p.apply(del.change);
    assert!(p.debts[0].key_results.is_empty());

    let alone = delete(&plan(), "H-1").unwrap();
    assert!(!alone.reaches_further());
    assert_eq!(alone.effects(), "");
    assert_eq!(
        delete(&plan(), "D-9").unwrap_err().to_string(),
        "no item with id D-9"
    );
    assert_eq!(
        delete(&plan(), "nope").unwrap_err().to_string(),
        "nope: not an id"
    );
}
