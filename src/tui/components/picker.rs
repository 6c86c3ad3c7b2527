//! A fuzzy picker popup: a query line over a ranked list. One widget serves
//! the command palette (a fixed list of actions with their keys) and search
//! (hits over the whole plan, re-ranked on every keystroke).

use std::sync::Arc;
use std::time::Duration;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use fuzzy_matcher::skim::SkimMatcherV2;

use super::{InputOutcome, TextInput};
use crate::search::{Hit, LazyIndex, Searcher};
use crate::tui::search_worker::{Results, SearchWorker};

/// Search shows at most this many hits; more is noise, and drawing stays cheap.
pub const SEARCH_LIMIT: usize = 200;
const PAGE: usize = 10;
const MAX_ROWS: u16 = 16;
/// How long Enter waits for the hits of what was typed before it picks one:
/// choosing from the hits of an older query would jump somewhere else.
const SETTLE: Duration = Duration::from_millis(500);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PickerItem {
    pub label: String,
    /// Drawn dimmed at the right: an action's key, a hit's kind and id.
    pub detail: String,
    /// What `Chosen` returns: an action name or an entity id.
    pub id: String,
}

impl PickerItem {
    pub fn new(label: impl Into<String>, detail: impl Into<String>, id: impl Into<String>) -> Self {
        PickerItem {
            label: label.into(),
            detail: detail.into(),
            id: id.into(),
        }
    }
}

