//! `bearing import github|jira` with the real binary, on fixtures written
//! from each export's documented shape (`tests/data/import/trackers/`),
//! and the mapping rules in the plan set with `bearing config`.

use bearing::model::{Debt, DebtStatus, Plan};

mod common;

use common::cli::{Sandbox, run_stdin};

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/import/trackers/");

fn fixture(name: &str) -> String {
    format!("{DATA}{name}")
}

fn by_source<'p>(plan: &'p Plan, source: &str) -> &'p Debt {
    plan.debts
        .iter()
        .find(|d| d.source.as_deref() == Some(source))
        .unwrap_or_else(|| panic!("no item from {source}"))
}

/// Items that came in closed (done or won't fix).
fn closed_count(plan: &Plan) -> usize {
    plan.debts.iter().filter(|d| !d.status.is_open()).count()
}

#[test]
fn github_gh_json_then_again() {
    let sb = Sandbox::init();
    let f = fixture("gh_issue_list.json");
    assert_eq!(
        sb.ok(&["import", "github", &f]),
        "3 added, 0 updated, 0 closed, 0 unchanged\n"
    );
    let plan = sb.loaded();
    assert_eq!(closed_count(&plan), 1, "one closed upstream");
    let a = by_source(&plan, "github:https://github.com/acme/shop/issues/42");
    assert_eq!(
        (a.area.as_str(), a.owner.as_str(), a.urgency),
        ("payments", "octocat", 4)
    );
    assert_eq!(a.tags, ["tech-debt"]);
    let closed = by_source(&plan, "github:https://github.com/acme/shop/issues/7");
    assert_eq!(closed.status, DebtStatus::Done);
    assert_eq!(
        sb.ok(&["import", "github", &f]),
        "0 added, 0 updated, 0 closed, 3 unchanged\n"
    );
    assert_eq!(sb.loaded().debts.len(), 3);
}

#[test]
fn github_rest_json_from_stdin() {
    let sb = Sandbox::init();
    let text = std::fs::read(fixture("rest_issues.json")).unwrap();
    let r = run_stdin(sb.path(), &["import", "github", "-"], &text);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stdout,
        "3 added, 0 updated, 0 closed, 0 unchanged (1 pull request skipped)\n"
    );
    let plan = sb.loaded();
    assert_eq!(closed_count(&plan), 2, "two closed upstream");
    assert!(
        plan.debts
            .iter()
            .all(|d| !d.source.as_deref().unwrap().contains("/pull/"))
    );
    let a = by_source(&plan, "github:https://github.com/acme/shop/issues/51");
    assert_eq!((a.description.as_str(), a.urgency), ("", 5));
}

#[test]
fn jira_all_fields_export() {
    let sb = Sandbox::init();
    let r = sb.ok_at(
        "2021-09-25",
        &["import", "jira", &fixture("jira_all_fields.csv")],
    );
    assert_eq!(r.stdout, "4 added, 0 updated, 0 closed, 0 unchanged\n");
    assert_eq!(r.stderr, "");
    let plan = sb.loaded();
    assert_eq!(closed_count(&plan), 2, "two closed upstream");
    let a = by_source(&plan, "jira:PAY-123");
    assert_eq!(
        (a.effort, a.urgency, a.status),
        (Some(3), 4, DebtStatus::InProgress)
    );
    assert_eq!(a.tags, ["tech-debt", "backend"]);
    let b = by_source(&plan, "jira:PAY-124");
    assert_eq!((b.status, b.area.as_str()), (DebtStatus::Done, "exports"));
    assert_eq!(by_source(&plan, "jira:PAY-125").status, DebtStatus::WontFix);
}

#[test]
fn only_debt_follows_the_plans_rules() {
    let sb = Sandbox::init();
    let f = fixture("rest_issues.json");
    // Default rules: `debt` and `tech debt` mark #51 and #53.
    assert_eq!(
        sb.ok(&["import", "github", &f, "--only-debt"]),
        "2 added, 0 updated, 0 closed, 0 unchanged (1 pull request skipped, 1 not marked as debt)\n"
    );
    assert_eq!(closed_count(&sb.loaded()), 1, "one closed upstream");
    let sb = Sandbox::init();
    sb.ok(&["config", "set", "import.debt_labels", "enhancement"]);
    assert_eq!(
        sb.ok(&["import", "github", &f, "--only-debt"]),
        "1 added, 0 updated, 0 closed, 0 unchanged (1 pull request skipped, 2 not marked as debt)\n"
    );
    assert_eq!(closed_count(&sb.loaded()), 1, "one closed upstream");
    assert_eq!(sb.loaded().debts[0].title, "Add dark mode");
}

