//! The arguments of `add` and `edit`: every field of every kind of item,
//! each with its help line (`tests/cli_text.rs` checks none is missing).

use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum AddCommand {
    /// A measurable direction, e.g. "Customer retention".
    Objective {
        /// What the objective is called.
        title: String,
        /// Longer text: why it matters, what counts.
        #[arg(long)]
        description: Option<String>,
    },
    /// A number that says whether an objective moves.
    Kr {
        /// What is measured, e.g. "MTTR".
        title: String,
        /// The objective this key result measures.
        #[arg(long, value_name = "ID")]
        objective: String,
        /// The value when measuring started.
        #[arg(long, allow_hyphen_values = true)]
        baseline: String,
        /// The value to reach (below the baseline for a falling metric).
        #[arg(long, allow_hyphen_values = true)]
        target: String,
        /// Defaults to the baseline.
        #[arg(long, allow_hyphen_values = true)]
        current: Option<String>,
        /// Unit shown after the numbers, e.g. min or %.
        #[arg(long)]
        unit: Option<String>,
        /// Defaults to today.
        #[arg(long, value_name = "DATE")]
        start: Option<String>,
        /// The day the target should be reached (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        due: Option<String>,
        /// Who answers for it.
        #[arg(long)]
        owner: Option<String>,
    },
    /// An outcome hypothesis: we believe CHANGE will cause OUTCOME; we will know when SIGNAL.
    Hypothesis {
        /// A short name for the experiment.
        title: String,
        /// We believe CHANGE will cause OUTCOME.
        #[arg(long)]
        belief: String,
        /// We will know when SIGNAL (what is measured).
        #[arg(long)]
        signal: String,
        /// ICE impact, 1–10 (default 5).
        #[arg(long, allow_hyphen_values = true)]
        impact: Option<String>,
        /// ICE confidence, 1–10 (default 5).
        #[arg(long, allow_hyphen_values = true)]
        confidence: Option<String>,
        /// ICE ease, 1–10 (default 5).
        #[arg(long, allow_hyphen_values = true)]
        ease: Option<String>,
        /// A key result this should move (repeatable).
        #[arg(long = "kr", value_name = "ID")]
        krs: Vec<String>,
        /// Who runs it.
        #[arg(long)]
        owner: Option<String>,
    },
    /// A piece of technical debt, rated by business impact.
    Debt(DebtArgs),
}

#[derive(Debug, Args)]
pub struct DebtArgs {
    /// What is wrong, in a line.
    pub title: String,
    /// Retention / user pain, 0–5.
    #[arg(long, allow_hyphen_values = true)]
    pub customer: Option<String>,
    /// Drag on time to market, 0–5.
    #[arg(long, allow_hyphen_values = true)]
    pub delivery: Option<String>,
    /// Reliability, security, incident and recovery cost, 0–5.
    #[arg(long, allow_hyphen_values = true)]
    pub risk: Option<String>,
    /// Time criticality, 0–5.
    #[arg(long, allow_hyphen_values = true)]
    pub urgency: Option<String>,
    /// Points (1, 2, 3, 5, 8, 13 …); without it the item is not estimated
    /// and waits in the triage queue, after the ranking.
    #[arg(long, allow_hyphen_values = true)]
    pub effort: Option<String>,
    /// The day it must be done by (YYYY-MM-DD): urgency then rises as the
    /// date nears, to 5 when due or overdue.
    #[arg(long, value_name = "DATE")]
    pub due: Option<String>,
    /// Who answers for it.
    #[arg(long)]
    pub owner: Option<String>,
    /// Area or component, e.g. billing.
    #[arg(long)]
    pub area: Option<String>,
    /// A tag (repeatable; `a, b` or `a; b` is two tags, as in the form and a CSV cell).
    #[arg(long = "tag")]
    pub tags: Vec<String>,
    /// A key result this debt holds back (repeatable).
    #[arg(long = "kr", value_name = "ID")]
    pub krs: Vec<String>,
    /// Longer text: the symptoms, the fix, links.
    #[arg(long)]
    pub description: Option<String>,
}

