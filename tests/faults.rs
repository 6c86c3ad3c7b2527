//! Faults at every step of a save (create, write, fsync, rename, directory
//! fsync), transient and persistent, with real OS errors: the old file stays
//! byte-identical (until the rename), no temporary file is left, the message
//! names the path and the OS error, the plan to save is untouched, and once
//! the fault clears the same save succeeds.

use std::fs::File;
use std::io;
use std::path::Path;

use bearing::model::{Debt, Plan};
use bearing::store::save::{self, FileOps, TEMP_PREFIX};
use bearing::store::{self, Fingerprint, RealFs, StoreError};
use chrono::NaiveDate;

const STEPS: [&str; 5] = ["create", "write", "sync", "rename", "sync_dir"];

/// Fails `step` with `errno` while `left` > 0 (`usize::MAX`: until cleared).
struct Faulty {
    step: &'static str,
    errno: i32,
    left: usize,
    hits: usize,
}

impl Faulty {
    fn hit(&mut self, step: &str) -> io::Result<()> {
        if step == self.step && self.left > 0 {
            self.left -= 1;
            self.hits += 1;
            return Err(io::Error::from_raw_os_error(self.errno));
        }
        Ok(())
    }
}

impl FileOps for Faulty {
    fn create(&mut self, path: &Path) -> io::Result<File> {
        self.hit("create")?;
        RealFs.create(path)
    }
    fn write(&mut self, file: &mut File, bytes: &[u8]) -> io::Result<()> {
        self.hit("write")?;
        RealFs.write(file, bytes)
    }
    fn sync(&mut self, file: &File) -> io::Result<()> {
        self.hit("sync")?;
        RealFs.sync(file)
    }
    fn rename(&mut self, from: &Path, to: &Path) -> io::Result<()> {
        self.hit("rename")?;
        RealFs.rename(from, to)
    }
    fn sync_dir(&mut self, dir: &Path) -> io::Result<()> {
        self.hit("sync_dir")?;
        RealFs.sync_dir(dir)
    }
}

fn plan(titles: &[&str]) -> Plan {
    let mut p: Plan = store::format::from_text("(schema: 1)").unwrap();
    let day = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    for (i, t) in titles.iter().enumerate() {
        p.debts
            .push(Debt::new(format!("D-0000{i}"), (*t).to_owned(), day));
    }
    p
}

fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(TEMP_PREFIX))
        .collect()
}

/// The OS errors a disk really gives: full, I/O error, read-only, denied.
const ERRNOS: [(i32, &str); 4] = [
    (28, "No space left on device (os error 28)"),
    (5, "Input/output error (os error 5)"),
    (30, "Read-only file system (os error 30)"),
    (13, "Permission denied (os error 13)"),
];

fn check_one(step: &'static str, errno: i32, os_text: &str, persistent: bool) {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("bearing.ron");
    let old_text = store::render(&plan(&["Old"])).unwrap();
    std::fs::write(&path, &old_text).unwrap();
    let fp = Fingerprint::of(old_text.as_bytes());
    let edited = plan(&["Old", "New"]);
    let snapshot = edited.clone();
    let new_text = store::render(&edited).unwrap();

    let mut ops = Faulty {
        step,
        errno,
        left: if persistent { usize::MAX } else { 1 },
        hits: 0,
    };
    let attempts = if persistent { 3 } else { 1 };
    for attempt in 0..attempts {
        let err = save::save_text(&mut ops, &path, &new_text, Some(&fp), None).unwrap_err();
        let msg = err.to_string();
        let ctx = format!("{step} errno {errno} attempt {attempt}: {msg}");
        assert!(matches!(err, StoreError::Io { .. }), "{ctx}");
        assert!(msg.contains(os_text), "{ctx}");
        assert!(
            msg.contains(&*tmp.path().to_string_lossy()),
            "message names no path: {ctx}"
        );
        assert_eq!(leftovers(tmp.path()), Vec::<String>::new(), "{ctx}");
        if step == "sync_dir" {
            // The rename happened; only its durability is in doubt, and the
            // caller hears it. Retrying is harmless.
            assert_eq!(std::fs::read_to_string(&path).unwrap(), new_text, "{ctx}");
            assert!(msg.contains("flush directory"), "{ctx}");
            break;
        }
        assert_eq!(std::fs::read_to_string(&path).unwrap(), old_text, "{ctx}");
    }
    assert_eq!(edited, snapshot, "the plan in memory is kept as edited");
    // The fault clears: the same save (same expected fingerprint) goes through.
    ops.left = 0;
    let fp_new = save::save_text(&mut ops, &path, &new_text, Some(&fp), None)
        .unwrap_or_else(|e| panic!("{step} errno {errno}: after clearing: {e}"));
    assert_eq!(fp_new, Fingerprint::of(new_text.as_bytes()));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), new_text);
    assert_eq!(store::load(&path).unwrap().plan, edited);
    assert_eq!(leftovers(tmp.path()), Vec::<String>::new());
    assert!(ops.hits >= 1);
}

#[test]
fn transient_faults_at_every_step() {
    for step in STEPS {
        for (errno, text) in ERRNOS {
            check_one(step, errno, text, false);
        }
    }
}

#[test]
fn persistent_faults_at_every_step() {
    for step in STEPS {
        for (errno, text) in ERRNOS {
            check_one(step, errno, text, true);
        }
    }
}

#[cfg(unix)]
#[test]
fn a_read_only_directory_is_a_real_fault_with_the_same_guarantees() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("ro");
    std::fs::create_dir(&dir).unwrap();
    let path = dir.join("bearing.ron");
    let old_text = store::render(&plan(&["Old"])).unwrap();
    std::fs::write(&path, &old_text).unwrap();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o555)).unwrap();
    // Root ignores directory permissions; nothing to test then.
    let writable = File::create(dir.join("probe")).is_ok();
    if writable {
        println!("note: running as root, directory permissions are not enforced; skipped");
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
        return;
    }
    let new_text = store::render(&plan(&["Old", "New"])).unwrap();
    let err = save::save_text(&mut RealFs, &path, &new_text, None, None).unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains("Permission denied (os error 13)"), "{msg}");
    assert!(msg.contains(&*dir.to_string_lossy()), "{msg}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), old_text);
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    save::save_text(&mut RealFs, &path, &new_text, None, None).unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), new_text);
}
