//! Seeded random pairs of branches from the demo plan, merged by real git
//! through `bearing merge-driver`: edits that never touch the same field of
//! the same item always merge clean with both sides' changes in; pairs made
//! to clash conflict there and only there. Prints the figures (run with
//! `--nocapture` to see them).

#[path = "driver/repo.rs"]
mod repo;

use std::collections::BTreeSet;

use bearing::model::{DebtStatus, Plan};
use chrono::NaiveDate;
use repo::{PLAN, Repo, blocks, have_git, take};

const PAIRS: usize = 30;
const EDITS: usize = 4;
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const RATINGS: [&str; 4] = ["customer", "delivery", "risk", "urgency"];
const OWNERS: [&str; 5] = ["ana", "bo", "chen", "dara", "eli"];

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn day(n: usize) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 1).unwrap() + chrono::Days::new(n as u64)
}

#[derive(Debug, Clone)]
enum Edit {
    AddDebt(String),
    Rating(String, usize, u8),
    Owner(String, String),
    Status(String, DebtStatus),
    CheckIn(String, usize, u32),
}

impl Edit {
    /// (item, field) it changes; `*` is a whole new item.
    fn touched(&self) -> (String, String) {
        match self {
            Edit::AddDebt(id) => (id.clone(), "*".into()),
            Edit::Rating(id, f, _) => (id.clone(), RATINGS[*f].into()),
            Edit::Owner(id, _) => (id.clone(), "owner".into()),
            Edit::Status(id, _) => (id.clone(), "status".into()),
            Edit::CheckIn(id, d, _) => (id.clone(), format!("checkins[{}]", day(*d))),
        }
    }

    fn apply(&self, p: &mut Plan) {
        match self {
            Edit::AddDebt(id) => {
                let mut d = bearing::model::Debt::new(id.clone(), format!("New {id}"), day(18));
                d.owner = "ana".into();
                d.customer = 2;
                p.debts.push(d);
                p.normalize();
            }
            Edit::Rating(id, f, v) => {
                if let Some(d) = p.debts.iter_mut().find(|d| d.id == *id) {
                    *[
                        &mut d.customer,
                        &mut d.delivery,
                        &mut d.risk,
                        &mut d.urgency,
                    ][*f] = *v;
                }
            }
            Edit::Owner(id, o) => {
                if let Some(d) = p.debts.iter_mut().find(|d| d.id == *id) {
                    d.owner = o.clone();
                } else if let Some(k) = p.key_results.iter_mut().find(|k| k.id == *id) {
                    k.owner = o.clone();
                } else if let Some(h) = p.hypotheses.iter_mut().find(|h| h.id == *id) {
                    h.owner = o.clone();
                }
            }
            Edit::Status(id, s) => {
                if let Some(d) = p.debts.iter_mut().find(|d| d.id == *id) {
                    d.set_status(*s, day(19));
                }
            }
            Edit::CheckIn(id, d, v) => {
                if let Some(k) = p.key_results.iter_mut().find(|k| k.id == *id) {
                    k.check_in(day(*d), f64::from(*v) / 10.0);
                }
            }
        }
    }
}

fn apply(base: &Plan, edits: &[&Edit]) -> Plan {
    let mut p = base.clone();
    edits.iter().for_each(|e| e.apply(&mut p));
    // A status log merges as a set: compare it in one order.
    for d in &mut p.debts {
        d.changes.sort_by_key(|c| (c.date, c.status.key()));
    }
    p
}

