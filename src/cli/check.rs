//! `bearing check`: the backlog's policy-as-code gate for CI.

use super::args::Format;
use super::{Ctx, Source};
use crate::check;
use crate::model::Severity;
use crate::text::count;

/// Prints the findings; fails (exit 1) when any is error-level. With
/// `--format json`, a plan that cannot load is reported as a JSON error
/// object on stdout (and the message on stderr), never as empty output.
pub fn run(ctx: &Ctx, format: Format, out: &mut String) -> anyhow::Result<()> {
    if let Some((label, findings)) = unmerged(ctx) {
        return report(&label, &findings, format, out);
    }
    let Source { plan, text, label } = match ctx.read() {
        Ok(source) => source,
        Err(e) if format == Format::Json => {
            out.push_str(&crate::export::json_text(&load_error_json(&e))?);
            super::print(out);
            out.clear();
            return Err(e);
        }
        Err(e) => return Err(e),
    };
    let lines = crate::store::format::item_lines(&text);
    let checked = check::check(&plan, Some(&lines), ctx.today);
    let findings = match ctx.plan_path() {
        Some(path) => crate::git::findings::check_context(&path, check::Context::reads_code(&plan))
            .findings(&plan, checked, Some(&lines)),
        None => checked,
    };
    report(&label, &findings, format, out)
}

/// The `merge-conflict` findings of a plan file holding conflict markers,
/// read from its text before any parsing (such a file does not parse): one
/// per block, or one for a block that does not close when the text does
/// not parse with it (a `<<<<<<<` line inside a North Star is text). `None`
/// when there are none or the file cannot be read (then loading it reports
/// why). So markers always come out as findings, in JSON too, never as the
/// load-error object.
fn unmerged(ctx: &Ctx) -> Option<(String, Vec<check::Finding>)> {
    if ctx.demo {
        return None;
    }
    let path = ctx.path().ok()?;
    let bytes = std::fs::read(&path).ok()?;
    let text = crate::store::load::decode(&path, bytes).ok()?;
    if !crate::merge::markers::has_markers(&text) {
        return None;
    }
    let findings = match crate::merge::markers::blocks(&text) {
        Ok(blocks) => check::merge_conflicts(&blocks),
        Err(e) if crate::store::load::parse(&path, &text).is_err() => {
            vec![check::unclosed_conflict(&e)]
        }
        Err(_) => return None,
    };
    (!findings.is_empty()).then(|| (super::display(&path), findings))
}

/// Prints `findings` in `format`; fails when any is error-level.
fn report(
    label: &str,
    findings: &[check::Finding],
    format: Format,
    out: &mut String,
) -> anyhow::Result<()> {
    if format == Format::Json {
        out.push_str(&crate::export::json_text(&findings)?);
    } else {
        for f in findings {
            out.push_str(&check::format_line(label, f));
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

/// `{"error": {"kind", "path", "line", "column", "id", "message"}}`: `kind`
/// is one of `not-found`, `io`, `parse`, `newer-schema`, `duplicate-id`,
/// `invalid`, `other` (and `merge-conflict`, should markers get past
/// [`unmerged`], which reports them as findings); `path`, `line`, `column`
/// and `id` are null when not known; `message` is the whole message as
/// printed on stderr.
fn load_error_json(e: &anyhow::Error) -> serde_json::Value {
    use crate::store::StoreError as E;
    let store = e.chain().find_map(|c| c.downcast_ref::<E>());
    let (kind, path, line, column, id) = match store {
        Some(E::NotFound { path }) => ("not-found", Some(path), None, None, None),
        Some(E::Io { path, .. }) => ("io", Some(path), None, None, None),
        Some(E::Parse {
            path, line, column, ..
        }) => ("parse", Some(path), Some(*line), Some(*column), None),
        Some(E::NewerSchema { path, .. }) => ("newer-schema", Some(path), None, None, None),
        Some(E::DuplicateId {
            path, second, id, ..
        }) => ("duplicate-id", Some(path), Some(*second), None, Some(id)),
        Some(E::Invalid {
            path,
            line,
            column,
            id,
            ..
        }) => ("invalid", Some(path), Some(*line), Some(*column), Some(id)),
        Some(E::Conflict { path, line, id, .. }) => {
            ("merge-conflict", Some(path), Some(*line), None, id.as_ref())
        }
        _ => ("other", None, None, None, None),
    };
    serde_json::json!({
        "error": {
            "kind": kind,
            "path": path.map(|p| super::display(p)),
            "line": line,
            "column": column,
            "id": id,
            // Each cause once, as on stderr (not "Is a directory" twice).
            "message": super::error_text(e),
        }
    })
}
