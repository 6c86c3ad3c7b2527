//! `bearing git install`, and the warning `check` gives in a clone whose
//! `.gitattributes` sends the plan to Bearing's merge driver while git's
//! config does not define it (a fresh clone, a CI runner): git would then
//! merge the plan line by line without a word.
//!
//! The driver is run as a bare `bearing` (found on PATH when git runs it),
//! not by the absolute path of the binary that installed it: an upgrade or
//! a move keeps working, and the same line fits every machine. When
//! `bearing` is not on PATH, `install` says so.
use anyhow::{Context, bail};

use super::args::GitCommand;
use super::{Ctx, display};
use crate::git::findings::overrider;
use crate::git::{Git, GitError, InRepo, RealGit, Scope, attributes};

/// The merge driver's command line, git's placeholders as the
/// `bearing merge-driver` subcommand takes them.
pub const DRIVER_COMMAND: &str = "bearing merge-driver %O %A %B %L %P %S %X %Y";

/// Hunk headers of `git diff` name the item a change is in: the canonical
/// writer puts `id: "…"` on its own line at the top of each item. A POSIX
/// extended regex; git shows its first group.
pub const XFUNCNAME: &str = "^[[:space:]]*id: \"([^\"]+)\"";

/// The config lines `install` writes, in order.
pub fn config_lines() -> [(&'static str, &'static str); 3] {
    [
        (
            "merge.bearing.name",
            "Bearing: plans merged item by item, field by field",
        ),
        ("merge.bearing.driver", DRIVER_COMMAND),
        ("diff.bearing.xfuncname", XFUNCNAME),
    ]
}

pub fn run(ctx: &Ctx, cmd: GitCommand, out: &mut String) -> anyhow::Result<()> {
    match cmd {
        GitCommand::Install { global } => install(ctx, &RealGit::new(), global, out),
    }
}

fn install(ctx: &Ctx, git: &dyn Git, global: bool, out: &mut String) -> anyhow::Result<()> {
    if ctx.demo {
        bail!("the demo plan is not in a repository; drop --demo");
    }
    let plan = ctx.path()?;
    let at = git.locate(&plan).map_err(|e| match e {
        GitError::NotARepository { .. } => anyhow::anyhow!(
            "{e}: bearing git install sets up the repository that holds the plan (run `git init` there first)"
        ),
        e => e.into(),
    })?;
    let mut changed = Vec::new();
    let mut overridden = None;
    if !resolved(git, &at)? {
        let file = at.root.join(".gitattributes");
        let text = match std::fs::read_to_string(&file) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
            Err(e) => return Err(e).with_context(|| format!("{}: cannot read", display(&file))),
        };
        let line = attributes::line(&at.path);
        // Once: a line already there that git does not follow is
        // overridden, and another copy would not change that.
        if !attributes::has_line(&text, &line) {
            std::fs::write(&file, attributes::append(&text, &line))
                .with_context(|| format!("{}: cannot write", display(&file)))?;
            changed.push(format!("{}: added {line}", display(&file)));
        }
        if !resolved(git, &at)? {
            overridden = Some(format!(
                "git still does not send {} to the merge driver: {}",
                at.path,
                overrider(&at)
            ));
        }
    }
    let (scope, config) = if global {
        (Scope::Global, "your git config (--global)")
    } else {
        (Scope::Local, "the repository's git config")
    };
    for (key, value) in config_lines() {
        if git.config_get(scope, &at.root, key)?.as_deref() != Some(value) {
            git.config_set(scope, &at.root, key, value)?;
            changed.push(format!("{config}: set {key} = {value}"));
        }
    }
    if changed.is_empty() && overridden.is_none() {
        out.push_str(&format!(
            "nothing to change: {} already goes through Bearing's merge driver and diff\n",
            at.path
        ));
    } else {
        for line in &changed {
            out.push_str(line);
            out.push('\n');
        }
        if changed.iter().any(|l| l.contains(".gitattributes")) {
            out.push_str("next: commit .gitattributes, so every clone merges the plan with Bearing (each clone runs `bearing git install` once)\n");
        }
    }
    if !on_path("bearing") {
        out.push_str("note: `bearing` is not on PATH, and git runs the driver as `bearing merge-driver …`: put bearing on PATH before merging\n");
    }
    if let Some(why) = overridden {
        super::print(out);
        out.clear();
        bail!("{why}");
    }
    Ok(())
}

/// Whether git resolves both `merge` and `diff` of the plan to Bearing's
/// driver (`git check-attr`, every attribute file as git reads them).
fn resolved(git: &dyn Git, at: &InRepo) -> Result<bool, GitError> {
    let ours = Some(attributes::DRIVER);
    Ok(git.attr(&at.root, "merge", &at.path)?.as_deref() == ours
        && git.attr(&at.root, "diff", &at.path)?.as_deref() == ours)
}

/// Whether `name` is an executable file in a PATH directory.
fn on_path(name: &str) -> bool {
    let Some(path) = std::env::var_os("PATH") else {
        return false;
    };
    let file = format!("{name}{}", std::env::consts::EXE_SUFFIX);
    std::env::split_paths(&path).any(|dir| dir.join(&file).is_file())
}
