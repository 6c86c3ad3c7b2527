//! Where the plan file is: `--file`, then `BEARING_FILE`, then `bearing.ron`
//! in the current directory or a parent (the plan lives in the team's
//! repository), then the platform data directory.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

pub const FILE_NAME: &str = "bearing.ron";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Flag,
    Env,
    Ancestor,
    DataDir,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    pub path: PathBuf,
    pub source: Source,
}

/// Resolves the plan path. `data_dir` is where a personal plan lives when
/// no repository has one; the path is returned even if the file is missing,
/// so `init` knows where to write.
pub fn locate(
    flag: Option<&Path>,
    env: Option<OsString>,
    cwd: &Path,
    data_dir: Option<&Path>,
) -> Option<Located> {
    if let Some(p) = flag {
        return Some(Located {
            path: cwd.join(p),
            source: Source::Flag,
        });
    }
    if let Some(p) = env.filter(|p| !p.is_empty()) {
        return Some(Located {
            path: cwd.join(p),
            source: Source::Env,
        });
    }
    if let Some(dir) = cwd.ancestors().find(|d| d.join(FILE_NAME).is_file()) {
        return Some(Located {
            path: dir.join(FILE_NAME),
            source: Source::Ancestor,
        });
    }
    data_dir.map(|d| Located {
        path: d.join(FILE_NAME),
        source: Source::DataDir,
    })
}

/// The platform data directory (`~/.local/share/bearing` on Linux), or
/// `BEARING_DATA_DIR` when set (tests and sandboxes).
pub fn data_dir() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os("BEARING_DATA_DIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(d));
    }
    directories::ProjectDirs::from("", "", "bearing").map(|p| p.data_dir().to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_of_precedence() {
        let tmp = tempfile::tempdir().unwrap();
        let repo = tmp.path().join("repo");
        let deep = repo.join("a/b");
        std::fs::create_dir_all(&deep).unwrap();
        std::fs::write(repo.join(FILE_NAME), "").unwrap();
        let data = tmp.path().join("data");

        let flag = locate(
            Some(Path::new("x.ron")),
            Some("y.ron".into()),
            &deep,
            Some(&data),
        )
        .unwrap();
        assert_eq!((flag.path, flag.source), (deep.join("x.ron"), Source::Flag));
        let env = locate(None, Some("y.ron".into()), &deep, Some(&data)).unwrap();
        assert_eq!(env.source, Source::Env);
        let up = locate(None, None, &deep, Some(&data)).unwrap();
        assert_eq!(
            (up.path, up.source),
            (repo.join(FILE_NAME), Source::Ancestor)
        );
        let none = locate(None, None, tmp.path(), Some(&data)).unwrap();
        assert_eq!(
            (none.path, none.source),
            (data.join(FILE_NAME), Source::DataDir)
        );
    }
}
