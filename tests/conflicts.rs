//! Conflict markers left by a real git merge (no merge driver configured),
//! by `git merge-file`, and by hand: loading names the conflict, `check`
//! reports it as an error, `resolve` settles it. The binary runs as a user's
//! shell would.

mod common;

use std::path::Path;
use std::process::Command;

use common::cli::{Run, Sandbox};

/// Git in `dir`, with no system or user config leaking in.
fn git_run(dir: &Path, args: &[&str]) -> Run {
    Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .env("GIT_AUTHOR_DATE", "2026-11-20T10:00:00Z")
        .env("GIT_COMMITTER_DATE", "2026-11-20T10:00:00Z")
        .output()
        .unwrap()
        .into()
}

fn git(dir: &Path, args: &[&str]) -> String {
    let r = git_run(dir, args);
    assert_eq!(r.code, 0, "git {args:?}: {}", r.stderr);
    r.stdout
}

/// A plan with two debts (risk 2) committed on `main`; the branch `feature`
/// sets both risks to 3, `main` to 4; `main` merges `feature` with git's
/// own line merge, which leaves two conflict blocks. Returns the debts' ids.
fn clash(sb: &Sandbox) -> (String, String) {
    let dir = sb.path();
    git(dir, &["init", "-q", "-b", "main"]);
    git(dir, &["config", "user.name", "Test"]);
    git(dir, &["config", "user.email", "test@example.com"]);
    let a = sb.add(&[
        "add",
        "debt",
        "Flaky tests",
        "--risk",
        "2",
        "--owner",
        "ana",
    ]);
    let b = sb.add(&["add", "debt", "Old TLS", "--risk", "2", "--owner", "bo"]);
    git(dir, &["add", "bearing.ron"]);
    git(dir, &["commit", "-qm", "base"]);
    git(dir, &["checkout", "-qb", "feature"]);
    sb.ok(&["edit", &a, "--risk", "3"]);
    sb.ok(&["edit", &b, "--risk", "3"]);
    git(dir, &["commit", "-qam", "feature"]);
    git(dir, &["checkout", "-q", "main"]);
    sb.ok(&["edit", &a, "--risk", "4"]);
    sb.ok(&["edit", &b, "--risk", "4"]);
    git(dir, &["commit", "-qam", "main"]);
    let r = git_run(dir, &["merge", "feature"]);
    assert_eq!(r.code, 1, "git merge should conflict: {}", r.stdout);
    (a, b)
}

/// The 1-based lines of `text` that start with `prefix`.
fn lines_of(text: &str, prefix: &str) -> Vec<usize> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| l.starts_with(prefix))
        .map(|(i, _)| i + 1)
        .collect()
}

/// The first of [`lines_of`].
fn line_of(text: &str, prefix: &str) -> usize {
    lines_of(text, prefix)[0]
}

#[test]
fn a_plan_git_left_with_markers_names_the_conflict_on_load() {
    let sb = Sandbox::init();
    let (a, b) = clash(&sb);
    let text = sb.text();
    let line = line_of(&text, "<<<<<<< HEAD");
    let first = if text.find(&a) < text.find(&b) {
        &a
    } else {
        &b
    };
    for args in [&["list"][..], &["rank"], &["show", &a]] {
        let r = sb.run(args);
        assert_eq!(r.code, 1, "{args:?}");
        assert!(
            r.stderr.contains(&format!(
                "bearing.ron:{line}: unresolved merge conflict in {first} (field risk) and 1 more: run bearing resolve"
            )),
            "{args:?}: {}",
            r.stderr
        );
        assert!(!r.stderr.contains("Expected"), "{}", r.stderr);
    }
    // The UI and its reload read through the same loader.
    let e = bearing::store::load(&sb.plan()).unwrap_err().to_string();
    assert!(e.contains("unresolved merge conflict in"), "{e}");
}

