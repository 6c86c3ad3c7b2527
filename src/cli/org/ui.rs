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
    let (file, base, cache) = (ws.file.clone(), ws.base.clone(), ws.cache.clone());
    let stamp = move || stamp(&file, &base, &cache);
    run(app, Some(Arc::new(load)), Some(Arc::new(stamp)))
}

/// The times and sizes of what a reload reads: the workspace file, the
/// local plans it names, and the fetch cache's files beside each team's
/// repository (`org-cache/…/<team>/*.ron`: the copy and its records, not
/// the repository itself) — a few stats per team, so cheap every 2 s.
fn stamp(file: &Path, base: &Path, cache: &Path) -> u64 {
    use std::hash::{DefaultHasher, Hash, Hasher};
    let mut h = DefaultHasher::new();
    let mut add = |p: &Path| {
        if let Ok(m) = std::fs::metadata(p) {
            p.hash(&mut h);
            m.len().hash(&mut h);
            m.modified().ok().hash(&mut h);
        }
    };
    add(file);
    if let Ok(ws) = store::org::read_workspace(file) {
        for t in &ws.teams {
            if let crate::org::TeamSource::Path { path } = &t.source {
                add(&base.join(path));
            }
        }
    }
    let dirs = std::fs::read_dir(cache).into_iter().flatten().flatten();
    let mut files: Vec<std::path::PathBuf> = dirs
        .filter_map(|team| std::fs::read_dir(team.path()).ok())
        .flat_map(|d| d.flatten().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    files.sort();
    for f in &files {
        add(f);
    }
    h.finish()
}

/// `3 teams in ../org`, the title line's words.
fn label(teams: &[TeamPlan], base: &Path) -> String {
    format!(
        "{} in {}",
        crate::text::count(teams.len(), "team"),
        crate::cli::display(base)
    )
}
