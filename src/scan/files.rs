//! Which files a scan reads, and what it takes from each: skipped are
//! vendored directories, lockfiles, minified and generated files (a
//! `@generated` or `DO NOT EDIT` header) and binary files (a NUL byte in
//! the first 8 KB, as git and ripgrep decide).

use super::comments::{self, Found, Markers};

/// Directories holding someone else's code.
const VENDORED: [&str; 5] = [
    "vendor",
    "node_modules",
    "third_party",
    "third-party",
    "bower_components",
];

/// Files written by tools.
const LOCKFILES: [&str; 10] = [
    "Cargo.lock",
    "package-lock.json",
    "yarn.lock",
    "pnpm-lock.yaml",
    "Gemfile.lock",
    "poetry.lock",
    "composer.lock",
    "go.sum",
    "Pipfile.lock",
    "flake.lock",
];

/// Whether a path (`/`-separated, from the repository's root) is never
/// scanned, whatever its content: vendored, a lockfile, minified.
pub fn skipped_path(path: &str) -> bool {
    let mut parts = path.split('/');
    let name = parts.next_back().unwrap_or(path);
    if parts.any(|dir| VENDORED.contains(&dir)) {
        return true;
    }
    LOCKFILES.contains(&name)
        || name.ends_with(".lock")
        || name.ends_with(".min.js")
        || name.ends_with(".min.css")
        || name.ends_with(".map")
}

/// How much of a file's start is looked at for a NUL byte (binary) and for
/// a generated-file header.
const HEAD: usize = 8 * 1024;
const HEADER: usize = 1024;

/// What a scan keeps of a file it read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileText {
    pub path: String,
    /// Its size in lines.
    pub lines: usize,
    pub markers: Vec<Found>,
}

/// Reads one file's bytes: `None` when it is binary or generated (it is
/// then neither a marker's nor a hotspot's), else its line count and
/// markers (searched only in a language whose comments are known).
pub fn inspect(path: &str, bytes: &[u8], markers: &Markers) -> Option<FileText> {
    let head = &bytes[..bytes.len().min(HEAD)];
    if memchr::memchr(0, head).is_some() {
        return None;
    }
    let header = &bytes[..bytes.len().min(HEADER)];
    if memchr::memmem::find(header, b"@generated").is_some()
        || memchr::memmem::find(header, b"DO NOT EDIT").is_some()
    {
        return None;
    }
    let mut lines = memchr::memchr_iter(b'\n', bytes).count();
    if bytes.last().is_some_and(|b| *b != b'\n') {
        lines += 1;
    }
    let found = match comments::syntax(path) {
        Some(syntax) if markers.may_occur(bytes) => {
            let text = String::from_utf8_lossy(bytes);
            comments::markers(&text, &syntax, markers)
        }
        _ => Vec::new(),
    };
    Some(FileText {
        path: path.to_owned(),
        lines,
        markers: found,
    })
}
