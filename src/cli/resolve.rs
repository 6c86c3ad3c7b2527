//! `bearing resolve [--ours|--theirs] [ID…]`: settles the conflict-marker
//! blocks a merge left in the plan file (see `store::resolve` for how the
//! file is written).

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::Path;

use anyhow::bail;

use super::Ctx;
use super::args::ResolveArgs;
use crate::merge::SETTINGS;
use crate::merge::markers::{Block, Side};
use crate::model::id::normalize;
use crate::store;
use crate::text::label;

pub fn run(ctx: &Ctx, args: ResolveArgs, out: &mut String) -> anyhow::Result<()> {
    if ctx.demo {
        bail!("the demo plan has no merge conflicts; use --file PATH");
    }
    let path = ctx.path()?;
    let file = super::display(&path);
    // Unmerged in git: the three versions merged again, plan-aware, first.
    if super::remerge::remerge(&path, out)? == super::remerge::Remerged::Written(0) {
        return Ok(());
    }
    let side = match (args.ours, args.theirs) {
        (true, _) => Side::Ours,
        (_, true) => Side::Theirs,
        _ => return without_side(&path, &args.ids, out),
    };
    let done = store::resolve::resolve(&path, |blocks| picks(blocks, &args.ids, side, &file))?;
    said(&done, &file, out);
    Ok(())
}

/// What a resolve settled and what is left.
fn said(done: &store::resolve::Resolved, file: &str, out: &mut String) {
    if done.settled.is_empty() {
        out.push_str(&format!("{file}: no unresolved merge conflicts\n"));
        return;
    }
    for (b, side) in &done.settled {
        out.push_str(&format!("{}: kept {}\n", what(b), side_name(*side)));
    }
    for (id, holders) in &done.unlinked {
        out.push_str(&format!(
            "{}: deleted, so {} no longer {} it (as bearing rm does)\n",
            label(id),
            holders
                .iter()
                .map(|h| label(h).into_owned())
                .collect::<Vec<_>>()
                .join(", "),
            if holders.len() == 1 { "lists" } else { "list" }
        ));
    }
    if !done.dangling.is_empty() {
        for (id, holders) in &done.dangling {
            out.push_str(&format!(
                "{}: deleted, but {} still {} to it: bearing check reports dangling-reference; delete {} too (bearing rm) or bring {} back (bearing resolve again after `git checkout -m {file}`)\n",
                label(id),
                holders.join(", "),
                if holders.len() == 1 { "points" } else { "point" },
                if holders.len() == 1 { "it" } else { "them" },
                label(id)
            ));
        }
        out.push_str(&format!(
            "{file}: no markers left; saved, but the plan has dangling references (see above)\n"
        ));
        return;
    }
    match done.remaining.len() {
        0 => out.push_str(&format!(
            "{file}: no conflicts left; saved (`git add` it to mark the merge resolved)\n"
        )),
        n => out.push_str(&format!(
            "{file}: {} left (markers kept): run bearing resolve\n",
            crate::text::count(n, "conflict")
        )),
    }
}

/// `bearing resolve` with neither `--ours` nor `--theirs`: on a terminal,
/// the conflict screen over the conflicts (of `ids`, or all) picks a side
/// for each (`tui::resolve`); else it lists them and says how to settle
/// them.
fn without_side(path: &Path, ids: &[String], out: &mut String) -> anyhow::Result<()> {
    let file = super::display(path);
    let blocks = store::resolve::blocks(path)?;
    if blocks.is_empty() {
        out.push_str(&format!("{file}: no unresolved merge conflicts\n"));
        return Ok(());
    }
    let wanted = chosen(&blocks, ids, &file)?;
    if std::io::stdout().is_terminal() && std::io::stdin().is_terminal() {
        // Leaving the screen settles nothing: exit 1, so a script (or a
        // `git mergetool`-style wrapper) can tell the file still has markers.
        match crate::tui::resolve::run(path, &wanted)? {
            Some(done) => said(&done, &file, out),
            None => bail!("{file}: nothing settled (left the conflict screen); the markers stay"),
        }
        return Ok(());
    }
    for b in blocks.iter().filter(|b| wanted(b)) {
        out.push_str(&format!("{file}:{}: {}\n", b.start_line, what(b)));
        out.push_str(&side_lines("ours", b.labels.ours.as_deref(), &b.ours));
        out.push_str(&side_lines("theirs", b.labels.theirs.as_deref(), &b.theirs));
    }
    out.push_str("settle them with: bearing resolve --ours|--theirs [ID…]\n");
    Ok(())
}

