//! Experiments and key results from the UI: start (asks the review-by
//! date), validate and abandon (ask the evidence, never empty), reopen
//! (asks y/n, keeps the old decision), the learning log, and the quick
//! check-in. The rules are `crate::lifecycle`'s; this file asks and applies.

use chrono::{Days, NaiveDate};

use super::action::{Action, Effect};
use super::app::{App, KrRow, Mode, Pending};
use super::state::{Prompt, PromptKind, parse_date};
use crate::export;
use crate::lifecycle::{self, DEFAULT_REVIEW_DAYS, LifecycleError};
use crate::model::Change;

/// The experiment and key-result actions; `None`: not one of them.
pub fn handle(app: &mut App, action: Action) -> Option<Effect> {
    Some(match action {
        Action::StartExperiment => start(app),
        Action::ValidateExperiment => decide(app, true),
        Action::AbandonExperiment => decide(app, false),
        Action::ReopenExperiment => reopen(app),
        Action::LearningLog => learning_log(app),
        Action::CheckIn => check_in(app),
        Action::RemoveCheckIn => remove_check_in(app),
        _ => return None,
    })
}

fn selected_hypothesis(app: &mut App) -> Option<String> {
    let id = app
        .selected_hypothesis_index()
        .map(|i| app.plan().hypotheses[i].id.clone());
    if id.is_none() {
        app.info("no experiment selected");
    }
    id
}

fn review_default(today: NaiveDate) -> NaiveDate {
    today
        .checked_add_days(Days::new(DEFAULT_REVIEW_DAYS))
        .unwrap_or(today)
}

pub fn start(app: &mut App) -> Effect {
    let Some(id) = selected_hypothesis(app) else {
        return Effect::None;
    };
    // Ask only when starting can work; otherwise say why now.
    if let Err(e) = lifecycle::start_hypothesis(app.plan(), &id, None, app.today) {
        app.error(e.to_string());
        return Effect::None;
    }
    let default = review_default(app.today);
    app.ask(Prompt::new(
        PromptKind::ReviewBy { id: id.clone() },
        format!("Start {id}: review by"),
        format!("YYYY-MM-DD, Enter accepts {default} (today + {DEFAULT_REVIEW_DAYS} days)"),
        default.to_string(),
    ));
    Effect::None
}

pub fn decide(app: &mut App, validate: bool) -> Effect {
    let Some(id) = selected_hypothesis(app) else {
        return Effect::None;
    };
    let h = app.plan().hypothesis(&id);
    if let Some(h) = h
        && h.status.is_decided()
    {
        app.error(format!("{id} is {}; reopen it first (o)", h.status.label()));
        return Effect::None;
    }
    let verb = if validate { "validating" } else { "abandoning" };
    app.ask(Prompt::new(
        PromptKind::Evidence {
            id: id.clone(),
            validate,
        },
        format!("Evidence for {verb} {id}"),
        "required: what did you observe?",
        "",
    ));
    Effect::None
}

pub fn reopen(app: &mut App) -> Effect {
    let Some(id) = selected_hypothesis(app) else {
        return Effect::None;
    };
    match lifecycle::reopen(app.plan(), &id, app.today) {
        Ok((change, message)) => {
            let was = app
                .plan()
                .hypothesis(&id)
                .map_or("decided", |h| h.status.label());
            app.mode = Mode::Confirm(Pending {
                prompt: format!(
                    "Reopen {id}? It was {was}; the decision and its evidence stay in its history."
                ),
                change,
                done: format!("{message} — u to undo"),
            });
        }
        Err(e) => app.error(e.to_string()),
    }
    Effect::None
}

/// Asks y/n before taking back the selected key result's latest check-in.
pub fn remove_check_in(app: &mut App) -> Effect {
    let Some(KrRow::Kr(i)) = app.selected_kr_row() else {
        app.info("select a key result to remove its latest check-in");
        return Effect::None;
    };
    let kr = &app.plan().key_results[i];
    let id = kr.id.clone();
    // The latest that counts today (the one `current` reads).
    let Some(last) = kr.checkins_as_of(app.today).last().cloned() else {
        app.error(format!(
            "{id} has no check-ins to remove on or before today"
        ));
        return Effect::None;
    };
    match lifecycle::remove_checkin(app.plan(), &id, Some(last.date), app.today) {
        Ok((change, message)) => {
            app.mode = Mode::Confirm(Pending {
                prompt: format!(
                    "Remove the check-in of {id} on {}: {}?",
                    last.date,
                    crate::text::number(last.value)
                ),
                change,
                done: format!("{message} — u to undo"),
            });
        }
        Err(e) => app.error(e.to_string()),
    }
    Effect::None
}