/// One random edit of `base` by `side` (its `k`th), or `None` to retry.
fn random_edit(
    rng: &mut Rng,
    base: &Plan,
    side: u8,
    pair: usize,
    k: usize,
    other: &[Edit],
) -> Option<Edit> {
    let debt = |rng: &mut Rng| base.debts[rng.below(base.debts.len())].id.clone();
    Some(match rng.below(6) {
        0 => Edit::AddDebt(format!(
            "D-W{}{}{}0",
            side as char,
            ALPHABET[pair % 32] as char,
            ALPHABET[k % 32] as char
        )),
        1 => Edit::Rating(debt(rng), rng.below(4), 1 + rng.below(5) as u8),
        2 => {
            let ids: Vec<&String> = base
                .debts
                .iter()
                .map(|d| &d.id)
                .chain(base.key_results.iter().map(|k| &k.id))
                .chain(base.hypotheses.iter().map(|h| &h.id))
                .collect();
            Edit::Owner(
                ids[rng.below(ids.len())].clone(),
                OWNERS[rng.below(5)].into(),
            )
        }
        3 => Edit::Status(debt(rng), DebtStatus::ALL[rng.below(4)]),
        4 => {
            let kr = &base.key_results[rng.below(base.key_results.len())];
            Edit::CheckIn(kr.id.clone(), rng.below(30), rng.below(1000) as u32)
        }
        // The field next to one the other side rated: adjacent lines.
        _ => other.iter().find_map(|e| match e {
            Edit::Rating(id, f, _) => Some(Edit::Rating(
                id.clone(),
                if *f == 0 { 1 } else { f - 1 },
                1 + rng.below(5) as u8,
            )),
            _ => None,
        })?,
    })
}

fn edits(rng: &mut Rng, base: &Plan, side: u8, pair: usize, other: &[Edit]) -> Vec<Edit> {
    let taken: BTreeSet<(String, String)> = other.iter().map(Edit::touched).collect();
    let mut out = Vec::new();
    while out.len() < EDITS {
        if let Some(e) = random_edit(rng, base, side, pair, out.len(), other)
            && !taken.contains(&e.touched())
        {
            out.push(e);
        }
    }
    out
}

/// A change to the field of `e` that differs from `e`'s and the base's.
fn clash_with(e: &Edit, base: &Plan) -> Option<Edit> {
    let d = |id: &str| base.debts.iter().find(|d| d.id == id);
    match e {
        Edit::Rating(id, f, v) => {
            let b = d(id)?.ratings()[*f];
            if b == *v {
                return None; // ours changed nothing there
            }
            let c = (1..=5u8).find(|c| c != v && *c != b)?;
            Some(Edit::Rating(id.clone(), *f, c))
        }
        Edit::Status(id, s) => {
            let b = d(id)?.status;
            if b == *s {
                return None;
            }
            let c = DebtStatus::ALL.into_iter().find(|c| c != s && *c != b)?;
            Some(Edit::Status(id.clone(), c))
        }
        _ => None,
    }
}

struct Figures {
    merges: usize,
    clean: usize,
    conflicted: usize,
    blocks: usize,
    true_clashes: usize,
    plain_git_conflicted: usize,
}

/// Whether `git merge-file` alone (no driver) conflicts on the three texts.
fn plain_git_conflicts(r: &Repo, base: &str, a: &str, b: &str) -> bool {
    let dir = r.path().join("plain");
    std::fs::create_dir_all(&dir).unwrap();
    for (n, t) in [("base", base), ("a", a), ("b", b)] {
        std::fs::write(dir.join(n), t).unwrap();
    }
    let out = r.git(&["merge-file", "-p", "plain/a", "plain/base", "plain/b"]);
    out.status.code() != Some(0)
}