/// Every field any item has; `edit` applies those that fit the item's kind
/// and refuses the others by name.
#[derive(Debug, Args, Default)]
pub struct EditArgs {
    /// The item's id.
    pub id: String,
    /// New title (any item but a sprint).
    #[arg(long)]
    pub title: Option<String>,
    /// Objective, debt: the longer text.
    #[arg(long)]
    pub description: Option<String>,
    /// Key result, hypothesis, debt: who answers for it.
    #[arg(long)]
    pub owner: Option<String>,
    /// Key result: the objective it measures.
    #[arg(long, value_name = "ID")]
    pub objective: Option<String>,
    /// Key result: the value when measuring started.
    #[arg(long, allow_hyphen_values = true)]
    pub baseline: Option<String>,
    /// Key result: the value to reach.
    #[arg(long, allow_hyphen_values = true)]
    pub target: Option<String>,
    /// Key result: the value now (a check-in keeps history: see `bearing checkin`).
    #[arg(long, allow_hyphen_values = true)]
    pub current: Option<String>,
    /// Key result: unit shown after the numbers.
    #[arg(long)]
    pub unit: Option<String>,
    /// Key result, sprint: first day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub start: Option<String>,
    /// Key result: the day the target should be reached; debt: the day it
    /// must be done by (`''` clears it on debt).
    #[arg(long, value_name = "DATE")]
    pub due: Option<String>,
    /// Debt: clear the due date.
    #[arg(long, conflicts_with = "due")]
    pub no_due: bool,
    /// Hypothesis: we believe CHANGE will cause OUTCOME.
    #[arg(long)]
    pub belief: Option<String>,
    /// Hypothesis: we will know when SIGNAL.
    #[arg(long)]
    pub signal: Option<String>,
    /// Hypothesis: ICE impact, 1–10.
    #[arg(long, allow_hyphen_values = true)]
    pub impact: Option<String>,
    /// Hypothesis: ICE confidence, 1–10.
    #[arg(long, allow_hyphen_values = true)]
    pub confidence: Option<String>,
    /// Hypothesis: ICE ease, 1–10.
    #[arg(long, allow_hyphen_values = true)]
    pub ease: Option<String>,
    /// Debt: retention / user pain, 0–5.
    #[arg(long, allow_hyphen_values = true)]
    pub customer: Option<String>,
    /// Debt: drag on time to market, 0–5.
    #[arg(long, allow_hyphen_values = true)]
    pub delivery: Option<String>,
    /// Debt: reliability, security, incident and recovery cost, 0–5.
    #[arg(long, allow_hyphen_values = true)]
    pub risk: Option<String>,
    /// Debt: time criticality, 0–5.
    #[arg(long, allow_hyphen_values = true)]
    pub urgency: Option<String>,
    /// Debt: points, 1–1000 (`''`: not estimated, back to triage).
    #[arg(long, allow_hyphen_values = true)]
    pub effort: Option<String>,
    /// Debt: area or component.
    #[arg(long)]
    pub area: Option<String>,
    /// Replaces the tags (repeatable; `a, b` or `a; b` is two tags).
    #[arg(long = "tag")]
    pub tags: Vec<String>,
    /// Replaces the linked key results (repeatable).
    #[arg(long = "kr", value_name = "ID")]
    pub krs: Vec<String>,
    /// Debt: open, in_progress, done, wont_fix.
    #[arg(long)]
    pub status: Option<String>,
    /// Sprint name.
    #[arg(long)]
    pub name: Option<String>,
    /// Sprint: last day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub end: Option<String>,
    /// Sprint: points the team can do.
    #[arg(long, allow_hyphen_values = true)]
    pub capacity: Option<String>,
    /// Sprint: what the sprint is for.
    #[arg(long)]
    pub goal: Option<String>,
}
