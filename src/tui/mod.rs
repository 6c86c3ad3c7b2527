//! The terminal UI: keys go through the keymap to an [`Action`], `update`
//! changes the [`App`] (a view's own actions in its `*_ops` module; Enter,
//! Esc, typing and y/n through `route`), the views draw it. Every mode's
//! and view's data is in `state`. This module owns the terminal:
//! set-up and restore (also on panic), mouse capture, suspend and the loop.

pub mod action;
pub mod app;
pub mod cache;
pub mod check_ops;
pub mod components;
pub mod conflicts;
pub mod debt_ops;
pub mod edits;
pub mod experiment_ops;
pub mod form_save;
pub mod forms;
pub mod import_ops;
pub mod keymap;
pub mod merged;
pub mod org;
pub mod overview;
pub mod pickers;
pub mod quit;
pub mod reload;
pub mod resolve;
pub mod route;
pub mod scan_ops;
pub mod search_worker;
mod signals;
pub mod sprint_ops;
pub mod state;
pub mod theme;
pub mod triage_ops;
pub mod update;
pub mod views;

use std::io::stdout;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, KeyEvent, KeyEventKind, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{EnterAlternateScreen, enable_raw_mode};

/// The persistence the App is given: here for the App's callers.
pub use crate::session::{NoPersist, Persist};
pub use action::{Action, Effect, View};
pub use app::App;

use crate::model::Plan;

pub struct Options {
    pub plan: Plan,
    pub path: Option<PathBuf>,
    pub read_only: bool,
    /// Why the UI is read-only, said at start and on every refused edit.
    pub read_only_why: Option<String>,
    /// Said at start instead of the reason: what was opened (the org
    /// view's team plan), so an edit key's refusal is news.
    pub note: Option<String>,
    pub today: NaiveDate,
    pub persist: Box<dyn Persist>,
    /// An item to open on: its view with it selected (the org view's
    /// Enter on a debt, key result or sprint row); `None`: the Overview.
    pub select: Option<String>,
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

/// Looks a key up in the keymap and handles its action; unbound keys do
/// nothing, except in a form or picker, where they are typed.
pub fn handle_key(app: &mut App, key: KeyEvent) -> Effect {
    match keymap::lookup(app.mode.kind(), app.view, key) {
        Some(action) => handle(app, action),
        None if route::takes_text(app.mode.kind()) && key.kind != KeyEventKind::Release => {
            handle(app, Action::Type(key))
        }
        None => Effect::None,
    }
}

/// A bracketed paste: into the focused input, if one is open.
pub fn handle_paste(app: &mut App, text: &str) {
    route::paste(app, text);
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

/// How long the loop waits for a key before it checks the file for
/// outside changes.
const TICK: Duration = Duration::from_millis(300);
/// How long it waits while a search runs on its worker: its hits are drawn
/// this soon after they are found.
const SEARCH_POLL: Duration = Duration::from_millis(5);

/// The App the UI starts with: on the item asked for (its view, it
/// selected; the Overview without one), saying why it is read-only.
pub fn start(opts: Options) -> App {
    let Options {
        plan,
        path,
        read_only,
        read_only_why,
        note,
        today,
        persist,
        select,
    } = opts;
    let mut app = App::new(plan, today, read_only, persist);
    if let Some(id) = select
        && !pickers::select(&mut app, &id)
    {
        // Gone, or hidden by the Debt view's filter: what a search hit's
        // Enter does (the filter cleared to show it, or why not).
        pickers::jump(&mut app, &id);
    }
    if let Some(why) = read_only_why {
        app.info(format!("read-only: {why}"));
        app.read_only_why = Some(why);
    }
    if let Some(note) = note {
        app.info(note);
    }
    app.export_dir = path
        .as_deref()
        .and_then(std::path::Path::parent)
        .filter(|d| !d.as_os_str().is_empty())
        .map(std::path::Path::to_path_buf);
    app.plan_path = path;
    app
}

pub fn run(opts: Options) -> anyhow::Result<()> {
    let mut app = start(opts);
    // `check`'s reading of git and the work tree, off the frame path.
    check_ops::start(&mut app);
    // ratatui::init restores the terminal in its panic hook; ours runs first
    // and also gives the mouse and paste mode back.
    pickers::search_in_background(true);
    let mut terminal = ratatui::init();
    let restore_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(stdout(), DisableMouseCapture, DisableBracketedPaste);
        restore_hook(info);
    }));
    let watch = signals::Watch::start(app.session.persist().rescuer());
    let result = execute!(stdout(), EnableMouseCapture, EnableBracketedPaste)
        .map_err(anyhow::Error::from)
        .and_then(|()| event_loop(&mut terminal, &mut app, watch.stop()));
    let signal = watch.received();
    watch.main_exits();
    // Before the terminal is touched again (after SIGHUP it is gone): the
    // last save is waited for and a change not on disk goes to a recovery
    // copy.
    let exit = quit::on_exit(&mut app, signal);
    leave_terminal();
    drop(app);
    match exit {
        Some((message, true)) => anyhow::bail!(message),
        Some((message, false)) => {
            use std::io::Write;
            let _ = writeln!(std::io::stderr(), "bearing: {message}");
        }
        None => {}
    }
    // A signal ends the loop on purpose; reading a terminal that hung up
    // fails on the way, which is no news.
    if signal.is_some() { Ok(()) } else { result }
}

