//! Hostile input on stable Rust: a seeded mutation loop over a realistic
//! plan's text, a round-trip property over generated plans, and an
//! escape-sequence corpus through the real binary.
//!
//! Long run: `BEARING_FUZZ_ITERS=200000 cargo test --release --test fuzz -- --nocapture`.

mod common;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::time::{Duration, Instant};

use bearing::model::Plan;
use bearing::store::{self, StoreError};

#[path = "fuzz/corpus.rs"]
mod corpus;
#[path = "fuzz/roundtrip.rs"]
mod roundtrip;

/// xorshift64*: every input is reproducible from the seed and its index.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// The realistic fixture plus text that is awkward to escape.
fn base_plan() -> Plan {
    let mut plan = common::fixture();
    plan.north_star =
        "Ship \"daily\" \\ safely\n\tline two: é 日本 🚀 \u{202e}rtl\u{1b}[31m".into();
    if let Some(d) = plan.debts.first_mut() {
        d.description = "multi\nline \"quoted\" \\ text\r\nwith CR".into();
        d.tags = vec!["a,b".into(), "ünï".into()];
    }
    plan
}

const NUMBERS: [&str; 9] = [
    "1e400",
    "-1e400",
    "99999999999999999999",
    "-99999999999999999999",
    "18446744073709551616",
    "4294967296",
    "NaN",
    "inf",
    "0x",
];

/// One random mutation of `input`.
fn mutate(rng: &mut Rng, input: &[u8]) -> Vec<u8> {
    let mut v = input.to_vec();
    let at = rng.below(v.len() + 1);
    match rng.below(12) {
        0 => v.truncate(at),
        1 => {
            for _ in 0..=rng.below(4) {
                let i = rng.below(v.len());
                if let Some(b) = v.get_mut(i) {
                    *b ^= 1 << rng.below(8);
                }
            }
        }
        2 | 3 => {
            // Delete or duplicate a line.
            let lines: Vec<&[u8]> = v.split_inclusive(|b| *b == b'\n').collect();
            let i = rng.below(lines.len());
            let dup = rng.below(2) == 0;
            let mut out = Vec::with_capacity(v.len() + 80);
            for (k, l) in lines.iter().enumerate() {
                if k != i || dup {
                    out.extend_from_slice(l);
                }
                if k == i && dup {
                    out.extend_from_slice(l);
                }
            }
            v = out;
        }
        4 => {
            let bad: [&[u8]; 5] = [b"\xff", b"\xc3", b"\xe2\x82", b"\xed\xa0\x80", b"\xc0\xaf"];
            v.splice(at..at, bad[rng.below(bad.len())].iter().copied());
        }
        5 => {
            let open = [b'[', b'(', b'{'][rng.below(3)];
            v.splice(at..at, std::iter::repeat_n(open, 100_000));
        }
        6 => {
            // Replace a number with one that does not fit.
            let digits: Vec<usize> = (0..v.len()).filter(|i| v[*i].is_ascii_digit()).collect();
            if let Some(&i) = digits.get(rng.below(digits.len())) {
                let end = (i..v.len())
                    .find(|k| !v[*k].is_ascii_digit())
                    .unwrap_or(v.len());
                let n = NUMBERS[rng.below(NUMBERS.len())].as_bytes();
                v.splice(i..end, n.iter().copied());
            }
        }
        7 => {
            // A very long string: inside an existing one or as a new value.
            let long = "x".repeat(200_000 + rng.below(800_000));
            match (0..v.len()).filter(|i| v[*i] == b'"').nth(rng.below(200)) {
                Some(q) => v.splice(q + 1..q + 1, long.bytes()),
                None => v.splice(at..at, long.bytes()),
            };
        }
        8 => {
            let junk = [
                ":",
                ",",
                "\"",
                ")",
                "]",
                "}",
                "\\",
                "/*",
                "//",
                "r#\"",
                "'",
                "Some(",
                "#![enable(implicit_some)]",
            ];
            v.splice(at..at, junk[rng.below(junk.len())].bytes());
        }
        9 => {
            // Swap two lines.
            let mut lines: Vec<Vec<u8>> = v
                .split_inclusive(|b| *b == b'\n')
                .map(<[u8]>::to_vec)
                .collect();
            let (a, b) = (rng.below(lines.len()), rng.below(lines.len()));
            if a < lines.len() && b < lines.len() {
                lines.swap(a, b);
            }
            v = lines.concat();
        }
        10 => {
            let i = rng.below(v.len());
            if i < v.len() {
                v.remove(i);
            }
        }
        _ => {
            // Splice a chunk of the file somewhere else.
            let a = rng.below(v.len());
            let b = (a + rng.below(200)).min(v.len());
            let chunk = v[a..b].to_vec();
            v.splice(at.min(v.len())..at.min(v.len()), chunk);
        }
    }
    v
}

/// An error names the place: `path:line:col: …` or `path:line: …` with a
/// line inside the input (a newer schema is about the whole file).
fn check_located(err: &StoreError, path: &str, input: &[u8]) -> Result<(), String> {
    let msg = err.to_string();
    if matches!(err, StoreError::NewerSchema { .. }) {
        return if msg.starts_with(&format!("{path}: ")) {
            Ok(())
        } else {
            Err(msg)
        };
    }
    let rest = msg
        .strip_prefix(path)
        .and_then(|r| r.strip_prefix(':'))
        .ok_or_else(|| msg.clone())?;
    let line: usize = rest
        .split(':')
        .next()
        .and_then(|n| n.parse().ok())
        .ok_or_else(|| msg.clone())?;
    let lines = input.iter().filter(|b| **b == b'\n').count() + 1;
    if line == 0 || line > lines {
        return Err(format!("line {line} outside 1..={lines}: {msg}"));
    }
    // Values from the file are quoted and shortened: one line, no raw
    // control characters, a size a terminal shows whole.
    if msg.chars().any(char::is_control) || msg.chars().count() > 400 {
        return Err(format!("raw or overlong value in the message: {msg}"));
    }
    Ok(())
}

