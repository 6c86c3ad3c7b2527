//! `bearing check`: the backlog's policy as code. Each named rule looks at the
//! plan and reports findings; how serious each rule is comes from the plan's
//! `policy` section (off / warn / error), so a team tunes its gate in review.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::{Kind, Plan, Policy, Severity};

mod conflicts;
mod context;
mod debts;
mod scan;
mod sprints;
use crate::text::sanitize;
pub use conflicts::{merge_conflicts, unclosed_conflict};
pub use context::Context;
use debts::debts;
pub use scan::scan_gone;
use sprints::sprints;

/// The rules, in the order they are reported on the same line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rule {
    DanglingReference,
    DuplicateId,
    DebtWithoutOwner,
    DebtWithoutImpact,
    SprintOverCapacity,
    StaleExperiment,
    DecidedWithoutEvidence,
    KrWithoutTarget,
    KrPastDue,
    SprintOverdue,
    SprintWindowPassed,
    SprintOverlap,
    /// Open debt with no effort: it waits outside the ranking.
    DebtUntriaged,
    /// Open debt past its due date.
    DebtOverdue,
    /// Outside the policy (not in [`Rule::ALL`], always a warning): the
    /// command line finds it by asking git (the plan's `.gitattributes`
    /// names Bearing's merge driver, git's config lacks it).
    GitDriverMissing,
    /// Outside the policy (always a warning): an open item `bearing scan`
    /// added whose marker is gone from the code; the command line reads
    /// the code and hands in what it holds ([`scan_gone`]).
    ScanMarkerGone,
    /// Git conflict markers in the file: always an error, never in the
    /// policy (a plan with markers cannot load, so no level can let it pass).
    MergeConflict,
}

impl Rule {
    /// The rules the policy section sets, in its order (not
    /// [`Rule::MergeConflict`], which is always an error).
    pub const ALL: [Rule; 14] = [
        Rule::DanglingReference,
        Rule::DuplicateId,
        Rule::DebtWithoutOwner,
        Rule::DebtWithoutImpact,
        Rule::SprintOverCapacity,
        Rule::StaleExperiment,
        Rule::DecidedWithoutEvidence,
        Rule::KrWithoutTarget,
        Rule::KrPastDue,
        Rule::SprintOverdue,
        Rule::SprintWindowPassed,
        Rule::SprintOverlap,
        Rule::DebtUntriaged,
        Rule::DebtOverdue,
    ];

