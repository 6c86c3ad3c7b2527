use super::*;
use crate::org::TeamSource;

const GOOD: &str = r#"// the organisation
(
  teams: [
    (id: "payments", name: "Payments", path: "../payments/bearing.ron"),
    (
      id: "search",
      git: "file:///srv/search.git",
      rev: "main",
      path: "plan/bearing.ron",
      optional: true,
    ),
    (id: "infra", git: "https://example.com/infra.git"),
  ],
)
"#;

#[test]
fn parses_both_sources_with_defaults_and_entry_lines() {
    let ws = parse(GOOD).unwrap();
    let ids: Vec<_> = ws.teams.iter().map(|t| (t.id.as_str(), t.line)).collect();
    assert_eq!(ids, [("payments", 4), ("search", 6), ("infra", 12)]);
    assert_eq!(
        ws.teams[0].source,
        TeamSource::Path {
            path: "../payments/bearing.ron".into()
        }
    );
    assert!(ws.teams[1].optional);
    assert_eq!(ws.teams[2].name, "infra");
    assert_eq!(
        ws.teams[2].source,
        TeamSource::Git {
            url: "https://example.com/infra.git".into(),
            rev: "HEAD".into(),
            path: "bearing.ron".into()
        }
    );
}

#[test]
fn errors_name_the_line() {
    let dup = "(teams: [\n (id: \"a\", path: \"a.ron\"),\n (id: \"a\", path: \"b.ron\"),\n])";
    let e = parse(dup).unwrap_err();
    assert_eq!(e.line, 3, "{e:?}");
    assert!(
        e.message
            .contains("duplicate team id \"a\" (first used on line 2)"),
        "{e:?}"
    );

    let none = "(teams: [\n (id: \"a\", path: \"a.ron\"),\n (id: \"b\", name: \"B\"),\n])";
    let e = parse(none).unwrap_err();
    assert_eq!(
        (e.line, e.message.contains("has no source")),
        (3, true),
        "{e:?}"
    );

    let rev = "(teams: [(id: \"a\", path: \"a.ron\", rev: \"main\")])";
    assert!(
        parse(rev)
            .unwrap_err()
            .message
            .contains("rev is set without git")
    );

    let colon = "(teams: [(id: \"a:b\", path: \"a.ron\")])";
    assert!(
        parse(colon)
            .unwrap_err()
            .message
            .contains("letters, digits")
    );

    let escape = "(teams: [(id: \"a\", git: \"u\", path: \"../x.ron\")])";
    assert!(
        parse(escape)
            .unwrap_err()
            .message
            .contains("inside the repository")
    );

    let syntax = "(teams: [\n (id: \"a\", pth: \"a.ron\"),\n])";
    let e = parse(syntax).unwrap_err();
    assert_eq!(e.line, 2, "{e:?}");
    assert!(e.column > 0 && e.message.contains("pth"), "{e:?}");

    assert!(
        parse("(teams: [])")
            .unwrap_err()
            .message
            .contains("no teams")
    );
}

#[test]
fn id_inside_a_string_or_comment_is_not_an_entry() {
    let text =
        "(teams: [\n // id: not this\n (name: \"id: nor this\", id: \"a\", path: \"a.ron\"),\n])";
    assert_eq!(parse(text).unwrap().teams[0].line, 3);
}

#[test]
fn parser_messages_name_a_team_and_the_workspace_not_rust_types() {
    let e = parse("(teams: [(id: \"p\", path: \"p.ron\"), 3])").unwrap_err();
    assert_eq!(e.message, "Expected opening `(` for a team");
    let e = parse("[1]").unwrap_err();
    assert_eq!(e.message, "Expected opening `(` for the workspace");
    let e = parse("(teams: [(name: \"p\", path: \"p.ron\")])").unwrap_err();
    assert!(e.message.contains("in a team"), "{}", e.message);
    for t in ["[(id:\"a\", path:\"p\"), 3]", "[(name: \"x\")]"] {
        let e = parse(&format!("(teams: {t})")).unwrap_err();
        assert!(!e.message.contains("Raw"), "{}", e.message);
    }
}

