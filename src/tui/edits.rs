//! The changes the UI makes without a form: delete (the domain's rule, see
//! `model::edit`), rating ±1, next status. Each returns a `model::Change`
//! (or why not), so `update` only applies it.

use chrono::NaiveDate;

use super::action::Rating;
use crate::model::edit::{self, Deletion};
use crate::model::validate::MAX_RATING;
use crate::model::{Change, Debt, DebtStatus, Item, Plan};
use crate::text::sanitize;

/// A delete, by the domain's one rule (the same as `bearing rm`).
pub fn delete(plan: &Plan, id: &str) -> Result<Deletion, String> {
    edit::delete(plan, id).map_err(|e| match e {
        edit::EditError::NoSuchItem(id) => format!("{id} no longer exists"),
        other => other.to_string(),
    })
}

/// The y/n question for a delete: what goes and what else it touches —
/// what `bearing rm --force` answers.
pub fn delete_prompt(plan: &Plan, del: &Deletion) -> String {
    let id = &del.id;
    let title = plan.title_of(id).map(sanitize).unwrap_or_default();
    let mut prompt = format!("Delete {} {id} \u{201c}{title}\u{201d}?", del.kind.label());
    let effects = del.effects();
    if !effects.is_empty() {
        // "its 2 key results … go too; it is unlinked from 3 other items"
        let mut first = effects.chars();
        let capital: String = first
            .next()
            .into_iter()
            .flat_map(char::to_uppercase)
            .collect();
        prompt.push_str(&format!(" {capital}{}.", first.as_str()));
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
        p.key_results.push(KeyResult::bare_fixture("KR-1", "O-1"));
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
        let del = delete(&p, "D-1").unwrap();
        assert_eq!(del.change.ops.len(), 2);
        let inverse = p.apply(del.change);
        assert!(p.sprints[0].items.is_empty());
        p.apply(inverse);
        assert_eq!(p, plan());

        let c = delete(&p, "KR-1").unwrap().change;
        p.apply(c);
        assert!(p.debts[0].key_results.is_empty());
        // An objective with key results is no longer refused: the question
        // names what goes with it, as `bearing rm --force` does.
        let o = delete(&plan(), "O-1").unwrap();
        assert!(delete_prompt(&plan(), &o).contains("1 key result"));
        assert_eq!(
            delete_prompt(&plan(), &o),
            "Delete objective O-1 \u{201c}o\u{201d}? Its 1 key result (KR-1) goes too; \
             it is unlinked from 1 other item. (y/n)"
        );
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
