//! `bearing sprint …`, `bearing hypothesis …` and `bearing checkin`: the
//! lifecycle commands. Each is one planning/lifecycle function, applied in
//! one read-modify-write.

use anyhow::anyhow;

use super::args::{Format, HypothesisCommand, LoadFormat, SprintCommand};
use super::table;
use super::{Ctx, Source};
use crate::lifecycle;
use crate::model::id::normalize;
use crate::model::validate;
use crate::model::{Change, Plan};
use crate::planning::{self, Carried};

fn field<T>(r: Result<T, validate::FieldError>) -> anyhow::Result<T> {
    r.map_err(|e| anyhow!("{e}"))
}

fn ids(list: &[String]) -> Vec<String> {
    list.iter().map(|s| normalize(s)).collect()
}

/// One planning step in one read-modify-write: its change applied, its
/// message returned.
fn step(
    ctx: &Ctx,
    run: impl FnOnce(&Plan) -> Result<planning::Outcome, planning::PlanningError>,
) -> anyhow::Result<String> {
    ctx.write(|plan| {
        let o = run(plan)?;
        plan.apply(o.change);
        Ok(o.message)
    })
}

pub fn sprint(ctx: &Ctx, cmd: SprintCommand, out: &mut String) -> anyhow::Result<()> {
    let today = ctx.today;
    let msg = match cmd {
        SprintCommand::List { format } => return list(ctx, format, out),
        SprintCommand::Load { id, format } => return load(ctx, id, format, out),
        SprintCommand::New {
            name,
            start,
            end,
            capacity,
            goal,
        } => {
            let start = field(validate::date("start", &start))?;
            let end = field(validate::date("end", &end))?;
            let capacity = capacity
                .as_deref()
                .map(|c| field(validate::effort("capacity", c)))
                .transpose()?;
            let (id, cap, basis) = ctx.write(|plan| {
                let basis = planning::capacity_suggestion(plan).1;
                let (change, id) = planning::new_sprint(
                    plan,
                    &name,
                    start,
                    end,
                    capacity,
                    goal.as_deref().unwrap_or(""),
                )?;
                plan.apply(change);
                if let Some(s) = plan.sprint(&id) {
                    warn(&id, &planning::creation_warnings(plan, s, today));
                }
                let cap = plan.sprint(&id).map_or(0, |s| s.capacity);
                Ok((id, cap, basis))
            })?;
            if capacity.is_none() {
                // A note, not output: stdout stays the one line that ends
                // with the id, for `id=$(… | awk '{print $NF}')`.
                eprintln!(
                    "note: capacity {}, {basis} (--capacity sets it)",
                    crate::text::count(cap, "point")
                );
            }
            format!("added sprint {id}")
        }
        SprintCommand::Plan { id, top } => {
            let id = normalize(&id);
            step(ctx, |plan| match top {
                Some(n) => planning::top_n(plan, &id, n, today),
                None => planning::auto_plan(plan, &id, today),
            })?
        }
        SprintCommand::Add { id, debts } => {
            let (id, debts) = (normalize(&id), ids(&debts));
            step(ctx, |plan| planning::add_items(plan, &id, &debts, today))?
        }
        SprintCommand::Remove { id, debts } => {
            let (id, debts) = (normalize(&id), ids(&debts));
            step(ctx, |plan| planning::remove_items(plan, &id, &debts, today))?
        }
        SprintCommand::Start { id } => {
            let id = normalize(&id);
            step(ctx, |plan| {
                let o = planning::start(plan, &id, today)?;
                if let Some(s) = plan.sprint(&id) {
                    warn(&id, &planning::start_warnings(plan, s, today));
                }
                Ok(o)
            })?
        }
        SprintCommand::Cancel { id } => {
            let id = normalize(&id);
            step(ctx, |plan| planning::cancel(plan, &id, today))?
        }
        SprintCommand::Close { id, done } => {
            let (id, done) = (normalize(&id), ids(&done));
            ctx.write(|plan| {
                let o = planning::close(plan, &id, &done, today)?;
                plan.apply(o.change);
                let mut msg = o.message;
                for (debt, to) in &o.report.carried {
                    msg.push_str(&match to {
                        Carried::Sprint(s) => format!("\n  {debt} → {s}"),
                        Carried::Backlog => format!("\n  {debt} → backlog"),
                    });
                }
                Ok(msg)
            })?
        }
    };
    out.push_str(&crate::text::sanitize_multiline(&msg));
    out.push('\n');
    Ok(())
}

