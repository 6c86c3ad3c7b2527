//! Comments a reviewer writes in the plan file survive every save made by
//! the real `bearing` binary (issue 10, point 5): a CI check-in, an edit,
//! a removal. Each comment stays with the item or field line it precedes.

use std::path::PathBuf;

mod common;

use bearing::store::format::{from_text, to_text};

struct Sandbox {
    dir: tempfile::TempDir,
}

impl Sandbox {
    /// The demo plan as `bearing.ron`, with `edit` applied to its text.
    fn with_demo(edit: impl FnOnce(&str) -> String) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let text = edit(bearing::store::embedded::DEMO);
        std::fs::write(dir.path().join("bearing.ron"), text).unwrap();
        Sandbox { dir }
    }

    fn plan(&self) -> PathBuf {
        self.dir.path().join("bearing.ron")
    }

    fn text(&self) -> String {
        std::fs::read_to_string(self.plan()).unwrap()
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = common::cli::command(self.dir.path(), args)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{args:?}: {stderr}");
        String::from_utf8(out.stdout).unwrap()
    }
}

/// The start of the first line at or after `from` (a byte offset) that
/// starts with `prefix` after its indent.
fn line_at(text: &str, from: usize, prefix: &str) -> usize {
    let mut at = from;
    while !text[at..].trim_start().starts_with(prefix) {
        at += text[at..].find('\n').unwrap() + 1;
    }
    at
}

fn insert_before(text: &str, from: usize, prefix: &str, lines: &str) -> String {
    let at = line_at(text, from, prefix);
    format!("{}{lines}{}", &text[..at], &text[at..])
}

fn append_to(text: &str, from: usize, prefix: &str, comment: &str) -> String {
    let at = line_at(text, from, prefix);
    let eol = at + text[at..].find('\n').unwrap();
    format!("{}{comment}{}", &text[..eol], &text[eol..])
}

fn item_at(text: &str, id: &str) -> usize {
    text.find(&format!("id: \"{id}\"")).unwrap()
}

/// The debt D-ZTJPH ("No runbooks for payment gateway incidents") with a
/// reviewer's note before it and one at the end of its risk line, a note
/// in key result KR-8FK2M and one on the whole file.
fn reviewed(demo: &str) -> String {
    let item = demo[..item_at(demo, "D-ZTJPH")].rfind("    (\n").unwrap();
    let text = insert_before(
        demo,
        item,
        "(",
        "    // Why first: the last two payment incidents took hours.\n",
    );
    let text = append_to(
        &text,
        item_at(&text, "D-ZTJPH"),
        "risk:",
        " // see postmortem PM-31",
    );
    let text = insert_before(
        &text,
        item_at(&text, "KR-8FK2M"),
        "target:",
        "      /* agreed with finance */\n",
    );
    format!("// Reviewed like code: keep notes short.\n{text}")
}

/// The comments of `text`, each with the line that follows it.
fn notes(text: &str) -> Vec<(String, String)> {
    let lines: Vec<&str> = text.lines().collect();
    lines
        .iter()
        .enumerate()
        .filter(|(_, l)| {
            l.contains("// Why")
                || l.contains("/* agreed")
                || l.contains("// Reviewed")
                || l.contains("// see")
        })
        .map(|(i, l)| (l.to_string(), lines.get(i + 1).unwrap_or(&"").to_string()))
        .collect()
}

fn without(text: &str, needle: &str) -> String {
    text.lines()
        .filter(|l| !l.contains(needle))
        .map(|l| format!("{l}\n"))
        .collect()
}

#[test]
fn a_ci_checkin_keeps_every_comment_byte_for_byte() {
    let s = Sandbox::with_demo(reviewed);
    let before = s.text();
    assert_eq!(notes(&before).len(), 4);
    s.ok(&["checkin", "KR-8FK2M", "66", "--date", "2026-11-20"]);
    let after = s.text();
    assert_eq!(notes(&after), notes(&before));
    // The check-in's lines are the only change.
    let plan = from_text(&after).unwrap();
    assert_eq!(
        plan.key_results
            .iter()
            .find(|k| k.id == "KR-8FK2M")
            .unwrap()
            .current,
        66.0
    );
    let (a, b): (Vec<_>, Vec<_>) = (before.lines().collect(), after.lines().collect());
    let kept = a.iter().filter(|l| b.contains(l)).count();
    assert_eq!(kept, a.len() - 1, "only `current:` changed");
    // And a command that changes nothing leaves the file as it is.
    s.ok(&["list", "debt"]);
    assert_eq!(s.text(), after);
}

