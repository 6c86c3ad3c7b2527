//! The plan file's text: RON written one way only, so the same plan is always
//! the same bytes and a change to one item is a diff of that item's lines.

use ron::extensions::Extensions;
use ron::ser::PrettyConfig;

use super::comments::{self, Comments};
use crate::model::{Item, Plan, SCHEMA_VERSION};

mod checks;
mod fast_de;
mod fast_fields;
mod fast_ser;
pub(crate) mod locate;

use checks::{check_ids, check_values};

/// Deep enough for any real plan (the deepest path is about 5 levels);
/// shallow enough that a hostile `[[[[…` cannot overflow the stack.
pub const RECURSION_LIMIT: usize = 64;

/// Where in the text something is, 1-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// Why text is not a plan, with the position of the trouble when known.
#[derive(Debug, Clone, PartialEq)]
pub enum FormatError {
    Syntax {
        at: Position,
        message: String,
    },
    NewerSchema {
        found: u32,
    },
    DuplicateId {
        id: String,
        first: usize,
        second: usize,
    },
    /// A value that breaks a rule, or an id of the wrong kind: `id` is the
    /// item (or settings section) and `message` names the field and rule.
    Invalid {
        at: Position,
        id: String,
        message: String,
    },
}

fn options() -> ron::Options {
    ron::Options::default()
        .with_default_extension(Extensions::IMPLICIT_SOME)
        .with_recursion_limit(RECURSION_LIMIT)
}

fn pretty() -> PrettyConfig {
    PrettyConfig::new()
        .indentor("  ")
        .new_line("\n")
        .struct_names(false)
        .separate_tuple_members(false)
        .enumerate_arrays(false)
        .extensions(Extensions::IMPLICIT_SOME)
}

/// The plan as file text, in the bytes RON's pretty printer would write
/// (`to_text_ron`) but written directly, several times faster. Never fails;
/// the `Result` is kept for callers written against RON.
pub fn to_text(plan: &Plan) -> Result<String, ron::Error> {
    let mut text = fast_ser::write(plan);
    if !text.ends_with('\n') {
        text.push('\n');
    }
    Ok(text)
}

/// [`to_text`] with the comments read from the file put back where they
/// stood (see [`comments`]).
pub fn to_text_with(plan: &Plan, comments: &Comments) -> Result<String, ron::Error> {
    Ok(comments::apply(to_text(plan)?, comments))
}

/// `to_text` through RON's pretty printer: the reference the fast writer
/// is checked against byte for byte.
pub fn to_text_ron(plan: &Plan) -> Result<String, ron::Error> {
    let mut text = plain_quotes(options().to_string_pretty(plan, pretty())?);
    if !text.ends_with('\n') {
        text.push('\n');
    }
    Ok(text)
}

/// One item as it appears in the file (for `bearing show`).
pub fn item_text(item: &Item) -> Result<String, ron::Error> {
    let (o, p) = (options(), pretty());
    match item {
        Item::Objective(x) => o.to_string_pretty(x, p),
        Item::KeyResult(x) => o.to_string_pretty(x, p),
        Item::Hypothesis(x) => o.to_string_pretty(x, p),
        Item::Debt(x) => o.to_string_pretty(x, p),
        Item::Sprint(x) => o.to_string_pretty(x, p),
    }
    .map(plain_quotes)
}

/// RON's printer escapes every `'` in a string (`"Don\'t"`), which RON
/// does not need in a double-quoted string: a plan is read by people, so
/// it says `"Don't"`. Only a `'` is ever written after a backslash that
/// starts an escape (a `\\` pair is followed by an escaped `'` at most),
/// so replacing `\'` is exact.
fn plain_quotes(text: String) -> String {
    if text.contains("\\'") {
        text.replace("\\'", "'")
    } else {
        text
    }
}

/// Parses file text into a plan, checking the schema and the ids. Older
/// schemas are handled by the loader before this.
pub fn from_text(text: &str) -> Result<Plan, FormatError> {
    read(without_bom(text)).map(|(plan, _)| plan)
}

/// How the text was read.
enum Read {
    /// By the fast reader as it stands: it has no comments.
    Canonical,
    /// By the fast reader once its comments were taken out.
    Stripped(comments::Stripped),
    /// By RON.
    Ron,
}

/// [`from_text`] and the comments written in the text, which a save puts
/// back ([`to_text_with`]).
pub fn from_text_with_comments(text: &str) -> Result<(Plan, Comments), FormatError> {
    let text = without_bom(text);
    let (plan, how) = read(text)?;
    let comments = match how {
        Read::Canonical => Comments::default(),
        Read::Stripped(stripped) => comments::extract_canonical(text, &stripped),
        Read::Ron => comments::extract(text),
    };
    Ok((plan, comments))
}

