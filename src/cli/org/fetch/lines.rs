//! What `bearing org fetch` prints: a line per team as it finishes, and
//! the summary.

use std::path::Path;

use crate::org::Team;
use crate::store::org::{TeamCache, short};
use crate::text::count;

use super::Done;

/// `payments: fetched 1a2b3c4 (main) in 40 ms`, `… up to date at …`, or
/// what failed and what the roll-ups use meanwhile.
pub(super) fn line(team: &Team, r: &Result<Done, String>, cache: &Path) -> String {
    match r {
        Ok(d) => {
            if let (Some(p), Some(kept)) = (&d.problem, &d.kept) {
                let s = format!(
                    "{}: fetched {} ({}) but its plan does not load ({p}); keeping {kept}",
                    team.id,
                    short(&d.commit),
                    d.rev
                );
                return format!("{}\n", crate::text::sanitize(&s));
            }
            let what = if d.changed {
                "fetched"
            } else {
                "up to date at"
            };
            let mut s = format!(
                "{}: {what} {} ({}) in {} ms",
                team.id,
                short(&d.commit),
                d.rev,
                d.millis
            );
            if let Some((wait, pid)) = d.waited {
                s.push_str(&format!(" ({})", waited(wait, pid)));
            }
            if let Some(p) = &d.problem {
                s.push_str(&format!("; warning: its plan does not load: {p}"));
            }
            format!("{}\n", crate::text::sanitize(&s))
        }
        Err(e) => {
            // git's first line says what failed; the rest is advice.
            let e = e.lines().next().unwrap_or_default();
            // Say what the roll-ups will really read: a copy counts only
            // while it is of the source the workspace names now.
            let kept = match TeamCache::new(cache, &team.id).meta() {
                Some(m) if m.is_of(&team.source) => {
                    format!(
                        "the roll-ups keep {} fetched {}",
                        m.version(),
                        crate::org::fetched::when(&m.at)
                    )
                }
                Some(_) => {
                    "no copy of this source yet: the copy of its old source is not used".to_owned()
                }
                None => "no copy yet".to_owned(),
            };
            let s = format!(
                "{}: failed{}: {e} ({kept})\n",
                team.id,
                if team.optional { " (optional)" } else { "" }
            );
            crate::text::sanitize_multiline(&s).into_owned()
        }
    }
}

/// `waited 2.0 s for pid 4242`: the wait for another fetch's lock, said
/// apart from the fetch's own time.
pub(super) fn waited(wait: std::time::Duration, pid: Option<u32>) -> String {
    let whom = pid.map_or_else(
        || "another bearing org fetch".to_owned(),
        |p| format!("pid {p}"),
    );
    format!("waited {:.1} s for {whom}", wait.as_secs_f64())
}

/// `4 git teams: 3 fetched (1 keeps an older copy: its newest plan does
/// not load), 1 failed (1 optional); 1 local team's file not found: typo`.
pub(super) fn summary(git: usize, kept: usize, failed: &[&Team], missing: &[&Team]) -> String {
    let optional = failed.iter().filter(|t| t.optional).count();
    let mut s = format!(
        "{}: {} fetched{}, {} failed{}",
        count(git, "git team"),
        git - failed.len(),
        match kept {
            0 => String::new(),
            1 => " (1 keeps an older copy: its newest plan does not load)".into(),
            n => format!(" ({n} keep an older copy: their newest plan does not load)"),
        },
        failed.len(),
        match optional {
            0 => String::new(),
            n => format!(" ({n} optional)"),
        }
    );
    if !missing.is_empty() {
        let ids: Vec<&str> = missing.iter().map(|t| t.id.as_str()).collect();
        s.push_str(&format!(
            "; {} not found: {}",
            count(missing.len(), "local team's file"),
            ids.join(", ")
        ));
    }
    s.push('\n');
    s
}
