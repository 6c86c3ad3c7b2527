//! `bearing org`: a read-only terminal UI on the organisation's roll-up.
//! Its own small app beside the plan UI (which works on one plan): a key
//! becomes an [`OrgAction`], [`OrgApp::update`] changes the state, [`draw`]
//! draws it. Four views — Teams (health at a glance, a warning row per
//! team not read), Debt (the cross-team ranking of `org rank`), Key
//! results and Sprints by team — and `/`, a fuzzy search over the rows of
//! every team. Enter on a row asks the caller ([`OrgEffect::Open`]) to
//! open that team's plan in the plan UI, read-only: on the row's item (a
//! debt item, key result or sprint, selected in its view), or on the
//! Overview from a Teams row.

mod draw;
pub mod keys;
pub mod open;
pub mod reload;
pub mod rows;
pub mod run;

use chrono::NaiveDate;
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

pub use draw::draw;
pub use rows::{OrgRow, OrgTable};

use crate::org::TeamPlan;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrgView {
    Teams,
    Debt,
    KeyResults,
    Sprints,
}

impl OrgView {
    pub const ALL: [OrgView; 4] = [
        OrgView::Teams,
        OrgView::Debt,
        OrgView::KeyResults,
        OrgView::Sprints,
    ];

    pub fn title(self) -> &'static str {
        match self {
            OrgView::Teams => "Teams",
            OrgView::Debt => "Debt",
            OrgView::KeyResults => "Key results",
            OrgView::Sprints => "Sprints",
        }
    }

    fn index(self) -> usize {
        self as usize
    }

    /// The column holding a row's item as `team:ID` (the Teams view's rows
    /// are teams: no item).
    fn item_column(self) -> Option<usize> {
        match self {
            OrgView::Teams => None,
            OrgView::Debt => Some(1),
            OrgView::KeyResults | OrgView::Sprints => Some(0),
        }
    }
}

/// What a key asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OrgAction {
    Quit,
    Show(OrgView),
    NextView,
    PrevView,
    Move(isize),
    Top,
    Bottom,
    Search,
    Type(char),
    Backspace,
    /// Enter: ends the search's typing, or opens the row's team.
    Enter,
    /// Esc: ends the search (and drops its filter).
    Cancel,
    /// `r`: read the workspace, the cache and local paths again.
    Reload,
    /// `?`: the keys, over the view; any key closes it.
    Help,
}

/// What the caller does after a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OrgEffect {
    None,
    Quit,
    /// Open this team's plan (its index in the workspace), on `item` (an
    /// id in that plan) when the row is one.
    Open {
        team: usize,
        item: Option<String>,
    },
    /// Read everything again, off the key path (the caller's worker),
    /// then hand the result to [`OrgApp::reloaded`].
    Reload,
}

pub struct OrgApp {
    pub teams: Vec<TeamPlan>,
    pub today: NaiveDate,
    /// The workspace file, for the title.
    pub label: String,
    /// The workspace's `title:` (`Acme engineering`), first on the title
    /// line when given.
    pub title: Option<String>,
    pub view: OrgView,
    pub tables: [OrgTable; 4],
    /// Per view: the rows shown (indices into the table), in order.
    pub visible: Vec<usize>,
    pub selected: usize,
    pub query: String,
    /// The search line has the keys.
    pub typing: bool,
    /// The last word to the user (shown on the bottom line until the next
    /// key: any key clears it, so the keys' hints and a warning row's
    /// reason come back).
    pub message: Option<String>,
    /// A reload is under way (a second `r` waits for it).
    pub reloading: bool,
    /// The keys' overlay (`?`) is shown.
    pub help: bool,
    pub theme: crate::tui::theme::Theme,
    matcher: SkimMatcherV2,
}