pub fn check_in(app: &mut App) -> Effect {
    let Some(KrRow::Kr(i)) = app.selected_kr_row() else {
        app.info("select a key result to check in");
        return Effect::None;
    };
    let kr = &app.plan().key_results[i];
    let (id, unit) = (kr.id.clone(), kr.unit.clone());
    let current = crate::text::number(kr.current_at(app.today));
    app.ask(Prompt::new(
        PromptKind::CheckinValue { kr: id.clone() },
        format!("Check in {id}: value"),
        format!(
            "a number{}; now {current}",
            if unit.is_empty() {
                String::new()
            } else {
                format!(" in {unit}")
            }
        ),
        "",
    ));
    Effect::None
}

pub fn learning_log(app: &mut App) -> Effect {
    let path = app.default_path("learning-log.md");
    app.ask(Prompt::new(
        PromptKind::LearningLogPath,
        "Write the learning log (Markdown) to",
        "Enter writes (replacing the file atomically), Esc cancels",
        path,
    ));
    Effect::None
}

/// The outcome of a lifecycle call: applied as one undo step, or refused
/// with the prompt kept open.
fn finish(app: &mut App, p: Prompt, r: Result<(Change, String), LifecycleError>) -> Effect {
    match r {
        Ok((change, message)) => app.apply_reported(change, message),
        Err(e) => app.refuse(p, e.to_string()),
    }
}

/// Answers the experiment, check-in and learning-log prompts; `Err`: not
/// one of them.
pub fn answer(app: &mut App, p: Box<Prompt>) -> Result<Effect, Box<Prompt>> {
    match p.kind {
        PromptKind::ReviewBy { .. }
        | PromptKind::Evidence { .. }
        | PromptKind::CheckinValue { .. }
        | PromptKind::CheckinDate { .. }
        | PromptKind::LearningLogPath => Ok(answer_now(app, *p)),
        _ => Err(p),
    }
}

fn answer_now(app: &mut App, p: Prompt) -> Effect {
    let text = p.input.text().to_owned();
    match p.kind.clone() {
        PromptKind::ReviewBy { id } => match parse_date(&text, review_default(app.today)) {
            Ok(d) => {
                let r = lifecycle::start_hypothesis(app.plan(), &id, Some(d), app.today);
                finish(app, p, r)
            }
            Err(why) => app.refuse(p, why),
        },
        PromptKind::Evidence { id, validate } => {
            let r = if validate {
                lifecycle::validate(app.plan(), &id, &text, app.today)
            } else {
                lifecycle::abandon(app.plan(), &id, &text, app.today)
            };
            finish(app, p, r)
        }
        PromptKind::CheckinValue { kr } => match text.trim().parse::<f64>() {
            Ok(value) if value.is_finite() => {
                app.ask(Prompt::new(
                    PromptKind::CheckinDate {
                        kr: kr.clone(),
                        value,
                    },
                    format!("Check in {kr} = {}: date", value + 0.0),
                    format!("YYYY-MM-DD, Enter accepts today ({})", app.today),
                    app.today.to_string(),
                ));
                Effect::None
            }
            _ => {
                let why = format!("{} is not a number", crate::text::quote(text.trim()));
                app.refuse(p, why)
            }
        },
        PromptKind::CheckinDate { kr, value } => match parse_date(&text, app.today) {
            Ok(date) => {
                let r = lifecycle::checkin(app.plan(), &kr, value, date, app.today);
                finish(app, p, r)
            }
            Err(why) => app.refuse(p, why),
        },
        PromptKind::LearningLogPath => {
            let md = export::learning_log_markdown(app.plan(), None, app.today);
            match app.write_export(&text, &md, "the learning log") {
                Ok(()) => Effect::None,
                Err(why) => app.refuse(p, why),
            }
        }
        _ => Effect::None,
    }
}
