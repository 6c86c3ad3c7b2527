//! `bearing check`: the backlog's policy-as-code gate for CI.

use super::args::Format;
use super::{Ctx, Source};
use crate::check;
use crate::model::Severity;
use crate::text::count;

/// Prints the findings; fails (exit 1) when any is error-level.
pub fn run(ctx: &Ctx, format: Format, out: &mut String) -> anyhow::Result<()> {
    let Source { plan, text, label } = ctx.read()?;
    let findings = check::check(&plan, Some(&text), ctx.today);
    if format == Format::Json {
        out.push_str(&crate::export::json_text(&findings)?);
    } else {
        for f in &findings {
            out.push_str(&check::format_line(&label, f));
            out.push('\n');
        }
    }
    let errors = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    let warnings = findings
        .iter()
        .filter(|f| f.severity == Severity::Warn)
        .count();
    if format == Format::Table {
        out.push_str(&format!(
            "{}, {}\n",
            count(errors, "error"),
            count(warnings, "warning")
        ));
    }
    if errors > 0 {
        super::print(out);
        out.clear();
        anyhow::bail!(
            "check failed: {} in {label}",
            count(errors, "error-level finding")
        );
    }
    Ok(())
}
