//! The fast writer must write exactly the bytes RON's pretty printer
//! writes, and the fast reader for canonical plan text must answer exactly what the
//! full RON parse answers: the same plan for every plan `to_text` writes
//! (hostile strings, odd numbers and dates included), and for text that is
//! almost canonical either the same plan or a fall back to RON, so the same
//! error. Plans hold floats that may be NaN, so results are compared by
//! their `Debug` form.

use bearing::model::{
    Checkin, Commitment, Debt, DebtStatus, Decision, HealthThresholds, Hypothesis,
    HypothesisStatus, ImportRules, Imported, KeyResult, Objective, Plan, Policy, PriorityRule,
    ScopeChange, ScopeKind, Severity, Sprint, SprintState, StatusChange, Weights,
};
use bearing::store::format::{from_text, from_text_ron, parse_canonical, to_text, to_text_ron};
use chrono::NaiveDate;
use proptest::prelude::*;
use proptest::sample::select;

/// Pieces that trip up escaping, line-based splitting and terminals.
const FRAGMENTS: &[&str] = &[
    "\"",
    "\\",
    "\\\"",
    "\n",
    "\r\n",
    "\t",
    "\0",
    "\u{1b}[31m",
    "\u{1b}]0;x\u{7}",
    "\u{9b}",
    "\u{7f}",
    "\u{202e}",
    "\u{301}",
    "\u{feff}",
    "\u{10ffff}",
    "é",
    "🦀",
    "),",
    "),\n    (\n",
    "\n    ),\n    (\n",
    "\n  ],\n",
    "id: \"",
    "debts: [",
    "r#\"",
    "\"#",
    "/*",
    "*/",
    "//",
    "'",
    "#![enable(implicit_some)]",
    "None",
    "Some(",
    "\\u{41}",
    " ",
    "a",
    "0",
];

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => prop::collection::vec(select(FRAGMENTS), 0..6).prop_map(|v| v.concat()),
        1 => any::<String>(),
        1 => "[a-z ]{0,12}",
    ]
}

fn float() -> impl Strategy<Value = f64> {
    prop_oneof![
        3 => (-1000i32..1000).prop_map(|x| f64::from(x) / 8.0),
        2 => any::<f64>(),
        1 => select(&[f64::NAN, f64::INFINITY, f64::NEG_INFINITY, -0.0, 1e300, 1e-300, 5e-324][..]),
    ]
}

fn date() -> impl Strategy<Value = NaiveDate> {
    // Includes negative years and years past 9999, which print with a sign.
    (-800_000i32..4_000_000)
        .prop_map(|d| NaiveDate::from_num_days_from_ce_opt(d).unwrap_or(NaiveDate::MIN))
}

fn id(prefix: &'static str) -> impl Strategy<Value = String> {
    // Unique by the zero-padded index the plan strategy prepends.
    prop_oneof![3 => Just(String::new()), 1 => text()].prop_map(move |s| format!("{prefix}{s}"))
}

fn strings() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(text(), 0..3)
}

fn severity() -> impl Strategy<Value = Severity> {
    select(&[Severity::Off, Severity::Warn, Severity::Error][..])
}

fn debt_status() -> impl Strategy<Value = DebtStatus> {
    select(&DebtStatus::ALL[..])
}

fn hyp_status() -> impl Strategy<Value = HypothesisStatus> {
    select(&HypothesisStatus::ALL[..])
}

fn objective() -> impl Strategy<Value = Objective> {
    (id("O-"), text(), text()).prop_map(|(id, title, description)| Objective {
        id,
        title,
        description,
    })
}

fn key_result() -> impl Strategy<Value = KeyResult> {
    let checkin = (date(), float()).prop_map(|(date, value)| Checkin { date, value });
    (
        (id("KR-"), text(), text(), text()),
        (float(), prop::option::of(float()), float()),
        (date(), prop::option::of(date()), text()),
        prop::collection::vec(checkin, 0..3),
    )
        .prop_map(
            |(
                (id, objective, title, unit),
                (baseline, target, current),
                (start, due, owner),
                checkins,
            )| {
                KeyResult {
                    id,
                    objective,
                    title,
                    unit,
                    baseline,
                    target,
                    current,
                    start,
                    due,
                    owner,
                    checkins,
                }
            },
        )
}

