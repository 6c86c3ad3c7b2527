//! The triage flow's data: one unestimated item on screen, the six values
//! typed for it so far (four ratings, the effort, the owner) and which one
//! the next key sets.

use crate::model::Debt;
use crate::tui::components::TextInput;

/// The fields in the order keys fill them.
pub const TRIAGE_FIELDS: [&str; 6] = ["customer", "delivery", "risk", "urgency", "effort", "owner"];

/// The effort field's index in [`TRIAGE_FIELDS`].
pub const EFFORT: usize = 4;

/// The owner field's index in [`TRIAGE_FIELDS`].
pub const OWNER: usize = 5;

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
    /// The owner as typed (starting at the item's, selected: typing
    /// replaces it).
    pub owner: TextInput,
    /// The plan's owners, most items first: what the owner completes to.
    pub owners: Vec<String>,
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
    pub fn new(d: &Debt, total: usize, owners: Vec<String>) -> Triage {
        Triage {
            id: String::new(),
            ratings: [0; 4],
            effort: String::new(),
            owner: TextInput::new(),
            owners,
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
        self.owner = TextInput::prefilled(d.owner.clone());
        self.field = 0;
        self.error = None;
        self
    }

    /// Which item of the queue this is, 1-based.
    pub fn position(&self) -> usize {
        self.triaged + self.skipped.len() + 1
    }

    /// A digit typed: a rating takes 0–5 and moves on to the next field;
    /// the effort collects digits (Enter takes it); the owner takes it as
    /// text.
    pub fn digit(&mut self, n: u8) {
        self.error = None;
        if self.field == OWNER {
            self.owner.insert_char(char::from(b'0' + n));
        } else if self.field == EFFORT {
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

    /// Any other character: on the owner it is typed; on the effort it
    /// starts the owner (an effort has only digits, so `3ann` is effort 3,
    /// owner ann); on a rating it is a mistake, said.
    pub fn letter(&mut self, c: char) {
        self.error = None;
        match self.field {
            OWNER => self.owner.insert_char(c),
            EFFORT => {
                self.field = OWNER;
                self.owner.insert_char(c);
            }
            _ => {
                self.error = Some(format!(
                    "{} is a rating: type 0–{} (→ moves on to the effort and the owner)",
                    TRIAGE_FIELDS[self.field],
                    crate::model::validate::MAX_RATING
                ));
            }
        }
    }

    /// Backspace: the effort or the owner loses its last character;
    /// elsewhere (or when empty) the focus goes back one field.
    pub fn back(&mut self) {
        self.error = None;
        if self.field == EFFORT && self.effort.pop().is_some() {
            return;
        }
        if self.field == OWNER && !self.owner.is_empty() {
            let key = crossterm::event::KeyEvent::from(crossterm::event::KeyCode::Backspace);
            self.owner.handle_key(key);
            return;
        }
        self.field = self.field.saturating_sub(1);
    }

    /// Moves the focus by `delta` fields, clamped; → on the owner takes
    /// its completion.
    pub fn step(&mut self, delta: i64) {
        if delta > 0 && self.field == OWNER {
            if let Some(s) = self.completion().map(str::to_owned) {
                self.owner.set_text(s);
            }
            return;
        }
        let max = (TRIAGE_FIELDS.len() - 1) as i64;
        self.field = (self.field as i64).saturating_add(delta).clamp(0, max) as usize;
    }

    /// The plan's owner the typed owner completes to: the first (most
    /// items) that starts with it, ignoring case, and is not it already.
    pub fn completion(&self) -> Option<&str> {
        let typed = self.owner.text().trim();
        if typed.is_empty() || self.owner.all_selected() {
            return None;
        }
        let low = typed.to_lowercase();
        self.owners
            .iter()
            .find(|o| o.to_lowercase().starts_with(&low) && o.as_str() != typed)
            .map(String::as_str)
    }

    /// The value shown in field `i`: a rating, the effort (`?` when
    /// empty), or the owner (`-` when none).
    pub fn shown(&self, i: usize) -> String {
        match self.ratings.get(i) {
            Some(r) => r.to_string(),
            None if i == OWNER && self.owner.is_empty() => "-".to_owned(),
            None if i == OWNER => self.owner.text().to_owned(),
            None if self.effort.is_empty() => "?".to_owned(),
            None => self.effort.clone(),
        }
    }
}