/// Three plan files (base, ours, theirs) made by the binary, merged with
/// `git merge-file` (2-way and diff3 style, LF and CRLF): each loads with
/// the conflict named at its line.
#[test]
fn git_merge_file_output_loads_as_a_named_conflict_in_every_style() {
    let sb = Sandbox::init();
    let id = sb.add(&[
        "add",
        "debt",
        "Flaky tests",
        "--customer",
        "1",
        "--owner",
        "ana",
    ]);
    let base = sb.text();
    sb.ok(&["edit", &id, "--customer", "2"]);
    let ours = sb.text();
    std::fs::write(sb.plan(), &base).unwrap();
    sb.ok(&["edit", &id, "--customer", "5"]);
    let theirs = sb.text();
    for crlf in [false, true] {
        for style in [
            &[][..],
            &["--diff3"],
            &["--zdiff3"],
            &["--marker-size", "9"],
        ] {
            let eol = |s: &str| {
                if crlf {
                    s.replace('\n', "\r\n")
                } else {
                    s.to_owned()
                }
            };
            sb.write("o.ron", &eol(&ours));
            sb.write("b.ron", &eol(&base));
            sb.write("t.ron", &eol(&theirs));
            let mut args = vec![
                "merge-file",
                "-p",
                "-L",
                "ours",
                "-L",
                "base",
                "-L",
                "theirs",
            ];
            args.extend_from_slice(style);
            args.extend(["o.ron", "b.ron", "t.ron"]);
            let r = git_run(sb.path(), &args);
            assert_eq!(r.code, 1, "{style:?}: one conflict: {}", r.stderr);
            assert_eq!(r.stdout.contains("\r\n"), crlf);
            std::fs::write(sb.plan(), &r.stdout).unwrap();
            let line = line_of(&r.stdout, "<<<<<<<");
            let e = sb.run(&["list"]);
            assert_eq!(e.code, 1);
            assert!(
                e.stderr.contains(&format!(
                    "bearing.ron:{line}: unresolved merge conflict in {id} (field customer): run bearing resolve\n"
                )),
                "{style:?} crlf={crlf}: {}",
                e.stderr
            );
        }
    }
}

#[test]
fn marker_like_lines_inside_a_north_star_are_text() {
    let sb = Sandbox::init();
    let text = sb.text();
    let start = text.find("north_star: \"").unwrap() + "north_star: \"".len();
    let end = start + text[start..].find('"').unwrap();
    let star = "Ship safely\n=======\n>>>>>>> not a marker\n<<<<<<< nor this\nend";
    let text = format!("{}{star}{}", &text[..start], &text[end..]);
    std::fs::write(sb.plan(), &text).unwrap();
    assert_eq!(sb.ok(&["north-star", "show"]).trim_end(), star);
    let r = sb.run(&["check"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(!r.stdout.contains("merge-conflict"));
}

#[test]
fn an_unclosed_conflict_block_is_an_error_at_its_line() {
    let sb = Sandbox::init();
    let id = sb.add(&["add", "debt", "Flaky tests", "--risk", "2"]);
    let text = sb
        .text()
        .replace("      risk: 2,\n", "<<<<<<< HEAD\n      risk: 2,\n");
    std::fs::write(sb.plan(), &text).unwrap();
    let line = line_of(&text, "<<<<<<<");
    let r = sb.run(&["show", &id]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains(&format!("bearing.ron:{line}:1: unclosed conflict block")),
        "{}",
        r.stderr
    );
}

#[test]
fn check_reports_each_conflict_block_as_an_error_in_every_format() {
    let sb = Sandbox::init();
    let (a, b) = clash(&sb);
    let text = sb.text();
    let [first, second] = lines_of(&text, "<<<<<<< HEAD")[..] else {
        panic!("two blocks: {text}")
    };
    let r = sb.run(&["check"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let at = |id: &str| text.find(&format!("id: \"{id}\"")).unwrap();
    let mut ids = [a.clone(), b.clone()];
    ids.sort_by_key(|id| at(id));
    let want = format!(
        "bearing.ron:{first}: error merge-conflict: unresolved merge conflict in {} (field risk)",
        ids[0]
    );
    assert!(r.stdout.contains(&want), "{}", r.stdout);
    let want = format!(
        "bearing.ron:{second}: error merge-conflict: unresolved merge conflict in {} (field risk)",
        ids[1]
    );
    assert!(r.stdout.contains(&want), "{}", r.stdout);
    assert!(r.stdout.contains("2 errors, 0 warnings"), "{}", r.stdout);
    assert!(
        r.stderr.contains("check failed: 2 error-level findings"),
        "{}",
        r.stderr
    );

    let r = sb.run(&["check", "--format", "json"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let v = common::cli::json(&r.stdout);
    let findings = v.as_array().unwrap();
    assert_eq!(findings.len(), 2);
    assert_eq!(findings[0]["rule"], "merge-conflict");
    assert_eq!(findings[0]["severity"], "error");
    assert_eq!(findings[0]["id"], ids[0].as_str());
    assert_eq!(findings[0]["line"], first);
    assert_eq!(findings[1]["line"], second);
}