#[test]
fn an_edit_and_a_new_item_move_nothing_but_their_lines() {
    let s = Sandbox::with_demo(reviewed);
    let before = s.text();
    s.ok(&["edit", "D-ZTJPH", "--risk", "5"]);
    s.ok(&[
        "add",
        "debt",
        "A new item that sorts somewhere",
        "--area",
        "ci",
    ]);
    let after = s.text();
    let got = notes(&after);
    assert_eq!(got.len(), 4);
    assert!(
        after.contains("      risk: 5, // see postmortem PM-31\n"),
        "{got:?}"
    );
    assert!(got[2].0.contains("// Why first") && got[2].1 == "    (");
    let item = after[..item_at(&after, "D-ZTJPH")]
        .rfind("// Why first")
        .unwrap();
    assert_eq!(after[item..item_at(&after, "D-ZTJPH")].lines().count(), 3);
    // Without the comments the file is what bearing writes for the plan.
    let plain = without(
        &without(&without(&after, "// Why"), "/* agreed"),
        "// Reviewed",
    )
    .replace(" // see postmortem PM-31", "");
    assert_eq!(to_text(&from_text(&after).unwrap()).unwrap(), plain);
    assert_ne!(before, after);
}

#[test]
fn removing_an_item_removes_its_comments_and_only_those() {
    let s = Sandbox::with_demo(reviewed);
    s.ok(&["rm", "D-ZTJPH", "--force"]);
    let after = s.text();
    assert!(!after.contains("D-ZTJPH"));
    assert!(!after.contains("// Why first") && !after.contains("PM-31"));
    assert!(after.starts_with("// Reviewed like code: keep notes short.\n(\n"));
    assert!(after.contains("      /* agreed with finance */\n      target: 30.0,\n"));
}

#[test]
fn comment_markers_in_titles_are_text_not_comments() {
    let s = Sandbox::with_demo(reviewed);
    let title = "Docs at https://wiki.example/runbooks /* draft */ // owner: ana";
    let id = s.ok(&["add", "debt", title, "--area", "docs"]);
    let id = id.split_whitespace().last().unwrap().to_owned();
    s.ok(&["checkin", "KR-8FK2M", "60"]);
    let plan = from_text(&s.text()).unwrap();
    assert_eq!(plan.debts.iter().find(|d| d.id == id).unwrap().title, title);
    assert_eq!(notes(&s.text()).len(), 4);
    assert!(
        s.ok(&["show", &id])
            .contains("https://wiki.example/runbooks")
    );
}

/// Figures for the README, not a check: load and save of a 10k-item plan
/// with and without 2,000 comments. Run with
/// `cargo test --release --test comments -- --ignored --nocapture`.
#[test]
#[ignore]
fn timing_at_10k_items() {
    use bearing::store::format::{from_text_with_comments, to_text_with};
    use std::time::Instant;
    let plan = bearing::synth::plan(10_000, 7);
    let plain = to_text(&plan).unwrap();
    // A note before every `every`-th item and at the end of the risk line
    // of as many more.
    let commented = |every: usize| {
        let mut out = String::new();
        let mut items = 0;
        for line in plain.lines() {
            if line == "    (" {
                items += 1;
                if items % every == 0 {
                    out.push_str("    // reviewed: keep this one near the top\n");
                }
            }
            out.push_str(line);
            if line.starts_with("      risk: ") && items % every == every / 2 {
                out.push_str(" // see the incident review");
            }
            out.push('\n');
        }
        out
    };
    let (few, many) = (commented(1_000), commented(10));
    let median = |f: &mut dyn FnMut()| {
        let mut t: Vec<f64> = (0..7)
            .map(|_| {
                let at = Instant::now();
                f();
                at.elapsed().as_secs_f64() * 1e3
            })
            .collect();
        t.sort_by(f64::total_cmp);
        t[3]
    };
    for (name, text) in [("no comments", &plain), ("few", &few), ("many", &many)] {
        let (plan, comments) = from_text_with_comments(text).unwrap();
        let load = median(&mut || {
            from_text_with_comments(text).unwrap();
        });
        let save = median(&mut || {
            to_text_with(&plan, &comments).unwrap();
        });
        assert_eq!(&to_text_with(&plan, &comments).unwrap(), text);
        println!(
            "{name}: {} bytes, {} comments: load {load:.1} ms, save {save:.1} ms",
            text.len(),
            comments.len()
        );
    }
}
