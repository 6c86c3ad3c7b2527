//! A throwaway git repository with bearing's merge driver configured by
//! hand, and a reader of the conflict blocks the driver writes. Git runs
//! with no system or user config (`GIT_CONFIG_NOSYSTEM`, `HOME` in the
//! temporary directory), so nothing from the machine leaks in.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use bearing::model::Plan;

pub const PLAN: &str = "bearing.ron";

pub struct Repo {
    pub dir: tempfile::TempDir,
}

/// Whether `git` can be run at all (CI installs it; a bare box may not).
pub fn have_git() -> bool {
    Command::new("git")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_bearing")
}

impl Repo {
    /// A repository on `main` with the driver configured and `.gitattributes`
    /// committed.
    pub fn new() -> Repo {
        let r = Repo {
            dir: tempfile::tempdir().unwrap(),
        };
        r.ok(&["init", "-q", "-b", "main"]);
        r.ok(&["config", "user.name", "Test"]);
        r.ok(&["config", "user.email", "test@example.com"]);
        r.ok(&["config", "commit.gpgsign", "false"]);
        let driver = format!(
            "'{}' merge-driver %O %A %B %L %P %S %X %Y",
            bin().replace('\'', "'\\''")
        );
        r.ok(&["config", "merge.bearing.name", "bearing plan merge"]);
        r.ok(&["config", "merge.bearing.driver", &driver]);
        std::fs::write(
            r.path().join(".gitattributes"),
            format!("{PLAN} merge=bearing\n"),
        )
        .unwrap();
        r.ok(&["add", ".gitattributes"]);
        r.ok(&["commit", "-q", "-m", "attributes"]);
        r
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn git(&self, args: &[&str]) -> Output {
        Command::new("git")
            .args(args)
            .current_dir(self.path())
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("HOME", self.path())
            .env("XDG_CONFIG_HOME", self.path())
            .env("GIT_AUTHOR_DATE", "2026-11-20T10:00:00Z")
            .env("GIT_COMMITTER_DATE", "2026-11-20T10:00:00Z")
            .env("GIT_EDITOR", "true")
            .env_remove("GIT_DIR")
            .env_remove("GIT_WORK_TREE")
            .output()
            .unwrap()
    }

    /// Runs git and fails the test unless it succeeds.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.git(args);
        assert!(
            out.status.success(),
            "git {args:?}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    pub fn plan_path(&self) -> PathBuf {
        self.path().join(PLAN)
    }

    pub fn write_plan(&self, plan: &Plan) {
        self.write_text(&bearing::store::format::to_text(plan).unwrap());
    }

    pub fn write_text(&self, text: &str) {
        std::fs::write(self.plan_path(), text).unwrap();
    }

    pub fn text(&self) -> String {
        std::fs::read_to_string(self.plan_path()).unwrap()
    }

    pub fn load(&self) -> Plan {
        bearing::store::load(&self.plan_path()).unwrap().plan
    }

    /// Commits the plan as it is on disk.
    pub fn commit(&self, message: &str) {
        self.ok(&["add", PLAN]);
        self.ok(&["commit", "-q", "-m", message]);
    }
}

/// One conflict block of a file: the item and field it sits in, and its
/// labels (the text after `<<<<<<<` and `>>>>>>>`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Block {
    pub id: String,
    pub field: String,
    pub ours: String,
    pub base: String,
    pub theirs: String,
}

fn id_of(line: &str) -> Option<String> {
    let rest = line.trim_start().strip_prefix("id: \"")?;
    Some(rest[..rest.find('"')?].to_owned())
}

fn key_of(line: &str) -> Option<String> {
    let t = line.trim_start();
    let colon = t.find(':')?;
    let k = &t[..colon];
    (!k.is_empty() && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
        .then(|| k.to_owned())
}

/// The blocks of a file with markers of size 7: the item is the first
/// `id:` line inside the block (whole items), else the nearest above it;
/// the field is the first `key:` inside it.
pub fn blocks(text: &str) -> Vec<Block> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    let mut last_id: Option<String> = None;
    let mut i = 0;
    while i < lines.len() {
        let l = lines[i];
        if let Some(label) = l.strip_prefix("<<<<<<<") {
            let mut j = i + 1;
            let mut inside = Vec::new();
            let mut base = String::new();
            while j < lines.len() && !lines[j].starts_with(">>>>>>>") {
                if let Some(b) = lines[j].strip_prefix("|||||||") {
                    base = b.trim().to_owned();
                } else if !lines[j].starts_with("=======") {
                    inside.push(lines[j]);
                }
                j += 1;
            }
            let theirs = lines
                .get(j)
                .and_then(|l| l.strip_prefix(">>>>>>>"))
                .unwrap_or("");
            // A block of whole items holds their id lines; one inside an
            // item belongs to the id above it.
            let id = inside
                .iter()
                .find_map(|l| id_of(l))
                .or_else(|| last_id.clone())
                .unwrap_or_default();
            let field = inside.iter().find_map(|l| key_of(l)).unwrap_or_default();
            out.push(Block {
                id,
                field,
                ours: label.trim().to_owned(),
                base,
                theirs: theirs.trim().to_owned(),
            });
            i = j + 1;
            continue;
        }
        if let Some(id) = id_of(l) {
            last_id = Some(id);
        }
        i += 1;
    }
    out
}

/// The file with every block replaced by one of its sections (0 ours,
/// 1 base, 2 theirs).
pub fn take(text: &str, section: usize) -> String {
    let mut out = String::new();
    let mut at: Option<usize> = None;
    for l in text.split_inclusive('\n') {
        if l.starts_with("<<<<<<<") {
            at = Some(0);
        } else if l.starts_with("|||||||") && at.is_some() {
            at = Some(1);
        } else if l.starts_with("=======") && at.is_some() {
            at = Some(2);
        } else if l.starts_with(">>>>>>>") && at.is_some() {
            at = None;
        } else if at.is_none_or(|s| s == section) {
            out.push_str(l);
        }
    }
    out
}
