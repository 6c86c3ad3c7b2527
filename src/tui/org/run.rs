//! The org UI's loop on the real terminal. Enter on a row hands the
//! terminal to the plan UI on that team's plan, read-only (whether it came
//! from the cache or a local path: this view never edits a team's plan),
//! with the row's item selected in its view; quitting the plan UI comes
//! back here, `q` here exits.

use ratatui::crossterm::event::{self, Event};

use super::{OrgApp, OrgEffect, draw, handle_key};
use crate::tui;

pub fn run(mut app: OrgApp) -> anyhow::Result<()> {
    let mut terminal = ratatui::init();
    let result = (|| -> anyhow::Result<()> {
        loop {
            terminal.draw(|f| draw(f, &app))?;
            let Event::Key(key) = event::read()? else {
                continue;
            };
            match handle_key(&mut app, key) {
                OrgEffect::None => {}
                OrgEffect::Quit => return Ok(()),
                OrgEffect::Open { team: i, item } => {
                    let Some(opts) = app
                        .teams
                        .get(i)
                        .and_then(|t| super::open::plan_options(t, app.today, item))
                    else {
                        continue;
                    };
                    // The plan UI takes the terminal and gives it back.
                    ratatui::restore();
                    let opened = tui::run(opts);
                    terminal = ratatui::init();
                    if let Err(e) = opened {
                        app.message = Some(format!("{}: {e:#}", team_id(&app, i)));
                    }
                }
            }
        }
    })();
    ratatui::restore();
    result
}

fn team_id(app: &OrgApp, i: usize) -> String {
    app.teams
        .get(i)
        .map_or_else(String::new, |t| t.team.id.clone())
}
