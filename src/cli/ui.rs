//! `bearing` with no command: the terminal UI on the plan (or the demo).

use std::io::{BufRead, IsTerminal, Write};

use anyhow::Context;

use super::{Ctx, display};
use crate::store::{self, PresenceLock, StoreError, embedded};
use crate::tui::{self, NoPersist, file_persist::FilePersist};

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
            today: ctx.today,
            persist: Box::new(NoPersist::demo()),
        });
    }
    let path = ctx.path()?;
    store::save::clean_temp_files(&path);
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
    let presence = PresenceLock::try_acquire(&path)?;
    let read_only = presence.is_none();
    let persist =
        FilePersist::new(path.clone(), loaded.fingerprint, presence).with_comments(loaded.comments);
    tui::run(tui::Options {
        plan: loaded.plan,
        path: Some(path),
        read_only,
        today: ctx.today,
        persist: Box::new(persist),
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
