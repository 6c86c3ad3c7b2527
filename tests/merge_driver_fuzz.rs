//! `bearing merge-driver` on broken input (truncated, bytes flipped,
//! markers, empty, not UTF-8, CRLF, a file missing, odd marker sizes):
//! it never panics and never exits above 2 (above 128 git aborts).

use std::path::Path;
use std::process::Command;

use bearing::model::Plan;

fn demo() -> Plan {
    bearing::store::format::from_text(bearing::store::embedded::DEMO).unwrap()
}

fn edit(p: &Plan, f: impl FnOnce(&mut Plan)) -> Plan {
    let mut p = p.clone();
    f(&mut p);
    p
}

struct Run {
    code: Option<i32>,
    stderr: String,
}

fn driver(dir: &Path, files: [&str; 3], extra: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_bearing"))
        .arg("merge-driver")
        .args(files)
        .args(extra)
        .current_dir(dir)
        .env_remove("BEARING_FILE")
        .output()
        .unwrap();
    Run {
        code: out.status.code(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// `text` broken one of several ways.
fn mutate(rng: &mut Rng, text: &[u8]) -> Vec<u8> {
    let mut t = text.to_vec();
    match rng.below(7) {
        0 => t.truncate(rng.below(t.len())),
        1 => {
            for _ in 0..1 + rng.below(8) {
                let i = rng.below(t.len());
                t[i] ^= 1 << rng.below(8);
            }
        }
        2 => {
            let i = rng.below(t.len());
            let at = t[..i]
                .iter()
                .rposition(|&c| c == b'\n')
                .map_or(0, |p| p + 1);
            t.splice(
                at..at,
                b"<<<<<<< HEAD\nx\n=======\ny\n>>>>>>> z\n".iter().copied(),
            );
        }
        3 => t.clear(),
        4 => t.extend_from_slice(b"\xff\xfe\x00 not utf-8 \xc3\x28\n"),
        5 => {
            t = t
                .iter()
                .flat_map(|&c| {
                    if c == b'\n' {
                        vec![b'\r', b'\n']
                    } else {
                        vec![c]
                    }
                })
                .collect()
        }
        _ => {
            let i = rng.below(t.len());
            let j = (i + rng.below(400)).min(t.len());
            t.drain(i..j);
        }
    }
    t
}

#[test]
fn the_driver_on_mutated_input_never_panics_and_never_exits_above_2() {
    let dir = tempfile::tempdir().unwrap();
    let base = demo();
    let text = |p: &Plan| bearing::store::format::to_text(p).unwrap().into_bytes();
    let sides = [
        text(&base),
        text(&edit(&base, |p| p.debts[1].risk = 1)),
        text(&edit(&base, |p| p.debts[1].risk = 2)),
    ];
    let mut rng = Rng(0xfeed_5eed);
    for round in 0..100 {
        let names = ["o", "a", "b"];
        for (i, n) in names.iter().enumerate() {
            let t = if rng.below(2) == 0 {
                mutate(&mut rng, &sides[i])
            } else {
                sides[i].clone()
            };
            std::fs::write(dir.path().join(n), t).unwrap();
        }
        // Now and then one file is missing altogether.
        if round % 10 == 9 {
            std::fs::remove_file(dir.path().join(names[rng.below(3)])).unwrap();
        }
        let size = ["7", "0", "x", "999999", ""][rng.below(5)];
        let run = driver(dir.path(), names, &[size, "bearing.ron"]);
        assert!(
            matches!(run.code, Some(0..=2)),
            "round {round}: exit {:?}: {}",
            run.code,
            run.stderr
        );
        assert!(
            !run.stderr.contains("panicked"),
            "round {round}: {}",
            run.stderr
        );
    }
}