/// The plan, and how it was read.
fn read(text: &str) -> Result<(Plan, Read), FormatError> {
    // The schema is read first so a newer file is refused with that message,
    // not with an "unknown field" from a format this build does not know.
    if let Some(found) = peek_schema(text)
        && found > SCHEMA_VERSION
    {
        return Err(FormatError::NewerSchema { found });
    }
    // Canonical text (what `to_text` wrote) takes the fast reader, and so
    // does canonical text with comments once they are taken out; anything
    // else, and anything wrong, gets RON's full parse and RON's messages.
    if let Some(plan) = fast_de::parse(text, fast_de::PARALLEL_MIN_BYTES) {
        return Ok((finish(plan, text)?, Read::Canonical));
    }
    if let Some(stripped) = comments::strip_marked(text)
        && let Some(plan) = fast_de::parse(&stripped.text, fast_de::PARALLEL_MIN_BYTES)
    {
        return Ok((finish(plan, text)?, Read::Stripped(stripped)));
    }
    Ok((finish(parse_ron(text)?, text)?, Read::Ron))
}

/// `from_text` through the general RON parser only. The fast reader must
/// agree with it on every input; tests compare the two.
pub fn from_text_ron(text: &str) -> Result<Plan, FormatError> {
    let text = without_bom(text);
    if let Some(found) = peek_schema(text)
        && found > SCHEMA_VERSION
    {
        return Err(FormatError::NewerSchema { found });
    }
    let plan = parse_ron(text)?;
    finish(plan, text)
}

/// The fast reader alone: `Some` only for canonical text. For tests that
/// must know the fast path was taken, not fallen back from;
/// `parallel_from` is the debt-list size in bytes from which it splits the
/// list over two threads (`usize::MAX`: never, 0: always).
#[doc(hidden)]
pub fn parse_canonical(text: &str, parallel_from: usize) -> Option<Plan> {
    fast_de::parse(text, parallel_from)
}

/// A leading byte-order mark (Windows editors write one) is not part of
/// the plan: both readers see the text after it.
fn without_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

fn parse_ron(text: &str) -> Result<Plan, FormatError> {
    options().from_str(text).map_err(|e| FormatError::Syntax {
        at: Position {
            line: e.span.start.line,
            column: e.span.start.col,
        },
        message: e.code.to_string(),
    })
}

/// The checks after parsing, shared by both readers.
fn finish(plan: Plan, text: &str) -> Result<Plan, FormatError> {
    if plan.schema > SCHEMA_VERSION {
        return Err(FormatError::NewerSchema { found: plan.schema });
    }
    check_ids(&plan, text)?;
    check_values(&plan, text)?;
    let mut plan = plan;
    plan.normalize();
    Ok(plan)
}

/// The `schema: N` value, found without parsing the rest.
pub fn peek_schema(text: &str) -> Option<u32> {
    text.lines().find_map(|l| {
        let rest = l.trim().strip_prefix("schema:")?;
        rest.trim().trim_end_matches(',').trim().parse().ok()
    })
}

/// Every item's line in one pass: id → the 1-based line of its `id: "…"`
/// (the first, when an id repeats). The one place that reads item lines
/// from text: `bearing check` hands it to the checks (which never read text
/// themselves) and `bearing show` prints the item's line from it.
pub fn item_lines(text: &str) -> std::collections::HashMap<String, usize> {
    let mut map = std::collections::HashMap::new();
    for (i, l) in text.lines().enumerate() {
        if let Some(rest) = l.trim_start().strip_prefix("id: \"")
            && let Some(end) = rest.find('"')
        {
            map.entry(rest[..end].to_owned()).or_insert(i + 1);
        }
    }
    map
}

