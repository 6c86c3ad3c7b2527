use std::collections::BTreeMap;

use super::markers::*;

const TWO_WAY: &str = r#"(
  north_star: "N",
  debts: [
    (
      id: "D-1",
      title: "T",
<<<<<<< HEAD
      risk: 3,
=======
      risk: 4,
>>>>>>> feature
      owner: "ana",
    ),
  ],
)
"#;

const THREE_WAY: &str = r#"(
  debts: [
    (
      id: "D-2",
<<<<<<<<< ours
      customer: 2,
||||||||| base
      customer: 1,
=========
      customer: 5,
<<<<<<< not a marker here: size 7 inside size 9
>>>>>>>>> theirs
    ),
  ],
)
"#;

#[test]
fn a_two_way_block_names_its_item_field_sides_and_labels() {
    let b = blocks(TWO_WAY).unwrap();
    assert_eq!(b.len(), 1);
    let b = &b[0];
    assert_eq!((b.start_line, b.end_line), (7, 11));
    assert_eq!(b.id.as_deref(), Some("D-1"));
    assert_eq!(b.field.as_deref(), Some("risk"));
    assert_eq!(b.ours, "      risk: 3,\n");
    assert_eq!(b.base, None);
    assert_eq!(b.theirs, "      risk: 4,\n");
    assert_eq!(b.labels.ours.as_deref(), Some("HEAD"));
    assert_eq!(b.labels.theirs.as_deref(), Some("feature"));
    assert_eq!(b.labels.size, 7);
}

#[test]
fn a_three_way_block_of_any_size_keeps_smaller_markers_as_text() {
    let b = blocks(THREE_WAY).unwrap();
    assert_eq!(b.len(), 1);
    let b = &b[0];
    assert_eq!((b.start_line, b.end_line), (5, 12));
    assert_eq!(b.id.as_deref(), Some("D-2"));
    assert_eq!(b.field.as_deref(), Some("customer"));
    assert_eq!(b.base.as_deref(), Some("      customer: 1,\n"));
    assert_eq!(b.labels.base.as_deref(), Some("base"));
    assert_eq!(b.labels.size, 9);
    assert!(b.theirs.contains("<<<<<<< not a marker"));
}

#[test]
fn settle_keeps_the_picked_side_and_the_line_endings() {
    let crlf = TWO_WAY.replace('\n', "\r\n");
    let b = blocks(&crlf).unwrap();
    assert_eq!(b[0].ours, "      risk: 3,\n", "sides are given with \\n");
    let picks = BTreeMap::from([(7, Side::Theirs)]);
    let out = settle(&crlf, &picks).unwrap();
    assert!(out.contains("      title: \"T\",\r\n      risk: 4,\r\n      owner"));
    assert!(!has_markers(&out));
    assert_eq!(out.matches('\n').count(), out.matches("\r\n").count());
    let ours = settle(TWO_WAY, &BTreeMap::from([(7, Side::Ours)])).unwrap();
    assert_eq!(
        ours,
        TWO_WAY
            .replace("<<<<<<< HEAD\n", "")
            .replace("=======\n      risk: 4,\n>>>>>>> feature\n", "")
    );
}

#[test]
fn settle_leaves_blocks_without_a_pick() {
    let text = format!("{TWO_WAY}{TWO_WAY}");
    let all = blocks(&text).unwrap();
    assert_eq!(all.len(), 2);
    let second = all[1].start_line;
    let out = settle(&text, &BTreeMap::from([(second, Side::Ours)])).unwrap();
    let left = blocks(&out).unwrap();
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].start_line, 7);
}

#[test]
fn base_is_picked_only_where_there_is_one() {
    let out = settle(THREE_WAY, &BTreeMap::from([(5, Side::Base)])).unwrap();
    assert!(out.contains("      id: \"D-2\",\n      customer: 1,\n    ),"));
    let e = settle(TWO_WAY, &BTreeMap::from([(7, Side::Base)])).unwrap_err();
    assert_eq!(e.line, 7);
}

#[test]
fn separators_and_closers_outside_a_block_are_text() {
    let text = "(\n  north_star: \"a\n=======\n>>>>>>> x\nb\",\n)\n";
    assert_eq!(blocks(text).unwrap(), vec![]);
    assert!(!has_markers(text));
    // a shorter run, a label without a space, an indented run: not markers
    let text = "<<<<<<\n<<<<<<<x\n  <<<<<<< a\n";
    assert!(!has_markers(text));
    assert!(has_markers("<<<<<<<\n"));
    assert!(has_markers(TWO_WAY) && has_markers(THREE_WAY));
    assert!(has_markers(&TWO_WAY.replace('\n', "\r\n")));
    assert!(has_markers("x\n<<<<<<<"));
    assert!(!has_markers("x\n<<<<<<<y\n<<<<<<"));
    assert!(has_markers("\u{feff}<<<<<<< a\n"));
}

