//! The learning log: the latest decided experiments by month, from the same
//! records as `bearing export learning-log`.

use std::fmt::Write;

use super::escape::text;
use crate::export::learning_log::build;
use crate::model::Plan;
use crate::text::number;

/// How many decisions the report shows; the full log is its own export.
pub const LOG_ENTRIES: usize = 20;

pub fn learning_log(out: &mut String, plan: &Plan) {
    out.push_str(r#"<section class="part" id="learning-log"><h2>Learning log</h2>"#);
    let log = build(plan, None);
    let total: usize = log.months.iter().map(|m| m.entries.len()).sum();
    if total == 0 {
        out.push_str(r#"<p class="muted">No decided experiments yet.</p></section>"#);
        return;
    }
    let mut left = LOG_ENTRIES;
    for m in &log.months {
        if left == 0 {
            break;
        }
        let _ = write!(out, "<h3>{}</h3>", text(&m.month));
        for e in m.entries.iter().take(left) {
            left -= 1;
            let verdict = e.verdict();
            let _ = write!(
                out,
                r#"<article class="card"><h4>{verdict}: {} <span class="id">{}</span></h4><p class="small muted">decided {}</p><dl class="facts">"#,
                text(e.title),
                text(e.id),
                e.date,
            );
            if let Some(r) = e.reversed {
                let _ = write!(
                    out,
                    "<dt>Reversed</dt><dd>reopened {r}; this decision no longer stands</dd>"
                );
            }
            let field = |out: &mut String, label: &str, v: &str| {
                if !v.trim().is_empty() {
                    let _ = write!(
                        out,
                        r#"<dt>{label}</dt><dd class="multiline">{}</dd>"#,
                        text(v.trim())
                    );
                }
            };
            field(out, "Owner", e.owner);
            field(out, "We believed", e.belief);
            field(out, "We would know when", e.signal);
            if let Some(s) = e.started {
                let _ = write!(out, "<dt>Ran</dt><dd>{s} → {}</dd>", e.date);
            }
            field(out, "Evidence", e.evidence);
            for k in &e.key_results {
                let unit = if k.unit.is_empty() {
                    String::new()
                } else {
                    format!(" {}", k.unit)
                };
                let _ = write!(
                    out,
                    r#"<dt>{} <span class="id">{}</span></dt><dd>{}</dd>"#,
                    text(k.title),
                    text(&k.id),
                    text(&format!(
                        "{}{unit} → {}{unit}",
                        number(k.before),
                        number(k.after)
                    )),
                );
            }
            out.push_str("</dl></article>");
        }
    }
    if total > LOG_ENTRIES {
        let _ = write!(
            out,
            r#"<p class="small muted">… and {} earlier decisions (the whole log: <code>bearing export learning-log</code>)</p>"#,
            total - LOG_ENTRIES
        );
    }
    out.push_str("</section>");
}
