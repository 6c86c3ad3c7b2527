//! Random comments at random places in a canonical plan: an unchanged plan
//! saves byte for byte, and after edits every comment is still there
//! unless its item was removed. Test-only (`mod proptests;` in the parent).

use proptest::prelude::*;

use super::*;
use crate::model::{Debt, Plan};
use crate::store::format::{from_text, from_text_with_comments, to_text, to_text_with};

#[derive(Debug, Clone)]
enum Place {
    /// Whole lines before line `n`: a line comment or a block comment
    /// (over two lines when `wrap`), indented by `indent`.
    Before {
        line: usize,
        indent: usize,
        block: bool,
        wrap: bool,
    },
    /// At the end of line `n`.
    After { line: usize, block: bool },
}

/// Comment text: markers, quotes and ids included, never a newline (and
/// no `*` or `/` in a block comment, which would end or nest it).
fn body(block: bool) -> impl Strategy<Value = String> {
    let line = r#"[a-zA-Z0-9 "'#:,()\[\]é🦀/*-]{0,24}"#;
    let block_body = r#"[a-zA-Z0-9 "'#:,()\[\]é🦀-]{0,24}"#;
    if block { block_body } else { line }
}

fn place() -> impl Strategy<Value = Place> {
    prop_oneof![
        (0usize..10_000, 0usize..9, any::<bool>(), any::<bool>()).prop_map(
            |(line, indent, block, wrap)| Place::Before {
                line,
                indent,
                block,
                wrap
            }
        ),
        (0usize..10_000, any::<bool>()).prop_map(|(line, block)| Place::After { line, block }),
    ]
}

/// The top-level item (by id) whose lines hold line `n`, if any.
fn owner(lines: &[&str], n: usize) -> Option<String> {
    let open = lines[..=n].iter().rposition(|l| *l == "    (")?;
    let close = open + lines[open..].iter().position(|l| *l == "    ),")?;
    if n > close {
        return None;
    }
    let id = lines[open + 1].trim_start().strip_prefix("id: \"")?;
    Some(id.trim_end_matches("\",").to_owned())
}

/// Canonical `text` with the comments placed; each comment is unique
/// (`@k@`), with the item it belongs to.
fn commented(text: &str, places: &[(Place, String)]) -> (String, Vec<(String, Option<String>)>) {
    let lines: Vec<&str> = text.lines().collect();
    let mut before: Vec<Vec<String>> = vec![Vec::new(); lines.len()];
    let mut after: Vec<String> = vec![String::new(); lines.len()];
    let mut marks = Vec::new();
    for (k, (place, text)) in places.iter().enumerate() {
        let mark = format!("@{k}@");
        match place {
            Place::Before {
                line,
                indent,
                block,
                wrap,
            } => {
                let n = line % lines.len();
                let pad = " ".repeat(*indent);
                let c = match (block, wrap) {
                    (false, _) => format!("{pad}// {text} {mark}"),
                    (true, false) => format!("{pad}/* {text} {mark} */"),
                    (true, true) => format!("{pad}/* {text}\n{pad}   {mark} */"),
                };
                before[n].push(c);
                marks.push((mark, owner(&lines, n)));
            }
            Place::After { line, block } => {
                let n = line % lines.len();
                // A line comment ends its line: nothing may follow it.
                if after[n].contains("//") {
                    continue;
                }
                after[n].push_str(&if *block {
                    format!(" /* {text} {mark} */")
                } else {
                    format!(" // {text} {mark}")
                });
                marks.push((mark, owner(&lines, n)));
            }
        }
    }
    let mut out = String::new();
    for (n, line) in lines.iter().enumerate() {
        for c in &before[n] {
            out.push_str(c);
            out.push('\n');
        }
        out.push_str(line);
        out.push_str(&after[n]);
        out.push('\n');
    }
    (out, marks)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn comments_survive_saves_and_leave_with_their_item(
        seed in 1u64..1_000,
        places in prop::collection::vec(place().prop_flat_map(|p| {
            let block = matches!(p, Place::Before { block: true, .. } | Place::After { block: true, .. });
            (Just(p), body(block))
        }), 1..12),
        remove in any::<prop::sample::Index>(),
        retitle in any::<prop::sample::Index>(),
    ) {
        let plan = crate::synth::plan(12, seed);
        let canonical = to_text(&plan).unwrap();
        let (text, marks) = commented(&canonical, &places);

        // Unchanged: the same plan, the same bytes, and the fast reader.
        let (read, comments) = from_text_with_comments(&text).unwrap();
        prop_assert_eq!(&read, &plan);
        prop_assert_eq!(to_text_with(&read, &comments).unwrap(), text.clone());
        prop_assert_eq!(strip(&text), Some(canonical.clone()));
        // Read through the fast reader, stepping over items without
        // comments: the same comments as reading every token.
        prop_assert_eq!(&comments, &extract(&text));

        // Edited: one debt removed, one retitled, one added.
        let mut edited = read;
        let gone = edited.debts.remove(remove.index(edited.debts.len())).id;
        let i = retitle.index(edited.debts.len());
        edited.debts[i].title.push_str(" // (edited) /* x */");
        edited.debts.push(Debt::new("D-QQQQQ".into(), "new".into(), edited.debts[0].created));
        edited.normalize();
        let out = to_text_with(&edited, &comments).unwrap();
        prop_assert_eq!(&from_text(&out).unwrap(), &edited);
        for (mark, owner) in &marks {
            let kept = out.matches(mark.as_str()).count();
            let want = usize::from(owner.as_deref() != Some(gone.as_str()));
            prop_assert_eq!(kept, want, "{} (in {:?}, removed {})", mark, owner, gone);
        }
        // Saved again unchanged: the same bytes.
        let (again, comments2) = from_text_with_comments(&out).unwrap();
        prop_assert_eq!(to_text_with(&again, &comments2).unwrap(), out);
    }
}

proptest! {
    /// Any text (the reader strips comments from whatever fails the fast
    /// path) lexes, strips and extracts without a panic.
    #[test]
    fn any_text_is_handled_without_panicking(
        text in r#"[ -~\n\t\r'"/*é🦀\u{2028}\u{85}]{0,200}"#,
        cut in any::<prop::sample::Index>(),
        insert in r#"[/*"'\\é🦀\n]{1,4}"#,
    ) {
        let _ = strip(&text);
        let _ = extract(&text);
        // The quick scan agrees with the lexer wherever it answers.
        for t in [&text, &format!("(a: \"{text}\", b: 1) {text}")] {
            match comment_spans_quick(t) {
                Quick::Spans(q) => prop_assert_eq!(Some(q), comment_spans(t)),
                Quick::Unreadable => prop_assert_eq!(None, comment_spans(t)),
                Quick::AskTheLexer => {}
            }
        }
        let _ = apply(to_text(&Plan::default()).unwrap(), &extract(&text));
        // A canonical plan with a few marker characters spliced in.
        let base = to_text(&crate::synth::plan(2, 3)).unwrap();
        let mut at = cut.index(base.len());
        while !base.is_char_boundary(at) {
            at -= 1;
        }
        let spliced = format!("{}{insert}{}", &base[..at], &base[at..]);
        let _ = strip(&spliced);
        let _ = extract(&spliced);
        let _ = from_text(&spliced);
    }
}

#[test]
fn the_plan_type_is_unchanged_by_comments() {
    // Comments live beside the plan, never in it: equality is the plan's.
    let plan = Plan::default();
    let text = format!("// note\n{}", to_text(&plan).unwrap());
    assert_eq!(from_text(&text).unwrap(), plan);
}
