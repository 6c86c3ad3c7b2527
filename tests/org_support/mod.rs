//! Teams for the `bearing org` tests: git repositories in a temporary
//! directory reached by `file://` URLs, local plan files, a workspace file,
//! and the real binary run with HOME there and no system git config (so
//! the user's config never leaks in) and the fetch cache inside it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::cli::{Run, command, finish};
use serde_json::Value;

pub struct Org {
    pub tmp: tempfile::TempDir,
}

impl Org {
    pub fn new() -> Org {
        Org {
            tmp: tempfile::tempdir().unwrap(),
        }
    }

    pub fn root(&self) -> &Path {
        self.tmp.path()
    }

    pub fn env(&self, cmd: &mut Command) {
        let home = self.root();
        cmd.env("GIT_CONFIG_NOSYSTEM", "1")
            .env("HOME", home)
            .env("XDG_CONFIG_HOME", home.join(".config"))
            .env("GIT_CEILING_DIRECTORIES", home)
            .env("BEARING_CACHE_DIR", home.join("cache"))
            .env_remove("BEARING_ORG")
            .env("LC_ALL", "C");
    }

    pub fn git(&self, dir: &Path, args: &[&str]) -> String {
        let mut cmd = Command::new("git");
        cmd.arg("-C").arg(dir).args(args);
        self.env(&mut cmd);
        let out = cmd.output().unwrap();
        assert!(out.status.success(), "git {args:?}: {out:?}");
        String::from_utf8(out.stdout).unwrap().trim().to_owned()
    }

    pub fn bearing(&self, dir: &Path, args: &[&str]) -> Run {
        let mut cmd = command(dir, args);
        self.env(&mut cmd);
        finish(cmd)
    }

    pub fn ok(&self, dir: &Path, args: &[&str]) -> String {
        let r = self.bearing(dir, args);
        assert_eq!(r.code, 0, "{args:?}: {}{}", r.stdout, r.stderr);
        r.stdout
    }

    /// A plan at `file` from the template, with one debt item (owned, so
    /// `check` finds no error) and one key result.
    pub fn plan(&self, file: &Path, debt: &str, risk: &str) {
        let dir = file.parent().unwrap();
        std::fs::create_dir_all(dir).unwrap();
        let f = file.to_str().unwrap();
        self.ok(dir, &["-f", f, "init"]);
        self.add_debt(file, debt, risk);
        let objs: Value = serde_json::from_str(
            &self.ok(dir, &["-f", f, "list", "objectives", "--format", "json"]),
        )
        .unwrap();
        let o = objs[0]["id"].as_str().unwrap();
        self.ok(
            dir,
            &[
                "-f",
                f,
                "add",
                "kr",
                "MTTR",
                "--objective",
                o,
                "--baseline",
                "60",
                "--target",
                "30",
                "--current",
                "45",
                "--unit",
                "min",
                "--start",
                "2026-10-01",
                "--due",
                "2026-12-31",
            ],
        );
    }

    pub fn add_debt(&self, file: &Path, title: &str, risk: &str) {
        let f = file.to_str().unwrap();
        self.ok(
            file.parent().unwrap(),
            &[
                "-f", f, "add", "debt", title, "--risk", risk, "--effort", "2", "--owner", "ann",
            ],
        );
    }

    /// A team repository `name` (branch main) with its plan at
    /// plan/bearing.ron, committed; returns its directory.
    pub fn team_repo(&self, name: &str, debt: &str) -> PathBuf {
        let dir = self.root().join(name);
        std::fs::create_dir_all(&dir).unwrap();
        self.git(&dir, &["init", "-q", "-b", "main"]);
        self.git(&dir, &["config", "user.name", "Test"]);
        self.git(&dir, &["config", "user.email", "test@example.com"]);
        self.plan(&dir.join("plan/bearing.ron"), debt, "4");
        self.commit(&dir, "plan");
        dir
    }

    pub fn commit(&self, dir: &Path, msg: &str) {
        self.git(dir, &["add", "-A"]);
        self.git(dir, &["commit", "-q", "-m", msg]);
    }

    pub fn head(&self, dir: &Path) -> String {
        self.git(dir, &["rev-parse", "--short=7", "HEAD"])
    }

    pub fn url(&self, name: &str) -> String {
        format!("file://{}", self.root().join(name).display())
    }

