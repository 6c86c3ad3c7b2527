//! The plan-wide settings by name — WSJF weights, key-result health
//! thresholds, policy levels — and the North Star: one set of rules for
//! `bearing config` / `bearing north-star`, the settings form and the loader,
//! so a value one refuses is refused by all with the same words.

use std::sync::LazyLock;

mod import;

use super::validate::{self, FieldError};
use super::{HealthThresholds, Meta, Severity, Weights};
use crate::check::Rule;

/// The numeric settings' names; the policy levels follow, one per rule of
/// `bearing check` ([`Rule::ALL`]).
const NUMBER_KEYS: [&str; 8] = [
    "weights.customer",
    "weights.delivery",
    "weights.risk",
    "weights.urgency",
    "weights.kr_at_risk",
    "weights.kr_off_track",
    "health.at_risk",
    "health.off_track",
];

/// Every setting's name, as `bearing config` shows and takes it: the
/// numbers, then `policy.RULE` for every rule `bearing check` has, so a new
/// rule is settable the day it exists, then the import mapping rules
/// (`import.*`). Input may use `-` for `_`
/// (`policy.stale-experiment`).
pub fn keys() -> &'static [&'static str] {
    static KEYS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
        let policy = Rule::ALL.map(|r| {
            let name = format!("policy.{}", r.name().replace('-', "_"));
            &*Box::leak(name.into_boxed_str())
        });
        NUMBER_KEYS
            .into_iter()
            .chain(policy)
            .chain(import::KEYS)
            .collect()
    });
    &KEYS
}

/// The rule a `policy.` setting names.
fn rule(key: &str) -> Option<Rule> {
    let name = key.strip_prefix("policy.")?.replace('_', "-");
    Rule::ALL.into_iter().find(|r| r.name() == name)
}

/// The largest weight: far above any sensible tuning, small enough that a
/// typo (`15000`) is caught.
pub const MAX_WEIGHT: f64 = 100.0;

/// A WSJF weight: a number from 0 to 100. A negative weight would rank the
/// most harmful debt last.
pub fn weight(field: &'static str, s: &str) -> Result<f64, FieldError> {
    let v = validate::number(field, s)?;
    weight_value(field, v)?;
    Ok(v)
}

fn weight_value(field: &'static str, v: f64) -> Result<(), FieldError> {
    // NaN and infinity first: "got inf" would read as a value out of range.
    if !v.is_finite() {
        return Err(FieldError::new(field, "must be a finite number"));
    }
    if !(0.0..=MAX_WEIGHT).contains(&v) {
        return Err(FieldError::new(
            field,
            format!("must be a number from 0 to {MAX_WEIGHT}, got {}", shown(v)),
        ));
    }
    Ok(())
}

/// A refused number as the message quotes it: short even when it is huge
/// (`1.7e308`, not 309 digits).
fn shown(v: f64) -> String {
    if v.is_finite() && v.abs() >= 1e6 {
        format!("{v:e}")
    } else {
        crate::text::number(v)
    }
}

/// A health threshold: how far behind schedule (a share of the window,
/// 0 to 1) a key result may fall before it counts as at risk / off track.
pub fn threshold(field: &'static str, s: &str) -> Result<f64, FieldError> {
    let v = validate::number(field, s)?;
    threshold_value(field, v)?;
    Ok(v)
}

fn threshold_value(field: &'static str, v: f64) -> Result<(), FieldError> {
    // NaN and infinity first: "got inf" would read as a value out of range.
    if !v.is_finite() {
        return Err(FieldError::new(field, "must be a finite number"));
    }
    if !(0.0..=1.0).contains(&v) {
        return Err(FieldError::new(
            field,
            format!(
                "must be a share of the window from 0 to 1 (0.1 = 10%), got {}",
                shown(v)
            ),
        ));
    }
    Ok(())
}

/// A policy level: `off`, `warn` or `error`.
pub fn level(field: &'static str, s: &str) -> Result<Severity, FieldError> {
    match s.trim().to_ascii_lowercase().as_str() {
        "off" => Ok(Severity::Off),
        "warn" | "warning" => Ok(Severity::Warn),
        "error" => Ok(Severity::Error),
        _ => Err(FieldError::new(
            field,
            format!(
                "must be off, warn or error, got {}",
                crate::text::quote(s.trim())
            ),
        )),
    }
}

