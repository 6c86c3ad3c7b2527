//! Unit tests, compiled only under `#[cfg(test)] mod tests;` in the parent:
//! unwrap() here is on fixtures the test builds, never on user input.

use super::*;
use crate::model::{
    Debt, DebtStatus, HypothesisStatus, KeyResult, Objective, StatusChange, validate,
};
use crate::tui::components::{FormOutcome, Styles, testkit::keys};
use chrono::Days;
use ratatui::{Terminal, backend::TestBackend};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 2).unwrap()
}

fn plan() -> Plan {
    let mut p = Plan::default();
    p.objectives.push(Objective {
        id: "O-00001".into(),
        title: "Reliable releases".into(),
        description: String::new(),
    });
    p.key_results.push(KeyResult {
        id: "KR-00001".into(),
        objective: "O-00001".into(),
        title: "Deploys per week".into(),
        unit: String::new(),
        baseline: 1.0,
        target: Some(10.0),
        current: 2.0,
        start: today(),
        due: None,
        owner: String::new(),
        checkins: Vec::new(),
    });
    p
}

fn press(form: &mut Form, spec: &str) -> Vec<FormOutcome> {
    keys(spec).into_iter().map(|k| form.handle_key(k)).collect()
}

fn set(form: &mut Form, key: &str, value: &str) {
    let i = form.index_of(key).unwrap();
    form.set_value(i, value);
}

fn error<'a>(form: &'a Form, key: &str) -> Option<&'a str> {
    form.fields[form.index_of(key).unwrap()].error.as_deref()
}

#[test]
fn quick_add_debt_takes_defaults() {
    let p = plan();
    let mut f = debt_form(None);
    assert_eq!(f.title, "Add debt");
    assert_eq!(
        press(&mut f, "Rotate <Space> keys <Enter>").last(),
        Some(&FormOutcome::Submit)
    );
    let d = debt_from_form(&mut f, &p, None, today()).unwrap();
    assert!(d.id.starts_with("D-") && d.id.len() == 7, "{}", d.id);
    assert_eq!(d.title, "Rotate keys");
    assert_eq!(d.ratings(), [0, 0, 0, 0]);
    // Quick add leaves the effort empty: the item goes to triage.
    assert_eq!(d.effort, None);
    assert_eq!(d.status, DebtStatus::Open);
    assert!(d.changes.is_empty());
    assert_eq!(d.created, today());
    assert!(!f.has_errors());
}

#[test]
fn debt_field_errors_use_the_cli_words_then_fix() {
    let p = plan();
    let mut f = debt_form(None);
    set(&mut f, "risk", "7");
    set(&mut f, "effort", "big");
    set(&mut f, "key_results", "kr-00001, KR-NOPE0");
    assert!(debt_from_form(&mut f, &p, None, today()).is_none());
    assert_eq!(error(&f, "title"), Some("must not be empty"));
    assert_eq!(error(&f, "risk"), Some("must be 0–5, got 7"));
    assert_eq!(
        error(&f, "effort"),
        Some(
            validate::effort("effort", "big")
                .unwrap_err()
                .message
                .as_str()
        )
    );
    // The focus goes to the first field in error.
    assert_eq!(f.focus(), 0);

    // Fixing the field rules leaves the whole-item rule: the unknown KR.
    set(&mut f, "title", "Rotate keys");
    set(&mut f, "risk", "4");
    set(&mut f, "effort", "3");
    assert!(debt_from_form(&mut f, &p, None, today()).is_none());
    assert_eq!(error(&f, "risk"), None);
    assert_eq!(
        error(&f, "key_results"),
        Some("no key result with id KR-NOPE0")
    );
    assert_eq!(f.focus(), f.index_of("key_results").unwrap());

    set(&mut f, "key_results", "kr-00001");
    set(&mut f, "tags", "security; ops,");
    let d = debt_from_form(&mut f, &p, None, today()).unwrap();
    assert_eq!((d.risk, d.effort), (4, Some(3)));
    assert_eq!(d.key_results, ["KR-00001"]);
    assert_eq!(d.tags, ["security", "ops"]);
}

/// A status the form cannot read is refused in the words of `bearing edit
/// --status` (the value quoted and cut as the CLI quotes it).
#[test]
fn a_bad_status_reads_as_the_cli_says_it() {
    let p = plan();
    let mut f = debt_form(None);
    set(&mut f, "title", "Rotate keys");
    let long = "someday, \"when\" the quarter is quieter and the team is back";
    set(&mut f, "status", long);
    assert!(debt_from_form(&mut f, &p, None, today()).is_none());
    let cli = format!(
        "must be open, in_progress, done or wont_fix, got {}",
        crate::text::quote(long)
    );
    assert_eq!(error(&f, "status"), Some(cli.as_str()));
    set(&mut f, "status", "In Progress");
    let d = debt_from_form(&mut f, &p, None, today()).unwrap();
    assert_eq!(d.status, crate::model::DebtStatus::InProgress);
}

