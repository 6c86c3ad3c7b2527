//! Where an export (a sprint page, the learning log, the North Star) may be
//! written: anywhere but over a plan. `-o bearing.ron` or the UI's path
//! prompt pointed at the plan would otherwise replace it with Markdown, and
//! an export is not a save: it takes no backup.

use std::path::Path;

use super::StoreError;
use super::paths::real_path;
use super::save::{RealFs, write_atomic};

/// Writes an export to `target` atomically, unless `target` is the plan in
/// use (`plan`, compared by real path: symlinks, `..` and relative paths
/// all name one file) or any other file that holds a Bearing plan.
pub fn write_export(target: &Path, plan: Option<&Path>, bytes: &[u8]) -> Result<(), StoreError> {
    refuse_plan(target, plan)?;
    write_atomic(&mut RealFs, target, bytes)
}

/// Why an export may not replace `target`, if it may not.
pub fn refuse_plan(target: &Path, plan: Option<&Path>) -> Result<(), StoreError> {
    let real = real_path(target);
    if plan.is_some_and(|p| real_path(p) == real) {
        return Err(StoreError::ExportOverPlan {
            path: target.to_path_buf(),
            in_use: true,
        });
    }
    if std::fs::read(&real).is_ok_and(|bytes| holds_a_plan(&bytes)) {
        return Err(StoreError::ExportOverPlan {
            path: target.to_path_buf(),
            in_use: false,
        });
    }
    Ok(())
}

/// Whether a file's bytes are a Bearing plan: they parse as one, or (a plan
/// with a hand-edit mistake) they open the way every plan does, `(` then
/// `schema:`, after a BOM, blank lines and `//` comments.
fn holds_a_plan(bytes: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return false;
    };
    let text = text.trim_start_matches('\u{feff}');
    let mut rest = text.trim_start();
    while let Some(after) = rest.strip_prefix("//") {
        rest = after.split_once('\n').map_or("", |(_, r)| r).trim_start();
    }
    if let Some(after) = rest.strip_prefix('(')
        && after.trim_start().starts_with("schema")
    {
        return true;
    }
    super::format::from_text(text).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir() -> tempfile::TempDir {
        tempfile::tempdir().unwrap()
    }

    #[test]
    fn the_plan_in_use_is_refused_by_any_path_and_kept() {
        let d = dir();
        let plan = d.path().join("bearing.ron");
        std::fs::write(&plan, "not even a plan yet").unwrap();
        std::fs::create_dir(d.path().join("sub")).unwrap();
        let via_dots = d.path().join("sub/../bearing.ron");
        let err = write_export(&via_dots, Some(&plan), b"# page").unwrap_err();
        assert!(matches!(
            err,
            StoreError::ExportOverPlan { in_use: true, .. }
        ));
        assert!(err.to_string().contains("the plan file itself"), "{err}");
        #[cfg(unix)]
        {
            let link = d.path().join("link.ron");
            std::os::unix::fs::symlink(&plan, &link).unwrap();
            assert!(write_export(&link, Some(&plan), b"# page").is_err());
        }
        assert_eq!(
            std::fs::read_to_string(&plan).unwrap(),
            "not even a plan yet"
        );
    }

    #[test]
    fn another_plan_is_refused_and_other_files_are_replaced() {
        let d = dir();
        let other = d.path().join("team-b.ron");
        let plan_text = "// reviewed\n\n(\n  schema: 1,\n  broken";
        std::fs::write(&other, plan_text).unwrap();
        let err = write_export(&other, None, b"# page").unwrap_err();
        assert!(matches!(
            err,
            StoreError::ExportOverPlan { in_use: false, .. }
        ));
        assert_eq!(std::fs::read_to_string(&other).unwrap(), plan_text);

        let page = d.path().join("sprint.md");
        std::fs::write(&page, "# last week's page").unwrap();
        write_export(&page, None, b"# page").unwrap();
        assert_eq!(std::fs::read_to_string(&page).unwrap(), "# page");
    }
}
