//! Wording defects a README-only new user found in the org roll-ups
//! (issue 15, third pass): a planned sprint past its window is to be
//! started or cancelled (not closed) and no sprint past its end has a
//! chance; `org check` and the page count the same; the `read:` line names
//! a team read but not loaded; one wording for a missing local file;
//! `--file`/`--demo` refused by `org`; fetch times leave out the wait for
//! the lock; the page says how many open items are ranked; org JSON floats
//! are rounded; paths in messages are tidied.

mod common;
mod org_support;

use std::path::PathBuf;

use bearing::model::{Plan, SprintState};
use org_support::Org;
use serde_json::Value;

/// Past every sprint's end in the demo plan.
const LATE: &str = "2026-12-30";

/// `payments` with `plan` as a local file; returns the workspace's dir.
fn one_team(org: &Org, plan: &Plan) -> PathBuf {
    let dir = org.root().join("payments");
    std::fs::create_dir_all(&dir).unwrap();
    let text = bearing::store::format::to_text(plan).unwrap();
    std::fs::write(dir.join("bearing.ron"), text).unwrap();
    org.workspace(
        "    (id: \"payments\", name: \"Payments\", path: \"../payments/bearing.ron\"),\n",
    )
}

fn sprint_id(plan: &Plan, state: SprintState) -> String {
    plan.sprints
        .iter()
        .find(|s| s.state == state)
        .unwrap()
        .id
        .clone()
}

fn row<'a>(v: &'a Value, id: &str) -> &'a Value {
    v["sprints"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == format!("payments:{id}"))
        .unwrap_or_else(|| panic!("{id}: {v}"))
}

#[test]
fn a_planned_sprint_past_its_window_is_to_be_started_or_cancelled_not_closed() {
    let org = Org::new();
    let plan = common::demo();
    let active = sprint_id(&plan, SprintState::Active);
    let planned = sprint_id(&plan, SprintState::Planned);
    let ws = one_team(&org, &plan);

    let t = org.ok(&ws, &["org", "sprints", "--today", LATE]);
    let line = t.lines().find(|l| l.contains(&planned)).unwrap();
    assert!(line.contains("planned, window ended"), "{t}");
    assert!(line.trim_end().ends_with("passed"), "{t}");
    assert!(
        t.contains("odds: passed means a planned sprint's window has passed: start or cancel it"),
        "{t}"
    );
    let line = t.lines().find(|l| l.contains(&active)).unwrap();
    assert!(line.trim_end().ends_with("ended"), "{t}");

    let v = org.json(
        &ws,
        &["org", "sprints", "--format", "json", "--today", LATE],
    );
    let p = row(&v, &planned);
    assert_eq!(p["state"], "planned", "{p}");
    assert_eq!(p["no_odds"], "window passed — start or cancel it", "{p}");
    let a = row(&v, &active);
    assert_eq!(a["no_odds"], "ended — close it", "{a}");
}

#[test]
fn forecast_of_a_sprint_past_its_end_gives_no_chance_active_or_planned() {
    let org = Org::new();
    let plan = common::demo();
    let active = sprint_id(&plan, SprintState::Active);
    let planned = sprint_id(&plan, SprintState::Planned);
    let ws = one_team(&org, &plan);
    let f = ws.join("../payments/bearing.ron");
    let f = f.to_str().unwrap();
    for (id, advice) in [(&active, "close it"), (&planned, "start or cancel it")] {
        let t = org.ok(&ws, &["-f", f, "--today", LATE, "forecast", id]);
        assert!(!t.contains("chance"), "{t}");
        assert!(
            t.contains(&format!("p_finish   - (past its end: {advice})")),
            "{t}"
        );
        let v = org.json(
            &ws,
            &["-f", f, "--today", LATE, "forecast", id, "--format", "json"],
        );
        assert!(v["p_finish"].is_null(), "{v}");
    }
}

#[test]
fn org_refuses_file_and_demo_instead_of_ignoring_them() {
    let org = Org::new();
    let ws = one_team(&org, &common::demo());
    for args in [
        &["--demo", "org", "status"][..],
        &["org", "status", "-f", "/nonexistent.ron"][..],
        &["org", "--file", "x.ron"][..],
    ] {
        let r = org.bearing(&ws, args);
        assert_eq!(r.code, 2, "{args:?}: {}{}", r.stdout, r.stderr);
        assert!(
            r.stderr.contains(
                "--file/--demo name a plan; bearing org reads the workspace (--org FILE)"
            ),
            "{args:?}: {}",
            r.stderr
        );
        assert!(r.stdout.is_empty(), "{args:?}: {}", r.stdout);
    }
    org.ok(&ws, &["org", "status"]);
}

