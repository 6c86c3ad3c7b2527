//! `bearing export …`: a sprint plan, the learning log, the stakeholder
//! report (HTML) or the North Star, to
//! stdout or (atomically) to a file.

use std::path::Path;

use anyhow::{Context, anyhow};

use super::args::{ExportCommand, ExportFormat, LogFormat, ReportFormat};
use super::{Ctx, Source, display};
use crate::export::{self, ExportError};
use crate::model::id::normalize;
use crate::model::validate;
use crate::store;

pub fn run(ctx: &Ctx, cmd: ExportCommand, out: &mut String) -> anyhow::Result<()> {
    let Source { plan, .. } = ctx.read()?;
    let today = ctx.today;
    let (text, output) = match cmd {
        ExportCommand::Sprint { id, format, output } => {
            let id = match id {
                Some(id) => normalize(&id),
                None => plan
                    .current_sprint()
                    .map(|s| s.id.clone())
                    .ok_or(ExportError::NoSprint)?,
            };
            let text = match format {
                ExportFormat::Md => export::sprint_markdown(&plan, &id, today)?,
                ExportFormat::Csv => export::sprint_csv(&plan, &id, today)?,
                ExportFormat::Json => export::sprint_json(&plan, &id, today)?,
            };
            (text, output)
        }
        ExportCommand::LearningLog {
            since,
            format,
            output,
        } => {
            let since = since
                .as_deref()
                .map(|d| validate::date("since", d).map_err(|e| anyhow!("{e}")))
                .transpose()?;
            let text = match format {
                LogFormat::Md => export::learning_log_markdown(&plan, since, today),
                LogFormat::Json => export::learning_log_json(&plan, since)?,
            };
            (text, output)
        }
        ExportCommand::Report { format, output } => {
            let text = match format {
                ReportFormat::Html => export::report_html(&plan, today),
            };
            (text, output)
        }
        ExportCommand::NorthStar { output } => (export::north_star(&plan), output),
    };
    match output {
        // `-o -` is standard output, as in most tools.
        Some(path) if path.as_os_str() == "-" => out.push_str(&text),
        Some(path) => {
            write_file(&path, ctx.plan_path().as_deref(), &text)?;
            out.push_str(&format!("wrote {}\n", display(&path)));
        }
        None => out.push_str(&text),
    }
    Ok(())
}

/// Exports replace their file atomically too: a reader never sees half a
/// page. Never over the plan (or any plan): that is refused as it stands.
fn write_file(path: &Path, plan: Option<&Path>, text: &str) -> anyhow::Result<()> {
    match store::export_file::write_export(path, plan, text.as_bytes()) {
        Err(e @ store::StoreError::ExportOverPlan { .. }) => Err(e.into()),
        r => r.with_context(|| format!("cannot write the export to {}", display(path))),
    }
}