#[test]
fn debt_edit_is_prefilled_and_keeps_the_rest() {
    let p = plan();
    let mut d = Debt::new("D-00001".into(), "Old".into(), today() - Days::new(30));
    d.risk = 3;
    d.effort = Some(8);
    d.tags = vec!["a".into(), "b".into()];
    d.source = Some("tw:123".into());
    let mut f = debt_form(Some(&d));
    assert_eq!(f.title, "Edit D-00001");
    assert_eq!(f.value("risk"), "3");
    assert_eq!(f.value("effort"), "8");
    assert_eq!(f.value("tags"), "a, b");
    assert_eq!(f.value("status"), "open");
    assert!(!f.changed());
    f.set_focus(f.index_of("status").unwrap());
    press(&mut f, "<Right> <Right>");
    assert_eq!(f.value("status"), "done");
    let e = debt_from_form(&mut f, &p, Some(&d), today()).unwrap();
    assert_eq!(e.id, "D-00001");
    assert_eq!(e.created, d.created);
    assert_eq!(e.source, d.source);
    assert_eq!(e.status, DebtStatus::Done);
    assert_eq!(
        e.changes,
        [StatusChange {
            date: today(),
            status: DebtStatus::Done
        }]
    );
}

#[test]
fn key_result_rules() {
    let p = plan();
    let mut f = key_result_form(None, today());
    assert_eq!(f.value("start"), "2026-03-02");
    set(&mut f, "title", "MTTR");
    set(&mut f, "objective", "O-99999");
    set(&mut f, "baseline", "120");
    set(&mut f, "due", "2026-02-01");
    assert!(key_result_from_form(&mut f, &p, None, today()).is_none());
    assert!(error(&f, "target").unwrap().contains("must be a number"));
    set(&mut f, "target", "30");
    assert!(key_result_from_form(&mut f, &p, None, today()).is_none());
    assert_eq!(error(&f, "objective"), Some("no objective with id O-99999"));
    assert_eq!(
        error(&f, "due"),
        Some("2026-02-01 must be after the start 2026-03-02")
    );
    set(&mut f, "objective", "o-00001");
    set(&mut f, "due", "2026-06-30");
    let k = key_result_from_form(&mut f, &p, None, today()).unwrap();
    assert_eq!(k.objective, "O-00001");
    assert_eq!(
        (k.baseline, k.target, k.current),
        (120.0, Some(30.0), 120.0)
    );
    assert_eq!(k.due, NaiveDate::from_ymd_opt(2026, 6, 30));

    // A draft without a target may stay without one when edited.
    let mut draft = k.clone();
    draft.target = None;
    let mut f = key_result_form(Some(&draft), today());
    assert!(!f.fields[f.index_of("target").unwrap()].required);
    let e = key_result_from_form(&mut f, &p, Some(&draft), today()).unwrap();
    assert_eq!(e.target, None);
}

#[test]
fn hypothesis_rules() {
    let p = plan();
    let mut f = hypothesis_form(None);
    assert_eq!(
        [f.value("impact"), f.value("confidence"), f.value("ease")],
        ["5"; 3]
    );
    set(&mut f, "title", "Canary deploys");
    set(&mut f, "impact", "11");
    set(&mut f, "belief", "canaries\ncatch regressions");
    assert!(hypothesis_from_form(&mut f, &p, None, today()).is_none());
    assert_eq!(error(&f, "impact"), Some("must be 1–10, got 11"));
    set(&mut f, "impact", "8");
    set(&mut f, "key_results", "KR-00001");
    let h = hypothesis_from_form(&mut f, &p, None, today()).unwrap();
    assert_eq!((h.impact, h.confidence, h.ease), (8, 5, 5));
    assert_eq!(h.belief, "canaries\ncatch regressions");
    assert_eq!(h.status, HypothesisStatus::Proposed);
    assert_eq!(h.created, today());
}