impl OrgApp {
    pub fn new(teams: Vec<TeamPlan>, today: NaiveDate, label: String) -> OrgApp {
        let tables = rows::build(&teams, today);
        let mut app = OrgApp {
            teams,
            today,
            label,
            title: None,
            view: OrgView::Teams,
            tables,
            visible: Vec::new(),
            selected: 0,
            query: String::new(),
            typing: false,
            message: None,
            reloading: false,
            help: false,
            theme: crate::tui::theme::Theme::from_env(),
            matcher: SkimMatcherV2::default().ignore_case(),
        };
        app.refilter();
        app
    }

    pub fn table(&self) -> &OrgTable {
        &self.tables[self.view.index()]
    }

    /// The row under the cursor.
    pub fn current(&self) -> Option<&OrgRow> {
        let i = *self.visible.get(self.selected)?;
        self.table().rows.get(i)
    }

    /// The rows matching the search, in the view's own order (rank on
    /// Debt, team order elsewhere), all rows without one. Every term must match a row's text (fuzzy, as
    /// the plan UI's search, ignoring case, each term within one cell).
    fn refilter(&mut self) {
        self.refilter_from(None);
    }

    /// [`refilter`](Self::refilter) over `candidates` only: a typed
    /// character only narrows a fuzzy match (every term that matched with
    /// fewer letters still has to), so a keystroke looks at the rows
    /// already shown, not all of 200 teams' debt again.
    fn refilter_from(&mut self, candidates: Option<Vec<usize>>) {
        let terms: Vec<&str> = self.query.split_whitespace().collect();
        let table = &self.tables[self.view.index()];
        if terms.is_empty() {
            self.visible = (0..table.rows.len()).collect();
        } else {
            let candidates = candidates.unwrap_or_else(|| (0..table.rows.len()).collect());
            // Fuzzy only decides which rows match; they keep the view's
            // own order (rank on Debt, team order elsewhere), so the best
            // ranked match comes first, not the best spelled one.
            let mut hits: Vec<usize> = candidates
                .into_iter()
                .filter(|&i| {
                    table.rows.get(i).is_some_and(|r| {
                        // Within one cell, as the plan UI's search matches
                        // within one field: letters strewn across a row's
                        // cells are no match.
                        terms.iter().all(|t| {
                            r.cells
                                .iter()
                                .any(|c| self.matcher.fuzzy_match(c, t).is_some())
                        })
                    })
                })
                .collect();
            hits.sort_unstable();
            self.visible = hits;
        }
        self.selected = self.selected.min(self.visible.len().saturating_sub(1));
    }

    fn show(&mut self, view: OrgView) {
        if view != self.view {
            self.view = view;
            self.selected = 0;
            self.refilter();
        }
    }

    pub fn update(&mut self, action: OrgAction) -> OrgEffect {
        let last = self.visible.len().saturating_sub(1);
        // A message is transient: it says what the last key (or a reload)
        // did, and the next key takes it away.
        self.message = None;
        match action {
            OrgAction::Quit => return OrgEffect::Quit,
            OrgAction::Show(v) => self.show(v),
            OrgAction::NextView => self.show(OrgView::ALL[(self.view.index() + 1) % 4]),
            OrgAction::PrevView => self.show(OrgView::ALL[(self.view.index() + 3) % 4]),
            OrgAction::Move(d) => {
                self.selected = self.selected.saturating_add_signed(d).min(last);
            }
            OrgAction::Top => self.selected = 0,
            OrgAction::Bottom => self.selected = last,
            OrgAction::Search => self.typing = true,
            OrgAction::Type(c) => {
                self.query.push(c);
                self.selected = 0;
                let shown = std::mem::take(&mut self.visible);
                self.refilter_from(Some(shown));
            }
            OrgAction::Backspace => {
                self.query.pop();
                self.selected = 0;
                self.refilter();
            }
            OrgAction::Cancel => {
                self.typing = false;
                if !self.query.is_empty() {
                    self.query.clear();
                    self.refilter();
                }
            }
            OrgAction::Enter if self.typing => self.typing = false,
            OrgAction::Enter => return self.open(),
            OrgAction::Help => self.help = !self.help,
            OrgAction::Reload if self.reloading => {
                self.message = Some("reloading… (already under way)".into());
            }
            OrgAction::Reload => {
                self.reloading = true;
                self.message = Some("reloading…".into());
                return OrgEffect::Reload;
            }
        }
        OrgEffect::None
    }

