use std::collections::HashMap;

use super::comments::{Found, markers, syntax};
use super::hotspots::{arrow_path, parse_log};
use super::*;

fn found(path: &str, text: &str) -> Vec<(usize, String, Option<String>, String)> {
    let s = syntax(path).unwrap();
    markers(text, &s, &Markers::default_set())
        .into_iter()
        .map(|f| (f.line, f.marker, f.author, f.text))
        .collect()
}

fn one(
    line: usize,
    m: &str,
    who: Option<&str>,
    t: &str,
) -> (usize, String, Option<String>, String) {
    (line, m.into(), who.map(Into::into), t.into())
}

#[test]
fn markers_in_line_and_block_comments_of_c_like_languages() {
    let src = "fn f() {\n    let x = 1; // TODO: retry on 503\n    /* FIXME(alice) the\n       HACK around it */ g();\n    // todo lower case is prose\n    // TODOS is another word\n}\n";
    assert_eq!(
        found("src/a.rs", src),
        [
            one(2, "TODO", None, "retry on 503"),
            one(3, "FIXME", Some("alice"), "the"),
            one(4, "HACK", None, "around it"),
        ]
    );
}

#[test]
fn a_marker_inside_a_string_is_not_a_comment() {
    let src = "let s = \"// TODO: not a comment\"; // XXX: this is\nlet c = '\"'; // BUG: after a quote char\nfn f<'a>(x: &'a str) {} // TODO lifetimes are not strings\n";
    assert_eq!(
        found("a.rs", src),
        [
            one(1, "XXX", None, "this is"),
            one(2, "BUG", None, "after a quote char"),
            one(3, "TODO", None, "lifetimes are not strings"),
        ]
    );
    assert_eq!(
        found("a.py", "x = '# TODO: no'  # TODO: yes\n"),
        [one(1, "TODO", None, "yes")]
    );
    assert_eq!(
        found("a.js", "const t = `// FIXME no`; // FIXME: yes\n"),
        [one(1, "FIXME", None, "yes")]
    );
}

#[test]
fn a_marker_on_a_later_line_of_a_string_that_spans_lines_is_text() {
    // A Rust string over three lines, with an escaped quote in it.
    let rust = "let usage = \"bearing scan\n\\\"quoted\\\"\n// TODO: a line of the help text\n\"; // FIXME: real\n// TODO: after it\n";
    assert_eq!(
        found("a.rs", rust),
        [
            one(4, "FIXME", None, "real"),
            one(5, "TODO", None, "after it"),
        ]
    );
    let python = "def f():\n    \"\"\"Docs.\n\n    # TODO: an example in the docstring\n    \"\"\"\n    return 1  # TODO: real\nx = '''\n# FIXME: text\n'''  # HACK: real too\n";
    assert_eq!(
        found("a.py", python),
        [
            one(6, "TODO", None, "real"),
            one(9, "HACK", None, "real too"),
        ]
    );
    let js = "const sql = `\n  -- TODO: not js\n  // FIXME: still the template\n`; // XXX: real\n";
    assert_eq!(found("a.js", js), [one(4, "XXX", None, "real")]);
    // A string closed on its own line leaves the next line alone.
    assert_eq!(
        found("a.py", "s = \"\"\"one line\"\"\"\n# TODO: counted\n"),
        [one(2, "TODO", None, "counted")]
    );
}

#[test]
fn markers_in_hash_dash_semicolon_and_markup_comments() {
    assert_eq!(
        found("deploy.sh", "echo hi # HACK: sleep\n"),
        [one(1, "HACK", None, "sleep")]
    );
    assert_eq!(
        found("q.sql", "SELECT 1; -- TODO: index\n/* BUG */\n"),
        [one(1, "TODO", None, "index"), one(2, "BUG", None, "")]
    );
    assert_eq!(
        found("init.lua", "--[[ TODO: a\n]] x = 1 -- FIXME: b\n"),
        [one(1, "TODO", None, "a"), one(2, "FIXME", None, "b")]
    );
    assert_eq!(
        found("a.el", "(setq x 1) ; XXX: magic\n"),
        [one(1, "XXX", None, "magic")]
    );
    assert_eq!(
        found(
            "index.html",
            "<p>TODO: text, not a comment</p>\n<!-- TODO: fix the nav -->\n"
        ),
        [one(2, "TODO", None, "fix the nav")]
    );
    assert_eq!(
        found("a.css", "a { color: red; } /* FIXME: theme */\n"),
        [one(1, "FIXME", None, "theme")]
    );
    assert_eq!(
        found("c.yaml", "key: v # TODO: drop\n"),
        [one(1, "TODO", None, "drop")]
    );
    assert!(syntax("README.md").is_none());
    assert!(syntax("Makefile").is_some());
}

