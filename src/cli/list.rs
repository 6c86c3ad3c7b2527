//! `list`, `rank` and the plain overview: read-only views of the plan, as
//! aligned tables or as stable JSON for scripts.

use chrono::NaiveDate;
use serde_json::Value;

use super::args::{Format, ListKind};
use super::list_json::{by_ice, debts_json, hypotheses_json, krs_json, objectives_json};
use super::table::{self, Table};
use super::{Ctx, Source};
use crate::model::{Plan, SprintState};
use crate::score::{self, Scorer};
use crate::text::{count, sanitize};

fn json_out(v: &Value, out: &mut String) -> anyhow::Result<()> {
    // Escapes C1 controls, DEL and bidi overrides too (serde_json leaves them raw).
    out.push_str(&crate::export::json_text(v)?);
    Ok(())
}

/// A measurement as people write it: no trailing zeros, at most 2 decimals.
pub fn num(x: f64) -> String {
    crate::text::number(x)
}

pub fn list(ctx: &Ctx, kind: ListKind, format: Format, out: &mut String) -> anyhow::Result<()> {
    let Source { plan, .. } = ctx.read()?;
    let today = ctx.today;
    match (kind, format) {
        (ListKind::Objectives, Format::Json) => json_out(&objectives_json(&plan), out),
        (ListKind::Krs, Format::Json) => json_out(&krs_json(&plan, today), out),
        (ListKind::Hypotheses, Format::Json) => json_out(&hypotheses_json(&plan, today), out),
        (ListKind::Debt, Format::Json) => json_out(&debts_json(&plan, today), out),
        (ListKind::Sprints, Format::Json) => {
            out.push_str(&crate::export::sprints_json(&plan, today)?);
            Ok(())
        }
        (kind, Format::Table) => {
            out.push_str(&list_table(&plan, kind, today).render(table::width()));
            Ok(())
        }
    }
}

fn list_table(plan: &Plan, kind: ListKind, today: NaiveDate) -> Table {
    match kind {
        ListKind::Objectives => {
            let mut t = Table::new(vec!["id", "title", "key results"], 1);
            t.right = vec![2];
            for o in &plan.objectives {
                let n = plan
                    .key_results
                    .iter()
                    .filter(|k| k.objective == o.id)
                    .count();
                t.push(vec![o.id.clone(), o.title.clone(), n.to_string()]);
            }
            t
        }
        ListKind::Krs => {
            let mut t = Table::new(
                vec!["id", "title", "now → target", "progress", "health", "due"],
                1,
            );
            t.right = vec![3];
            t.drop = vec![5, 3];
            for k in &plan.key_results {
                let target = k.target.map_or_else(|| "?".to_owned(), num);
                t.push(vec![
                    k.id.clone(),
                    k.title.clone(),
                    format!("{} → {target}{}", num(k.current_at(today)), unit(&k.unit)),
                    k.progress(today).map_or("-".into(), crate::text::percent),
                    k.health(today, &plan.health)
                        .map_or("-", |h| h.label())
                        .into(),
                    k.due.map_or("-".into(), |d| d.to_string()),
                ]);
            }
            t
        }
        ListKind::Hypotheses => {
            let mut t = Table::new(
                vec!["id", "title", "status", "ICE", "owner", "review by"],
                1,
            );
            t.right = vec![3];
            t.drop = vec![5, 4];
            for h in by_ice(plan) {
                let status = if h.is_stale(today) {
                    "running STALE".to_owned()
                } else {
                    h.status.label().to_owned()
                };
                t.push(vec![
                    h.id.clone(),
                    h.title.clone(),
                    status,
                    score::ice(h).to_string(),
                    h.owner.clone(),
                    h.review_by.map_or(String::new(), |d| d.to_string()),
                ]);
            }
            t
        }
        ListKind::Debt => {
            let mut t = Table::new(
                vec!["id", "title", "status", "owner", "area", "effort", "score"],
                1,
            );
            t.right = vec![5, 6];
            t.drop = vec![4, 3, 2];
            let scorer = Scorer::new(plan, today);
            for d in &plan.debts {
                t.push(vec![
                    d.id.clone(),
                    d.title.clone(),
                    d.status.label().into(),
                    d.owner.clone(),
                    d.area.clone(),
                    crate::text::effort(d.effort),
                    crate::text::debt_score(d, scorer.wsjf(d).score()),
                ]);
            }
            t
        }
        ListKind::Sprints => sprint_table(plan, today),
    }
}

fn unit(u: &str) -> String {
    if u.is_empty() {
        String::new()
    } else {
        format!(" {u}")
    }
}

#[derive(serde::Serialize)]
struct RankJson<'a> {
    /// None for an item to triage: it is listed, not ranked.
    #[serde(skip_serializing_if = "Option::is_none")]
    rank: Option<usize>,
    id: &'a str,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    score: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    effort: Option<u32>,
    /// No effort yet: after every ranked item, with no score.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    triage: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    due: Option<chrono::NaiveDate>,
    status: &'static str,
    owner: &'a str,
    area: &'a str,
    key_results: &'a [String],
    breakdown: crate::score::Terms,
}

