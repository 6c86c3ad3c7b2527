//! The org UI's first screen on 200 teams × 1,000 items (issue 15: within
//! 2 s), at 200×50: in process, each step's share (the workspace file and
//! the 200 cached plans read as `bearing org` reads them, one thread per
//! core; the UI's tables, built once; the first frame on a TestBackend),
//! then what a key costs on that workspace (a frame with it); and the whole
//! `bearing org` process in tmux, from its start until the table shows.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use bearing::org::{Team, TeamPlan};
use bearing::store::org::{cache_dir, read_team, read_workspace};
use bearing::tui::org::{OrgAction, OrgApp, OrgView, draw};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::{bin, today};

const WIDTH: u16 = 200;
const HEIGHT: u16 = 50;

/// Every team's plan, in the workspace's order, read on one thread per
/// core (what `bearing org`'s reader does).
fn read_all(base: &Path, cache: &Path, teams: &[Team]) -> Vec<TeamPlan> {
    let n = std::thread::available_parallelism().map_or(2, |n| n.get());
    let chunk = teams.len().div_ceil(n).max(1);
    std::thread::scope(|s| {
        let handles: Vec<_> = teams
            .chunks(chunk)
            .map(|c| {
                s.spawn(move || {
                    c.iter()
                        .map(|t| read_team(base, cache, t, false))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    })
}

fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1000.0)
}

pub fn in_process(ws: &Path, cache_root: &Path) {
    let start = Instant::now();
    let workspace = read_workspace(ws).unwrap();
    let base = ws.parent().unwrap();
    let cache = cache_dir(cache_root, ws);
    let plans = read_all(base, &cache, &workspace.teams);
    let read = start.elapsed();
    assert!(plans.iter().all(|p| p.plan().is_some()), "every team read");
    let label = format!("{} teams", plans.len());
    let mut app = OrgApp::new(plans, today(), label);
    let built = start.elapsed();
    let mut term = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).unwrap();
    term.draw(|f| draw(f, &app)).unwrap();
    let drawn = start.elapsed();
    println!(
        "org UI first screen, {} teams x {} items, {WIDTH}x{HEIGHT}, in process: {} (read workspace + cache {}, tables {}, first frame {})",
        super::TEAMS,
        super::ITEMS,
        ms(drawn),
        ms(read),
        ms(built - read),
        ms(drawn - built),
    );
    // A key and its frame, on that workspace: the tables are built once,
    // so no key reads a file or ranks again.
    let rows = app.tables.iter().map(|t| t.rows.len()).collect::<Vec<_>>();
    let mut key = |what: &str, actions: &[OrgAction]| {
        let t = Instant::now();
        for a in actions {
            app.update(a.clone());
        }
        term.draw(|f| draw(f, &app)).unwrap();
        format!("{what} {}", ms(t.elapsed()))
    };
    let times = [
        key("move", &[OrgAction::Move(1)]),
        key("to Debt", &[OrgAction::Show(OrgView::Debt)]),
        key("move in Debt", &[OrgAction::Move(1)]),
        key("page down", &[OrgAction::Move(10)]),
        key("end", &[OrgAction::Bottom]),
        key("/", &[OrgAction::Search]),
        key("type t", &[OrgAction::Type('t')]),
        key("type 1", &[OrgAction::Type('1')]),
        key("Enter", &[OrgAction::Enter]),
        key(
            "to Sprints (filtered)",
            &[OrgAction::Show(OrgView::Sprints)],
        ),
        key("to Debt (filtered)", &[OrgAction::Show(OrgView::Debt)]),
        key("Esc", &[OrgAction::Cancel]),
    ];
    println!(
        "  a key and its frame (rows: {rows:?}): {}",
        times.join(", ")
    );
}

/// `bearing org` in tmux at 200×50: from the start of the process until
/// the first team's row is on the screen. Skipped without tmux.
pub fn in_tmux(ws: &Path, cache_root: &Path, home: &Path) {
    let have = Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if !have {
        println!("org UI first screen in tmux: skipped (no tmux)");
        return;
    }
    let socket = format!("bearing-bench-org-{}", std::process::id());
    let cmd = format!(
        "BEARING_CACHE_DIR='{}' BEARING_TODAY=2026-11-20 GIT_CONFIG_NOSYSTEM=1 HOME='{}' '{}' org --org '{}'; sleep 60",
        cache_root.display(),
        home.display(),
        bin().display(),
        ws.display()
    );
    let tmux = |args: &[&str]| {
        Command::new("tmux")
            .args(["-L", &socket])
            .args(args)
            .output()
            .unwrap()
    };
    let start = Instant::now();
    let w = WIDTH.to_string();
    let h = HEIGHT.to_string();
    let out = tmux(&[
        "-f",
        "/dev/null",
        "new-session",
        "-d",
        "-x",
        &w,
        "-y",
        &h,
        "-s",
        "t",
        &cmd,
    ]);
    assert!(out.status.success(), "{out:?}");
    let mut shown = None;
    while start.elapsed() < Duration::from_secs(30) {
        let screen =
            String::from_utf8_lossy(&tmux(&["capture-pane", "-p", "-t", "t"]).stdout).into_owned();
        if screen.contains("1 Teams") && screen.lines().any(|l| l.starts_with("t000 ")) {
            shown = Some(start.elapsed());
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let _ = tmux(&["kill-server"]);
    match shown {
        Some(d) => println!(
            "org UI first screen, the whole `bearing org` process in tmux at {WIDTH}x{HEIGHT}: {:.2} s ({})",
            d.as_secs_f64(),
            bin().display()
        ),
        None => println!("org UI first screen in tmux: not shown within 30 s"),
    }
}
