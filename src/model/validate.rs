//! Field rules shared by the command line, the forms and the loader, so a
//! value the CLI refuses is refused by the UI with the same words.

use std::fmt;

use chrono::NaiveDate;

use crate::text::quote;

use super::{Debt, DebtStatus, Hypothesis, KeyResult, Kind, Objective, Plan, Sprint};

mod plan;

pub use plan::{Violation, plan};

/// A value that breaks a rule: which field, and what is wrong in words a user
/// can act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: &'static str,
    pub message: String,
}

impl FieldError {
    pub fn new(field: &'static str, message: impl Into<String>) -> Self {
        FieldError {
            field,
            message: message.into(),
        }
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

pub const MAX_RATING: u8 = 5;
pub const ICE_RANGE: std::ops::RangeInclusive<u8> = 1..=10;
pub const MAX_EFFORT: u32 = 1000;
pub const MAX_TITLE: usize = 200;

pub fn title(field: &'static str, s: &str) -> Result<String, FieldError> {
    let t = s.trim();
    if t.is_empty() {
        return Err(FieldError::new(field, "must not be empty"));
    }
    if t.chars().count() > MAX_TITLE {
        return Err(FieldError::new(
            field,
            format!(
                "is {} characters long; keep it under {MAX_TITLE}",
                t.chars().count()
            ),
        ));
    }
    Ok(t.to_owned())
}

/// A whole number as people and spreadsheets write it: `3`, or `3.0` (a
/// cell formatted with decimals); `3.5` is not one.
fn whole(s: &str) -> Result<i64, std::num::ParseIntError> {
    let t = s.trim();
    match t.split_once('.') {
        Some((int, zeros))
            if !int.is_empty() && !zeros.is_empty() && zeros.bytes().all(|b| b == b'0') =>
        {
            int.parse()
        }
        _ => t.parse(),
    }
}

pub fn rating(field: &'static str, s: &str) -> Result<u8, FieldError> {
    match whole(s) {
        Ok(n) if (0..=i64::from(MAX_RATING)).contains(&n) => Ok(n as u8),
        Ok(n) => Err(FieldError::new(
            field,
            format!("must be 0–{MAX_RATING}, got {n}"),
        )),
        Err(_) => Err(FieldError::new(
            field,
            format!(
                "must be a whole number 0–{MAX_RATING}, got {}",
                quote(s.trim())
            ),
        )),
    }
}

pub fn ice(field: &'static str, s: &str) -> Result<u8, FieldError> {
    let (lo, hi) = (*ICE_RANGE.start(), *ICE_RANGE.end());
    match s.trim().parse::<i64>() {
        Ok(n) if (i64::from(lo)..=i64::from(hi)).contains(&n) => Ok(n as u8),
        Ok(n) => Err(FieldError::new(
            field,
            format!("must be {lo}–{hi}, got {n}"),
        )),
        Err(_) => Err(FieldError::new(
            field,
            format!("must be a whole number {lo}–{hi}, got {}", quote(s.trim())),
        )),
    }
}

pub fn effort(field: &'static str, s: &str) -> Result<u32, FieldError> {
    match whole(s) {
        Ok(n) if (1..=i64::from(MAX_EFFORT)).contains(&n) => Ok(n as u32),
        Ok(n) => Err(FieldError::new(
            field,
            format!("must be 1–{MAX_EFFORT} points, got {n}"),
        )),
        Err(_) => Err(FieldError::new(
            field,
            format!("must be a whole number of points, got {}", quote(s.trim())),
        )),
    }
}

/// An effort that may be left empty: blank is `None`, "not estimated yet"
/// (the item goes to triage), else as [`effort`].
pub fn optional_effort(field: &'static str, s: &str) -> Result<Option<u32>, FieldError> {
    if s.trim().is_empty() {
        Ok(None)
    } else {
        effort(field, s).map(Some)
    }
}

/// A date that may be left empty: blank is `None` (no date), else as [`date`].
pub fn optional_date(field: &'static str, s: &str) -> Result<Option<NaiveDate>, FieldError> {
    if s.trim().is_empty() {
        Ok(None)
    } else {
        date(field, s).map(Some)
    }
}

/// A debt status by its file name or its label, in any case ("in progress",
/// "wont_fix"): the one reading `bearing edit --status` and the form share.
pub fn debt_status(field: &'static str, s: &str) -> Result<DebtStatus, FieldError> {
    DebtStatus::parse(s).ok_or_else(|| {
        FieldError::new(
            field,
            format!(
                "must be open, in_progress, done or wont_fix, got {}",
                quote(s)
            ),
        )
    })
}

pub fn number(field: &'static str, s: &str) -> Result<f64, FieldError> {
    match s.trim().parse::<f64>() {
        // + 0.0: a typed "-0" is stored as 0, never printed as -0.
        Ok(x) if x.is_finite() => Ok(x + 0.0),
        _ => Err(FieldError::new(
            field,
            format!("must be a number, got {}", quote(s.trim())),
        )),
    }
}

pub fn date(field: &'static str, s: &str) -> Result<NaiveDate, FieldError> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| {
        FieldError::new(
            field,
            // The raw value: `" "` says what was given, `""` would not.
            format!("{} is not a calendar date (YYYY-MM-DD)", quote(s)),
        )
    })
}