#[test]
fn an_empty_git_url_path_rev_or_id_is_refused_with_its_line() {
    let ws = |team: &str| {
        parse(&format!(
            "(\n  teams: [\n    (id: \"a\", path: \"a.ron\"),\n    {team},\n  ],\n)\n"
        ))
    };
    let e = ws("(id: \"x\", git: \"\")").unwrap_err();
    assert_eq!(e.place(), "4: team \"x\": git url is empty");
    let e = ws("(id: \"x\", path: \" \")").unwrap_err();
    assert_eq!(e.place(), "4: team \"x\": path is empty");
    let e = ws("(id: \"x\", git: \"file:///r\", path: \"\")").unwrap_err();
    assert_eq!(e.place(), "4: team \"x\": path is empty");
    let e = ws("(id: \"x\", git: \"file:///r\", rev: \"\")").unwrap_err();
    assert_eq!(e.place(), "4: team \"x\": rev is empty");
    let e = ws("(id: \"\", path: \"b.ron\")").unwrap_err();
    assert_eq!(e.place(), "4: team id is empty");
}

#[test]
fn a_title_is_optional_one_line_and_not_empty() {
    let ws =
        parse("(\n  title: \" Acme engineering \",\n  teams: [(id: \"a\", path: \"a.ron\")],\n)")
            .unwrap();
    assert_eq!(ws.title.as_deref(), Some("Acme engineering"));
    assert_eq!(
        parse("(teams: [(id: \"a\", path: \"a.ron\")])")
            .unwrap()
            .title,
        None
    );
    let e = parse("(\n  teams: [(id: \"a\", path: \"a.ron\")],\n  title: \" \",\n)").unwrap_err();
    assert_eq!(e.place(), "3: title is empty");
    let e =
        parse("(\n  title: \"Acme\\nengineering\",\n  teams: [(id: \"a\", path: \"a.ron\")],\n)")
            .unwrap_err();
    assert_eq!(e.place(), "2: title must be one line");
}

#[test]
fn a_git_path_is_normalised_and_a_backslash_refused() {
    let ws = |path: &str| {
        parse(&format!(
            "(teams: [(id: \"a\", git: \"u\", path: {path:?})])"
        ))
    };
    let path = |p: &str| match ws(p).unwrap().teams[0].source.clone() {
        TeamSource::Git { path, .. } => path,
        s => panic!("{s:?}"),
    };
    assert_eq!(path("./plan/bearing.ron"), "plan/bearing.ron");
    assert_eq!(path("plan/./bearing.ron"), "plan/bearing.ron");
    assert_eq!(path("plan//bearing.ron/"), "plan/bearing.ron");
    let e = ws("plan\\bearing.ron").unwrap_err();
    assert!(e.message.contains("uses '\\'"), "{e:?}");
    assert!(e.message.contains("\"plan/bearing.ron\""), "{e:?}");
    assert!(
        ws("./")
            .unwrap_err()
            .message
            .contains("names the repository itself")
    );
    assert!(
        ws("a/../b")
            .unwrap_err()
            .message
            .contains("inside the repository")
    );
}

#[test]
fn a_relative_local_git_path_is_anchored_to_the_workspace_directory() {
    use super::is_relative_local;
    for local in [
        "../repos/payments",
        "./payments",
        "repos/payments",
        "payments",
    ] {
        assert!(is_relative_local(local), "{local}");
    }
    for not in [
        "/srv/payments.git",
        "file:///srv/payments.git",
        "https://git.example.com/p.git",
        "git@git.example.com:p.git",
        "host:p.git",
        "~/repos/p",
    ] {
        assert!(!is_relative_local(not), "{not}");
    }
    let mut ws =
        parse("(teams: [(id: \"a\", git: \"../repos/./a\"), (id: \"b\", git: \"git@h:b.git\")])")
            .unwrap();
    ws.anchor_git_paths(std::path::Path::new("/work/org"));
    let urls: Vec<_> = ws
        .teams
        .iter()
        .map(|t| match &t.source {
            TeamSource::Git { url, .. } => url.as_str(),
            s => panic!("{s:?}"),
        })
        .collect();
    assert_eq!(urls, ["/work/repos/a", "git@h:b.git"]);
}
