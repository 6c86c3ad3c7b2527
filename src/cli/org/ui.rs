//! `bearing org` with no command: the read-only terminal UI on the
//! roll-up, or `org status` when there is no terminal (a pipe, CI).

use std::io::IsTerminal;

use super::{OrgCtx, render};
use crate::cli::args::OrgFormat;
use crate::tui::org::{OrgApp, run::run};

pub fn open(ws: &OrgCtx, out: &mut String) -> anyhow::Result<()> {
    let teams = ws.read_all(false);
    if !(std::io::stdout().is_terminal() && std::io::stdin().is_terminal()) {
        return render::status(&teams, OrgFormat::Table, out);
    }
    let label = format!("{} teams in {}", teams.len(), crate::cli::display(&ws.base));
    let mut app = OrgApp::new(teams, ws.today, label);
    app.title = crate::org::page::workspace_title(&ws.workspace);
    run(app)
}
