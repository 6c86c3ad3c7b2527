use super::*;
use crate::model::PriorityRule;

fn rules() -> ImportRules {
    ImportRules::default()
}

#[test]
fn priority_words_in_any_spelling() {
    let r = rules();
    for (w, u) in [
        ("Highest", Some(5)),
        ("High", Some(4)),
        ("Medium", Some(3)),
        ("Low", Some(2)),
        ("Lowest", Some(1)),
        ("P1", Some(4)),
        ("critical_urgent", Some(5)),
        ("No priority", None),
        ("", None),
    ] {
        assert_eq!(priority(&r, w), u, "{w}");
    }
}

#[test]
fn labels_become_urgency_area_and_tags() {
    let m = map(
        &rules(),
        &[
            "priority: high",
            "area/payments",
            "Tech Debt",
            "bug",
            "bug",
            "priority/critical-urgent",
            "area: later",
            "priority: someday",
            "  ",
        ],
        None,
    );
    assert_eq!(m.urgency, Some(5));
    assert_eq!(m.area.as_deref(), Some("payments"));
    assert_eq!(m.tags, ["Tech Debt", "bug", "priority: someday"]);
    assert!(m.is_debt);
}

#[test]
fn bare_p_labels_and_the_priority_field() {
    let m = map(&rules(), &["P3", "frontend"], Some("Highest"));
    assert_eq!(
        (m.urgency, m.tags.clone(), m.is_debt),
        (Some(5), vec!["frontend".to_owned()], false)
    );
    let none: [&str; 0] = [];
    assert_eq!(map(&rules(), &none, Some("Medium")).urgency, Some(3));
    assert_eq!(map(&rules(), &none, None), Mapped::default());
}

#[test]
fn the_plans_rules_replace_the_defaults() {
    let mut r = rules();
    r.priorities = vec![PriorityRule {
        word: "sev1".into(),
        urgency: 5,
    }];
    r.area_prefixes = vec!["team:".into()];
    r.debt_labels = vec!["cleanup".into()];
    let m = map(
        &r,
        &["SEV1", "team:core", "area/x", "CLEANUP", "tech-debt"],
        Some("High"),
    );
    assert_eq!(m.urgency, Some(5));
    assert_eq!(m.area.as_deref(), Some("core"));
    assert_eq!(m.tags, ["area/x", "CLEANUP", "tech-debt"]);
    assert!(m.is_debt);
    assert!(!is_debt_label(&r, "tech-debt"));
}

#[test]
fn apply_keeps_what_is_not_named() {
    let mut d = Debt::new("D-1".into(), "t".into(), chrono::NaiveDate::MIN);
    d.urgency = 2;
    d.tags = vec!["bug".into()];
    map(&rules(), &["bug", "ui"], None).apply(&mut d);
    assert_eq!(
        (d.urgency, d.tags.clone(), d.area.as_str()),
        (2, vec!["bug".to_owned(), "ui".to_owned()], "")
    );
    map(&rules(), &["P0", "area/web"], None).apply(&mut d);
    assert_eq!((d.urgency, d.area.as_str()), (5, "web"));
}

#[test]
fn titles_and_points() {
    assert_eq!(title(" a \n b\t"), Some(("a b".to_owned(), None)));
    assert_eq!(title(" \n "), None);
    let long = "x".repeat(300);
    let (t, full) = title(&long).unwrap();
    assert_eq!(t.chars().count(), MAX_TITLE);
    assert_eq!(full.as_deref(), Some(long.as_str()));
    for (s, p) in [
        ("3", Some(3)),
        ("3.0", Some(3)),
        ("2.5", Some(3)),
        ("0,5", Some(1)),
        ("0", None),
        ("-2", None),
        ("", None),
        ("NaN", None),
        ("inf", None),
        ("1e9", Some(1000)),
        ("three", None),
    ] {
        assert_eq!(points(s), p, "{s}");
    }
}

#[test]
fn gitlab_numbered_priorities_count_from_the_top_only_after_a_prefix() {
    let r = rules();
    let u = |label: &str| map(&r, &[label], None).urgency;
    assert_eq!(u("priority::1"), Some(5));
    assert_eq!(u("priority::2"), Some(4));
    assert_eq!(u("Priority::3"), Some(3));
    assert_eq!(u("priority::4"), Some(2));
    // Out of GitLab's range, or without a prefix: a tag, not a priority.
    let m = map(&r, &["priority::9", "1"], None);
    assert_eq!(m.urgency, None);
    assert_eq!(m.tags, ["priority::9", "1"]);
}
