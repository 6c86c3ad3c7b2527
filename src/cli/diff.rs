//! `bearing diff [FROM [TO]]`: what changed in the plan between two git
//! revisions (default: HEAD → the working file), two files, or since a
//! date (`--since`: the last commit before it → the working file). The
//! report is the domain's (`report::diff_report`); this reads the two
//! versions, through the git trait for revisions.
//!
//! FROM or TO that names an existing file is that file; one that can only
//! be a file (a `.ron` name, an absolute or `./` path) and does not exist
//! is "no such file"; anything else is a revision of the plan found as
//! usual (--file, BEARING_FILE, discovery), or, beside a file (`REV FILE`,
//! `FILE REV`), of that file.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};

use super::args::{DiffArgs, DiffFormat};
use super::{Ctx, display};
use crate::git::{Git, GitError, InRepo, RealGit};
use crate::model::Plan;
use crate::store;

/// One side of the comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Side {
    /// The plan file as it is on disk now.
    Working,
    File {
        path: PathBuf,
        label: String,
    },
    /// A revision, and how it is named in the output.
    Rev {
        rev: String,
        label: String,
    },
    /// A revision of a given file (`bearing diff REV FILE`: that file's
    /// version at REV, not the plan's).
    RevOf {
        rev: String,
        label: String,
        path: PathBuf,
    },
}

pub fn run(ctx: &Ctx, args: DiffArgs, out: &mut String) -> anyhow::Result<()> {
    run_with(ctx, &RealGit::new(), args, out)
}

fn run_with(ctx: &Ctx, git: &dyn Git, args: DiffArgs, out: &mut String) -> anyhow::Result<()> {
    if ctx.demo {
        bail!("the demo plan has no history; drop --demo (FROM and TO may be two plan files)");
    }
    let mut repo = Repo { ctx, git, at: None };
    let (from, to) = sides(ctx, &mut repo, &args)?;
    let (old, old_label) = repo.read(&from)?;
    let (new, new_label) = repo.read(&to)?;
    let report = crate::report::diff_report(&old, &new, &old_label, &new_label, ctx.today);
    match args.format {
        DiffFormat::Table => out.push_str(&report.table()),
        DiffFormat::Md => out.push_str(&report.markdown()),
        DiffFormat::Json => out.push_str(&crate::export::json_text(&report)?),
    }
    Ok(())
}

/// The plan's repository, asked for once and only when a revision is read.
struct Repo<'a> {
    ctx: &'a Ctx,
    git: &'a dyn Git,
    at: Option<InRepo>,
}

impl Repo<'_> {
    fn at(&mut self) -> anyhow::Result<&InRepo> {
        if self.at.is_none() {
            let plan = self.ctx.path()?;
            let at = self.git.locate(&plan).map_err(|e| match e {
                GitError::NotARepository { .. } => anyhow::anyhow!(
                    "{e}: bearing diff reads earlier versions of the plan from git (two plan files can be compared by their paths)"
                ),
                e => e.into(),
            })?;
            self.at = Some(at);
        }
        self.at
            .as_ref()
            .context("the plan's repository could not be found")
    }

    fn read(&mut self, side: &Side) -> anyhow::Result<(Plan, String)> {
        match side {
            Side::Working => {
                let source = self.ctx.read()?;
                // As the user would type it from here, not the absolute path.
                let label = self
                    .ctx
                    .path()
                    .ok()
                    .and_then(|p| p.strip_prefix(&self.ctx.cwd).ok().map(display))
                    .unwrap_or(source.label);
                Ok((source.plan, label))
            }
            Side::File { path, label } => {
                let loaded = store::load(path)?;
                Ok((loaded.plan, label.clone()))
            }
            Side::Rev { rev, label } => {
                let at = self.at()?.clone();
                Ok((self.revision(&at, rev)?, label.clone()))
            }
            Side::RevOf { rev, label, path } => {
                let at = self.git.locate(path).map_err(|e| match e {
                    GitError::NotARepository { .. } => anyhow::anyhow!(
                        "{e}: with a revision and a file, bearing diff compares that file's version at {rev} with the file (two plan files can be compared by their paths)"
                    ),
                    e => e.into(),
                })?;
                Ok((self.revision(&at, rev)?, label.clone()))
            }
        }
    }

    /// The plan at `at` in revision `rev`.
    fn revision(&self, at: &InRepo, rev: &str) -> anyhow::Result<Plan> {
        let text = self.git.show(&at.root, rev, &at.path)?;
        let name = PathBuf::from(format!("{rev}:{}", at.path));
        let text = store::load::decode(&name, text.into_bytes())?;
        Ok(store::load::parse(&name, &text)?)
    }
}

