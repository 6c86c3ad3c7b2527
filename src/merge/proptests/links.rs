//! The merged plan checked as a whole, on random plans and edits.

use std::collections::BTreeSet;

use proptest::prelude::*;

use super::*;

/// Every (holder, target) link of `p` whose target is not in the plan.
fn dangling(p: &Plan) -> BTreeSet<(String, String)> {
    let mut links: Vec<(&String, &String)> = p
        .key_results
        .iter()
        .map(|k| (&k.id, &k.objective))
        .collect();
    links.extend(
        p.hypotheses
            .iter()
            .flat_map(|h| h.key_results.iter().map(move |k| (&h.id, k))),
    );
    links.extend(
        p.debts
            .iter()
            .flat_map(|d| d.key_results.iter().map(move |k| (&d.id, k))),
    );
    links.extend(
        p.sprints
            .iter()
            .flat_map(|s| s.items.iter().map(move |d| (&s.id, d))),
    );
    links
        .into_iter()
        .filter(|(_, t)| !p.contains_id(t))
        .map(|(h, t)| (h.clone(), t.clone()))
        .collect()
}

proptest! {
    #![proptest_config(config())]

    /// (f) The merge never breaks a link silently: each dangling link of
    /// the merged plan dangled on a side already, or its target or holder
    /// is a conflict.
    #[test]
    fn no_link_is_broken_silently(base in base(), ea in edits(), eb in edits()) {
        let ids = ids(&base);
        let a = apply(&base, &ids, &ea);
        let b = apply(&base, &ids, &eb);
        let m = merge(&base, &a, &b);
        let known: BTreeSet<_> = dangling(&a).union(&dangling(&b)).cloned().collect();
        let conflicted: BTreeSet<&String> = m.conflicts.iter().map(|c| &c.id).collect();
        for (holder, target) in dangling(&m.plan) {
            prop_assert!(
                known.contains(&(holder.clone(), target.clone()))
                    || conflicted.contains(&target)
                    || conflicted.contains(&holder),
                "{} -> {} broken silently: {:?}", holder, target, m.conflicts
            );
        }
    }
}