/// `bearing sprint load`: the named sprint, else the one an export means.
fn load(ctx: &Ctx, id: Option<String>, format: LoadFormat, out: &mut String) -> anyhow::Result<()> {
    let Source { plan, .. } = ctx.read()?;
    let id = match id {
        Some(id) => normalize(&id),
        None => plan
            .current_sprint()
            .map(|s| s.id.clone())
            .ok_or(crate::export::ExportError::NoSprint)?,
    };
    out.push_str(&match format {
        LoadFormat::Table => crate::export::load_table(&plan, &id, table::width())?,
        LoadFormat::Csv => crate::export::load_csv(&plan, &id)?,
        LoadFormat::Json => crate::export::load_json(&plan, &id)?,
    });
    Ok(())
}

/// One lifecycle step in one read-modify-write: its change applied, its
/// message returned.
fn lifecycle_step(
    ctx: &Ctx,
    run: impl FnOnce(&Plan) -> Result<(Change, String), lifecycle::LifecycleError>,
) -> anyhow::Result<String> {
    ctx.write(|plan| {
        let (change, msg) = run(plan)?;
        plan.apply(change);
        Ok(msg)
    })
}

/// Warnings go to stderr, so stdout stays what scripts capture (the id).
fn warn(id: &str, warnings: &[String]) {
    for w in warnings {
        eprintln!("bearing: warning: {id}: {}", crate::text::sanitize(w));
    }
}

fn list(ctx: &Ctx, format: Format, out: &mut String) -> anyhow::Result<()> {
    let Source { plan, .. } = ctx.read()?;
    if format == Format::Json {
        out.push_str(&crate::export::sprints_json(&plan, ctx.today)?);
        return Ok(());
    }
    let t = super::list::sprint_table(&plan, ctx.today);
    out.push_str(&t.render(table::width()));
    if let Some(v) = planning::velocity_of(&plan) {
        // The words the sprint view, the chart and the report use.
        out.push_str(&format!("{v}\n"));
    }
    Ok(())
}

pub fn hypothesis(ctx: &Ctx, cmd: HypothesisCommand, out: &mut String) -> anyhow::Result<()> {
    let today = ctx.today;
    let msg = match cmd {
        HypothesisCommand::Start { id, review_by } => {
            let id = normalize(&id);
            let review_by = review_by
                .as_deref()
                .map(|d| field(validate::date("review-by", d)))
                .transpose()?;
            lifecycle_step(ctx, |plan| {
                lifecycle::start_hypothesis(plan, &id, review_by, today)
            })?
        }
        HypothesisCommand::Validate { id, evidence }
        | HypothesisCommand::Abandon { id, evidence }
            if evidence.trim().is_empty() =>
        {
            return Err(anyhow!(
                "{}: evidence must not be empty: say what was measured and what it showed",
                normalize(&id)
            ));
        }
        HypothesisCommand::Validate { id, evidence } => {
            let id = normalize(&id);
            lifecycle_step(ctx, |plan| lifecycle::validate(plan, &id, &evidence, today))?
        }
        HypothesisCommand::Abandon { id, evidence } => {
            let id = normalize(&id);
            lifecycle_step(ctx, |plan| lifecycle::abandon(plan, &id, &evidence, today))?
        }
        HypothesisCommand::Reopen { id } => {
            let id = normalize(&id);
            lifecycle_step(ctx, |plan| lifecycle::reopen(plan, &id, today))?
        }
    };
    out.push_str(&crate::text::sanitize_multiline(&msg));
    out.push('\n');
    Ok(())
}

pub fn checkin(
    ctx: &Ctx,
    kr: &str,
    value: &str,
    date: Option<&str>,
    out: &mut String,
) -> anyhow::Result<()> {
    let kr = normalize(kr);
    let value = field(validate::number("value", value))?;
    let date = match date {
        Some(d) => field(validate::date("date", d))?,
        None => ctx.today,
    };
    let today = ctx.today;
    let msg = lifecycle_step(ctx, |plan| {
        lifecycle::checkin(plan, &kr, value, date, today)
    })?;
    out.push_str(&crate::text::sanitize(&msg));
    out.push('\n');
    Ok(())
}

/// `bearing checkin KR --remove --date DATE`: takes back a wrong check-in.
pub fn uncheckin(ctx: &Ctx, kr: &str, date: Option<&str>, out: &mut String) -> anyhow::Result<()> {
    let kr = normalize(kr);
    let date = date.map(|d| field(validate::date("date", d))).transpose()?;
    let today = ctx.today;
    let msg = lifecycle_step(ctx, |plan| {
        lifecycle::remove_checkin(plan, &kr, date, today)
    })?;
    out.push_str(&crate::text::sanitize(&msg));
    out.push('\n');
    Ok(())
}
