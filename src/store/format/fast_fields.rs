//! The one list of fields per struct that the fast reader (`fast_de`) and
//! the fast writer (`fast_ser`) both work from. Each `record!` below names a
//! struct's fields in file order with how the printer treats each:
//!
//! - `req`: always written; the reader requires it.
//! - `omit`: left out when empty (`skip_serializing_if`: an empty string or
//!   list, `None`); the reader fills the default when absent.
//! - `split`: the plan's debt list, read and written on two threads when big.
//!
//! A field left out of a `record!` does not compile (the reader builds the
//! struct with every field); a field in the wrong order or with the wrong
//! `req`/`omit` makes `tests/load_equivalence.rs` fail, since the fast text
//! must equal RON's byte for byte and read back the same.
//!
//! # How to add a field
//!
//! 1. Add it to the struct in `src/model/` with its serde attributes
//!    (`#[serde(default, skip_serializing_if = …)]` for an optional one: an
//!    old file without it must still load).
//! 2. Add one line to that struct's `record!` below, at the same position as
//!    in the struct: `omit` when serde skips it when empty, else `req`.
//! 3. A new value type needs a [`Value`] impl (an enum: an `idents!` table
//!    with serde's spellings); an optional one an [`Omit`] impl.
//! 4. Validation, if any, in `src/model/validate.rs` (`<kind>_values`);
//!    `format::checks` then points a bad value at its line.
//! 5. Make the generators in `tests/load_equivalence.rs` and
//!    `tests/fuzz/roundtrip.rs` produce the field (always `None` proves
//!    nothing), then run `cargo test --test load_equivalence` and
//!    `cargo test --lib store::format` (round trip, fast = RON).
//! 6. An optional field needs no schema change (older builds refuse the new
//!    key, as for any unknown field). A changed layout is a schema question:
//!    `SCHEMA_VERSION` in `src/model/plan.rs`; there are no migrations yet.

use chrono::NaiveDate;

use super::fast_de::Cur;
use super::fast_ser::W;
use crate::model::{
    Checkin, Commitment, Debt, DebtStatus, Decision, HealthThresholds, Hypothesis,
    HypothesisStatus, ImportRules, Imported, KeyResult, Objective, Plan, Policy, PriorityRule,
    ScopeChange, ScopeKind, Severity, Sprint, SprintState, StatusChange, Weights,
};

mod value;
pub(super) use value::{Omit, Value, write_list};

/// One field, read (an expression for the struct literal) or written.
macro_rules! field {
    (read req $c:ident, $i:expr, $name:ident, $t:ty) => {
        $c.field($i, stringify!($name), |c| <$t as Value>::read(c, $i))?
    };
    (read omit $c:ident, $i:expr, $name:ident, $t:ty) => {
        <$t as Omit>::from_read($c.opt($i, stringify!($name), |c| {
            <<$t as Omit>::Shown as Value>::read(c, $i)
        })?)
    };
    (read split $c:ident, $i:expr, $name:ident, $t:ty) => {
        $c.field($i, stringify!($name), super::fast_de::debt_list)?
    };
    (write req $w:ident, $i:expr, $name:ident, $v:expr) => {{
        $w.key($i, stringify!($name));
        Value::write($v, $w, $i);
        $w.end();
    }};
    (write omit $w:ident, $i:expr, $name:ident, $v:expr) => {
        if let Some(v) = Omit::shown($v) {
            $w.key($i, stringify!($name));
            Value::write(v, $w, $i);
            $w.end();
        }
    };
    (write split $w:ident, $i:expr, $name:ident, $v:expr) => {{
        $w.key($i, stringify!($name));
        super::fast_ser::debt_list($w, $i, $v);
        $w.end();
    }};
}

/// A struct as a [`Value`]: `(`, its fields at `i + 2` in this order, `)`.
macro_rules! record {
    ($ty:ident { $($how:ident $name:ident: $t:ty,)* }) => {
        impl Value for $ty {
            fn read(c: &mut Cur, i: usize) -> Option<Self> {
                c.block(i, |c, j| {
                    Some($ty {
                        $($name: field!(read $how c, j, $name, $t),)*
                    })
                })
            }
            fn write(&self, w: &mut W, i: usize) {
                w.0.push_str("(\n");
                $(field!(write $how w, i + 2, $name, &self.$name);)*
                w.indent(i);
                w.0.push(')');
            }
        }
    };
}

/// A unit enum as a [`Value`]: each variant with serde's spelling.
macro_rules! idents {
    ($ty:ident { $($v:ident => $s:literal,)* }) => {
        impl Value for $ty {
            fn read(c: &mut Cur, _: usize) -> Option<Self> {
                c.ident(&[$(($s, $ty::$v),)*])
            }
            fn write(&self, w: &mut W, _: usize) {
                w.0.push_str(match self {
                    $($ty::$v => $s,)*
                });
            }
        }
    };
}

record!(Plan {
    req schema: u32,
    req north_star: String,
    req weights: Weights,
    req health: HealthThresholds,
    req policy: Policy,
    omit import: ImportRules,
    req objectives: Vec<Objective>,
    req key_results: Vec<KeyResult>,
    req hypotheses: Vec<Hypothesis>,
    split debts: Vec<Debt>,
    req sprints: Vec<Sprint>,
});

record!(Weights {
    req customer: f64,
    req delivery: f64,
    req risk: f64,
    req urgency: f64,
    req kr_at_risk: f64,
    req kr_off_track: f64,
});