#[test]
fn a_missing_local_file_is_worded_the_same_by_fetch_and_the_rollups() {
    let org = Org::new();
    let ws = org.workspace(
        "    (id: \"typo\", path: \"../mobil/bearing.ron\", optional: true),\n\
         \x20   (id: \"dir\", path: \"../org\", optional: true),\n",
    );
    // `typo: …` in fetch, `typo (optional): …` in the roll-ups' warnings.
    let words = "local file ../mobil/bearing.ron: not found (check the team's path in bearing-org.ron line 3)";
    let dir_words = "local file ../org: a directory, not a plan file (check the team's path in bearing-org.ron line 4)";
    let fetch = org.ok(&ws, &["org", "fetch"]);
    assert!(fetch.contains(words), "{fetch}");
    assert!(fetch.contains(dir_words), "{fetch}");
    for cmd in ["status", "rank", "krs", "sprints"] {
        let t = org.ok(&ws, &["org", cmd]);
        assert!(t.contains(words), "{cmd}: {t}");
        assert!(t.contains(dir_words), "{cmd}: {t}");
        assert!(!t.contains(org.root().to_str().unwrap()), "{cmd}: {t}");
    }
}

#[test]
fn paths_in_workspace_messages_are_tidied() {
    let org = Org::new();
    let ws = one_team(&org, &common::demo());
    let r = org.bearing(&ws, &["org", "status", "--org", "../payments/bearing.ron"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let tidy = org.root().join("payments/bearing.ron");
    assert!(
        r.stderr
            .contains(&format!("{} is a plan, not a workspace", tidy.display())),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains(".."), "{}", r.stderr);
    let r = org.bearing(&ws, &["org", "status", "--org", "../nowhere/x.ron"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("no workspace file here"), "{}", r.stderr);
    assert!(!r.stderr.contains(".."), "{}", r.stderr);
}

/// `payments` (the demo plan) and two teams whose file is not there, one
/// optional; returns the workspace's dir.
fn with_unread_teams(org: &Org) -> PathBuf {
    let ws = one_team(org, &common::demo());
    let file = ws.join("bearing-org.ron");
    let text = std::fs::read_to_string(&file).unwrap().replace(
        "  ],",
        "    (id: \"gone\", path: \"../gone/bearing.ron\", optional: true),\n\
         \x20   (id: \"lost\", path: \"../lost/bearing.ron\"),\n  ],",
    );
    std::fs::write(&file, text).unwrap();
    ws
}

#[test]
fn org_check_and_the_page_state_the_same_totals_counting_unread_teams_alike() {
    let org = Org::new();
    let ws = with_unread_teams(&org);
    let r = org.bearing(&ws, &["org", "check", "--today", "2026-11-20"]);
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    let totals = r
        .stdout
        .lines()
        .find(|l| l.contains(" across 3 teams"))
        .unwrap_or_else(|| panic!("{}", r.stdout))
        .to_owned();
    let md = org.ok(
        &ws,
        &["org", "export", "--format", "md", "--today", "2026-11-20"],
    );
    assert!(
        md.contains(&format!(
            "{totals}; `bearing org check` lists every finding."
        )),
        "{totals}\n{md}"
    );
    let html = org.ok(
        &ws,
        &["org", "export", "--format", "html", "--today", "2026-11-20"],
    );
    assert!(html.contains(&totals), "{totals}\n{html}");
    // The per-team cells add up to the totals: the unread teams counted as
    // org check counts them (the optional one a warning, the other an error).
    let findings = &md[md.find("## Check findings").unwrap()..];
    let cells = |team: &str| -> Vec<String> {
        let line = findings
            .lines()
            .find(|l| l.starts_with(&format!("| {team} |")))
            .unwrap_or_else(|| panic!("{team}: {findings}"));
        line.trim_matches('|')
            .split('|')
            .map(|c| c.trim().to_owned())
            .collect()
    };
    assert_eq!(cells("gone")[1..3], ["0", "1"], "{findings}");
    assert_eq!(cells("lost")[1..3], ["1", "0"], "{findings}");
    let (mut e, mut w) = (0, 0);
    for team in ["payments", "gone", "lost"] {
        let c = cells(team);
        e += c[1].parse::<usize>().unwrap();
        w += c[2].parse::<usize>().unwrap();
    }
    let sum = format!(
        "{e} error{}, {w} warning{} across 3 teams",
        if e == 1 { "" } else { "s" },
        if w == 1 { "" } else { "s" }
    );
    assert_eq!(sum, totals, "{findings}");
}

#[test]
fn the_read_line_names_a_team_read_that_does_not_load() {
    let org = Org::new();
    // A git team whose only commit has a syntax error, and a local one.
    let legacy = org.root().join("legacy");
    std::fs::create_dir_all(&legacy).unwrap();
    org.git(&legacy, &["init", "-q", "-b", "main"]);
    org.git(&legacy, &["config", "user.name", "Test"]);
    org.git(&legacy, &["config", "user.email", "test@example.com"]);
    std::fs::write(legacy.join("bearing.ron"), "(schema: 1, oops\n").unwrap();
    org.commit(&legacy, "broken plan");
    let head = org.head(&legacy);
    let broken = org.root().join("broken");
    std::fs::create_dir_all(&broken).unwrap();
    std::fs::write(broken.join("bearing.ron"), "(schema: 1, oops\n").unwrap();
    let ws = one_team(&org, &common::demo());
    let file = ws.join("bearing-org.ron");
    let text = std::fs::read_to_string(&file).unwrap().replace(
        "  ],",
        &format!(
            "    (id: \"legacy\", git: \"{}\", optional: true),\n\
             \x20   (id: \"broken\", path: \"../broken/bearing.ron\", optional: true),\n\
             \x20   (id: \"gone\", path: \"../gone/bearing.ron\", optional: true),\n  ],",
            org.url("legacy")
        ),
    );
    std::fs::write(&file, text).unwrap();
    org.bearing(&ws, &["org", "fetch"]);
    let status = org.ok(&ws, &["org", "status"]);
    assert!(status.contains("warning: parse"), "{status}");
    for cmd in ["status", "rank", "krs", "sprints"] {
        let t = org.ok(&ws, &["org", cmd]);
        let read = t.lines().find(|l| l.starts_with("read: ")).unwrap();
        assert!(read.contains("payments file "), "{cmd}: {read}");
        assert!(
            read.contains(&format!("legacy {head} (HEAD), fetched ")),
            "{cmd}: {read}"
        );
        let legacy_part = read.split("; ").find(|p| p.starts_with("legacy ")).unwrap();
        assert!(legacy_part.ends_with(" (does not load)"), "{cmd}: {read}");
        let broken_part = read.split("; ").find(|p| p.starts_with("broken ")).unwrap();
        assert!(broken_part.starts_with("broken file "), "{cmd}: {read}");
        assert!(broken_part.ends_with(" (does not load)"), "{cmd}: {read}");
        assert!(!read.contains("gone"), "{cmd}: {read}");
    }
}

#[test]
fn the_page_says_how_many_open_items_are_ranked_and_how_many_are_to_triage() {
    let org = Org::new();
    let mut plan = common::demo();
    // Two open items without an effort: to triage, not ranked.
    let mut untriaged = 0;
    for d in plan.debts.iter_mut().filter(|d| d.status.is_open()).take(2) {
        d.effort = None;
        untriaged += 1;
    }
    let today = chrono::NaiveDate::parse_from_str(common::cli::TODAY, "%Y-%m-%d").unwrap();
    let open = plan.debts.iter().filter(|d| d.status.is_open()).count();
    let ranked = bearing::score::rank_open(&plan, today)
        .iter()
        .filter(|r| r.breakdown.score().is_some())
        .count();
    assert_eq!(ranked + untriaged, open);
    let ws = one_team(&org, &plan);
    let md = org.ok(&ws, &["org", "export", "--today", common::cli::TODAY]);
    let shown = ranked.min(20);
    let words = format!(
        "The first {shown} of {ranked} ranked open items ({untriaged} more to triage, not ranked)"
    );
    assert!(md.contains(&words), "{words}\n{md}");
    let html = org.ok(
        &ws,
        &[
            "org",
            "export",
            "--format",
            "html",
            "--today",
            common::cli::TODAY,
        ],
    );
    assert!(html.contains(&words), "{words}\n{html}");
}

/// A JSON number's decimals as printed.
fn decimals(v: &Value) -> usize {
    let s = v.to_string();
    s.split_once('.').map_or(0, |(_, d)| d.len())
}

#[test]
fn org_json_shares_are_rounded_to_four_decimals() {
    let org = Org::new();
    let mut plan = common::demo();
    let kr = &mut plan.key_results[0];
    kr.baseline = 0.0;
    kr.target = Some(9.0);
    kr.current = 5.0;
    kr.checkins.clear();
    let kr_id = format!("payments:{}", kr.id);
    // 19 points over a capacity of 21: 0.904761…
    let active = plan
        .sprints
        .iter_mut()
        .find(|s| s.state == SprintState::Active)
        .unwrap();
    active.capacity = 21;
    let ws = one_team(&org, &plan);
    let today = common::cli::TODAY;
    let krs = org.json(&ws, &["org", "krs", "--format", "json", "--today", today]);
    let kr_row = krs["key_results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == kr_id.as_str())
        .unwrap();
    assert_eq!(kr_row["progress"].as_f64(), Some(0.5556), "{kr_row}");
    let sprints = org.json(
        &ws,
        &["org", "sprints", "--format", "json", "--today", today],
    );
    let mut uses = 0;
    for r in sprints["sprints"].as_array().unwrap() {
        for key in ["capacity_use", "odds"] {
            assert!(decimals(&r[key]) <= 4, "{key}: {r}");
        }
        uses += usize::from(r["capacity_use"].is_f64());
    }
    assert!(uses > 0, "{sprints}");
    let active = row(&sprints, &sprint_id(&plan, SprintState::Active));
    let points = active["points"].as_f64().unwrap();
    let want = (points / 21.0 * 10_000.0).round() / 10_000.0;
    assert_eq!(active["capacity_use"].as_f64(), Some(want), "{active}");
}

#[test]
fn a_fetch_that_waited_for_the_lock_times_only_itself_and_says_the_wait_apart() {
    use std::process::Stdio;
    let org = Org::new();
    org.team_repo("payments", "Card retries double charge");
    let ws = org.workspace(&format!(
        "    (id: \"payments\", git: \"{}\", rev: \"main\", path: \"plan/bearing.ron\"),\n",
        org.url("payments")
    ));
    org.ok(&ws, &["org", "fetch"]);
    // Hold payments' lock as a running fetch would, for 1.5 s.
    let cache = org.root().join("cache");
    let dir = std::fs::read_dir(&cache)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let file = dir.join("payments/fetch.lock");
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&file)
        .unwrap();
    lock.lock().unwrap();
    std::fs::write(&file, "4242\n").unwrap();
    let mut cmd = common::cli::command(&ws, &["org", "fetch"]);
    org.env(&mut cmd);
    let child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let held = std::time::Instant::now();
    std::thread::sleep(std::time::Duration::from_millis(1500));
    drop(lock);
    let r: common::cli::Run = child.wait_with_output().unwrap().into();
    let total = held.elapsed().as_millis();
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let line = r
        .stdout
        .lines()
        .find(|l| l.starts_with("payments: up to date at"))
        .unwrap_or_else(|| panic!("{}", r.stdout));
    // `payments: up to date at abc1234 (main) in 40 ms (waited 1.5 s for pid 4242)`
    let (_, rest) = line.split_once(" in ").unwrap();
    let (ms, waited) = rest
        .split_once(" ms (waited ")
        .unwrap_or_else(|| panic!("{line}"));
    let ms: u128 = ms.parse().unwrap_or_else(|_| panic!("{line}"));
    assert!(waited.ends_with(" s for pid 4242)"), "{line}");
    let secs: f64 = waited.split(' ').next().unwrap().parse().unwrap();
    assert!(secs >= 1.0, "{line}");
    // The fetch's own time leaves the wait out.
    assert!(ms + 1000 <= total, "{line} (all of it took {total} ms)");
}

#[test]
fn a_workspace_that_is_a_directory_is_named_tidied() {
    let org = Org::new();
    let ws = one_team(&org, &common::demo());
    let r = org.bearing(&ws, &["org", "status", "--org", "../payments"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr
            .contains(&org.root().join("payments").display().to_string()),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains(".."), "{}", r.stderr);
}

#[test]
fn org_help_says_file_and_demo_are_not_for_it() {
    let org = Org::new();
    let help = org.ok(org.root(), &["org", "--help"]);
    assert!(
        help.contains("Not with `bearing org`, which reads a workspace (--org FILE)"),
        "{help}"
    );
}
