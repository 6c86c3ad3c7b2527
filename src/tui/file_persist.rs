//! The UI's link to the plan file: every change is saved at once through the
//! store's atomic save, and never over a file someone else changed since it
//! was read.

use std::path::PathBuf;
use std::time::SystemTime;

use crate::model::Plan;
use crate::store::{self, Fingerprint, PresenceLock, StoreError};

/// Between full checks the idle tick only compares the file's size and
/// modification time; every this many ticks it reads and hashes the file
/// anyway, for filesystems with coarse times and same-size edits.
const FULL_CHECK_EVERY: u32 = 10;

use super::Persist;

pub struct FilePersist {
    path: PathBuf,
    /// What the file held when it was last read or written by us.
    fingerprint: Option<Fingerprint>,
    /// Held while the UI is open, so a second UI opens read-only.
    _presence: Option<PresenceLock>,
    /// Size and modification time at the last tick's check.
    seen: Option<(u64, Option<SystemTime>)>,
    ticks: u32,
    /// An outside version that could not be read (or a missing file:
    /// `Some(None)`), already reported.
    reported: Option<Option<Fingerprint>>,
}

impl FilePersist {
    pub fn new(path: PathBuf, fingerprint: Fingerprint, presence: Option<PresenceLock>) -> Self {
        FilePersist {
            path,
            fingerprint: Some(fingerprint),
            _presence: presence,
            seen: None,
            ticks: 0,
            reported: None,
        }
    }

    /// Whether the file on disk is no longer what we last read or wrote.
    pub fn changed_on_disk(&self) -> bool {
        match Fingerprint::of_file(&self.path) {
            Ok(now) => now != self.fingerprint,
            Err(_) => false,
        }
    }

    /// Reads the file again (after an outside change), adopting its version.
    pub fn reload(&mut self) -> Result<Plan, StoreError> {
        let loaded = store::load(&self.path)?;
        self.fingerprint = Some(loaded.fingerprint);
        Ok(loaded.plan)
    }
}

impl Persist for FilePersist {
    fn save(&mut self, plan: &Plan) -> Result<String, String> {
        match store::save(&self.path, plan, self.fingerprint.as_ref()) {
            Ok(fp) => {
                self.fingerprint = Some(fp);
                Ok(format!("saved {}", chrono::Local::now().format("%H:%M:%S")))
            }
            Err(StoreError::ChangedOnDisk { .. }) => Err(format!(
                "{}: changed on disk by another program; not overwritten — R reloads theirs (drops yours), K keeps yours (backs up theirs)",
                crate::text::sanitize(&self.path.display().to_string())
            )),
            Err(e) => Err(crate::text::sanitize(&e.to_string()).into_owned()),
        }
    }

    fn describe(&self) -> String {
        crate::text::sanitize(&self.path.display().to_string()).into_owned()
    }

    fn check_external(&mut self) -> Option<Result<Plan, String>> {
        let meta = std::fs::metadata(&self.path)
            .ok()
            .map(|m| (m.len(), m.modified().ok()));
        self.ticks += 1;
        if meta == self.seen && self.ticks < FULL_CHECK_EVERY {
            return None;
        }
        self.seen = meta;
        self.ticks = 0;
        let now = Fingerprint::of_file(&self.path).ok()?;
        if now == self.fingerprint || Some(now) == self.reported {
            return None;
        }
        match store::load(&self.path) {
            Ok(loaded) => {
                self.fingerprint = Some(loaded.fingerprint);
                self.reported = None;
                Some(Ok(loaded.plan))
            }
            Err(e) => {
                // Said once; our fingerprint stays, so a save still refuses
                // to overwrite their (broken) version silently.
                self.reported = Some(now);
                Some(Err(e.to_string()))
            }
        }
    }

    fn reload_from_disk(&mut self) -> Result<Plan, String> {
        self.reported = None;
        self.reload()
            .map_err(|e| crate::text::sanitize(&e.to_string()).into_owned())
    }

    /// `store::save` keeps the version it replaces in the backups
    /// (`store::backup::keep` under `backup::dir_for`), so theirs is safe.
    fn keep_mine(&mut self, plan: &Plan) -> Result<String, String> {
        let theirs = Fingerprint::of_file(&self.path)
            .map_err(|e| crate::text::sanitize(&e.to_string()).into_owned())?;
        self.fingerprint = theirs;
        self.reported = None;
        self.save(plan)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saves_and_refuses_to_overwrite_an_outside_change() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("bearing.ron");
        let mut plan = Plan::default();
        let fp = store::create(&path, &store::render(&plan).unwrap()).unwrap();
        let mut p = FilePersist::new(path.clone(), fp, None);
        plan.north_star = "mine".into();
        assert!(p.save(&plan).unwrap().starts_with("saved "));
        assert!(!p.changed_on_disk());

        let mut theirs = plan.clone();
        theirs.north_star = "theirs".into();
        std::fs::write(&path, store::render(&theirs).unwrap()).unwrap();
        assert!(p.changed_on_disk());
        plan.north_star = "mine again".into();
        let err = p.save(&plan).unwrap_err();
        assert!(err.contains("changed on disk"), "{err}");
        assert_eq!(store::load(&path).unwrap().plan.north_star, "theirs");

        assert_eq!(p.reload().unwrap().north_star, "theirs");
        assert!(
            p.save(&plan).is_ok(),
            "after a reload our next change saves"
        );
    }
}