/// The North Star as stored: line breaks as `\n`, no byte-order mark, no
/// trailing blank lines or spaces; it must say something.
pub fn north_star(s: &str) -> Result<String, FieldError> {
    let s = s.strip_prefix('\u{feff}').unwrap_or(s);
    let s = s.replace("\r\n", "\n").replace('\r', "\n");
    let lines: Vec<&str> = s.lines().map(str::trim_end).collect();
    let text = lines.join("\n").trim_matches('\n').to_owned();
    if text.trim().is_empty() {
        return Err(FieldError::new("north star", "must not be empty"));
    }
    Ok(text)
}

/// The canonical name for what a user typed (`Policy.Stale-Experiment` →
/// `policy.stale_experiment`); `None` names no setting.
pub fn key(name: &str) -> Option<&'static str> {
    let norm = name.trim().to_ascii_lowercase().replace('-', "_");
    keys().iter().copied().find(|k| *k == norm)
}

/// The value of a setting as `config show` prints it.
pub fn get(meta: &Meta, key: &'static str) -> Option<String> {
    if let Some(v) = number_slot_ref(meta, key) {
        return Some(crate::text::number(v));
    }
    if key.starts_with("import.") {
        return import::get(&meta.import, key);
    }
    level_slot_ref(meta, key).map(|s| level_name(s).to_owned())
}

/// Every setting with its value, in [`keys`] order.
pub fn entries(meta: &Meta) -> Vec<(&'static str, String)> {
    keys()
        .iter()
        .copied()
        .filter_map(|k| get(meta, k).map(|v| (k, v)))
        .collect()
}

/// Sets one setting by name after checking the value and the settings as a
/// whole; returns the canonical name and the old value.
pub fn set(meta: &mut Meta, name: &str, value: &str) -> Result<(&'static str, String), FieldError> {
    let Some(key) = self::key(name) else {
        let norm = name.trim().to_ascii_lowercase().replace('-', "_");
        if norm == "policy.merge_conflict" {
            return Err(FieldError::new(
                "setting",
                "policy.merge_conflict cannot be set: conflict markers left in the file are always an error (settle them with `bearing resolve`)",
            ));
        }
        return Err(FieldError::new(
            "setting",
            format!(
                "unknown name {}; one of: {}",
                crate::text::quote(name.trim()),
                keys().join(", ")
            ),
        ));
    };
    let old = get(meta, key).unwrap_or_default();
    let mut next = meta.clone();
    if key.starts_with("weights.") {
        let v = weight(key, value)?;
        if let Some(slot) = number_slot(&mut next, key) {
            *slot = v;
        }
    } else if key.starts_with("health.") {
        let v = threshold(key, value)?;
        if let Some(slot) = number_slot(&mut next, key) {
            *slot = v;
        }
    } else if key.starts_with("import.") {
        import::set(&mut next.import, key, value)?;
    } else {
        let v = level(key, value)?;
        if let Some(slot) = level_slot(&mut next, key) {
            *slot = v;
        }
    }
    if let Some(e) = check(&next).into_iter().next() {
        return Err(e);
    }
    *meta = next;
    Ok((key, old))
}

/// Every rule the settings as a whole must keep: weights 0–100, thresholds
/// 0–1 with at-risk no larger than off-track.
pub fn check(meta: &Meta) -> Vec<FieldError> {
    let mut out = numbers(&meta.weights, &meta.health);
    out.extend(meta.import.check());
    out
}

/// The rules on the numeric settings, each error's field the setting's full
/// name (`weights.risk`): the one rule `config set`, the settings form and
/// the loader (`validate::plan`) hold weights and thresholds to.
pub fn numbers(w: &Weights, h: &HealthThresholds) -> Vec<FieldError> {
    let mut out = Vec::new();
    let (mut w, mut h) = (*w, *h);
    for key in NUMBER_KEYS {
        let Some(v) = number_in(&mut w, &mut h, key).map(|v| *v) else {
            continue;
        };
        let r = if key.starts_with("weights.") {
            weight_value(key, v)
        } else {
            threshold_value(key, v)
        };
        out.extend(r.err());
    }
    if h.at_risk > h.off_track {
        out.push(FieldError::new(
            "health.at_risk",
            format!(
                "must not be larger than health.off_track ({}), got {}",
                crate::text::number(h.off_track),
                crate::text::number(h.at_risk)
            ),
        ));
    }
    out
}

