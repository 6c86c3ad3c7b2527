//! The command line, declared once with clap; `--help` on every command and
//! shell completions come from here.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "bearing",
    version,
    about = "Strategy and execution in one plan file: North Star, OKRs, experiments and technical debt ranked by business impact",
    long_about = "Strategy and execution in one plan file.\n\nWithout a command, opens the terminal UI on the plan. The plan file is found by --file, then BEARING_FILE, then ./bearing.ron in this directory or a parent, then the platform data directory."
)]
pub struct Cli {
    /// Plan file to use (default: BEARING_FILE, ./bearing.ron or a parent's, the data directory).
    #[arg(long, short = 'f', global = true, value_name = "PATH")]
    pub file: Option<PathBuf>,
    /// Use the embedded demo plan (read-only).
    #[arg(long, global = true)]
    pub demo: bool,
    /// Plan as of this date instead of today (YYYY-MM-DD; default: BEARING_TODAY when set and not empty).
    #[arg(long, global = true, value_name = "DATE")]
    pub today: Option<String>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

// Parsed once per run; the size of the edit variant does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write a new plan from the template (three objectives, a North Star to fill in).
    Init,
    /// Add an objective, key result, hypothesis or debt item; prints its id.
    #[command(subcommand)]
    Add(AddCommand),
    /// Change fields of an item.
    Edit(EditArgs),
    /// Remove an item (refused while something links to it, unless --force).
    Rm {
        /// The item's id.
        id: String,
        /// Also remove the links that point to it.
        #[arg(long)]
        force: bool,
    },
    /// Show every field of an item, its links both ways and its score.
    Show {
        /// The item's id.
        id: String,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// List items of one kind (default: debt, in file order).
    List {
        #[arg(value_enum, default_value_t = ListKind::Debt)]
        kind: ListKind,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Rank the open debt by WSJF score (cost of delay / effort).
    Rank {
        /// Show each term of every score.
        #[arg(long)]
        explain: bool,
        /// Show at most N items.
        #[arg(long, value_name = "N")]
        limit: Option<usize>,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Debt sprints: create, plan, start, close, list.
    #[command(subcommand)]
    Sprint(SprintCommand),
    /// Move an experiment through proposed → running → validated | abandoned.
    #[command(subcommand, visible_alias = "experiment")]
    Hypothesis(HypothesisCommand),
    /// Record a key-result measurement (for pipelines that push DORA numbers), or remove a wrong one with --remove.
    Checkin {
        /// The key result's id.
        kr: String,
        /// The measured value.
        #[arg(allow_hyphen_values = true, required_unless_present = "remove")]
        value: Option<String>,
        /// Day of the measurement (default: today; never after today).
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
        /// Remove the check-in of --date instead of recording one.
        #[arg(long, requires = "date", conflicts_with = "value")]
        remove: bool,
    },
    /// Export a sprint plan, the learning log or the North Star.
    #[command(subcommand)]
    Export(ExportCommand),
    /// The backlog's policy-as-code gate: exits 1 on any error-level finding.
    Check {
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Add debt items from a CSV file or a taskwarrior export (one change, one save).
    #[command(subcommand)]
    Import(ImportCommand),
    /// Print a shell completion script.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListKind {
    Objectives,
    #[value(alias = "key-results")]
    Krs,
    #[value(alias = "experiments")]
    Hypotheses,
    Debt,
    Sprints,
}

#[derive(Debug, Subcommand)]
pub enum AddCommand {
    /// A measurable direction, e.g. "Customer retention".
    Objective {
        title: String,
        #[arg(long)]
        description: Option<String>,
    },
    /// A number that says whether an objective moves.
    Kr {
        title: String,
        #[arg(long, value_name = "ID")]
        objective: String,
        #[arg(long, allow_hyphen_values = true)]
        baseline: String,
        #[arg(long, allow_hyphen_values = true)]
        target: String,
        /// Defaults to the baseline.
        #[arg(long, allow_hyphen_values = true)]
        current: Option<String>,
        #[arg(long)]
        unit: Option<String>,
        /// Defaults to today.
        #[arg(long, value_name = "DATE")]
        start: Option<String>,
        #[arg(long, value_name = "DATE")]
        due: Option<String>,
        #[arg(long)]
        owner: Option<String>,
    },
    /// An outcome hypothesis: we believe CHANGE will cause OUTCOME; we will know when SIGNAL.
    Hypothesis {
        title: String,
        #[arg(long)]
        belief: String,
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
        #[arg(long)]
        owner: Option<String>,
    },
    /// A piece of technical debt, rated by business impact.
    Debt(DebtArgs),
}

#[derive(Debug, Args)]
pub struct DebtArgs {
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
    /// Points (1, 2, 3, 5, 8, 13 …); default 1.
    #[arg(long, allow_hyphen_values = true)]
    pub effort: Option<String>,
    #[arg(long)]
    pub owner: Option<String>,
    /// Area or component, e.g. billing.
    #[arg(long)]
    pub area: Option<String>,
    /// A tag (repeatable).
    #[arg(long = "tag")]
    pub tags: Vec<String>,
    /// A key result this debt holds back (repeatable).
    #[arg(long = "kr", value_name = "ID")]
    pub krs: Vec<String>,
    #[arg(long)]
    pub description: Option<String>,
}

/// Every field any item has; `edit` applies those that fit the item's kind
/// and refuses the others by name.
#[derive(Debug, Args, Default)]
pub struct EditArgs {
    /// The item's id.
    pub id: String,
    #[arg(long)]
    pub title: Option<String>,
    #[arg(long)]
    pub description: Option<String>,
    #[arg(long)]
    pub owner: Option<String>,
    #[arg(long, value_name = "ID")]
    pub objective: Option<String>,
    #[arg(long, allow_hyphen_values = true)]
    pub baseline: Option<String>,
    #[arg(long, allow_hyphen_values = true)]
    pub target: Option<String>,
    #[arg(long, allow_hyphen_values = true)]
    pub current: Option<String>,
    #[arg(long)]
    pub unit: Option<String>,
    #[arg(long, value_name = "DATE")]
    pub start: Option<String>,
    #[arg(long, value_name = "DATE")]
    pub due: Option<String>,
    #[arg(long)]
    pub belief: Option<String>,
    #[arg(long)]
    pub signal: Option<String>,
    #[arg(long, allow_hyphen_values = true)]
    pub impact: Option<String>,
    #[arg(long, allow_hyphen_values = true)]
    pub confidence: Option<String>,
    #[arg(long, allow_hyphen_values = true)]
    pub ease: Option<String>,
    #[arg(long, allow_hyphen_values = true)]
    pub customer: Option<String>,
    #[arg(long, allow_hyphen_values = true)]
    pub delivery: Option<String>,
    #[arg(long, allow_hyphen_values = true)]
    pub risk: Option<String>,
    #[arg(long, allow_hyphen_values = true)]
    pub urgency: Option<String>,
    #[arg(long, allow_hyphen_values = true)]
    pub effort: Option<String>,
    #[arg(long)]
    pub area: Option<String>,
    /// Replaces the tags (repeatable).
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
    #[arg(long, value_name = "DATE")]
    pub end: Option<String>,
    #[arg(long, allow_hyphen_values = true)]
    pub capacity: Option<String>,
    #[arg(long)]
    pub goal: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum SprintCommand {
    /// Create a planned sprint; prints its id.
    New {
        name: String,
        #[arg(long, value_name = "DATE")]
        start: String,
        #[arg(long, value_name = "DATE")]
        end: String,
        /// Points the team can do (default: the velocity of the last closed sprints).
        #[arg(long, allow_hyphen_values = true)]
        capacity: Option<String>,
        #[arg(long)]
        goal: Option<String>,
    },
    /// Fill the sprint with the highest total score that fits its capacity.
    Plan {
        id: String,
        /// Instead, add the N highest-ranked items (e.g. --top 3), even over capacity.
        #[arg(long, value_name = "N")]
        top: Option<usize>,
    },
    /// Commit debt items to the sprint.
    Add {
        id: String,
        #[arg(required = true, value_name = "DEBT")]
        debts: Vec<String>,
    },
    /// Take debt items out of the sprint.
    Remove {
        id: String,
        #[arg(required = true, value_name = "DEBT")]
        debts: Vec<String>,
    },
    /// Start the sprint, recording what was committed.
    Start { id: String },
    /// Close the sprint: the --done items are marked done, the rest carried over.
    Close {
        id: String,
        #[arg(long, num_args = 0.., value_name = "DEBT")]
        done: Vec<String>,
    },
    /// List the sprints.
    List {
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
}

#[derive(Debug, Subcommand)]
pub enum HypothesisCommand {
    /// Start running the experiment; records the start and a review-by date.
    Start {
        id: String,
        /// Default: 14 days from today.
        #[arg(long, value_name = "DATE")]
        review_by: Option<String>,
    },
    /// Mark it validated, with the evidence.
    Validate {
        id: String,
        #[arg(long)]
        evidence: String,
    },
    /// Mark it abandoned, with the evidence.
    Abandon {
        id: String,
        #[arg(long)]
        evidence: String,
    },
    /// Reopen a decided experiment; the old decision is kept in its history.
    Reopen { id: String },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Md,
    Csv,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// A sprint plan (default: the active sprint, else the next planned one).
    Sprint {
        id: Option<String>,
        #[arg(long, value_enum, default_value_t = ExportFormat::Md)]
        format: ExportFormat,
        /// Write to this file instead of stdout.
        #[arg(long, short = 'o', value_name = "PATH")]
        output: Option<PathBuf>,
    },
    /// Decided experiments by month, for the learning forum.
    LearningLog {
        /// Only decisions on or after this day.
        #[arg(long, value_name = "DATE")]
        since: Option<String>,
        #[arg(long, value_enum, default_value_t = ExportFormat::Md)]
        format: ExportFormat,
        #[arg(long, short = 'o', value_name = "PATH")]
        output: Option<PathBuf>,
    },
    /// The North Star on its own.
    NorthStar {
        #[arg(long, short = 'o', value_name = "PATH")]
        output: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// CSV with a header row naming the columns: title (required), owner, area, tags (;-separated), effort, customer, delivery, risk, urgency, status, description, key_results (;-separated).
    Csv {
        /// The CSV file (- for stdin).
        #[arg(value_name = "FILE")]
        input: PathBuf,
        /// Import the valid rows and report the others, instead of importing nothing.
        #[arg(long)]
        skip_invalid: bool,
    },
    /// The JSON of `task export`: pending tasks become debt items; tasks imported before are skipped.
    Taskwarrior {
        /// The export file (- for stdin).
        #[arg(value_name = "FILE")]
        input: PathBuf,
    },
}