#[test]
fn a_malformed_block_names_its_opening_line() {
    let e = blocks("(\n<<<<<<< a\n  risk: 3,\n)\n").unwrap_err();
    assert_eq!(e.line, 2);
    assert!(e.message.contains("unclosed"), "{e}");
    let e = blocks("x\n<<<<<<< a\n=======\n  risk: 3,\n").unwrap_err();
    assert_eq!(e.line, 2);
    let e = blocks("<<<<<<< a\n>>>>>>> b\n").unwrap_err();
    assert!(e.message.contains("before its ======="), "{e}");
    let e = blocks("<<<<<<< a\n=======\n<<<<<<< c\n").unwrap_err();
    assert_eq!(e.line, 1);
    assert!(e.to_string().starts_with("line 1: "));
}

#[test]
fn a_block_of_whole_items_names_the_item_inside_and_no_field() {
    let text = r#"  debts: [
    (
      id: "D-1",
      title: "a",
    ),
<<<<<<< ours
    (
      id: "D-9",
      title: "mine",
    ),
=======
>>>>>>> theirs
  ],
"#;
    let b = blocks(text).unwrap();
    assert_eq!(b[0].id.as_deref(), Some("D-9"));
    assert_eq!(b[0].field, None);
    assert_eq!(b[0].theirs, "");
}

#[test]
fn a_block_above_every_item_is_in_the_settings() {
    let text = "(\n<<<<<<< a\n  north_star: \"x\",\n=======\n  north_star: \"y\",\n>>>>>>> b\n  debts: [\n    (\n      id: \"D-1\",\n";
    let b = blocks(text).unwrap();
    assert_eq!(b[0].id, None);
    assert_eq!(b[0].field.as_deref(), Some("north_star"));
}

#[test]
fn a_file_ending_without_a_newline_settles() {
    let text = "<<<<<<< a\nx\n=======\ny\n>>>>>>> b";
    assert_eq!(blocks(text).unwrap()[0].end_line, 5);
    assert_eq!(
        settle(text, &BTreeMap::from([(1, Side::Theirs)])).unwrap(),
        "y\n"
    );
}

#[test]
fn a_nested_settings_field_is_named_with_its_parent() {
    let text = "(\n  schema: 1,\n  weights: (\n    customer: 1.0,\n<<<<<<< a\n    risk: 2.0,\n=======\n    risk: 3.0,\n>>>>>>> b\n  ),\n  debts: [\n    (\n      id: \"D-1\",\n<<<<<<< a\n      risk: 2,\n=======\n      risk: 3,\n>>>>>>> b\n    ),\n  ],\n)\n";
    let b = blocks(text).unwrap();
    assert_eq!(b[0].id, None);
    assert_eq!(b[0].field.as_deref(), Some("weights.risk"));
    assert_eq!(b[0].place(), "the settings (field weights.risk)");
    // An item's field stays as it is.
    assert_eq!(b[1].place(), "D-1 (field risk)");
}

#[test]
fn a_check_in_clash_is_named_by_its_date() {
    let text = r#"(
  key_results: [
    (
      id: "KR-1",
      title: "T",
      checkins: [
        (
          date: "2026-11-20",
          value: 5.0,
        ),
<<<<<<< HEAD
        (
          date: "2026-11-28",
          value: 6.0,
        ),
=======
        (
          date: "2026-11-28",
          value: 7.0,
        ),
>>>>>>> topic
      ],
    ),
  ],
)
"#;
    let b = &blocks(text).unwrap()[0];
    assert_eq!(b.id.as_deref(), Some("KR-1"));
    assert_eq!(b.field.as_deref(), Some("checkins[2026-11-28]"));
    assert!(b.fields.is_empty(), "{:?}", b.fields);
    assert_eq!(b.place(), "KR-1 (check-in 2026-11-28)");
    // A block on a field after the list is not a check-in.
    let after = r#"(
  key_results: [
    (
      id: "KR-1",
      checkins: [
        (
          date: "2026-11-20",
          value: 5.0,
        ),
      ],
<<<<<<< HEAD
      unit: "%",
=======
      unit: "ms",
>>>>>>> topic
    ),
  ],
)
"#;
    let b = &blocks(after).unwrap()[0];
    assert_eq!(b.field.as_deref(), Some("unit"));
    assert_eq!(b.place(), "KR-1 (field unit)");
}
