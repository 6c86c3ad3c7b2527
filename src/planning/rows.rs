//! What the sprint view lists, computed once here so the view draws exactly
//! these rows and its actions index into the same ones: a sprint's committed
//! items (a dangling id included, as a row of its own) and the candidates.

use std::collections::HashSet;

use chrono::NaiveDate;

use crate::model::{Debt, Plan};
use crate::score::{self, Ranked};

/// One row of a sprint's items pane, in the sprint's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ItemRow<'a> {
    /// The id as the sprint names it.
    pub id: &'a str,
    /// Its index in `plan.debts`; `None` for an id no debt item has (shown
    /// as missing, and still a row the cursor can stand on).
    pub debt: Option<usize>,
}

impl ItemRow<'_> {
    pub fn is_missing(&self) -> bool {
        self.debt.is_none()
    }
}

/// Every id the sprint commits to, in its order, each one row.
pub fn item_rows<'a>(plan: &'a Plan, sprint_id: &str) -> Vec<ItemRow<'a>> {
    let Some(s) = plan.sprint(sprint_id) else {
        return Vec::new();
    };
    s.items
        .iter()
        .map(|id| ItemRow {
            id,
            debt: plan.debts.binary_search_by(|d| d.id.as_str().cmp(id)).ok(),
        })
        .collect()
}

/// The ids some open (planned or active) sprint holds.
pub fn in_open_sprints(plan: &Plan) -> HashSet<&str> {
    plan.sprints
        .iter()
        .filter(|s| s.state.is_open())
        .flat_map(|s| s.items.iter().map(String::as_str))
        .collect()
}

/// The candidate rule: open debt that no open sprint holds.
pub fn is_candidate(d: &Debt, planned: &HashSet<&str>) -> bool {
    d.status.is_open() && !planned.contains(d.id.as_str())
}

/// Open debt that no open sprint holds, in ranking order.
pub fn candidates(plan: &Plan, today: NaiveDate) -> Vec<Ranked> {
    let planned = in_open_sprints(plan);
    score::rank(plan, today, |d| is_candidate(d, &planned))
}

/// The candidates among `ranking` (indices into `plan.debts`, best first),
/// in its order: for a caller that keeps the ranking already.
pub fn candidates_in(plan: &Plan, ranking: &[usize]) -> Vec<usize> {
    let planned = in_open_sprints(plan);
    ranking
        .iter()
        .copied()
        .filter(|&i| plan.debts.get(i).is_some_and(|d| is_candidate(d, &planned)))
        .collect()
}

/// A sprint's items that exist, in ranking order.
pub fn committed(plan: &Plan, sprint_id: &str, today: NaiveDate) -> Vec<Ranked> {
    let Some(s) = plan.sprint(sprint_id) else {
        return Vec::new();
    };
    score::rank(plan, today, |d| s.items.contains(&d.id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Debt, Sprint, SprintState};
    use crate::planning::{PlanningError, remove_items};

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 2).unwrap()
    }

    /// D-1 and D-2 open, D-3 done; the active S-1 names D-1 and a gone D-9,
    /// the closed S-0 names D-2.
    fn plan() -> Plan {
        let mut p = Plan::default();
        for id in ["D-1", "D-2", "D-3"] {
            p.debts.push(Debt::new(id.into(), id.into(), day()));
        }
        p.debts[2].status = crate::model::DebtStatus::Done;
        let mut closed = Sprint::new("S-0".into(), "a".into(), day(), day(), 5);
        closed.state = SprintState::Closed;
        closed.items = vec!["D-2".into()];
        let mut active = Sprint::new("S-1".into(), "b".into(), day(), day(), 5);
        active.state = SprintState::Active;
        active.items = vec!["D-9".into(), "D-1".into()];
        p.sprints = vec![closed, active];
        p
    }

    #[test]
    fn a_dangling_id_is_a_row_and_can_be_taken_out() {
        let p = plan();
        let rows = item_rows(&p, "S-1");
        assert_eq!(
            rows,
            [
                ItemRow {
                    id: "D-9",
                    debt: None
                },
                ItemRow {
                    id: "D-1",
                    debt: Some(0)
                }
            ]
        );
        let out = remove_items(&p, "S-1", &["D-9".to_owned()], chrono::NaiveDate::MIN).unwrap();
        assert_eq!(out.chosen, ["D-9"]);
        let mut q = p.clone();
        q.apply(out.change);
        assert_eq!(q.sprint("S-1").unwrap().items, ["D-1"]);
        assert!(matches!(
            remove_items(&p, "S-1", &["D-8".to_owned()], chrono::NaiveDate::MIN),
            Err(PlanningError::UnknownDebt(_))
        ));
        assert!(item_rows(&p, "S-7").is_empty());
    }

    #[test]
    fn candidates_are_one_rule_ranked_or_not() {
        let p = plan();
        let ranked: Vec<usize> = candidates(&p, day()).iter().map(|r| r.index).collect();
        // D-2 is only in a closed sprint; D-1 is planned; D-3 is done.
        assert_eq!(ranked, [1]);
        assert_eq!(candidates_in(&p, &[2, 1, 0]), ranked);
    }
}
