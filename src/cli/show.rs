//! `bearing show ID`: every field of an item as in the file, its links
//! both ways and, for debt, its score term by term.

use anyhow::Context;

use super::args::Format;
use super::{Ctx, table};
use crate::model::{Item, Plan};
use crate::score::{self, Scorer};
use crate::text::sanitize;

pub fn show(ctx: &Ctx, id: &str, format: Format, out: &mut String) -> anyhow::Result<()> {
    let src = ctx.read()?;
    let plan = &src.plan;
    let id = crate::model::id::normalize(id);
    let item = plan
        .item(&id)
        .with_context(|| format!("no item with id {id}"))?;
    if format == Format::Json {
        out.push_str(&crate::export::json_text(&item_json(
            plan, &item, ctx.today,
        ))?);
        return Ok(());
    }
    let ron = crate::store::format::item_text(&item).unwrap_or_default();
    let line = crate::store::format::item_lines(&src.text)
        .get(&id)
        .copied();
    out.push_str(&format!(
        "{} {}  ({}{})\n",
        item.kind(),
        id,
        src.label,
        line.map(|l| format!(":{l}")).unwrap_or_default()
    ));
    for l in ron.lines() {
        out.push_str("  ");
        // RON escapes combining accents (NFD `e\u{301}`); show them as text.
        out.push_str(&sanitize(&crate::text::unescape_printable(l)));
        out.push('\n');
    }
    let refs = plan.references_to(&id);
    if !refs.is_empty() {
        out.push_str("linked from:\n");
        for (r, f) in refs {
            let title = plan.title_of(&r).unwrap_or("");
            out.push_str(&format!("  {r}  {}  ({f})\n", sanitize(title)));
        }
    }
    if let Item::Debt(d) = &item {
        let b = Scorer::new(plan, ctx.today).wsjf(d);
        out.push_str("score:\n");
        out.push_str(&table::explain(&b, d, &plan.weights, "  "));
        let rank = score::rank_open(plan, ctx.today)
            .iter()
            .position(|r| plan.debts[r.index].id == d.id);
        match rank {
            _ if b.is_triage() && d.status.is_open() => {
                out.push_str("  to triage: ranked once it has an effort\n")
            }
            Some(r) => out.push_str(&format!("  rank {} of the open debt\n", r + 1)),
            None => {}
        }
    }
    if let Item::Hypothesis(h) = &item {
        out.push_str(&format!(
            "ICE: {} × {} × {} = {}\n",
            h.impact,
            h.confidence,
            h.ease,
            score::ice(h)
        ));
        if h.is_stale(ctx.today) {
            out.push_str("STALE: running past its review-by date\n");
        }
    }
    if let Item::KeyResult(k) = &item {
        if let Some(p) = k.progress(ctx.today) {
            out.push_str(&format!("progress: {}\n", crate::text::percent(p)));
        }
        if let Some(h) = k.health(ctx.today, &plan.health) {
            out.push_str(&format!("health: {}\n", h.label()));
        }
    }
    Ok(())
}

fn item_json(plan: &Plan, item: &Item, today: chrono::NaiveDate) -> serde_json::Value {
    let mut v = match item {
        Item::Objective(x) => serde_json::to_value(x),
        Item::KeyResult(x) => serde_json::to_value(x),
        Item::Hypothesis(x) => serde_json::to_value(x),
        Item::Debt(x) => serde_json::to_value(x),
        Item::Sprint(x) => serde_json::to_value(x),
    }
    .unwrap_or(serde_json::Value::Null);
    if let (Item::Debt(d), Some(obj)) = (item, v.as_object_mut()) {
        let b = Scorer::new(plan, today).wsjf(d);
        // Only open debt is ranked: a closed item has no score.
        let score = b.score().filter(|_| d.status.is_open());
        obj.insert("score".into(), serde_json::json!(score));
        obj.insert("breakdown".into(), table::breakdown_json(&b));
    }
    if let Some(obj) = v.as_object_mut() {
        let refs: Vec<_> = plan
            .references_to(item.id())
            .into_iter()
            .map(|(r, _)| r)
            .collect();
        obj.insert("linked_from".into(), serde_json::json!(refs));
    }
    v
}