#[test]
fn a_marker_needs_a_colon_an_author_or_a_space_after_it() {
    assert_eq!(
        found(
            "a.go",
            "// TODO:x\n// TODO(bob) y\n// TODO z\n// TODO\n// TODO- w\n// TODO_LATER\n"
        ),
        [
            one(1, "TODO", None, "x"),
            one(2, "TODO", Some("bob"), "y"),
            one(3, "TODO", None, "z"),
            one(4, "TODO", None, ""),
        ]
    );
}

#[test]
fn a_marker_in_prose_is_not_counted() {
    // Counted: at the start of the comment text, or followed by `:`/`(`.
    let src = "/// Finds TODO markers in the code\n\
               //! The HACK we removed is gone\n\
               // see FIXME(ana) below\n\
               /// TODO handle CRLF\n\
               fn f() {} // mind the XXX: here\n\
               /*\n * BUG wrap around\n * a BUG in prose\n */\n";
    assert_eq!(
        found("a.rs", src),
        [
            one(3, "FIXME", Some("ana"), "below"),
            one(4, "TODO", None, "handle CRLF"),
            one(5, "XXX", None, "here"),
            one(7, "BUG", None, "wrap around"),
        ]
    );
    assert_eq!(
        found("a.py", "# a TODO list\n#   TODO: x\n## FIXME y\n"),
        [one(2, "TODO", None, "x"), one(3, "FIXME", None, "y")]
    );
}

#[test]
fn configured_markers_replace_the_defaults_and_any_upper_finds_every_word() {
    let s = syntax("a.c").unwrap();
    let perf = Markers::Named(vec!["PERF".into()]);
    let got: Vec<String> = markers("// PERF: slow\n// TODO: no\n", &s, &perf)
        .into_iter()
        .map(|f| f.marker)
        .collect();
    assert_eq!(got, ["PERF"]);
    let all: Vec<String> = markers("// NOTE: TODO: both\n", &s, &Markers::AnyUpper)
        .into_iter()
        .map(|f| f.marker)
        .collect();
    assert_eq!(all, ["NOTE", "TODO"]);
    assert!(comments::marker_word("TODO2"));
    assert!(!comments::marker_word("Todo"));
    assert!(!comments::marker_word("T"));
}

#[test]
fn skipped_files_binary_generated_vendored_lockfiles_minified() {
    let m = Markers::default_set();
    assert!(files::inspect("a.rs", b"// TODO: x\0", &m).is_none());
    assert!(files::inspect("a.rs", b"// @generated by protoc\n// TODO: x\n", &m).is_none());
    assert!(files::inspect("a.go", b"// Code generated. DO NOT EDIT.\n", &m).is_none());
    let f = files::inspect("a.rs", b"fn a() {}\n// TODO: x\nlast", &m).unwrap();
    assert_eq!((f.lines, f.markers.len()), (3, 1));
    for p in [
        "vendor/x/a.go",
        "web/node_modules/l/i.js",
        "third_party/z.c",
        "Cargo.lock",
        "yarn.lock",
        "app.min.js",
    ] {
        assert!(skipped_path(p), "{p}");
    }
    assert!(!skipped_path("src/vendored.rs"));
}