    /// Enter on a row: its team's plan, or why it cannot be opened.
    fn open(&mut self) -> OrgEffect {
        let Some(row) = self.current() else {
            self.message = Some("nothing to open here".into());
            return OrgEffect::None;
        };
        let i = row.team;
        let cell = self.view.item_column().and_then(|c| row.cells.get(c));
        match self.teams.get(i) {
            Some(t) if t.plan().is_some() => OrgEffect::Open {
                team: i,
                item: cell
                    .and_then(|c| c.strip_prefix(t.team.id.as_str())?.strip_prefix(':'))
                    .map(str::to_owned),
            },
            Some(t) => {
                self.message = Some(format!(
                    "{} could not be read, so there is no plan to open (see its row in Teams)",
                    t.team.id
                ));
                OrgEffect::None
            }
            None => OrgEffect::None,
        }
    }
}

/// The key's action: while the search line is open, keys are typed into
/// it (Enter keeps the filter, Esc drops it); otherwise `1`–`4` or Tab
/// pick the view, j/k or the arrows move, `/` searches, Enter opens, `q`
/// quits.
pub fn key_action(app: &OrgApp, key: KeyEvent) -> Option<OrgAction> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl && key.code == KeyCode::Char('c') {
        return Some(OrgAction::Quit);
    }
    if app.typing {
        return match key.code {
            KeyCode::Enter => Some(OrgAction::Enter),
            KeyCode::Esc => Some(OrgAction::Cancel),
            KeyCode::Backspace => Some(OrgAction::Backspace),
            KeyCode::Down => Some(OrgAction::Move(1)),
            KeyCode::Up => Some(OrgAction::Move(-1)),
            KeyCode::Char(c) if !ctrl => Some(OrgAction::Type(c)),
            _ => None,
        };
    }
    if app.help {
        // Any key closes the overlay; `q` too, without quitting.
        return Some(OrgAction::Help);
    }
    Some(match key.code {
        KeyCode::Char('q') => OrgAction::Quit,
        KeyCode::Char('r') => OrgAction::Reload,
        KeyCode::Char('?') => OrgAction::Help,
        KeyCode::Char('1') => OrgAction::Show(OrgView::Teams),
        KeyCode::Char('2') => OrgAction::Show(OrgView::Debt),
        KeyCode::Char('3') => OrgAction::Show(OrgView::KeyResults),
        KeyCode::Char('4') => OrgAction::Show(OrgView::Sprints),
        KeyCode::Tab => OrgAction::NextView,
        KeyCode::BackTab => OrgAction::PrevView,
        KeyCode::Char('j') | KeyCode::Down => OrgAction::Move(1),
        KeyCode::Char('k') | KeyCode::Up => OrgAction::Move(-1),
        KeyCode::PageDown => OrgAction::Move(10),
        KeyCode::PageUp => OrgAction::Move(-10),
        KeyCode::Char('g') | KeyCode::Home => OrgAction::Top,
        KeyCode::Char('G') | KeyCode::End => OrgAction::Bottom,
        KeyCode::Char('/') => OrgAction::Search,
        KeyCode::Enter => OrgAction::Enter,
        KeyCode::Esc => OrgAction::Cancel,
        _ => return None,
    })
}

/// A key, start to finish.
pub fn handle_key(app: &mut OrgApp, key: KeyEvent) -> OrgEffect {
    match key_action(app, key) {
        Some(a) => app.update(a),
        None => {
            // A key that does nothing still ends the last message.
            if key.kind != KeyEventKind::Release {
                app.message = None;
            }
            OrgEffect::None
        }
    }
}