impl From<Hit> for PickerItem {
    fn from(h: Hit) -> Self {
        let detail = match h.field {
            "title" | "id" => format!("{} {}", h.kind.label(), h.id),
            field => format!("{} {} · {field}", h.kind.label(), h.id),
        };
        PickerItem {
            label: h.title,
            detail,
            id: h.id,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PickerOutcome {
    None,
    Chosen(String),
    Closed,
}

enum Source {
    /// A fixed list, filtered by label (and detail, weighted lower).
    Items(Vec<PickerItem>),
    /// Searched on this thread, on every keystroke (building the index on
    /// the first).
    Search {
        index: Arc<LazyIndex>,
        searcher: Searcher,
    },
    /// Searched by a worker thread; `sent` numbers the queries handed to it
    /// and `shown` the one whose hits are drawn.
    Background {
        worker: SearchWorker,
        sent: u64,
        shown: u64,
    },
}

pub struct Picker {
    title: String,
    input: TextInput,
    source: Source,
    shown: Vec<PickerItem>,
    selected: usize,
}

impl Clone for Picker {
    /// A cloned background search gets its own worker (answers go to one
    /// receiver), which is asked the current query again.
    fn clone(&self) -> Self {
        let source = match &self.source {
            Source::Items(items) => Source::Items(items.clone()),
            Source::Search { index, searcher } => Source::Search {
                index: Arc::clone(index),
                searcher: searcher.clone(),
            },
            Source::Background { worker, .. } => match worker.respawn() {
                Some(worker) => Source::Background {
                    worker,
                    sent: 0,
                    shown: 0,
                },
                None => Source::Search {
                    index: Arc::clone(worker.index()),
                    searcher: Searcher::new(),
                },
            },
        };
        let mut p = Picker {
            title: self.title.clone(),
            input: self.input.clone(),
            source,
            shown: self.shown.clone(),
            selected: self.selected,
        };
        // Not pending: the clone shows the same hits, for the same query.
        if self.pending() {
            p.refresh();
        }
        p
    }
}

impl Picker {
    /// A picker over fixed items, e.g. the command palette.
    pub fn palette(title: impl Into<String>, items: Vec<PickerItem>) -> Self {
        Self::with_source(title, Source::Items(items))
    }

    /// A picker over search hits; keep the index while the plan is
    /// unchanged and make a new one after a change.
    pub fn search(title: impl Into<String>, index: Arc<LazyIndex>) -> Self {
        Self::with_source(
            title,
            Source::Search {
                index,
                searcher: Searcher::new(),
            },
        )
    }

    /// A picker over search hits scored by a worker thread: a keystroke
    /// only queues the query, and [`Picker::poll_results`] picks the hits up.
    /// Searches on this thread when no thread can be started. An index not
    /// built yet is built by the worker.
    pub fn search_in_background(title: impl Into<String>, index: Arc<LazyIndex>) -> Self {
        let source = match SearchWorker::spawn(Arc::clone(&index), SEARCH_LIMIT) {
            Some(worker) => Source::Background {
                worker,
                sent: 0,
                shown: 0,
            },
            None => Source::Search {
                index,
                searcher: Searcher::new(),
            },
        };
        Self::with_source(title, source)
    }

    /// The index searched, for noticing that the plan changed under it.
    pub fn index(&self) -> Option<&Arc<LazyIndex>> {
        match &self.source {
            Source::Items(_) => None,
            Source::Search { index, .. } => Some(index),
            Source::Background { worker, .. } => Some(worker.index()),
        }
    }

    /// Searches `index` from now on (the plan changed), in the same way as
    /// before, and re-runs the query.
    pub fn set_index(&mut self, index: Arc<LazyIndex>) {
        let selected = self.selected;
        self.source = match &self.source {
            Source::Items(_) => return,
            Source::Background { .. } => {
                match SearchWorker::spawn(Arc::clone(&index), SEARCH_LIMIT) {
                    Some(worker) => Source::Background {
                        worker,
                        sent: 0,
                        shown: 0,
                    },
                    None => Source::Search {
                        index,
                        searcher: Searcher::new(),
                    },
                }
            }
            Source::Search { .. } => Source::Search {
                index,
                searcher: Searcher::new(),
            },
        };
        self.refresh();
        self.selected = selected.min(self.shown.len().saturating_sub(1));
    }

    /// Whether the hits drawn are for an older query than the one typed.
    pub fn pending(&self) -> bool {
        matches!(self.source, Source::Background { sent, shown, .. } if shown < sent)
    }

    /// Whether the worker is still building the index (said in the popup).
    pub fn indexing(&self) -> bool {
        matches!(&self.source, Source::Background { worker, .. } if worker.index().try_get().is_none())
    }

    /// What the popup says while the hits of the typed query are not in.
    fn waiting_label(&self) -> &'static str {
        if self.indexing() {
            "indexing…"
        } else {
            "searching…"
        }
    }

    /// Takes the newest hits the worker has sent; true when they changed
    /// what is drawn.
    pub fn poll_results(&mut self) -> bool {
        let Source::Background { worker, .. } = &self.source else {
            return false;
        };
        let latest = worker.try_latest();
        latest.is_some_and(|r| self.accept(r))
    }

    /// Waits up to `timeout` for the hits of the current query; true when
    /// they are drawn (always true without a worker).
    pub fn wait_results(&mut self, timeout: Duration) -> bool {
        if !self.pending() {
            return true;
        }
        let Source::Background { worker, sent, .. } = &self.source else {
            return true;
        };
        if let Some(r) = worker.wait_for(*sent, timeout) {
            self.accept(r);
        }
        !self.pending()
    }

    fn accept(&mut self, r: Results) -> bool {
        let Source::Background { shown, .. } = &mut self.source else {
            return false;
        };
        if r.seq <= *shown {
            return false;
        }
        *shown = r.seq;
        self.shown = r.hits.into_iter().map(PickerItem::from).collect();
        self.selected = 0;
        true
    }

    fn with_source(title: impl Into<String>, source: Source) -> Self {
        let mut p = Picker {
            title: title.into(),
            input: TextInput::new(),
            source,
            shown: Vec::new(),
            selected: 0,
        };
        p.refresh();
        p
    }

    pub fn query(&self) -> &str {
        self.input.text()
    }

    pub fn set_query(&mut self, q: &str) {
        self.input.set_text(q);
        self.refresh();
    }

    /// The ranked items for the current query.
    pub fn items(&self) -> &[PickerItem] {
        &self.shown
    }

    pub fn selected(&self) -> Option<&PickerItem> {
        self.shown.get(self.selected)
    }

    pub fn selected_index(&self) -> usize {
        self.selected
    }

    fn refresh(&mut self) {
        let q = self.input.text();
        self.shown = match &mut self.source {
            Source::Items(items) => filter(items, q),
            Source::Search { index, searcher } => searcher
                .query(index.get(), q, SEARCH_LIMIT)
                .into_iter()
                .map(PickerItem::from)
                .collect(),
            Source::Background { worker, sent, .. } => {
                *sent += 1;
                if worker.send(*sent, q) {
                    // The last hits stay drawn until the new ones come.
                    return;
                }
                // The thread is gone: search here from now on.
                let index = Arc::clone(worker.index());
                self.source = Source::Search {
                    index,
                    searcher: Searcher::new(),
                };
                return self.refresh();
            }
        };
        self.selected = 0;
    }

    /// Pasted text joins the query as one line.
    pub fn paste(&mut self, text: &str) {
        self.input
            .insert_str(&super::text_input::normalize_breaks(text, false));
        self.refresh();
    }

    /// Moves the selection by `delta` rows, clamped to the list.
    pub fn move_by(&mut self, delta: isize) {
        let last = self.shown.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }

    /// Before choosing: the hits of what was typed, not of an older query.
    pub fn settle(&mut self) {
        if self.pending() {
            self.wait_results(SETTLE);
        }
    }

    pub fn handle_key(&mut self, key: KeyEvent) -> PickerOutcome {
        if key.kind == KeyEventKind::Release {
            return PickerOutcome::None;
        }
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Esc => return PickerOutcome::Closed,
            KeyCode::Enter => {
                self.settle();
                return match self.selected() {
                    Some(item) => PickerOutcome::Chosen(item.id.clone()),
                    None => PickerOutcome::None,
                };
            }
            KeyCode::Up | KeyCode::BackTab => self.move_by(-1),
            KeyCode::Down | KeyCode::Tab => self.move_by(1),
            KeyCode::Char('p') if ctrl => self.move_by(-1),
            KeyCode::Char('n') if ctrl => self.move_by(1),
            KeyCode::PageUp => self.move_by(-(PAGE as isize)),
            KeyCode::PageDown => self.move_by(PAGE as isize),
            _ => {
                if self.input.handle_key(key) == InputOutcome::Changed {
                    self.refresh();
                }
            }
        }
        PickerOutcome::None
    }
}

/// Fixed items ranked for `q`: the label counts twice the detail; ties keep
/// the given order. An empty query keeps every item in order.
fn filter(items: &[PickerItem], q: &str) -> Vec<PickerItem> {
    let q = q.trim();
    if q.is_empty() {
        return items.to_vec();
    }
    // The linear scorer: skim's matrix scorer depends on earlier calls
    // (see `search`).
    let m = SkimMatcherV2::default().ignore_case().element_limit(1);
    let mut scored: Vec<(i64, usize)> = items
        .iter()
        .enumerate()
        .filter_map(|(i, it)| {
            let label = m.fuzzy(&it.label, q, false).map(|(s, _)| s * 2);
            let detail = m.fuzzy(&it.detail, q, false).map(|(s, _)| s);
            let id = m.fuzzy(&it.id, q, false).map(|(s, _)| s);
            let best = [label, detail, id].into_iter().flatten().max()?;
            Some((best, i))
        })
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.into_iter().map(|(_, i)| items[i].clone()).collect()
}

mod draw;
#[cfg(test)]
mod tests;