#[cfg(test)]
mod tests {
    use super::checks::{check_ids_in_order, ids_plainly_fine};
    use super::*;
    use crate::model::{Debt, Hypothesis, Item, KeyResult, Objective, Sprint};
    use chrono::NaiveDate;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn an_apostrophe_is_written_plain_and_an_escaped_one_still_reads() {
        let mut plan = sample();
        plan.north_star = "Don't page twice: a \\' and a \"quote\" — café".into();
        let text = to_text(&plan).unwrap();
        assert!(
            text.contains(r#"north_star: "Don't page twice: a \\' and a \"quote\" — café","#),
            "{text}"
        );
        assert_eq!(text, to_text_ron(&plan).unwrap());
        assert_eq!(from_text(&text).unwrap(), plan);
        // Files written before escaped every apostrophe.
        let old = text.replace("Don't", "Don\\'t");
        assert_eq!(from_text(&old).unwrap(), plan);
        plan.objectives[0].title = "Users' trust".into();
        let item = item_text(&Item::Objective(plan.objectives[0].clone())).unwrap();
        assert!(item.contains(r#"title: "Users' trust","#), "{item}");
    }

    pub(crate) fn sample() -> Plan {
        let mut plan = Plan {
            north_star: "Ship fast.\n\nStay up.".into(),
            ..Plan::default()
        };
        plan.objectives.push(Objective {
            id: "O-AAAAA".into(),
            title: "Platform reliability".into(),
            description: "Fewer incidents".into(),
        });
        let mut kr = KeyResult {
            id: "KR-AAAAA".into(),
            objective: "O-AAAAA".into(),
            title: "MTTR".into(),
            unit: "min".into(),
            baseline: 90.0,
            target: Some(30.0),
            current: 90.0,
            start: day("2026-01-01"),
            due: Some(day("2026-06-30")),
            owner: "ana".into(),
            checkins: vec![],
        };
        kr.check_in(day("2026-02-01"), 70.0);
        plan.key_results.push(kr);
        let mut h = Hypothesis::new("H-AAAAA".into(), "Runbooks".into(), day("2026-01-02"));
        h.key_results.push("KR-AAAAA".into());
        h.started = Some(day("2026-01-03"));
        plan.hypotheses.push(h);
        let mut d = Debt::new(
            "D-AAAAA".into(),
            "Flaky \"deploy\" script".into(),
            day("2026-01-02"),
        );
        d.tags = vec!["ci".into()];
        d.risk = 4;
        d.effort = Some(1);
        d.key_results.push("KR-AAAAA".into());
        plan.debts.push(d);
        let mut s = Sprint::new(
            "S-AAAAA".into(),
            "Debt sprint 1".into(),
            day("2026-02-02"),
            day("2026-02-13"),
            10,
        );
        s.items.push("D-AAAAA".into());
        plan.sprints.push(s);
        plan
    }

    #[test]
    fn round_trip_is_identical() {
        let plan = sample();
        let text = to_text(&plan).unwrap();
        if std::env::var_os("BEARING_PRINT_SAMPLE").is_some() {
            println!("{text}");
        }
        let back = from_text(&text).unwrap();
        assert_eq!(back, plan);
        assert_eq!(to_text(&back).unwrap(), text);
    }

    #[test]
    fn changing_one_item_changes_only_its_lines() {
        let mut plan = from_text(crate::store::embedded::DEMO).unwrap();
        let before = to_text(&plan).unwrap();
        let d = &mut plan.debts[7];
        d.risk = if d.risk == 5 { 4 } else { 5 };
        d.title.push_str(" (edited)");
        let after = to_text(&plan).unwrap();
        let (a, b): (Vec<_>, Vec<_>) = (before.lines().collect(), after.lines().collect());
        assert_eq!(a.len(), b.len());
        let changed: Vec<_> = a.iter().zip(&b).filter(|(x, y)| x != y).collect();
        assert_eq!(changed.len(), 2, "{changed:?}");
        // A new item adds only its own lines, in one block.
        let mut plan2 = from_text(&before).unwrap();
        plan2
            .debts
            .push(Debt::new("D-00000".into(), "new".into(), day("2026-01-01")));
        plan2.normalize();
        let added = to_text(&plan2).unwrap();
        let extra = added.lines().count() - a.len();
        let item_lines = item_text(&Item::Debt(plan2.debts[0].clone()))
            .unwrap()
            .lines()
            .count();
        assert_eq!(extra, item_lines, "only the item's own lines are added");
    }

    /// An unestimated item leaves `effort` out, a due date is written as a
    /// date, and both read back (fast and RON alike); a file written before
    /// either existed (effort given, no due) loads unchanged.
    #[test]
    fn optional_effort_and_due_round_trip() {
        let mut plan = sample();
        let mut d = plan.debts[0].clone();
        d.id = "D-BBBBB".into();
        d.effort = None;
        d.due = Some(day("2026-03-01"));
        plan.debts.push(d);
        let text = to_text(&plan).unwrap();
        assert_eq!(text.matches("effort:").count(), 1, "{text}");
        assert!(text.contains("due: \"2026-03-01\""), "{text}");
        let back = from_text(&text).unwrap();
        assert_eq!(back, plan);
        let ron_back: Plan = ron::Options::default()
            .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
            .from_str(&text)
            .unwrap();
        assert_eq!(ron_back, plan);
        let old = to_text(&sample()).unwrap();
        assert!(old.contains("effort: 1") && !old.contains("2026-03-01"));
        assert_eq!(from_text(&old).unwrap(), sample());
    }

    #[test]
    fn syntax_error_has_position() {
        let text = to_text(&sample())
            .unwrap()
            .replace("effort: 1", "effort: \"big\"");
        match from_text(&text) {
            Err(FormatError::Syntax { at, .. }) => {
                let want = text.lines().position(|l| l.contains("\"big\"")).unwrap() + 1;
                assert_eq!(at.line, want);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn unknown_field_is_an_error() {
        let text = to_text(&sample())
            .unwrap()
            .replace("effort: 1", "effort: 1,\n      efort: 2");
        assert!(matches!(from_text(&text), Err(FormatError::Syntax { .. })));
    }

    #[test]
    fn newer_schema_refused() {
        let text = to_text(&sample())
            .unwrap()
            .replace("schema: 1", "schema: 99");
        assert_eq!(
            from_text(&text),
            Err(FormatError::NewerSchema { found: 99 })
        );
    }

    #[test]
    fn duplicate_ids_name_both_lines() {
        let mut plan = sample();
        let mut d2 = plan.debts[0].clone();
        d2.title = "twin".into();
        plan.debts.push(d2);
        let text = to_text(&plan).unwrap();
        match from_text(&text) {
            Err(FormatError::DuplicateId { id, first, second }) => {
                assert_eq!(id, "D-AAAAA");
                assert!(first > 0 && second > first);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn numbers_too_big_for_a_float_are_refused_with_their_line() {
        let text = to_text(&sample())
            .unwrap()
            .replace("current: 70.0", "current: 1e400");
        match from_text(&text) {
            Err(FormatError::Invalid { at, id, message }) => {
                assert_eq!(id, "KR-AAAAA");
                // The value itself, not the item's first line.
                let line = text.lines().position(|l| l.contains("1e400")).unwrap() + 1;
                let column = text.lines().nth(line - 1).unwrap().find("1e400").unwrap() + 1;
                assert_eq!((at.line, at.column), (line, column));
                assert_eq!(message, "current: must be a finite number");
            }
            other => panic!("{other:?}"),
        }
        let text = to_text(&sample())
            .unwrap()
            .replace("risk: 1.0", "risk: 1e999");
        assert!(matches!(from_text(&text), Err(FormatError::Invalid { .. })));
    }

    #[test]
    fn canonical_text_takes_the_fast_reader_and_agrees_with_ron() {
        let mut texts = vec![
            to_text(&sample()).unwrap(),
            crate::store::embedded::DEMO.to_owned(),
            crate::store::embedded::TEMPLATE.to_owned(),
            to_text(&crate::synth::plan(300, 3)).unwrap(),
        ];
        let mut odd = sample();
        odd.debts[0].title =
            "a \"q\" \\ \n\t\r\0 \u{1b}[31m \u{9b} \u{202e} é 🦀 ),\n    (\n id: \"".into();
        odd.debts[0].source = Some("tw:1".into());
        odd.import.debt_labels = vec!["\"x\"), y: [".into(), "\u{1b}[2J".into()];
        odd.import.priorities[0].word = "\u{202e}=1".into();
        odd.key_results[0].baseline = -1.5e300;
        odd.key_results[0].current = 1e-7;
        texts.push(to_text(&odd).unwrap());
        for text in texts {
            for split in [0, usize::MAX] {
                let mut fast =
                    parse_canonical(&text, split).expect("canonical text takes the fast path");
                fast.normalize();
                assert_eq!(Ok(fast), from_text_ron(&text));
            }
            assert_eq!(from_text(&text), from_text_ron(&text));
        }
    }

    proptest::proptest! {
        /// The shortcut only ever says "fine" when the full check agrees.
        #[test]
        fn plainly_fine_ids_pass_the_full_check(
            ids in proptest::collection::vec(
                (0usize..5, proptest::sample::select(&["O-1", "KR-1", "kr-1", "H-1", "D-1", "d-1", "D-2", "S-1", "X-1", ""][..])),
                0..12,
            ),
        ) {
            let mut plan = Plan::default();
            for (list, id) in ids {
                let id = id.to_string();
                match list {
                    0 => plan.objectives.push(Objective { id, title: String::new(), description: String::new() }),
                    1 => { let mut k = sample().key_results[0].clone(); k.id = id; plan.key_results.push(k) }
                    2 => plan.hypotheses.push(Hypothesis::new(id, String::new(), day("2026-01-01"))),
                    3 => plan.debts.push(Debt::new(id, String::new(), day("2026-01-01"))),
                    _ => plan.sprints.push(Sprint::new(id, String::new(), day("2026-01-01"), day("2026-01-02"), 1)),
                }
            }
            if ids_plainly_fine(&plan) {
                proptest::prop_assert_eq!(check_ids_in_order(&plan, ""), Ok(()));
            }
        }
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let text = format!("(schema: 1, objectives: {})", "[".repeat(100_000));
        assert!(from_text(&text).is_err());
    }
}
