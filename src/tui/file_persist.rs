//! The UI's link to the plan file: every change is saved at once through the
//! store's atomic save, and never over a file someone else changed since it
//! was read.

use std::path::PathBuf;

use crate::model::Plan;
use crate::store::{self, Fingerprint, PresenceLock, StoreError};

use super::Persist;

pub struct FilePersist {
    path: PathBuf,
    /// What the file held when it was last read or written by us.
    fingerprint: Option<Fingerprint>,
    /// Held while the UI is open, so a second UI opens read-only.
    _presence: Option<PresenceLock>,
}

impl FilePersist {
    pub fn new(path: PathBuf, fingerprint: Fingerprint, presence: Option<PresenceLock>) -> Self {
        FilePersist {
            path,
            fingerprint: Some(fingerprint),
            _presence: presence,
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
                "{}: changed on disk by another program; not overwritten — quit and reopen to see their version",
                crate::text::sanitize(&self.path.display().to_string())
            )),
            Err(e) => Err(crate::text::sanitize(&e.to_string()).into_owned()),
        }
    }

    fn describe(&self) -> String {
        crate::text::sanitize(&self.path.display().to_string()).into_owned()
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
