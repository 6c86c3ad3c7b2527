//! Field-by-field differences of two records through their serde form, so
//! a new field shows up here with no change: nested records flatten to
//! `a.b`, lists of plain values read `a, b`, lists of records as a count.

use serde::Serialize;
use serde_json::Value;

use super::FieldChange;

/// The fields of `old` and `new` (records serialized to JSON objects)
/// that differ, by name (`id` left out); `None` where one side fails to
/// serialize (it cannot for the plan's types).
pub fn changes<T: Serialize>(old: &T, new: &T) -> Vec<FieldChange> {
    let (Ok(a), Ok(b)) = (serde_json::to_value(old), serde_json::to_value(new)) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    walk("", &a, &b, &mut out);
    out
}

/// Compares two values under the name `at`, descending into objects.
pub fn walk(at: &str, a: &Value, b: &Value, out: &mut Vec<FieldChange>) {
    if a == b {
        return;
    }
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let mut keys: Vec<&String> = x.keys().chain(y.keys()).collect();
            keys.sort();
            keys.dedup();
            for k in keys {
                if at.is_empty() && k == "id" {
                    continue;
                }
                let name = if at.is_empty() {
                    k.clone()
                } else {
                    format!("{at}.{k}")
                };
                walk(
                    &name,
                    x.get(k).unwrap_or(&Value::Null),
                    y.get(k).unwrap_or(&Value::Null),
                    out,
                );
            }
        }
        _ => {
            let (old, new) = (show(a), show(b));
            if old != new {
                out.push(FieldChange {
                    field: at.to_owned(),
                    old,
                    new,
                });
            }
        }
    }
}

/// A value as one short text; `None` for absent or empty.
fn show(v: &Value) -> Option<String> {
    match v {
        Value::Null => None,
        Value::String(s) if s.is_empty() => None,
        Value::String(s) => Some(s.clone()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Number(n) => Some(
            n.as_f64()
                .map_or_else(|| n.to_string(), crate::text::number),
        ),
        Value::Array(xs) if xs.is_empty() => None,
        Value::Array(xs) if xs.iter().any(|x| x.is_object() || x.is_array()) => {
            Some(match xs.len() {
                1 => "1 entry".to_owned(),
                n => format!("{n} entries"),
            })
        }
        Value::Array(xs) => Some(xs.iter().filter_map(show).collect::<Vec<_>>().join(", ")),
        Value::Object(m) => Some(
            m.iter()
                .filter_map(|(k, v)| show(v).map(|v| format!("{k}: {v}")))
                .collect::<Vec<_>>()
                .join(", "),
        ),
    }
}
