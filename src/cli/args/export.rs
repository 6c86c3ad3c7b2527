//! `bearing export …`: each export offers only the formats it can write.

use std::path::PathBuf;

use clap::{Subcommand, ValueEnum};

/// What a sprint export can be written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Md,
    Csv,
    Json,
}

/// What the learning log can be written as (no CSV: entries are nested).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    Md,
    Json,
}

/// What the stakeholder report can be written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Html,
}

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// A sprint plan (default: the active sprint, else the next planned one).
    Sprint {
        /// The sprint's id (default: the active one, else the next planned).
        id: Option<String>,
        /// md: a page for the team; csv: for a spreadsheet; json: for scripts.
        #[arg(long, value_enum, default_value_t = ExportFormat::Md)]
        format: ExportFormat,
        /// Write to this file (atomically) instead of stdout; - is stdout.
        #[arg(long, short = 'o', value_name = "PATH")]
        output: Option<PathBuf>,
    },
    /// Decided experiments by month, for the learning forum.
    LearningLog {
        /// Only decisions on or after this day.
        #[arg(long, value_name = "DATE")]
        since: Option<String>,
        /// md: by month, for the learning forum; json: for scripts.
        #[arg(long, value_enum, default_value_t = LogFormat::Md)]
        format: LogFormat,
        /// Write to this file (atomically) instead of stdout; - is stdout.
        #[arg(long, short = 'o', value_name = "PATH")]
        output: Option<PathBuf>,
    },
    /// A report for stakeholders: North Star, key results with gauges and
    /// trends, experiments, top debt, the current sprint with its burn-up
    /// and velocity, the learning log. One self-contained page: no script,
    /// nothing fetched.
    Report {
        /// html: one page with inline CSS and SVG.
        #[arg(long, value_enum, default_value_t = ReportFormat::Html)]
        format: ReportFormat,
        /// Write to this file (atomically) instead of stdout; - is stdout.
        #[arg(long, short = 'o', value_name = "PATH")]
        output: Option<PathBuf>,
    },
    /// The North Star on its own.
    NorthStar {
        /// Write to this file (atomically) instead of stdout; - is stdout.
        #[arg(long, short = 'o', value_name = "PATH")]
        output: Option<PathBuf>,
    },
}
