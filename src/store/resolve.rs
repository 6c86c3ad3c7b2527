//! Settling the conflict-marker blocks a merge left in the plan file, under
//! the write lock, as one read-modify-write.
//!
//! When every block is settled the text must parse as a plan (else nothing
//! is written) and is saved through the canonical writer, comments kept,
//! like any other CLI write. When some blocks stay (only some items were
//! named) the plan cannot be parsed, so no canonical rewrite is possible:
//! the file's own text, with just the settled blocks replaced and every
//! other byte (line endings included) as it was, is written atomically.
//! Either way the previous file is kept as a backup, and a file changed
//! since it was read is not overwritten.

use std::collections::BTreeMap;
use std::path::Path;

use super::save::{self, RealFs};
use super::{StoreError, WriteLock, backup, load, paths, render_with};
use crate::merge::markers::{self, Block, Side};

/// What a [`resolve`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    /// Each settled block and the side kept, in file order.
    pub settled: Vec<(Block, Side)>,
    /// The blocks still in the file (their lines after the write).
    pub remaining: Vec<Block>,
    /// Items settled away (the side kept deleted them) and the items whose
    /// links to them went with them, as `bearing rm` drops them.
    pub unlinked: Vec<(String, Vec<String>)>,
    /// Links that cannot go with the item (a key result's objective): (the
    /// item gone, what still points at it).
    pub dangling: Vec<(String, Vec<String>)>,
}

/// The blocks in the plan file at `path`, not settling any.
pub fn blocks(path: &Path) -> Result<Vec<Block>, StoreError> {
    let (text, _) = load::read_text(path)?;
    markers::blocks(&text).map_err(|e| load::marker_error(path, e))
}

/// Settles the blocks `choose` picks (keyed by their `start_line`) in the
/// plan at `path`. `choose` sees every block and may refuse (an unknown
/// id): then nothing is written.
pub fn resolve<E>(
    path: &Path,
    choose: impl FnOnce(&[Block]) -> Result<BTreeMap<usize, Side>, E>,
) -> Result<Resolved, E>
where
    E: From<StoreError>,
{
    paths::check_writable(path)?;
    let _lock = WriteLock::acquire(path)?;
    save::clean_temp_files(path);
    let (text, fingerprint) = load::read_text(path)?;
    let blocks = markers::blocks(&text).map_err(|e| load::marker_error(path, e))?;
    let picks = choose(&blocks)?;
    let settled: Vec<(Block, Side)> = blocks
        .iter()
        .filter_map(|b| picks.get(&b.start_line).map(|s| (b.clone(), *s)))
        .collect();
    if settled.is_empty() {
        return Ok(Resolved {
            settled,
            remaining: blocks,
            unlinked: Vec::new(),
            dangling: Vec::new(),
        });
    }
    let next = markers::settle(&text, &picks).map_err(|e| load::marker_error(path, e))?;
    let remaining = markers::blocks(&next).map_err(|e| load::marker_error(path, e))?;
    let (mut unlinked, mut dangling) = (Vec::new(), Vec::new());
    let out = if remaining.is_empty() {
        let (mut plan, comments) = load::parse_with_comments(path, &next).map_err(|e| {
            StoreError::Other(format!(
                "with these sides kept the plan does not load (lines as in the settled text): {e}; nothing written"
            ))
        })?;
        // `current` is derived: the check-in kept may be theirs while the
        // stored mirror is ours (or a line merge kept both apart).
        crate::merge::mirror_current(&mut plan);
        // A whole item settled away (the side kept deleted it) leaves no
        // link behind, as `bearing rm` would not.
        for (b, _) in &settled {
            let Some(id) = b.id.as_deref().filter(|_| b.field.is_none()) else {
                continue;
            };
            if plan.contains_id(id) {
                continue;
            }
            let holders = crate::model::edit::unlink(&mut plan, id);
            if !holders.is_empty() {
                unlinked.push((id.to_owned(), holders));
            }
            let left: Vec<String> = plan.references_to(id).into_iter().map(|(h, _)| h).collect();
            if !left.is_empty() {
                dangling.push((id.to_owned(), left));
            }
        }
        render_with(&plan, &comments)?
    } else {
        next
    };
    save::save_text(
        &mut RealFs,
        path,
        &out,
        Some(&fingerprint),
        backup::dir_for(path).as_deref(),
    )?;
    Ok(Resolved {
        settled,
        remaining,
        unlinked,
        dangling,
    })
}

/// The plan file's text as it is (BOM dropped, line ends kept).
pub fn text(path: &Path) -> Result<String, StoreError> {
    load::read_text(path).map(|(t, _)| t)
}

/// Replaces the plan file's text with `next` (a re-merge of git's three
/// versions), under the write lock, the old file kept as a backup; not
/// when the file no longer holds `was` (changed since it was read).
pub fn rewrite(path: &Path, was: &str, next: &str) -> Result<(), StoreError> {
    paths::check_writable(path)?;
    let _lock = WriteLock::acquire(path)?;
    save::clean_temp_files(path);
    let (text, fingerprint) = load::read_text(path)?;
    if text != was {
        return Err(StoreError::ChangedOnDisk {
            path: path.to_path_buf(),
        });
    }
    save::save_text(
        &mut RealFs,
        path,
        next,
        Some(&fingerprint),
        backup::dir_for(path).as_deref(),
    )?;
    Ok(())
}
