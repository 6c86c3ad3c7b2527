//! `bearing org …`: the organisation's view over many teams' plans.

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};

/// `bearing org --help`'s long help: the workspace file's shape (what
/// the missing-workspace error points at).
pub const ORG_LONG_HELP: &str = "The workspace file (--org FILE, BEARING_ORG, or ./bearing-org.ron in this directory or a parent) lists the teams:

(
  title: \"Acme engineering\",   // optional
  teams: [
    // A plan in a git repository: rev defaults to HEAD, path to bearing.ron.
    (id: \"payments\", name: \"Payments\", rev: \"main\", path: \"plan/bearing.ron\",
     git: \"https://git.example.com/payments.git\"),
    // A local repository: relative to the workspace file.
    (id: \"search\", name: \"Search\", git: \"../repos/search\"),
    // A plan file, relative to the workspace file.
    (id: \"mobile\", name: \"Mobile\", path: \"../mobile/bearing.ron\"),
    // May be missing: a warning, never a failure.
    (id: \"data\", git: \"https://git.example.com/data.git\", optional: true),
  ],
)

`org fetch` brings git teams' plans into the cache; the roll-ups read only the cache and local paths. `bearing org` alone opens the read-only terminal UI on the roll-up.";

#[derive(Debug, Args)]
pub struct OrgArgs {
    /// The workspace file (default: BEARING_ORG, then ./bearing-org.ron or a parent's).
    #[arg(long, global = true, value_name = "FILE")]
    pub org: Option<PathBuf>,
    /// Without a command: the read-only terminal UI on the roll-up (teams, debt, key results, sprints); printed as `org status` when not on a terminal.
    #[command(subcommand)]
    pub command: Option<OrgCommand>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OrgFormat {
    /// Aligned columns fitted to the terminal.
    Table,
    /// Stable JSON for scripts: {"teams": [...], ROWS: [...]}.
    Json,
    /// Markdown tables, for a wiki page or a pull request.
    Md,
}

/// `bearing org export --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OrgExportFormat {
    /// Markdown, for a wiki page or a pull request.
    Md,
    /// One self-contained HTML page (no script, nothing fetched), readable on a phone and printable.
    Html,
}

#[derive(Debug, Subcommand)]
pub enum OrgCommand {
    /// Fetch each git team's plan into the cache (shallow, no blobs but the plan; teams in parallel). Exits 1 only when a required (not optional) team failed.
    Fetch {
        /// Teams fetched at once (default: 8).
        #[arg(long, value_name = "N")]
        jobs: Option<usize>,
    },
    /// Per team: source, the commit or file time read, item counts, and why a plan could not be read.
    Status {
        /// table: aligned columns, then what was read per team; json: {"teams", ROWS}; md: Markdown tables.
        #[arg(long, value_enum, default_value_t = OrgFormat::Table)]
        format: OrgFormat,
    },
    /// Every key result with its team, progress and health, by team and objective.
    Krs {
        /// table: aligned columns, then what was read per team; json: {"teams", ROWS}; md: Markdown tables.
        #[arg(long, value_enum, default_value_t = OrgFormat::Table)]
        format: OrgFormat,
    },
    /// Open debt across teams, each team's WSJF score made comparable (divided by that team's median score).
    Rank {
        /// Show at most N items (at least 1).
        #[arg(long, value_name = "N", value_parser = limit_at_least_one)]
        limit: Option<usize>,
        /// table: aligned columns, then what was read per team; json: {"teams", ROWS}; md: Markdown tables.
        #[arg(long, value_enum, default_value_t = OrgFormat::Table)]
        format: OrgFormat,
    },
    /// Each team's active sprint and next planned one, with capacity use.
    Sprints {
        /// table: aligned columns, then what was read per team; json: {"teams", ROWS}; md: Markdown tables.
        #[arg(long, value_enum, default_value_t = OrgFormat::Table)]
        format: OrgFormat,
    },
    /// Every team's `bearing check` findings, ids as TEAM:ID; exits 1 on any error-level finding or a required team that cannot be read.
    Check {
        /// table: aligned columns, then what was read per team; json: {"teams", ROWS}; md: Markdown tables.
        #[arg(long, value_enum, default_value_t = OrgFormat::Table)]
        format: OrgFormat,
    },
    /// One page for the organisation: teams at a glance, key results by team, the top 20 debt across teams, sprints by team, check findings per team, and a warning per team that could not be read.
    Export {
        /// md: Markdown; html: one self-contained page.
        #[arg(long, value_enum, default_value_t = OrgExportFormat::Md)]
        format: OrgExportFormat,
        /// Write to this file (atomically) instead of stdout; - is stdout. Never over a plan or the workspace file.
        #[arg(long, short = 'o', value_name = "PATH")]
        output: Option<PathBuf>,
    },
}

/// `org rank --limit N`: 0 would print an empty ranking that looks like no
/// debt at all, so it is refused.
fn limit_at_least_one(s: &str) -> Result<usize, String> {
    match s.trim().parse::<usize>() {
        Ok(0) => Err("--limit must be at least 1".to_owned()),
        Ok(n) => Ok(n),
        Err(e) => Err(format!(
            "{e}: --limit takes a whole number of items, at least 1"
        )),
    }
}
