//! Terminal escape sequences in every text field of every entity, put there
//! through the real binary: the file keeps them byte-for-byte, and no
//! command's output (tables, JSON, exports, errors) carries a control
//! character other than '\n' or a bidi override to the terminal.

use std::path::Path;
use std::process::Stdio;

use bearing::model::Plan;
use bearing::store;

/// CSI (clear screen, colour), OSC 0 title, OSC 52 clipboard write, OSC 8
/// link, C1 CSI (U+009B), BEL, BS, lone CR, DEL, bidi override and isolate.
pub const HOSTILE: &str = "A\u{1b}[2J\u{1b}[31mred\u{1b}]0;pwned\u{7}\u{1b}]52;c;ZWNobyBoaQ==\u{7}\u{1b}]8;;https://evil.example\u{1b}\\link\u{1b}]8;;\u{1b}\\\u{9b}31m\u{7}bell\u{8}bs\rcr\u{7f}del\u{202e}rtl\u{2066}iso\u{2069}Z";

/// The same with a NUL, which no command line can carry; it goes in
/// through `import csv` and the library.
pub fn with_nul() -> String {
    format!("{HOSTILE}\u{0}nul")
}

fn is_forbidden(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}')
}

struct Sb {
    dir: tempfile::TempDir,
}

impl Sb {
    fn run(&self, args: &[&str]) -> (i32, String, String) {
        let out = crate::common::cli::command(self.dir.path(), args)
            .stdin(Stdio::null())
            .output()
            .unwrap();
        let text = |b: Vec<u8>| {
            String::from_utf8(b).unwrap_or_else(|e| panic!("{args:?}: not UTF-8: {e}"))
        };
        (
            out.status.code().unwrap_or(-1),
            text(out.stdout),
            text(out.stderr),
        )
    }

    fn ok(&self, args: &[&str]) -> String {
        let (code, out, err) = self.run(args);
        assert_eq!(code, 0, "{args:?}: {err}");
        out
    }

    fn id(&self, args: &[&str]) -> String {
        let out = self.ok(args);
        out.split_whitespace()
            .find(|w| {
                w.len() > 2 && w.contains('-') && w.chars().next().unwrap().is_ascii_uppercase()
            })
            .unwrap_or_else(|| panic!("{args:?}: no id in {out:?}"))
            .to_owned()
    }

    fn plan(&self) -> Plan {
        store::load(&self.dir.path().join("bearing.ron"))
            .unwrap()
            .plan
    }
}

/// Every text field of every item equals `s`; tags are `tags` (`--tag`
/// splits a value on `,` and `;` as the form and a CSV cell do, so text
/// given there comes back as those pieces, every byte of them kept).
fn all_text_is(plan: &Plan, s: &str, tags: &[String]) {
    for o in &plan.objectives {
        assert_eq!([&o.title, &o.description], [s, s], "{}", o.id);
    }
    for k in &plan.key_results {
        assert_eq!([&k.title, &k.unit, &k.owner], [s, s, s], "{}", k.id);
    }
    for h in &plan.hypotheses {
        let fields = [&h.title, &h.belief, &h.signal, &h.owner, &h.evidence];
        assert_eq!(fields, [s; 5], "{}", h.id);
        assert!(h.history.iter().all(|d| d.evidence == s), "{}", h.id);
    }
    for d in &plan.debts {
        let fields = [&d.title, &d.description, &d.area, &d.owner];
        assert_eq!(fields, [s; 4], "{}", d.id);
        assert_eq!(d.tags, tags, "{}", d.id);
    }
    for sp in &plan.sprints {
        assert_eq!([&sp.name, &sp.goal], [s, s], "{}", sp.id);
    }
    assert_eq!(plan.north_star, s);
}

