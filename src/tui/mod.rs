//! The terminal UI: keys go through the keymap to an [`Action`], `update`
//! changes the [`App`], the views draw it. This module owns the terminal:
//! set-up and restore (also on panic), mouse capture, suspend and the loop.

pub mod action;
pub mod app;
pub mod cache;
pub mod components;
pub mod edits;
pub mod experiment_ops;
pub mod file_persist;
pub mod history;
pub mod keymap;
pub mod prompt;
pub mod sprint_ops;
pub mod theme;
pub mod update;
pub mod views;

use std::io::stdout;
use std::path::PathBuf;

use chrono::NaiveDate;
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyEvent, MouseButton, MouseEvent,
    MouseEventKind,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{EnterAlternateScreen, enable_raw_mode};

pub use action::{Action, Effect, View};
pub use app::App;

use crate::model::Plan;

/// Where changes go. The file-backed implementation lives with the store; the
/// UI only needs to hand it the plan after every change and show the answer.
pub trait Persist {
    /// Saves the whole plan: `Ok("saved 14:02:11")` or `Err` with the path
    /// and the reason, shown in the status bar.
    fn save(&mut self, plan: &Plan) -> Result<String, String>;
    /// The file path, or "demo (read-only)".
    fn describe(&self) -> String;
}

/// Keeps the plan in memory only: for the demo and for tests.
#[derive(Debug, Clone)]
pub struct NoPersist {
    pub label: String,
}

impl NoPersist {
    pub fn demo() -> NoPersist {
        NoPersist {
            label: "demo (read-only)".to_owned(),
        }
    }

    pub fn memory() -> NoPersist {
        NoPersist {
            label: "no file".to_owned(),
        }
    }
}

impl Persist for NoPersist {
    fn save(&mut self, _plan: &Plan) -> Result<String, String> {
        Ok("kept in memory".to_owned())
    }

    fn describe(&self) -> String {
        self.label.clone()
    }
}

pub struct Options {
    pub plan: Plan,
    pub path: Option<PathBuf>,
    pub read_only: bool,
    pub today: NaiveDate,
    pub persist: Box<dyn Persist>,
}

/// Runs one action to completion: saves when the plan changed, and returns
/// what is left for the loop (quit, suspend).
pub fn handle(app: &mut App, action: Action) -> Effect {
    match update::update(app, action) {
        Effect::Save => {
            app.save();
            Effect::None
        }
        other => other,
    }
}

/// Looks a key up in the keymap and handles its action; unbound keys do nothing.
pub fn handle_key(app: &mut App, key: KeyEvent) -> Effect {
    match keymap::lookup(app.mode.kind(), app.view, key) {
        Some(action) => handle(app, action),
        // Unbound keys type into an open prompt.
        None => prompt::type_key(app, key),
    }
}

/// Click selects, the wheel scrolls three rows.
pub fn mouse_action(ev: MouseEvent) -> Option<Action> {
    match ev.kind {
        MouseEventKind::Down(MouseButton::Left) => Some(Action::Click(ev.column, ev.row)),
        MouseEventKind::ScrollDown => Some(Action::Scroll(3)),
        MouseEventKind::ScrollUp => Some(Action::Scroll(-3)),
        _ => None,
    }
}

pub fn run(opts: Options) -> anyhow::Result<()> {
    let Options {
        plan,
        path,
        read_only,
        today,
        persist,
    } = opts;
    let mut app = App::new(plan, today, read_only, persist);
    app.export_dir = path
        .as_deref()
        .and_then(std::path::Path::parent)
        .filter(|d| !d.as_os_str().is_empty())
        .map(std::path::Path::to_path_buf);
    // ratatui::init restores the terminal in its panic hook; ours runs first
    // and also gives the mouse back.
    let mut terminal = ratatui::init();
    let restore_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(stdout(), DisableMouseCapture);
        restore_hook(info);
    }));
    let result = execute!(stdout(), EnableMouseCapture)
        .map_err(anyhow::Error::from)
        .and_then(|()| event_loop(&mut terminal, &mut app));
    let _ = execute!(stdout(), DisableMouseCapture);
    ratatui::restore();
    if app.dirty
        && !app.read_only
        && let Some(Err(why)) = &app.saved
    {
        anyhow::bail!("quit with unsaved changes: {why}");
    }
    result
}

fn event_loop(terminal: &mut DefaultTerminal, app: &mut App) -> anyhow::Result<()> {
    loop {
        terminal.draw(|frame| views::draw(frame, app))?;
        let effect = match event::read()? {
            Event::Key(key) => handle_key(app, key),
            Event::Mouse(m) => mouse_action(m).map_or(Effect::None, |a| handle(app, a)),
            // The next draw uses the new size.
            Event::Resize(..) => Effect::None,
            _ => Effect::None,
        };
        match effect {
            Effect::Quit => return Ok(()),
            Effect::Suspend => suspend(terminal)?,
            Effect::None | Effect::Save => {}
        }
    }
}

/// Ctrl-Z: give the shell a clean terminal, stop ourselves like any job
/// does, and take the screen back when `fg` continues us.
fn suspend(terminal: &mut DefaultTerminal) -> anyhow::Result<()> {
    let _ = execute!(stdout(), DisableMouseCapture);
    ratatui::restore();
    #[cfg(unix)]
    {
        let pid = std::process::id().to_string();
        // `kill` delivers SIGTSTP before it exits, so we stop before the
        // status returns and continue here after `fg`.
        let _ = std::process::Command::new("kill")
            .args(["-TSTP", &pid])
            .status();
    }
    enable_raw_mode()?;
    execute!(stdout(), EnterAlternateScreen, EnableMouseCapture)?;
    terminal.clear()?;
    Ok(())
}
