use super::*;
use crate::model::{Debt, Plan};
use crate::store::format::{
    from_text, from_text_with_comments, parse_canonical, to_text, to_text_with,
};

fn sample() -> Plan {
    from_text(crate::store::embedded::DEMO).unwrap()
}

/// The index of the first line at or after `from` that starts (after its
/// indent) with `prefix`.
fn find_line(lines: &[String], from: usize, prefix: &str) -> usize {
    from + lines[from..]
        .iter()
        .position(|l| l.trim_start().starts_with(prefix))
        .unwrap_or_else(|| panic!("no line {prefix:?}"))
}

/// Panics naming the first line where `a` and `b` differ.
fn same(a: &str, b: &str) {
    if a != b {
        let at = a.lines().zip(b.lines()).position(|(x, y)| x != y);
        let line = at.unwrap_or(a.lines().count().min(b.lines().count()));
        panic!(
            "differ at line {}: {:?} vs {:?}",
            line + 1,
            a.lines().nth(line),
            b.lines().nth(line)
        );
    }
}

fn round_trip(text: &str) -> (Plan, String) {
    let (plan, comments) = from_text_with_comments(text).unwrap();
    let again = to_text_with(&plan, &comments).unwrap();
    (plan, again)
}

/// The demo as a reviewer left it: notes on the file, on a section, on a
/// debt item and at the end of one of its fields, and at the end.
fn reviewed() -> (Plan, String) {
    let plan = sample();
    let mut lines: Vec<String> = to_text(&plan).unwrap().lines().map(str::to_owned).collect();
    let d = &plan.debts[3].id;
    let id = find_line(&lines, 0, &format!("id: \"{d}\""));
    let risk = find_line(&lines, id, "risk: ");
    lines[risk].push_str(" // because the payment path depends on it");
    for (k, c) in [
        "    // why: the on-call rota keeps hitting this",
        "    /* reviewed",
        "       in #42 */",
    ]
    .into_iter()
    .enumerate()
    {
        lines.insert(id - 1 + k, c.to_owned());
    }
    let objectives = find_line(&lines, 0, "objectives: [");
    lines.insert(
        objectives,
        "  // The objectives come from the brief.".into(),
    );
    lines.insert(0, "// Lumen Billing plan: reviewed like code.".into());
    lines.push("// end of plan".into());
    (plan, lines.join("\n") + "\n")
}

#[test]
fn canonical_text_with_comments_saves_byte_for_byte() {
    let (plan, text) = reviewed();
    let (back, again) = round_trip(&text);
    assert_eq!(back, plan);
    same(&again, &text);
    assert_eq!(extract(&text).len(), 6);
}

#[test]
fn comments_take_the_fast_reader_once_stripped() {
    let (plan, text) = reviewed();
    let stripped = strip(&text).unwrap();
    same(&stripped, &to_text(&plan).unwrap());
    assert!(parse_canonical(&stripped, usize::MAX).is_some());
}

#[test]
fn a_comment_moves_with_its_item_and_goes_with_it() {
    let (plan, text) = reviewed();
    let (mut edited, comments) = from_text_with_comments(&text).unwrap();
    let id = plan.debts[3].id.clone();
    // Renaming nothing, but a new item sorts before it: the comment follows.
    edited.debts.push(Debt::new(
        "D-00000".into(),
        "first".into(),
        plan.debts[0].created,
    ));
    edited.normalize();
    let out = to_text_with(&edited, &comments).unwrap();
    let why = out.find("// why").unwrap();
    let item = out.find(&format!("id: \"{id}\"")).unwrap();
    assert!(
        why < item && !out[why..item].contains("id: \""),
        "{}",
        &out[why..item]
    );
    assert!(out.contains("risk: ") && out.contains(" // because the payment path"));
    // Deleted: its comments go, the others stay.
    edited.debts.retain(|d| d.id != id);
    let out = to_text_with(&edited, &comments).unwrap();
    assert!(!out.contains("// why") && !out.contains("reviewed\n") && !out.contains("// because"));
    assert!(out.starts_with("// Lumen Billing plan"));
    assert!(out.contains("  // The objectives come from the brief.\n  objectives: ["));
    assert!(out.ends_with(")\n// end of plan\n"));
    assert_eq!(from_text(&out).unwrap(), edited);
}

