//! `bearing backups`: the versions of this plan kept at each save, with what
//! changed since each; `bearing backups restore ID` puts one back.

use anyhow::bail;
use serde_json::json;

use super::table::{self, Table};
use super::{BackupsCommand, Ctx, Format, display};
use crate::model::{Plan, diff};
use crate::store::{self, backup};

pub fn run(
    ctx: &Ctx,
    action: Option<BackupsCommand>,
    format: Format,
    out: &mut String,
) -> anyhow::Result<()> {
    if ctx.demo {
        bail!("the demo plan has no backups: use --file PATH or run `bearing init`");
    }
    let path = ctx.path()?;
    match action {
        None => list(ctx, &path, format, out),
        Some(BackupsCommand::Restore { id }) => {
            // Said with the command that lists them, as this run was called.
            backup::find(&path, &id)
                .map_err(|e| anyhow::anyhow!("{e} (`{}` lists them)", command(ctx)))?;
            let done = backup::restore(&path, &id)?;
            match &done.previous {
                _ if done.unchanged => out.push_str(&format!(
                    "{} already is backup {}: nothing to restore\n",
                    display(&path),
                    done.id
                )),
                Some(prev) => out.push_str(&format!(
                    "restored {} from backup {}; the plan it replaced is backup {prev} (`{} restore {prev}` undoes this)\n",
                    display(&path),
                    done.id,
                    command(ctx)
                )),
                None => out.push_str(&format!(
                    "restored {} from backup {}\n",
                    display(&path),
                    done.id
                )),
            }
            Ok(())
        }
    }
}

/// `bearing backups` as this run was called, so the hint works when pasted
/// (with `--file` when the plan was named that way).
pub fn command(ctx: &Ctx) -> String {
    match &ctx.file {
        Some(f) => format!("bearing --file {} backups", shell_quote(&display(f))),
        None => "bearing backups".to_owned(),
    }
}

fn shell_quote(s: &str) -> String {
    if !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "/._-+,:@%".contains(c))
    {
        s.to_owned()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

/// What changed between a backup and the current plan, in words.
fn changed_since(backup: &std::path::Path, current: Option<&Plan>) -> (String, serde_json::Value) {
    let old = match store::load(backup) {
        Ok(l) => l.plan,
        Err(e) => {
            let why = format!("does not load: {e}");
            return (why.clone(), json!({ "error": why }));
        }
    };
    let Some(current) = current else {
        // Said once above the table.
        return ("?".to_owned(), serde_json::Value::Null);
    };
    let d = diff(&old, current);
    let words = if d.is_empty() {
        "same as now".to_owned()
    } else {
        // Only what is there: "2 added, 1 changed" fits beside the rest.
        let mut parts: Vec<String> = [
            (d.added.len(), "added"),
            (d.changed.len(), "changed"),
            (d.removed.len(), "removed"),
        ]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, w)| format!("{n} {w}"))
        .collect();
        if d.settings {
            parts.push("settings".to_owned());
        }
        parts.join(", ")
    };
    let value = json!({
        "added": d.added.len(),
        "changed": d.changed.len(),
        "removed": d.removed.len(),
        "settings": d.settings,
    });
    (words, value)
}

fn size(bytes: u64) -> String {
    const KIB: f64 = 1024.0;
    let b = bytes as f64;
    if b < KIB {
        format!("{bytes} B")
    } else if b < KIB * KIB {
        format!("{:.1} KiB", b / KIB)
    } else {
        format!("{:.1} MiB", b / KIB / KIB)
    }
}

fn list(ctx: &Ctx, path: &std::path::Path, format: Format, out: &mut String) -> anyhow::Result<()> {
    let all = backup::backups(path);
    let loaded = store::load(path);
    let current = loaded.as_ref().ok().map(|l| &l.plan);
    let rows: Vec<(backup::Backup, String, serde_json::Value)> = all
        .into_iter()
        .map(|b| {
            let (words, value) = changed_since(&b.path, current);
            (b, words, value)
        })
        .collect();
    let taken = |b: &backup::Backup| {
        b.taken
            .map(|t| t.format("%Y-%m-%d %H:%M:%S").to_string())
            .unwrap_or_default()
    };
    if format == Format::Json {
        let v: Vec<serde_json::Value> = rows
            .iter()
            .map(|(b, _, since)| {
                json!({
                    "id": b.id,
                    "taken": taken(b),
                    "size": b.size,
                    "path": b.path.display().to_string(),
                    "changed_since": since,
                })
            })
            .collect();
        out.push_str(&serde_json::to_string_pretty(&v)?);
        out.push('\n');
        return Ok(());
    }
    if rows.is_empty() {
        out.push_str(&format!(
            "no backups of {} yet (each save keeps the version it replaces, the last {})\n",
            display(path),
            backup::KEEP
        ));
        return Ok(());
    }
    if let Err(e) = &loaded {
        out.push_str(&format!(
            "the current plan does not load, so what changed since each is unknown: {e}\n"
        ));
    }
    out.push_str(&format!(
        "backups of {}, newest first (`{} restore ID` puts one back):\n",
        display(path),
        command(ctx)
    ));
    let mut t = Table::new(vec!["ID", "TAKEN", "SIZE", "CHANGED SINCE"], 3);
    t.right = vec![2];
    t.drop = vec![2];
    for (b, words, _) in rows {
        t.push(vec![b.id.clone(), taken(&b), size(b.size), words]);
    }
    out.push_str(&t.render(table::width()));
    Ok(())
}