#[test]
fn fingerprints_ignore_the_line_and_spacing_but_not_the_path_or_text() {
    let a = marker_fingerprint("src/a.rs", "TODO", "retry  on 503", 0);
    assert_eq!(a, marker_fingerprint("src/a.rs", "TODO", "retry on 503", 0));
    assert_eq!(a.len(), 12);
    assert_ne!(a, marker_fingerprint("src/b.rs", "TODO", "retry on 503", 0));
    assert_ne!(
        a,
        marker_fingerprint("src/a.rs", "FIXME", "retry on 503", 0)
    );
    assert_ne!(a, marker_fingerprint("src/a.rs", "TODO", "retry on 503", 1));
    assert_ne!(
        hotspot_fingerprint("src/a.rs"),
        hotspot_fingerprint("src/b.rs")
    );
    // Fixed by FNV-1a's definition: the same on every machine and version.
    assert_eq!(
        hotspot_fingerprint("src/a.rs"),
        hotspot_fingerprint("src/a.rs")
    );
}

/// `git log -M --numstat -z --format=%x01%aN%x00` as git writes it.
fn log(commits: &[(&str, &[(&str, &str)])]) -> String {
    let mut s = String::new();
    for (author, files) in commits {
        s.push_str(&format!("\x01{author}\0\n"));
        for (stat, path) in *files {
            s.push_str(&format!("{stat}\t{path}\0"));
        }
    }
    s
}

#[test]
fn the_log_counts_commits_per_file_follows_renames_and_names_the_main_author() {
    // Newest first: b.rs was a.rs until the second commit.
    let mut text = log(&[("Ann", &[("5\t1", "src/b.rs")])]);
    text.push_str("\x01Bob\0\n3\t0\t\0src/a.rs\0src/b.rs\0");
    text.push_str(&log(&[
        ("Bob", &[("40\t0", "src/a.rs"), ("-\t-", "logo.png")]),
        ("Ann", &[("2\t2", "src/a.rs")]),
    ]));
    let h = parse_log(&text);
    assert!(!h.contains_key("src/a.rs"));
    let b = &h["src/b.rs"];
    assert_eq!(b.changes, 4);
    assert_eq!(b.main_author(), Some("Bob"));
    assert_eq!(h["logo.png"].changes, 1);
    assert_eq!(h["logo.png"].main_author(), None);
}

#[test]
fn arrow_paths_without_z_name_the_new_side() {
    assert_eq!(arrow_path("src/{old => new}/a.rs"), "src/new/a.rs");
    assert_eq!(arrow_path("{ => src}/a.rs"), "src/a.rs");
    assert_eq!(arrow_path("src/{lib => }/a.rs"), "src/a.rs");
    assert_eq!(arrow_path("a.rs => b.rs"), "b.rs");
    assert_eq!(arrow_path("plain.rs"), "plain.rs");
}

fn file(path: &str, lines: usize, marks: &[(usize, &str, &str)]) -> FileText {
    FileText {
        path: path.into(),
        lines,
        markers: marks
            .iter()
            .map(|(l, m, t)| Found {
                line: *l,
                marker: (*m).into(),
                author: None,
                text: (*t).into(),
            })
            .collect(),
    }
}

