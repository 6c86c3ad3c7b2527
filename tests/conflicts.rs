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
    // No command: the UI's own load, before any terminal is set up.
    for args in [&[][..], &["list"], &["rank"], &["show", &a]] {
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

/// `s` with each `/dir/…/bearing.ron` written `bearing.ron`.
fn rel(s: &str) -> String {
    let mut out = String::new();
    for (i, part) in s.split("/bearing.ron").enumerate() {
        if i > 0 {
            out.push_str("bearing.ron");
        }
        let keep = match part.rfind([' ', '\n', '(']) {
            Some(j) if i + 1 < s.split("/bearing.ron").count() => &part[..=j],
            None if i + 1 < s.split("/bearing.ron").count() => "",
            _ => part,
        };
        out.push_str(keep);
    }
    out
}

/// The debts' ids in file order.
fn in_file_order(text: &str, a: &str, b: &str) -> [String; 2] {
    let at = |id: &str| text.find(&format!("id: \"{id}\"")).unwrap();
    if at(a) < at(b) {
        [a.into(), b.into()]
    } else {
        [b.into(), a.into()]
    }
}

#[test]
fn resolve_theirs_settles_every_block_and_saves_through_the_canonical_writer() {
    let sb = Sandbox::init();
    let (a, b) = clash(&sb);
    let [first, second] = in_file_order(&sb.text(), &a, &b);
    let out = rel(&sb.ok(&["resolve", "--theirs"]));
    assert!(
        out.starts_with(&format!(
            "{first} risk: kept theirs\n{second} risk: kept theirs\nbearing.ron: no conflicts left; saved"
        )),
        "{out}"
    );
    let text = sb.text();
    assert!(
        !text.contains("<<<<<<<") && !text.contains(">>>>>>>"),
        "{text}"
    );
    for id in [&a, &b] {
        assert!(
            sb.ok(&["show", id, "--format", "json"])
                .contains("\"risk\": 3")
        );
    }
    // Still unmerged in git until it is added: check says so.
    let r = sb.run(&["check"]);
    assert_eq!(r.code, 1);
    assert!(r.stdout.contains("unmerged in git"), "{}", r.stdout);
    // After a resolve, what is left is `git add`: the message says so.
    assert!(
        r.stdout.contains("already settled it, `git add"),
        "{}",
        r.stdout
    );
    // Canonical: a no-op save leaves the bytes as they are.
    sb.ok(&["edit", &a, "--risk", "3"]);
    assert_eq!(sb.text(), text);
    // The conflicted file is kept as a backup, like before any CLI write.
    assert!(sb.ok(&["backups"]).lines().count() >= 2);
    // git accepts the settled file.
    git(sb.path(), &["add", "bearing.ron"]);
    assert_eq!(sb.run(&["check"]).code, 0);
    git(sb.path(), &["commit", "-qm", "merged"]);
}

#[test]
fn resolve_of_one_item_keeps_the_other_blocks_and_the_line_endings() {
    let sb = Sandbox::init();
    let (a, b) = clash(&sb);
    let crlf = sb.text().replace('\n', "\r\n");
    std::fs::write(sb.plan(), &crlf).unwrap();
    let [first, second] = in_file_order(&crlf, &a, &b);
    let out = rel(&sb.ok(&["resolve", "--ours", &second.to_lowercase()]));
    assert_eq!(
        out,
        format!(
            "{second} risk: kept ours\nbearing.ron: 1 conflict left (markers kept): run bearing resolve\n"
        )
    );
    let text = sb.text();
    assert_eq!(
        text.matches('\n').count(),
        text.matches("\r\n").count(),
        "CRLF kept"
    );
    assert_eq!(lines_of(&text, "<<<<<<<").len(), 1);
    // Only the settled block changed: the file is the old one minus its markers and theirs.
    assert_eq!(crlf.lines().count() - text.lines().count(), 4);
    let r = sb.run(&["list"]);
    assert!(r.stderr.contains(&format!(
        "unresolved merge conflict in {first} (field risk): run"
    )));
    sb.ok(&["resolve", "--theirs"]);
    let json = sb.ok(&["show", &second, "--format", "json"]);
    assert!(json.contains("\"risk\": 4"), "{json}");
    let json = sb.ok(&["show", &first, "--format", "json"]);
    assert!(json.contains("\"risk\": 3"), "{json}");
}

#[test]
fn resolve_with_an_unknown_id_or_a_broken_result_writes_nothing() {
    let sb = Sandbox::init();
    let (a, _) = clash(&sb);
    let before = sb.file();
    let r = sb.run(&["resolve", "--theirs", &a, "D-NOPE"]);
    assert_eq!(r.code, 1);
    assert!(
        rel(&r.stderr)
            .contains("D-NOPE: no unresolved conflict in bearing.ron (conflicts are in: "),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("nothing written"), "{}", r.stderr);
    assert_eq!(sb.file(), before);

    // Their side does not parse: refused, nothing written.
    let broken = sb
        .text()
        .replacen("      risk: 3,\n", "      risk: 3 oops,\n", 1);
    std::fs::write(sb.plan(), &broken).unwrap();
    let r = sb.run(&["resolve", "--theirs"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("with these sides kept the plan does not load"),
        "{}",
        r.stderr
    );
    assert_eq!(sb.text(), broken);
    // Ours does (and once git has it, check passes).
    sb.ok(&["resolve", "--ours"]);
    git(sb.path(), &["add", "bearing.ron"]);
    assert_eq!(sb.run(&["check"]).code, 0);
}

#[test]
fn resolve_without_a_side_lists_the_conflicts() {
    let sb = Sandbox::init();
    let (a, b) = clash(&sb);
    let before = sb.file();
    let text = sb.text();
    let [first, _] = in_file_order(&text, &a, &b);
    let out = rel(&sb.ok(&["resolve", &first]));
    let line = line_of(&text, "<<<<<<<");
    assert_eq!(
        out,
        format!(
            "bearing.ron:{line}: {first} risk\n  ours (HEAD):\n    risk: 4,\n  theirs (feature):\n    risk: 3,\nsettle them with: bearing resolve --ours|--theirs [ID…]\n"
        )
    );
    assert_eq!(sb.file(), before);
}

#[test]
fn a_delete_against_an_edit_is_settled_as_a_whole_item() {
    let sb = Sandbox::init();
    let keep = sb.add(&["add", "debt", "Keep me"]);
    let gone = sb.add(&["add", "debt", "Deleted on one side", "--owner", "ana"]);
    let text = sb.text();
    let start = text.find(&format!("    (\n      id: \"{gone}\"")).unwrap();
    let end = start + text[start..].find("\n    ),\n").unwrap() + "\n    ),\n".len();
    let item = &text[start..end];
    let marked = format!(
        "{}<<<<<<< ours\n{item}||||||| base\n{item}=======\n>>>>>>> theirs\n{}",
        &text[..start],
        &text[end..]
    );
    std::fs::write(sb.plan(), &marked).unwrap();
    let r = sb.run(&["check"]);
    assert!(
        r.stdout
            .contains(&format!("unresolved merge conflict in {gone} (whole item)")),
        "{}",
        r.stdout
    );
    let out = sb.ok(&["resolve", "--theirs", &gone]);
    assert!(
        out.starts_with(&format!("{gone} whole item: kept theirs\n")),
        "{out}"
    );
    assert_eq!(sb.run(&["show", &gone]).code, 1);
    sb.ok(&["show", &keep]);
}

/// The open UI's watch reads through the same loader: a merge that lands
/// markers on disk is named, not "Expected identifier".
#[test]
fn the_ui_watch_and_reload_name_a_conflict_that_lands_on_disk() {
    use bearing::session::Persist;
    use bearing::session::file_persist::FilePersist;
    let sb = Sandbox::init();
    let loaded = bearing::store::load(&sb.plan()).unwrap();
    let mut persist = FilePersist::new(sb.plan(), loaded.fingerprint, None);
    clash(&sb);
    let mut seen = None;
    for _ in 0..20 {
        if let Some(r) = persist.check_external() {
            seen = Some(r);
            break;
        }
    }
    let e = seen.expect("the watch sees the change").unwrap_err();
    assert!(e.contains("unresolved merge conflict in"), "{e}");
    assert!(e.contains("run bearing resolve"), "{e}");
    let e = persist.reload_from_disk().unwrap_err();
    assert!(e.contains("unresolved merge conflict in"), "{e}");
}

#[test]
fn merge_conflict_is_not_a_policy_level() {
    let sb = Sandbox::init();
    let r = sb.run(&["config", "set", "policy.merge-conflict", "off"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("always an error"), "{}", r.stderr);
    assert!(!sb.ok(&["config", "show"]).contains("merge"));
}
