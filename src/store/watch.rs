//! Noticing that someone else changed the file: a fingerprint of the bytes
//! that were read or written, compared before the next write.

use std::hash::{Hash, Hasher};
use std::path::Path;

use super::StoreError;

/// The file's length and modification time, or `None` when it cannot be
/// read: a cheap look that tells when a full [`Fingerprint`] is worth
/// taking (the time alone is not trusted, see below).
pub fn stamp(path: &Path) -> Option<(u64, Option<std::time::SystemTime>)> {
    std::fs::metadata(path)
        .ok()
        .map(|m| (m.len(), m.modified().ok()))
}

/// Length and hash of the file's bytes. Modification times are not used:
/// they are coarse on some filesystems and `git checkout` can keep them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Fingerprint {
    len: u64,
    hash: u64,
}

impl Fingerprint {
    pub fn of(bytes: &[u8]) -> Self {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        bytes.hash(&mut h);
        Fingerprint {
            len: bytes.len() as u64,
            hash: h.finish(),
        }
    }

    /// The fingerprint of the file as it is now; `None` if it does not exist.
    pub fn of_file(path: &Path) -> Result<Option<Self>, StoreError> {
        match std::fs::read(path) {
            Ok(bytes) => Ok(Some(Self::of(&bytes))),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(StoreError::io(path, "cannot read", e)),
        }
    }
}
