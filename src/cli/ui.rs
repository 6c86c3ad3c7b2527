//! `bearing` with no command: the terminal UI on the plan (or the demo).

use std::io::{BufRead, IsTerminal, Write};

use anyhow::Context;

use super::{Ctx, display};
use crate::session::{NoPersist, file_persist::FilePersist};
use crate::store::{self, StoreError, embedded};
use crate::tui;

/// Opens the UI when there is a terminal; otherwise (a pipe, CI) prints the
/// overview so `bearing | less` still says something useful.
pub fn open(ctx: &Ctx, out: &mut String) -> anyhow::Result<()> {
    if !(std::io::stdout().is_terminal() && std::io::stdin().is_terminal()) {
        return super::list::overview(ctx, out);
    }
    if ctx.demo {
        let plan = store::format::from_text(embedded::DEMO)
            .map_err(|e| anyhow::anyhow!("the embedded demo plan is broken: {e:?}"))?;
        return tui::run(tui::Options {
            plan,
            path: None,
            read_only: true,
            read_only_why: None,
            note: None,
            today: ctx.today,
            persist: Box::new(NoPersist::demo_as_of(ctx.today)),
            select: None,
        });
    }
    let path = ctx.path()?;
    // Under the write lock: a writer saving right now keeps its temporary
    // file. Nothing to clean where nothing may be written.
    if store::check_writable(&path).is_ok()
        && let Ok(_lock) = store::WriteLock::acquire(&path)
    {
        store::save::clean_temp_files(&path);
    }
    let loaded = match store::load(&path) {
        Ok(l) => l,
        Err(StoreError::NotFound { .. }) => {
            if !offer_init(&path)? {
                out.push_str("no plan created\n");
                return Ok(());
            }
            store::create(&path, embedded::TEMPLATE)?;
            store::load(&path)?
        }
        Err(e) => return Err(e.into()),
    };
    // Read-only rather than refused: a second UI, a read-only file or
    // directory still show the plan, and say why they cannot edit it.
    let (presence, read_only_why) = match store::open_for_editing(&path) {
        Ok(lock) => (Some(lock), None),
        Err(why) => (None, Some(why)),
    };
    let read_only = presence.is_none();
    let mut persist =
        FilePersist::new(path.clone(), loaded.fingerprint, presence).with_comments(loaded.comments);
    if read_only {
        persist.wait_for_access();
    }
    persist.set_backups_command(super::backups::command(ctx));
    tui::run(tui::Options {
        plan: loaded.plan,
        path: Some(path),
        read_only,
        read_only_why,
        note: None,
        today: ctx.today,
        persist: Box::new(persist),
        select: None,
    })
}

fn offer_init(path: &std::path::Path) -> anyhow::Result<bool> {
    let mut stderr = std::io::stderr();
    write!(
        stderr,
        "No plan at {}.\nCreate one from the template (a North Star to fill in, three objectives)? [Y/n] ",
        display(path)
    )?;
    stderr.flush()?;
    let mut answer = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut answer)
        .context("cannot read the answer")?;
    let a = answer.trim().to_ascii_lowercase();
    Ok(a.is_empty() || a == "y" || a == "yes")
}
