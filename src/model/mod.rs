//! The plan and its entities. Pure data plus the rules that keep it consistent;
//! no I/O and no terminal here.

mod change;
mod debt;
mod diff;
pub mod edit;
mod hypothesis;
pub mod id;
mod import_rules;
mod key_result;
mod objective;
mod plan;
pub mod settings;
mod sprint;
pub mod validate;

pub use change::{Change, Item, Meta, Op};
pub use debt::{Debt, DebtStatus, Imported, StatusChange};
pub use diff::{PlanDiff, diff};
pub use hypothesis::{Decision, Hypothesis, HypothesisStatus};
pub use id::Kind;
pub use import_rules::{ImportRules, PriorityRule, fold as fold_label};
pub use key_result::{Checkin, Direction, Health, HealthThresholds, KeyResult};
pub use objective::Objective;
pub use plan::{Plan, Policy, SCHEMA_VERSION, Severity, Weights};
pub use sprint::{Commitment, ScopeChange, ScopeKind, Sprint, SprintState, Timing, days_word};
