//! `bearing scan [PATH]`: debt proposed from the repository holding PATH —
//! hotspots ranked by change frequency × size, then markers per file —
//! shown as a table or JSON; `--add` adds the chosen ones in one write.

use std::collections::HashSet;

use anyhow::{Context, bail};
use chrono::{Months, NaiveDate};

use super::args::{Format, ScanArgs};
use super::{Ctx, display};
use crate::git::scan::gather;
use crate::git::{Git, RealGit};
use crate::model::{Change, Item};
use crate::scan::{self, Candidate, CandidateKind, Markers};
use crate::text::{count, sanitize};

pub fn run(ctx: &Ctx, args: ScanArgs, out: &mut String) -> anyhow::Result<()> {
    run_with(ctx, &RealGit::new(), args, out)
}

/// The options as the domain takes them.
struct Options {
    markers: Markers,
    areas: Vec<(String, String)>,
    since: NaiveDate,
}

fn options(ctx: &Ctx, args: &ScanArgs) -> anyhow::Result<Options> {
    let markers = if args.markers.is_empty() {
        Markers::default_set()
    } else {
        for m in &args.markers {
            if !scan::comments::marker_word(m) {
                bail!(
                    "--marker {}: a marker is one upper-case word (letters, digits, _), like TODO",
                    crate::text::quote(m)
                );
            }
        }
        Markers::Named(args.markers.clone())
    };
    let mut areas = Vec::new();
    for a in &args.areas {
        let Some((dir, name)) = a
            .split_once('=')
            .filter(|(d, n)| !d.trim().is_empty() && !n.trim().is_empty())
        else {
            bail!(
                "--area {}: expected DIR=NAME, like src/billing=payments",
                crate::text::quote(a)
            );
        };
        areas.push((
            dir.trim().trim_start_matches("./").to_owned(),
            name.trim().to_owned(),
        ));
    }
    let since = match &args.since {
        Some(s) => {
            crate::model::validate::date("--since", s).map_err(|e| anyhow::anyhow!("{e}"))?
        }
        None => ctx
            .today
            .checked_sub_months(Months::new(12))
            .unwrap_or(ctx.today),
    };
    Ok(Options {
        markers,
        areas,
        since,
    })
}

fn run_with(ctx: &Ctx, git: &dyn Git, args: ScanArgs, out: &mut String) -> anyhow::Result<()> {
    let opts = options(ctx, &args)?;
    let dir = match &args.path {
        Some(p) => ctx.cwd.join(p),
        None => ctx.cwd.clone(),
    };
    if !dir.is_dir() {
        bail!("{}: not a directory", display(&dir));
    }
    let since = opts.since.format("%Y-%m-%d").to_string();
    let mut read = gather(git, &dir, &opts.markers, Some(&since))
        .with_context(|| format!("cannot scan {}", display(&dir)))?;
    if !read.in_repo {
        eprintln!(
            "note: {} is not in a git repository: markers only, no hotspots",
            display(&dir)
        );
    }
    if let Some(plan) = ctx.plan_path() {
        read.leave_out(&plan);
    }
    let histories = scan::hotspots::parse_log(&read.log);
    let all = scan::candidates(&read.files, &histories, &opts.areas);
    let min_changes = args.min_changes.unwrap_or(scan::MIN_HOTSPOT_CHANGES);
    let shown = scan::shown_from(&all, args.top, min_changes);
    if let Some(prefixes) = &args.add {
        let chosen = scan::select(&all, &shown, prefixes).map_err(|e| anyhow::anyhow!(e))?;
        return add(ctx, &chosen, out);
    }
    // What is in the plan already, when there is a plan.
    let known = ctx
        .read()
        .map(|s| scan::in_plan(&s.plan))
        .unwrap_or_default();
    match args.format {
        Format::Json => out.push_str(&crate::export::json_text(&shown)?),
        Format::Table => table(&shown, &known, &since, out),
    }
    Ok(())
}

/// Adds the chosen candidates not yet in the plan, in one write.
fn add(ctx: &Ctx, chosen: &[&Candidate], out: &mut String) -> anyhow::Result<()> {
    let today = ctx.today;
    let (added, already) = ctx.write(|plan| {
        let (items, already) = scan::additions(plan, chosen, today);
        if !items.is_empty() {
            let label = format!("scan: add {}", count(items.len(), "debt item"));
            let change = items
                .iter()
                .fold(Change::new(label), |c, d| c.put(Item::Debt(d.clone())));
            plan.apply(change);
        }
        Ok((items, already))
    })?;
    out.push_str(&format!("added {}", count(added.len(), "debt item")));
    if already > 0 {
        out.push_str(&format!(" ({already} already in the plan)"));
    }
    out.push('\n');
    for d in &added {
        out.push_str(&format!("  {}  {}\n", d.id, sanitize(&d.title)));
    }
    Ok(())
}

fn table(shown: &[&Candidate], known: &HashSet<String>, since: &str, out: &mut String) {
    let mark = |c: &Candidate| {
        if known.contains(&c.source()) {
            "  (in plan)"
        } else {
            ""
        }
    };
    let hot: Vec<&&Candidate> = shown
        .iter()
        .filter(|c| c.kind == CandidateKind::Hotspot)
        .collect();
    out.push_str(&format!("Hotspots since {since} (commits × lines)\n"));
    if hot.is_empty() {
        out.push_str("  none: no file changed at least twice in the window\n");
    } else {
        let owner_w = hot
            .iter()
            .map(|c| width(c.owner.as_deref().unwrap_or("-")))
            .max()
            .unwrap_or(1)
            .max(5);
        out.push_str(&format!(
            "  {:<12}  {:>7}  {:>7}  {:>6}  {:<owner_w$}  PATH\n",
            "FINGERPRINT", "SCORE", "COMMITS", "LINES", "OWNER"
        ));
        for c in hot {
            let owner = sanitize(c.owner.as_deref().unwrap_or("-"));
            let pad = owner_w.saturating_sub(width(&owner));
            out.push_str(&format!(
                "  {}  {:>7}  {:>7}  {:>6}  {owner}{}  {}{}\n",
                c.fingerprint,
                c.score(),
                c.changes,
                c.lines,
                " ".repeat(pad),
                sanitize(&c.path),
                mark(c)
            ));
        }
    }
    let markers: Vec<&&Candidate> = shown
        .iter()
        .filter(|c| c.kind == CandidateKind::Marker)
        .collect();
    out.push_str("\nMarkers\n");
    if markers.is_empty() {
        out.push_str("  none\n");
    }
    let mut file: Option<&str> = None;
    for c in markers {
        if file != Some(c.path.as_str()) {
            file = Some(&c.path);
            // The file's main author, not the first marker's owner.
            let who = c
                .file_owner
                .as_deref()
                .filter(|_| c.changes > 0)
                .map(|o| format!(", {}", sanitize(o)))
                .unwrap_or_default();
            out.push_str(&format!(
                "  {}  ({} × {}{who})\n",
                sanitize(&c.path),
                count(c.changes as usize, "commit"),
                count(c.lines, "line"),
            ));
        }
        out.push_str(&format!(
            "    {}  {:>5}  {}{}\n",
            c.fingerprint,
            c.line.map(|l| format!("L{l}")).unwrap_or_default(),
            sanitize(&c.text),
            mark(c)
        ));
    }
    out.push_str("\nadd: bearing scan --add FINGERPRINT… (a unique start is enough), or --add for all shown\n");
}

fn width(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(s)
}
