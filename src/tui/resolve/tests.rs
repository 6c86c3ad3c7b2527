//! The resolve screen without a terminal: rows from real marker blocks,
//! key actions through the pure `step`, and the settled file.

use super::*;

/// The demo plan with two conflicts in D-0YRKT: its risk (diff3, with a
/// base) and its owner (two-way, no base).
pub(crate) fn conflicted() -> String {
    let demo = crate::store::embedded::DEMO;
    let risk = "      customer: 4,\n      delivery: 1,\n      risk: 3,\n";
    let owner = "      owner: \"mei\",\n      tags: [\n        \"performance\",";
    assert!(demo.contains(risk) && demo.contains(owner));
    demo.replacen(
        risk,
        "      customer: 4,\n      delivery: 1,\n<<<<<<< HEAD\n      risk: 4,\n||||||| base\n      risk: 3,\n=======\n      risk: 5,\n>>>>>>> feature\n",
        1,
    )
    .replacen(
        owner,
        "<<<<<<< HEAD\n      owner: \"mei\",\n=======\n      owner: \"bo\",\n>>>>>>> feature\n      tags: [\n        \"performance\",",
        1,
    )
}

#[test]
fn rows_name_item_field_and_each_side() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("bearing.ron");
    std::fs::write(&path, conflicted()).unwrap();
    let blocks = store::resolve::blocks(&path).unwrap();
    let s = screen(&path, &blocks);
    assert_eq!(s.title, "bearing.ron: merge conflicts");
    let shown: Vec<String> = s
        .rows
        .iter()
        .map(|r| {
            format!(
                "{} {} {:?} {:?} {:?}",
                r.item, r.field, r.base, r.mine, r.theirs
            )
        })
        .collect();
    assert_eq!(
        shown,
        [
            r#"D-0YRKT owner None Some("mei") Some("bo")"#,
            r#"D-0YRKT risk Some("3") Some("4") Some("5")"#,
        ]
    );
    assert!(
        s.rows[0].title.contains("HEAD ↔ feature"),
        "{}",
        s.rows[0].title
    );
}

#[test]
fn every_block_must_be_picked_then_the_file_is_settled_and_loads() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("bearing.ron");
    std::fs::write(&path, conflicted()).unwrap();
    let blocks = store::resolve::blocks(&path).unwrap();
    let mut s = screen(&path, &blocks);
    // The owner block has no base to go back to.
    assert!(matches!(
        step(&mut s, Action::PickSide(Pick::Base)),
        Step::Stay(Some(_))
    ));
    assert_eq!(
        step(&mut s, Action::PickSide(Pick::Theirs)),
        Step::Stay(None)
    );
    assert!(
        matches!(step(&mut s, Action::Submit), Step::Stay(Some(ref m)) if m.contains("1 conflict still to pick"))
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        conflicted(),
        "nothing written"
    );
    step(&mut s, Action::MoveDown);
    step(&mut s, Action::PickSide(Pick::Base));
    let Step::Apply(picks) = step(&mut s, Action::Submit) else {
        panic!("all picked")
    };
    assert_eq!(picks, [Pick::Theirs, Pick::Base]);
    let done = apply(&path, &s, &picks).unwrap();
    assert!(done.remaining.is_empty());
    let plan = store::load(&path).unwrap().plan;
    let d = plan.debt("D-0YRKT").unwrap();
    assert_eq!((d.owner.as_str(), d.risk), ("bo", 3));
}

#[test]
fn esc_and_ctrl_c_leave() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("bearing.ron");
    std::fs::write(&path, conflicted()).unwrap();
    let blocks = store::resolve::blocks(&path).unwrap();
    let mut s = screen(&path, &blocks);
    assert_eq!(step(&mut s, Action::Cancel), Step::Leave);
    assert_eq!(step(&mut s, Action::Quit), Step::Leave);
}
