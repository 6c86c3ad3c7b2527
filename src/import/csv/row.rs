//! One row of Bearing's own columns as a debt item, every cell checked by
//! the rules `bearing add debt` uses.

use chrono::NaiveDate;

use crate::import::Ids;
use crate::model::validate::{self, FieldError};
use crate::model::{Debt, DebtStatus, Plan};

/// One row as a debt item, or every cell that breaks a rule. With
/// `decimal_comma` (a file split by `;` or tab, as European spreadsheets
/// write) a number may be written `3,0`.
pub(super) fn row<'r>(
    cell: impl Fn(usize) -> Option<&'r str>,
    plan: &Plan,
    today: NaiveDate,
    decimal_comma: bool,
    ids: &mut Ids,
) -> Result<Debt, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut ok = |r: Result<u8, FieldError>| r.map_err(|e| errors.push(e)).unwrap_or(0);
    let text = |k: usize| cell(k).unwrap_or("").to_owned();
    let given = |k: usize| cell(k).filter(|s| !s.trim().is_empty());
    let number = |s: &'r str| number(s, decimal_comma);

    let title = validate::title("title", cell(0).unwrap_or(""));
    let mut ratings = [0u8; 4];
    for (slot, (k, name)) in ratings.iter_mut().zip([
        (5, "customer"),
        (6, "delivery"),
        (7, "risk"),
        (8, "urgency"),
    ]) {
        if let Some(s) = given(k) {
            // Urgency also takes a priority word (`High`, `P1`) by the
            // plan's mapping rules, so a tracker's Priority column maps.
            *slot = ok(number(s).check(|n| {
                if name == "urgency" {
                    crate::import::mapping::urgency_cell(&plan.import, name, n)
                } else {
                    validate::rating(name, n)
                }
            }));
        }
    }
    // An effort of 0 is how trackers and sheets say "not estimated": to
    // triage, like an empty cell.
    let effort = given(4)
        .map(number)
        .filter(|n| !n.is_zero())
        .map(|n| n.check(|s| validate::effort("effort", s)));
    let status = given(9).map(|s| {
        DebtStatus::parse(s).ok_or_else(|| {
            FieldError::new(
                "status",
                format!(
                    "{} is not a status; write one of: {}",
                    crate::text::quote(s.trim()),
                    DebtStatus::words()
                ),
            )
        })
    });
    let date = |column: &'static str, s: &str| {
        crate::import::date::day(s)
            .map_err(|why| FieldError::new(column, crate::import::date::problem(s, &why)))
    };
    let closed = given(12).map(|s| date("closed", s));
    let due = given(13).map(|s| date("due", s));

    let mut d = Debt::new(String::new(), String::new(), today);
    match title {
        Ok(t) => d.title = t,
        Err(e) => errors.push(e),
    }
    // An empty effort cell: not estimated, to triage.
    match effort {
        Some(Ok(e)) => d.effort = Some(e),
        Some(Err(e)) => errors.push(e),
        None => {}
    }
    [d.customer, d.delivery, d.risk, d.urgency] = ratings;
    d.owner = text(1).trim().to_owned();
    d.area = text(2).trim().to_owned();
    d.tags = validate::list(&text(3));
    d.description = text(10).trim().to_owned();
    d.key_results = validate::list(&text(11))
        .iter()
        .map(|s| crate::model::id::normalize(s))
        .collect();
    // A closed date dates a done or won't-fix status (else today).
    let closed = match closed {
        Some(Ok(day)) => Some(day),
        Some(Err(e)) => {
            errors.push(e);
            None
        }
        None => None,
    };
    match due {
        Some(Ok(day)) => d.due = Some(day),
        Some(Err(e)) => errors.push(e),
        None => {}
    }
    match status {
        Some(Ok(s)) => d.set_status(s, closed.filter(|_| !s.is_open()).unwrap_or(today)),
        Some(Err(e)) => errors.push(e),
        None => {}
    }
    // Whole-item rules (links to key results that exist); the title was
    // already checked above, so do not report it twice.
    if !d.title.is_empty() {
        errors.extend(validate::debt(&d, plan));
    }
    if errors.is_empty() {
        d.id = ids.next();
        Ok(d)
    } else {
        Err(errors)
    }
}

/// A number cell as typed, and as read: with a decimal comma, `3,0` is
/// read as `3.0` (then 3; `2,5` is not a whole number, as `2.5` is not).
struct Number<'r> {
    typed: &'r str,
    read: String,
}

fn number(s: &str, decimal_comma: bool) -> Number<'_> {
    let t = s.trim();
    let read = match t.split_once(',') {
        Some((int, frac))
            if decimal_comma
                && !int.is_empty()
                && !frac.is_empty()
                && int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit()) =>
        {
            format!("{int}.{frac}")
        }
        _ => t.to_owned(),
    };
    Number { typed: s, read }
}

impl Number<'_> {
    /// Zero, however written (`0`, `0.0`, `0,0`).
    fn is_zero(&self) -> bool {
        self.read.parse::<f64>().is_ok_and(|n| n == 0.0)
    }

    /// `validate` on the number as read; a problem quotes it as typed.
    fn check<T>(&self, validate: impl Fn(&str) -> Result<T, FieldError>) -> Result<T, FieldError> {
        validate(&self.read).map_err(|mut e| {
            let (read, typed) = (
                crate::text::quote(self.read.trim()),
                crate::text::quote(self.typed.trim()),
            );
            e.message = e.message.replace(&read, &typed);
            e
        })
    }
}