#[test]
fn mutated_plans_never_panic_and_errors_have_positions() {
    let iterations: usize = std::env::var("BEARING_FUZZ_ITERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2000);
    let base = store::render(&base_plan()).unwrap().into_bytes();
    let path = Path::new("fuzz.ron");
    let mut rng = Rng(0x00be_a41e_5eed);
    let (mut ok, mut errors, mut slowest) = (0usize, 0usize, Duration::ZERO);
    let mut kinds = std::collections::BTreeMap::<&str, usize>::new();
    for i in 0..iterations {
        let mut input = base.clone();
        for _ in 0..=rng.below(3) {
            input = mutate(&mut rng, &input);
        }
        let started = Instant::now();
        let result = catch_unwind(AssertUnwindSafe(|| {
            store::load::decode(path, input.clone()).and_then(|text| {
                let plan = store::load::parse(path, &text)?;
                // A plan that loads (even with a weight of 1e400 = inf) must
                // also rank and save.
                let ranked = bearing::score::rank_open(&plan, common::today()).len();
                assert!(ranked <= plan.debts.len());
                store::render(&plan).map(|_| plan)
            })
        }));
        let took = started.elapsed();
        slowest = slowest.max(took);
        let keep = || {
            let dump = std::env::temp_dir().join(format!("bearing-fuzz-{i}.ron"));
            std::fs::write(&dump, &input).unwrap();
            dump.display().to_string()
        };
        let Ok(result) = result else {
            panic!("input {i} panicked; saved to {}", keep());
        };
        assert!(
            took < Duration::from_secs(1),
            "input {i} took {took:?}; saved to {}",
            keep()
        );
        match result {
            Ok(_) => ok += 1,
            Err(e) => {
                errors += 1;
                *kinds.entry(kind(&e)).or_default() += 1;
                if let Err(msg) = check_located(&e, "fuzz.ron", &input) {
                    panic!(
                        "input {i}: error without a position: {msg:?}; saved to {}",
                        keep()
                    );
                }
            }
        }
    }
    println!(
        "fuzz: {iterations} inputs, {ok} loaded, {errors} refused with a position {kinds:?}, slowest {slowest:?}"
    );
    assert_eq!(ok + errors, iterations);
    assert!(
        errors > iterations / 2,
        "the mutations hardly break anything"
    );
}

fn kind(e: &StoreError) -> &'static str {
    match e {
        StoreError::Parse { .. } => "parse",
        StoreError::NewerSchema { .. } => "schema",
        StoreError::DuplicateId { .. } => "duplicate",
        StoreError::Invalid { .. } => "invalid",
        _ => "other",
    }
}

#[test]
fn numbers_too_big_for_a_float_are_refused_with_their_line() {
    let text = store::render(&base_plan())
        .unwrap()
        .replacen("customer: 1.0", "customer: 1e400", 1);
    let err = store::load::parse(Path::new("p.ron"), &text).unwrap_err();
    let line = text.lines().position(|l| l.contains("1e400")).unwrap() + 1;
    let column = text.lines().nth(line - 1).unwrap().find("1e400").unwrap() + 1;
    assert_eq!(
        err.to_string(),
        format!("p.ron:{line}:{column}: weights: customer: must be a finite number")
    );
}

#[test]
fn an_id_spanning_lines_is_reported_on_its_line_escaped_and_short() {
    let text = store::render(&base_plan()).unwrap();
    let id = &common::fixture().debts[0].id;
    let (line, column) = text
        .lines()
        .enumerate()
        .find_map(|(i, l)| Some((i + 1, l.find(&format!("\"{id}\""))? + 1)))
        .unwrap();
    for (bad, shown) in [
        ("X\n-1".to_owned(), "\"X\\n-1\""),
        (format!("X{}", "y".repeat(500)), "yyy…\""),
    ] {
        let input = text.replacen(&format!("\"{id}\""), &format!("\"{bad}\""), 1);
        let err = store::load::parse(Path::new("p.ron"), &input).unwrap_err();
        let msg = err.to_string();
        assert!(
            msg.starts_with(&format!("p.ron:{line}:{column}: ")),
            "{msg}"
        );
        assert!(
            msg.contains(shown) && msg.contains("must start with D-"),
            "{msg}"
        );
        check_located(&err, "p.ron", input.as_bytes()).unwrap();
    }
}

#[test]
fn pathological_inputs_are_refused_quickly_with_a_position() {
    let path = Path::new("p.ron");
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("brackets", "[".repeat(100_000).into_bytes()),
        ("parens", format!("(schema: 1, debts: {}", "(".repeat(100_000)).into_bytes()),
        ("huge int", b"(schema: 99999999999999999999)".to_vec()),
        ("huge effort", b"(schema: 1, debts: [(id: \"D-1\", title: \"t\", effort: 4294967296, created: \"2026-01-01\")])".to_vec()),
        ("invalid utf-8", b"(schema: 1,\n north_star: \"\xff\")".to_vec()),
        ("empty", Vec::new()),
        ("long string", format!("(schema: 1, north_star: \"{}", "y".repeat(2_000_000)).into_bytes()),
    ];
    for (name, input) in cases {
        let started = Instant::now();
        let err = store::load::decode(path, input.clone())
            .and_then(|text| store::load::parse(path, &text))
            .expect_err(name);
        assert!(started.elapsed() < Duration::from_secs(1), "{name}");
        check_located(&err, "p.ron", &input).unwrap_or_else(|m| panic!("{name}: {m}"));
    }
}
