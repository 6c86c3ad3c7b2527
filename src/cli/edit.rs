//! `add`, `edit` and `rm` (`show` is in show.rs): every value goes through the same
//! validation the UI forms use.

use anyhow::{Context, anyhow, bail};

use super::Ctx;
use super::args::{AddCommand, DebtArgs, EditArgs};
use crate::model::edit;
use crate::model::validate::{self, FieldError};
use crate::model::{Change, Debt, Hypothesis, Item, KeyResult, Kind, Objective, Plan};

fn field<T>(r: Result<T, FieldError>) -> anyhow::Result<T> {
    r.map_err(|e| anyhow!("{e}"))
}

fn opt<T>(
    v: &Option<String>,
    f: impl Fn(&'static str, &str) -> Result<T, FieldError>,
    name: &'static str,
) -> anyhow::Result<Option<T>> {
    v.as_deref().map(|s| field(f(name, s))).transpose()
}

/// Refuses an item that breaks a whole-item rule, naming every broken field.
fn check(id: &str, errors: Vec<FieldError>) -> anyhow::Result<()> {
    if errors.is_empty() {
        return Ok(());
    }
    let list: Vec<String> = errors.iter().map(ToString::to_string).collect();
    bail!("{id}: {}", list.join("; "))
}

fn ids(list: &[String]) -> Vec<String> {
    list.iter().map(|s| validate_id(s)).collect()
}

fn validate_id(s: &str) -> String {
    crate::model::id::normalize(s)
}

pub fn add(ctx: &Ctx, cmd: AddCommand, out: &mut String) -> anyhow::Result<()> {
    let today = ctx.today;
    let (id, kind) = ctx.write(|plan| {
        let item = match cmd {
            AddCommand::Objective { title, description } => Item::Objective(Objective {
                id: plan.new_id(Kind::Objective),
                title: field(validate::title("title", &title))?,
                description: description.unwrap_or_default(),
            }),
            AddCommand::Kr {
                title,
                objective,
                baseline,
                target,
                current,
                unit,
                start,
                due,
                owner,
            } => {
                let baseline = field(validate::number("baseline", &baseline))?;
                let kr = KeyResult {
                    id: plan.new_id(Kind::KeyResult),
                    objective: validate_id(&objective),
                    title: field(validate::title("title", &title))?,
                    unit: unit.unwrap_or_default(),
                    baseline,
                    target: Some(field(validate::number("target", &target))?),
                    current: opt(&current, validate::number, "current")?.unwrap_or(baseline),
                    start: opt(&start, validate::date, "start")?.unwrap_or(today),
                    due: opt(&due, validate::date, "due")?,
                    owner: owner.unwrap_or_default(),
                    checkins: Vec::new(),
                };
                check("new key result", validate::key_result(&kr, plan))?;
                Item::KeyResult(kr)
            }
            AddCommand::Hypothesis {
                title,
                belief,
                signal,
                impact,
                confidence,
                ease,
                krs,
                owner,
            } => {
                let mut h = Hypothesis::new(
                    plan.new_id(Kind::Hypothesis),
                    field(validate::title("title", &title))?,
                    today,
                );
                h.belief = belief;
                h.signal = signal;
                h.impact = opt(&impact, validate::ice, "impact")?.unwrap_or(5);
                h.confidence = opt(&confidence, validate::ice, "confidence")?.unwrap_or(5);
                h.ease = opt(&ease, validate::ice, "ease")?.unwrap_or(5);
                h.key_results = ids(&krs);
                h.owner = owner.unwrap_or_default();
                check("new hypothesis", validate::hypothesis(&h, plan))?;
                Item::Hypothesis(h)
            }
            AddCommand::Debt(args) => Item::Debt(new_debt(plan, args, today)?),
        };
        let (id, kind) = (item.id().to_owned(), item.kind());
        plan.apply(Change::new(format!("add {id}")).put(item));
        Ok((id, kind))
    })?;
    out.push_str(&format!("added {kind} {id}\n"));
    Ok(())
}

fn new_debt(plan: &Plan, a: DebtArgs, today: chrono::NaiveDate) -> anyhow::Result<Debt> {
    let mut d = Debt::new(
        plan.new_id(Kind::Debt),
        field(validate::title("title", &a.title))?,
        today,
    );
    d.customer = opt(&a.customer, validate::rating, "customer")?.unwrap_or(0);
    d.delivery = opt(&a.delivery, validate::rating, "delivery")?.unwrap_or(0);
    d.risk = opt(&a.risk, validate::rating, "risk")?.unwrap_or(0);
    d.urgency = opt(&a.urgency, validate::rating, "urgency")?.unwrap_or(0);
    // No --effort: not estimated, the item waits in the triage queue (it
    // used to default to 1 point and rank as the cheapest of all).
    d.effort = opt(&a.effort, validate::optional_effort, "effort")?.flatten();
    d.due = opt(&a.due, validate::optional_date, "due")?.flatten();
    d.owner = a.owner.unwrap_or_default();
    d.area = a.area.unwrap_or_default();
    d.tags = validate::lists(&a.tags);
    d.key_results = ids(&a.krs);
    d.description = a.description.unwrap_or_default();
    check("new debt item", validate::debt(&d, plan))?;
    Ok(d)
}

/// Applies the flags of `edit` that fit; names any that do not.
struct Fields<'a> {
    args: &'a EditArgs,
    used: Vec<&'static str>,
}

