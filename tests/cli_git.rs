//! `bearing git install` and `check`'s warning in a clone without the
//! driver, with the real git and the real binary in temporary repositories.

mod common;
#[path = "git_support/mod.rs"]
mod git_support;

use git_support::{DATE, Repo};

/// A plan in a subdirectory whose name has a space.
const PLAN: &str = "my plans/q3.ron";

fn repo_with_plan() -> Repo {
    let repo = Repo::new();
    repo.ok(&["--file", PLAN, "init"]);
    repo
}

#[test]
fn install_writes_the_attribute_and_the_driver_once() {
    let repo = repo_with_plan();
    let out = repo.ok(&["--file", PLAN, "git", "install"]);
    assert!(
        out.contains(".gitattributes: added \"/my plans/q3.ron\" merge=bearing diff=bearing"),
        "{out}"
    );
    assert!(
        out.contains("set merge.bearing.driver = bearing merge-driver %O %A %B %L %P %S %X %Y"),
        "{out}"
    );
    assert!(out.contains("set diff.bearing.xfuncname"), "{out}");
    assert!(out.contains("set merge.bearing.name"), "{out}");
    assert_eq!(
        repo.read(".gitattributes"),
        "\"/my plans/q3.ron\" merge=bearing diff=bearing\n"
    );
    // git itself reads the line as meant.
    assert_eq!(
        repo.git(&["check-attr", "merge", "diff", "--", PLAN]),
        "my plans/q3.ron: merge: bearing\nmy plans/q3.ron: diff: bearing\n"
    );
    assert_eq!(
        repo.git(&["config", "--local", "merge.bearing.driver"]),
        "bearing merge-driver %O %A %B %L %P %S %X %Y\n"
    );

    let again = repo.ok(&["--file", PLAN, "git", "install"]);
    assert!(again.starts_with("nothing to change"), "{again}");
    assert_eq!(
        repo.read(".gitattributes"),
        "\"/my plans/q3.ron\" merge=bearing diff=bearing\n"
    );

    // Found by discovery from inside the subdirectory, as every command.
    let sub = repo.root.join("my plans");
    std::fs::rename(sub.join("q3.ron"), sub.join("bearing.ron")).unwrap();
    let r = repo.bearing_in(&sub, &["git", "install"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout
            .contains("added \"/my plans/bearing.ron\" merge=bearing diff=bearing"),
        "{}",
        r.stdout
    );
    assert!(!r.stdout.contains("set "), "{}", r.stdout);
}

#[test]
fn install_global_writes_the_users_config() {
    let repo = repo_with_plan();
    let out = repo.ok(&["--file", PLAN, "git", "install", "--global"]);
    assert!(
        out.contains("your git config (--global): set merge.bearing.driver"),
        "{out}"
    );
    let global = std::fs::read_to_string(repo.home().join(".gitconfig")).unwrap();
    assert!(global.contains("[merge \"bearing\"]"), "{global}");
    let local = repo.read(".git/config");
    assert!(!local.contains("bearing"), "{local}");
}

#[test]
fn install_outside_a_repository_says_so() {
    let repo = Repo::new();
    let outside = repo.home().join("elsewhere");
    std::fs::create_dir_all(&outside).unwrap();
    repo.bearing_in(&outside, &["init"]);
    let r = repo.bearing_in(&outside, &["git", "install"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("is not inside a git repository"),
        "{}",
        r.stderr
    );
}

#[test]
fn git_diff_hunk_headers_name_the_item() {
    let repo = repo_with_plan();
    repo.ok(&["--file", PLAN, "git", "install"]);
    let a = common::cli::last_word(&repo.ok(&[
        "--file", PLAN, "add", "debt", "First", "--risk", "3", "--effort", "2",
    ]));
    let b = common::cli::last_word(&repo.ok(&[
        "--file", PLAN, "add", "debt", "Second", "--risk", "3", "--effort", "2",
    ]));
    repo.commit("plan", DATE);
    repo.ok(&["--file", PLAN, "edit", &b, "--status", "in-progress"]);
    let diff = repo.git(&["diff", "--", PLAN]);
    let header = diff
        .lines()
        .find(|l| l.starts_with("@@"))
        .unwrap_or_default();
    assert!(header.ends_with(&format!("@@ {b}")), "{header}\n{diff}");
    assert_ne!(a, b);
}

#[test]
fn check_warns_in_a_clone_without_the_driver() {
    let repo = repo_with_plan();
    repo.ok(&["--file", PLAN, "git", "install"]);
    repo.commit("plan and attributes", DATE);
    // With the driver configured: no warning.
    let here = repo.ok(&["--file", PLAN, "check"]);
    assert!(!here.contains("git-driver-missing"), "{here}");

    let clone = repo.home().join("clone");
    repo.git_in(
        repo.home(),
        &["clone", "-q", repo.root.to_str().unwrap(), "clone"],
        DATE,
    );
    let r = repo.bearing_in(&clone, &["--file", PLAN, "check"]);
    assert_eq!(r.code, 0, "a warning does not fail the gate: {}", r.stderr);
    assert!(
        r.stdout.contains("my plans/q3.ron: warning git-driver-missing: .gitattributes sends my plans/q3.ron to the merge driver `bearing`"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("run `bearing git install`"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("1 warning"), "{}", r.stdout);
    let json = repo.bearing_in(&clone, &["--file", PLAN, "check", "--format", "json"]);
    let v = common::cli::json(&json.stdout);
    let rules: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert!(rules.contains(&"git-driver-missing"), "{rules:?}");

    let r = repo.bearing_in(&clone, &["--file", PLAN, "git", "install"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        !r.stdout.contains(".gitattributes"),
        "already committed: {}",
        r.stdout
    );
    let after = repo.bearing_in(&clone, &["--file", PLAN, "check"]);
    assert!(
        !after.stdout.contains("git-driver-missing"),
        "{}",
        after.stdout
    );
}

#[test]
fn check_outside_a_repository_or_without_the_attribute_does_not_warn() {
    let repo = repo_with_plan();
    let r = repo.ok(&["--file", PLAN, "check"]);
    assert!(!r.contains("git-driver-missing"), "{r}");
    let outside = repo.home().join("elsewhere");
    std::fs::create_dir_all(&outside).unwrap();
    repo.bearing_in(&outside, &["init"]);
    let r = repo.bearing_in(&outside, &["check"]);
    assert!(!r.stdout.contains("git-driver-missing"), "{}", r.stdout);
}

#[test]
fn install_follows_what_git_resolves_and_names_a_deeper_override() {
    let repo = Repo::new();
    std::fs::create_dir_all(repo.root.join("p")).unwrap();
    repo.ok(&["--file", "p/bearing.ron", "init"]);
    std::fs::write(
        repo.root.join("p/.gitattributes"),
        "bearing.ron -merge -diff\n",
    )
    .unwrap();
    for run in 0..2 {
        let r = repo.bearing(&["--file", "p/bearing.ron", "git", "install"]);
        assert_eq!(r.code, 1, "run {run}: {}{}", r.stdout, r.stderr);
        assert_eq!(
            r.stdout.contains("added /p/bearing.ron"),
            run == 0,
            "run {run}: {}",
            r.stdout
        );
        assert!(
            r.stderr.contains(
                "git still does not send p/bearing.ron to the merge driver: p/.gitattributes:1 (`bearing.ron -merge -diff`) overrides it"
            ),
            "{}",
            r.stderr
        );
        assert!(
            r.stderr
                .contains("make it `/bearing.ron merge=bearing diff=bearing`"),
            "{}",
            r.stderr
        );
    }
    // One line, not one per run.
    assert_eq!(
        repo.read(".gitattributes"),
        "/p/bearing.ron merge=bearing diff=bearing\n"
    );
    // check names the override (by git check-attr, not by the file's text).
    let r = repo.bearing(&["--file", "p/bearing.ron", "check"]);
    assert!(
        r.stdout.contains("warning git-driver-missing: .gitattributes names the merge driver `bearing` for p/bearing.ron, but git does not use it there"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("p/.gitattributes:1"), "{}", r.stdout);

    // Done as said: git follows the line, install has nothing to change,
    // check has nothing to warn about.
    std::fs::write(
        repo.root.join("p/.gitattributes"),
        "/bearing.ron merge=bearing diff=bearing\n",
    )
    .unwrap();
    assert_eq!(
        repo.git(&["check-attr", "merge", "--", "p/bearing.ron"]),
        "p/bearing.ron: merge: bearing\n"
    );
    let again = repo.ok(&["--file", "p/bearing.ron", "git", "install"]);
    assert!(again.starts_with("nothing to change"), "{again}");
    let r = repo.bearing(&["--file", "p/bearing.ron", "check"]);
    assert!(!r.stdout.contains("git-driver-missing"), "{}", r.stdout);
}
