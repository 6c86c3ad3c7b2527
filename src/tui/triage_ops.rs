//! The triage flow: `t` in the debt view or the overview shows the open
//! items with no effort one at a time, highest cost of delay first. Digits
//! set customer, delivery, risk and urgency (0–5, each moving on to the next
//! field) and then the effort; a letter after the effort starts the owner
//! (completed from the plan's owners with →), so one pass gives everything
//! `check` asks of estimated debt. Enter or Tab saves the item as one undo
//! step through the session's apply and shows the next; an item left without
//! an effort is passed over (it stays in the queue); Esc leaves.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::{Action, Effect};
use super::app::App;
use super::state::{Mode, Triage};
use crate::model::{Change, Item, validate};

/// The flow's own actions; `None`: not one of them.
pub fn handle(app: &mut App, action: Action) -> Option<Effect> {
    match action {
        Action::Triage => Some(open(app)),
        _ => None,
    }
}

/// Opens the flow on the first item of the queue, or says there is none.
pub fn open(app: &mut App) -> Effect {
    let queue = app.cache.triage_queue();
    let Some(&first) = queue.first() else {
        app.info("nothing to triage: every open item has an effort");
        return Effect::None;
    };
    let total = queue.len();
    let owners = known_owners(app.plan());
    app.mode = Mode::Triage(Box::new(Triage::new(
        &app.plan().debts[first],
        total,
        owners,
    )));
    Effect::None
}

/// The plan's owners (of every kind of item), most items first, then by
/// name: what the triage card's owner completes to.
fn known_owners(plan: &crate::model::Plan) -> Vec<String> {
    let mut n: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let owners = plan
        .debts
        .iter()
        .map(|d| d.owner.as_str())
        .chain(plan.key_results.iter().map(|k| k.owner.as_str()))
        .chain(plan.hypotheses.iter().map(|h| h.owner.as_str()));
    for o in owners.map(str::trim).filter(|o| !o.is_empty()) {
        *n.entry(o).or_default() += 1;
    }
    let mut out: Vec<(&str, usize)> = n.into_iter().collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    out.into_iter().map(|(o, _)| o.to_owned()).collect()
}

/// A key the keymap leaves to the flow: digits, other characters (the
/// owner) and Backspace.
pub fn type_key(t: &mut Triage, key: KeyEvent) {
    if key
        .modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
    {
        return;
    }
    match key.code {
        KeyCode::Char(c) if c.is_ascii_digit() => t.digit(c as u8 - b'0'),
        KeyCode::Backspace => t.back(),
        KeyCode::Char(c) => t.letter(c),
        _ => {}
    }
}

/// Enter / Tab: saves what was typed for this item (one undo step) and
/// moves to the next one; an item with no effort is passed over.
pub fn next(app: &mut App) -> Effect {
    let Mode::Triage(mut t) = std::mem::take(&mut app.mode) else {
        return Effect::None;
    };
    let effort = match validate::optional_effort("effort", &t.effort) {
        Ok(e) => e,
        Err(e) => {
            t.error = Some(e.to_string());
            t.field = super::state::EFFORT;
            app.mode = Mode::Triage(t);
            return Effect::None;
        }
    };
    let mut effect = Effect::None;
    match app.plan().debt(&t.id).cloned() {
        Some(before) => {
            let mut d = before.clone();
            [d.customer, d.delivery, d.risk, d.urgency] = t.ratings;
            d.effort = effort;
            d.owner = t.owner.text().trim().to_owned();
            if d != before {
                let what = match (effort, d.owner.as_str()) {
                    (Some(e), "") => format!("effort {e}"),
                    (Some(e), owner) => format!("effort {e}, owner {owner}"),
                    (None, _) => "ratings".to_owned(),
                };
                app.apply(Change::new(format!("triaged {} ({what})", d.id)).put(Item::Debt(d)));
                effect = Effect::Save;
            }
            match effort {
                Some(_) => t.triaged += 1,
                None => t.skipped.push(t.id.clone()),
            }
        }
        // Gone from the plan (a reload): nothing to save, move on.
        None => t.skipped.push(t.id.clone()),
    }
    show_next(app, *t);
    effect
}

/// The next item of the queue not passed over, or the flow ends.
fn show_next(app: &mut App, t: Triage) {
    let next = app
        .cache
        .triage_queue()
        .iter()
        .copied()
        .find(|&i| !t.skipped.contains(&app.plan().debts[i].id));
    match next {
        Some(i) => {
            let on = t.on(&app.plan().debts[i]);
            app.mode = Mode::Triage(Box::new(on));
        }
        None => {
            app.mode = Mode::Normal;
            app.info(summary(&t, app.cache.triage_queue().len()));
        }
    }
}

/// Esc: leaves; what was saved stays (each item is its own undo step).
pub fn leave(app: &mut App) -> Effect {
    if let Mode::Triage(t) = std::mem::take(&mut app.mode) {
        app.info(summary(&t, app.cache.triage_queue().len()));
    }
    Effect::None
}

/// "triaged 3; 2 still to triage — u undoes the last".
fn summary(t: &Triage, left: usize) -> String {
    let left = match left {
        0 => "the triage queue is empty".to_owned(),
        n => format!("{} still to triage", crate::text::count(n, "item")),
    };
    format!("triaged {}; {left}", crate::text::count(t.triaged, "item"))
}