pub fn rank(
    ctx: &Ctx,
    explain: bool,
    limit: Option<usize>,
    format: Format,
    out: &mut String,
) -> anyhow::Result<()> {
    let Source { plan, .. } = ctx.read()?;
    let ranked = score::rank_open(&plan, ctx.today);
    let shown = &ranked[..limit.unwrap_or(ranked.len()).min(ranked.len())];
    if format == Format::Json {
        // Typed rows borrowing the plan: no JSON tree is built for 10k items.
        let rows: Vec<RankJson> = shown
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let d = &plan.debts[r.index];
                let b = &r.breakdown;
                RankJson {
                    rank: (!b.is_triage()).then_some(i + 1),
                    id: &d.id,
                    title: &d.title,
                    score: b.score(),
                    effort: d.effort,
                    triage: b.is_triage(),
                    due: d.due,
                    status: d.status.key(),
                    owner: &d.owner,
                    area: &d.area,
                    key_results: &d.key_results,
                    breakdown: b.to_terms(),
                }
            })
            .collect();
        out.push_str(&crate::export::json_text(&rows)?);
        return Ok(());
    }
    let mut t = Table::new(
        vec!["#", "id", "title", "score", "effort", "owner", "area"],
        2,
    );
    t.right = vec![0, 3, 4];
    t.drop = vec![6, 5, 4];
    if !explain {
        for (i, r) in shown.iter().enumerate() {
            let d = &plan.debts[r.index];
            t.push(rank_row(i, d, r.breakdown.score()));
        }
        out.push_str(&t.render(table::width()));
        return Ok(());
    }
    // One table for the widths, its rows interleaved with the explanations.
    for (i, r) in shown.iter().enumerate() {
        t.push(rank_row(i, &plan.debts[r.index], r.breakdown.score()));
    }
    let rendered = t.render(table::width());
    let mut lines = rendered.lines();
    if let Some(header) = lines.next() {
        out.push_str(header);
        out.push('\n');
    }
    for (line, r) in lines.zip(shown) {
        out.push_str(line);
        out.push('\n');
        let d = &plan.debts[r.index];
        out.push_str(&table::explain(&r.breakdown, d, &plan.weights, "     "));
    }
    if shown.is_empty() {
        out.push_str("no open debt\n");
    }
    Ok(())
}

/// A ranking row; an item to triage (no score) shows `-` for its rank and
/// `triage` for its score, after every ranked one.
fn rank_row(i: usize, d: &crate::model::Debt, score: Option<f64>) -> Vec<String> {
    vec![
        score.map_or_else(|| "-".to_owned(), |_| (i + 1).to_string()),
        d.id.clone(),
        d.title.clone(),
        crate::text::score_or_triage(score),
        crate::text::effort(d.effort),
        d.owner.clone(),
        d.area.clone(),
    ]
}

/// What `bearing` prints when it cannot open the UI (output is not a
/// terminal): the North Star, key results and the top of the ranking.
pub fn overview(ctx: &Ctx, out: &mut String) -> anyhow::Result<()> {
    let Source { plan, label, .. } = ctx.read()?;
    out.push_str(&format!("Bearing — {label} — as of {}\n\n", ctx.today));
    out.push_str("North Star\n");
    for l in plan.north_star.lines() {
        out.push_str(&format!("  {}\n", sanitize(l)));
    }
    out.push('\n');
    out.push_str("Key results\n");
    out.push_str(&list_table(&plan, ListKind::Krs, ctx.today).render(table::width()));
    out.push_str("\nTop debt by business impact\n");
    let ranked = score::rank_open(&plan, ctx.today);
    let mut t = Table::new(
        vec!["#", "id", "title", "score", "effort", "owner", "area"],
        2,
    );
    t.right = vec![0, 3, 4];
    t.drop = vec![6, 5, 4];
    for (i, r) in ranked.iter().take(10).enumerate() {
        t.push(rank_row(i, &plan.debts[r.index], r.breakdown.score()));
    }
    out.push_str(&t.render(table::width()));
    if let Some(s) = plan.active_sprint() {
        out.push_str(&format!(
            "\nActive sprint: {} {} ({} → {}), {}/{}, {}\n",
            s.id,
            sanitize(&s.name),
            s.start,
            s.end,
            plan.effort_of(&s.items),
            count(s.capacity, "point"),
            s.timing(ctx.today)
        ));
    }
    let stale: Vec<_> = plan
        .hypotheses
        .iter()
        .filter(|h| h.is_stale(ctx.today))
        .collect();
    if !stale.is_empty() {
        out.push_str("\nStale experiments (running past review-by)\n");
        for h in stale {
            out.push_str(&format!(
                "  {}  {}  review by {}\n",
                h.id,
                sanitize(&h.title),
                h.review_by.map_or(String::new(), |d| d.to_string())
            ));
        }
    }
    Ok(())
}

/// The sprints as `list sprints` and `sprint list` both show them: points
/// are planned/capacity, or done/committed for a closed sprint. The name
/// keeps its width at 80 columns: the item count, then the window, give way.
pub fn sprint_table(plan: &Plan, today: NaiveDate) -> Table {
    let mut t = Table::new(vec!["id", "name", "window", "state", "points", "items"], 1);
    t.right = vec![4, 5];
    t.drop = vec![5, 2];
    t.keep_flex = true;
    for s in by_start(plan) {
        let points = match (s.state, s.completed_points) {
            (SprintState::Closed, Some(done)) => {
                let planned = s.commitment.as_ref().map_or(0, |c| c.points);
                format!("{done}/{planned} done")
            }
            _ => format!("{}/{}", plan.effort_of(&s.items), s.capacity),
        };
        t.push(vec![
            s.id.clone(),
            s.name.clone(),
            format!("{} → {}", s.start, s.end),
            s.state_line(today),
            points,
            s.items.len().to_string(),
        ]);
    }
    t
}

/// Sprints in calendar order (the file keeps them by id).
fn by_start(plan: &Plan) -> Vec<&crate::model::Sprint> {
    let mut v: Vec<_> = plan.sprints.iter().collect();
    v.sort_by(|a, b| a.start.cmp(&b.start).then_with(|| a.id.cmp(&b.id)));
    v
}
