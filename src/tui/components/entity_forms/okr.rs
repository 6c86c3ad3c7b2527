//! Objectives, key results and hypotheses: the strategy side of the plan.

use chrono::NaiveDate;

use super::{Reader, date, int, list, multi, num, opt_date, text, title_of};
use crate::model::validate;
use crate::model::{Hypothesis, KeyResult, Kind, Objective, Plan, id};
use crate::tui::components::Form;

const ICE: &str = "1–10";

pub fn objective_form(existing: Option<&Objective>) -> Form {
    let o = existing;
    Form::new(
        title_of(Kind::Objective, o.map(|o| o.id.as_str())),
        vec![
            text("title", "Title")
                .required()
                .with_value(o.map_or("", |o| &o.title)),
            multi("description", "Description").with_value(o.map_or("", |o| &o.description)),
        ],
    )
}

pub fn objective_from_form(
    form: &mut Form,
    plan: &Plan,
    existing: Option<&Objective>,
) -> Option<Objective> {
    let mut r = Reader::new(form);
    let title = r.get("title", validate::title);
    let description = r.string("description");
    let item = title.map(|title| Objective {
        id: existing.map_or_else(|| plan.new_id(Kind::Objective), |o| o.id.clone()),
        title,
        description,
    });
    r.finish(item, validate::objective)
}

pub fn key_result_form(existing: Option<&KeyResult>, today: NaiveDate) -> Form {
    let k = existing;
    let target_required = k.is_none_or(|k| k.target.is_some());
    let mut target = num("target", "Target").with_value(
        k.and_then(|k| k.target)
            .map(|t| t.to_string())
            .unwrap_or_default(),
    );
    target.required = target_required;
    Form::new(
        title_of(Kind::KeyResult, k.map(|k| k.id.as_str())),
        vec![
            text("title", "Title")
                .required()
                .with_value(k.map_or("", |k| &k.title)),
            text("objective", "Objective")
                .required()
                .hint("objective id, e.g. O-7K3QX")
                .with_value(k.map_or("", |k| &k.objective)),
            num("baseline", "Baseline")
                .required()
                .with_value(k.map(|k| k.baseline.to_string()).unwrap_or_default()),
            target,
            num("current", "Current")
                .hint("empty: the baseline")
                .with_value(k.map(|k| k.current.to_string()).unwrap_or_default()),
            text("unit", "Unit").with_value(k.map_or("", |k| &k.unit)),
            date("start", "Start").with_value(k.map_or(today, |k| k.start).to_string()),
            date("due", "Due").with_value(opt_date(k.and_then(|k| k.due))),
            text("owner", "Owner").with_value(k.map_or("", |k| &k.owner)),
        ],
    )
}

pub fn key_result_from_form(
    form: &mut Form,
    plan: &Plan,
    existing: Option<&KeyResult>,
    today: NaiveDate,
) -> Option<KeyResult> {
    let mut r = Reader::new(form);
    let title = r.get("title", validate::title);
    let baseline = r.get("baseline", validate::number);
    // A key result may lack a target while drafting, but one is needed to
    // add it (as on the command line); editing keeps a missing one missing.
    let target = if existing.is_some_and(|k| k.target.is_none()) {
        r.optional("target", validate::number)
    } else {
        r.get("target", validate::number).map(Some)
    };
    let current = r.optional("current", validate::number);
    let start = r.optional("start", validate::date);
    let due = r.optional("due", validate::date);
    let item = (|| {
        let mut k = match existing {
            Some(k) => k.clone(),
            None => KeyResult {
                id: plan.new_id(Kind::KeyResult),
                objective: String::new(),
                title: String::new(),
                unit: String::new(),
                baseline: 0.0,
                target: None,
                current: 0.0,
                start: today,
                due: None,
                owner: String::new(),
                checkins: Vec::new(),
            },
        };
        k.title = title?;
        k.objective = id::normalize(r.form.value("objective"));
        k.baseline = baseline?;
        k.target = target?;
        k.current = match current? {
            Some(v) => match validate::current(&k, v) {
                Ok(v) => v,
                Err(e) => {
                    r.fail(e);
                    return None;
                }
            },
            // Empty: the baseline, or the latest check-in once there are some.
            None if k.checkins.is_empty() => k.baseline,
            None => k.current,
        };
        k.unit = r.string("unit");
        k.start = start?.unwrap_or(today);
        k.due = due?;
        k.owner = r.string("owner");
        Some(k)
    })();
    r.finish(item, |k| validate::key_result(k, plan))
}

pub fn hypothesis_form(existing: Option<&Hypothesis>) -> Form {
    let h = existing;
    let ice = |v: Option<u8>| v.unwrap_or(5).to_string();
    Form::new(
        title_of(Kind::Hypothesis, h.map(|h| h.id.as_str())),
        vec![
            text("title", "Title")
                .required()
                .with_value(h.map_or("", |h| &h.title)),
            multi("belief", "We believe")
                .hint("change … will cause outcome …")
                .with_value(h.map_or("", |h| &h.belief)),
            multi("signal", "We'll know when")
                .hint("signal …")
                .with_value(h.map_or("", |h| &h.signal)),
            int("impact", "Impact", ICE).with_value(ice(h.map(|h| h.impact))),
            int("confidence", "Confidence", ICE).with_value(ice(h.map(|h| h.confidence))),
            int("ease", "Ease", ICE).with_value(ice(h.map(|h| h.ease))),
            list("key_results", "Key results", "KR ids, comma-separated")
                .with_value(h.map(|h| h.key_results.join(", ")).unwrap_or_default()),
            text("owner", "Owner").with_value(h.map_or("", |h| &h.owner)),
        ],
    )
}

pub fn hypothesis_from_form(
    form: &mut Form,
    plan: &Plan,
    existing: Option<&Hypothesis>,
    today: NaiveDate,
) -> Option<Hypothesis> {
    let mut r = Reader::new(form);
    let title = r.get("title", validate::title);
    let impact = r.get("impact", validate::ice);
    let confidence = r.get("confidence", validate::ice);
    let ease = r.get("ease", validate::ice);
    let item = (|| {
        let title = title?;
        let mut h = match existing {
            Some(h) => h.clone(),
            None => Hypothesis::new(plan.new_id(Kind::Hypothesis), title.clone(), today),
        };
        h.title = title;
        h.belief = r.string("belief");
        h.signal = r.string("signal");
        h.impact = impact?;
        h.confidence = confidence?;
        h.ease = ease?;
        h.key_results = r.ids("key_results");
        h.owner = r.string("owner");
        Some(h)
    })();
    r.finish(item, |h| validate::hypothesis(h, plan))
}