fn hypothesis() -> impl Strategy<Value = Hypothesis> {
    let decision =
        (hyp_status(), date(), text(), date()).prop_map(|(status, date, evidence, reopened)| {
            Decision {
                status,
                date,
                evidence,
                reopened,
            }
        });
    (
        (id("H-"), text(), text(), text(), strings(), text()),
        (any::<u8>(), any::<u8>(), any::<u8>(), hyp_status(), date()),
        (
            prop::option::of(date()),
            prop::option::of(date()),
            prop::option::of(date()),
            text(),
            prop::collection::vec(decision, 0..2),
        ),
    )
        .prop_map(
            |(
                (id, title, belief, signal, key_results, owner),
                (impact, confidence, ease, status, created),
                (started, review_by, decided, evidence, history),
            )| Hypothesis {
                id,
                title,
                belief,
                signal,
                key_results,
                owner,
                impact,
                confidence,
                ease,
                status,
                created,
                started,
                review_by,
                decided,
                evidence,
                history,
            },
        )
}

fn debt() -> impl Strategy<Value = Debt> {
    let change = (date(), debt_status()).prop_map(|(date, status)| StatusChange { date, status });
    (
        (id("D-"), text(), text(), text(), text(), strings()),
        (
            any::<[u8; 4]>(),
            prop::option::of(any::<u32>()),
            strings(),
            debt_status(),
            date(),
        ),
        (
            prop::collection::vec(change, 0..2),
            prop::option::of(text()),
            prop::option::of(date()),
            prop::option::of(imported()),
        ),
    )
        .prop_map(
            |(
                (id, title, description, area, owner, tags),
                (r, effort, key_results, status, created),
                (changes, source, due, imported),
            )| Debt {
                id,
                title,
                description,
                area,
                owner,
                tags,
                customer: r[0],
                delivery: r[1],
                risk: r[2],
                urgency: r[3],
                effort,
                due,
                key_results,
                status,
                created,
                changes,
                source,
                imported,
            },
        )
}

fn imported() -> impl Strategy<Value = Imported> {
    (
        (date(), text(), text(), text(), text(), strings()),
        (
            any::<[u8; 4]>(),
            prop::option::of(any::<u32>()),
            prop::option::of(date()),
            debt_status(),
        ),
    )
        .prop_map(
            |((date, title, description, area, owner, tags), (r, effort, due, status))| Imported {
                date,
                title,
                description,
                area,
                owner,
                tags,
                customer: r[0],
                delivery: r[1],
                risk: r[2],
                urgency: r[3],
                effort,
                due,
                status,
            },
        )
}

fn sprint() -> impl Strategy<Value = Sprint> {
    let commitment =
        (date(), strings(), any::<u32>()).prop_map(|(date, items, points)| Commitment {
            date,
            items,
            points,
        });
    let state = select(
        &[
            SprintState::Planned,
            SprintState::Active,
            SprintState::Closed,
            SprintState::Cancelled,
        ][..],
    );
    (
        (
            id("S-"),
            text(),
            date(),
            date(),
            any::<u32>(),
            text(),
            strings(),
        ),
        (
            state,
            prop::option::of(commitment),
            strings(),
            prop::option::of(any::<u32>()),
            prop::option::of(date()),
            strings(),
            prop::option::of(text()),
            prop::collection::vec(scope_change(), 0..3),
        ),
    )
        .prop_map(
            |(
                (id, name, start, end, capacity, goal, items),
                (
                    state,
                    commitment,
                    completed,
                    completed_points,
                    closed,
                    carried,
                    carried_to,
                    scope,
                ),
            )| Sprint {
                id,
                name,
                start,
                end,
                capacity,
                goal,
                items,
                state,
                commitment,
                completed,
                completed_points,
                closed,
                carried,
                carried_to,
                scope,
            },
        )
}

fn scope_change() -> impl Strategy<Value = ScopeChange> {
    (
        date(),
        text(),
        select(&[ScopeKind::Added, ScopeKind::Removed][..]),
        any::<u32>(),
    )
        .prop_map(|(date, item, change, points)| ScopeChange {
            date,
            item,
            change,
            points,
        })
}

/// Makes ids unique by putting a zero-padded index right after the prefix.
fn numbered<T>(mut xs: Vec<T>, id: impl Fn(&mut T) -> &mut String) -> Vec<T> {
    for (i, x) in xs.iter_mut().enumerate() {
        let s = id(x);
        let cut = s.find('-').map_or(0, |p| p + 1);
        s.insert_str(cut, &format!("{i:04}"));
    }
    xs
}

