//! A form for each entity, prefilled when editing, and the way back from form
//! text to the entity. Every value goes through `model::validate`, the same
//! functions the CLI uses, field by field and then as a whole item, so the UI
//! refuses exactly what `bearing add`/`edit` refuse, in the same words.

use chrono::NaiveDate;

use super::{Field, FieldKind, Form};
use crate::model::validate::{self, FieldError};
use crate::model::{Item, Kind, Meta, Plan, id};

mod okr;
mod work;

pub use okr::{
    hypothesis_form, hypothesis_from_form, key_result_form, key_result_from_form, objective_form,
    objective_from_form,
};
pub use work::{debt_form, debt_from_form, sprint_form, sprint_from_form};

const DATE: &str = "YYYY-MM-DD";

pub(crate) fn text(key: &'static str, label: &'static str) -> Field {
    Field::new(key, label, FieldKind::Text)
}

pub(crate) fn multi(key: &'static str, label: &'static str) -> Field {
    Field::new(key, label, FieldKind::MultiLine)
}

pub(crate) fn int(key: &'static str, label: &'static str, hint: &'static str) -> Field {
    Field::new(key, label, FieldKind::Integer).hint(hint)
}

pub(crate) fn num(key: &'static str, label: &'static str) -> Field {
    Field::new(key, label, FieldKind::Number).hint("a number")
}

pub(crate) fn date(key: &'static str, label: &'static str) -> Field {
    Field::new(key, label, FieldKind::Date).hint(DATE)
}

pub(crate) fn list(key: &'static str, label: &'static str, hint: &'static str) -> Field {
    Field::new(key, label, FieldKind::List).hint(hint)
}

pub(crate) fn title_of(kind: Kind, editing: Option<&str>) -> String {
    match editing {
        Some(id) => format!("Edit {id}"),
        None => format!("Add {}", kind.label()),
    }
}

