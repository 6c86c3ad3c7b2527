//! Writing a plan so that a crash, a kill or a full disk at any moment leaves
//! either the old file or the new one, never a torn one: write a temporary
//! file in the same directory, flush it to disk, rename it over the plan,
//! then flush the directory so the rename itself survives a power cut.

use std::fs::{File, Permissions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::StoreError;
use super::backup;
use super::watch::Fingerprint;

/// The file-system steps of a save, behind a seam so tests can make any one
/// of them fail.
pub trait FileOps {
    fn create(&mut self, path: &Path) -> io::Result<File>;
    fn write(&mut self, file: &mut File, bytes: &[u8]) -> io::Result<()>;
    fn sync(&mut self, file: &File) -> io::Result<()>;
    fn rename(&mut self, from: &Path, to: &Path) -> io::Result<()>;
    fn sync_dir(&mut self, dir: &Path) -> io::Result<()>;
}

/// The real file system.
pub struct RealFs;

impl FileOps for RealFs {
    fn create(&mut self, path: &Path) -> io::Result<File> {
        File::options().write(true).create_new(true).open(path)
    }
    fn write(&mut self, file: &mut File, bytes: &[u8]) -> io::Result<()> {
        file.write_all(bytes)
    }
    fn sync(&mut self, file: &File) -> io::Result<()> {
        file.sync_all()
    }
    fn rename(&mut self, from: &Path, to: &Path) -> io::Result<()> {
        std::fs::rename(from, to)
    }
    fn sync_dir(&mut self, dir: &Path) -> io::Result<()> {
        #[cfg(unix)]
        {
            File::open(dir)?.sync_all()
        }
        #[cfg(not(unix))]
        {
            let _ = dir;
            Ok(())
        }
    }
}

/// The file a save really replaces: its real path, so a symlinked plan
/// stays a symlink and its target is written, and the temporary file goes
/// in the target's directory (the one the lock is keyed on).
pub fn resolve_target(path: &Path) -> PathBuf {
    super::paths::real_path(path)
}

/// Prefix of temporary files, so a later start can recognise and remove
/// ones left by a killed process.
pub const TEMP_PREFIX: &str = ".bearing-tmp-";

fn temp_path(target: &Path) -> PathBuf {
    let mut nonce = [0u8; 6];
    // Uniqueness only has to hold among concurrent savers of one directory;
    // the pid does that when randomness is unavailable.
    let _ = getrandom::fill(&mut nonce);
    let suffix: String = nonce.iter().map(|b| format!("{b:02x}")).collect();
    let name = target
        .file_name()
        .map_or_else(|| "plan".into(), |n| n.to_string_lossy().into_owned());
    target.with_file_name(format!(
        "{TEMP_PREFIX}{name}-{}-{suffix}",
        std::process::id()
    ))
}

/// Writes `bytes` to `path` atomically. Keeps the old file's permissions.
/// On any failure the old file is untouched and the temporary file removed.
pub fn write_atomic(ops: &mut dyn FileOps, path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    super::paths::check_writable(path)?;
    let target = resolve_target(path);
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let permissions: Option<Permissions> = std::fs::metadata(&target).ok().map(|m| m.permissions());
    let tmp = temp_path(&target);

    let result = (|| {
        let mut file = ops
            .create(&tmp)
            .map_err(|e| StoreError::io(&tmp, "cannot create temporary file", e))?;
        ops.write(&mut file, bytes)
            .map_err(|e| StoreError::io(&tmp, "cannot write", e))?;
        if let Some(p) = &permissions {
            file.set_permissions(p.clone())
                .map_err(|e| StoreError::io(&tmp, "cannot set permissions", e))?;
        }
        ops.sync(&file)
            .map_err(|e| StoreError::io(&tmp, "cannot flush to disk", e))?;
        drop(file);
        ops.rename(&tmp, &target)
            .map_err(|e| StoreError::io(&target, "cannot replace", e))?;
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
        return result;
    }
    // The new content is in place; a failed directory flush only means the
    // rename might not survive a power cut, which the caller should hear.
    ops.sync_dir(&dir)
        .map_err(|e| StoreError::io(&dir, "cannot flush directory", e))
}

/// Removes temporary files a killed save left beside the plan.
pub fn clean_temp_files(path: &Path) {
    let target = resolve_target(path);
    let (Some(dir), Some(name)) = (target.parent(), target.file_name()) else {
        return;
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let prefix = format!("{TEMP_PREFIX}{}-", name.to_string_lossy());
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        if entry.file_name().to_string_lossy().starts_with(&prefix) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Whether a file's text ends its lines with CRLF: its first line does.
pub fn uses_crlf(bytes: &[u8]) -> bool {
    bytes
        .iter()
        .position(|b| *b == b'\n')
        .is_some_and(|i| i > 0 && bytes[i - 1] == b'\r')
}

/// `text` with every bare LF made CRLF (a CRLF stays as it is).
pub fn to_crlf(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    let mut prev = '\0';
    for c in text.chars() {
        if c == '\n' && prev != '\r' {
            out.push('\r');
        }
        out.push(c);
        prev = c;
    }
    out
}

/// Saves plan text over `path`: refuses when the file changed since
/// `expected` was taken, keeps the previous version as a backup, writes
/// atomically. Returns the new fingerprint. The one place a save's text
/// becomes bytes: a file whose lines end in CRLF (a Windows checkout) is
/// written with CRLF, so a one-field edit is a one-line change in git; the
/// canonical writer itself stays LF.
pub fn save_text(
    ops: &mut dyn FileOps,
    path: &Path,
    text: &str,
    expected: Option<&Fingerprint>,
    backups: Option<&Path>,
) -> Result<Fingerprint, StoreError> {
    let current = std::fs::read(path).ok();
    let crlf;
    let text = if current.as_deref().is_some_and(uses_crlf) {
        crlf = to_crlf(text);
        crlf.as_str()
    } else {
        text
    };
    // Already there (e.g. a save whose directory flush failed, retried):
    // nothing to write, and not a change by someone else.
    if current.as_deref() == Some(text.as_bytes()) {
        return Ok(Fingerprint::of(text.as_bytes()));
    }
    if let Some(expected) = expected {
        let now = current.as_deref().map(Fingerprint::of);
        if now.as_ref() != Some(expected) {
            return Err(StoreError::ChangedOnDisk {
                path: path.to_path_buf(),
            });
        }
    }
    if let (Some(old), Some(dir)) = (&current, backups) {
        backup::keep(dir, old);
    }
    write_atomic(ops, path, text.as_bytes())?;
    Ok(Fingerprint::of(text.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    // Faults injected at each step of `write_atomic` (transient and
    // persistent, with real OS errors) are tested through the public seam in
    // tests/faults.rs; these are the cases without an injector.

    fn files_in(dir: &Path) -> Vec<String> {
        let mut v: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_stay_links_and_permissions_stay() {
        use std::os::unix::fs::PermissionsExt;
        let tmp = tempfile::tempdir().unwrap();
        let real = tmp.path().join("real.ron");
        std::fs::write(&real, "old").unwrap();
        std::fs::set_permissions(&real, Permissions::from_mode(0o640)).unwrap();
        let link = tmp.path().join("bearing.ron");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_atomic(&mut RealFs, &link, b"new").unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read(&real).unwrap(), b"new");
        assert_eq!(
            std::fs::metadata(&real).unwrap().permissions().mode() & 0o777,
            0o640
        );
    }

    #[test]
    fn changed_on_disk_is_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("bearing.ron");
        std::fs::write(&path, "mine").unwrap();
        let fp = Fingerprint::of(b"mine");
        std::fs::write(&path, "theirs").unwrap();
        let err = save_text(&mut RealFs, &path, "new", Some(&fp), None).unwrap_err();
        assert!(matches!(err, StoreError::ChangedOnDisk { .. }));
        assert_eq!(std::fs::read(&path).unwrap(), b"theirs");
    }

    #[test]
    fn a_crlf_file_is_saved_with_crlf_and_an_lf_file_with_lf() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("bearing.ron");
        std::fs::write(&path, "(\r\n  a: 1,\r\n)\r\n").unwrap();
        let fp = save_text(&mut RealFs, &path, "(\n  a: 2,\n)\n", None, None).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"(\r\n  a: 2,\r\n)\r\n");
        assert_eq!(fp, Fingerprint::of(b"(\r\n  a: 2,\r\n)\r\n"));
        // The same content again: nothing to write, not a change by others.
        assert!(save_text(&mut RealFs, &path, "(\n  a: 2,\n)\n", Some(&fp), None).is_ok());
        std::fs::write(&path, "(\n  a: 1,\n)\n").unwrap();
        save_text(&mut RealFs, &path, "(\n  a: 2,\n)\n", None, None).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"(\n  a: 2,\n)\n");
        assert_eq!(to_crlf("a\r\nb\nc"), "a\r\nb\r\nc");
    }

    #[test]
    fn temp_files_from_a_killed_save_are_cleaned() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("bearing.ron");
        std::fs::write(&path, "x").unwrap();
        std::fs::write(
            tmp.path().join(format!("{TEMP_PREFIX}bearing.ron-1-ab")),
            "torn",
        )
        .unwrap();
        std::fs::write(tmp.path().join("other.txt"), "keep").unwrap();
        clean_temp_files(&path);
        assert_eq!(files_in(tmp.path()), ["bearing.ron", "other.txt"]);
    }
}
