//! The changes the UI makes without a form: delete, rating ±1, next status.
//! Each returns a `model::Change` (or why not), so `update` only applies it.

use chrono::NaiveDate;

use super::action::Rating;
use crate::model::validate::MAX_RATING;
use crate::model::{Change, Debt, DebtStatus, Item, Kind, Plan};
use crate::text::sanitize;

/// Deleting an item also drops the links to it, so the plan stays valid:
/// a debt item leaves the sprints that hold it, a key result leaves the debt
/// and hypotheses linked to it. An objective with key results is refused.
pub fn delete(plan: &Plan, id: &str) -> Result<Change, String> {
    let kind = Kind::of_id(id).ok_or_else(|| format!("{id}: not an id"))?;
    if !plan.contains_id(id) {
        return Err(format!("{id} no longer exists"));
    }
    let mut change = Change::new(format!("delete {id}")).remove(kind, id);
    match kind {
        Kind::Debt => {
            for s in plan
                .sprints
                .iter()
                .filter(|s| s.items.iter().any(|i| i == id))
            {
                let mut s = s.clone();
                s.items.retain(|i| i != id);
                change = change.put(Item::Sprint(s));
            }
        }
        Kind::KeyResult => {
            for d in plan
                .debts
                .iter()
                .filter(|d| d.key_results.iter().any(|k| k == id))
            {
                let mut d = d.clone();
                d.key_results.retain(|k| k != id);
                change = change.put(Item::Debt(d));
            }
            for h in plan
                .hypotheses
                .iter()
                .filter(|h| h.key_results.iter().any(|k| k == id))
            {
                let mut h = h.clone();
                h.key_results.retain(|k| k != id);
                change = change.put(Item::Hypothesis(h));
            }
        }
        Kind::Objective => {
            let krs = plan
                .key_results
                .iter()
                .filter(|k| k.objective == id)
                .count();
            if krs > 0 {
                return Err(format!(
                    "{id} has {krs} key result{}: delete or move {} first",
                    if krs == 1 { "" } else { "s" },
                    if krs == 1 { "it" } else { "them" }
                ));
            }
        }
        Kind::Hypothesis | Kind::Sprint => {}
    }
    Ok(change)
}

/// The y/n question for a delete: what goes and what else it touches.
pub fn delete_prompt(plan: &Plan, id: &str, change: &Change) -> String {
    let kind = Kind::of_id(id).map_or("item", |k| k.label());
    let title = plan.title_of(id).map(sanitize).unwrap_or_default();
    let also = change.ops.len().saturating_sub(1);
    let mut prompt = format!("Delete {kind} {id} \u{201c}{title}\u{201d}?");
    if also > 0 {
        prompt.push_str(&format!(
            " It is unlinked from {also} other item{}.",
            if also == 1 { "" } else { "s" }
        ));
    }
    prompt.push_str(" (y/n)");
    prompt
}

pub fn rating_of(d: &Debt, r: Rating) -> u8 {
    match r {
        Rating::Customer => d.customer,
        Rating::Delivery => d.delivery,
        Rating::Risk => d.risk,
        Rating::Urgency => d.urgency,
    }
}

fn rating_mut(d: &mut Debt, r: Rating) -> &mut u8 {
    match r {
        Rating::Customer => &mut d.customer,
        Rating::Delivery => &mut d.delivery,
        Rating::Risk => &mut d.risk,
        Rating::Urgency => &mut d.urgency,
    }
}

/// Moves one rating by `delta` within 0–5; `Err` says why nothing changed.
pub fn bump_rating(d: &Debt, r: Rating, delta: i8) -> Result<(Change, u8, u8), String> {
    let old = rating_of(d, r);
    let new = (i16::from(old) + i16::from(delta)).clamp(0, i16::from(MAX_RATING)) as u8;
    if new == old {
        return Err(format!(
            "{} {} is already {old} (ratings are 0–{MAX_RATING})",
            d.id,
            r.label()
        ));
    }
    let mut edited = d.clone();
    *rating_mut(&mut edited, r) = new;
    let change =
        Change::new(format!("{} {} {old} → {new}", d.id, r.label())).put(Item::Debt(edited));
    Ok((change, old, new))
}

/// open → in progress → done → won't fix → open.
pub fn next_status(s: DebtStatus) -> DebtStatus {
    let all = DebtStatus::ALL;
    let i = all.iter().position(|x| *x == s).unwrap_or(0);
    all[(i + 1) % all.len()]
}

pub fn cycle_status(d: &Debt, today: NaiveDate) -> (Change, DebtStatus) {
    let next = next_status(d.status);
    let mut edited = d.clone();
    edited.set_status(next, today);
    let change = Change::new(format!(
        "{} status {} → {}",
        d.id,
        d.status.label(),
        next.label()
    ))
    .put(Item::Debt(edited));
    (change, next)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{KeyResult, Objective, Sprint};

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()
    }

    fn plan() -> Plan {
        let mut p = Plan::default();
        p.objectives.push(Objective {
            id: "O-1".into(),
            title: "o".into(),
            description: String::new(),
        });
        p.key_results.push(KeyResult {
            id: "KR-1".into(),
            objective: "O-1".into(),
            title: "k".into(),
            unit: String::new(),
            baseline: 0.0,
            target: Some(1.0),
            current: 0.0,
            start: day(),
            due: None,
            owner: String::new(),
            checkins: vec![],
        });
        let mut d = Debt::new("D-1".into(), "d".into(), day());
        d.key_results = vec!["KR-1".into()];
        p.debts.push(d);
        let mut s = Sprint::new(
            "S-1".into(),
            "s".into(),
            day(),
            day().succ_opt().unwrap(),
            5,
        );
        s.items = vec!["D-1".into()];
        p.sprints.push(s);
        p
    }

    #[test]
    fn deleting_unlinks() {
        let mut p = plan();
        let c = delete(&p, "D-1").unwrap();
        assert_eq!(c.ops.len(), 2);
        let inverse = p.apply(c);
        assert!(p.sprints[0].items.is_empty());
        p.apply(inverse);
        assert_eq!(p, plan());

        let c = delete(&p, "KR-1").unwrap();
        p.apply(c);
        assert!(p.debts[0].key_results.is_empty());
        assert!(delete(&plan(), "O-1").unwrap_err().contains("1 key result"));
        assert!(delete(&plan(), "D-9").is_err());
    }

    #[test]
    fn ratings_stay_in_range() {
        let mut d = Debt::new("D-1".into(), "d".into(), day());
        d.risk = 5;
        assert!(
            bump_rating(&d, Rating::Risk, 1)
                .unwrap_err()
                .contains("already 5")
        );
        let (c, old, new) = bump_rating(&d, Rating::Risk, -1).unwrap();
        assert_eq!((old, new), (5, 4));
        assert_eq!(c.label, "D-1 risk 5 → 4");
    }

    #[test]
    fn status_cycles_and_records_the_date() {
        let d = Debt::new("D-1".into(), "d".into(), day());
        let (c, next) = cycle_status(&d, day());
        assert_eq!(next, DebtStatus::InProgress);
        let crate::model::Op::Put(Item::Debt(e)) = &c.ops[0] else {
            panic!("expected a put")
        };
        assert_eq!(e.changes.len(), 1);
        assert_eq!(next_status(DebtStatus::WontFix), DebtStatus::Open);
    }
}