/// Builds one of everything with `HOSTILE` in each text field, via the CLI.
fn seeded() -> (Sb, Vec<String>) {
    let sb = Sb {
        dir: tempfile::tempdir().unwrap(),
    };
    let s = HOSTILE;
    sb.ok(&["init"]);
    // Start from an empty plan so every item is one of ours.
    store::update(&sb.dir.path().join("bearing.ron"), |p| {
        *p = Plan {
            north_star: s.to_owned(),
            ..Plan::default()
        };
        Ok::<_, store::StoreError>(())
    })
    .unwrap();
    let o = sb.id(&["add", "objective", "plain", "--description", "plain"]);
    sb.ok(&["edit", &o, "--title", s, "--description", s]);
    let kr = sb.id(&[
        "add",
        "kr",
        s,
        "--objective",
        &o,
        "--baseline",
        "10",
        "--target",
        "20",
        "--unit",
        s,
        "--owner",
        s,
        "--start",
        "2026-10-01",
        "--due",
        "2026-12-31",
    ]);
    sb.ok(&["checkin", &kr, "12", "--date", "2026-11-01"]);
    let h = sb.id(&[
        "add",
        "hypothesis",
        s,
        "--belief",
        s,
        "--signal",
        s,
        "--owner",
        s,
        "--kr",
        &kr,
    ]);
    sb.ok(&["hypothesis", "start", &h]);
    sb.ok(&["hypothesis", "validate", &h, "--evidence", s]);
    sb.ok(&["hypothesis", "reopen", &h]);
    sb.ok(&["hypothesis", "abandon", &h, "--evidence", s]);
    let d = sb.id(&[
        "add",
        "debt",
        s,
        "--description",
        s,
        "--owner",
        s,
        "--area",
        s,
        "--tag",
        s,
        "--kr",
        &kr,
        "--risk",
        "3",
        "--effort",
        "2",
    ]);
    let d2 = sb.id(&["add", "debt", "plain", "--risk", "1"]);
    sb.ok(&[
        "edit",
        &d2,
        "--title",
        s,
        "--description",
        s,
        "--owner",
        s,
        "--area",
        s,
        "--tag",
        s,
    ]);
    let sp = sb.id(&[
        "sprint",
        "new",
        s,
        "--start",
        "2026-11-16",
        "--end",
        "2026-11-30",
        "--capacity",
        "10",
        "--goal",
        s,
    ]);
    sb.ok(&["sprint", "add", &sp, &d, &d2]);
    sb.ok(&["sprint", "start", &sp]);
    (sb, vec![o, kr, h, d, d2, sp])
}

/// Every read command and export, table and JSON, plus an error that
/// quotes hostile input.
fn outputs(sb: &Sb, ids: &[String]) -> Vec<(String, i32, String, String)> {
    let mut cmds: Vec<Vec<String>> = Vec::new();
    let v = |a: &[&str]| a.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    for kind in ["objectives", "krs", "hypotheses", "debt", "sprints"] {
        cmds.push(v(&["list", kind]));
        cmds.push(v(&["list", kind, "--format", "json"]));
    }
    cmds.push(v(&["rank"]));
    cmds.push(v(&["rank", "--explain"]));
    cmds.push(v(&["rank", "--format", "json"]));
    for id in ids {
        cmds.push(v(&["show", id]));
        cmds.push(v(&["show", id, "--format", "json"]));
    }
    cmds.push(v(&["sprint", "list"]));
    cmds.push(v(&["check"]));
    cmds.push(v(&["check", "--format", "json"]));
    for f in ["md", "csv", "json"] {
        cmds.push(v(&["export", "sprint", "--format", f]));
        cmds.push(v(&["export", "learning-log", "--format", f]));
    }
    cmds.push(v(&["export", "north-star"]));
    cmds.push(v(&["show", HOSTILE]));
    cmds.push(v(&["edit", &ids[3], "--risk", HOSTILE]));
    cmds.into_iter()
        .map(|c| {
            let args: Vec<&str> = c.iter().map(String::as_str).collect();
            let (code, out, err) = sb.run(&args);
            (c.join(" ").replace(HOSTILE, "<hostile>"), code, out, err)
        })
        .collect()
}