#[test]
fn candidates_rank_hotspots_by_score_and_group_markers_by_hot_file() {
    let files = [
        file("README.md", 10, &[]),
        file("src/cold.rs", 1000, &[(3, "TODO", "later")]),
        file("src/hot.rs", 100, &[(9, "FIXME", "b"), (2, "TODO", "a")]),
        file(
            "web/app.js",
            50,
            &[(1, "TODO", "same"), (5, "TODO", "same")],
        ),
    ];
    let log = log(&[
        ("Ann", &[("10\t0", "src/hot.rs"), ("1\t0", "web/app.js")]),
        ("Bob", &[("1\t0", "src/hot.rs"), ("9\t0", "README.md")]),
        ("Bob", &[("3\t0", "src/hot.rs")]),
    ]);
    let h = parse_log(&log);
    let areas = vec![("web".to_owned(), "frontend".to_owned())];
    let all = candidates(&files, &h, &areas);
    let got: Vec<(CandidateKind, &str, Option<usize>)> = all
        .iter()
        .map(|c| (c.kind, c.path.as_str(), c.line))
        .collect();
    use CandidateKind::{Hotspot as H, Marker as M};
    assert_eq!(
        got,
        [
            (H, "src/hot.rs", None),
            (H, "web/app.js", None),
            (H, "README.md", None),
            (M, "src/hot.rs", Some(9)),
            (M, "src/hot.rs", Some(2)),
            (M, "web/app.js", Some(1)),
            (M, "web/app.js", Some(5)),
            (M, "src/cold.rs", Some(3)),
        ]
    );
    let hot = &all[0];
    assert_eq!((hot.changes, hot.lines, hot.score()), (3, 100, 300));
    assert_eq!(hot.owner.as_deref(), Some("Ann"));
    assert_eq!(hot.area.as_deref(), Some("src"));
    assert_eq!(all[1].area.as_deref(), Some("frontend"));
    assert_eq!(all[2].area, None);
    // Two identical comments in one file keep apart.
    assert_ne!(all[5].fingerprint, all[6].fingerprint);
    assert_eq!(all[3].title, "FIXME: b (hot.rs)");
    let top1: Vec<&str> = shown(&all, Some(1))
        .iter()
        .map(|c| c.fingerprint.as_str())
        .collect();
    assert_eq!(
        top1,
        [
            &all[0].fingerprint,
            &all[3].fingerprint,
            &all[4].fingerprint
        ]
    );
    let none = HashMap::new();
    assert_eq!(candidates(&files, &none, &[]).len(), 5);
}

#[test]
fn select_takes_unique_fingerprint_prefixes_and_names_bad_ones() {
    let files = [file("a.rs", 3, &[(1, "TODO", "x"), (2, "TODO", "y")])];
    let all = candidates(&files, &HashMap::new(), &[]);
    let shown = shown(&all, None);
    assert_eq!(select(&all, &shown, &[]).unwrap().len(), 2);
    let fp = &all[1].fingerprint;
    let got = select(&all, &shown, &[fp[..6].to_uppercase()]).unwrap();
    assert_eq!(got[0].fingerprint, *fp);
    let err = select(&all, &shown, &["zzz".into()]).unwrap_err();
    assert!(err.contains("\"zzz\""), "{err}");
    assert!(select(&all, &shown, &[String::new()]).is_err());
}

#[test]
fn candidates_serialize_with_exactly_the_documented_fields() {
    let files = [file("src/a.rs", 3, &[(1, "TODO", "x")])];
    let h = parse_log(&log(&[("Ann", &[("3\t0", "src/a.rs")])]));
    let all = candidates(&files, &h, &[]);
    let json = serde_json::to_value(&all).unwrap();
    let keys: Vec<&str> = json[0]
        .as_object()
        .unwrap()
        .keys()
        .map(|k| k.as_str())
        .collect();
    let mut want = [
        "fingerprint",
        "kind",
        "path",
        "line",
        "text",
        "title",
        "area",
        "owner",
        "changes",
        "lines",
    ];
    want.sort_unstable();
    let mut keys = keys;
    keys.sort_unstable();
    assert_eq!(keys, want);
    assert_eq!(json[0]["kind"], "hotspot");
    assert!(json[0]["line"].is_null());
    assert_eq!(json[1]["kind"], "marker");
    assert_eq!(json[1]["line"], 1);
}

#[test]
fn the_area_below_a_source_root_is_the_next_directory() {
    assert_eq!(
        area("src/billing/invoice.rs", &[]).as_deref(),
        Some("billing")
    );
    assert_eq!(area("lib/api/limits.py", &[]).as_deref(), Some("api"));
    assert_eq!(area("src/main.rs", &[]).as_deref(), Some("src"));
    assert_eq!(area("web/app/x.js", &[]).as_deref(), Some("web"));
    assert_eq!(area("README.md", &[]), None);
    let mapped = vec![("src/billing".to_owned(), "payments".to_owned())];
    assert_eq!(
        area("src/billing/invoice.rs", &mapped).as_deref(),
        Some("payments")
    );
}
