//! Enter on a row: the plan UI's options for that team's plan, read-only
//! (whether it came from the cache or a local path: this view never edits
//! a team's plan). It opens saying what it shows; an edit key there is
//! refused saying where the plan is edited instead.

use crate::org::{TeamPlan, TeamSource};
use crate::session::NoPersist;
use crate::tui;

/// Why a team's plan opened from the org view is read-only, said on every
/// edit key: `this is payments's plan from the cache; edit it in its
/// repository` (a git team), `edit it with bearing -f
/// ../platform/bearing.ron` (a local file).
pub fn read_only_why(team: &TeamPlan) -> String {
    let id = &team.team.id;
    match &team.team.source {
        TeamSource::Git { .. } => {
            format!("this is {id}'s plan from the cache; edit it in its repository")
        }
        // Short: the command is what the line must keep whole.
        TeamSource::Path { .. } => format!("edit it with bearing -f {}", team.file),
    }
}

/// What the plan UI says when it opens: which team's plan, which copy,
/// and how to come back.
pub fn note(team: &TeamPlan) -> String {
    format!(
        "read-only: {}'s plan, {}; q comes back to the org view",
        team.team.id,
        team.version.as_deref().unwrap_or("-")
    )
}

/// The plan UI's options for `team`'s plan on `item`; `None` when the plan
/// was not read.
pub fn plan_options(
    team: &TeamPlan,
    today: chrono::NaiveDate,
    item: Option<String>,
) -> Option<tui::Options> {
    let plan = team.plan()?;
    Some(tui::Options {
        plan: plan.clone(),
        path: None,
        read_only: true,
        read_only_why: Some(read_only_why(team)),
        note: Some(note(team)),
        today,
        persist: Box::new(NoPersist {
            // The team, not the file: the file is in the note and the
            // refusal, and the status line keeps the message whole.
            label: format!("{} (read-only)", team.team.id),
        }),
        select: item,
    })
}