fn level_name(s: Severity) -> &'static str {
    match s {
        Severity::Off => "off",
        Severity::Warn => "warn",
        Severity::Error => "error",
    }
}

fn number_slot_ref(meta: &Meta, key: &str) -> Option<f64> {
    let (mut w, mut h) = (meta.weights, meta.health);
    number_in(&mut w, &mut h, key).map(|v| *v)
}

fn level_slot_ref(meta: &Meta, key: &str) -> Option<Severity> {
    rule(key).map(|r| r.severity(&meta.policy))
}

fn number_slot<'a>(meta: &'a mut Meta, key: &str) -> Option<&'a mut f64> {
    number_in(&mut meta.weights, &mut meta.health, key)
}

fn number_in<'a>(
    w: &'a mut Weights,
    h: &'a mut HealthThresholds,
    key: &str,
) -> Option<&'a mut f64> {
    Some(match key {
        "weights.customer" => &mut w.customer,
        "weights.delivery" => &mut w.delivery,
        "weights.risk" => &mut w.risk,
        "weights.urgency" => &mut w.urgency,
        "weights.kr_at_risk" => &mut w.kr_at_risk,
        "weights.kr_off_track" => &mut w.kr_off_track,
        "health.at_risk" => &mut h.at_risk,
        "health.off_track" => &mut h.off_track,
        _ => return None,
    })
}

fn level_slot<'a>(meta: &'a mut Meta, key: &str) -> Option<&'a mut Severity> {
    rule(key).and_then(|r| r.level_mut(&mut meta.policy))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Plan;

    #[test]
    fn every_key_reads_and_writes() {
        let mut meta = Plan::default().meta();
        assert_eq!(entries(&meta).len(), keys().len());
        // Off-track first: at-risk may not pass it.
        for &k in keys().iter().rev() {
            let v = if k.starts_with("policy.") {
                "off"
            } else if k == "import.priorities" {
                "p1=4"
            } else if k.starts_with("import.") {
                "a, b"
            } else {
                "0.5"
            };
            assert_eq!(set(&mut meta, k, v).map(|(k, _)| k), Ok(k));
            assert_eq!(get(&meta, k).as_deref(), Some(v));
        }
    }

    /// Every rule of `bearing check` has a setting (settable, shown), so a
    /// new rule cannot be left out of `bearing config`.
    #[test]
    fn every_check_rule_is_a_setting() {
        let mut meta = Plan::default().meta();
        for r in Rule::ALL {
            let name = format!("policy.{}", r.name());
            let (key, _) = set(&mut meta, &name, "off").unwrap();
            assert_eq!(r.severity(&meta.policy), Severity::Off, "{name}");
            set(&mut meta, key, "error").unwrap();
            assert_eq!(r.severity(&meta.policy), Severity::Error, "{name}");
            assert!(
                entries(&meta).contains(&(key, "error".to_owned())),
                "{name}"
            );
        }
        assert_eq!(
            keys().len(),
            NUMBER_KEYS.len() + Rule::ALL.len() + import::KEYS.len()
        );
    }

    #[test]
    fn names_take_dashes_and_case() {
        assert_eq!(
            key("Policy.Stale-Experiment"),
            Some("policy.stale_experiment")
        );
        assert_eq!(key("weights.nope"), None);
    }

    #[test]
    fn bad_values_are_refused_and_change_nothing() {
        let mut meta = Plan::default().meta();
        let before = meta.clone();
        for (k, v) in [
            ("weights.risk", "-1"),
            ("weights.risk", "NaN"),
            ("weights.risk", "inf"),
            ("weights.risk", "1e9"),
            ("health.at_risk", "1.5"),
            ("health.at_risk", "0.5"), // above off_track 0.25
            ("policy.kr_past_due", "loud"),
            ("weights.nope", "1"),
        ] {
            assert!(set(&mut meta, k, v).is_err(), "{k}={v}");
        }
        assert_eq!(meta, before);
    }

    #[test]
    fn north_star_is_normalized() {
        assert_eq!(
            north_star("\u{feff}Ship weekly  \r\n\r\nwithout fear\r\n\r\n").as_deref(),
            Ok("Ship weekly\n\nwithout fear")
        );
        assert!(north_star(" \n\t\n").is_err());
    }
}
