//! The findings `bearing check` (and the plan UI's Overview) gets from
//! git about a plan file: it is unmerged in git's index, or
//! `.gitattributes` sends it to a merge driver git's config lacks. Here,
//! beside the `git` command's trait, so the command line and the UI ask
//! the same questions and the domain (`check`) never runs a process.

use std::path::{Path, PathBuf};

use super::{Git, InRepo, RealGit, Scope, attributes};
use crate::check::{self, Finding, Rule};
use crate::model::Severity;

/// What `check` reads around the plan file at `path` (git and the work
/// tree; slow on a big repository — the UI calls this on a worker): a
/// merge git stopped on (though the file holds no markers: git left ours
/// in it when the driver could not run), a merge driver git lacks, and —
/// when `from_scan` ([`check::Context::reads_code`]) and the plan sits in
/// a git repository — the markers the work tree holds now (any upper-case
/// marker word, so whatever `--marker` the scan used).
pub fn check_context(path: &Path, from_scan: bool) -> check::Context {
    let git = RealGit::new();
    check::Context {
        unmerged: unmerged_finding(&git, path),
        driver_missing: driver_missing(&git, path),
        live: from_scan
            .then(|| super::scan::live_fingerprints(&git, path))
            .flatten(),
    }
}

/// Where the plan is in its repository, when it is unmerged there; `None`
/// outside a repository, without git, or when it is merged.
pub fn unmerged_at(git: &dyn Git, path: &Path) -> Option<InRepo> {
    let at = git.locate(path).ok()?;
    git.unmerged(&at.root, &at.path).ok()?.then_some(at)
}

/// `check`'s error for a plan git has as unmerged, whatever the file holds.
pub fn unmerged_finding(git: &dyn Git, path: &Path) -> Option<Finding> {
    let at = unmerged_at(git, path)?;
    Some(Finding {
        rule: Rule::MergeConflict,
        severity: Severity::Error,
        id: String::new(),
        line: None,
        message: format!(
            "{0} is unmerged in git (a merge stopped on it; the file may hold only ours): run bearing resolve to merge git's three versions with the plan-aware merge, then `git add {0}`; if you already settled it, `git add {0}` is all that is left",
            at.path
        ),
    })
}

/// `check`'s warning when the plan at `plan` is sent to the driver by
/// `.gitattributes` and git's config (any scope) lacks the driver. None
/// outside a repository, without git, or without the attribute.
pub fn driver_missing(git: &dyn Git, plan: &Path) -> Option<Finding> {
    let at = git.locate(plan).ok()?;
    let merge = git.attr(&at.root, "merge", &at.path).ok()?;
    if merge.as_deref() != Some(attributes::DRIVER) {
        // A line naming the driver that git does not follow: overridden.
        let named = attribute_files(&at).iter().any(|(file, rel)| {
            std::fs::read_to_string(file).is_ok_and(|t| attributes::names_driver(&t, rel))
        });
        return named.then(|| Finding {
            rule: Rule::GitDriverMissing,
            severity: Severity::Warn,
            id: String::new(),
            line: None,
            message: format!(
                ".gitattributes names the merge driver `bearing` for {}, but git does not use it there (`git check-attr merge`), so git merges the plan line by line: {}",
                at.path,
                overrider(&at)
            ),
        });
    }
    let driver = git
        .config_get(Scope::Effective, &at.root, "merge.bearing.driver")
        .ok()?;
    if driver.is_some_and(|d| !d.trim().is_empty()) {
        return None;
    }
    Some(Finding {
        rule: Rule::GitDriverMissing,
        severity: Severity::Warn,
        id: String::new(),
        line: None,
        message: format!(
            ".gitattributes sends {} to the merge driver `bearing`, but git's config does not define it, so git merges the plan line by line: run `bearing git install`",
            at.path
        ),
    })
}

/// The attribute files git reads for the plan, the strongest first:
/// `.git/info/attributes`, then each `.gitattributes` from the plan's
/// directory up to the root; each with the plan's path from its directory.
fn attribute_files(at: &InRepo) -> Vec<(PathBuf, String)> {
    let mut out = vec![(
        at.root.join(".git").join("info").join("attributes"),
        at.path.clone(),
    )];
    let parts: Vec<&str> = at.path.split('/').collect();
    for depth in (0..parts.len()).rev() {
        let dir = parts[..depth].join("/");
        let file = at.root.join(&dir).join(".gitattributes");
        out.push((file, parts[depth..].join("/")));
    }
    out
}

/// Which line makes git ignore the plan's line, and what to do: `p/.gitattributes:1
/// (`bearing.ron -merge -diff`) overrides it …`.
pub fn overrider(at: &InRepo) -> String {
    for (file, rel) in attribute_files(at) {
        let Ok(text) = std::fs::read_to_string(&file) else {
            continue;
        };
        if let Some((n, line)) = attributes::overriding_line(&text, &rel) {
            let name = file
                .strip_prefix(&at.root)
                .map_or_else(|_| display(&file), display);
            return format!(
                "{name}:{n} (`{line}`) overrides it (a deeper attribute file, and a later line, wins): remove that line, or make it `{} {}`",
                attributes::pattern(&rel),
                attributes::attributes()
            );
        }
    }
    format!(
        "an attribute source overrides it (core.attributesFile, a macro): `git check-attr -a -- {}` shows what git uses",
        at.path
    )
}

fn display(path: &Path) -> String {
    crate::text::sanitize(&path.display().to_string()).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::git::fake::FakeGit;

    #[test]
    fn the_warning_needs_the_attribute_and_a_missing_driver() {
        let root = Path::new("/r");
        let plan = root.join("bearing.ron");
        let mut git = FakeGit::repo(root);
        assert_eq!(driver_missing(&git, &plan), None);
        git.attrs
            .insert(("bearing.ron".into(), "merge".into()), "bearing".into());
        let f = driver_missing(&git, &plan).unwrap();
        assert_eq!(f.rule.name(), "git-driver-missing");
        assert!(f.message.contains("bearing git install"), "{}", f.message);
        git.config_set(
            Scope::Global,
            root,
            "merge.bearing.driver",
            "bearing merge-driver %O %A %B",
        )
        .unwrap();
        assert_eq!(driver_missing(&git, &plan), None);
        assert_eq!(driver_missing(&FakeGit::default(), &plan), None);
    }
}
