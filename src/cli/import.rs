//! `bearing import csv|github|jira|taskwarrior FILE`: read the input outside the lock,
//! then parse it against the current plan and add every item in one change,
//! one atomic save.

use std::io::Read;
use std::path::Path;

use anyhow::{Context, bail};

use super::args::ImportCommand;
use super::{Ctx, display};
use crate::import::csv::{Flavor, Options};
use crate::import::{self, ImportError, tracker};
use crate::store;

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

fn items(n: usize) -> String {
    crate::text::count(n, "debt item")
}

pub fn run(ctx: &Ctx, cmd: ImportCommand, out: &mut String) -> anyhow::Result<()> {
    let today = ctx.today;
    let (file, skip_invalid, options) = match cmd {
        ImportCommand::Csv {
            input,
            skip_invalid,
            delimiter,
            map,
        } => (
            input,
            skip_invalid,
            Options {
                flavor: Flavor::Auto,
                delimiter,
                map,
            },
        ),
        ImportCommand::Linear {
            input,
            skip_invalid,
        } => (
            input,
            skip_invalid,
            Options {
                flavor: Flavor::Linear,
                ..Options::default()
            },
        ),
        ImportCommand::Gitlab {
            input,
            skip_invalid,
        } => (
            input,
            skip_invalid,
            Options {
                flavor: Flavor::GitLab,
                ..Options::default()
            },
        ),
        ImportCommand::Taskwarrior { input: file } => {
            let (text, label) = input(&file)?;
            let o = ctx.write(|plan| {
                let o = import::taskwarrior::parse(&text, &label, plan, today)?;
                if !o.items.is_empty() {
                    plan.apply(import::change(&o.items));
                }
                Ok(o)
            })?;
            out.push_str(&format!("imported {}", items(o.items.len())));
            if o.already > 0 {
                out.push_str(&format!(" ({} already imported)", o.already));
            }
            out.push('\n');
            return Ok(());
        }
        ImportCommand::Github {
            input: file,
            only_debt,
        } => return tracker(ctx, &file, only_debt, import::github::parse, out),
        ImportCommand::Jira {
            input: file,
            only_debt,
        } => return tracker(ctx, &file, only_debt, import::jira::parse, out),
    };
    csv(ctx, &file, skip_invalid, &options, out)
}

/// A CSV of any flavor: decoded whatever its encoding, read as `options`
/// say, and added only when every row is valid (or `skip_invalid`). Notes
/// on how it was read (encoding, format, ignored columns) go to stderr so
/// the summary on stdout stays one line.
fn csv(
    ctx: &Ctx,
    file: &Path,
    skip_invalid: bool,
    options: &Options,
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
    let written = ctx.write(|plan| {
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
        let (items, skipped) = (o.items, o.skipped);
        if !items.is_empty() {
            plan.apply(import::change(&items));
        }
        Ok((items.len(), skipped))
    });
    // How the file was read follows the problems when it was refused (it
    // may explain them), and is the first thing said when it was not.
    let notes = notes.join("\n");
    let (n, skipped) = match written {
        Ok(w) => w,
        Err(e) if notes.is_empty() => return Err(e),
        Err(e) => return Err(anyhow::anyhow!("{e:#}\n{notes}")),
    };
    if !notes.is_empty() {
        eprintln!("{notes}");
    }
    if !skipped.is_empty() {
        eprintln!("{}", listed(&skipped));
    }
    let rows: std::collections::BTreeSet<usize> = skipped.iter().map(|e| e.line).collect();
    out.push_str(&format!("imported {}", items(n)));
    if !rows.is_empty() {
        out.push_str(&format!(
            " (skipped {})",
            crate::text::count(rows.len(), "invalid row")
        ));
    }
    out.push('\n');
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

type TrackerParse = fn(
    &str,
    &str,
    &crate::model::Plan,
    chrono::NaiveDate,
    tracker::Options,
) -> Result<tracker::Outcome, Vec<ImportError>>;

/// A tracker export (GitHub, Jira): every item or nothing, in one change;
/// warnings (a value left out) go to stderr, the summary to stdout.
fn tracker(
    ctx: &Ctx,
    file: &Path,
    only_debt: bool,
    parse: TrackerParse,
    out: &mut String,
) -> anyhow::Result<()> {
    let (text, label) = input(file)?;
    let options = tracker::Options { only_debt };
    let o = ctx.write(|plan| {
        let o = parse(&text, &label, plan, ctx.today, options)
            .map_err(|e| anyhow::anyhow!("{}\nnothing imported", listed(&e)))?;
        if !o.items.is_empty() {
            plan.apply(import::change(&o.items));
        }
        Ok(o)
    })?;
    if !o.warnings.is_empty() {
        eprintln!("{}", listed(&o.warnings));
    }
    out.push_str(&format!("imported {}", items(o.items.len())));
    let done = o.items.iter().filter(|d| !d.status.is_open()).count();
    let notes: Vec<String> = [
        (done, format!("{done} closed upstream")),
        (o.already, format!("{} already imported", o.already)),
        (
            o.pull_requests,
            format!(
                "{} skipped",
                crate::text::count(o.pull_requests, "pull request")
            ),
        ),
        (o.not_debt, format!("{} not marked as debt", o.not_debt)),
    ]
    .into_iter()
    .filter(|(n, _)| *n > 0)
    .map(|(_, note)| note)
    .collect();
    if !notes.is_empty() {
        out.push_str(&format!(" ({})", notes.join(", ")));
    }
    out.push('\n');
    Ok(())
}
