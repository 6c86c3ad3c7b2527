//! The command line, declared once with clap; `--help` on every command and
//! shell completions come from here.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

pub use super::item_args::{AddCommand, DebtArgs, EditArgs};

mod export;
pub use export::{ExportCommand, ExportFormat, LogFormat, ReportFormat};
mod forecast;
pub use forecast::ForecastArgs;
mod git;
pub use git::{DiffArgs, DiffFormat, GitCommand};
mod resolve;
pub use resolve::ResolveArgs;
mod org;
pub use org::{OrgArgs, OrgCommand, OrgExportFormat, OrgFormat};
mod scan;
pub use scan::ScanArgs;

#[derive(Debug, Parser)]
#[command(
    name = "bearing",
    version,
    about = "Strategy and execution in one plan file: North Star, OKRs, experiments and technical debt ranked by business impact",
    long_about = "Strategy and execution in one plan file.\n\nWithout a command, opens the terminal UI on the plan. The plan file is found by --file, then BEARING_FILE, then ./bearing.ron in this directory or a parent, then the platform data directory."
)]
pub struct Cli {
    /// Plan file to use (default: BEARING_FILE, ./bearing.ron or a parent's, the data directory). Not with `bearing org`, which reads a workspace (--org FILE).
    #[arg(long, short = 'f', global = true, value_name = "PATH")]
    pub file: Option<PathBuf>,
    /// Use the embedded demo plan (read-only). Not with `bearing org`.
    #[arg(long, global = true)]
    pub demo: bool,
    /// Plan as of this date instead of today (YYYY-MM-DD; default: BEARING_TODAY when set and not blank).
    #[arg(long, global = true, value_name = "DATE")]
    pub today: Option<String>,
    /// The organisation's workspace file, for `bearing org …` (also accepted after `org` or its command).
    // An id of its own: sharing `org` with `bearing org --org` (global
    // there) would let clap copy one value over the other unseen.
    #[arg(long = "org", id = "org_before", value_name = "FILE")]
    pub org: Option<PathBuf>,
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
        /// table: the item as in the file, its links and score; json: one object.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// List items of one kind (default: debt, in file order).
    List {
        /// Which items to list.
        #[arg(value_enum, default_value_t = ListKind::Debt)]
        kind: ListKind,
        /// table: aligned columns fitted to the terminal; json: stable, for scripts.
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
        /// table: aligned columns fitted to the terminal; json: with every term.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Debt sprints: create, plan, start, close, cancel, list.
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
    /// Forecast from the closed sprints (Monte Carlo): the chance of finishing the sprint's open points by its end, and how many sprints the backlog's top N and all of it take (p50/p85/p95).
    Forecast(ForecastArgs),
    /// Export a sprint plan, the learning log, the stakeholder report (HTML) or the North Star.
    #[command(subcommand)]
    Export(ExportCommand),
    /// The backlog's policy-as-code gate: exits 1 on any error-level finding.
    Check {
        /// table: PATH:LINE: severity rule: message; json: a list of findings.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Sync debt items from a spreadsheet CSV, a Linear, GitLab or Jira CSV export, a GitHub issues JSON or a taskwarrior export: add the new, update what changed upstream, close what closed (one change, one save).
    #[command(subcommand)]
    Import(ImportCommand),
    /// List this plan's backups (when, size, what changed since), or restore one.
    Backups {
        #[command(subcommand)]
        action: Option<BackupsCommand>,
        /// How the list is printed: an aligned table, or JSON for scripts.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Show or change the plan's settings: WSJF weights, health thresholds, policy levels.
    #[command(subcommand)]
    Config(super::config::ConfigCommand),
    /// Show or replace the North Star.
    #[command(subcommand)]
    NorthStar(super::config::NorthStarCommand),
    /// Set up git for the plan: `bearing git install` (merge driver, diff hunk headers).
    #[command(subcommand)]
    Git(GitCommand),
    /// What changed in the plan between two git revisions or two files (default: HEAD → the working file).
    Diff(DiffArgs),
    /// Settle the conflict markers a merge left in the plan: keep --ours or --theirs side (all, or of the given items); without either, list them.
    Resolve(ResolveArgs),
    /// Propose debt from a git repository: TODO/FIXME markers in comments and hotspots (files changed often × large); --add adds them.
    Scan(ScanArgs),
    /// The organisation's view: many teams' plans (listed in bearing-org.ron) fetched and rolled up.
    #[command(after_long_help = org::ORG_LONG_HELP)]
    Org(OrgArgs),
    /// Print a shell completion script.
    Completions {
        /// The shell to complete for.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Git's merge driver for the plan: `merge-driver %O %A %B %L %P %S %X %Y` (see the README).
    #[command(hide = true)]
    MergeDriver(super::merge_driver::MergeDriverArgs),
}

#[derive(Debug, Subcommand)]
pub enum BackupsCommand {
    /// Make backup ID the plan again; the current plan is backed up first.
    Restore {
        /// The backup's id from `bearing backups` (a unique start of it is enough).
        id: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
}

/// What `bearing sprint load` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LoadFormat {
    Table,
    Csv,
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
pub enum SprintCommand {
    /// Create a planned sprint; prints its id (warns on stderr when it overlaps another or its window has passed). Start = end is a one-day sprint.
    New {
        /// What the sprint is called, e.g. "Debt sprint 24".
        name: String,
        /// First day (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        start: String,
        /// Last day (YYYY-MM-DD); the same day as --start for a one-day sprint.
        #[arg(long, value_name = "DATE")]
        end: String,
        /// Points the team can do (default: the velocity of the last closed sprints).
        #[arg(long, allow_hyphen_values = true)]
        capacity: Option<String>,
        /// What the sprint is for.
        #[arg(long)]
        goal: Option<String>,
    },
    /// Fill the sprint with the highest total score that fits its capacity.
    Plan {
        /// The sprint's id.
        id: String,
        /// Instead, add the N highest-ranked items (e.g. --top 3), even over capacity.
        #[arg(long, value_name = "N")]
        top: Option<usize>,
    },
    /// Commit debt items to the sprint.
    Add {
        /// The sprint's id.
        id: String,
        /// The debt items to commit.
        #[arg(required = true, value_name = "DEBT")]
        debts: Vec<String>,
    },
    /// Take debt items out of the sprint.
    Remove {
        /// The sprint's id.
        id: String,
        /// The debt items to take out.
        #[arg(required = true, value_name = "DEBT")]
        debts: Vec<String>,
    },
    /// Start the sprint, recording what was committed (warns when outside its window, empty or over capacity).
    Start {
        /// The sprint's id.
        id: String,
    },
    /// Call a planned or active sprint off: its items go back to the backlog; it never counts for velocity.
    Cancel {
        /// The sprint's id.
        id: String,
    },
    /// Close the sprint: the --done items are marked done, the rest carried over.
    Close {
        /// The sprint's id.
        id: String,
        /// The items that were finished; the rest carry over.
        #[arg(long, num_args = 0.., value_name = "DEBT")]
        done: Vec<String>,
    },
    /// People's load: points per owner against an even share of the capacity; warns when one person holds more than half.
    Load {
        /// The sprint's id (default: the active one, else the next planned).
        id: Option<String>,
        /// table: aligned columns; csv: for a spreadsheet; json: for scripts.
        #[arg(long, value_enum, default_value_t = LoadFormat::Table)]
        format: LoadFormat,
    },
    /// List the sprints.
    List {
        /// table: aligned columns and the velocity; json: stable, for scripts.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
}

#[derive(Debug, Subcommand)]
pub enum HypothesisCommand {
    /// Start running the experiment; records the start and a review-by date.
    Start {
        /// The hypothesis's id.
        id: String,
        /// Default: 14 days from today.
        #[arg(long, value_name = "DATE")]
        review_by: Option<String>,
    },
    /// Mark it validated, with the evidence.
    Validate {
        /// The hypothesis's id.
        id: String,
        /// What was measured and what it showed.
        #[arg(long)]
        evidence: String,
    },
    /// Mark it abandoned, with the evidence.
    Abandon {
        /// The hypothesis's id.
        id: String,
        /// What was measured and what it showed.
        #[arg(long)]
        evidence: String,
    },
    /// Reopen a decided experiment; the old decision is kept in its history.
    Reopen {
        /// The hypothesis's id.
        id: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// CSV with a header row naming the columns: title (required), owner, area, tags, effort, customer, delivery, risk, urgency, status, description, key_results (lists split on , or ;), closed (the day a done status is dated), due (also Due date, Deadline). Dates: 2026-11-28 or a timestamp, 28.11.2026, 28/11/2026 or 11/28/2026 (05/06/2026 is refused: write YYYY-MM-DD), 28-Nov-2026, Nov 28, 2026. Rows are keyed csv:NAME:ID by an id column (NAME: --source, else the file name). In a ; or tab file 3,0 is 3; effort 0 is unestimated. Other columns are ignored and listed, or mapped with --map. Cells are separated by , ; or tab (whichever the header line uses, or --delimiter); UTF-8 with or without BOM, UTF-16 with BOM, or else Windows-1252. A Linear or GitLab export is recognised by its header and read as `import linear` / `import gitlab` would.
    Csv {
        /// The CSV file (- for stdin).
        #[arg(value_name = "FILE")]
        input: PathBuf,
        /// Import the valid rows and report the others, instead of importing nothing.
        #[arg(long)]
        skip_invalid: bool,
        /// The cell separator: , ; tab (or \t) or another single character; default: sniffed from the header line.
        #[arg(long, value_name = "CHAR", value_parser = delimiter)]
        delimiter: Option<char>,
        /// Read a column under Bearing's name: 'HEADER=COLUMN', e.g. 'Summary=title' or 'Story Points=effort' (repeatable; header names ignore case and spaces).
        #[arg(long = "map", value_name = "HEADER=COLUMN", value_parser = crate::import::csv::parse_map)]
        map: Vec<(String, String)>,
        /// The sheet's name in its items' keys (csv:NAME:ID, from an id column); default: the file name without its extension. Give the same name to re-import a renamed export of the same sheet.
        #[arg(long, value_name = "NAME")]
        source: Option<String>,
        #[command(flatten)]
        opts: ImportOpts,
    },
    /// Linear's CSV export (Settings → Import / Export → Export CSV): ID, Title, Description, Status, Estimate, Priority, Labels, Assignee, Team.
    Linear {
        /// The exported CSV file (- for stdin).
        #[arg(value_name = "FILE")]
        input: PathBuf,
        /// Import the valid rows and report the others, instead of importing nothing.
        #[arg(long)]
        skip_invalid: bool,
        /// Import only issues with a debt label (import.debt_labels: debt, tech-debt, technical debt by default).
        #[arg(long)]
        only_debt: bool,
        #[command(flatten)]
        opts: ImportOpts,
    },
    /// GitLab's issue list CSV export (Issues → Export as CSV): Issue ID, URL, Title, State, Description, Assignee, Weight, Labels.
    Gitlab {
        /// The exported CSV file (- for stdin).
        #[arg(value_name = "FILE")]
        input: PathBuf,
        /// Import the valid rows and report the others, instead of importing nothing.
        #[arg(long)]
        skip_invalid: bool,
        /// Import only issues with a debt label (import.debt_labels: debt, tech-debt, technical debt by default).
        #[arg(long)]
        only_debt: bool,
        #[command(flatten)]
        opts: ImportOpts,
    },
    /// The JSON of `task export`: pending tasks become debt items; tasks imported before are updated (done upstream → done).
    Taskwarrior {
        /// The export file (- for stdin).
        #[arg(value_name = "FILE")]
        input: PathBuf,
        #[command(flatten)]
        opts: ImportOpts,
    },
    /// GitHub issues: the JSON of `gh issue list --state all --limit 1000 --json number,title,body,labels,assignees,milestone,state,createdAt,updatedAt,closedAt,url`, or of the REST API's issues (`gh api --paginate 'repos/OWNER/REPO/issues?state=all'`; pull requests are skipped). Labels map by the plan's import rules (`bearing config show`); closed issues come in as done; issues imported before are updated (closed upstream → done).
    Github {
        /// The export file (- for stdin).
        #[arg(value_name = "FILE")]
        input: PathBuf,
        /// Import only issues with a debt label (import.debt_labels: debt, tech-debt, technical debt by default).
        #[arg(long)]
        only_debt: bool,
        #[command(flatten)]
        opts: ImportOpts,
    },
    /// Jira issues: the CSV of "Export Excel CSV (all fields)" from an issue search. Summary, Issue key, Description, Assignee, Status Category, Priority, Labels, story points and dates are read; other columns are ignored; issues imported before are updated (done upstream → done).
    Jira {
        /// The export file (- for stdin).
        #[arg(value_name = "FILE")]
        input: PathBuf,
        /// Import only issues with a debt label or issue type (import.debt_labels).
        #[arg(long)]
        only_debt: bool,
        #[command(flatten)]
        opts: ImportOpts,
    },
}

/// `--delimiter`: one character, or a name for one.
fn delimiter(s: &str) -> Result<char, String> {
    let c = match s.to_ascii_lowercase().as_str() {
        "tab" | "\\t" | "\t" => '\t',
        "comma" => ',',
        "semicolon" => ';',
        "pipe" => '|',
        _ => {
            let mut chars = s.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => c,
                _ => return Err("give one character: , ; tab or |".into()),
            }
        }
    };
    if matches!(c, '"' | '\n' | '\r') {
        return Err("a quote or a line break cannot separate cells".into());
    }
    Ok(c)
}

/// Options every import subcommand takes (`#[command(flatten)] opts: ImportOpts`).
#[derive(Debug, Clone, Default, clap::Args)]
pub struct ImportOpts {
    /// Print what the import would do (the counts and the first changes) and write nothing.
    #[arg(long)]
    pub dry_run: bool,
}
