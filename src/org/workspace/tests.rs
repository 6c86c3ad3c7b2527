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
