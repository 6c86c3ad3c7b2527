//! `bearing forecast [SPRINT]`: the chance of finishing a sprint and the
//! sprints the backlog will take, from the closed sprints' history.

use anyhow::anyhow;

use super::args::{ForecastArgs, Format};
use super::{Ctx, Source};
use crate::model::id::normalize;
use crate::planning::forecast::{self, Options};

pub fn run(ctx: &Ctx, args: ForecastArgs, out: &mut String) -> anyhow::Result<()> {
    let Source { plan, .. } = ctx.read()?;
    let id = args.sprint.as_deref().map(normalize);
    let opts = Options {
        trials: args.trials,
        seed: args.seed,
        top_n: args.top,
    };
    let f = forecast::forecast(&plan, id.as_deref(), ctx.today, opts)
        .map_err(|e| anyhow!("forecast: {e}"))?;
    match args.format {
        Format::Json => {
            out.push_str(&serde_json::to_string_pretty(&f.json())?);
            out.push('\n');
        }
        Format::Table => out.push_str(&crate::text::sanitize_multiline(&f.table())),
    }
    Ok(())
}
