//! A plan left unmerged in git's index (a merge stopped on it: `bearing`
//! was not on PATH when git ran the driver, or no driver was set up and git
//! merged it line by line). Git still holds the three versions (index
//! stages 1 base, 2 ours, 3 theirs), so, as `mergiraf solve` does,
//! `bearing resolve` first merges them again with the plan-aware merge (the
//! driver's own code) and writes that: markers only where a true clash is
//! left. `bearing check` reports such a plan as a `merge-conflict` error
//! even when the file holds no markers (git left ours in it).
//!
//! The re-merge never undoes work: it is written only over git's own
//! result — ours as git left it with no markers, or a file whose blocks are
//! not (a part of) the plan-aware merge's. A file already re-merged (and
//! maybe partly settled since) or settled by hand is left as it is.

use std::path::Path;

use super::merge_driver::{Labels, merge_texts};
use crate::git::findings::unmerged_at;
use crate::git::{Git, RealGit};
use crate::merge::markers;
use crate::store;

/// What [`remerge`] did, for `resolve` to go on from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Remerged {
    /// Not unmerged in git (or no git, no repository): nothing done.
    No,
    /// Unmerged, and the file was left as it is (said why).
    Left,
    /// Written; this many conflict blocks are left in the file.
    Written(usize),
}

/// Re-merges an unmerged plan from git's index stages when the file holds
/// git's own result; says what it did in `out`.
pub fn remerge(path: &Path, out: &mut String) -> anyhow::Result<Remerged> {
    remerge_with(&RealGit::new(), path, out)
}

fn remerge_with(git: &dyn Git, path: &Path, out: &mut String) -> anyhow::Result<Remerged> {
    let Some(at) = unmerged_at(git, path) else {
        return Ok(Remerged::No);
    };
    let file = &at.path;
    let stage = |n| git.stage(&at.root, n, file);
    let (Some(ours), Some(theirs)) = (stage(2)?, stage(3)?) else {
        out.push_str(&format!(
            "{file}: unmerged in git, deleted on one side: keep it (`git add {file}`) or drop it (`git rm {file}`)\n"
        ));
        return Ok(Remerged::Left);
    };
    let base = stage(1)?.unwrap_or_default();
    let merged = merge_texts(
        base.as_bytes(),
        ours.as_bytes(),
        theirs.as_bytes(),
        &Labels::default(),
    );
    if let Some(why) = merged.fallback {
        out.push_str(&format!(
            "{file}: unmerged in git, and git's versions cannot be merged as plans ({why}); left as it is\n"
        ));
        return Ok(Remerged::Left);
    }
    let next = String::from_utf8(merged.text)
        .map_err(|_| anyhow::anyhow!("{file}: the re-merge is not UTF-8 text"))?;
    let now = store::resolve::text(path)?;
    let add = format!("`git add {file}` to mark it resolved");
    if now == next {
        if merged.blocks == 0 {
            out.push_str(&format!(
                "{file}: holds the plan-aware merge, but git still has it unmerged: {add}\n"
            ));
        }
        return Ok(Remerged::Left);
    }
    if !gits_own(&now, [&base, &ours, &theirs], &next) {
        if !markers::has_markers(&now) {
            out.push_str(&format!(
                "{file}: unmerged in git; the file holds no conflict markers (settled by hand?): {add} when it is right\n"
            ));
        }
        return Ok(Remerged::Left);
    }
    store::resolve::rewrite(path, &now, &next)?;
    out.push_str(&format!(
        "{file}: re-merged git's three versions with the plan-aware merge (the file as git left it is a backup: bearing backups): {} left",
        crate::text::count(merged.blocks, "conflict")
    ));
    if merged.blocks == 0 {
        out.push_str(&format!("; {add}\n"));
    } else {
        out.push('\n');
    }
    Ok(Remerged::Written(merged.blocks))
}

/// Whether `now` is git's own result, which the re-merge `next` may
/// replace: ours as git left it (the driver did not run), or markers whose
/// sections are all as git wrote them (each side's lines found in that
/// side's version: not edited by hand) and not all blocks of `next` (git's
/// line merge, not a re-merge settled in part since).
fn gits_own(now: &str, [base, ours, theirs]: [&str; 3], next: &str) -> bool {
    if !markers::has_markers(now) {
        return now == ours;
    }
    let (Ok(have), Ok(want)) = (markers::blocks(now), markers::blocks(next)) else {
        return false;
    };
    // Sides as blocks hold them: `\n` line ends.
    let lf = |s: &str| s.replace("\r\n", "\n");
    let (base, ours, theirs) = (lf(base), lf(ours), lf(theirs));
    let as_git_wrote = have.iter().all(|b| {
        ours.contains(&b.ours)
            && theirs.contains(&b.theirs)
            && b.base.as_ref().is_none_or(|x| base.contains(x))
    });
    let sides = |b: &markers::Block| (b.ours.clone(), b.theirs.clone());
    let want: Vec<_> = want.iter().map(sides).collect();
    as_git_wrote && !have.iter().all(|b| want.contains(&sides(b)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::git::fake::FakeGit;

    #[test]
    fn only_an_unmerged_plan_is_an_error_or_re_merged() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bearing.ron");
        let plan = crate::store::embedded::TEMPLATE;
        std::fs::write(&path, plan).unwrap();
        let mut git = FakeGit::repo(dir.path());
        assert_eq!(crate::git::findings::unmerged_finding(&git, &path), None);
        let mut out = String::new();
        assert_eq!(remerge_with(&git, &path, &mut out).unwrap(), Remerged::No);
        for n in 1..=3 {
            git.stages.insert((n, "bearing.ron".into()), plan.into());
        }
        let f = crate::git::findings::unmerged_finding(&git, &path).unwrap();
        assert_eq!(f.rule.name(), "merge-conflict");
        assert!(f.message.contains("unmerged in git"), "{}", f.message);
        // Already the merge of the three: nothing to write, `git add` it.
        assert_eq!(remerge_with(&git, &path, &mut out).unwrap(), Remerged::Left);
        assert!(out.contains("git add bearing.ron"), "{out}");
        assert_eq!(
            crate::git::findings::unmerged_finding(&FakeGit::default(), &path),
            None
        );
    }
}
