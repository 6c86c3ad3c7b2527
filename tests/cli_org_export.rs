//! `bearing org export` through the real binary: one page for the
//! organisation in Markdown and HTML from the cache and local paths, naming
//! what was read per team, a warning row for a team that could not be
//! read, hostile team names and plan texts kept as text, and `-o` never
//! replacing the workspace file or a plan.

mod common;
mod org_support;

use org_support::{Org, three_teams};
use scraper::{Html, Node, Selector};

#[test]
fn markdown_page_names_each_teams_commit_or_file_time_and_warns_for_the_missing_team() {
    let org = Org::new();
    let ws = three_teams(&org);
    org.ok(&ws, &["org", "fetch"]);
    let pay = org.head(&org.root().join("payments"));
    let search = org.head(&org.root().join("search"));
    let md = org.ok(&ws, &["org", "export"]);
    for heading in [
        "# The organisation",
        "## Teams",
        "## Key results by team",
        "## Top debt across teams",
        "## Sprints by team",
        "## Check findings",
    ] {
        assert!(md.lines().any(|l| l == heading), "{heading}: {md}");
    }
    // The commit read and when it was fetched.
    assert!(md.contains(&format!("| {pay} (main), fetched 20")), "{md}");
    assert!(
        md.contains(&format!("| {search} (main), fetched 20")),
        "{md}"
    );
    let infra = md
        .lines()
        .find(|l| l.starts_with("| infra |"))
        .expect("infra's row");
    assert!(infra.contains("| file 20"), "{infra}");
    assert!(
        md.lines()
            .any(|l| l.starts_with("> **warning** ghost (optional): ")),
        "{md}"
    );
    assert!(md.contains("warning: fetch-failed"), "{md}");
    // The cross-team ranking, ids as team:ID, ranked as `org rank` ranks.
    let rank = org.json(&ws, &["org", "rank", "--format", "json"]);
    let first = rank["debt"][0]["id"].as_str().unwrap().to_owned();
    let first_row = md
        .lines()
        .find(|l| l.starts_with("| 1 | "))
        .expect("a ranked row");
    assert!(first_row.contains(&format!("| {first} |")), "{first_row}");
    // Key results by team: each read team's heading and its KR.
    assert!(md.contains("### Payments (payments)"), "{md}");
    assert!(md.contains("| MTTR |"), "{md}");
}

#[test]
fn html_page_is_written_with_o_and_holds_every_section_and_the_warning_row() {
    let org = Org::new();
    let ws = three_teams(&org);
    org.ok(&ws, &["org", "fetch"]);
    let out = org.ok(
        &ws,
        &["org", "export", "--format", "html", "-o", "org.html"],
    );
    assert_eq!(out.trim(), "wrote org.html");
    let html = std::fs::read_to_string(ws.join("org.html")).unwrap();
    let doc = Html::parse_document(&html);
    assert!(doc.errors.is_empty(), "{:?}", doc.errors);
    let sel = |s: &str| Selector::parse(s).unwrap();
    let ids: Vec<&str> = doc
        .select(&sel("section"))
        .filter_map(|s| s.value().attr("id"))
        .collect();
    assert_eq!(ids, ["teams", "key-results", "debt", "sprints", "findings"]);
    let warning: String = doc
        .select(&sel("p.warning"))
        .next()
        .expect("ghost's warning row")
        .text()
        .collect();
    assert!(
        warning.starts_with("warning ghost (optional): "),
        "{warning}"
    );
    let pay = org.head(&org.root().join("payments"));
    assert!(html.contains(&format!("{pay} (main)")), "payments' commit");
    assert_eq!(doc.select(&sel("#teams article.card")).count(), 4);
    let csp = doc
        .select(&sel(r#"meta[http-equiv="Content-Security-Policy"]"#))
        .next()
        .and_then(|m| m.value().attr("content"))
        .unwrap()
        .to_owned();
    assert!(csp.starts_with("default-src 'none'"), "{csp}");
    // `-o -` is standard output.
    let stdout = org.ok(&ws, &["org", "export", "--format", "html", "-o", "-"]);
    assert_eq!(stdout, html);
}

#[test]
fn hostile_team_names_and_plan_texts_stay_text() {
    let org = Org::new();
    let evil = "<script>alert(1)</script>\"><img src=x onerror=alert(2)>";
    let plan = org.root().join("alpha/bearing.ron");
    org.plan(&plan, &format!("debt {evil}"), "4");
    let ron_name = format!("Team {evil}")
        .replace('\\', "\\\\")
        .replace('"', "\\\"");
    let ws = org.workspace(&format!(
        "    (id: \"alpha\", name: \"{ron_name}\", path: \"../alpha/bearing.ron\"),\n\
         \x20   (id: \"gone\", name: \"Gone {ron_name}\", path: \"../gone/bearing.ron\", optional: true),\n"
    ));
    let html = org.ok(&ws, &["org", "export", "--format", "html"]);
    let doc = Html::parse_document(&html);
    assert!(doc.errors.is_empty(), "{:?}", doc.errors);
    let bad = Selector::parse("script, img, iframe, object, embed, link, base, form, a[href^=j]")
        .unwrap();
    assert_eq!(doc.select(&bad).count(), 0, "{html}");
    for node in doc.tree.nodes() {
        if let Node::Element(e) = node.value() {
            for (name, _) in e.attrs() {
                assert!(!name.starts_with("on"), "{name} on <{}>", e.name());
                assert_ne!(name, "src");
            }
        }
    }
    let texts: Vec<String> = doc
        .tree
        .nodes()
        .filter_map(|n| match n.value() {
            Node::Text(t) => Some(t.to_string()),
            _ => None,
        })
        .collect();
    for want in [
        format!("Team {evil}"),
        format!("debt {evil}"),
        format!("Gone Team {evil}"),
    ] {
        assert!(texts.iter().any(|t| t.contains(&want)), "{want}: {html}");
    }
    let md = org.ok(&ws, &["org", "export"]);
    assert!(!md.replace("\\<", "").contains('<'), "{md}");
}

#[test]
fn o_never_replaces_the_workspace_file_or_a_plan() {
    let org = Org::new();
    let ws = three_teams(&org);
    let ws_file = ws.join("bearing-org.ron");
    let ws_text = std::fs::read_to_string(&ws_file).unwrap();
    let r = org.bearing(&ws, &["org", "export", "-o", "bearing-org.ron"]);
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stderr.contains("this is the workspace file"),
        "{}",
        r.stderr
    );
    assert_eq!(std::fs::read_to_string(&ws_file).unwrap(), ws_text);
    // Also through another spelling of the same file.
    let r = org.bearing(&ws, &["org", "export", "-o", "../org/./bearing-org.ron"]);
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    assert_eq!(std::fs::read_to_string(&ws_file).unwrap(), ws_text);

    let infra = org.root().join("infra/bearing.ron");
    let plan_text = std::fs::read_to_string(&infra).unwrap();
    let r = org.bearing(
        &ws,
        &[
            "org",
            "export",
            "--format",
            "html",
            "-o",
            "../infra/bearing.ron",
        ],
    );
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    assert!(r.stderr.contains("holds a Bearing plan"), "{}", r.stderr);
    assert_eq!(std::fs::read_to_string(&infra).unwrap(), plan_text);
}