#[test]
fn mapping_rules_in_config_and_the_file() {
    let sb = Sandbox::init();
    let show = sb.ok(&["config", "show"]);
    assert!(show.contains("import.debt_labels"), "{show}");
    assert!(show.contains("debt, tech-debt, technical debt"), "{show}");
    assert!(show.contains("highest=5"), "{show}");
    // Defaults are not written.
    let file = std::fs::read_to_string(sb.plan()).unwrap();
    assert!(!file.contains("import:"), "{file}");

    sb.ok(&["config", "set", "import.priorities", "sev1=5, sev2=3"]);
    sb.ok(&["config", "set", "import.area-prefixes", "team:"]);
    assert_eq!(
        sb.ok(&["config", "get", "import.priorities"]),
        "sev1=5, sev2=3\n"
    );
    let file = std::fs::read_to_string(sb.plan()).unwrap();
    assert!(file.contains("import: ("), "{file}");
    let f = sb.write(
        "i.json",
        r#"[{"title":"T","url":"https://x/1","labels":[{"name":"SEV2"},{"name":"team:core"},{"name":"P1"}]}]"#,
    );
    sb.ok(&["import", "github", &f]);
    let d = &sb.loaded().debts[0];
    // P1 is no longer a priority word: a tag.
    assert_eq!(
        (d.urgency, d.area.as_str(), d.tags.as_slice()),
        (3, "core", &["P1".to_owned()][..])
    );

    sb.refused(
        &["config", "set", "import.priorities", "sev1=9"],
        "urgency 0–5",
    );
    let json = sb.ok(&["config", "show", "--format", "json"]);
    assert!(
        json.contains("\"import.priorities\": \"sev1=5, sev2=3\""),
        "{json}"
    );
    for k in ["import.priorities", "import.area_prefixes"] {
        sb.ok(&["config", "set", k, "default"]);
    }
    let file = std::fs::read_to_string(sb.plan()).unwrap();
    assert!(!file.contains("import:"), "{file}");
}

#[test]
fn a_bad_export_imports_nothing_and_names_the_line() {
    let sb = Sandbox::init();
    let before = std::fs::read(sb.plan()).unwrap();
    let f = sb.write(
        "bad.json",
        "[\n{\"title\":\"ok\",\"url\":\"u\"},\n{\"title\": [1]}\n]",
    );
    let r = sb.run(&["import", "github", &f]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert!(
        r.stderr.contains("bad.json:3: json: invalid type"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("nothing imported"), "{}", r.stderr);
    let f = sb.write("bad.csv", "Issue key,Status\r\nK-1,Done\r\n");
    let r = sb.run(&["import", "jira", &f]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("bad.csv:1: Summary: required column missing"),
        "{}",
        r.stderr
    );
    assert_eq!(std::fs::read(sb.plan()).unwrap(), before);
}

#[test]
fn empty_exports_import_nothing() {
    let sb = Sandbox::init();
    for (source, name, text) in [
        ("github", "empty.json", ""),
        ("github", "list.json", "[]\n"),
        ("jira", "empty.csv", ""),
        ("jira", "header.csv", "Summary,Issue key,Labels,Labels\r\n"),
    ] {
        let f = sb.write(name, text);
        assert_eq!(
            sb.ok(&["import", source, &f]),
            "0 added, 0 updated, 0 closed, 0 unchanged\n",
            "{name}"
        );
    }
    assert!(sb.loaded().debts.is_empty());
}

#[test]
fn warnings_go_to_stderr_and_the_rest_is_imported() {
    let sb = Sandbox::init();
    let f = sb.write(
        "j.csv",
        "Summary,Issue key,Created,Custom field (Story Points)\nA,K-1,08/Okt/21 2:02 PM,3\n",
    );
    let r = sb.ok_at("2026-11-20", &["import", "jira", &f]);
    assert_eq!(r.stdout, "1 added, 0 updated, 0 closed, 0 unchanged\n");
    assert!(
        r.stderr
            .starts_with("j.csv:2: Created: cannot read the date"),
        "{}",
        r.stderr
    );
}

#[test]
fn hostile_text_never_reaches_the_terminal_raw() {
    let sb = Sandbox::init();
    sb.ok(&["import", "github", &fixture("gh_issue_list.json")]);
    sb.ok_at(
        "2021-09-25",
        &["import", "jira", &fixture("jira_all_fields.csv")],
    );
    for args in [&["list"][..], &["rank"], &["list", "--format", "json"]] {
        let out = sb.ok(args);
        for bad in ['\u{1b}', '\u{202e}', '\u{202c}'] {
            assert!(!out.contains(bad), "{args:?} printed {bad:?}: {out}");
        }
    }
    // Stored as the tracker had it.
    let plan = sb.loaded();
    assert!(
        by_source(&plan, "jira:PAY-126")
            .title
            .contains("<script>alert(1)</script>")
    );
}

#[test]
fn ten_thousand_jira_rows() {
    let sb = Sandbox::init();
    let mut text = String::from("Summary,Issue key,Priority,Labels,Labels,Status Category\r\n");
    for i in 0..10_000 {
        text.push_str(&format!("Issue {i},K-{i},High,debt,l{},To Do\r\n", i % 7));
    }
    let f = sb.write("big.csv", &text);
    assert_eq!(
        sb.ok(&["import", "jira", &f]),
        "10000 added, 0 updated, 0 closed, 0 unchanged\n"
    );
    let plan = sb.loaded();
    assert_eq!(plan.debts.len(), 10_000);
    assert!(
        plan.debts
            .iter()
            .all(|d| d.urgency == 4 && d.tags[0] == "debt")
    );
}

#[test]
fn import_rules_from_the_file_are_shown_safely() {
    let sb = Sandbox::init();
    sb.ok(&[
        "config",
        "set",
        "import.debt_labels",
        "a\u{1b}[2J\u{202e}b, c",
    ]);
    for args in [
        &["config", "show"][..],
        &["config", "get", "import.debt_labels"],
        &["config", "show", "--format", "json"],
    ] {
        let out = sb.ok(args);
        assert!(out.contains("debt_labels") || out.contains('c'), "{out}");
        assert!(
            !out.contains('\u{1b}') && !out.contains('\u{202e}'),
            "{args:?}: {out:?}"
        );
    }
    let r = sb.run(&["config", "set", "import.debt_labels", "\u{1b}[31mx"]);
    assert!(!r.stdout.contains('\u{1b}'), "{:?}", r.stdout);
    // Stored as typed.
    assert_eq!(sb.loaded().import.debt_labels, ["\u{1b}[31mx"]);
}
