//! `bearing forecast`: Monte Carlo forecasts from the sprint history.

use clap::Args;

use super::Format;
use crate::planning::forecast::{DEFAULT_SEED, DEFAULT_TOP, DEFAULT_TRIALS};

/// The fewest and most trials a forecast runs.
pub const TRIALS: (u32, u32) = (100, 1_000_000);
/// The largest --top.
pub const MAX_TOP: usize = 100_000;

#[derive(Debug, Args)]
pub struct ForecastArgs {
    /// The sprint to forecast (default: the active one, else the next planned).
    #[arg(value_name = "SPRINT")]
    pub sprint: Option<String>,
    /// How many trials to run (100 to 1000000).
    #[arg(long, value_name = "N", default_value_t = DEFAULT_TRIALS, value_parser = trials)]
    pub trials: u32,
    /// Seed of the random draws: the same seed gives the same forecast.
    #[arg(long, value_name = "S", default_value_t = DEFAULT_SEED, value_parser = seed, allow_hyphen_values = true)]
    pub seed: u64,
    /// How many of the best-ranked backlog items the "top N" forecast covers.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_TOP, value_parser = top)]
    pub top: usize,
    /// table: readable at 80 columns; json: for scripts (see the README).
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

fn trials(s: &str) -> Result<u32, String> {
    let (lo, hi) = TRIALS;
    s.trim()
        .parse::<u32>()
        .ok()
        .filter(|n| (lo..=hi).contains(n))
        .ok_or_else(|| format!("give a whole number of trials from {lo} to {hi}"))
}

fn seed(s: &str) -> Result<u64, String> {
    s.trim()
        .parse::<u64>()
        .map_err(|_| format!("give a whole number from 0 to {}", u64::MAX))
}

fn top(s: &str) -> Result<usize, String> {
    s.trim()
        .parse::<usize>()
        .ok()
        .filter(|n| (1..=MAX_TOP).contains(n))
        .ok_or_else(|| format!("give a whole number of items from 1 to {MAX_TOP}"))
}
