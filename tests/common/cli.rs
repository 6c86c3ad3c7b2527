//! The real `bearing` binary run in a temporary directory as a user or a CI
//! script would: its data under `<dir>/data`, today pinned to [`TODAY`], and
//! no `BEARING_FILE` or `COLUMNS` leaking in from the caller's environment.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The `BEARING_TODAY` every run gets unless told otherwise.
pub const TODAY: &str = "2026-11-20";

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(out: Output) -> Self {
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8(out.stdout).unwrap(),
            stderr: String::from_utf8(out.stderr).unwrap(),
        }
    }
}

/// The binary with `args`, run in `dir` with the pinned environment.
pub fn command(dir: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_bearing"));
    cmd.args(args)
        .current_dir(dir)
        .env("BEARING_DATA_DIR", dir.join("data"))
        .env("BEARING_TODAY", TODAY)
        .env_remove("BEARING_FILE")
        .env_remove("COLUMNS");
    cmd
}

/// Runs `cmd` with no standard input.
pub fn finish(mut cmd: Command) -> Run {
    cmd.stdin(Stdio::null()).output().unwrap().into()
}

/// Runs in `dir` with extra environment variables (they win over the pinned ones).
pub fn run_env(dir: &Path, env: &[(&str, &str)], args: &[&str]) -> Run {
    let mut cmd = command(dir, args);
    for (k, v) in env {
        cmd.env(k, v);
    }
    finish(cmd)
}

pub fn run(dir: &Path, args: &[&str]) -> Run {
    run_env(dir, &[], args)
}

/// Runs in `dir` with `stdin` written to its standard input.
pub fn run_stdin(dir: &Path, args: &[&str], stdin: &[u8]) -> Run {
    let mut child = command(dir, args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut pipe = child.stdin.take().unwrap();
    pipe.write_all(stdin).unwrap();
    drop(pipe);
    child.wait_with_output().unwrap().into()
}

/// Runs and expects success; returns stdout.
pub fn ok(dir: &Path, args: &[&str]) -> String {
    let r = run(dir, args);
    assert_eq!(r.code, 0, "{args:?} failed: {}", r.stderr);
    r.stdout
}

/// A temporary directory with a fresh plan from `bearing init`.
pub fn sandbox() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    ok(dir.path(), &["init"]);
    dir
}

/// The id printed as the last word of the first line.
pub fn last_word(out: &str) -> String {
    out.lines()
        .next()
        .and_then(|l| l.split_whitespace().last())
        .unwrap()
        .to_owned()
}

pub fn json(s: &str) -> serde_json::Value {
    serde_json::from_str(s).unwrap_or_else(|e| panic!("{e}: {s:?}"))
}

/// A temporary directory the binary runs in; the plan is `bearing.ron` there.
pub struct Sandbox {
    pub dir: tempfile::TempDir,
    /// `ok` also fails when stdout shows a negative zero.
    no_negative_zero: bool,
}

impl Sandbox {
    /// An empty directory, no plan yet.
    pub fn new() -> Self {
        Sandbox {
            dir: tempfile::tempdir().unwrap(),
            no_negative_zero: false,
        }
    }

    /// A directory with a fresh plan from `bearing init`.
    pub fn init() -> Self {
        let sb = Self::new();
        sb.ok(&["init"]);
        sb
    }

    /// A writable copy of the demo plan.
    pub fn demo() -> Self {
        let sb = Self::new();
        std::fs::write(sb.plan(), bearing::store::embedded::DEMO).unwrap();
        sb
    }

