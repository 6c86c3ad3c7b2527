//! The search index built where it is first needed, off the input path.

use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use super::SearchIndex;
use crate::model::Plan;

/// A search index built on first use from a snapshot of the plan, by
/// whichever thread asks first: the UI creates it for free when search
/// opens and the search worker builds it, so a 100k plan's index is never
/// built on the input path. The snapshot is let go once the index is built.
pub struct LazyIndex {
    plan: Mutex<Option<Arc<Plan>>>,
    index: OnceLock<SearchIndex>,
}

impl LazyIndex {
    pub fn new(plan: Arc<Plan>) -> LazyIndex {
        LazyIndex {
            plan: Mutex::new(Some(plan)),
            index: OnceLock::new(),
        }
    }

    /// An index that is built already.
    pub fn built(index: SearchIndex) -> LazyIndex {
        LazyIndex {
            plan: Mutex::new(None),
            index: OnceLock::from(index),
        }
    }

    /// The index, building it now if nobody has (this waits for a build
    /// another thread is running).
    pub fn get(&self) -> &SearchIndex {
        self.index.get_or_init(|| {
            let plan = self
                .plan
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .take();
            SearchIndex::new(plan.as_deref().unwrap_or(&Plan::default()))
        })
    }

    /// The index if it is built; never waits.
    pub fn try_get(&self) -> Option<&SearchIndex> {
        self.index.get()
    }
}
