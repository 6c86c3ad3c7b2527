//! `bearing import csv|taskwarrior FILE`: read the input outside the lock,
//! then, under it, parse it against the current plan and sync it
//! ([`import::sync`]): one change, one atomic save. Every subcommand goes
//! through [`sync_into`], which also does `--dry-run`.

use std::io::Read;
use std::path::Path;

use anyhow::{Context, bail};

use super::args::{ImportCommand, ImportOpts};
use super::{Ctx, display};
use crate::import::{self, ImportError};
use crate::model::{Debt, Plan};
use crate::store;

/// How many changes a dry run lists.
const PREVIEW: usize = 20;

/// The input's text and its name for messages; `-` is stdin
/// (`task export | bearing import taskwarrior -`).
pub(super) fn input(file: &Path) -> anyhow::Result<(String, String)> {
    if file == Path::new("-") {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .context("cannot read stdin")?;
        let text = store::load::decode(Path::new("<stdin>"), bytes)?;
        return Ok((text, "<stdin>".into()));
    }
    let bytes = std::fs::read(file).with_context(|| format!("{}: cannot read", display(file)))?;
    let label = display(file);
    Ok((store::load::decode(Path::new(&label), bytes)?, label))
}

fn listed(errors: &[ImportError]) -> String {
    errors
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

/// What a parser made of the input: the items to sync, and a note for the
/// counts line (`skipped 2 invalid rows`).
pub(super) struct Parsed {
    pub items: Vec<Debt>,
    pub note: Option<String>,
}

/// Parses (with the plan as it is under the lock) and syncs; with
/// `--dry-run`, reads the plan without the lock and writes nothing. Prints
/// the counts, then each conflict and note; a dry run also prints the first
/// changes.
pub(super) fn sync_into(
    ctx: &Ctx,
    opts: &ImportOpts,
    out: &mut String,
    parse: impl FnOnce(&Plan) -> anyhow::Result<Parsed>,
) -> anyhow::Result<()> {
    let today = ctx.today;
    let run = |plan: &Plan| -> anyhow::Result<(import::SyncPlan, Option<String>)> {
        let p = parse(plan)?;
        Ok((import::sync(plan, p.items, today), p.note))
    };
    let (s, note) = if opts.dry_run {
        run(&ctx.read()?.plan)?
    } else {
        ctx.write(|plan| {
            let (s, note) = run(plan)?;
            if !s.is_empty() {
                plan.apply(s.change());
            }
            Ok((s, note))
        })?
    };
    out.push_str(&s.summary());
    if let Some(note) = note {
        out.push_str(&format!(" ({note})"));
    }
    out.push('\n');
    for line in s.notes() {
        out.push_str(&format!("{line}\n"));
    }
    if opts.dry_run {
        for line in s.preview(PREVIEW) {
            out.push_str(&format!("  {line}\n"));
        }
        out.push_str("dry run: nothing written\n");
    }
    Ok(())
}

pub fn run(ctx: &Ctx, cmd: ImportCommand, out: &mut String) -> anyhow::Result<()> {
    let today = ctx.today;
    match cmd {
        ImportCommand::Csv {
            input: file,
            skip_invalid,
            opts,
        } => {
            let (text, label) = input(&file)?;
            let mut skipped = Vec::new();
            sync_into(ctx, &opts, out, |plan| {
                // A file that cannot be read as rows (a broken header, a quote
                // that never closes) imports nothing whatever the flag says.
                let o = import::csv::parse_skipping(&text, &label, plan, today)
                    .map_err(|e| anyhow::anyhow!("{}\nnothing imported", listed(&e)))?;
                if !skip_invalid && !o.skipped.is_empty() {
                    let hint = match o.items.len() {
                        0 => "fix the rows above (none is valid)".to_owned(),
                        1 => "fix the rows above, or pass --skip-invalid to import the 1 valid one"
                            .to_owned(),
                        n => format!(
                            "fix the rows above, or pass --skip-invalid to import the {n} valid ones"
                        ),
                    };
                    bail!("{}\nnothing imported: {hint}", listed(&o.skipped));
                }
                let rows: std::collections::BTreeSet<usize> =
                    o.skipped.iter().map(|e| e.line).collect();
                let note = (!rows.is_empty())
                    .then(|| format!("skipped {}", crate::text::count(rows.len(), "invalid row")));
                skipped = o.skipped;
                Ok(Parsed {
                    items: o.items,
                    note,
                })
            })?;
            if !skipped.is_empty() {
                eprintln!("{}", listed(&skipped));
            }
        }
        ImportCommand::Taskwarrior { input: file, opts } => {
            let (text, label) = input(&file)?;
            sync_into(ctx, &opts, out, |plan| {
                let o = import::taskwarrior::parse(&text, &label, plan, today)?;
                Ok(Parsed {
                    items: o.items,
                    note: None,
                })
            })?;
        }
    }
    Ok(())
}