/// `  ours (HEAD):` and the side's lines, trimmed, one a line.
fn side_lines(name: &str, label: Option<&str>, text: &str) -> String {
    let head = match label {
        Some(l) => format!("  {name} ({}):", crate::text::sanitize(l)),
        None => format!("  {name}:"),
    };
    let mut s = head;
    if text.trim().is_empty() {
        s.push_str(" (nothing)\n");
        return s;
    }
    s.push('\n');
    for l in text.lines() {
        s.push_str(&format!("    {}\n", crate::text::sanitize(l.trim())));
    }
    s
}

/// The blocks to settle with `side`: those of `ids`, or all; an id with no
/// block is an error (and nothing is written).
fn picks(
    blocks: &[Block],
    ids: &[String],
    side: Side,
    file: &str,
) -> anyhow::Result<BTreeMap<usize, Side>> {
    if blocks.is_empty() {
        return Ok(BTreeMap::new());
    }
    let wanted = chosen(blocks, ids, file)?;
    let picked: Vec<&Block> = blocks.iter().filter(|b| wanted(b)).collect();
    for b in &picked {
        if let Some(lost) = dropped(b, side) {
            bail!(
                "{}: keeping {} would drop {lost}, which only {} has; nothing written. While git still has the merge, `bearing resolve` merges it again keeping both (after a commit: `git checkout -m {file}` brings the merge back); or edit the block by hand to keep both items",
                what(b),
                side_name(side),
                side_name(other(side))
            );
        }
    }
    Ok(picked.iter().map(|b| (b.start_line, side)).collect())
}

fn other(side: Side) -> Side {
    match side {
        Side::Ours => Side::Theirs,
        _ => Side::Ours,
    }
}

/// The items a block's other side holds that keeping `side` would drop
/// though nobody deleted them: not in `side`, not in the base section
/// (when there is one; else only when `side` holds items of its own, so
/// the block is two different items, not a delete against an edit).
fn dropped(b: &Block, side: Side) -> Option<String> {
    let (kept, gone) = match side {
        Side::Ours => (&b.ours, &b.theirs),
        Side::Theirs => (&b.theirs, &b.ours),
        Side::Base => return None,
    };
    let kept = Block::ids_in(kept);
    let base = b.base.as_deref().map(Block::ids_in);
    if base.is_none() && kept.is_empty() {
        return None;
    }
    let lost: Vec<String> = Block::ids_in(gone)
        .into_iter()
        .filter(|i| !kept.contains(i) && !base.as_ref().is_some_and(|b| b.contains(i)))
        .map(|i| label(&i).into_owned())
        .collect();
    (!lost.is_empty()).then(|| lost.join(", "))
}

/// Whether a block is one of `ids` (all when empty); an error naming an id
/// no block has, and the ids that have one.
fn chosen<'a>(
    blocks: &[Block],
    ids: &'a [String],
    file: &str,
) -> anyhow::Result<impl Fn(&Block) -> bool + 'a> {
    let ids: Vec<String> = ids.iter().map(|i| normalize(i)).collect();
    let settings = normalize(SETTINGS);
    let block_id = move |b: &Block| b.id.as_deref().map_or(settings.clone(), normalize);
    let have: Vec<String> = blocks.iter().map(&block_id).collect();
    if let Some(missing) = ids.iter().find(|i| !have.contains(i)) {
        let mut list = have.clone();
        list.dedup();
        bail!(
            "{}: no unresolved conflict in {file} (conflicts are in: {}); nothing written",
            label(missing),
            list.iter()
                .map(|i| label(i).into_owned())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    Ok(move |b: &Block| ids.is_empty() || ids.contains(&block_id(b)))
}

/// `D-1 risk`, `D-9 whole item`, `settings north_star`, `D-1 customer,
/// delivery, risk`, `D-A (ours) / D-B (theirs): both added here`.
fn what(b: &Block) -> String {
    let id = b.id.as_deref().unwrap_or(SETTINGS);
    if b.other_id.is_some() {
        return b.place();
    }
    if b.fields.len() > 1 {
        let fields: Vec<String> = b.fields.iter().map(|f| label(f).into_owned()).collect();
        return format!("{} {}", label(id), fields.join(", "));
    }
    match &b.field {
        Some(f) => format!("{} {}", label(id), label(f)),
        None if !b.linked_from.is_empty() => format!(
            "{} whole item (linked from {})",
            label(id),
            b.linked_from.join(", ")
        ),
        None => format!("{} whole item", label(id)),
    }
}

fn side_name(side: Side) -> &'static str {
    match side {
        Side::Ours => "ours",
        Side::Theirs => "theirs",
        Side::Base => "base",
    }
}