/// The import mapping rules: mostly the defaults (left out of the file),
/// else lists of any text, empty lists included.
fn import_rules() -> impl Strategy<Value = ImportRules> {
    let list = || prop::collection::vec(text(), 0..3);
    prop_oneof![
        Just(ImportRules::default()),
        (
            prop::collection::vec((text(), 0u8..=9), 0..3),
            list(),
            list(),
            list()
        )
            .prop_map(|(p, priority_prefixes, area_prefixes, debt_labels)| {
                ImportRules {
                    priorities: p
                        .into_iter()
                        .map(|(word, urgency)| PriorityRule { word, urgency })
                        .collect(),
                    priority_prefixes,
                    area_prefixes,
                    debt_labels,
                }
            }),
    ]
}

fn plan() -> impl Strategy<Value = Plan> {
    let weights = prop::collection::vec(float(), 6).prop_map(|w| Weights {
        customer: w[0],
        delivery: w[1],
        risk: w[2],
        urgency: w[3],
        kr_at_risk: w[4],
        kr_off_track: w[5],
    });
    let policy = prop::collection::vec(severity(), 14).prop_map(|s| Policy {
        dangling_reference: s[0],
        duplicate_id: s[1],
        debt_without_owner: s[2],
        debt_without_impact: s[3],
        sprint_over_capacity: s[4],
        stale_experiment: s[5],
        decided_without_evidence: s[6],
        kr_without_target: s[7],
        kr_past_due: s[8],
        sprint_overdue: s[9],
        sprint_window_passed: s[10],
        sprint_overlap: s[11],
        debt_untriaged: s[12],
        debt_overdue: s[13],
    });
    (
        (
            0u32..=1,
            text(),
            weights,
            (float(), float()),
            policy,
            import_rules(),
        ),
        (
            prop::collection::vec(objective(), 0..3),
            prop::collection::vec(key_result(), 0..3),
            prop::collection::vec(hypothesis(), 0..3),
            prop::collection::vec(debt(), 0..8),
            prop::collection::vec(sprint(), 0..3),
        ),
    )
        .prop_map(
            |(
                (schema, north_star, weights, (at_risk, off_track), policy, import),
                (o, k, h, d, s),
            )| {
                let mut plan = Plan {
                    schema,
                    north_star,
                    weights,
                    health: HealthThresholds { at_risk, off_track },
                    policy,
                    import,
                    objectives: numbered(o, |x| &mut x.id),
                    key_results: numbered(k, |x| &mut x.id),
                    hypotheses: numbered(h, |x| &mut x.id),
                    debts: numbered(d, |x| &mut x.id),
                    sprints: numbered(s, |x| &mut x.id),
                };
                plan.normalize();
                plan
            },
        )
}

fn dbg<T: std::fmt::Debug>(x: &T) -> String {
    format!("{x:?}")
}

/// The fast reader, when it answers at all, answers what RON answers.
fn assert_fast_agrees(text: &str) -> Result<(), TestCaseError> {
    let ron = from_text_ron(text);
    prop_assert_eq!(dbg(&from_text(text)), dbg(&ron));
    for split in [0, usize::MAX] {
        if let Some(mut fast) = parse_canonical(text, split) {
            fast.normalize();
            // `from_text_ron` also runs the id checks; the raw parse must
            // have succeeded for the fast reader to be allowed to answer.
            let raw = ron::Options::default()
                .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
                .from_str::<Plan>(text);
            prop_assert!(
                raw.is_ok(),
                "fast reader accepted what RON refuses: {:?}",
                raw
            );
            let mut raw = raw.unwrap();
            raw.normalize();
            prop_assert_eq!(dbg(&fast), dbg(&raw));
        }
    }
    Ok(())
}

/// A small edit somewhere in the text, kept on character boundaries.
#[derive(Debug, Clone)]
enum Edit {
    Truncate(usize),
    Delete(usize, usize),
    Insert(usize, &'static str),
    DuplicateLine(usize),
    SwapLines(usize, usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        any::<usize>().prop_map(Edit::Truncate),
        (any::<usize>(), 1usize..8).prop_map(|(a, n)| Edit::Delete(a, n)),
        (any::<usize>(), select(FRAGMENTS)).prop_map(|(a, f)| Edit::Insert(a, f)),
        (
            any::<usize>(),
            select(
                &[
                    " ", ",", "\n", "(", ")", "[", "]", "1", "-", "e", "_", "x", "\"", "\\u{", "}"
                ][..]
            )
        )
            .prop_map(|(a, f)| Edit::Insert(a, f)),
        any::<usize>().prop_map(Edit::DuplicateLine),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Edit::SwapLines(a, b)),
    ]
}