/// Runs PAIRS merges; `clash_every`: every so many pairs one of theirs'
/// edits is turned into a true clash with ours.
fn run(seed: u64, clash_every: Option<usize>) -> Figures {
    let base = bearing::store::format::from_text(bearing::store::embedded::DEMO).unwrap();
    let base_text = bearing::store::format::to_text(&base).unwrap();
    let r = Repo::new();
    r.write_plan(&base);
    r.commit("base");
    let mut rng = Rng(seed);
    let mut f = Figures {
        merges: 0,
        clean: 0,
        conflicted: 0,
        blocks: 0,
        true_clashes: 0,
        plain_git_conflicted: 0,
    };
    for pair in 0..PAIRS {
        let mut a = edits(&mut rng, &base, b'A', pair, &[]);
        let mut b = edits(&mut rng, &base, b'B', pair, &a);
        let mut clashes = BTreeSet::new();
        if clash_every.is_some_and(|n| pair % n == 0) {
            if !a.iter().any(|e| clash_with(e, &base).is_some()) {
                let d = &base.debts[pair % base.debts.len()];
                let v = if d.ratings()[pair % 4] == 5 { 1 } else { 5 };
                a[0] = Edit::Rating(d.id.clone(), pair % 4, v);
            }
            let (at, c) = a
                .iter()
                .enumerate()
                .find_map(|(i, e)| Some((i, clash_with(e, &base)?)))
                .unwrap();
            // The clash is the last word on both sides for that field.
            let mine = a.remove(at);
            a.push(mine);
            clashes.insert(c.touched());
            b.retain(|e| e.touched().0 != c.touched().0 || e.touched().1 != c.touched().1);
            b.push(c);
        }
        let (ta, tb) = (format!("a{pair}"), format!("b{pair}"));
        let plan_a = apply(&base, &a.iter().collect::<Vec<_>>());
        let plan_b = apply(&base, &b.iter().collect::<Vec<_>>());
        r.ok(&["checkout", "-q", "-b", &ta, "main"]);
        r.write_plan(&plan_a);
        r.commit(&ta);
        let text_a = r.text();
        r.ok(&["checkout", "-q", "-b", &tb, "main"]);
        r.write_plan(&plan_b);
        r.commit(&tb);
        let text_b = r.text();
        f.plain_git_conflicted +=
            usize::from(plain_git_conflicts(&r, &base_text, &text_a, &text_b));
        r.ok(&["checkout", "-q", &ta]);
        let out = r.git(&["merge", "--no-edit", &tb]);
        f.merges += 1;
        let a_then_b = apply(&base, &a.iter().chain(&b).collect::<Vec<_>>());
        let b_then_a = apply(&base, &b.iter().chain(&a).collect::<Vec<_>>());
        let loaded = |text: &str| {
            let mut p = bearing::store::format::from_text(text).unwrap();
            p.debts
                .iter_mut()
                .for_each(|d| d.changes.sort_by_key(|c| (c.date, c.status.key())));
            p
        };
        if clashes.is_empty() {
            assert!(
                out.status.success(),
                "pair {pair} {a:?} {b:?}: {}",
                String::from_utf8_lossy(&out.stdout)
            );
            assert_eq!(
                loaded(&r.text()),
                a_then_b,
                "pair {pair}: both sides' edits, {a:?} {b:?}"
            );
            f.clean += 1;
        } else {
            assert!(
                !out.status.success(),
                "pair {pair} should conflict: {a:?} {b:?}"
            );
            let text = r.text();
            let found = blocks(&text);
            let places: BTreeSet<(String, String)> = found
                .iter()
                .map(|b| (b.id.clone(), b.field.clone()))
                .collect();
            assert_eq!(
                places, clashes,
                "pair {pair}: markers only at the clash\n{text}"
            );
            for blk in &found {
                assert_eq!(
                    (blk.ours.as_str(), blk.theirs.as_str()),
                    ("HEAD", tb.as_str())
                );
            }
            // Settled either way, the file is a plan with every other edit in.
            assert_eq!(
                loaded(&take(&text, 0)),
                b_then_a,
                "pair {pair}: ours at the clash"
            );
            assert_eq!(
                loaded(&take(&text, 2)),
                a_then_b,
                "pair {pair}: theirs at the clash"
            );
            f.conflicted += 1;
            f.blocks += found.len();
            f.true_clashes += clashes.len();
            r.ok(&["merge", "--abort"]);
        }
        r.ok(&["checkout", "-q", "main"]);
    }
    let _ = PLAN;
    f
}

fn report(name: &str, f: &Figures) {
    eprintln!(
        "{name}: {} merges, {} clean, {} conflicted, {} conflict blocks for {} true clashes (all conflicts true clashes: {}); plain git merge-file conflicted on {} of {}",
        f.merges,
        f.clean,
        f.conflicted,
        f.blocks,
        f.true_clashes,
        f.blocks == f.true_clashes,
        f.plain_git_conflicted,
        f.merges
    );
}

#[test]
fn random_disjoint_edits_on_two_branches_always_merge_clean_with_both_in() {
    if !have_git() {
        eprintln!("skipped: no git on this machine");
        return;
    }
    let f = run(0x5eed_1234, None);
    report("disjoint edits", &f);
    assert_eq!((f.merges, f.clean), (PAIRS, PAIRS));
}

#[test]
fn random_pairs_with_some_true_clashes_conflict_only_there() {
    if !have_git() {
        eprintln!("skipped: no git on this machine");
        return;
    }
    let f = run(0x0bad_cafe, Some(3));
    report("with clashes", &f);
    assert_eq!(f.conflicted, PAIRS / 3);
    assert_eq!(f.blocks, f.true_clashes);
}