#[test]
fn sprint_rules() {
    let p = plan();
    let mut f = sprint_form(None, today());
    assert_eq!(f.value("end"), "2026-03-15");
    set(&mut f, "name", "Debt week");
    set(&mut f, "capacity", "0");
    set(&mut f, "end", "2026-03-01");
    assert!(sprint_from_form(&mut f, &p, None).is_none());
    assert_eq!(error(&f, "capacity"), Some("must be 1–1000 points, got 0"));
    set(&mut f, "capacity", "20");
    assert!(sprint_from_form(&mut f, &p, None).is_none());
    assert_eq!(
        error(&f, "end"),
        Some("2026-03-01 must be on or after the start 2026-03-02")
    );
    // A one-day sprint (a "debt day") is fine.
    set(&mut f, "end", "2026-03-02");
    let s = sprint_from_form(&mut f, &p, None).unwrap();
    assert_eq!(s.start, s.end);
    set(&mut f, "end", "2026-03-13");
    let s = sprint_from_form(&mut f, &p, None).unwrap();
    assert_eq!((s.capacity, s.end.to_string()), (20, "2026-03-13".into()));
}

#[test]
fn objective_and_meta() {
    let p = plan();
    let mut f = objective_form(None);
    assert!(objective_from_form(&mut f, &p, None).is_none());
    assert_eq!(error(&f, "title"), Some("must not be empty"));
    set(&mut f, "title", "  Happy users ");
    assert_eq!(
        objective_from_form(&mut f, &p, None).unwrap().title,
        "Happy users"
    );

    let mut f = meta_form(&p);
    assert_eq!(f.value("kr_off_track"), "2");
    set(&mut f, "risk", "-1");
    assert!(meta_from_form(&mut f, &p).is_none());
    // The rule `bearing config set weights.risk` uses too.
    assert_eq!(
        error(&f, "risk"),
        Some("must be a number from 0 to 100, got -1")
    );
    set(&mut f, "risk", "2.5");
    set(&mut f, "north_star", "  \n ");
    assert!(meta_from_form(&mut f, &p).is_none());
    assert_eq!(error(&f, "north_star"), Some("must not be empty"));
    set(&mut f, "north_star", "Ship weekly without fear");
    let m = meta_from_form(&mut f, &p).unwrap();
    assert_eq!(m.weights.risk, 2.5);
    assert_eq!(m.north_star, "Ship weekly without fear");
}

#[test]
fn dispatch_by_kind() {
    let p = plan();
    let mut f = add_form(Kind::Objective, today());
    set(&mut f, "title", "Speed");
    let item = item_from_form(&mut f, &p, Kind::Objective, None, today()).unwrap();
    assert_eq!(item.kind(), Kind::Objective);

    let mut f = edit_form(&p, "KR-00001", today()).unwrap();
    assert_eq!(f.value("title"), "Deploys per week");
    set(&mut f, "current", "4");
    let Some(Item::KeyResult(k)) =
        item_from_form(&mut f, &p, Kind::KeyResult, Some("KR-00001"), today())
    else {
        panic!("expected a key result");
    };
    assert_eq!((k.id.as_str(), k.current), ("KR-00001", 4.0));

    assert!(edit_form(&p, "D-NONE0", today()).is_none());
    let mut f = debt_form(None);
    assert!(item_from_form(&mut f, &p, Kind::Debt, Some("D-NONE0"), today()).is_none());
    assert_eq!(f.form_error.as_deref(), Some("D-NONE0 no longer exists"));
}

#[test]
fn snapshot_debt_form_with_an_error() {
    let p = plan();
    let mut f = debt_form(None);
    press(
        &mut f,
        "Rotate <Space> API <Space> keys <Tab> <BS> 3 <Tab> <Tab> <BS> 7",
    );
    assert!(debt_from_form(&mut f, &p, None, today()).is_none());
    let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
    t.draw(|fr| f.render(fr, fr.area(), &Styles::plain()))
        .unwrap();
    insta::assert_snapshot!(t.backend());
    // The cursor waits at the end of the risk field, the first in error.
    t.backend_mut().assert_cursor_position((5 + 13 + 1, 8));
}

#[test]
fn every_entity_form_renders_at_every_size() {
    use crate::tui::components::testkit::{render, text};
    let p = plan();
    let mut forms: Vec<Form> = Kind::ALL.iter().map(|k| add_form(*k, today())).collect();
    forms.push(meta_form(&p));
    for f in &mut forms {
        // With errors showing, the rows outnumber the smaller screens.
        f.set_error("title", "must not be empty");
        f.set_error("name", "must not be empty");
        f.set_error("somewhere", "whole-item problem");
        // The generic form is drawn at every size in its own tests; here
        // the sizes where each of these forms has to cut and scroll.
        for (w, h) in [(1, 1), (2, 3), (9, 4), (20, 6), (40, 8)] {
            render(w, h, |fr| f.render(fr, fr.area(), &Styles::color()));
        }
        let buf = render(40, 15, |fr| f.render(fr, fr.area(), &Styles::color()));
        let screen = text(&buf).join("\n");
        let first = f.fields[0].label;
        assert!(screen.contains(&f.title), "{screen}");
        assert!(screen.contains(first), "{first} in\n{screen}");
    }
}
