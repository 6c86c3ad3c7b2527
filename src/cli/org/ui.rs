//! `bearing org` with no command: the read-only terminal UI on the
//! roll-up, or `org status` when there is no terminal (a pipe, CI). `r`
//! in the UI reads the workspace file, the cache and local paths again
//! (the same reading as at start).

use std::io::IsTerminal;
use std::path::Path;
use std::sync::Arc;

use super::{OrgCtx, render};
use crate::cli::args::OrgFormat;
use crate::org::TeamPlan;
use crate::store;
use crate::tui::org::reload::Loaded;
use crate::tui::org::{OrgApp, run::run};

pub fn open(ws: &OrgCtx, out: &mut String) -> anyhow::Result<()> {
    let teams = ws.read_all(false);
    if !(std::io::stdout().is_terminal() && std::io::stdin().is_terminal()) {
        return render::status(&teams, OrgFormat::Table, out);
    }
    let mut app = OrgApp::new(teams, ws.today, String::new());
    app.label = label(&app.teams, &ws.base);
    app.title = crate::org::page::workspace_title(&ws.workspace);
    let (file, base, cache, today) = (ws.file.clone(), ws.base.clone(), ws.cache.clone(), ws.today);
    let load = move || -> Result<Loaded, String> {
        let workspace = store::org::read_workspace(&file)
            .map_err(|e| format!("{:#}", anyhow::Error::new(e)))?;
        let ws = OrgCtx {
            file: file.clone(),
            workspace,
            base: base.clone(),
            cache: cache.clone(),
            today,
        };
        let teams = ws.read_all(false);
        Ok(Loaded {
            title: crate::org::page::workspace_title(&ws.workspace),
            label: label(&teams, &base),
            teams,
        })
    };
    run(app, Some(Arc::new(load)))
}

/// `3 teams in ../org`, the title line's words.
fn label(teams: &[TeamPlan], base: &Path) -> String {
    format!(
        "{} in {}",
        crate::text::count(teams.len(), "team"),
        crate::cli::display(base)
    )
}
