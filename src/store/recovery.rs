//! The last resort for a change that cannot be saved over the plan (the file
//! changed on disk, a signal ended the UI): the plan as the UI holds it,
//! written to a file of its own that is never overwritten and easy to find.
//! Beside the plan first (`bearing.ron.recovered-20261120T140211`, where the
//! user looks), else in the plan's backup folder, else the temporary folder.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::model::Plan;
use crate::store;

/// Renders `plan` and writes it as a recovery copy of the plan at `path`;
/// returns where it went, or why no place took it.
pub fn write(path: &Path, plan: &Plan) -> Result<PathBuf, String> {
    let text = store::render(plan).map_err(|e| e.to_string())?;
    write_text(path, text.as_bytes())
}

/// Writes `bytes` to the first place that takes them (see the module doc).
pub fn write_text(path: &Path, bytes: &[u8]) -> Result<PathBuf, String> {
    let stamp = chrono::Local::now().format("%Y%m%dT%H%M%S");
    let name = path.file_name().map_or_else(
        || "bearing.ron".into(),
        |n| n.to_string_lossy().into_owned(),
    );
    let mut places: Vec<PathBuf> = Vec::new();
    let beside = path.parent().filter(|d| !d.as_os_str().is_empty());
    places.push(
        beside
            .unwrap_or_else(|| Path::new("."))
            .join(format!("{name}.recovered-{stamp}")),
    );
    if let Some(dir) = store::backup::dir_for(path) {
        // Not `.ron`: the backup pruning never removes it.
        places.push(dir.join(format!("{stamp}.recovered")));
    }
    places.push(std::env::temp_dir().join(format!("{name}.recovered-{stamp}")));
    first_that_takes(&places, bytes)
}

/// Writes `bytes` to the first of `places` that can be created.
fn first_that_takes(places: &[PathBuf], bytes: &[u8]) -> Result<PathBuf, String> {
    let mut why = Vec::new();
    for place in places {
        match create_new(place, bytes) {
            Ok(written) => return Ok(written),
            Err(e) => why.push(format!("{}: {e}", place.display())),
        }
    }
    Err(format!(
        "no recovery copy could be written ({})",
        why.join("; ")
    ))
}

/// Creates `place` (or `place-2`, `place-3`, … when it exists) holding
/// `bytes`, synced: an existing file is never replaced, and the name
/// appears only once the text is whole (written under a temporary name,
/// then hard-linked, which fails rather than replace). A file system
/// without hard links gets the file written in place.
fn create_new(place: &Path, bytes: &[u8]) -> std::io::Result<PathBuf> {
    if let Some(dir) = place.parent() {
        std::fs::create_dir_all(dir)?;
    }
    // Hidden, and not named like a copy: nobody takes it for one.
    let file = place
        .file_name()
        .map_or_else(|| "recovered".into(), |n| n.to_string_lossy().into_owned());
    let tmp = place.with_file_name(format!(".{file}.partial-{}", std::process::id()));
    if write_synced(&tmp, bytes).is_err() {
        let _ = std::fs::remove_file(&tmp);
        return each_name(place, |candidate| write_synced(candidate, bytes));
    }
    let linked = each_name(place, |candidate| std::fs::hard_link(&tmp, candidate));
    let linked = match linked {
        Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => {
            each_name(place, |candidate| write_synced(candidate, bytes))
        }
        done => done,
    };
    let _ = std::fs::remove_file(&tmp);
    linked
}

/// `make` tried on `place`, then `place-2`, `place-3`, … while the name
/// exists; the name it took.
fn each_name(
    place: &Path,
    make: impl Fn(&Path) -> std::io::Result<()>,
) -> std::io::Result<PathBuf> {
    let mut n = 1;
    loop {
        let candidate = if n == 1 {
            place.to_path_buf()
        } else {
            let mut s = place.as_os_str().to_owned();
            s.push(format!("-{n}"));
            PathBuf::from(s)
        };
        match make(&candidate) {
            Ok(()) => return Ok(candidate),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && n < 100 => n += 1,
            Err(e) => return Err(e),
        }
    }
}

/// Creates `file` (never over an existing one) with `bytes`, synced; on a
/// failed write the file is removed.
fn write_synced(file: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(file)?;
    let written = f.write_all(bytes).and_then(|()| f.sync_all());
    if written.is_err() {
        let _ = std::fs::remove_file(file);
    }
    written
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_copy_appears_whole_and_leaves_no_partial_file() {
        let dir = tempfile::tempdir().unwrap();
        let plan = dir.path().join("bearing.ron");
        let big = vec![b'x'; 1 << 20];
        let a = write_text(&plan, &big).unwrap();
        let b = write_text(&plan, b"two").unwrap();
        assert_ne!(a, b);
        assert_eq!(std::fs::read(&a).unwrap(), big);
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");
        assert!(names.iter().all(|n| !n.contains("partial")), "{names:?}");
    }

    #[test]
    fn writes_beside_the_plan_and_never_over_an_earlier_copy() {
        let dir = tempfile::tempdir().unwrap();
        let plan = dir.path().join("bearing.ron");
        let a = write_text(&plan, b"one").unwrap();
        let b = write_text(&plan, b"two").unwrap();
        assert_ne!(a, b);
        assert_eq!(a.parent(), Some(dir.path()));
        let name = a.file_name().unwrap().to_string_lossy().into_owned();
        assert!(name.starts_with("bearing.ron.recovered-"), "{name}");
        assert_eq!(std::fs::read(&a).unwrap(), b"one");
        assert_eq!(std::fs::read(&b).unwrap(), b"two");
    }

    #[test]
    fn a_place_that_cannot_take_it_passes_to_the_next() {
        let dir = tempfile::tempdir().unwrap();
        // The folder is a file: nothing can be created beside the plan.
        let blocker = dir.path().join("not-a-dir");
        std::fs::write(&blocker, "x").unwrap();
        let places = [blocker.join("a"), dir.path().join("b")];
        let got = first_that_takes(&places, b"mine").unwrap();
        assert_eq!(got, dir.path().join("b"));
        assert_eq!(std::fs::read(&got).unwrap(), b"mine");
        let err = first_that_takes(&places[..1], b"x").unwrap_err();
        assert!(err.contains("not-a-dir"), "{err}");
    }
}
