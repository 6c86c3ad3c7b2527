//! Comments of three versions of a plan file merged, for a three-way merge
//! of the plan (git's merge driver): what either side added is kept, what
//! either side removed (and the other left as it was) goes.

use super::{Comments, Slot};

impl Comments {
    /// Ours' comments, plus theirs' additions, less theirs' removals; a
    /// trailing comment both sides changed keeps ours'.
    pub fn merge(base: &Comments, ours: &Comments, theirs: &Comments) -> Comments {
        let mut out = ours.clone();
        let none = Slot::default();
        let get = |c: &Comments, key: &str| -> Slot {
            c.index
                .get(key)
                .and_then(|&i| c.slots.get(i))
                .map_or_else(|| none.clone(), |s| s.1.clone())
        };
        let keys = theirs.slots.iter().chain(&base.slots).map(|(k, _)| k);
        for key in keys {
            let (b, o, t) = (get(base, key), get(ours, key), get(theirs, key));
            let leading = set3(&b.leading, &o.leading, &t.leading);
            let trailing = if o.trailing == b.trailing {
                t.trailing.clone()
            } else {
                o.trailing.clone()
            };
            if leading != o.leading || trailing != o.trailing {
                let slot = out.slot(key);
                slot.leading = leading;
                slot.trailing = trailing;
            }
        }
        out.end = set3(&base.end, &ours.end, &theirs.end);
        out
    }
}

/// Ours' lines theirs did not remove, then theirs' new lines.
fn set3(b: &[String], o: &[String], t: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let kept = o.iter().filter(|x| t.contains(x) || !b.contains(x));
    let added = t.iter().filter(|x| !b.contains(x));
    for x in kept.chain(added) {
        if !out.contains(x) {
            out.push(x.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::{apply, extract};
    use super::*;

    const PLAN: &str = "(\n  schema: 1,\n  north_star: \"x\",\n)\n";

    fn with(comment_schema: &str, comment_star: &str) -> String {
        PLAN.replace("  schema", &format!("{comment_schema}  schema"))
            .replace("  north_star", &format!("{comment_star}  north_star"))
    }

    #[test]
    fn both_sides_additions_are_kept_and_a_removal_goes() {
        let base = with("  // old\n", "");
        let ours = with("  // old\n  // mine\n", "");
        let theirs = with("", "  // theirs\n");
        let m = Comments::merge(&extract(&base), &extract(&ours), &extract(&theirs));
        assert_eq!(
            apply(PLAN.to_owned(), &m),
            with("  // mine\n", "  // theirs\n")
        );
    }

    #[test]
    fn merging_a_side_with_the_base_gives_that_side() {
        let base = with("  // a\n", "");
        let ours = with("  // a\n  // b\n", "  // c\n");
        let (b, o) = (extract(&base), extract(&ours));
        assert_eq!(apply(PLAN.to_owned(), &Comments::merge(&b, &o, &b)), ours);
        assert_eq!(apply(PLAN.to_owned(), &Comments::merge(&b, &b, &o)), ours);
    }
}
