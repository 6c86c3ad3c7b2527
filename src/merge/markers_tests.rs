//! The line diff rebuilds its target; the line merge follows git's rules;
//! the marks wrap only what differs.

use proptest::prelude::*;

use super::diff::{diff, lines};
use super::markers::{Labels, has_markers, mark, merge_lines};

/// `a` with `hunks` applied.
fn apply(a: &[&[u8]], b: &[&[u8]]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut pos = 0;
    for h in diff(a, b) {
        assert!(h.a_start >= pos && h.a_start <= h.a_end, "{h:?}");
        a[pos..h.a_start]
            .iter()
            .for_each(|l| out.extend_from_slice(l));
        b[h.b_start..h.b_end]
            .iter()
            .for_each(|l| out.extend_from_slice(l));
        pos = h.a_end;
    }
    a[pos..].iter().for_each(|l| out.extend_from_slice(l));
    out
}

fn text() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(
        prop::sample::select(vec!["a\n", "b\n", "(\n", "),\n", "x: 1,\n", "y"]),
        0..40,
    )
    .prop_map(|v| v.concat().into_bytes())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn the_diff_rebuilds_the_second_text(a in text(), b in text()) {
        let (la, lb) = (lines(&a), lines(&b));
        prop_assert_eq!(apply(&la, &lb), b);
    }

    #[test]
    fn a_line_merge_with_one_side_unchanged_is_the_other(b in text(), x in text()) {
        let l = Labels::default();
        prop_assert_eq!(merge_lines(&b, &x, &b, &l).text, x.clone());
        prop_assert_eq!(merge_lines(&b, &b, &x, &l).text, x.clone());
        prop_assert_eq!(merge_lines(&b, &x, &x, &l).text, x);
    }

    #[test]
    fn marks_of_equal_texts_are_none(x in text()) {
        let m = mark(&x, &x, &x, &Labels::default());
        prop_assert_eq!(m.blocks, 0);
        prop_assert_eq!(m.text, x);
    }
}

#[test]
fn edits_of_distant_lines_merge_and_of_one_line_clash_with_labels() {
    let l = Labels {
        ours: "HEAD".into(),
        base: "merged common ancestors".into(),
        theirs: "topic".into(),
        size: 7,
    };
    let base = b"1\n2\n3\n4\n5\n";
    let m = merge_lines(base, b"one\n2\n3\n4\n5\n", b"1\n2\n3\n4\nfive\n", &l);
    assert_eq!(
        (m.text.as_slice(), m.blocks),
        (&b"one\n2\n3\n4\nfive\n"[..], 0)
    );
    let m = merge_lines(base, b"1\n2\nX\n4\n5\n", b"1\n2\nY\n4\n5\n", &l);
    assert_eq!(
        String::from_utf8(m.text).unwrap(),
        "1\n2\n<<<<<<< HEAD\nX\n||||||| merged common ancestors\n3\n=======\nY\n>>>>>>> topic\n4\n5\n"
    );
    assert_eq!(m.blocks, 1);
}

#[test]
fn adjacent_field_lines_get_a_block_each_and_the_marker_size_is_kept() {
    let l = Labels {
        size: 9,
        ..Labels::default()
    };
    let ours = b"(\n  risk: 1,\n  urgency: 1,\n)\n";
    let base = b"(\n  risk: 3,\n  urgency: 3,\n)\n";
    let theirs = b"(\n  risk: 2,\n  urgency: 2,\n)\n";
    let m = mark(ours, base, theirs, &l);
    assert_eq!(m.blocks, 2);
    let text = String::from_utf8(m.text).unwrap();
    assert!(text.starts_with("(\n<<<<<<<<< ours\n  risk: 1,\n||||||||| base\n  risk: 3,\n=========\n  risk: 2,\n>>>>>>>>> theirs\n<<<<<<<<< ours\n  urgency: 1,\n"), "{text}");
}

#[test]
fn a_last_line_without_a_newline_still_gets_its_marker_on_a_line_of_its_own() {
    let m = merge_lines(b"a", b"b", b"c", &Labels::default());
    assert_eq!(
        String::from_utf8(m.text).unwrap(),
        "<<<<<<< ours\nb\n||||||| base\na\n=======\nc\n>>>>>>> theirs\n"
    );
}

#[test]
fn markers_are_found_only_at_the_start_of_a_line() {
    assert!(has_markers(b"a\n<<<<<<< HEAD\nb\n"));
    assert!(has_markers(b"=======\n"));
    assert!(!has_markers(b"a <<<<<<< b\n"));
    assert!(!has_markers(b"<<<<<<x\n"));
}