#[test]
fn comment_markers_inside_strings_are_text() {
    let mut plan = sample();
    plan.debts[0].title = "See https://wiki/x /* not a comment */ // nor this".into();
    let text = to_text(&plan).unwrap();
    assert!(extract(&text).is_empty());
    let (back, again) = round_trip(&text);
    assert_eq!(back, plan);
    same(&again, &text);
    // And with a real comment beside it.
    let line = format!("title: {:?},", plan.debts[0].title);
    let text = text.replacen(&line, &format!("{line} // real"), 1);
    let (back, again) = round_trip(&text);
    assert_eq!(back, plan);
    same(&again, &text);
    assert_eq!(extract(&text).len(), 1);
}

#[test]
fn a_field_comment_stays_with_its_field_and_in_its_item_when_the_field_goes() {
    let mut plan = sample();
    let i = plan
        .debts
        .iter()
        .position(|d| !d.description.is_empty())
        .unwrap();
    let id = plan.debts[i].id.clone();
    let mut lines: Vec<String> = to_text(&plan).unwrap().lines().map(str::to_owned).collect();
    let at = find_line(&lines, 0, &format!("id: \"{id}\""));
    let at = find_line(&lines, at, "description:");
    lines.insert(at, "      // keep it short".into());
    let text = lines.join("\n") + "\n";
    let (_, comments) = from_text_with_comments(&text).unwrap();
    plan.debts[i].title.push_str(" (edited)");
    let out = to_text_with(&plan, &comments).unwrap();
    assert!(out.contains("      // keep it short\n      description:"));
    // The description cleared: its line is not written, the comment stays
    // in the item, before the item's end.
    plan.debts[i].description.clear();
    let out = to_text_with(&plan, &comments).unwrap();
    let item = out.find(&format!("id: \"{id}\"")).unwrap();
    let end = item + out[item..].find("\n    ),").unwrap();
    assert!(
        out[item..end].contains("// keep it short"),
        "{}",
        &out[item..end]
    );
    assert_eq!(from_text(&out).unwrap(), plan);
}

#[test]
fn hand_written_layout_keeps_its_comments() {
    // Not canonical: one line per item, CRLF, id not first, a raw string.
    let text = "(\r\n  schema: 1, // version\r\n  debts: [\r\n    // first\r\n    (title: r\"a // b\", id: \"D-1\", created: \"2026-01-01\", effort: 1),\r\n    /* second */ (id: \"D-0\", title: \"z\", created: \"2026-01-01\", effort: 1),\r\n  ],\r\n)\r\n";
    let (plan, comments) = from_text_with_comments(text).unwrap();
    assert_eq!(plan.debts[0].id, "D-0");
    let out = to_text_with(&plan, &comments).unwrap();
    assert!(out.contains("  schema: 1, // version\n"), "{out}");
    let second = out.find("/* second */").unwrap();
    let first = out.find("// first").unwrap();
    let d0 = out.find("\"D-0\"").unwrap();
    let d1 = out.find("\"D-1\"").unwrap();
    assert!(second < d0 && d0 < first && first < d1, "{out}");
    assert!(!out.contains('\r'));
    assert_eq!(from_text(&out).unwrap(), plan);
}

#[test]
fn stripping_never_joins_tokens_or_hides_bad_text() {
    assert_eq!(strip("(a: 4/**/2)").as_deref(), Some("(a: 4 2)"));
    assert_eq!(strip("(a: 1)"), None);
    assert_eq!(strip("(a: \"x // y\")"), None);
    assert_eq!(strip("(a: 1) /* unclosed"), None);
    assert_eq!(strip("(a: 1)\n// no newline"), None);
    assert_eq!(
        strip("// top\n(\n  a: 1, // t\n  /* x */ /* y */\n)\n").as_deref(),
        Some("(\n  a: 1,\n)\n")
    );
}
