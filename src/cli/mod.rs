//! The `bearing` command line: one small function per subcommand over the
//! same library the terminal UI uses, so the two never disagree.

mod args;
pub(crate) mod backups;
pub(crate) mod check;
mod config;
mod diff;
mod edit;
mod export;
mod forecast;
mod git;
mod import;
mod item_args;
mod list;
mod list_json;
pub mod merge_driver;
mod org;
mod remerge;
mod resolve;
pub(crate) mod scan;
mod show;
mod sprint;
mod table;
mod ui;

use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use chrono::NaiveDate;

pub use args::{BackupsCommand, Cli, Command, Format, ListKind};

use crate::model::Plan;
use crate::store::{self, embedded};

/// What every command needs: where the plan is and what day it is.
pub struct Ctx {
    pub file: Option<PathBuf>,
    pub env_file: Option<OsString>,
    pub demo: bool,
    pub today: NaiveDate,
    pub cwd: PathBuf,
}

/// A plan read for a command, with its text (for line numbers) and a label
/// for messages.
pub struct Source {
    pub plan: Plan,
    pub text: String,
    pub label: String,
}

impl Ctx {
    pub fn from_cli(cli: &Cli) -> anyhow::Result<Ctx> {
        let today = today(cli.today.as_deref(), std::env::var_os(TODAY_ENV), cli.demo)?;
        let cwd = std::env::current_dir().context("cannot read the current directory")?;
        Ok(Ctx {
            file: cli.file.clone(),
            // Empty (`BEARING_FILE=` in a CI template) means unset.
            env_file: std::env::var_os(FILE_ENV).filter(|v| !blank(v)),
            demo: cli.demo,
            today,
            cwd,
        })
    }

    /// The plan file this run uses (it may not exist yet).
    pub fn path(&self) -> anyhow::Result<PathBuf> {
        self.located().map(|l| l.path)
    }

    fn located(&self) -> anyhow::Result<store::discover::Located> {
        let data = store::discover::data_dir();
        store::locate(self.file.as_deref(), self.env_file.clone(), &self.cwd, data.as_deref())
            .context("no plan file: pass --file PATH, set BEARING_FILE, or run `bearing init` in your repository")
    }

    /// The plan file a command reads (None for the demo): what an export
    /// must never replace.
    pub fn plan_path(&self) -> Option<PathBuf> {
        if self.demo {
            return None;
        }
        self.located().ok().map(|l| l.path)
    }

    pub fn read(&self) -> anyhow::Result<Source> {
        if self.demo {
            let plan = store::format::from_text(embedded::DEMO)
                .map_err(|e| anyhow::anyhow!("the embedded demo plan is broken: {e:?}"))?;
            return Ok(Source {
                plan,
                text: embedded::DEMO.to_owned(),
                label: "demo.ron".into(),
            });
        }
        let located = self.located()?;
        let path = located.path;
        // An error about a file the environment chose names the variable.
        let loaded = store::load(&path).map_err(|e| match located.source {
            store::Source::Env => {
                anyhow::Error::new(e).context(format!("{FILE_ENV} names this plan"))
            }
            _ => anyhow::Error::new(e),
        })?;
        Ok(Source {
            plan: loaded.plan,
            text: loaded.text,
            label: display(&path),
        })
    }

    /// One read-modify-write of the plan under the write lock.
    pub fn write<T>(&self, edit: impl FnOnce(&mut Plan) -> anyhow::Result<T>) -> anyhow::Result<T> {
        if self.demo {
            bail!(
                "the demo plan is read-only; use --file PATH or run `bearing init` to start your own"
            );
        }
        let path = self.path()?;
        store::update(&path, edit)
    }
}

const TODAY_ENV: &str = "BEARING_TODAY";
const FILE_ENV: &str = "BEARING_FILE";

/// The day the plan is seen as of: `--today`, else `BEARING_TODAY` unless it
/// is empty (CI templates often set it to nothing), else the clock. A bad
/// value is reported under the name it came from.
fn today(flag: Option<&str>, env: Option<OsString>, demo: bool) -> anyhow::Result<NaiveDate> {
    let parse = |name: &'static str, s: &str| {
        crate::model::validate::date(name, s).map_err(|e| anyhow::anyhow!("{e}"))
    };
    if let Some(s) = flag {
        return parse("--today", s);
    }
    match env.filter(|v| !blank(v)) {
        Some(v) => match v.to_str() {
            Some(s) => parse(TODAY_ENV, s),
            None => bail!("{TODAY_ENV}: not valid UTF-8; set it to a date (YYYY-MM-DD)"),
        },
        // The demo is written for one day; as of the real clock it would
        // age into overdue sprints and stale experiments.
        None if demo => Ok(embedded::demo_today()),
        None => Ok(chrono::Local::now().date_naive()),
    }
}

/// An environment variable set to nothing or only spaces (`BEARING_TODAY=`,
/// `BEARING_TODAY=" "` from a CI template) counts as unset.
fn blank(v: &OsString) -> bool {
    v.to_str().is_some_and(|s| s.trim().is_empty())
}

pub fn display(path: &Path) -> String {
    crate::text::sanitize(&path.display().to_string()).into_owned()
}

/// A plan flag given to `bearing org`, which reads a workspace, not a plan:
/// the usage error to refuse it with (exit 2), instead of silently
/// ignoring it.
pub fn misplaced_plan_flag(cli: &Cli) -> Option<&'static str> {
    (matches!(cli.command, Some(Command::Org(_))) && (cli.file.is_some() || cli.demo))
        .then_some("--file/--demo name a plan; bearing org reads the workspace (--org FILE)")
}

