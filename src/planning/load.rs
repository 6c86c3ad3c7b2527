//! People's load in a sprint: the points each owner holds against their
//! share of the sprint's capacity, and a warning when one person holds more
//! than half of the sprint. One rule for the sprint view, the exports and
//! `bearing sprint load`.
//!
//! The share: the sprint's capacity divided evenly among the people who own
//! items in it (items with no owner count as "unassigned", which holds no
//! share). The plan records no per-person capacity, so an even split is the
//! one share that needs no new field; it answers "is one person carrying the
//! sprint?", which is what the warning is for.

use crate::model::Plan;

/// One owner's part of a sprint.
#[derive(Debug, Clone, PartialEq)]
pub struct OwnerLoad {
    /// The owner; `None` for the items nobody owns ("unassigned").
    pub owner: Option<String>,
    /// Estimated points of the owner's items in the sprint.
    pub points: u32,
    /// How many of those items have no effort yet (to triage): the load is
    /// that much unknown.
    pub unestimated: usize,
    pub items: usize,
    /// The owner's even share of the capacity; `None` for "unassigned".
    pub share: Option<f64>,
}

impl OwnerLoad {
    /// "sam", or "unassigned".
    pub fn name(&self) -> &str {
        self.owner.as_deref().unwrap_or("unassigned")
    }

    /// More points than the owner's share.
    pub fn over_share(&self) -> bool {
        self.share.is_some_and(|s| f64::from(self.points) > s)
    }
}

/// Everyone's load in one sprint.
#[derive(Debug, Clone, PartialEq)]
pub struct PeopleLoad {
    pub sprint: String,
    pub capacity: u32,
    /// Estimated points of all the sprint's items.
    pub total: u32,
    /// Most points first, then by name; "unassigned" last.
    pub people: Vec<OwnerLoad>,
}

impl PeopleLoad {
    /// The person holding more than half of the sprint's points, if anyone.
    pub fn heavy(&self) -> Option<&OwnerLoad> {
        self.people
            .iter()
            .find(|p| p.owner.is_some() && u64::from(p.points) * 2 > u64::from(self.total))
    }

    /// "sam holds 12 of 20 pts (60%), more than half of the sprint".
    pub fn warning(&self) -> Option<String> {
        self.warning_naming(|name| name.to_owned())
    }

    /// [`Self::warning`] with the owner's name as `name` gives it (a
    /// screen shortens a very long one so the sentence keeps its end).
    pub fn warning_naming(&self, name: impl Fn(&str) -> String) -> Option<String> {
        let p = self.heavy()?;
        let pct = u64::from(p.points) * 100 / u64::from(self.total.max(1));
        Some(format!(
            "{} holds {} of {} pts ({pct}%), more than half of the sprint",
            name(p.name()),
            p.points,
            self.total
        ))
    }
}

/// The load of every owner in the sprint's items (missing items are
/// skipped); `None` for an unknown sprint.
pub fn people_load(plan: &Plan, sprint_id: &str) -> Option<PeopleLoad> {
    let s = plan.sprint(sprint_id)?;
    let mut people: Vec<OwnerLoad> = Vec::new();
    for d in s.items.iter().filter_map(|id| plan.debt(id)) {
        let owner = (!d.owner.trim().is_empty()).then(|| d.owner.clone());
        let at = match people.iter().position(|p| p.owner == owner) {
            Some(at) => at,
            None => {
                people.push(OwnerLoad {
                    owner,
                    points: 0,
                    unestimated: 0,
                    items: 0,
                    share: None,
                });
                people.len() - 1
            }
        };
        let p = &mut people[at];
        p.items += 1;
        match d.effort {
            Some(e) => p.points = p.points.saturating_add(e),
            None => p.unestimated += 1,
        }
    }
    let named = people.iter().filter(|p| p.owner.is_some()).count();
    for p in people.iter_mut().filter(|p| p.owner.is_some()) {
        p.share = Some(f64::from(s.capacity) / named as f64);
    }
    people.sort_by(|a, b| {
        a.owner
            .is_none()
            .cmp(&b.owner.is_none())
            .then_with(|| b.points.cmp(&a.points))
            .then_with(|| a.owner.cmp(&b.owner))
    });
    Some(PeopleLoad {
        sprint: s.id.clone(),
        capacity: s.capacity,
        total: people.iter().fold(0u32, |t, p| t.saturating_add(p.points)),
        people,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Debt, Sprint};
    use chrono::NaiveDate;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 2).unwrap()
    }

    fn plan(items: &[(&str, Option<u32>)]) -> Plan {
        let mut plan = Plan::default();
        let mut s = Sprint::new("S-1".into(), "One".into(), day(), day(), 20);
        for (i, (owner, effort)) in items.iter().enumerate() {
            let mut d = Debt::new(format!("D-{i:02}"), format!("debt {i}"), day());
            d.owner = (*owner).to_owned();
            d.effort = *effort;
            s.items.push(d.id.clone());
            plan.debts.push(d);
        }
        plan.sprints.push(s);
        plan
    }

    #[test]
    fn points_per_owner_against_an_even_share_with_unassigned_last() {
        let plan = plan(&[
            ("ana", Some(3)),
            ("sam", Some(5)),
            ("", Some(2)),
            ("ana", None),
            ("sam", Some(1)),
        ]);
        let load = people_load(&plan, "S-1").unwrap();
        let got: Vec<(&str, u32, usize, Option<f64>)> = load
            .people
            .iter()
            .map(|p| (p.name(), p.points, p.unestimated, p.share))
            .collect();
        assert_eq!(
            got,
            vec![
                ("sam", 6, 0, Some(10.0)),
                ("ana", 3, 1, Some(10.0)),
                ("unassigned", 2, 0, None),
            ]
        );
        assert_eq!(load.total, 11);
        // 6 of 11 is more than half.
        assert_eq!(load.heavy().map(OwnerLoad::name), Some("sam"));
        assert_eq!(
            load.warning().as_deref(),
            Some("sam holds 6 of 11 pts (54%), more than half of the sprint")
        );
        assert!(!load.people[0].over_share());
    }

    #[test]
    fn exactly_half_is_no_warning_and_unassigned_never_warns() {
        let plan = plan(&[("ana", Some(4)), ("sam", Some(4))]);
        assert_eq!(people_load(&plan, "S-1").unwrap().warning(), None);
        let plan = plan_unassigned();
        assert_eq!(people_load(&plan, "S-1").unwrap().warning(), None);
    }

    fn plan_unassigned() -> Plan {
        plan(&[("", Some(9)), ("ana", Some(1))])
    }

    #[test]
    fn an_empty_or_unknown_sprint() {
        let plan = plan(&[]);
        let load = people_load(&plan, "S-1").unwrap();
        assert!(load.people.is_empty());
        assert_eq!((load.total, load.warning()), (0, None));
        assert!(people_load(&plan, "S-9").is_none());
    }

    #[test]
    fn one_person_over_their_share() {
        let plan = plan(&[("ana", Some(15)), ("sam", Some(2))]);
        let load = people_load(&plan, "S-1").unwrap();
        assert!(load.people[0].over_share());
        assert!(!load.people[1].over_share());
    }
}
