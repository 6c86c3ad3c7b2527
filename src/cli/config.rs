//! `bearing config …` and `bearing north-star …`: every plan setting the UI
//! can change, from the command line, through the same domain rules
//! (`model::settings`) the settings form uses.

use std::path::PathBuf;

use anyhow::anyhow;
use clap::Subcommand;

use super::args::Format;
use super::{Ctx, Source};
use crate::model::{Change, Op, settings};
use crate::text::{quote, sanitize, sanitize_multiline};

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print every setting: WSJF weights, key-result health thresholds, policy levels, import mapping rules.
    Show {
        /// table: one `name value` per line; json: an object by name.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Print one setting's value, e.g. `bearing config get weights.risk`.
    Get {
        /// The setting's name, as `bearing config show` lists it.
        key: String,
    },
    /// Change one setting, e.g. `weights.risk 1.5` or `policy.stale-experiment error`.
    #[command(
        long_about = "Change one setting.\n\nweights.*: a number from 0 to 100 (the WSJF weight of a term).\nhealth.at_risk, health.off_track: how far behind schedule, as a share of the key result's window from 0 to 1, before it counts as at risk / off track (at_risk ≤ off_track).\npolicy.*: off, warn or error (the level `bearing check` reports the rule at).\nimport.priorities: WORD=URGENCY, … (e.g. highest=5, p1=4); import.priority_prefixes, import.area_prefixes, import.debt_labels: a comma-separated list. `default` restores an import rule's documented default.\n\nNames may use - or _ (policy.stale-experiment = policy.stale_experiment)."
    )]
    Set {
        /// The setting's name, as `bearing config show` lists it.
        key: String,
        /// The new value.
        #[arg(allow_hyphen_values = true)]
        value: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum NorthStarCommand {
    /// Print the North Star.
    Show,
    /// Replace the North Star with the text of a file (`-` reads stdin).
    Set {
        /// The file with the new North Star (- for stdin).
        #[arg(value_name = "FILE")]
        input: PathBuf,
    },
}

pub fn config(ctx: &Ctx, cmd: ConfigCommand, out: &mut String) -> anyhow::Result<()> {
    match cmd {
        ConfigCommand::Show { format } => {
            let Source { plan, .. } = ctx.read()?;
            let entries = settings::entries(&plan.meta());
            if format == Format::Json {
                let map: serde_json::Map<String, serde_json::Value> = entries
                    .into_iter()
                    .map(|(k, v)| (k.to_owned(), json_value(k, &v)))
                    .collect();
                out.push_str(&crate::export::json_text(&map)?);
            } else {
                let w = entries.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
                // Import rules are text from the plan file: never raw
                // control or bidi characters to the terminal.
                for (k, v) in entries {
                    out.push_str(&format!("{k:<w$}  {}\n", sanitize(&v)));
                }
            }
        }
        ConfigCommand::Get { key } => {
            let Source { plan, .. } = ctx.read()?;
            let v = settings::key(&key)
                .and_then(|k| settings::get(&plan.meta(), k))
                .ok_or_else(|| unknown(&key))?;
            out.push_str(&sanitize(&v));
            out.push('\n');
        }
        ConfigCommand::Set { key, value } => {
            let msg = ctx.write(|plan| {
                let mut meta = plan.meta();
                let (name, old) =
                    settings::set(&mut meta, &key, &value).map_err(|e| anyhow!("{e}"))?;
                let new = settings::get(&meta, name).unwrap_or_default();
                if new == old {
                    return Ok(format!("{name} is already {new}; nothing changed"));
                }
                let label = format!("set {name} {old} → {new}");
                plan.apply(Change {
                    label: label.clone(),
                    ops: vec![Op::SetMeta(Box::new(meta))],
                });
                Ok(label)
            })?;
            out.push_str(&sanitize(&msg));
            out.push('\n');
        }
    }
    Ok(())
}

fn unknown(key: &str) -> anyhow::Error {
    anyhow!(
        "no setting {}; one of: {}",
        quote(key.trim()),
        settings::keys().join(", ")
    )
}

/// Numbers as JSON numbers, levels and import rules as strings.
fn json_value(key: &str, v: &str) -> serde_json::Value {
    if key.starts_with("policy.") || key.starts_with("import.") {
        return serde_json::Value::String(v.to_owned());
    }
    v.parse::<f64>()
        .ok()
        .and_then(serde_json::Number::from_f64)
        .map_or_else(|| serde_json::Value::String(v.to_owned()), Into::into)
}

pub fn north_star(ctx: &Ctx, cmd: NorthStarCommand, out: &mut String) -> anyhow::Result<()> {
    match cmd {
        NorthStarCommand::Show => {
            let Source { plan, .. } = ctx.read()?;
            out.push_str(&sanitize_multiline(&plan.north_star));
            out.push('\n');
        }
        NorthStarCommand::Set { input } => {
            // Read outside the lock: stdin may take as long as it likes.
            let (text, label) = super::import::input(&input)?;
            let text = settings::north_star(&text).map_err(|e| anyhow!("{label}: {e}"))?;
            let msg = ctx.write(|plan| {
                if plan.north_star == text {
                    return Ok("the North Star is already this text; nothing changed".to_owned());
                }
                let mut meta = plan.meta();
                meta.north_star = text;
                let lines = crate::text::count(meta.north_star.lines().count(), "line");
                plan.apply(Change {
                    label: "set the North Star".into(),
                    ops: vec![Op::SetMeta(Box::new(meta))],
                });
                Ok(format!("set the North Star ({lines})"))
            })?;
            out.push_str(&msg);
            out.push('\n');
        }
    }
    Ok(())
}