pub(crate) fn opt_date(d: Option<NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

/// Reads form fields with the validation rules, collecting errors on the
/// fields instead of stopping at the first.
pub(crate) struct Reader<'a> {
    form: &'a mut Form,
    ok: bool,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(form: &'a mut Form) -> Self {
        form.clear_errors();
        Reader { form, ok: true }
    }

    pub(crate) fn get<T>(
        &mut self,
        key: &'static str,
        rule: fn(&'static str, &str) -> Result<T, FieldError>,
    ) -> Option<T> {
        match rule(key, self.form.value(key)) {
            Ok(v) => Some(v),
            Err(e) => {
                self.fail(e);
                None
            }
        }
    }

    /// Empty means "none"; anything else must pass `rule`.
    pub(crate) fn optional<T>(
        &mut self,
        key: &'static str,
        rule: fn(&'static str, &str) -> Result<T, FieldError>,
    ) -> Option<Option<T>> {
        if self.form.value(key).trim().is_empty() {
            Some(None)
        } else {
            self.get(key, rule).map(Some)
        }
    }

    pub(crate) fn string(&self, key: &str) -> String {
        self.form.value(key).trim().to_owned()
    }

    pub(crate) fn ids(&self, key: &str) -> Vec<String> {
        validate::list(self.form.value(key))
            .iter()
            .map(|s| id::normalize(s))
            .collect()
    }

    pub(crate) fn words(&self, key: &str) -> Vec<String> {
        validate::list(self.form.value(key))
    }

    pub(crate) fn fail(&mut self, e: FieldError) {
        self.ok = false;
        self.form.set_error(e.field, e.message);
    }

    /// Applies the whole-item rules; the item comes back only when every
    /// field and the whole passed.
    pub(crate) fn finish<T>(
        mut self,
        item: Option<T>,
        check: impl FnOnce(&T) -> Vec<FieldError>,
    ) -> Option<T> {
        if let Some(item) = &item {
            for e in check(item) {
                self.fail(e);
            }
        }
        if self.ok {
            item
        } else {
            self.form.focus_first_error();
            None
        }
    }
}

const WEIGHTS: [(&str, &str); 6] = [
    ("customer", "Customer ×"),
    ("delivery", "Delivery ×"),
    ("risk", "Risk ×"),
    ("urgency", "Urgency ×"),
    ("kr_at_risk", "KR at risk +"),
    ("kr_off_track", "KR off track +"),
];

/// The North Star and the WSJF weights.
pub fn meta_form(plan: &Plan) -> Form {
    let w = plan.weights;
    let values = [
        w.customer,
        w.delivery,
        w.risk,
        w.urgency,
        w.kr_at_risk,
        w.kr_off_track,
    ];
    let mut fields = vec![multi("north_star", "North Star").with_value(plan.north_star.as_str())];
    for ((key, label), v) in WEIGHTS.into_iter().zip(values) {
        fields.push(
            Field::new(key, label, FieldKind::Number)
                .hint("0 or more")
                .with_value(v.to_string()),
        );
    }
    Form::new("Plan settings", fields)
}

pub fn meta_from_form(form: &mut Form, plan: &Plan) -> Option<Meta> {
    let mut r = Reader::new(form);
    let v = WEIGHTS.map(|(key, _)| r.get(key, validate::weight));
    let mut meta = plan.meta();
    meta.north_star = r.string("north_star");
    let item = (|| {
        let w = &mut meta.weights;
        let [c, d, rk, u, ar, ot] = v;
        (w.customer, w.delivery, w.risk, w.urgency) = (c?, d?, rk?, u?);
        (w.kr_at_risk, w.kr_off_track) = (ar?, ot?);
        Some(meta)
    })();
    r.finish(item, |_| Vec::new())
}

/// The add form for any kind.
pub fn add_form(kind: Kind, today: NaiveDate) -> Form {
    match kind {
        Kind::Objective => objective_form(None),
        Kind::KeyResult => key_result_form(None, today),
        Kind::Hypothesis => hypothesis_form(None),
        Kind::Debt => debt_form(None),
        Kind::Sprint => sprint_form(None, today),
    }
}

/// The edit form for the item with this id, if there is one.
pub fn edit_form(plan: &Plan, id: &str, today: NaiveDate) -> Option<Form> {
    Some(match plan.item(id)? {
        Item::Objective(o) => objective_form(Some(&o)),
        Item::KeyResult(k) => key_result_form(Some(&k), today),
        Item::Hypothesis(h) => hypothesis_form(Some(&h)),
        Item::Debt(d) => debt_form(Some(&d)),
        Item::Sprint(s) => sprint_form(Some(&s), today),
    })
}

/// The item an add (`editing` = None) or edit form describes, ready for
/// `Change::put`; `None` with the errors shown on the form.
pub fn item_from_form(
    form: &mut Form,
    plan: &Plan,
    kind: Kind,
    editing: Option<&str>,
    today: NaiveDate,
) -> Option<Item> {
    let existing = match editing {
        Some(id) => match plan.item(id) {
            Some(item) if item.kind() == kind => Some(item),
            _ => {
                form.clear_errors();
                form.form_error = Some(format!("{id} no longer exists"));
                return None;
            }
        },
        None => None,
    };
    Some(match (kind, existing) {
        (Kind::Objective, Some(Item::Objective(o))) => {
            Item::Objective(objective_from_form(form, plan, Some(&o))?)
        }
        (Kind::KeyResult, Some(Item::KeyResult(k))) => {
            Item::KeyResult(key_result_from_form(form, plan, Some(&k), today)?)
        }
        (Kind::Hypothesis, Some(Item::Hypothesis(h))) => {
            Item::Hypothesis(hypothesis_from_form(form, plan, Some(&h), today)?)
        }
        (Kind::Debt, Some(Item::Debt(d))) => {
            Item::Debt(debt_from_form(form, plan, Some(&d), today)?)
        }
        (Kind::Sprint, Some(Item::Sprint(s))) => {
            Item::Sprint(sprint_from_form(form, plan, Some(&s))?)
        }
        (Kind::Objective, _) => Item::Objective(objective_from_form(form, plan, None)?),
        (Kind::KeyResult, _) => Item::KeyResult(key_result_from_form(form, plan, None, today)?),
        (Kind::Hypothesis, _) => Item::Hypothesis(hypothesis_from_form(form, plan, None, today)?),
        (Kind::Debt, _) => Item::Debt(debt_from_form(form, plan, None, today)?),
        (Kind::Sprint, _) => Item::Sprint(sprint_from_form(form, plan, None)?),
    })
}

#[cfg(test)]
mod tests;