/// Whether an argument can only be meant as a file: an absolute path, one
/// starting `./` or `../`, or a `.ron` name (`HEAD:plan.ron` is git's).
fn names_a_file(s: &str) -> bool {
    let p = Path::new(s);
    p.is_absolute()
        || s.starts_with("./")
        || s.starts_with("../")
        || (!s.contains(':') && p.extension().is_some_and(|e| e.eq_ignore_ascii_case("ron")))
}

/// A revision beside a file reads that file's version: `bearing diff HEAD
/// plans/q3.ron` is what changed in plans/q3.ron since HEAD.
fn of_the_file(from: Side, to: Side) -> (Side, Side) {
    let of = |side: Side, path: &Path| match side {
        Side::Rev { rev, label } => Side::RevOf {
            rev,
            label,
            path: path.to_path_buf(),
        },
        side => side,
    };
    match (&from, &to) {
        (Side::Rev { .. }, Side::File { path, .. }) => {
            let path = path.clone();
            (of(from, &path), to)
        }
        (Side::File { path, .. }, Side::Rev { .. }) => {
            let path = path.clone();
            (from, of(to, &path))
        }
        _ => (from, to),
    }
}

/// FROM and TO as sides: an existing file, else a revision. `A...B` (what
/// a pull request shows: B against where it left A) is the merge base of A
/// and B → B; `A..B` is A → B; an empty end is HEAD, as in git.
fn sides(ctx: &Ctx, repo: &mut Repo, args: &DiffArgs) -> anyhow::Result<(Side, Side)> {
    if let Some(date) = &args.since {
        let root = repo.at()?.root.clone();
        // Strictly before midnight at the start of DATE, local time (git
        // reads a time with no zone as local; a bare date would be that day
        // at the current time of day). git's --before is inclusive, so the
        // bound is the last second of the day before.
        let eve = date.pred_opt().unwrap_or(*date);
        let rev = match repo.git.rev_before(&root, &format!("{eve}T23:59:59")) {
            Err(crate::git::GitError::NoCommitBefore { .. }) => {
                return Err(crate::git::GitError::NoCommitBefore {
                    date: date.to_string(),
                }
                .into());
            }
            rev => rev?,
        };
        let short = rev.get(..7).unwrap_or(&rev);
        let label = format!("last commit before {date} ({short})");
        return Ok((Side::Rev { rev, label }, Side::Working));
    }
    let side = |s: &str| {
        let path = ctx.cwd.join(s);
        if path.is_file() {
            Ok(Side::File {
                path,
                label: display(Path::new(s)),
            })
        } else if names_a_file(s) {
            bail!(
                "no such file: {} (FROM and TO are git revisions or plan files)",
                display(Path::new(s))
            )
        } else {
            Ok(Side::Rev {
                rev: s.to_owned(),
                label: s.to_owned(),
            })
        }
    };
    let head = |s: &str| if s.is_empty() { "HEAD" } else { s }.to_owned();
    if let (Some(range), None) = (args.from.as_deref(), &args.to)
        && !ctx.cwd.join(range).is_file()
    {
        if let Some((a, b)) = range.split_once("...") {
            let (a, b) = (head(a), head(b));
            let root = repo.at()?.root.clone();
            let base = repo.git.merge_base(&root, &a, &b)?;
            let short = base.get(..7).unwrap_or(&base).to_owned();
            let from = Side::Rev {
                rev: base,
                label: format!("merge base of {a} and {b} ({short})"),
            };
            return Ok((from, side(&b)?));
        }
        if let Some((a, b)) = range.split_once("..") {
            return Ok((side(&head(a))?, side(&head(b))?));
        }
    }
    let from = match args.from.as_deref() {
        Some(s) => side(s)?,
        None => Side::Rev {
            rev: "HEAD".into(),
            label: "HEAD".into(),
        },
    };
    let to = match args.to.as_deref() {
        Some(s) => side(s)?,
        None => Side::Working,
    };
    Ok(of_the_file(from, to))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::git::fake::FakeGit;

    fn ctx(dir: &Path) -> Ctx {
        Ctx {
            file: Some(dir.join("bearing.ron")),
            env_file: None,
            demo: false,
            today: chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
            cwd: dir.to_path_buf(),
        }
    }

    fn args(from: Option<&str>, to: Option<&str>, since: Option<&str>) -> DiffArgs {
        DiffArgs {
            from: from.map(str::to_owned),
            to: to.map(str::to_owned),
            since: since.map(|s| s.parse().unwrap()),
            format: DiffFormat::Json,
        }
    }

    #[test]
    fn revisions_are_read_through_the_git_trait_and_errors_say_what_is_missing() {
        let dir = tempfile::tempdir().unwrap();
        let plan = crate::store::embedded::TEMPLATE;
        std::fs::write(dir.path().join("bearing.ron"), plan).unwrap();
        let mut git = FakeGit::repo(dir.path()).file("HEAD", "bearing.ron", plan);
        git.commits.push(("2026-11-01".into(), "HEAD".into()));
        let c = ctx(dir.path());
        let mut out = String::new();
        run_with(&c, &git, args(None, None, None), &mut out).unwrap();
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["from"], "HEAD");
        assert_eq!(v["changed"].as_array().unwrap().len(), 0);

        let mut out = String::new();
        run_with(&c, &git, args(None, None, Some("2026-11-05")), &mut out).unwrap();
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["from"], "last commit before 2026-11-05 (HEAD)");

        let err = |a: DiffArgs, g: &FakeGit| {
            let e = run_with(&c, g, a, &mut String::new()).unwrap_err();
            super::super::error_text(&e)
        };
        assert!(err(args(Some("v9"), None, None), &git).contains("unknown revision \"v9\""));
        assert!(
            err(args(None, None, Some("2026-10-01")), &git).contains("no commit before 2026-10-01")
        );
        let other = FakeGit::repo(dir.path()).file("HEAD", "old.ron", plan);
        assert!(
            err(args(None, None, None), &other).contains("bearing.ron is not in revision HEAD")
        );
        let outside = FakeGit::default();
        assert!(err(args(None, None, None), &outside).contains("is not inside a git repository"));
        let missing = FakeGit {
            missing: true,
            ..FakeGit::default()
        };
        assert!(err(args(None, None, None), &missing).contains("git is not installed"));
    }

    #[test]
    fn two_files_need_no_git() {
        let dir = tempfile::tempdir().unwrap();
        let plan = crate::store::embedded::TEMPLATE;
        std::fs::write(dir.path().join("a.ron"), plan).unwrap();
        std::fs::write(dir.path().join("b.ron"), plan).unwrap();
        let git = FakeGit {
            missing: true,
            ..FakeGit::default()
        };
        let mut out = String::new();
        run_with(
            &ctx(dir.path()),
            &git,
            args(Some("a.ron"), Some("b.ron"), None),
            &mut out,
        )
        .unwrap();
        assert!(out.contains("\"from\": \"a.ron\""), "{out}");
    }

    #[test]
    fn a_missing_file_is_named_and_a_revision_beside_a_file_reads_that_file() {
        let dir = tempfile::tempdir().unwrap();
        let plan = crate::store::embedded::TEMPLATE;
        std::fs::create_dir_all(dir.path().join("plans")).unwrap();
        std::fs::write(dir.path().join("a.ron"), plan).unwrap();
        std::fs::write(dir.path().join("plans/q3.ron"), plan).unwrap();
        let git = FakeGit::repo(dir.path()).file("HEAD", "plans/q3.ron", plan);
        let c = ctx(dir.path());
        let err = |a: DiffArgs| {
            let e = run_with(&c, &git, a, &mut String::new()).unwrap_err();
            super::super::error_text(&e)
        };
        let missing = dir.path().join("nonexist.ron");
        let missing = missing.to_str().unwrap();
        assert!(
            err(args(Some("a.ron"), Some(missing), None))
                .starts_with(&format!("no such file: {missing}")),
        );
        assert!(err(args(Some("gone.ron"), None, None)).starts_with("no such file: gone.ron"));
        // HEAD's plans/q3.ron, not the plan's (bearing.ron is in no revision).
        let mut out = String::new();
        run_with(
            &c,
            &git,
            args(Some("HEAD"), Some("plans/q3.ron"), None),
            &mut out,
        )
        .unwrap();
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(
            (v["from"].as_str(), v["to"].as_str()),
            (Some("HEAD"), Some("plans/q3.ron"))
        );
        let outside = FakeGit::default();
        let e = run_with(
            &c,
            &outside,
            args(Some("HEAD"), Some("a.ron"), None),
            &mut out,
        );
        let e = super::super::error_text(&e.unwrap_err());
        assert!(
            e.contains("a.ron is not inside a git repository: with a revision and a file"),
            "{e}"
        );
    }
}
