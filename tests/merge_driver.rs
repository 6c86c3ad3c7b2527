//! `bearing merge-driver` run by real git (rebase, cherry-pick, a true
//! clash) and by hand on broken input: it writes the merge, marks only
//! the clashing field, falls back to a line merge for text that is not a
//! plan, and never panics or exits above 2.

#[path = "driver/repo.rs"]
mod repo;

use std::path::Path;
use std::process::Command;

use bearing::model::Plan;
use repo::{Repo, bin, blocks, have_git};

fn demo() -> Plan {
    bearing::store::format::from_text(bearing::store::embedded::DEMO).unwrap()
}

fn edit(p: &Plan, f: impl FnOnce(&mut Plan)) -> Plan {
    let mut p = p.clone();
    f(&mut p);
    p
}

/// A repository with the demo plan committed on main.
fn repo() -> Option<(Repo, Plan)> {
    if !have_git() {
        eprintln!("skipped: no git on this machine");
        return None;
    }
    let r = Repo::new();
    let base = demo();
    r.write_plan(&base);
    r.commit("base");
    Some((r, base))
}

struct Run {
    code: Option<i32>,
    stderr: String,
}

/// The driver on three files in `dir`; `ours` is rewritten in place.
fn driver(dir: &Path, files: [&str; 3], extra: &[&str]) -> Run {
    let out = Command::new(bin())
        .arg("merge-driver")
        .args(files)
        .args(extra)
        .current_dir(dir)
        .env_remove("BEARING_FILE")
        .output()
        .unwrap();
    Run {
        code: out.status.code(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

#[test]
fn a_rebase_of_adjacent_field_edits_goes_through() {
    let Some((r, base)) = repo() else { return };
    r.ok(&["checkout", "-q", "-b", "topic"]);
    r.write_plan(&edit(&base, |p| p.debts[3].customer = 5));
    r.commit("customer");
    r.write_plan(&edit(&base, |p| {
        p.debts[3].customer = 5;
        p.debts[3].owner = "zoe".into();
    }));
    r.commit("owner");
    r.ok(&["checkout", "-q", "main"]);
    r.write_plan(&edit(&base, |p| p.debts[3].delivery = 5));
    r.commit("delivery");
    r.ok(&["checkout", "-q", "topic"]);
    r.ok(&["rebase", "main"]);
    let d = &r.load().debts[3];
    assert_eq!((d.customer, d.delivery, d.owner.as_str()), (5, 5, "zoe"));
}

#[test]
fn a_cherry_pick_goes_through_the_driver() {
    let Some((r, base)) = repo() else { return };
    r.ok(&["checkout", "-q", "-b", "topic"]);
    r.write_plan(&edit(&base, |p| p.debts[3].customer = 5));
    r.commit("customer");
    r.ok(&["checkout", "-q", "main"]);
    r.write_plan(&edit(&base, |p| p.debts[3].delivery = 5));
    r.commit("delivery");
    // Adjacent lines: git's own line merge would stop here.
    r.ok(&["cherry-pick", "topic"]);
    let d = &r.load().debts[3];
    assert_eq!((d.customer, d.delivery), (5, 5));
}

#[test]
fn a_true_clash_leaves_labelled_markers_around_the_one_field_and_git_reports_it() {
    let Some((r, base)) = repo() else { return };
    let id = base.debts[3].id.clone();
    // Two new values, neither the base's.
    let b = base.debts[3].risk;
    let (o, t) = (b % 5 + 1, (b + 1) % 5 + 1);
    let u = base.debts[3].urgency % 5 + 1;
    r.ok(&["checkout", "-q", "-b", "topic"]);
    r.write_plan(&edit(&base, |p| {
        p.debts[3].risk = t;
        p.debts[5].owner = "theirs-only".into();
    }));
    r.commit("theirs");
    r.ok(&["checkout", "-q", "main"]);
    r.write_plan(&edit(&base, |p| {
        p.debts[3].risk = o;
        p.debts[3].urgency = u;
    }));
    r.commit("ours");
    let out = r.git(&["merge", "--no-edit", "topic"]);
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("CONFLICT"), "{said}");
    let text = r.text();
    let found = blocks(&text);
    assert_eq!(found.len(), 1, "{text}");
    assert_eq!(
        (found[0].id.as_str(), found[0].field.as_str()),
        (id.as_str(), "risk")
    );
    assert_eq!(
        (found[0].ours.as_str(), found[0].theirs.as_str()),
        ("HEAD", "topic")
    );
    let block = format!("<<<<<<< HEAD\n      risk: {o},\n||||||| ");
    assert!(text.contains(&block), "{text}");
    let block = format!("\n      risk: {b},\n=======\n      risk: {t},\n>>>>>>> topic\n");
    assert!(text.contains(&block), "{text}");
    // Everything else merged: ours' urgency, theirs' owner.
    let rest = repo::take(&text, 0);
    let p = bearing::store::format::from_text(&rest).unwrap();
    assert_eq!(
        (p.debts[3].urgency, p.debts[5].owner.as_str()),
        (u, "theirs-only")
    );
    let status = r.ok(&["status", "--porcelain"]);
    assert!(status.contains("UU bearing.ron"), "{status}");
}

#[test]
fn the_driver_exits_1_with_markers_of_the_given_size_and_labels() {
    let dir = tempfile::tempdir().unwrap();
    let base = demo();
    let text = |p: &Plan| bearing::store::format::to_text(p).unwrap();
    std::fs::write(dir.path().join("o"), text(&base)).unwrap();
    std::fs::write(
        dir.path().join("a"),
        text(&edit(&base, |p| p.debts[0].risk = 1)),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("b"),
        text(&edit(&base, |p| p.debts[0].risk = 2)),
    )
    .unwrap();
    let run = driver(
        dir.path(),
        ["o", "a", "b"],
        &["9", "plan.ron", "old", "mine", "yours"],
    );
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr.contains("plan.ron: 1 conflict"),
        "{}",
        run.stderr
    );
    let out = std::fs::read_to_string(dir.path().join("a")).unwrap();
    assert!(
        out.contains("\n<<<<<<<<< mine\n      risk: 1,\n||||||||| old\n"),
        "{out}"
    );
    assert!(
        out.contains("\n=========\n      risk: 2,\n>>>>>>>>> yours\n"),
        "{out}"
    );
}

/// Writes base, ours and theirs as o, a, b in `dir`.
fn write3(dir: &Path, base: &Plan, ours: &Plan, theirs: &Plan) {
    for (n, p) in [("o", base), ("a", ours), ("b", theirs)] {
        std::fs::write(dir.join(n), bearing::store::format::to_text(p).unwrap()).unwrap();
    }
}

#[test]
fn a_delete_against_an_edit_marks_the_whole_item() {
    let dir = tempfile::tempdir().unwrap();
    let base = demo();
    let id = base.debts[1].id.clone();
    let ours = edit(&base, |p| {
        p.debts.remove(1);
    });
    let theirs = edit(&base, |p| p.debts[1].owner = "zed".into());
    write3(dir.path(), &base, &ours, &theirs);
    let run = driver(dir.path(), ["o", "a", "b"], &[]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let text = std::fs::read_to_string(dir.path().join("a")).unwrap();
    let found = blocks(&text);
    assert_eq!(found.len(), 1, "{text}");
    assert_eq!(
        (found[0].id.as_str(), found[0].field.as_str()),
        (id.as_str(), "id")
    );
    assert!(
        text.contains("<<<<<<< ours\n||||||| base\n    (\n"),
        "{text}"
    );
    assert!(text.contains("      owner: \"zed\",\n"), "{text}");
    assert_eq!(
        bearing::store::format::from_text(&repo::take(&text, 0)).unwrap(),
        ours
    );
    assert_eq!(
        bearing::store::format::from_text(&repo::take(&text, 2)).unwrap(),
        theirs
    );
}

#[test]
fn a_check_in_clash_is_one_block_and_resolve_derives_current_from_the_check_in_kept() {
    let dir = tempfile::tempdir().unwrap();
    let base = demo();
    let day = base.key_results[0].checkins.last().unwrap().date + chrono::Days::new(3);
    let ours = edit(&base, |p| {
        p.key_results[0].check_in(day, 1.5);
    });
    let theirs = edit(&base, |p| {
        p.key_results[0].check_in(day, 9.5);
    });
    write3(dir.path(), &base, &ours, &theirs);
    let run = driver(dir.path(), ["o", "a", "b"], &[]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let text = std::fs::read_to_string(dir.path().join("a")).unwrap();
    let kr = base.key_results[0].id.as_str();
    let found = blocks(&text);
    let places: Vec<(&str, &str)> = found
        .iter()
        .map(|b| (b.id.as_str(), b.field.as_str()))
        .collect();
    // The check-in only: `current` mirrors it and is not a choice of its own.
    assert_eq!(places, vec![(kr, "date")], "{text}");
    assert_eq!(
        bearing::store::format::from_text(&repo::take(&text, 0)).unwrap(),
        ours
    );
    let mut taken = bearing::store::format::from_text(&repo::take(&text, 2)).unwrap();
    bearing::merge::mirror_current(&mut taken);
    assert_eq!(taken, theirs);

    // Resolving keeps their check-in, and `current` follows it.
    let plan = dir.path().join("plan.ron");
    std::fs::write(&plan, &text).unwrap();
    let out = Command::new(bin())
        .arg("--file")
        .arg(&plan)
        .args(["resolve", "--theirs"])
        .env_remove("BEARING_FILE")
        .env("GIT_CEILING_DIRECTORIES", dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got = bearing::store::load(&plan).unwrap().plan;
    let k = &got.key_results[0];
    assert_eq!(k.checkins.last().map(|c| c.value), Some(9.5));
    assert_eq!(k.current, 9.5);
}

#[test]
fn both_sides_comments_survive_a_clean_merge() {
    let dir = tempfile::tempdir().unwrap();
    let base = demo();
    let plain = bearing::store::format::to_text(&base).unwrap();
    let id_line = format!("      id: \"{}\",\n", base.debts[2].id);
    let ours = plain.replacen(
        &id_line,
        &format!("      // why: agreed with finance\n{id_line}"),
        1,
    );
    assert_ne!(ours, plain);
    std::fs::write(dir.path().join("o"), &plain).unwrap();
    std::fs::write(dir.path().join("a"), &ours).unwrap();
    let theirs = edit(&base, |p| p.debts[2].urgency = 5);
    let their_id = format!("      id: \"{}\",\n", base.debts[4].id);
    let their_text = bearing::store::format::to_text(&theirs).unwrap().replacen(
        &their_id,
        &format!("      // theirs: see the incident review\n{their_id}"),
        1,
    );
    std::fs::write(dir.path().join("b"), their_text).unwrap();
    let run = driver(dir.path(), ["o", "a", "b"], &["7", "bearing.ron"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let out = std::fs::read_to_string(dir.path().join("a")).unwrap();
    assert!(out.contains("// why: agreed with finance\n"), "{out}");
    assert!(
        out.contains("// theirs: see the incident review\n"),
        "{out}"
    );
    let merged = bearing::store::format::from_text(&out).unwrap();
    assert_eq!(merged, theirs);
}

#[test]
fn text_that_is_not_a_plan_is_merged_line_by_line_and_said_so() {
    let dir = tempfile::tempdir().unwrap();
    let w = |n: &str, t: &str| std::fs::write(dir.path().join(n), t).unwrap();
    w("o", "one\ntwo\nthree\nfour\nfive\n");
    w("a", "ONE\ntwo\nthree\nfour\nfive\n");
    w("b", "one\ntwo\nthree\nfour\nFIVE\n");
    let run = driver(dir.path(), ["o", "a", "b"], &["7", "notes.txt"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stderr.contains("notes.txt: not a plan"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("merged line by line"), "{}", run.stderr);
    let read = || std::fs::read_to_string(dir.path().join("a")).unwrap();
    assert_eq!(read(), "ONE\ntwo\nthree\nfour\nFIVE\n");
    w("a", "one\ntwo\nX\nfour\nfive\n");
    w("b", "one\ntwo\nY\nfour\nfive\n");
    let run = driver(
        dir.path(),
        ["o", "a", "b"],
        &["7", "notes.txt", "base", "HEAD", "topic"],
    );
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert_eq!(
        read(),
        "one\ntwo\n<<<<<<< HEAD\nX\n||||||| base\nthree\n=======\nY\n>>>>>>> topic\nfour\nfive\n"
    );
}

#[test]
fn a_plan_that_already_holds_markers_is_merged_line_by_line() {
    let dir = tempfile::tempdir().unwrap();
    let plain = bearing::store::format::to_text(&demo()).unwrap();
    let marked = plain.replacen(
        "      risk: 3,\n",
        "<<<<<<< HEAD\n      risk: 3,\n=======\n      risk: 4,\n>>>>>>> x\n",
        1,
    );
    std::fs::write(dir.path().join("o"), &plain).unwrap();
    std::fs::write(dir.path().join("a"), &marked).unwrap();
    std::fs::write(dir.path().join("b"), &plain).unwrap();
    let run = driver(dir.path(), ["o", "a", "b"], &[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stderr.contains("ours already holds conflict markers"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("a")).unwrap(),
        marked
    );
}

#[test]
fn a_north_star_holding_a_marker_like_line_is_still_merged_as_a_plan() {
    // The driver once took any line of seven `=` for a conflict marker and
    // fell back to the line merge; the loader reads such a line as text.
    let dir = tempfile::tempdir().unwrap();
    let mut base = demo();
    base.north_star = "Our aim.\n=======\nThe rest.".into();
    let text = |p: &Plan| bearing::store::format::to_text(p).unwrap();
    // As a hand edit leaves it: the line break raw inside the string.
    let raw = |p: &Plan| text(p).replace("\\n=======\\n", "\n=======\n");
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    ours.debts[0].risk = (ours.debts[0].risk + 1) % 6;
    theirs.debts[1].owner = "someone-else".into();
    assert!(raw(&base).contains("\n=======\n"));
    std::fs::write(dir.path().join("o"), raw(&base)).unwrap();
    std::fs::write(dir.path().join("a"), raw(&ours)).unwrap();
    std::fs::write(dir.path().join("b"), raw(&theirs)).unwrap();
    let run = driver(dir.path(), ["o", "a", "b"], &[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(!run.stderr.contains("line by line"), "{}", run.stderr);
    let merged = std::fs::read_to_string(dir.path().join("a")).unwrap();
    let mut want = ours.clone();
    want.debts[1].owner = "someone-else".into();
    assert_eq!(merged, text(&want));
}

#[test]
fn a_crlf_plan_is_merged_with_crlf_line_ends() {
    // A Windows checkout: the merge must not rewrite every line as LF.
    let dir = tempfile::tempdir().unwrap();
    let base = demo();
    let text = |p: &Plan| bearing::store::format::to_text(p).unwrap();
    let crlf = |p: &Plan| text(p).replace('\n', "\r\n");
    let ours = edit(&base, |p| p.debts[0].risk = (p.debts[0].risk + 1) % 6);
    let theirs = edit(&base, |p| p.debts[1].owner = "someone-else".into());
    std::fs::write(dir.path().join("o"), crlf(&base)).unwrap();
    std::fs::write(dir.path().join("a"), crlf(&ours)).unwrap();
    std::fs::write(dir.path().join("b"), crlf(&theirs)).unwrap();
    let run = driver(dir.path(), ["o", "a", "b"], &[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let want = edit(&ours, |p| p.debts[1].owner = "someone-else".into());
    let merged = std::fs::read_to_string(dir.path().join("a")).unwrap();
    assert_eq!(merged, crlf(&want));
}

#[cfg(unix)]
#[test]
fn a_result_that_cannot_be_written_exits_2_with_a_message() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let plain = bearing::store::format::to_text(&demo()).unwrap();
    for n in ["o", "a", "b"] {
        std::fs::write(dir.path().join(n), &plain).unwrap();
    }
    let a = dir.path().join("a");
    std::fs::set_permissions(&a, std::fs::Permissions::from_mode(0o444)).unwrap();
    // Root writes read-only files; /proc/version refuses even root.
    let target = if std::fs::OpenOptions::new().write(true).open(&a).is_err() {
        "a".to_owned()
    } else if cfg!(target_os = "linux") && Path::new("/proc/version").is_file() {
        "/proc/version".to_owned()
    } else {
        eprintln!("skipped: no file this user cannot write");
        return;
    };
    let run = driver(dir.path(), ["o", &target, "b"], &["7", "bearing.ron"]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("bearing.ron: cannot write the merge to"),
        "{}",
        run.stderr
    );
}
