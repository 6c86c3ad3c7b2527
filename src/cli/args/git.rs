//! `bearing git …` and `bearing diff`: the commands that run `git`.

use clap::{Args, Subcommand, ValueEnum};

#[derive(Debug, Subcommand)]
pub enum GitCommand {
    /// Send the plan to Bearing's merge driver and diff hunk headers: a `.gitattributes` line for the plan, and the driver in the repository's git config (or yours with --global). Safe to run again.
    Install {
        /// Write the driver to your git config (~/.gitconfig) instead of the repository's.
        #[arg(long)]
        global: bool,
    },
}

/// How `bearing diff` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    Table,
    Json,
    Md,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// A git revision (default: HEAD), or a plan file.
    #[arg(value_name = "FROM", conflicts_with = "since")]
    pub from: Option<String>,
    /// A git revision, or a plan file (default: the working plan file).
    #[arg(value_name = "TO", requires = "from")]
    pub to: Option<String>,
    /// From the last commit before DATE (YYYY-MM-DD: before its first moment, midnight in your local time zone) to the working plan file.
    #[arg(long, value_name = "DATE", value_parser = calendar_date)]
    pub since: Option<chrono::NaiveDate>,
    /// table: for a terminal; json: for scripts; md: for a pull-request comment or a CI step summary.
    #[arg(long, value_enum, default_value_t = DiffFormat::Table)]
    pub format: DiffFormat,
}

/// A `YYYY-MM-DD` argument, refused as `--today` is (`"2026-11-31" is not
/// a calendar date`), never handed to git's lenient date reader.
fn calendar_date(s: &str) -> Result<chrono::NaiveDate, String> {
    crate::model::validate::date("DATE", s).map_err(|e| e.message.clone())
}