fn boundary(text: &str, at: usize) -> usize {
    let mut i = at % (text.len() + 1);
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn apply(text: &str, e: &Edit) -> String {
    match *e {
        Edit::Truncate(a) => text[..boundary(text, a)].to_owned(),
        Edit::Delete(a, n) => {
            let a = boundary(text, a);
            let b = boundary(text, a + n);
            if b < a {
                return text.to_owned();
            }
            format!("{}{}", &text[..a], &text[b..])
        }
        Edit::Insert(a, f) => {
            let a = boundary(text, a);
            format!("{}{f}{}", &text[..a], &text[a..])
        }
        Edit::DuplicateLine(a) | Edit::SwapLines(a, _) => {
            let mut lines: Vec<&str> = text.split_inclusive('\n').collect();
            if lines.is_empty() {
                return text.to_owned();
            }
            let i = a % lines.len();
            if let Edit::SwapLines(_, b) = *e {
                let j = b % lines.len();
                lines.swap(i, j);
            } else {
                lines.insert(i, lines[i]);
            }
            lines.concat()
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn every_written_plan_reads_back_the_same_both_ways(plan in plan()) {
        let text = to_text(&plan).unwrap();
        prop_assert_eq!(&text, &to_text_ron(&plan).unwrap(), "fast writer differs from RON's");
        assert_fast_agrees(&text)?;
        let finite = text.lines().all(|l| !l.ends_with("NaN,") && !l.ends_with("inf,"));
        if finite {
            // Canonical text must actually take the fast path.
            prop_assert!(parse_canonical(&text, 0).is_some(), "fell back on:\n{}", text);
            prop_assert!(parse_canonical(&text, usize::MAX).is_some());
        }
        if !finite {
            // Non-finite numbers are refused on load, with their line.
            prop_assert!(from_text(&text).is_err());
            return Ok(());
        }
        if bearing::model::validate::plan(&plan).is_some() {
            // A value the CLI would refuse (a rating of 200, a negative
            // weight) is refused on load too; the reader still reads it
            // back exactly.
            prop_assert!(from_text(&text).is_err());
            let mut back = parse_canonical(&text, usize::MAX).unwrap();
            back.normalize();
            prop_assert_eq!(to_text(&back).unwrap(), text);
            return Ok(());
        }
        let back = from_text(&text).unwrap();
        prop_assert_eq!(to_text(&back).unwrap(), text);
    }

    #[test]
    fn edited_text_reads_the_same_or_fails_the_same(plan in plan(), edits in prop::collection::vec(edit(), 1..3)) {
        let mut text = to_text(&plan).unwrap();
        for e in &edits {
            text = apply(&text, e);
        }
        assert_fast_agrees(&text)?;
    }
}

#[test]
fn big_generated_plan_reads_the_same_on_two_threads() {
    let plan = bearing::synth::plan(2_000, 11);
    let text = to_text(&plan).unwrap();
    let mut fast = parse_canonical(&text, 0).unwrap();
    fast.normalize();
    assert_eq!(fast, plan);
    assert_eq!(from_text(&text).unwrap(), plan);
}

#[test]
fn big_plan_written_on_two_threads_is_byte_identical() {
    // Over the writer's two-thread threshold (20 000 debt items).
    let plan = bearing::synth::plan(21_000, 5);
    assert_eq!(to_text(&plan).unwrap(), to_text_ron(&plan).unwrap());
}

/// Writes a synthetic plan for whole-process timing, e.g.
/// `BEARING_SYNTH=10000:/tmp/p10k.ron cargo test --release --test
/// load_equivalence -- --ignored write_synthetic_plan`, then
/// `time bearing --file /tmp/p10k.ron rank --format json > /dev/null`.
#[test]
#[ignore]
fn write_synthetic_plan() {
    let spec = std::env::var("BEARING_SYNTH").unwrap_or_else(|_| "10000:/tmp/p10k.ron".into());
    let (n, path) = spec.split_once(':').unwrap();
    let plan = bearing::synth::plan(n.parse().unwrap(), 42);
    std::fs::write(path, to_text(&plan).unwrap()).unwrap();
}
