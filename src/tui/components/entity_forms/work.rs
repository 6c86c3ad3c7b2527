//! Debt items and sprints: the execution side of the plan.

use chrono::{Days, NaiveDate};

use super::{Reader, date, int, list, multi, opt_date, text, title_of};
use crate::model::validate;
use crate::model::{Debt, DebtStatus, Kind, Plan, Sprint};
use crate::tui::components::{Field, FieldKind, Form};

const RATING: &str = "0–5";

const STATUS_LABELS: [&str; 4] = ["open", "in progress", "done", "won't fix"];

pub fn debt_form(existing: Option<&Debt>) -> Form {
    let d = existing;
    let rating = |v: Option<u8>| v.unwrap_or(0).to_string();
    Form::new(
        title_of(Kind::Debt, d.map(|d| d.id.as_str())),
        vec![
            text("title", "Title")
                .required()
                .with_value(d.map_or("", |d| &d.title)),
            int("customer", "Customer", RATING).with_value(rating(d.map(|d| d.customer))),
            int("delivery", "Delivery", RATING).with_value(rating(d.map(|d| d.delivery))),
            int("risk", "Risk", RATING).with_value(rating(d.map(|d| d.risk))),
            int("urgency", "Urgency", RATING).with_value(rating(d.map(|d| d.urgency))),
            int("effort", "Effort", "points; empty: to triage").with_value(
                d.and_then(|d| d.effort)
                    .map(|e| e.to_string())
                    .unwrap_or_default(),
            ),
            date("due", "Due").with_value(opt_date(d.and_then(|d| d.due))),
            text("owner", "Owner").with_value(d.map_or("", |d| &d.owner)),
            text("area", "Area").with_value(d.map_or("", |d| &d.area)),
            list("tags", "Tags", "comma-separated")
                .with_value(d.map(|d| d.tags.join(", ")).unwrap_or_default()),
            list("key_results", "Key results", "KR ids, comma-separated")
                .with_value(d.map(|d| d.key_results.join(", ")).unwrap_or_default()),
            Field::new(
                "status",
                "Status",
                FieldKind::Choice(STATUS_LABELS.to_vec()),
            )
            .with_value(d.map_or(DebtStatus::Open, |d| d.status).label()),
            multi("description", "Description").with_value(d.map_or("", |d| &d.description)),
        ],
    )
}

/// Quick add is this with only the title filled in: the other fields keep
/// their defaults (ratings 0, no effort — the item goes to triage — open).
pub fn debt_from_form(
    form: &mut Form,
    plan: &Plan,
    existing: Option<&Debt>,
    today: NaiveDate,
) -> Option<Debt> {
    let mut r = Reader::new(form);
    let title = r.get("title", validate::title);
    let ratings = ["customer", "delivery", "risk", "urgency"].map(|k| r.get(k, validate::rating));
    let effort = r.optional("effort", validate::effort);
    let due = r.optional("due", validate::date);
    let status = r.get("status", validate::debt_status);
    let item = (|| {
        let title = title?;
        let mut d = match existing {
            Some(d) => d.clone(),
            None => Debt::new(plan.new_id(Kind::Debt), title.clone(), today),
        };
        d.title = title;
        let [c, dl, rk, u] = ratings;
        (d.customer, d.delivery, d.risk, d.urgency) = (c?, dl?, rk?, u?);
        d.effort = effort?;
        d.due = due?;
        d.owner = r.string("owner");
        d.area = r.string("area");
        d.tags = r.words("tags");
        d.key_results = r.ids("key_results");
        d.description = r.string("description");
        d.set_status(status?, today);
        Some(d)
    })();
    r.finish(item, |d| validate::debt(d, plan))
}

/// Sprints default to two weeks starting today.
pub fn sprint_form(existing: Option<&Sprint>, today: NaiveDate) -> Form {
    let s = existing;
    let end = today.checked_add_days(Days::new(13)).unwrap_or(today);
    Form::new(
        title_of(Kind::Sprint, s.map(|s| s.id.as_str())),
        vec![
            text("name", "Name")
                .required()
                .with_value(s.map_or("", |s| &s.name)),
            date("start", "Start")
                .required()
                .with_value(s.map_or(today, |s| s.start).to_string()),
            date("end", "End")
                .required()
                .with_value(s.map_or(end, |s| s.end).to_string()),
            int("capacity", "Capacity", "points the team can do")
                .required()
                .with_value(s.map(|s| s.capacity.to_string()).unwrap_or_default()),
            multi("goal", "Goal").with_value(s.map_or("", |s| &s.goal)),
        ],
    )
}

pub fn sprint_from_form(form: &mut Form, plan: &Plan, existing: Option<&Sprint>) -> Option<Sprint> {
    let mut r = Reader::new(form);
    let name = r.get("name", validate::title);
    let start = r.get("start", validate::date);
    let end = r.get("end", validate::date);
    let capacity = r.get("capacity", validate::effort);
    let item = (|| {
        let (name, start, end, capacity) = (name?, start?, end?, capacity?);
        let mut s = match existing {
            Some(s) => s.clone(),
            None => Sprint::new(
                plan.new_id(Kind::Sprint),
                name.clone(),
                start,
                end,
                capacity,
            ),
        };
        (s.name, s.start, s.end, s.capacity) = (name, start, end, capacity);
        s.goal = r.string("goal");
        Some(s)
    })();
    r.finish(item, |s| validate::sprint(s, plan))
}
