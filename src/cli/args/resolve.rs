//! `bearing resolve`: settle the conflict markers a merge left in the plan.

use clap::Args;

#[derive(Debug, Args)]
pub struct ResolveArgs {
    /// Keep our side of each conflict (the branch you were on; in a rebase, the branch rebased onto).
    #[arg(long, conflicts_with = "theirs")]
    pub ours: bool,
    /// Keep their side of each conflict (the branch merged in; in a rebase, your commit).
    #[arg(long)]
    pub theirs: bool,
    /// Settle only the conflicts in these items (`settings` for the plan's settings); default: all.
    #[arg(value_name = "ID")]
    pub ids: Vec<String>,
}
