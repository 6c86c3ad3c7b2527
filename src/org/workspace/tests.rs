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
