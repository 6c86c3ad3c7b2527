//! `bearing org …`: the organisation's view. The workspace file lists the
//! teams; `fetch` brings git teams' plans into the cache; the roll-ups
//! read only the cache and local paths (never the network) and name the
//! commit or file time they read for each team.

mod fetch;
mod render;
mod ui;

use std::path::{Path, PathBuf};

use anyhow::Context;
use chrono::NaiveDate;

use super::Ctx;
use super::args::{OrgArgs, OrgCommand, OrgExportFormat};
use crate::model::Severity;
use crate::org::{self, TeamPlan, TeamState, Workspace};
use crate::store;

const ORG_ENV: &str = "BEARING_ORG";

/// The workspace a command works on: the file, its teams, where local
/// paths are relative to, and its cache.
pub struct OrgCtx {
    /// The workspace file.
    pub file: PathBuf,
    pub workspace: Workspace,
    pub base: PathBuf,
    pub cache: PathBuf,
    pub today: NaiveDate,
}

impl OrgCtx {
    fn open(ctx: &Ctx, flag: Option<&Path>) -> anyhow::Result<OrgCtx> {
        let env = std::env::var_os(ORG_ENV).filter(|v| !super::blank(v));
        let path = store::org::locate(flag, env.as_deref().map(Path::new), &ctx.cwd)
            .context(format!(
                "no workspace file: pass --org FILE, set {ORG_ENV}, or write ./{} listing the teams (see the README's \"The organisation's view\")",
                org::FILE_NAME
            ))?;
        let workspace = store::org::read_workspace(&path).map_err(|e| {
            let e = anyhow::Error::new(e);
            if flag.is_none() && env.is_some() {
                e.context(format!("{ORG_ENV} names this workspace"))
            } else {
                e
            }
        })?;
        let base = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => ctx.cwd.clone(),
        };
        let root = store::org::cache_root()
            .context("no data directory for the fetch cache: set BEARING_CACHE_DIR")?;
        let cache = store::org::cache_dir(&root, &path);
        Ok(OrgCtx {
            file: path,
            workspace,
            base,
            cache,
            today: ctx.today,
        })
    }

    /// Every team's plan, read in parallel (one thread per core), in the
    /// workspace's order. With `lines`, item lines for `org check`.
    pub fn read_all(&self, lines: bool) -> Vec<TeamPlan> {
        let teams = &self.workspace.teams;
        let n = std::thread::available_parallelism()
            .map_or(2, |n| n.get())
            .clamp(1, teams.len().max(1));
        let chunk = teams.len().div_ceil(n).max(1);
        let ws_name = self
            .file
            .file_name()
            .map_or_else(|| org::FILE_NAME.into(), |n| n.to_string_lossy());
        let ws_name = &ws_name;
        std::thread::scope(|s| {
            let handles: Vec<_> = teams
                .chunks(chunk)
                .map(|c| {
                    let h = s.spawn(move || {
                        c.iter()
                            .map(|t| {
                                store::org::read_team_of(&self.base, ws_name, &self.cache, t, lines)
                            })
                            .collect::<Vec<_>>()
                    });
                    (c, h)
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|(c, h)| {
                    h.join().unwrap_or_else(|_| {
                        c.iter()
                            .map(|t| TeamPlan {
                                team: t.clone(),
                                version: None,
                                fetch: org::FetchNote::default(),
                                file: t.source.label(),
                                state: TeamState::Failed {
                                    kind: "unreadable",
                                    message: "reading this plan failed unexpectedly".into(),
                                },
                            })
                            .collect()
                    })
                })
                .collect()
        })
    }
}

pub fn run(ctx: &Ctx, args: OrgArgs, out: &mut String) -> anyhow::Result<()> {
    let ws = OrgCtx::open(ctx, args.org.as_deref())?;
    let today = ws.today;
    let Some(command) = args.command else {
        return ui::open(&ws, out);
    };
    match command {
        OrgCommand::Fetch { jobs } => fetch::run(&ws, jobs, out),
        OrgCommand::Status { format } => render::status(&ws.read_all(false), format, out),
        OrgCommand::Krs { format } => {
            let teams = ws.read_all(false);
            render::krs(&teams, &org::kr_rows(&teams, today), format, out)
        }
        OrgCommand::Rank { limit, format } => {
            let teams = ws.read_all(false);
            render::rank(&teams, &org::rank(&teams, today, limit), format, out)
        }
        OrgCommand::Sprints { format } => {
            let teams = ws.read_all(false);
            render::sprints(&teams, &org::sprint_rows(&teams, today), format, out)
        }
        OrgCommand::Export { format, output } => export(&ws, format, output.as_deref(), out),
        OrgCommand::Check { format } => {
            let teams = ws.read_all(true);
            let rows = org::check_rows(&teams, today);
            render::check(&teams, &rows, format, out)?;
            let errors = rows
                .iter()
                .filter(|r| r.severity == Severity::Error)
                .count();
            if errors > 0 {
                super::print(out);
                out.clear();
                let failing: std::collections::BTreeSet<&str> = rows
                    .iter()
                    .filter(|r| r.severity == Severity::Error)
                    .map(|r| r.team.as_str())
                    .collect();
                anyhow::bail!(
                    "org check failed: {} in {}",
                    crate::text::count(errors, "error-level finding"),
                    failing.into_iter().collect::<Vec<_>>().join(", ")
                );
            }
            Ok(())
        }
    }
}

/// `bearing org export`: the organisation's page, to stdout or a file
/// (atomically; never over a plan or the workspace file).
fn export(
    ws: &OrgCtx,
    format: OrgExportFormat,
    output: Option<&Path>,
    out: &mut String,
) -> anyhow::Result<()> {
    let teams = ws.read_all(false);
    let page = org::page(&teams, ws.today).titled(org::page::workspace_title(&ws.workspace));
    let text = match format {
        OrgExportFormat::Md => crate::export::org_markdown(&page),
        OrgExportFormat::Html => crate::export::org_html(&page),
    };
    match output {
        // `-o -` is standard output, as in most tools.
        Some(path) if path.as_os_str() != "-" => {
            match store::org::write_export(path, &ws.file, text.as_bytes()) {
                Err(
                    e @ (store::StoreError::ExportOverPlan { .. }
                    | store::StoreError::ExportOverWorkspace { .. }),
                ) => return Err(e.into()),
                r => r.with_context(|| {
                    format!("cannot write the export to {}", super::display(path))
                })?,
            }
            out.push_str(&format!("wrote {}\n", super::display(path)));
        }
        _ => out.push_str(&text),
    }
    Ok(())
}