/// Runs one command line. `Ok` output goes to stdout; errors are returned
/// for main to print and turn into exit code 1.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    let ctx = Ctx::from_cli(&cli)?;
    let mut out = String::new();
    if cli.org.is_some() && !matches!(cli.command, Some(Command::Org(_))) {
        bail!("--org names the organisation's workspace file: it goes with `bearing org …`");
    }
    match cli.command {
        None => ui::open(&ctx, &mut out)?,
        Some(Command::Init) => init(&ctx, &mut out)?,
        Some(Command::Add(cmd)) => edit::add(&ctx, cmd, &mut out)?,
        Some(Command::Edit(args)) => edit::edit(&ctx, args, &mut out)?,
        Some(Command::Rm { id, force }) => edit::remove(&ctx, &id, force, &mut out)?,
        Some(Command::Show { id, format }) => show::show(&ctx, &id, format, &mut out)?,
        Some(Command::List { kind, format }) => list::list(&ctx, kind, format, &mut out)?,
        Some(Command::Rank {
            explain,
            limit,
            format,
        }) => list::rank(&ctx, explain, limit, format, &mut out)?,
        Some(Command::Sprint(cmd)) => sprint::sprint(&ctx, cmd, &mut out)?,
        Some(Command::Hypothesis(cmd)) => sprint::hypothesis(&ctx, cmd, &mut out)?,
        Some(Command::Checkin {
            kr,
            value,
            date,
            remove,
        }) => match value {
            Some(value) if !remove => {
                sprint::checkin(&ctx, &kr, &value, date.as_deref(), &mut out)?
            }
            _ => sprint::uncheckin(&ctx, &kr, date.as_deref(), &mut out)?,
        },
        Some(Command::Check { format }) => check::run(&ctx, format, &mut out)?,
        Some(Command::Forecast(args)) => forecast::run(&ctx, args, &mut out)?,
        Some(Command::Export(cmd)) => export::run(&ctx, cmd, &mut out)?,
        Some(Command::Import(cmd)) => import::run(&ctx, cmd, &mut out)?,
        Some(Command::Backups { action, format }) => backups::run(&ctx, action, format, &mut out)?,
        Some(Command::Config(cmd)) => config::config(&ctx, cmd, &mut out)?,
        Some(Command::NorthStar(cmd)) => config::north_star(&ctx, cmd, &mut out)?,
        Some(Command::Git(cmd)) => git::run(&ctx, cmd, &mut out)?,
        Some(Command::Diff(args)) => diff::run(&ctx, args, &mut out)?,
        Some(Command::MergeDriver(args)) => {
            // main runs the driver itself (its exit codes are git's); here
            // only for callers of `run`.
            if merge_driver::run(&args) != 0 {
                bail!("merge-driver: the merge has conflicts or could not be written");
            }
        }
        Some(Command::Resolve(args)) => resolve::run(&ctx, args, &mut out)?,
        Some(Command::Scan(args)) => scan::run(&ctx, args, &mut out)?,
        Some(Command::Org(mut args)) => {
            // `bearing --org F org …` as well as `bearing org … --org F`;
            // both is refused, as `--org` twice after `org` is.
            if args.org.is_some() && cli.org.is_some() {
                bail!("--org given twice (before and after `org`): give it once");
            }
            args.org = args.org.or(cli.org);
            org::run(&ctx, args, &mut out)?
        }
        Some(Command::Completions { shell }) => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            let mut buf = Vec::new();
            clap_complete::generate(shell, &mut cmd, "bearing", &mut buf);
            out.push_str(&String::from_utf8_lossy(&buf));
        }
    }
    print(&out);
    Ok(())
}

/// An error and its causes as one terminal-safe message, each said once:
/// a cause whose text the message already holds (a file error that names
/// its OS error, then that OS error as its source) is not repeated.
pub fn error_text(e: &anyhow::Error) -> String {
    let mut msg = String::new();
    for cause in e.chain() {
        let s = cause.to_string();
        if s.is_empty() || msg.contains(&s) {
            continue;
        }
        if !msg.is_empty() {
            msg.push_str(": ");
        }
        msg.push_str(&s);
    }
    crate::text::sanitize_multiline(&msg).into_owned()
}

/// Writes to stdout; a closed pipe (`bearing rank | head`) is not an error.
pub fn print(s: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(s.as_bytes()).and_then(|()| stdout.flush());
}

fn init(ctx: &Ctx, out: &mut String) -> anyhow::Result<()> {
    if ctx.demo {
        bail!("the demo plan is read-only; `bearing init` writes a new plan: drop --demo");
    }
    // Like `git init`: without --file or BEARING_FILE the plan goes in this
    // directory, even when a parent directory has a plan of its own.
    let data = store::discover::data_dir();
    let located = store::locate(
        ctx.file.as_deref(),
        ctx.env_file.clone(),
        &ctx.cwd,
        data.as_deref(),
    );
    let (path, parent) = match located {
        Some(l) if matches!(l.source, store::Source::Flag | store::Source::Env) => (l.path, None),
        Some(l) if l.source == store::Source::Ancestor => {
            (ctx.cwd.join(store::discover::FILE_NAME), Some(l.path))
        }
        _ => (ctx.cwd.join(store::discover::FILE_NAME), None),
    };
    store::create(&path, embedded::TEMPLATE)?;
    out.push_str(&format!(
        "created {}\nnext: edit the North Star, then `bearing add debt TITLE --risk 3 --effort 2`\n",
        display(&path)
    ));
    if let Some(parent) = parent.filter(|p| *p != path) {
        out.push_str(&format!(
            "note: commands in this directory now use this plan, not {}\n",
            display(&parent)
        ));
    }
    Ok(())
}
