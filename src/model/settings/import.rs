//! The `import.*` settings (the mapping rules of [`ImportRules`]) as
//! `bearing config` shows and takes them: lists as `a, b, c`, the priority
//! table as `word=urgency, …`.

use crate::model::validate::{FieldError, MAX_RATING};
use crate::model::{ImportRules, PriorityRule, fold_label};

/// The mapping rules' setting names.
pub(super) const KEYS: [&str; 4] = [
    "import.priorities",
    "import.priority_prefixes",
    "import.area_prefixes",
    "import.debt_labels",
];

/// A setting's value as text.
pub(super) fn get(r: &ImportRules, key: &str) -> Option<String> {
    Some(match key {
        "import.priorities" => r
            .priorities
            .iter()
            .map(|p| format!("{}={}", p.word, p.urgency))
            .collect::<Vec<_>>()
            .join(", "),
        _ => list_ref(r, key)?.join(", "),
    })
}

/// Sets a setting from text; `default` restores the documented default.
pub(super) fn set(r: &mut ImportRules, key: &'static str, value: &str) -> Result<(), FieldError> {
    let default = ImportRules::default();
    let reset = value.trim().eq_ignore_ascii_case("default");
    if key == "import.priorities" {
        r.priorities = if reset {
            default.priorities
        } else {
            priorities(key, value)?
        };
        return Ok(());
    }
    let new = if reset {
        list_ref(&default, key).cloned().unwrap_or_default()
    } else {
        items(value)
    };
    if let Some(slot) = list_mut(r, key) {
        *slot = new;
    }
    Ok(())
}

/// `a, b, c` as a list, blanks dropped.
fn items(value: &str) -> Vec<String> {
    value
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// `highest=5, p1=4` as priority rules, words folded.
fn priorities(key: &'static str, value: &str) -> Result<Vec<PriorityRule>, FieldError> {
    items(value)
        .iter()
        .map(|item| {
            let bad = || {
                FieldError::new(
                    key,
                    format!(
                        "each entry is WORD=URGENCY with an urgency 0–{MAX_RATING} (e.g. p1=4), got {}",
                        crate::text::quote(item)
                    ),
                )
            };
            let (word, urgency) = item.rsplit_once('=').ok_or_else(bad)?;
            let urgency: u8 = urgency.trim().parse().map_err(|_| bad())?;
            let word = fold_label(word);
            if word.is_empty() || urgency > MAX_RATING {
                return Err(bad());
            }
            Ok(PriorityRule { word, urgency })
        })
        .collect()
}

fn list_ref<'a>(r: &'a ImportRules, key: &str) -> Option<&'a Vec<String>> {
    match key {
        "import.priority_prefixes" => Some(&r.priority_prefixes),
        "import.area_prefixes" => Some(&r.area_prefixes),
        "import.debt_labels" => Some(&r.debt_labels),
        _ => None,
    }
}

fn list_mut<'a>(r: &'a mut ImportRules, key: &str) -> Option<&'a mut Vec<String>> {
    match key {
        "import.priority_prefixes" => Some(&mut r.priority_prefixes),
        "import.area_prefixes" => Some(&mut r.area_prefixes),
        "import.debt_labels" => Some(&mut r.debt_labels),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_reset() {
        let mut r = ImportRules::default();
        for k in KEYS {
            let shown = get(&r, k).unwrap();
            set(&mut r, k, &shown).unwrap();
        }
        assert!(r.is_default());
        set(&mut r, "import.priorities", "Sev 1=5, sev2 = 3").unwrap();
        assert_eq!(get(&r, "import.priorities").unwrap(), "sev-1=5, sev2=3");
        set(&mut r, "import.debt_labels", "cleanup,, refactor ").unwrap();
        assert_eq!(r.debt_labels, ["cleanup", "refactor"]);
        for k in KEYS {
            set(&mut r, k, "default").unwrap();
        }
        assert!(r.is_default());
    }

    #[test]
    fn bad_priorities_are_refused() {
        let mut r = ImportRules::default();
        for v in ["p1", "p1=6", "=3", "p1=high"] {
            assert!(set(&mut r, "import.priorities", v).is_err(), "{v}");
        }
        assert!(r.is_default());
    }
}