    /// From now on every `ok` also asserts stdout has no `-0` value.
    pub fn no_negative_zero(mut self) -> Self {
        self.no_negative_zero = true;
        self
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn plan(&self) -> PathBuf {
        self.path().join("bearing.ron")
    }

    pub fn run(&self, args: &[&str]) -> Run {
        run(self.path(), args)
    }

    pub fn run_env(&self, env: &[(&str, &str)], args: &[&str]) -> Run {
        run_env(self.path(), env, args)
    }

    /// Runs with `BEARING_TODAY` set to `today` (unset when `None`).
    pub fn run_at(&self, today: Option<&str>, args: &[&str]) -> Run {
        let mut cmd = command(self.path(), args);
        match today {
            Some(d) => cmd.env("BEARING_TODAY", d),
            None => cmd.env_remove("BEARING_TODAY"),
        };
        finish(cmd)
    }

    /// Runs as of `today` and expects success.
    pub fn ok_at(&self, today: &str, args: &[&str]) -> Run {
        let r = self.run_at(Some(today), args);
        assert_eq!(r.code, 0, "{args:?} failed: {}", r.stderr);
        r
    }

    /// Runs and expects success; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let r = self.run(args);
        assert_eq!(r.code, 0, "{args:?} failed: {}", r.stderr);
        if self.no_negative_zero {
            assert!(!r.stdout.contains("-0 ") && !r.stdout.contains("-0\n"));
        }
        r.stdout
    }

    /// The id printed as the last word of the first line.
    pub fn add(&self, args: &[&str]) -> String {
        last_word(&self.ok(args))
    }

    /// Adds the key result "MTTR" under `objective`: 90 → 30 min from
    /// 2026-10-01, due 2026-12-31; returns its id.
    pub fn add_mttr(&self, objective: &str) -> String {
        self.add(&[
            "add",
            "kr",
            "MTTR",
            "--objective",
            objective,
            "--baseline",
            "90",
            "--target",
            "30",
            "--unit",
            "min",
            "--start",
            "2026-10-01",
            "--due",
            "2026-12-31",
        ])
    }

    pub fn file(&self) -> Vec<u8> {
        std::fs::read(self.plan()).unwrap()
    }

    pub fn text(&self) -> String {
        std::fs::read_to_string(self.plan()).unwrap()
    }

    /// The plan as the library loads it.
    pub fn loaded(&self) -> bearing::model::Plan {
        bearing::store::load(&self.plan()).unwrap().plan
    }

    /// Writes `bytes` (a BOM, CRLF, another encoding) to `name` in the
    /// sandbox; returns `name`.
    pub fn bytes(&self, name: &str, bytes: &[u8]) -> String {
        std::fs::write(self.path().join(name), bytes).unwrap();
        name.to_owned()
    }

    /// Writes `text` to `name` in the sandbox; returns `name`.
    pub fn write(&self, name: &str, text: &str) -> String {
        std::fs::write(self.path().join(name), text).unwrap();
        name.to_owned()
    }

    /// A user error: exit 1, a message containing `needle`, the file untouched.
    pub fn refused(&self, args: &[&str], needle: &str) {
        let before = std::fs::read(self.plan()).ok();
        let r = self.run(args);
        assert_eq!(r.code, 1, "{args:?}: {}", r.stderr);
        assert!(
            r.stderr.contains(needle),
            "{args:?}: expected {needle:?} in {:?}",
            r.stderr
        );
        assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
        assert_eq!(
            std::fs::read(self.plan()).ok(),
            before,
            "{args:?} changed the file"
        );
    }
}

/// A taskwarrior of its own under `dir/tw` (empty taskrc, its own data), or
/// `None` with a note when `task` is not installed (`.ci/run` installs it).
pub fn taskwarrior(dir: &Path) -> Option<PathBuf> {
    if Command::new("task").arg("--version").output().is_err() {
        println!("note: taskwarrior (`task`) is not installed; skipping");
        return None;
    }
    let tw = dir.join("tw");
    std::fs::create_dir_all(tw.join("task")).unwrap();
    std::fs::write(tw.join("taskrc"), "").unwrap();
    Some(tw)
}

/// `task ARGS` on the taskwarrior made by [`taskwarrior`]; it must succeed.
pub fn task(tw: &Path, args: &[&str]) -> String {
    let out = Command::new("task")
        .args(["rc.confirmation=off", "rc.verbose=nothing", "rc.hooks=off"])
        .args(args)
        .env("TASKDATA", tw.join("task"))
        .env("TASKRC", tw.join("taskrc"))
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "task {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The debt item titled `title`; panics naming the plan's items.
pub fn by_title<'p>(plan: &'p bearing::model::Plan, title: &str) -> &'p bearing::model::Debt {
    plan.debts
        .iter()
        .find(|d| d.title == title)
        .unwrap_or_else(|| panic!("no {title:?} in {:?}", plan.debts))
}