    /// The kebab-case name used in output and documentation.
    pub fn name(self) -> &'static str {
        match self {
            Rule::DanglingReference => "dangling-reference",
            Rule::DuplicateId => "duplicate-id",
            Rule::DebtWithoutOwner => "debt-without-owner",
            Rule::DebtWithoutImpact => "debt-without-impact",
            Rule::SprintOverCapacity => "sprint-over-capacity",
            Rule::StaleExperiment => "stale-experiment",
            Rule::DecidedWithoutEvidence => "decided-without-evidence",
            Rule::KrWithoutTarget => "kr-without-target",
            Rule::KrPastDue => "kr-past-due",
            Rule::SprintOverdue => "sprint-overdue",
            Rule::SprintWindowPassed => "sprint-window-passed",
            Rule::SprintOverlap => "sprint-overlap",
            Rule::DebtUntriaged => "debt-untriaged",
            Rule::DebtOverdue => "debt-overdue",
            Rule::GitDriverMissing => "git-driver-missing",
            Rule::ScanMarkerGone => "scan-marker-gone",
            Rule::MergeConflict => "merge-conflict",
        }
    }

    /// How serious this rule is under the policy `p`.
    pub fn severity(self, p: &Policy) -> Severity {
        let mut p = *p;
        self.level_mut(&mut p).map_or(
            match self {
                Rule::MergeConflict => Severity::Error,
                _ => Severity::Warn,
            },
            |l| *l,
        )
    }

    /// This rule's level in a policy: the one place a rule meets its field,
    /// so `bearing config` and `check` cannot disagree on the list. `None`
    /// for a rule the policy does not set (`merge-conflict` is always an
    /// error, `git-driver-missing` always a warning).
    pub fn level_mut(self, p: &mut Policy) -> Option<&mut Severity> {
        Some(match self {
            Rule::DanglingReference => &mut p.dangling_reference,
            Rule::DuplicateId => &mut p.duplicate_id,
            Rule::DebtWithoutOwner => &mut p.debt_without_owner,
            Rule::DebtWithoutImpact => &mut p.debt_without_impact,
            Rule::SprintOverCapacity => &mut p.sprint_over_capacity,
            Rule::StaleExperiment => &mut p.stale_experiment,
            Rule::DecidedWithoutEvidence => &mut p.decided_without_evidence,
            Rule::KrWithoutTarget => &mut p.kr_without_target,
            Rule::KrPastDue => &mut p.kr_past_due,
            Rule::SprintOverdue => &mut p.sprint_overdue,
            Rule::SprintWindowPassed => &mut p.sprint_window_passed,
            Rule::SprintOverlap => &mut p.sprint_overlap,
            Rule::DebtUntriaged => &mut p.debt_untriaged,
            Rule::DebtOverdue => &mut p.debt_overdue,
            Rule::GitDriverMissing | Rule::ScanMarkerGone => return None,
            Rule::MergeConflict => return None,
        })
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One rule broken by one item. Serializes as `{rule, severity, id, line,
/// message}` with `rule` in kebab case and `severity` as in the policy
/// section (`warn` / `error`); `id` is `null` for a finding about the file
/// rather than an item (empty here), as every unknown value is.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub rule: Rule,
    pub severity: Severity,
    #[serde(serialize_with = "null_if_empty")]
    pub id: String,
    /// 1-based line of the item's `id:` in the plan file, when the text was given.
    pub line: Option<usize>,
    pub message: String,
}

fn null_if_empty<S: serde::Serializer>(id: &str, s: S) -> Result<S::Ok, S::Error> {
    match id {
        "" => s.serialize_none(),
        id => s.serialize_str(id),
    }
}

/// Whether any finding should fail the gate.
pub fn has_errors(findings: &[Finding]) -> bool {
    findings.iter().any(|f| f.severity == Severity::Error)
}

/// `PATH:LINE: severity rule-name: message`, the shape editors and CI logs
/// link to; without a line, `PATH: severity rule-name: message`.
pub fn format_line(path: &str, f: &Finding) -> String {
    let at = match f.line {
        Some(line) => format!("{path}:{line}"),
        None => path.to_owned(),
    };
    format!(
        "{at}: {} {}: {}",
        f.severity.label(),
        f.rule.name(),
        sanitize(&f.message)
    )
}

/// Where each item stands in the plan file: its id → the 1-based line of
/// its `id:`. The caller reads it from the text (the store's
/// `format::item_lines`); the checks never look at files or text.
pub type Lines = HashMap<String, usize>;

struct Collector<'a> {
    policy: &'a Policy,
    lines: Option<&'a Lines>,
    out: Vec<Finding>,
}

impl Collector<'_> {
    fn add(&mut self, rule: Rule, id: &str, message: String) {
        self.add_at_most(Severity::Error, rule, id, message);
    }

    /// Like [`Collector::add`], the policy's severity capped at `cap`.
    fn add_at_most(&mut self, cap: Severity, rule: Rule, id: &str, message: String) {
        let severity = match (rule.severity(self.policy), cap) {
            (Severity::Error, Severity::Warn) => Severity::Warn,
            (s, _) => s,
        };
        if severity == Severity::Off {
            return;
        }
        self.out.push(Finding {
            rule,
            severity,
            id: id.to_owned(),
            line: self.lines.and_then(|l| l.get(id)).copied(),
            message,
        });
    }
}

use crate::text::count;

fn quoted(s: &str) -> String {
    crate::text::quote(s)
}