/// Set to `1`, the UI panics right after its first frame. It exists only for
/// the end-to-end test that proves a panic restores the terminal (cooked
/// mode, main screen, the message readable); it costs one env lookup at start.
pub const TEST_PANIC_ENV: &str = "BEARING_TEST_PANIC";

fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    stop: &std::sync::atomic::AtomicUsize,
) -> anyhow::Result<()> {
    if std::env::var_os(TEST_PANIC_ENV).is_some_and(|v| v == "1") {
        terminal.draw(|frame| views::draw(frame, app))?;
        panic!("{TEST_PANIC_ENV}=1: deliberate panic after the first frame");
    }
    let mut last_check = Instant::now();
    loop {
        if stop.load(std::sync::atomic::Ordering::Relaxed) != 0 {
            return Ok(());
        }
        terminal.draw(|frame| views::draw(frame, app))?;
        let wait =
            if pickers::search_pending(app) || scan_ops::pending(app) || check_ops::pending(app) {
                SEARCH_POLL
            } else {
                TICK
            };
        let effect = if event::poll(wait)? {
            match event::read()? {
                Event::Key(key) => handle_key(app, key),
                Event::Mouse(m) => mouse_action(m).map_or(Effect::None, |a| handle(app, a)),
                Event::Paste(text) => {
                    handle_paste(app, &text);
                    Effect::None
                }
                // The next draw uses the new size.
                Event::Resize(..) => Effect::None,
                _ => Effect::None,
            }
        } else {
            Effect::None
        };
        if app.poll_saved() {
            // Saved: what `check` reads around the file may differ now.
            check_ops::start(app);
        }
        pickers::poll_results(app);
        scan_ops::poll(app, false);
        check_ops::poll(app, false);
        // Also while keys keep coming: a long typing session still notices.
        // A save that ran into an outside change is told at once.
        if last_check.elapsed() >= TICK || app.session.has_news() {
            last_check = Instant::now();
            if reload::tick(app) {
                // The file changed outside: so may what `check` reads.
                check_ops::start(app);
            }
        }
        match effect {
            Effect::Quit => return Ok(()),
            Effect::Suspend => suspend(terminal)?,
            Effect::Editor => run_editor(terminal, app)?,
            Effect::None | Effect::Save => {}
        }
    }
}

/// Gives the terminal back: no mouse or paste mode, cooked, main screen.
fn leave_terminal() {
    let _ = leave_terminal_quietly();
}

/// [`leave_terminal`] that says whether it worked, and never complains:
/// after SIGHUP there is no terminal to write to, or to complain on.
fn leave_terminal_quietly() -> std::io::Result<()> {
    let mouse = execute!(stdout(), DisableMouseCapture, DisableBracketedPaste);
    ratatui::try_restore().and(mouse)
}

/// Takes the terminal again after [`leave_terminal`] and redraws it whole.
fn enter_terminal(terminal: &mut DefaultTerminal) -> anyhow::Result<()> {
    enable_raw_mode()?;
    execute!(
        stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste
    )?;
    terminal.clear()?;
    Ok(())
}

/// Ctrl-Z: give the shell a clean terminal, stop ourselves like any job
/// does, and take the screen back when `fg` continues us.
fn suspend(terminal: &mut DefaultTerminal) -> anyhow::Result<()> {
    leave_terminal();
    #[cfg(unix)]
    {
        let pid = std::process::id().to_string();
        // `kill` delivers SIGTSTP before it exits, so we stop before the
        // status returns and continue here after `fg`.
        let _ = std::process::Command::new("kill")
            .args(["-TSTP", &pid])
            .status();
    }
    enter_terminal(terminal)
}

/// Ctrl-e in a form: the editor gets the whole terminal, the form gets the
/// text back (or the reason the editor failed).
fn run_editor(terminal: &mut DefaultTerminal, app: &mut App) -> anyhow::Result<()> {
    let Some(text) = forms::editor_request(app) else {
        return Ok(());
    };
    let command = components::editor::editor_command(
        std::env::var("VISUAL").ok(),
        std::env::var("EDITOR").ok(),
    );
    leave_terminal();
    let result = components::editor::edit_text(&text, &command).map_err(|e| e.to_string());
    enter_terminal(terminal)?;
    forms::finish_editor(app, result);
    Ok(())
}