record!(HealthThresholds {
    req at_risk: f64,
    req off_track: f64,
});

record!(Policy {
    req dangling_reference: Severity,
    req duplicate_id: Severity,
    req debt_without_owner: Severity,
    req debt_without_impact: Severity,
    req sprint_over_capacity: Severity,
    req stale_experiment: Severity,
    req decided_without_evidence: Severity,
    req kr_without_target: Severity,
    req kr_past_due: Severity,
    req sprint_overdue: Severity,
    req sprint_window_passed: Severity,
    req sprint_overlap: Severity,
    req debt_untriaged: Severity,
    req debt_overdue: Severity,
});

record!(ImportRules {
    req priorities: Vec<PriorityRule>,
    req priority_prefixes: Vec<String>,
    req area_prefixes: Vec<String>,
    req debt_labels: Vec<String>,
});

record!(PriorityRule {
    req word: String,
    req urgency: u8,
});

/// The mapping rules are left out while they are the defaults.
impl Omit for ImportRules {
    type Shown = ImportRules;
    fn shown(&self) -> Option<&ImportRules> {
        (!self.is_default()).then_some(self)
    }
    fn from_read(x: Option<ImportRules>) -> Self {
        x.unwrap_or_default()
    }
}

record!(Objective {
    req id: String,
    req title: String,
    omit description: String,
});

record!(KeyResult {
    req id: String,
    req objective: String,
    req title: String,
    omit unit: String,
    req baseline: f64,
    omit target: Option<f64>,
    req current: f64,
    req start: NaiveDate,
    omit due: Option<NaiveDate>,
    omit owner: String,
    omit checkins: Vec<Checkin>,
});

record!(Checkin {
    req date: NaiveDate,
    req value: f64,
});

record!(Hypothesis {
    req id: String,
    req title: String,
    omit belief: String,
    omit signal: String,
    omit key_results: Vec<String>,
    omit owner: String,
    req impact: u8,
    req confidence: u8,
    req ease: u8,
    req status: HypothesisStatus,
    req created: NaiveDate,
    omit started: Option<NaiveDate>,
    omit review_by: Option<NaiveDate>,
    omit decided: Option<NaiveDate>,
    omit evidence: String,
    omit history: Vec<Decision>,
});

record!(Decision {
    req status: HypothesisStatus,
    req date: NaiveDate,
    req evidence: String,
    req reopened: NaiveDate,
});

record!(Debt {
    req id: String,
    req title: String,
    omit description: String,
    omit area: String,
    omit owner: String,
    omit tags: Vec<String>,
    req customer: u8,
    req delivery: u8,
    req risk: u8,
    req urgency: u8,
    omit effort: Option<u32>,
    omit due: Option<NaiveDate>,
    omit key_results: Vec<String>,
    req status: DebtStatus,
    req created: NaiveDate,
    omit changes: Vec<StatusChange>,
    omit source: Option<String>,
    omit imported: Option<Imported>,
});

record!(Imported {
    req date: NaiveDate,
    req title: String,
    omit description: String,
    omit area: String,
    omit owner: String,
    omit tags: Vec<String>,
    req customer: u8,
    req delivery: u8,
    req risk: u8,
    req urgency: u8,
    omit effort: Option<u32>,
    omit due: Option<NaiveDate>,
    req status: DebtStatus,
});

record!(StatusChange {
    req date: NaiveDate,
    req status: DebtStatus,
});

record!(Sprint {
    req id: String,
    req name: String,
    req start: NaiveDate,
    req end: NaiveDate,
    req capacity: u32,
    omit goal: String,
    omit items: Vec<String>,
    req state: SprintState,
    omit commitment: Option<Commitment>,
    omit completed: Vec<String>,
    omit completed_points: Option<u32>,
    omit closed: Option<NaiveDate>,
    omit carried: Vec<String>,
    omit carried_to: Option<String>,
    omit scope: Vec<ScopeChange>,
});

record!(ScopeChange {
    req date: NaiveDate,
    req item: String,
    req change: ScopeKind,
    req points: u32,
});

record!(Commitment {
    req date: NaiveDate,
    req items: Vec<String>,
    req points: u32,
});

idents!(Severity {
    Off => "off",
    Warn => "warn",
    Error => "error",
});

idents!(DebtStatus {
    Open => "open",
    InProgress => "in_progress",
    Done => "done",
    WontFix => "wont_fix",
});

idents!(HypothesisStatus {
    Proposed => "proposed",
    Running => "running",
    Validated => "validated",
    Abandoned => "abandoned",
});

idents!(ScopeKind {
    Added => "added",
    Removed => "removed",
});

idents!(SprintState {
    Planned => "planned",
    Active => "active",
    Closed => "closed",
    Cancelled => "cancelled",
});

#[cfg(test)]
mod tests {
    /// Field and variant names are spelled in this file only: the reader
    /// and the writer name none (each used to list every field by hand).
    #[test]
    fn the_reader_and_the_writer_name_no_field() {
        for (file, text) in [
            ("fast_de.rs", include_str!("fast_de.rs")),
            ("fast_ser.rs", include_str!("fast_ser.rs")),
        ] {
            let names: Vec<&str> = text
                .split('"')
                .skip(1)
                .step_by(2)
                .filter(|s| !s.is_empty() && s.bytes().all(|b| b == b'_' || b.is_ascii_lowercase()))
                .collect();
            assert!(names.is_empty(), "{file} names fields: {names:?}");
        }
    }
}
