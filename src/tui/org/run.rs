//! The org UI's loop on the real terminal. Enter on a row hands the
//! terminal to the plan UI on that team's plan, read-only (whether it came
//! from the cache or a local path: this view never edits a team's plan),
//! with the row's item selected in its view; quitting the plan UI comes
//! back here, `q` here exits. `r` reads everything again on a worker
//! thread (never on the key path): keys keep working meanwhile, and the
//! result replaces the roll-up when it is ready. A watcher thread stamps
//! the files read every 2 s and starts the same reload when they change.

use std::sync::{Arc, mpsc};
use std::time::Duration;

use ratatui::crossterm::event::{self, Event};

use super::reload::Loaded;
use super::{OrgApp, OrgEffect, draw, handle_key};
use crate::tui;

/// Reads the roll-up again: the workspace file, the fetch cache and local
/// paths (what `bearing org` read at start).
pub type Loader = Arc<dyn Fn() -> Result<Loaded, String> + Send + Sync>;

/// A stamp of what the roll-up was read from (the workspace file, the
/// fetch cache's records, local plans: their times and sizes); when it
/// changes, the UI reloads by itself.
pub type Stamp = Arc<dyn Fn() -> u64 + Send + Sync>;

/// How often the loop looks for a reload's result between keys.
const POLL: Duration = Duration::from_millis(100);
/// How often the watcher stamps the files read.
const WATCH: Duration = Duration::from_secs(2);

pub fn run(mut app: OrgApp, loader: Option<Loader>, stamp: Option<Stamp>) -> anyhow::Result<()> {
    let mut terminal = ratatui::init();
    let (tx, rx) = mpsc::channel::<Result<Loaded, String>>();
    let (changed_tx, changed) = mpsc::channel::<()>();
    if let Some(stamp) = stamp {
        watch(stamp, changed_tx);
    }
    let result = (|| -> anyhow::Result<()> {
        let mut dirty = true;
        loop {
            if let Ok(r) = rx.try_recv() {
                app.reloaded(r);
                dirty = true;
            }
            // An `org fetch` elsewhere (or an edited plan): read again,
            // unless a reload is already under way.
            if changed.try_recv().is_ok()
                && !app.reloading
                && let Some(load) = &loader
            {
                app.reloading = true;
                app.message = Some("reloading: a plan or the fetch cache changed…".into());
                spawn_reload(Arc::clone(load), tx.clone());
                dirty = true;
            }
            if dirty {
                terminal.draw(|f| draw(f, &app))?;
                dirty = false;
            }
            if !event::poll(POLL)? {
                continue;
            }
            dirty = true;
            let Event::Key(key) = event::read()? else {
                continue;
            };
            match handle_key(&mut app, key) {
                OrgEffect::None => {}
                OrgEffect::Quit => return Ok(()),
                OrgEffect::Reload => match &loader {
                    Some(load) => spawn_reload(Arc::clone(load), tx.clone()),
                    None => app.reloaded(Err("nothing to reload from".into())),
                },
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

/// Reads on a worker; a reading that panics is an error said on the
/// bottom line, never a UI stuck on "reloading…".
fn spawn_reload(load: Loader, tx: mpsc::Sender<Result<Loaded, String>>) {
    std::thread::spawn(move || {
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| load()))
            .unwrap_or_else(|_| Err("reading the plans failed unexpectedly".into()));
        let _ = tx.send(r);
    });
}

/// Stamps the files read every [`WATCH`] on a thread of its own and says
/// when the stamp changes; it ends with the UI (its receiver gone).
fn watch(stamp: Stamp, tx: mpsc::Sender<()>) {
    std::thread::spawn(move || {
        let mut last = stamp();
        loop {
            std::thread::sleep(WATCH);
            let now = stamp();
            if now != last {
                last = now;
                if tx.send(()).is_err() {
                    return;
                }
            }
        }
    });
}

fn team_id(app: &OrgApp, i: usize) -> String {
    app.teams
        .get(i)
        .map_or_else(String::new, |t| t.team.id.clone())
}