/// Runs every rule that the policy does not switch off. `lines` says where
/// each item is in the plan file, for line numbers (none: no lines).
/// Findings come sorted by line, then rule.
pub fn check(plan: &Plan, lines: Option<&Lines>, today: NaiveDate) -> Vec<Finding> {
    let mut c = Collector {
        policy: &plan.policy,
        lines,
        out: Vec::new(),
    };
    references(plan, &mut c);
    duplicates(plan, &mut c);
    debts(plan, today, &mut c);
    sprints(plan, today, &mut c);
    for h in &plan.hypotheses {
        if h.is_stale(today)
            && let Some(review_by) = h.review_by
        {
            c.add(
                Rule::StaleExperiment,
                &h.id,
                format!(
                    "experiment {} is still running {} past its review-by date {review_by}",
                    quoted(&h.title),
                    count((today - review_by).num_days(), "day")
                ),
            );
        }
        if h.status.is_decided() && h.evidence.trim().is_empty() {
            c.add(
                Rule::DecidedWithoutEvidence,
                &h.id,
                format!(
                    "hypothesis {} is {} without evidence",
                    quoted(&h.title),
                    h.status.label()
                ),
            );
        }
    }
    key_results(plan, today, &mut c);
    let mut out = c.out;
    out.sort_by(|a, b| {
        a.line
            .unwrap_or(usize::MAX)
            .cmp(&b.line.unwrap_or(usize::MAX))
            .then(a.rule.cmp(&b.rule))
            .then_with(|| a.id.cmp(&b.id))
            .then_with(|| a.message.cmp(&b.message))
    });
    out
}

fn references(plan: &Plan, c: &mut Collector<'_>) {
    let missing = |id: &str, kind: Kind| Kind::of_id(id) != Some(kind) || !plan.contains_id(id);
    for kr in &plan.key_results {
        if missing(&kr.objective, Kind::Objective) {
            c.add(
                Rule::DanglingReference,
                &kr.id,
                format!("objective {} does not exist", quoted(&kr.objective)),
            );
        }
    }
    let lists = plan
        .hypotheses
        .iter()
        .map(|h| (&h.id, &h.key_results, Kind::KeyResult))
        .chain(
            plan.debts
                .iter()
                .map(|d| (&d.id, &d.key_results, Kind::KeyResult)),
        )
        .chain(plan.sprints.iter().map(|s| (&s.id, &s.items, Kind::Debt)));
    for (id, refs, kind) in lists {
        for r in refs.iter().filter(|r| missing(r, kind)) {
            c.add(
                Rule::DanglingReference,
                id,
                format!("{kind} {} does not exist", quoted(r)),
            );
        }
    }
}

fn duplicates(plan: &Plan, c: &mut Collector<'_>) {
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    let ids = plan
        .objectives
        .iter()
        .map(|x| x.id.as_str())
        .chain(plan.key_results.iter().map(|x| x.id.as_str()))
        .chain(plan.hypotheses.iter().map(|x| x.id.as_str()))
        .chain(plan.debts.iter().map(|x| x.id.as_str()))
        .chain(plan.sprints.iter().map(|x| x.id.as_str()));
    for id in ids {
        *count.entry(id).or_default() += 1;
    }
    for (id, n) in count.into_iter().filter(|(_, n)| *n > 1) {
        c.add(
            Rule::DuplicateId,
            id,
            format!("{} is used by {n} items; ids must be unique", quoted(id)),
        );
    }
}

fn key_results(plan: &Plan, today: NaiveDate, c: &mut Collector<'_>) {
    for kr in &plan.key_results {
        if kr.target.is_none() {
            c.add(
                Rule::KrWithoutTarget,
                &kr.id,
                format!("key result {} has no target", quoted(&kr.title)),
            );
        }
        if let (Some(due), Some(progress)) = (kr.due, kr.progress(today))
            && today > due
            && progress < 1.0
        {
            c.add(
                Rule::KrPastDue,
                &kr.id,
                format!(
                    "key result {} was due {due} and is at {} of its target",
                    quoted(&kr.title),
                    crate::text::percent(progress)
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests;
