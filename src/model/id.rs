//! Ids: a kind prefix and five random Crockford base-32 characters, e.g.
//! `D-7K3QX`. Short enough to type, and with 32⁵ ≈ 33 million choices per kind
//! two people adding a hundred items each on two branches collide with a
//! chance of about 1 in 3,000 per pair of branches; a collision is caught on
//! load and named, never silently merged.

use std::fmt;

/// Crockford's alphabet: no I, L, O or U, so ids survive being read aloud.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const RANDOM_LEN: usize = 5;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Objective,
    KeyResult,
    Hypothesis,
    Debt,
    Sprint,
}

impl Kind {
    pub const ALL: [Kind; 5] = [
        Kind::Objective,
        Kind::KeyResult,
        Kind::Hypothesis,
        Kind::Debt,
        Kind::Sprint,
    ];

    pub fn prefix(self) -> &'static str {
        match self {
            Kind::Objective => "O-",
            Kind::KeyResult => "KR-",
            Kind::Hypothesis => "H-",
            Kind::Debt => "D-",
            Kind::Sprint => "S-",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Kind::Objective => "objective",
            Kind::KeyResult => "key result",
            Kind::Hypothesis => "hypothesis",
            Kind::Debt => "debt",
            Kind::Sprint => "sprint",
        }
    }

    /// The kind an id names, from its prefix (case-insensitive).
    pub fn of_id(id: &str) -> Option<Kind> {
        let upper = id.get(..3).unwrap_or(id).to_ascii_uppercase();
        // KR- before the one-letter prefixes: none of them is a prefix of another.
        Kind::ALL
            .into_iter()
            .find(|k| upper.starts_with(k.prefix()))
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// A fresh id of `kind` for which `taken` is false.
pub fn generate(kind: Kind, taken: impl Fn(&str) -> bool) -> String {
    loop {
        let id = random_id(kind);
        if !taken(&id) {
            return id;
        }
    }
}

/// An id of `kind` that follows from `seed` alone (and from which ids are
/// `taken`): the same seed gives the same id on every run, so a preview of
/// an import names exactly the ids the import then gives. Candidates are
/// FNV-1a hashes of the seed and a counter, tried until one is free.
pub fn derived(kind: Kind, seed: &str, taken: impl Fn(&str) -> bool) -> String {
    (0u64..)
        .map(|attempt| {
            let mut h: u64 = 0xcbf2_9ce4_8422_2325;
            for b in seed.bytes().chain(attempt.to_le_bytes()) {
                h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
            }
            let mut id = String::with_capacity(kind.prefix().len() + RANDOM_LEN);
            id.push_str(kind.prefix());
            id.extend((0..RANDOM_LEN).map(|i| ALPHABET[((h >> (5 * i)) & 31) as usize] as char));
            id
        })
        .find(|id| !taken(id))
        .unwrap_or_else(|| generate(kind, taken))
}

fn random_id(kind: Kind) -> String {
    let mut bytes = [0u8; RANDOM_LEN];
    if getrandom::fill(&mut bytes).is_err() {
        // No OS randomness (very unusual): fall back to time and a counter,
        // which still differ between two people and two runs.
        fallback_bytes(&mut bytes);
    }
    let mut id = String::with_capacity(kind.prefix().len() + RANDOM_LEN);
    id.push_str(kind.prefix());
    id.extend(bytes.iter().map(|b| ALPHABET[(*b & 31) as usize] as char));
    id
}

fn fallback_bytes(out: &mut [u8]) {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64);
    let mut x = nanos
        ^ (u64::from(std::process::id()) << 32)
        ^ COUNTER.fetch_add(0x9E37_79B9_7F4A_7C15, Ordering::Relaxed);
    for b in out {
        // xorshift64*: enough mixing for an id, not for secrets.
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        *b = (x.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 56) as u8;
    }
}

/// Canonical spelling of a user-typed id: upper case, trimmed.
pub fn normalize(id: &str) -> String {
    id.trim().to_ascii_uppercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_have_prefix_and_alphabet() {
        for kind in Kind::ALL {
            let id = generate(kind, |_| false);
            assert!(id.starts_with(kind.prefix()), "{id}");
            assert_eq!(id.len(), kind.prefix().len() + RANDOM_LEN);
            assert!(
                id[kind.prefix().len()..]
                    .bytes()
                    .all(|b| ALPHABET.contains(&b))
            );
            assert_eq!(Kind::of_id(&id), Some(kind));
        }
    }

    #[test]
    fn generate_skips_taken_ids() {
        let first = generate(Kind::Debt, |_| false);
        let second = generate(Kind::Debt, |id| id == first);
        assert_ne!(first, second);
    }

    #[test]
    fn many_ids_do_not_collide() {
        let mut seen = std::collections::BTreeSet::new();
        for _ in 0..2000 {
            seen.insert(generate(Kind::Debt, |_| false));
        }
        // 2000 draws from 33M: a collision here means the randomness is broken.
        assert!(seen.len() >= 1999);
    }

    #[test]
    fn kind_of_id_reads_prefixes() {
        assert_eq!(Kind::of_id("kr-abcde"), Some(Kind::KeyResult));
        assert_eq!(Kind::of_id("D-1"), Some(Kind::Debt));
        assert_eq!(Kind::of_id("X-1"), None);
        assert_eq!(Kind::of_id(""), None);
    }

    #[test]
    fn fallback_fills_bytes() {
        let mut a = [0u8; 5];
        let mut b = [0u8; 5];
        fallback_bytes(&mut a);
        fallback_bytes(&mut b);
        assert_ne!(a, b);
    }
}
