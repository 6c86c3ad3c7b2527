//! What differs between two versions of a plan, by id: for the UI's reload
//! message and `bearing backups`.

use super::Plan;

/// Ids added, changed and removed between two versions of a plan, and
/// whether the settings (North Star, weights, …) changed.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct PlanDiff {
    pub added: Vec<String>,
    pub changed: Vec<String>,
    pub removed: Vec<String>,
    pub settings: bool,
}

/// Walks two id-sorted lists side by side: linear, no allocation per item.
fn diff_list<T: PartialEq>(old: &[T], new: &[T], id: fn(&T) -> &str, out: &mut PlanDiff) {
    let (mut i, mut j) = (0, 0);
    while i < old.len() || j < new.len() {
        match (old.get(i), new.get(j)) {
            (Some(a), Some(b)) if id(a) == id(b) => {
                if a != b {
                    out.changed.push(id(a).to_owned());
                }
                i += 1;
                j += 1;
            }
            (Some(a), Some(b)) if id(a) < id(b) => {
                out.removed.push(id(a).to_owned());
                i += 1;
            }
            (Some(_), Some(b)) | (None, Some(b)) => {
                out.added.push(id(b).to_owned());
                j += 1;
            }
            (Some(a), None) => {
                out.removed.push(id(a).to_owned());
                i += 1;
            }
            (None, None) => break,
        }
    }
}

pub fn diff(old: &Plan, new: &Plan) -> PlanDiff {
    let mut d = PlanDiff::default();
    diff_list(&old.objectives, &new.objectives, |x| &x.id, &mut d);
    diff_list(&old.key_results, &new.key_results, |x| &x.id, &mut d);
    diff_list(&old.hypotheses, &new.hypotheses, |x| &x.id, &mut d);
    diff_list(&old.debts, &new.debts, |x| &x.id, &mut d);
    diff_list(&old.sprints, &new.sprints, |x| &x.id, &mut d);
    d.settings = old.meta() != new.meta();
    d
}

/// How many ids the summary names before "…".
const NAMED: usize = 3;

impl PlanDiff {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.changed.is_empty()
            && self.removed.is_empty()
            && !self.settings
    }

    /// "2 added, 1 changed, 0 removed" (", settings changed").
    pub fn counts(&self) -> String {
        let mut s = format!(
            "{} added, {} changed, {} removed",
            self.added.len(),
            self.changed.len(),
            self.removed.len()
        );
        if self.settings {
            s.push_str(", settings changed");
        }
        s
    }

    /// "reloaded bearing.ron: 2 added, 1 changed, 0 removed (D-…, KR-…)".
    pub fn summary(&self, file: &str) -> String {
        if self.is_empty() {
            return format!("reloaded {file}: nothing changed");
        }
        let mut s = format!("reloaded {file}: {}", self.counts());
        let ids: Vec<&str> = self
            .added
            .iter()
            .chain(&self.changed)
            .chain(&self.removed)
            .map(String::as_str)
            .collect();
        if !ids.is_empty() {
            let mut named = ids[..ids.len().min(NAMED)].join(", ");
            if ids.len() > NAMED {
                named.push_str(", …");
            }
            s.push_str(&format!(" ({named})"));
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Debt, Sprint};
    use chrono::NaiveDate;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()
    }

    fn debt(id: &str, title: &str) -> Debt {
        Debt::new(id.into(), title.into(), day())
    }

    #[test]
    fn diff_names_added_changed_and_removed_ids() {
        let old = Plan {
            debts: vec![
                debt("D-00001", "a"),
                debt("D-00002", "b"),
                debt("D-00004", "d"),
            ],
            ..Plan::default()
        };
        let mut new = old.clone();
        new.debts.remove(0);
        new.debts[0].title = "b2".into();
        new.debts.insert(1, debt("D-00003", "c"));
        new.debts.push(debt("D-00005", "e"));
        new.sprints
            .push(Sprint::new("S-00001".into(), "s".into(), day(), day(), 5));
        let d = diff(&old, &new);
        assert_eq!(d.added, ["D-00003", "D-00005", "S-00001"]);
        assert_eq!(d.changed, ["D-00002"]);
        assert_eq!(d.removed, ["D-00001"]);
        assert!(!d.settings);
        assert_eq!(
            d.summary("bearing.ron"),
            "reloaded bearing.ron: 3 added, 1 changed, 1 removed (D-00003, D-00005, S-00001, …)"
        );

        new.north_star = "elsewhere".into();
        let d = diff(&new, &new.clone());
        assert!(d.is_empty());
        assert_eq!(d.summary("x.ron"), "reloaded x.ron: nothing changed");
        let d = diff(
            &old,
            &Plan {
                north_star: "n".into(),
                ..old.clone()
            },
        );
        assert_eq!(
            d.summary("x.ron"),
            "reloaded x.ron: 0 added, 0 changed, 0 removed, settings changed"
        );
    }
}
