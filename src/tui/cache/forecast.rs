//! The forecasts the sprint view and the overview show. 10,000 trials cost
//! a few milliseconds, so each sprint's forecast is computed when first
//! drawn after a change and kept until the plan changes: never per frame.

use std::cell::RefCell;

use chrono::NaiveDate;

use super::Cache;
use crate::model::Plan;
use crate::planning::forecast::{self, Forecast, Options};

/// Forecasts by sprint id (`None`: the sprint is closed or cancelled).
#[derive(Debug, Default)]
pub struct Forecasts(RefCell<Vec<(String, Option<Forecast>)>>);

impl Forecasts {
    /// How many sprints have a forecast computed since the last change.
    pub fn computed(&self) -> usize {
        self.0.borrow().len()
    }
}

impl Cache {
    /// The forecast of an open sprint, from the cached ranking; `None` for
    /// a closed, cancelled or unknown one.
    pub fn forecast(&self, plan: &Plan, sprint_id: &str, today: NaiveDate) -> Option<Forecast> {
        if let Some((_, f)) = self
            .forecasts
            .0
            .borrow()
            .iter()
            .find(|(id, _)| id == sprint_id)
        {
            return f.clone();
        }
        let f = forecast::forecast_ranked(
            plan,
            Some(sprint_id),
            today,
            Options::default(),
            &self.candidates,
        )
        .ok();
        self.forecasts
            .0
            .borrow_mut()
            .push((sprint_id.to_owned(), f.clone()));
        f
    }
}