    /// `org/bearing-org.ron` holding `teams`; returns `org/`.
    pub fn workspace(&self, teams: &str) -> PathBuf {
        let dir = self.root().join("org");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("bearing-org.ron"),
            format!("(\n  teams: [\n{teams}  ],\n)\n"),
        )
        .unwrap();
        dir
    }

    pub fn json(&self, dir: &Path, args: &[&str]) -> Value {
        let out = self.ok(dir, args);
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{args:?}: {e}: {out}"))
    }
}

/// Three teams (two git repositories and a local file) and an optional
/// one that does not exist.
pub fn three_teams(org: &Org) -> PathBuf {
    org.team_repo("payments", "Card retries double charge");
    org.team_repo("search", "Index rebuild takes a night");
    org.plan(
        &org.root().join("infra/bearing.ron"),
        "Terraform state by hand",
        "2",
    );
    org.workspace(&format!(
        "    (id: \"payments\", name: \"Payments\", git: \"{}\", rev: \"main\", path: \"plan/bearing.ron\"),\n\
         \x20   (id: \"search\", name: \"Search\", git: \"{}\", rev: \"main\", path: \"plan/bearing.ron\"),\n\
         \x20   (id: \"infra\", name: \"Infra\", path: \"../infra/bearing.ron\"),\n\
         \x20   (id: \"ghost\", name: \"Ghost\", git: \"{}\", optional: true),\n",
        org.url("payments"),
        org.url("search"),
        org.url("nowhere"),
    ))
}

pub fn ids(v: &Value, key: &str) -> Vec<String> {
    v[key]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .collect()
}

/// Local teams, each `(id, plan)` written to `<root>/<id>/bearing.ron`
/// and listed (named by its id, capitalised) in a workspace; returns the
/// workspace's directory.
pub fn local_teams(org: &Org, teams: Vec<(&str, bearing::model::Plan)>) -> PathBuf {
    let mut listed = String::new();
    for (id, plan) in teams {
        let dir = org.root().join(id);
        std::fs::create_dir_all(&dir).unwrap();
        let text = bearing::store::format::to_text(&plan).unwrap();
        std::fs::write(dir.join("bearing.ron"), text).unwrap();
        let mut name = id.to_owned();
        name[..1].make_ascii_uppercase();
        listed.push_str(&format!(
            "    (id: \"{id}\", name: \"{name}\", path: \"../{id}/bearing.ron\"),\n"
        ));
    }
    org.workspace(&listed)
}

/// `payments` with `plan` as a local file, `extra` (e.g. a `title:` line)
/// put at the workspace's start; returns the workspace's directory.
pub fn one_team(org: &Org, plan: &bearing::model::Plan, extra: &str) -> PathBuf {
    let ws = local_teams(org, vec![("payments", plan.clone())]);
    if !extra.is_empty() {
        let file = ws.join("bearing-org.ron");
        let text = std::fs::read_to_string(&file).unwrap();
        std::fs::write(&file, format!("({extra}\n{}", &text[1..])).unwrap();
    }
    ws
}

/// The workspace's teams read as `bearing org` reads local teams (no
/// cache).
pub fn read_teams(ws: &Path) -> Vec<bearing::org::TeamPlan> {
    let w = bearing::store::org::read_workspace(&ws.join("bearing-org.ron")).unwrap();
    w.teams
        .iter()
        .map(|t| bearing::store::org::read_team(ws, &ws.join("no-cache"), t, false))
        .collect()
}

/// Each key in turn through the org UI; the last key's effect.
pub fn press(app: &mut bearing::tui::org::OrgApp, keys: &[&str]) -> bearing::tui::org::OrgEffect {
    let mut last = bearing::tui::org::OrgEffect::None;
    for k in keys {
        last = bearing::tui::org::handle_key(app, crate::common::keys::key(k));
    }
    last
}

/// The org UI drawn at `w`×`h`, as TestBackend prints it.
pub fn screen(app: &bearing::tui::org::OrgApp, w: u16, h: u16) -> String {
    let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
    term.draw(|f| bearing::tui::org::draw(f, app)).unwrap();
    term.backend().to_string()
}

/// `payments` (the demo plan) and `platform` (the fixture), local files.
pub fn demo_and_fixture(org: &Org) -> PathBuf {
    local_teams(
        org,
        vec![
            ("payments", crate::common::demo()),
            ("platform", crate::common::fixture()),
        ],
    )
}

/// Where the current view's table has the column headed `header`.
pub fn header_index(app: &bearing::tui::org::OrgApp, header: &str) -> usize {
    app.table()
        .headers
        .iter()
        .position(|h| *h == header)
        .unwrap_or_else(|| panic!("no {header:?} column"))
}