impl<'a> Fields<'a> {
    fn take(&mut self, name: &'static str, v: &'a Option<String>) -> Option<&'a str> {
        let v = v.as_deref()?;
        self.used.push(name);
        Some(v)
    }

    fn given(&self) -> Vec<&'static str> {
        let a = self.args;
        let all: [(&'static str, bool); 30] = [
            ("title", a.title.is_some()),
            ("description", a.description.is_some()),
            ("owner", a.owner.is_some()),
            ("objective", a.objective.is_some()),
            ("baseline", a.baseline.is_some()),
            ("target", a.target.is_some()),
            ("current", a.current.is_some()),
            ("unit", a.unit.is_some()),
            ("start", a.start.is_some()),
            ("due", a.due.is_some()),
            ("no-due", a.no_due),
            ("belief", a.belief.is_some()),
            ("signal", a.signal.is_some()),
            ("impact", a.impact.is_some()),
            ("confidence", a.confidence.is_some()),
            ("ease", a.ease.is_some()),
            ("customer", a.customer.is_some()),
            ("delivery", a.delivery.is_some()),
            ("risk", a.risk.is_some()),
            ("urgency", a.urgency.is_some()),
            ("effort", a.effort.is_some()),
            ("area", a.area.is_some()),
            ("tag", !a.tags.is_empty()),
            ("kr", !a.krs.is_empty()),
            ("status", a.status.is_some()),
            ("name", a.name.is_some()),
            ("end", a.end.is_some()),
            ("capacity", a.capacity.is_some()),
            ("goal", a.goal.is_some()),
            ("id", false),
        ];
        all.iter().filter(|(_, g)| *g).map(|(n, _)| *n).collect()
    }
}

