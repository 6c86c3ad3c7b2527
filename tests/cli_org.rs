//! `bearing org fetch` through the real binary and real git: team plans
//! in local repositories reached by `file://` URLs, one that changes after
//! the first fetch, one that does not exist, and what the cache holds.

mod common;
mod org_support;

use org_support::{Org, ids, three_teams};

#[test]
fn fetch_caches_each_git_team_and_the_next_fetch_picks_up_a_push() {
    let org = Org::new();
    let ws = three_teams(&org);
    let sub = ws.join("notes");
    std::fs::create_dir_all(&sub).unwrap();
    let (pay, search) = (org.root().join("payments"), org.root().join("search"));

    let r = org.bearing(&sub, &["org", "fetch"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stdout
            .contains(&format!("payments: fetched {} (main)", org.head(&pay))),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains(&format!("search: fetched {} (main)", org.head(&search))),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("infra: local file ../infra/bearing.ron, nothing to fetch"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("ghost: failed (optional)"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("3 git teams: 2 fetched, 1 failed (1 optional)"),
        "{}",
        r.stdout
    );

    let rank = org.json(&sub, &["org", "rank", "--format", "json"]);
    let before = ids(&rank, "debt");
    assert_eq!(before.len(), 3, "{rank}");
    assert!(
        before.iter().any(|i| i.starts_with("payments:D-")),
        "{before:?}"
    );
    let teams = rank["teams"].as_array().unwrap();
    assert_eq!(teams[0]["version"], format!("{} (main)", org.head(&pay)));
    assert!(
        teams[2]["version"].as_str().unwrap().starts_with("file "),
        "{rank}"
    );
    assert_eq!(teams[3]["state"], "warning");

    // The search team pushes a change; the roll-ups read only the cache
    // until the next fetch.
    org.add_debt(
        &search.join("plan/bearing.ron"),
        "Search outage on reindex",
        "5",
    );
    org.commit(&search, "more debt");
    let table = org.ok(&sub, &["org", "rank"]);
    assert!(!table.contains("Search outage"), "{table}");
    let r = org.bearing(&sub, &["org", "fetch"]);
    assert!(
        r.stdout
            .contains(&format!("search: fetched {} (main)", org.head(&search))),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains(&format!(
            "payments: up to date at {} (main)",
            org.head(&pay)
        )),
        "{}",
        r.stdout
    );
    let table = org.ok(&sub, &["org", "rank", "--limit", "2"]);
    assert!(table.contains("Search outage"), "{table}");
    assert!(
        table.contains(&format!("search {} (main)", org.head(&search))),
        "{table}"
    );
    assert_eq!(
        table.lines().filter(|l| l.contains(":D-")).count(),
        2,
        "{table}"
    );
}

#[test]
fn an_unreachable_required_team_fails_the_fetch_and_the_rest_are_fetched() {
    let org = Org::new();
    org.team_repo("payments", "Card retries");
    let ws = org.workspace(&format!(
        "    (id: \"payments\", git: \"{}\", rev: \"main\", path: \"plan/bearing.ron\"),\n\
         \x20   (id: \"gone\", git: \"{}\"),\n",
        org.url("payments"),
        org.url("gone"),
    ));
    let r = org.bearing(&ws, &["org", "fetch", "--jobs", "2"]);
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.contains("payments: fetched"), "{}", r.stdout);
    assert!(r.stdout.contains("gone: failed: "), "{}", r.stdout);
    assert!(
        r.stdout
            .contains("does not appear to be a git repository (no copy yet)"),
        "{}",
        r.stdout
    );
    assert!(
        r.stderr.contains("org fetch: 1 required team failed: gone"),
        "{}",
        r.stderr
    );
    // A revision the repository does not have.
    std::fs::write(
        ws.join("bearing-org.ron"),
        format!(
            "(teams: [(id: \"p\", git: \"{}\", rev: \"nope\")])",
            org.url("payments")
        ),
    )
    .unwrap();
    let r = org.bearing(&ws, &["org", "fetch"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stdout.contains("unknown revision \"nope\""),
        "{}",
        r.stdout
    );
}

#[test]
fn fetch_takes_one_commit_and_no_blob_but_the_plan() {
    let org = Org::new();
    let repo = org.team_repo("big", "Big debt");
    // Files the roll-ups never read, and history before the last commit.
    std::fs::write(repo.join("data.bin"), vec![b'x'; 200_000]).unwrap();
    org.commit(&repo, "data");
    std::fs::write(repo.join("more.bin"), vec![b'y'; 200_000]).unwrap();
    org.commit(&repo, "more");
    // As the hosted forges do: the server honours partial-clone filters.
    org.git(&repo, &["config", "uploadpack.allowFilter", "true"]);
    let ws = org.workspace(&format!(
        "    (id: \"big\", git: \"{}\", rev: \"main\", path: \"plan/bearing.ron\"),\n",
        org.url("big")
    ));
    org.ok(&ws, &["org", "fetch"]);
    let cache = org.root().join("cache");
    let bare = std::fs::read_dir(&cache)
        .unwrap()
        .map(|e| e.unwrap().path().join("big/repo.git"))
        .find(|p| p.is_dir())
        .unwrap();
    let commits = org.git(&bare, &["rev-list", "--count", "refs/bearing/fetched"]);
    assert_eq!(commits, "1", "one commit deep");
    let objects = org.git(
        &bare,
        &[
            "rev-list",
            "--objects",
            "--missing=print",
            "refs/bearing/fetched",
        ],
    );
    for file in ["data.bin", "more.bin"] {
        let oid = org.git(&repo, &["rev-parse", &format!("HEAD:{file}")]);
        let gone = format!("?{oid}");
        assert!(
            objects.lines().any(|l| l == gone),
            "{file} stays on the server: {objects}"
        );
    }
    let plan = org.git(&repo, &["rev-parse", "HEAD:plan/bearing.ron"]);
    assert!(
        objects.lines().any(|l| l.starts_with(&plan)),
        "the plan came: {objects}"
    );
    let cached = std::fs::read_dir(&cache)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let record = std::fs::read_to_string(cached.join("big/fetched.ron")).unwrap();
    let head = org.git(&repo, &["rev-parse", "HEAD"]);
    assert!(record.contains(&head), "{record}");
    assert!(record.contains("millis:"), "{record}");
}

#[test]
fn a_failed_fetch_of_a_changed_url_does_not_promise_the_old_copy() {
    let org = Org::new();
    org.team_repo("payments", "Card retries");
    let ws_text = |url: String| {
        format!(
            "    (id: \"payments\", git: \"{url}\", rev: \"main\", path: \"plan/bearing.ron\"),\n"
        )
    };
    let ws = org.workspace(&ws_text(org.url("payments")));
    let r = org.bearing(&ws, &["org", "fetch"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    // A typo in the url: the copy of the old url is not read any more, so
    // the fetch line must not say the roll-ups keep it.
    std::fs::write(
        ws.join("bearing-org.ron"),
        format!("(teams: [\n{}])\n", ws_text(org.url("paymnts"))),
    )
    .unwrap();
    let r = org.bearing(&ws, &["org", "fetch"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stdout.contains("no copy of this source yet") && !r.stdout.contains("the roll-ups keep"),
        "{}",
        r.stdout
    );
    let status = org.bearing(&ws, &["org", "status"]);
    assert!(status.stdout.contains("fetch-failed"), "{}", status.stdout);
}
