//! Search off the input path: a thread per open search builds the index if
//! nobody has yet (a 100k plan's takes tens of ms), holds its own
//! [`Searcher`] (so narrowing still works), takes queries from the picker
//! and sends back hits. Only the newest query matters: queued older
//! ones are skipped before scoring, and every answer carries the sequence
//! number of its query so the picker can ignore stale ones.
//!
//! Dropping the [`SearchWorker`] closes its channel; the thread finishes the
//! query it is scoring (if any) and exits without anyone waiting for it.

use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use crate::search::{Hit, LazyIndex, Searcher};

struct Request {
    seq: u64,
    query: String,
}

/// The hits for the query numbered `seq`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Results {
    pub seq: u64,
    pub hits: Vec<Hit>,
}

pub struct SearchWorker {
    index: Arc<LazyIndex>,
    limit: usize,
    requests: Sender<Request>,
    results: Receiver<Results>,
}

impl SearchWorker {
    /// Starts the thread; `None` when the system will not give one (the
    /// caller then searches on its own thread).
    pub fn spawn(index: Arc<LazyIndex>, limit: usize) -> Option<Self> {
        let (requests, inbox) = mpsc::channel::<Request>();
        let (outbox, results) = mpsc::channel();
        let shared = Arc::clone(&index);
        std::thread::Builder::new()
            .name("search".into())
            .spawn(move || serve(&shared, limit, &inbox, &outbox))
            .ok()?;
        Some(SearchWorker {
            index,
            limit,
            requests,
            results,
        })
    }

    pub fn index(&self) -> &Arc<LazyIndex> {
        &self.index
    }

    /// Queues `query` as number `seq`; false when the thread is gone.
    pub fn send(&self, seq: u64, query: &str) -> bool {
        self.requests
            .send(Request {
                seq,
                query: query.to_owned(),
            })
            .is_ok()
    }

    /// The newest answer that has arrived, without waiting.
    pub fn try_latest(&self) -> Option<Results> {
        self.results.try_iter().max_by_key(|r| r.seq)
    }

    /// Waits up to `timeout` for the answer to query `seq` (or a newer
    /// one); whatever newest answer arrived meanwhile when it does not come.
    pub fn wait_for(&self, seq: u64, timeout: Duration) -> Option<Results> {
        let deadline = Instant::now() + timeout;
        let mut newest: Option<Results> = None;
        loop {
            if let Some(r) = self.try_latest()
                && newest.as_ref().is_none_or(|n| r.seq > n.seq)
            {
                newest = Some(r);
            }
            if newest.as_ref().is_some_and(|n| n.seq >= seq) {
                return newest;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            match self.results.recv_timeout(left) {
                Ok(r) => {
                    if newest.as_ref().is_none_or(|n| r.seq > n.seq) {
                        newest = Some(r);
                    }
                }
                Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => {
                    return newest;
                }
            }
        }
    }

    /// A fresh thread over the same index (for a cloned picker).
    pub fn respawn(&self) -> Option<Self> {
        Self::spawn(Arc::clone(&self.index), self.limit)
    }
}

fn serve(index: &LazyIndex, limit: usize, inbox: &Receiver<Request>, outbox: &Sender<Results>) {
    let index = index.get();
    let mut searcher = Searcher::new();
    while let Ok(mut req) = inbox.recv() {
        // Keys typed while the last query was scored: only the newest counts.
        while let Ok(newer) = inbox.try_recv() {
            req = newer;
        }
        let hits = searcher.query(index, &req.query, limit);
        if outbox.send(Results { seq: req.seq, hits }).is_err() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Debt, Plan};
    use crate::search::SearchIndex;
    use chrono::NaiveDate;

    fn plan() -> Plan {
        let day = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
        let mut plan = Plan::default();
        for (id, title) in [
            ("D-00001", "Rotate API keys"),
            ("D-00002", "Remove old tracing exporter"),
            ("D-00003", "Flaky integration tests"),
        ] {
            plan.debts.push(Debt::new(id.into(), title.into(), day));
        }
        plan
    }

    fn index() -> Arc<LazyIndex> {
        Arc::new(LazyIndex::built(SearchIndex::new(&plan())))
    }

    #[test]
    fn answers_carry_their_query_number_and_match_a_direct_query() {
        let idx = index();
        let w = SearchWorker::spawn(Arc::clone(&idx), 10).unwrap();
        assert!(w.send(1, "flaky"));
        let r = w.wait_for(1, Duration::from_secs(10)).unwrap();
        assert_eq!(r.seq, 1);
        assert_eq!(r.hits, idx.get().query("flaky", 10));
        assert_eq!(r.hits[0].id, "D-00003");
    }

    #[test]
    fn the_newest_answer_wins() {
        let idx = index();
        let w = SearchWorker::spawn(Arc::clone(&idx), 10).unwrap();
        for (seq, q) in [(1, "r"), (2, "ro"), (3, "rot")] {
            assert!(w.send(seq, q));
        }
        let r = w.wait_for(3, Duration::from_secs(10)).unwrap();
        assert_eq!(r.seq, 3);
        assert_eq!(r.hits, idx.get().query("rot", 10));
        assert_eq!(r.hits[0].id, "D-00001");
        // Nothing older turns up afterwards.
        std::thread::sleep(Duration::from_millis(20));
        assert!(w.try_latest().is_none_or(|r| r.seq == 3));
    }

    #[test]
    fn the_worker_builds_an_unbuilt_index_and_answers_from_it() {
        let plan = Arc::new(plan());
        let lazy = Arc::new(LazyIndex::new(Arc::clone(&plan)));
        let w = SearchWorker::spawn(Arc::clone(&lazy), 10).unwrap();
        assert!(w.send(1, "remove"));
        let r = w.wait_for(1, Duration::from_secs(10)).unwrap();
        assert_eq!(r.hits[0].id, "D-00002");
        assert!(lazy.try_get().is_some(), "built by the worker");
        assert_eq!(Arc::strong_count(&plan), 1, "and the plan snapshot let go");
    }
}