pub fn edit(ctx: &Ctx, args: EditArgs, out: &mut String) -> anyhow::Result<()> {
    let id = validate_id(&args.id);
    let today = ctx.today;
    let label = ctx.write(|plan| {
        let item = plan
            .item(&id)
            .with_context(|| format!("no item with id {id}"))?;
        let mut f = Fields {
            args: &args,
            used: Vec::new(),
        };
        let a = &args;
        let item = match item {
            Item::Objective(mut o) => {
                if let Some(v) = f.take("title", &a.title) {
                    o.title = field(validate::title("title", v))?;
                }
                if let Some(v) = f.take("description", &a.description) {
                    o.description = v.to_owned();
                }
                check(&o.id, validate::objective(&o))?;
                Item::Objective(o)
            }
            Item::KeyResult(mut k) => {
                if let Some(v) = f.take("title", &a.title) {
                    k.title = field(validate::title("title", v))?;
                }
                if let Some(v) = f.take("objective", &a.objective) {
                    k.objective = validate_id(v);
                }
                if let Some(v) = f.take("baseline", &a.baseline) {
                    k.baseline = field(validate::number("baseline", v))?;
                }
                if let Some(v) = f.take("target", &a.target) {
                    k.target = Some(field(validate::number("target", v))?);
                }
                if let Some(v) = f.take("current", &a.current) {
                    let v = field(validate::number("current", v))?;
                    k.current = field(validate::current(&k, v))?;
                }
                if let Some(v) = f.take("unit", &a.unit) {
                    k.unit = v.to_owned();
                }
                if let Some(v) = f.take("start", &a.start) {
                    k.start = field(validate::date("start", v))?;
                }
                if let Some(v) = f.take("due", &a.due) {
                    k.due = Some(field(validate::date("due", v))?);
                }
                if let Some(v) = f.take("owner", &a.owner) {
                    k.owner = v.to_owned();
                }
                check(&k.id, validate::key_result(&k, plan))?;
                Item::KeyResult(k)
            }
            Item::Hypothesis(mut h) => {
                if let Some(v) = f.take("title", &a.title) {
                    h.title = field(validate::title("title", v))?;
                }
                if let Some(v) = f.take("belief", &a.belief) {
                    h.belief = v.to_owned();
                }
                if let Some(v) = f.take("signal", &a.signal) {
                    h.signal = v.to_owned();
                }
                if let Some(v) = f.take("impact", &a.impact) {
                    h.impact = field(validate::ice("impact", v))?;
                }
                if let Some(v) = f.take("confidence", &a.confidence) {
                    h.confidence = field(validate::ice("confidence", v))?;
                }
                if let Some(v) = f.take("ease", &a.ease) {
                    h.ease = field(validate::ice("ease", v))?;
                }
                if let Some(v) = f.take("owner", &a.owner) {
                    h.owner = v.to_owned();
                }
                if !a.krs.is_empty() {
                    f.used.push("kr");
                    h.key_results = ids(&a.krs);
                }
                check(&h.id, validate::hypothesis(&h, plan))?;
                Item::Hypothesis(h)
            }
            Item::Debt(mut d) => {
                if let Some(v) = f.take("title", &a.title) {
                    d.title = field(validate::title("title", v))?;
                }
                if let Some(v) = f.take("description", &a.description) {
                    d.description = v.to_owned();
                }
                if let Some(v) = f.take("owner", &a.owner) {
                    d.owner = v.to_owned();
                }
                if let Some(v) = f.take("area", &a.area) {
                    d.area = v.to_owned();
                }
                for (name, val, slot) in [
                    ("customer", &a.customer, &mut d.customer),
                    ("delivery", &a.delivery, &mut d.delivery),
                    ("risk", &a.risk, &mut d.risk),
                    ("urgency", &a.urgency, &mut d.urgency),
                ] {
                    if let Some(v) = f.take(name, val) {
                        *slot = field(validate::rating(name, v))?;
                    }
                }
                if let Some(v) = f.take("effort", &a.effort) {
                    d.effort = field(validate::optional_effort("effort", v))?;
                }
                if let Some(v) = f.take("due", &a.due) {
                    d.due = field(validate::optional_date("due", v))?;
                }
                if a.no_due {
                    f.used.push("no-due");
                    d.due = None;
                }
                if let Some(v) = f.take("status", &a.status) {
                    d.set_status(field(validate::debt_status("status", v))?, today);
                }
                if !a.tags.is_empty() {
                    f.used.push("tag");
                    d.tags = validate::lists(&a.tags);
                }
                if !a.krs.is_empty() {
                    f.used.push("kr");
                    d.key_results = ids(&a.krs);
                }
                check(&d.id, validate::debt(&d, plan))?;
                Item::Debt(d)
            }
            Item::Sprint(mut s) => {
                if let Some(v) = f.take("name", &a.name) {
                    s.name = field(validate::title("name", v))?;
                }
                if let Some(v) = f.take("start", &a.start) {
                    s.start = field(validate::date("start", v))?;
                }
                if let Some(v) = f.take("end", &a.end) {
                    s.end = field(validate::date("end", v))?;
                }
                if let Some(v) = f.take("capacity", &a.capacity) {
                    s.capacity = field(validate::effort("capacity", v))?;
                }
                if let Some(v) = f.take("goal", &a.goal) {
                    s.goal = v.to_owned();
                }
                check(&s.id, validate::sprint(&s, plan))?;
                Item::Sprint(s)
            }
        };
        let unused: Vec<_> = f
            .given()
            .into_iter()
            .filter(|n| !f.used.contains(n))
            .map(|n| format!("--{n}"))
            .collect();
        if !unused.is_empty() {
            bail!(
                "{id}: {} {} not apply to a {}",
                unused.join(", "),
                if unused.len() == 1 { "does" } else { "do" },
                item.kind()
            );
        }
        if f.used.is_empty() {
            bail!("{id}: nothing to change; give the fields to set, e.g. --title or --risk");
        }
        let label = format!("edited {id} ({})", f.used.join(", "));
        plan.apply(Change::new(label.clone()).put(item));
        Ok(label)
    })?;
    out.push_str(&label);
    out.push('\n');
    Ok(())
}

/// `rm`: the domain's delete rule; without `--force` it refuses anything
/// that reaches past the item, naming the links (the UI asks instead).
pub fn remove(ctx: &Ctx, id: &str, force: bool, out: &mut String) -> anyhow::Result<()> {
    let id = validate_id(id);
    let msg = ctx.write(|plan| {
        let del = edit::delete(plan, &id)?;
        if del.reaches_further() && !force {
            let names: Vec<String> = del
                .links
                .iter()
                .map(|(r, f)| format!("{r} ({f})"))
                .collect();
            bail!(
                "{id} is linked from {}; unlink those first or pass --force to remove the links too — with --force, {}",
                names.join(", "),
                del.effects()
            );
        }
        let also: Vec<String> = del
            .removed
            .iter()
            .map(|r| format!("removed {r}"))
            .chain(del.unlinked.iter().map(|r| format!("unlinked {r}")))
            .collect();
        plan.apply(del.change);
        Ok(if also.is_empty() {
            format!("removed {id}")
        } else {
            format!("removed {id}; {}", also.join(", "))
        })
    })?;
    out.push_str(&msg);
    out.push('\n');
    Ok(())
}