fn assert_inert(outputs: &[(String, i32, String, String)]) {
    let mut bad = Vec::new();
    for (cmd, code, out, err) in outputs {
        assert!(!err.contains("panicked"), "{cmd}: {err}");
        for (stream, text) in [("stdout", out), ("stderr", err)] {
            if let Some(c) = text.chars().find(|c| is_forbidden(*c)) {
                bad.push(format!("{cmd} (exit {code}) {stream}: U+{:04X}", c as u32));
            }
        }
    }
    assert!(
        bad.is_empty(),
        "unsafe characters reached the terminal:\n{}",
        bad.join("\n")
    );
}

#[test]
fn escape_sequences_are_kept_in_the_file_and_inert_on_the_terminal() {
    let (sb, ids) = seeded();
    all_text_is(
        &sb.plan(),
        HOSTILE,
        &bearing::model::validate::list(HOSTILE),
    );
    let outs = outputs(&sb, &ids);
    // The commands really ran and showed the items.
    let ranked = outs.iter().find(|o| o.0 == "rank --explain").unwrap();
    assert_eq!(ranked.1, 0, "{}", ranked.3);
    assert!(ranked.2.contains("red"), "{}", ranked.2);
    assert_inert(&outs);
}

#[test]
fn nul_and_escapes_through_csv_import_and_the_library() {
    let (sb, ids) = seeded();
    let s = with_nul();
    let path = sb.dir.path().join("bearing.ron");
    // NUL cannot be an argument: import a debt item from CSV...
    let csv =
        format!("title,description,owner,area,tags\n\"{s}\",\"{s}\",\"{s}\",\"{s}\",\"{s}\"\n");
    std::fs::write(sb.dir.path().join("in.csv"), csv).unwrap();
    assert_eq!(
        sb.ok(&["import", "csv", "in.csv"]),
        "1 added, 0 updated, 0 closed, 0 unchanged\n"
    );
    // ... and write it into every other field with the library.
    store::update(&path, |p| {
        p.north_star = s.clone();
        for o in &mut p.objectives {
            (o.title, o.description) = (s.clone(), s.clone());
        }
        for k in &mut p.key_results {
            (k.title, k.unit, k.owner) = (s.clone(), s.clone(), s.clone());
        }
        for h in &mut p.hypotheses {
            for f in [
                &mut h.title,
                &mut h.belief,
                &mut h.signal,
                &mut h.owner,
                &mut h.evidence,
            ] {
                *f = s.clone();
            }
            for d in &mut h.history {
                d.evidence = s.clone();
            }
        }
        for d in &mut p.debts {
            for f in [&mut d.title, &mut d.description, &mut d.owner, &mut d.area] {
                *f = s.clone();
            }
            d.tags = vec![s.clone()];
        }
        for sp in &mut p.sprints {
            (sp.name, sp.goal) = (s.clone(), s.clone());
        }
        Ok::<_, store::StoreError>(())
    })
    .unwrap();
    let plan = sb.plan();
    assert_eq!(plan.debts.len(), 3);
    all_text_is(&plan, &s, std::slice::from_ref(&s));
    let mut all = ids;
    all.extend(plan.debts.iter().map(|d| d.id.clone()));
    assert_inert(&outputs(&sb, &all));
}

#[test]
fn the_forbidden_set_is_what_the_corpus_contains() {
    // Guards the check itself: every sequence in the corpus is caught.
    let caught: Vec<char> = with_nul().chars().filter(|c| is_forbidden(*c)).collect();
    for c in [
        '\u{1b}', '\u{7}', '\u{8}', '\r', '\u{7f}', '\u{9b}', '\u{202e}', '\u{2066}', '\0',
    ] {
        assert!(caught.contains(&c), "U+{:04X}", c as u32);
    }
    assert!(!is_forbidden('\n') && !is_forbidden('é'));
    let _ = Path::new("");
}