/// Splits a comma- or semicolon-separated list, dropping blanks: the one
/// reading of tags and ids typed in a form, given to `--tag`, or found in a
/// CSV cell, so `a; b`, `a, b` and `a,b` are the same two tags everywhere.
pub fn list(s: &str) -> Vec<String> {
    s.split([',', ';'])
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Every value of a repeated option (`--tag a --tag "b, c"`) read as
/// [`list`] reads one.
pub fn lists(values: &[String]) -> Vec<String> {
    values.iter().flat_map(|v| list(v)).collect()
}

fn refs(plan: &Plan, field: &'static str, ids: &[String], kind: Kind, out: &mut Vec<FieldError>) {
    for id in ids {
        let ok = Kind::of_id(id) == Some(kind) && plan.contains_id(id);
        if !ok {
            out.push(FieldError::new(
                field,
                format!("no {kind} with id {}", crate::text::label(id)),
            ));
        }
    }
}

fn range_u8(v: u8, lo: u8, hi: u8, field: &'static str, out: &mut Vec<FieldError>) {
    if !(lo..=hi).contains(&v) {
        out.push(FieldError::new(
            field,
            format!("must be {lo}–{hi}, got {v}"),
        ));
    }
}

fn nonempty(s: &str, field: &'static str, out: &mut Vec<FieldError>) {
    // The same rule as `title`, without copying every title of a big plan.
    let t = s.trim();
    if t.is_empty() || t.len() > MAX_TITLE && t.chars().count() > MAX_TITLE {
        out.extend(title(field, s).err());
    }
}

/// Whole-item rules, checked before any add or edit is applied.
pub fn objective(o: &Objective) -> Vec<FieldError> {
    let mut out = Vec::new();
    nonempty(&o.title, "title", &mut out);
    out
}

pub fn key_result(kr: &KeyResult, plan: &Plan) -> Vec<FieldError> {
    let mut out = Vec::new();
    if plan.objective(&kr.objective).is_none() {
        out.push(FieldError::new(
            "objective",
            format!("no objective with id {}", crate::text::label(&kr.objective)),
        ));
    }
    out.extend(key_result_values(kr));
    out
}

/// A new stored `current` for `kr`. Once a key result has check-ins its
/// current value is the latest of them, so a typed one would be ignored:
/// it is refused, pointing at the check-in commands.
pub fn current(kr: &KeyResult, value: f64) -> Result<f64, FieldError> {
    if kr.checkins.is_empty() || value == kr.current {
        return Ok(value);
    }
    Err(FieldError::new(
        "current",
        format!(
            "{} has check-ins, so its current value is the latest one; record a check-in (`bearing checkin {} VALUE`, or c in the key results view) instead",
            kr.id, kr.id
        ),
    ))
}

/// The rules on a key result's own values (what the loader holds a file to).
pub fn key_result_values(kr: &KeyResult) -> Vec<FieldError> {
    let mut out = Vec::new();
    nonempty(&kr.title, "title", &mut out);
    for (field, v) in [
        ("baseline", Some(kr.baseline)),
        ("target", kr.target),
        ("current", Some(kr.current)),
    ] {
        if v.is_some_and(|x| !x.is_finite()) {
            out.push(FieldError::new(field, "must be a finite number"));
        }
    }
    if let Some(due) = kr.due
        && due <= kr.start
    {
        out.push(FieldError::new(
            "due",
            format!("{due} must be after the start {}", kr.start),
        ));
    }
    if let Some(c) = kr.checkins.iter().find(|c| !c.value.is_finite()) {
        out.push(FieldError::new(
            "checkins",
            format!("the value on {} must be a finite number", c.date),
        ));
    }
    out
}

pub fn hypothesis(h: &Hypothesis, plan: &Plan) -> Vec<FieldError> {
    let mut out = hypothesis_values(h);
    refs(
        plan,
        "key_results",
        &h.key_results,
        Kind::KeyResult,
        &mut out,
    );
    if h.status.is_decided() && h.evidence.trim().is_empty() {
        out.push(FieldError::new(
            "evidence",
            "a validated or abandoned hypothesis needs its evidence",
        ));
    }
    out
}

/// The rules on a hypothesis's own values (what the loader holds a file to).
pub fn hypothesis_values(h: &Hypothesis) -> Vec<FieldError> {
    let mut out = Vec::new();
    nonempty(&h.title, "title", &mut out);
    let (lo, hi) = (*ICE_RANGE.start(), *ICE_RANGE.end());
    range_u8(h.impact, lo, hi, "impact", &mut out);
    range_u8(h.confidence, lo, hi, "confidence", &mut out);
    range_u8(h.ease, lo, hi, "ease", &mut out);
    out
}

pub fn debt(d: &Debt, plan: &Plan) -> Vec<FieldError> {
    let mut out = debt_values(d);
    refs(
        plan,
        "key_results",
        &d.key_results,
        Kind::KeyResult,
        &mut out,
    );
    out
}

/// The rules on a debt item's own values (what the loader holds a file to).
pub fn debt_values(d: &Debt) -> Vec<FieldError> {
    let mut out = Vec::new();
    nonempty(&d.title, "title", &mut out);
    for (field, v) in [
        ("customer", d.customer),
        ("delivery", d.delivery),
        ("risk", d.risk),
        ("urgency", d.urgency),
    ] {
        range_u8(v, 0, MAX_RATING, field, &mut out);
    }
    if let Some(effort) = d.effort
        && !(1..=MAX_EFFORT).contains(&effort)
    {
        out.push(FieldError::new(
            "effort",
            format!("must be 1–{MAX_EFFORT} points, got {effort}"),
        ));
    }
    out
}

pub fn sprint(s: &Sprint, plan: &Plan) -> Vec<FieldError> {
    let mut out = sprint_values(s);
    refs(plan, "items", &s.items, Kind::Debt, &mut out);
    out
}

/// The rules on a sprint's own values (what the loader holds a file to).
pub fn sprint_values(s: &Sprint) -> Vec<FieldError> {
    let mut out = Vec::new();
    nonempty(&s.name, "name", &mut out);
    // start = end is a one-day sprint (a "debt day").
    if s.end < s.start {
        out.push(FieldError::new(
            "end",
            format!("{} must be on or after the start {}", s.end, s.start),
        ));
    }
    if s.capacity == 0 {
        out.push(FieldError::new("capacity", "must be at least 1 point"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_rules() {
        assert!(title("title", "  ").is_err());
        assert_eq!(title("title", " x ").unwrap(), "x");
        assert!(rating("risk", "6").is_err());
        assert!(rating("risk", "-1").is_err());
        assert_eq!(rating("risk", "5").unwrap(), 5);
        assert!(effort("effort", "0").is_err());
        assert_eq!(effort("effort", "13").unwrap(), 13);
        assert!(ice("impact", "0").is_err());
        assert!(ice("impact", "11").is_err());
        let e = date("due", "2026-02-30").unwrap_err();
        assert!(e.message.contains("2026-02-30"), "{e}");
        assert!(number("target", "NaN").is_err());
        assert_eq!(list("a, b;;c"), ["a", "b", "c"]);
        assert_eq!(
            lists(&["a".into(), " b, c ;d".into(), "".into()]),
            ["a", "b", "c", "d"]
        );
    }

    #[test]
    fn a_whole_number_may_be_written_with_zero_decimals() {
        assert_eq!(effort("effort", "3.0").unwrap(), 3);
        assert_eq!(effort("effort", " 8.00 ").unwrap(), 8);
        assert_eq!(rating("risk", "4.0").unwrap(), 4);
        for bad in ["3.5", "3.", ".0", "3.0.0", "1,000", "3e0"] {
            let e = effort("effort", bad).unwrap_err();
            assert_eq!(
                e.message,
                format!("must be a whole number of points, got \"{bad}\""),
            );
        }
        assert!(effort("effort", "0.0").is_err());
    }
}
