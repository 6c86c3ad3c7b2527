//! Key-result check-ins: recorded (one per day, never after today) and
//! removed again when one was wrong.

use chrono::NaiveDate;

use super::{LifecycleError, key_result};
use crate::model::{Change, Item, KeyResult, Plan};
use crate::text::number;

fn with_unit(kr: &KeyResult, v: f64) -> String {
    if kr.unit.is_empty() {
        number(v)
    } else {
        format!("{} {}", number(v), kr.unit)
    }
}

/// Records a measurement for a key result: one per day (a second one on
/// the same day replaces the first, and the message says which value it
/// replaced), never dated after `today`, never a non-finite number.
pub fn checkin(
    plan: &Plan,
    kr_id: &str,
    value: f64,
    date: NaiveDate,
    today: NaiveDate,
) -> Result<(Change, String), LifecycleError> {
    let kr = key_result(plan, kr_id)?;
    if !value.is_finite() {
        return Err(LifecycleError::NotFinite {
            id: kr.id.clone(),
            value,
        });
    }
    if date > today {
        return Err(LifecycleError::FutureCheckin {
            id: kr.id.clone(),
            date,
            today,
        });
    }
    let mut next = kr.clone();
    let replaced = next.check_in(date, value);
    let what = match replaced {
        Some(old) => format!("replacing {} checked in that day", with_unit(kr, old)),
        None => format!("current was {}", with_unit(kr, kr.current_at(today))),
    };
    let message = format!(
        "checked in {} ({}): {} on {date} ({what})",
        kr.id,
        kr.title,
        with_unit(kr, value),
    );
    Ok((
        Change::new(message.clone()).put(Item::KeyResult(next)),
        message,
    ))
}

/// Removes a wrong check-in: the one of `date`, or the latest when `None`.
pub fn remove_checkin(
    plan: &Plan,
    kr_id: &str,
    date: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<(Change, String), LifecycleError> {
    let kr = key_result(plan, kr_id)?;
    let date = match date {
        Some(d) => d,
        None => match kr.checkins.last() {
            Some(c) => c.date,
            None => return Err(LifecycleError::NoCheckins(kr.id.clone())),
        },
    };
    let mut next = kr.clone();
    let Some(removed) = next.remove_check_in(date) else {
        return Err(LifecycleError::NoCheckin {
            id: kr.id.clone(),
            date,
            dates: kr.checkins.iter().map(|c| c.date).collect(),
        });
    };
    let message = format!(
        "removed the check-in of {} ({}) on {date}: {} (current now {})",
        kr.id,
        kr.title,
        with_unit(kr, removed.value),
        with_unit(&next, next.current_at(today)),
    );
    Ok((
        Change::new(message.clone()).put(Item::KeyResult(next)),
        message,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Objective;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn plan() -> Plan {
        let mut p = Plan::default();
        p.objectives.push(Objective {
            id: "O-00001".into(),
            title: "o".into(),
            description: String::new(),
        });
        p.key_results.push(KeyResult::mttr_fixture());
        p
    }

    fn applied(p: &Plan, r: Result<(Change, String), LifecycleError>) -> (Plan, String) {
        let (change, msg) = r.unwrap();
        let mut p = p.clone();
        p.apply(change);
        (p, msg)
    }

    #[test]
    fn a_check_in_after_today_is_refused() {
        let today = day("2026-03-01");
        let err = checkin(&plan(), "KR-00001", 50.0, day("2026-03-02"), today).unwrap_err();
        assert!(
            err.to_string().contains("after today (2026-03-01)"),
            "{err}"
        );
    }

    #[test]
    fn a_second_check_in_on_a_day_says_what_it_replaced() {
        let today = day("2026-03-01");
        let (p, _) = applied(&plan(), checkin(&plan(), "KR-00001", 50.0, today, today));
        let (p, msg) = applied(&p, checkin(&p, "KR-00001", 45.0, today, today));
        assert!(msg.contains("45 min on 2026-03-01"), "{msg}");
        assert!(msg.contains("replacing 50 min"), "{msg}");
        assert_eq!(p.key_results[0].checkins.len(), 1);
    }

    #[test]
    fn removing_the_latest_check_in_restores_the_one_before() {
        let today = day("2026-03-01");
        let (p, _) = applied(
            &plan(),
            checkin(&plan(), "KR-00001", 70.0, day("2026-02-01"), today),
        );
        let (p, _) = applied(&p, checkin(&p, "KR-00001", 7.0, today, today));
        let (p, msg) = applied(&p, remove_checkin(&p, "KR-00001", None, today));
        assert!(
            msg.contains("on 2026-03-01: 7 min (current now 70 min)"),
            "{msg}"
        );
        assert_eq!(p.key_results[0].current_at(today), 70.0);
        let (p, _) = applied(
            &p,
            remove_checkin(&p, "KR-00001", Some(day("2026-02-01")), today),
        );
        assert_eq!(p.key_results[0].current_at(today), 90.0);
        let err = remove_checkin(&p, "KR-00001", None, today).unwrap_err();
        assert!(err.to_string().contains("no check-ins"), "{err}");
        let err = remove_checkin(&plan(), "KR-00001", Some(today), today).unwrap_err();
        assert!(
            err.to_string().contains("no check-in on 2026-03-01"),
            "{err}"
        );
    }
}
