//! The triage flow's data: one unestimated item on screen, the five values
//! typed for it so far and which one the next digit sets.

use crate::model::Debt;

/// The fields in the order digits fill them.
pub const TRIAGE_FIELDS: [&str; 5] = ["customer", "delivery", "risk", "urgency", "effort"];

/// The effort field's index in [`TRIAGE_FIELDS`].
pub const EFFORT: usize = 4;

/// Digits an effort may have (1000 is the largest).
const EFFORT_DIGITS: usize = 4;

#[derive(Debug, Clone, PartialEq)]
pub struct Triage {
    /// The item on screen, by id (the plan may reload under the flow).
    pub id: String,
    /// Customer, delivery, risk, urgency as typed (starting at the item's).
    pub ratings: [u8; 4],
    /// The effort's digits as typed; empty: still not estimated.
    pub effort: String,
    /// The field the next digit sets (index into [`TRIAGE_FIELDS`]).
    pub field: usize,
    /// Items given an effort in this session, and items passed over.
    pub triaged: usize,
    pub skipped: Vec<String>,
    /// The queue's length when the flow opened, for "3 of 12".
    pub total: usize,
    pub error: Option<String>,
}

impl Triage {
    pub fn new(d: &Debt, total: usize) -> Triage {
        Triage {
            id: String::new(),
            ratings: [0; 4],
            effort: String::new(),
            field: 0,
            triaged: 0,
            skipped: Vec::new(),
            total,
            error: None,
        }
        .on(d)
    }

    /// The same session, now on `d`: its values, the first field focused.
    pub fn on(mut self, d: &Debt) -> Triage {
        self.id = d.id.clone();
        self.ratings = d.ratings();
        self.effort = d.effort.map(|e| e.to_string()).unwrap_or_default();
        self.field = 0;
        self.error = None;
        self
    }

    /// Which item of the queue this is, 1-based.
    pub fn position(&self) -> usize {
        self.triaged + self.skipped.len() + 1
    }

    /// A digit typed: a rating takes 0–5 and moves on to the next field;
    /// the effort collects digits (Enter takes it).
    pub fn digit(&mut self, n: u8) {
        self.error = None;
        if self.field == EFFORT {
            if self.effort.len() < EFFORT_DIGITS {
                self.effort.push(char::from(b'0' + n));
            }
        } else if n <= crate::model::validate::MAX_RATING {
            self.ratings[self.field] = n;
            self.field += 1;
        } else {
            self.error = Some(format!(
                "{} is a rating, 0–{}",
                TRIAGE_FIELDS[self.field],
                crate::model::validate::MAX_RATING
            ));
        }
    }

    /// Backspace: the effort loses its last digit; elsewhere (or an empty
    /// effort) the focus goes back one field.
    pub fn back(&mut self) {
        self.error = None;
        if self.field == EFFORT && self.effort.pop().is_some() {
            return;
        }
        self.field = self.field.saturating_sub(1);
    }

    /// Moves the focus by `delta` fields, clamped.
    pub fn step(&mut self, delta: i64) {
        let max = (TRIAGE_FIELDS.len() - 1) as i64;
        self.field = (self.field as i64).saturating_add(delta).clamp(0, max) as usize;
    }

    /// The value shown in field `i`: a rating, or the effort (`?` when empty).
    pub fn shown(&self, i: usize) -> String {
        match self.ratings.get(i) {
            Some(r) => r.to_string(),
            None if self.effort.is_empty() => "?".to_owned(),
            None => self.effort.clone(),
        }
    }
}
