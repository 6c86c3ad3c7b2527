//! `bearing import csv|linear|gitlab|github|jira|taskwarrior FILE`: read the
//! input outside the lock, then, under it, parse it against the current plan
//! and sync it ([`import::sync`]): one change, one atomic save. Every
//! subcommand goes through [`sync_into`], which also does `--dry-run`; each
//! keeps its own notes (how a file was read, rows skipped, pull requests,
//! values left out) on stderr or after the counts.

use std::io::Read;
use std::path::Path;

use anyhow::{Context, bail};

use super::args::{ImportCommand, ImportOpts};
use super::{Ctx, display};
use crate::import::csv::{Flavor, Options};
use crate::import::{self, ImportError, tracker};
use crate::model::{Debt, Plan};
use crate::store;

/// How many changes a dry run lists.
const PREVIEW: usize = 20;

/// The input's text and its name for messages; `-` is stdin
/// (`task export | bearing import taskwarrior -`).
pub(super) fn input(file: &Path) -> anyhow::Result<(String, String)> {
    let (bytes, label) = bytes(file)?;
    Ok((store::load::decode(Path::new(&label), bytes)?, label))
}

/// The input's bytes and its name for messages; `-` is stdin.
fn bytes(file: &Path) -> anyhow::Result<(Vec<u8>, String)> {
    if file == Path::new("-") {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .context("cannot read stdin")?;
        return Ok((bytes, "<stdin>".into()));
    }
    let bytes = std::fs::read(file).with_context(|| format!("{}: cannot read", display(file)))?;
    Ok((bytes, display(file)))
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
    /// The fields the input gives (a spreadsheet's columns); `None`: all.
    pub given: Option<Vec<&'static str>>,
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
        Ok((
            import::sync_given(plan, p.items, today, p.given.as_deref()),
            p.note,
        ))
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
    // The result on stdout: the counts, each conflict and, for a dry run,
    // the changes; notes on what was left alone go to stderr.
    for line in s.conflict_lines() {
        out.push_str(&format!("{line}\n"));
    }
    for line in s.remarks() {
        eprintln!("{line}");
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
    let (file, skip_invalid, options, opts) = match cmd {
        ImportCommand::Csv {
            input,
            skip_invalid,
            delimiter,
            map,
            source,
            opts,
        } => (
            input,
            skip_invalid,
            Options {
                flavor: Flavor::Auto,
                delimiter,
                map,
                only_debt: false,
                source,
            },
            opts,
        ),
        ImportCommand::Linear {
            input,
            skip_invalid,
            only_debt,
            opts,
        } => (
            input,
            skip_invalid,
            Options {
                flavor: Flavor::Linear,
                only_debt,
                ..Options::default()
            },
            opts,
        ),
        ImportCommand::Gitlab {
            input,
            skip_invalid,
            only_debt,
            opts,
        } => (
            input,
            skip_invalid,
            Options {
                flavor: Flavor::GitLab,
                only_debt,
                ..Options::default()
            },
            opts,
        ),
        ImportCommand::Taskwarrior { input: file, opts } => {
            let (text, label) = input(&file)?;
            return sync_into(ctx, &opts, out, |plan| {
                let o = import::taskwarrior::parse(&text, &label, plan, today)?;
                Ok(Parsed {
                    note: o.note(),
                    items: o.items,
                    given: None,
                })
            });
        }
        ImportCommand::Github {
            input: file,
            only_debt,
            opts,
        } => return tracker(ctx, &file, only_debt, &opts, import::github::parse, out),
        ImportCommand::Jira {
            input: file,
            only_debt,
            opts,
        } => return tracker(ctx, &file, only_debt, &opts, import::jira::parse, out),
    };
    csv(ctx, &file, skip_invalid, &options, &opts, out)
}

/// A CSV of any flavor: decoded whatever its encoding, read as `options`
/// say, and synced only when every row is valid (or `skip_invalid`). Notes
/// on how it was read (encoding, format, ignored columns) go to stderr so
/// the summary on stdout stays the counts.
fn csv(
    ctx: &Ctx,
    file: &Path,
    skip_invalid: bool,
    options: &Options,
    opts: &ImportOpts,
    out: &mut String,
) -> anyhow::Result<()> {
    let today = ctx.today;
    let (bytes, label) = bytes(file)?;
    let decoded = import::decode::decode(&bytes);
    let text = decoded.text;
    let mut notes = Vec::new();
    if let Some(encoding) = decoded.encoding {
        let why = if encoding == "windows-1252" {
            " (it is not valid UTF-8)"
        } else {
            ""
        };
        notes.push(format!("{label}: read as {encoding}{why}"));
    }
    let mut skipped = Vec::new();
    let mut warnings = Vec::new();
    let synced = sync_into(ctx, opts, out, |plan| {
        // A file that cannot be read as rows (a broken header, a quote that
        // never closes) imports nothing whatever the flag says, and no flag
        // is hinted.
        let o = import::csv::read(&text, &label, plan, today, options)
            .map_err(|e| anyhow::anyhow!("{}\nnothing imported", listed(&e)))?;
        notes.extend(read_notes(&o, options, &label));
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
        let rows: std::collections::BTreeSet<usize> = o.skipped.iter().map(|e| e.line).collect();
        let notes: Vec<String> = [
            (!rows.is_empty())
                .then(|| format!("skipped {}", crate::text::count(rows.len(), "invalid row"))),
            o.note(),
        ]
        .into_iter()
        .flatten()
        .collect();
        let note = (!notes.is_empty()).then(|| notes.join(", "));
        skipped = o.skipped;
        warnings = o.warnings;
        Ok(Parsed {
            items: o.items,
            note,
            given: o.given,
        })
    });
    // How the file was read follows the problems when it was refused (it
    // may explain them), and is the first thing said when it was not.
    let notes = notes.join("\n");
    match synced {
        Ok(()) => {}
        Err(e) if notes.is_empty() => return Err(e),
        Err(e) => return Err(anyhow::anyhow!("{e:#}\n{notes}")),
    }
    if !notes.is_empty() {
        eprintln!("{notes}");
    }
    if !skipped.is_empty() {
        eprintln!("{}", listed(&skipped));
    }
    if !warnings.is_empty() {
        eprintln!("{}", listed(&warnings));
    }
    Ok(())
}

/// What the summary says about how a file was read: the format when it was
/// recognised, and the columns nothing was read from.
fn read_notes(o: &import::csv::Outcome, options: &Options, label: &str) -> Vec<String> {
    let mut notes = Vec::new();
    if o.flavor != Flavor::Sheet && options.flavor == Flavor::Auto {
        notes.push(format!("{label}: read as {}", o.flavor.label()));
    }
    if !o.ignored.is_empty() {
        let names: Vec<String> = o
            .ignored
            .iter()
            .map(|n| crate::text::sanitize(n).into_owned())
            .collect();
        notes.push(format!(
            "{label}: ignored columns: {} (read one with --map 'HEADER=COLUMN')",
            names.join(", ")
        ));
    }
    notes
}

/// A tracker export (GitHub, Jira): every item or nothing, synced in one
/// change; warnings (a value left out) go to stderr, the counts to stdout
/// with what the parser left out.
fn tracker(
    ctx: &Ctx,
    file: &Path,
    only_debt: bool,
    opts: &ImportOpts,
    parse: tracker::Parse,
    out: &mut String,
) -> anyhow::Result<()> {
    let (text, label) = input(file)?;
    let options = tracker::Options { only_debt };
    let mut warnings = Vec::new();
    sync_into(ctx, opts, out, |plan| {
        let o = parse(&text, &label, plan, ctx.today, options)
            .map_err(|e| anyhow::anyhow!("{}\nnothing imported", listed(&e)))?;
        let note = o.note();
        warnings = o.warnings;
        Ok(Parsed {
            items: o.items,
            note,
            given: None,
        })
    })?;
    if !warnings.is_empty() {
        eprintln!("{}", listed(&warnings));
    }
    Ok(())
}
