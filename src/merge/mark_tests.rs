//! The line diff rebuilds its target; the line merge follows git's rules;
//! the marks wrap only what differs.

use proptest::prelude::*;

use super::diff::{diff, lines};
use super::mark::{Labels, mark, merge_lines};

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
    fn each_section_of_marked_text_is_that_text(o in text(), b in text(), t in text()) {
        let whole = |mut x: Vec<u8>| { if !x.is_empty() && !x.ends_with(b"\n") { x.push(b'\n'); } x };
        let (o, b, t) = (whole(o), whole(b), whole(t));
        let m = mark(&o, &b, &t, &Labels::default());
        prop_assert_eq!(take(&m.text, 0), o);
        prop_assert_eq!(take(&m.text, 1), b);
        prop_assert_eq!(take(&m.text, 2), t);
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

/// The text with every block replaced by one section (0 ours, 1 base, 2 theirs).
fn take(text: &[u8], section: usize) -> Vec<u8> {
    let mut out = Vec::new();
    let mut at: Option<usize> = None;
    for l in lines(text) {
        let starts = |c: u8| l.len() >= 7 && l[..7].iter().all(|&x| x == c);
        match at {
            None if starts(b'<') => at = Some(0),
            Some(_) if starts(b'|') => at = Some(1),
            Some(_) if starts(b'=') => at = Some(2),
            Some(_) if starts(b'>') => at = None,
            _ if at.is_none_or(|s| s == section) => out.extend_from_slice(l),
            _ => {}
        }
    }
    out
}

mod plans {
    use proptest::prelude::*;

    use super::super::proptests::{apply, base, edits, ids};
    use super::super::*;
    use super::take;
    use crate::merge::mark::{Labels, mark};
    use crate::store::format::to_text;

    fn settled(m: &Merged, side: Side) -> Plan {
        let mut p = m.plan.clone();
        for c in &m.conflicts {
            settle_in_place(&mut p, c, side).unwrap();
        }
        p
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 128, failure_persistence: None, ..ProptestConfig::default() })]

        /// Each section of the marked plan is that side's settled plan,
        /// line for line: the blocks hold exactly what differs.
        #[test]
        fn each_section_of_the_marked_plan_is_that_sides_plan(base in base(), ea in edits(), eb in edits()) {
            let ids = ids(&base);
            let a = apply(&base, &ids, &ea);
            let b = apply(&base, &ids, &eb);
            let m = merge(&base, &a, &b);
            let text = |p: &Plan| to_text(p).unwrap().into_bytes();
            let (o, bs, t) = (text(&m.plan), text(&settled(&m, Side::Base)), text(&settled(&m, Side::Theirs)));
            let marked = mark(&o, &bs, &t, &Labels::default());
            prop_assert_eq!(marked.blocks == 0, m.conflicts.is_empty());
            prop_assert_eq!(take(&marked.text, 0), o);
            prop_assert_eq!(take(&marked.text, 1), bs);
            prop_assert_eq!(take(&marked.text, 2), t);
        }
    }
}
