//! Every key binding, as data. The event loop dispatches through [`BINDINGS`],
//! the `?` overlay lists it, and the README's key table is generated from it,
//! so a key cannot work without being documented or be documented wrongly.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::action::{Action, Pick, View};
use super::app::ModeKind;

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    /// In every mode, even over an overlay.
    Always,
    /// In normal mode, in every view.
    Global,
    /// In normal mode, in one view (checked before the global bindings).
    View(View),
    /// While an overlay or prompt is open.
    Mode(ModeKind),
}

impl Scope {
    pub fn label(self) -> &'static str {
        match self {
            Scope::Always => "anywhere",
            Scope::Global => "all views",
            Scope::View(v) => v.title(),
            Scope::Mode(ModeKind::Normal) => "normal",
            Scope::Mode(ModeKind::Help) => "help",
            Scope::Mode(ModeKind::Confirm) => "y/n prompt",
            Scope::Mode(ModeKind::Filter) => "filter",
            Scope::Mode(ModeKind::Detail) => "detail",
            Scope::Mode(ModeKind::Form) => "form",
            Scope::Mode(ModeKind::Search) => "search",
            Scope::Mode(ModeKind::Palette) => "palette",
            Scope::Mode(ModeKind::Ask) => "discard/reload prompt",
            Scope::Mode(ModeKind::Prompt) => "prompt",
            Scope::Mode(ModeKind::Checklist) => "close checklist",
            Scope::Mode(ModeKind::ImportReview) => "import problems",
            Scope::Mode(ModeKind::ScanPicker) => "scan candidates",
            Scope::Mode(ModeKind::ImportSync) => "import summary",
            Scope::Mode(ModeKind::Quit) => "quit with an unsaved change",
            Scope::Mode(ModeKind::Conflicts) => "conflict screen",
            Scope::Mode(ModeKind::Triage) => "triage",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl Key {
    pub const fn plain(code: KeyCode) -> Key {
        Key {
            code,
            mods: KeyModifiers::NONE,
        }
    }

    pub const fn ch(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }

    pub const fn ctrl(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            mods: KeyModifiers::CONTROL,
        }
    }

    /// The key as bindings spell it: a typed character already carries its
    /// shift (`G`, `?`, `+`), and Shift-Tab arrives as BackTab.
    pub fn from_event(ev: KeyEvent) -> Key {
        let mut mods =
            ev.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        let code = match ev.code {
            KeyCode::Char(c) => {
                mods.remove(KeyModifiers::SHIFT);
                // Terminals report Ctrl-R as Ctrl + 'r', some as 'R'.
                if mods.contains(KeyModifiers::CONTROL) {
                    KeyCode::Char(c.to_ascii_lowercase())
                } else {
                    KeyCode::Char(c)
                }
            }
            KeyCode::BackTab => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            other => other,
        };
        Key { code, mods }
    }

    /// How the key is written in help and docs: `q`, `Ctrl-r`, `Shift-Tab`.
    pub fn label(self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_owned(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Up => "↑".to_owned(),
            KeyCode::Down => "↓".to_owned(),
            KeyCode::Left => "←".to_owned(),
            KeyCode::Right => "→".to_owned(),
            KeyCode::PageUp => "PgUp".to_owned(),
            KeyCode::PageDown => "PgDn".to_owned(),
            KeyCode::BackTab => "Shift-Tab".to_owned(),
            KeyCode::Backspace => "Backspace".to_owned(),
            other => format!("{other}"),
        };
        let mut out = String::new();
        if self.mods.contains(KeyModifiers::CONTROL) {
            out.push_str("Ctrl-");
        }
        if self.mods.contains(KeyModifiers::ALT) {
            out.push_str("Alt-");
        }
        if self.mods.contains(KeyModifiers::SHIFT) {
            out.push_str("Shift-");
        }
        out.push_str(&base);
        out
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub scope: Scope,
    pub key: Key,
    pub action: Action,
    pub help: &'static str,
}

const fn b(scope: Scope, key: Key, action: Action, help: &'static str) -> Binding {
    Binding {
        scope,
        key,
        action,
        help,
    }
}

use Action as A;
use KeyCode as K;
use Scope::{Always, Global};
const DEBT: Scope = Scope::View(View::Debt);
const EXP: Scope = Scope::View(View::Experiments);
const HELP: Scope = Scope::Mode(ModeKind::Help);
const CONFIRM: Scope = Scope::Mode(ModeKind::Confirm);
const FILTER: Scope = Scope::Mode(ModeKind::Filter);
const DETAIL: Scope = Scope::Mode(ModeKind::Detail);
const KR: Scope = Scope::View(View::KeyResults);
const FORM: Scope = Scope::Mode(ModeKind::Form);
const SEARCH: Scope = Scope::Mode(ModeKind::Search);
const PALETTE: Scope = Scope::Mode(ModeKind::Palette);
const ASK: Scope = Scope::Mode(ModeKind::Ask);
const SPRINTS: Scope = Scope::View(View::Sprints);
const PROMPT: Scope = Scope::Mode(ModeKind::Prompt);
const CHECKLIST: Scope = Scope::Mode(ModeKind::Checklist);
const REVIEW: Scope = Scope::Mode(ModeKind::ImportReview);
const SYNC: Scope = Scope::Mode(ModeKind::ImportSync);
const QUIT: Scope = Scope::Mode(ModeKind::Quit);
const SCAN: Scope = Scope::Mode(ModeKind::ScanPicker);
const CONFLICTS: Scope = Scope::Mode(ModeKind::Conflicts);
const TRIAGE: Scope = Scope::Mode(ModeKind::Triage);
const OVERVIEW: Scope = Scope::View(View::Overview);

#[rustfmt::skip]
pub static BINDINGS: &[Binding] = &[
    b(Always, Key::ctrl('c'), A::Quit, "quit"),
    b(Global, Key::ch('q'), A::Quit, "quit"),
    b(Global, Key::ch('?'), A::Help, "help: the keys of this view"),
    b(Global, Key::ch('1'), A::GoTo(View::Overview), "overview"),
    b(Global, Key::ch('2'), A::GoTo(View::Debt), "debt ranking"),
    b(Global, Key::ch('3'), A::GoTo(View::Sprints), "sprints"),
    b(Global, Key::ch('4'), A::GoTo(View::Experiments), "experiments"),
    b(Global, Key::ch('5'), A::GoTo(View::KeyResults), "key results"),
    b(Global, Key::plain(K::Tab), A::NextView, "next view"),
    b(Global, Key::plain(K::BackTab), A::PrevView, "previous view"),
    b(Global, Key::ch('j'), A::MoveDown, "move down"),
    b(Global, Key::plain(K::Down), A::MoveDown, "move down"),
    b(Global, Key::ch('k'), A::MoveUp, "move up"),
    b(Global, Key::plain(K::Up), A::MoveUp, "move up"),
    b(Global, Key::ch('g'), A::Top, "first row"),
    b(Global, Key::plain(K::Home), A::Top, "first row"),
    b(Global, Key::ch('G'), A::Bottom, "last row"),
    b(Global, Key::plain(K::End), A::Bottom, "last row"),
    b(Global, Key::plain(K::PageUp), A::PageUp, "page up"),
    b(Global, Key::plain(K::PageDown), A::PageDown, "page down"),
    b(Global, Key::plain(K::Enter), A::OpenDetail, "open the detail (overview: go to the item)"),
    b(Global, Key::ch('a'), A::Add, "add"),
    b(Global, Key::ch('e'), A::Edit, "edit the selected item (overview: settings)"),
    b(Global, Key::ch('W'), A::Settings, "plan settings: North Star, weights, thresholds"),
    b(Global, Key::ch('d'), A::Delete, "delete the selected item (asks y/n)"),
    b(Global, Key::ch('u'), A::Undo, "undo"),
    b(Global, Key::ctrl('r'), A::Redo, "redo"),
    b(Global, Key::ch('/'), A::Search, "search the whole plan"),
    b(Global, Key::ch(':'), A::Palette, "command palette"),
    b(Global, Key::ctrl('p'), A::Palette, "command palette"),
    b(Global, Key::ctrl('z'), A::Suspend, "suspend to the shell (fg returns)"),
    b(DEBT, Key::ch('f'), A::Filter, "filter by status, owner, area, tag"),
    b(DEBT, Key::ch('s'), A::Sort, "sort by the next column"),
    b(DEBT, Key::ch('S'), A::SortReverse, "reverse the sort"),
    b(DEBT, Key::ch('+'), A::RaiseRating, "raise the focused rating"),
    b(DEBT, Key::ch('-'), A::LowerRating, "lower the focused rating"),
    b(DEBT, Key::ch('r'), A::NextRating, "pick the rating +/- change"),
    b(DEBT, Key::ch('x'), A::CycleStatus, "next status (open, in progress, done…)"),
    b(DEBT, Key::ch(' '), A::CycleStatus, "next status (open, in progress, done…)"),
    b(EXP, Key::ch('h'), A::MoveLeft, "previous column"),
    b(EXP, Key::plain(K::Left), A::MoveLeft, "previous column"),
    b(EXP, Key::ch('l'), A::MoveRight, "next column"),
    b(EXP, Key::plain(K::Right), A::MoveRight, "next column"),
    b(HELP, Key::plain(K::Esc), A::Back, "close"),
    b(HELP, Key::ch('?'), A::Back, "close"),
    b(HELP, Key::ch('q'), A::Back, "close"),
    b(HELP, Key::ch('j'), A::MoveDown, "scroll down"),
    b(HELP, Key::plain(K::Down), A::MoveDown, "scroll down"),
    b(HELP, Key::ch('k'), A::MoveUp, "scroll up"),
    b(HELP, Key::plain(K::Up), A::MoveUp, "scroll up"),
    b(CONFIRM, Key::ch('y'), A::Confirm(true), "yes"),
    b(CONFIRM, Key::ch('n'), A::Confirm(false), "no"),
    b(CONFIRM, Key::plain(K::Esc), A::Confirm(false), "no"),
    b(FILTER, Key::ch('j'), A::MoveDown, "next filter"),
    b(FILTER, Key::plain(K::Down), A::MoveDown, "next filter"),
    b(FILTER, Key::ch('k'), A::MoveUp, "previous filter"),
    b(FILTER, Key::plain(K::Up), A::MoveUp, "previous filter"),
    b(FILTER, Key::ch('l'), A::FilterNext, "next value"),
    b(FILTER, Key::plain(K::Right), A::FilterNext, "next value"),
    b(FILTER, Key::ch(' '), A::FilterNext, "next value"),
    b(FILTER, Key::ch('h'), A::FilterPrev, "previous value"),
    b(FILTER, Key::plain(K::Left), A::FilterPrev, "previous value"),
    b(FILTER, Key::ch('c'), A::FilterClear, "clear this filter"),
    b(FILTER, Key::plain(K::Backspace), A::FilterClear, "clear this filter"),
    b(FILTER, Key::plain(K::Enter), A::Back, "done"),
    b(FILTER, Key::plain(K::Esc), A::Back, "done"),
    b(FILTER, Key::ch('f'), A::Back, "done"),
    b(DETAIL, Key::plain(K::Esc), A::Back, "close"),
    b(DETAIL, Key::plain(K::Enter), A::Back, "close"),
    b(DETAIL, Key::ch('q'), A::Back, "close"),
    b(DETAIL, Key::ch('j'), A::MoveDown, "scroll down"),
    b(DETAIL, Key::plain(K::Down), A::MoveDown, "scroll down"),
    b(DETAIL, Key::ch('k'), A::MoveUp, "scroll up"),
    b(DETAIL, Key::plain(K::Up), A::MoveUp, "scroll up"),
    b(Global, Key::ch('R'), A::ReloadFile, "reload the file (asks if a change is unsaved)"),
    b(Global, Key::ch('K'), A::KeepMine, "file changed on disk: keep mine, back up theirs"),
    b(KR, Key::ch('A'), A::AddObjective, "add an objective (a adds a key result)"),
    b(FORM, Key::plain(K::Enter), A::Submit, "save"),
    b(FORM, Key::ctrl('s'), A::Submit, "save"),
    b(FORM, Key::plain(K::Esc), A::Cancel, "cancel (asks when something changed)"),
    b(FORM, Key::plain(K::Tab), A::MoveDown, "next field"),
    b(FORM, Key::plain(K::Down), A::MoveDown, "next field"),
    b(FORM, Key::plain(K::BackTab), A::MoveUp, "previous field"),
    b(FORM, Key::plain(K::Up), A::MoveUp, "previous field"),
    b(FORM, Key::ctrl('e'), A::OpenEditor, "edit the text in $VISUAL / $EDITOR"),
    b(SEARCH, Key::plain(K::Enter), A::Submit, "jump to the hit"),
    b(SEARCH, Key::plain(K::Esc), A::Cancel, "close"),
    b(SEARCH, Key::plain(K::Down), A::MoveDown, "next hit"),
    b(SEARCH, Key::plain(K::Tab), A::MoveDown, "next hit"),
    b(SEARCH, Key::ctrl('n'), A::MoveDown, "next hit"),
    b(SEARCH, Key::plain(K::Up), A::MoveUp, "previous hit"),
    b(SEARCH, Key::plain(K::BackTab), A::MoveUp, "previous hit"),
    b(SEARCH, Key::ctrl('p'), A::MoveUp, "previous hit"),
    b(SEARCH, Key::plain(K::PageDown), A::PageDown, "page down"),
    b(SEARCH, Key::plain(K::PageUp), A::PageUp, "page up"),
    b(PALETTE, Key::plain(K::Enter), A::Submit, "run the command"),
    b(PALETTE, Key::plain(K::Esc), A::Cancel, "close"),
    b(PALETTE, Key::plain(K::Down), A::MoveDown, "next command"),
    b(PALETTE, Key::plain(K::Tab), A::MoveDown, "next command"),
    b(PALETTE, Key::ctrl('n'), A::MoveDown, "next command"),
    b(PALETTE, Key::plain(K::Up), A::MoveUp, "previous command"),
    b(PALETTE, Key::plain(K::BackTab), A::MoveUp, "previous command"),
    b(PALETTE, Key::ctrl('p'), A::MoveUp, "previous command"),
    b(PALETTE, Key::plain(K::PageDown), A::PageDown, "page down"),
    b(PALETTE, Key::plain(K::PageUp), A::PageUp, "page up"),
    b(ASK, Key::ch('y'), A::Answer(true), "yes"),
    b(ASK, Key::ch('n'), A::Answer(false), "no"),
    b(ASK, Key::plain(K::Esc), A::Answer(false), "no"),
    b(SPRINTS, Key::ch('h'), A::FocusPrev, "focus the previous pane (sprints, items, candidates)"),
    b(SPRINTS, Key::plain(K::Left), A::FocusPrev, "focus the previous pane (sprints, items, candidates)"),
    b(SPRINTS, Key::ch('l'), A::FocusNext, "focus the next pane (sprints, items, candidates)"),
    b(SPRINTS, Key::plain(K::Right), A::FocusNext, "focus the next pane (sprints, items, candidates)"),
    b(SPRINTS, Key::ch('>'), A::SprintIn, "move the selected candidate into the sprint"),
    b(SPRINTS, Key::ch('<'), A::SprintOut, "move the selected item out of the sprint"),
    b(SPRINTS, Key::ch(' '), A::SprintToggle, "move the focused item in or out"),
    b(SPRINTS, Key::ch('p'), A::AutoPlan, "auto-plan: best total score within capacity"),
    b(SPRINTS, Key::ch('t'), A::TopThree, "add the top three candidates"),
    b(SPRINTS, Key::ch('S'), A::StartSprint, "start the sprint (records the commitment)"),
    b(SPRINTS, Key::ch('C'), A::CloseSprint, "close the sprint: tick what is done"),
    b(SPRINTS, Key::ch('X'), A::CancelSprint, "cancel the sprint: items back to the backlog (asks y/n)"),
    b(SPRINTS, Key::ch('E'), A::ExportSprint, "export the sprint (md, csv, json) or the HTML report"),
    b(SPRINTS, Key::ch('n'), A::RenameSprint, "rename the sprint"),
    b(SPRINTS, Key::ch('c'), A::ToggleCharts, "charts: burn-up and velocity in place of the items, or back"),
    b(DEBT, Key::ch('I'), A::ImportDebt, "sync debt from CSV, taskwarrior, GitHub or Jira"),
    b(DEBT, Key::ch('t'), A::Triage, "triage the unestimated items, one at a time"),
    b(OVERVIEW, Key::ch('t'), A::Triage, "triage the unestimated items, one at a time"),
    b(DEBT, Key::ch('C'), A::ScanCode, "debt from the code: TODO markers, hotspots (scan)"),
    b(EXP, Key::ch('s'), A::StartExperiment, "start: asks the review-by date"),
    b(EXP, Key::ch('v'), A::ValidateExperiment, "validate: asks the evidence"),
    b(EXP, Key::ch('x'), A::AbandonExperiment, "abandon: asks the evidence"),
    b(EXP, Key::ch('o'), A::ReopenExperiment, "reopen a decided one (asks y/n, keeps its history)"),
    b(EXP, Key::ch('L'), A::LearningLog, "export the learning log (Markdown)"),
    b(KR, Key::ch('c'), A::CheckIn, "check in a value (asks value and date)"),
    b(KR, Key::ch('X'), A::RemoveCheckIn, "remove the latest check-in (asks y/n; u undoes)"),
    b(PROMPT, Key::plain(K::Enter), A::Submit, "accept"),
    b(PROMPT, Key::plain(K::Esc), A::Back, "cancel"),
    b(CHECKLIST, Key::ch(' '), A::ToggleDone, "done / not done"),
    b(CHECKLIST, Key::ch('x'), A::ToggleDone, "done / not done"),
    b(CHECKLIST, Key::ch('j'), A::MoveDown, "next item"),
    b(CHECKLIST, Key::plain(K::Down), A::MoveDown, "next item"),
    b(CHECKLIST, Key::ch('k'), A::MoveUp, "previous item"),
    b(CHECKLIST, Key::plain(K::Up), A::MoveUp, "previous item"),
    b(CHECKLIST, Key::plain(K::Enter), A::Submit, "close the sprint"),
    b(CHECKLIST, Key::plain(K::Esc), A::Back, "cancel"),
    b(REVIEW, Key::plain(K::Enter), A::Submit, "import the valid rows"),
    b(REVIEW, Key::plain(K::Esc), A::Cancel, "back to the path"),
    b(REVIEW, Key::ch('j'), A::MoveDown, "next"),
    b(REVIEW, Key::plain(K::Down), A::MoveDown, "next"),
    b(REVIEW, Key::ch('k'), A::MoveUp, "previous"),
    b(REVIEW, Key::plain(K::Up), A::MoveUp, "previous"),
    b(REVIEW, Key::plain(K::PageDown), A::PageDown, "page down"),
    b(REVIEW, Key::plain(K::PageUp), A::PageUp, "page up"),
    b(SCAN, Key::ch(' '), A::ToggleDone, "choose / unchoose"),
    b(SCAN, Key::ch('j'), A::MoveDown, "next"),
    b(SCAN, Key::plain(K::Down), A::MoveDown, "next"),
    b(SCAN, Key::ch('k'), A::MoveUp, "previous"),
    b(SCAN, Key::plain(K::Up), A::MoveUp, "previous"),
    b(SCAN, Key::plain(K::PageDown), A::PageDown, "page down"),
    b(SCAN, Key::plain(K::PageUp), A::PageUp, "page up"),
    b(SCAN, Key::plain(K::Enter), A::Submit, "add the chosen ones as debt"),
    b(SCAN, Key::plain(K::Esc), A::Back, "close"),
    b(SYNC, Key::plain(K::Enter), A::Submit, "apply the import"),
    b(SYNC, Key::plain(K::Esc), A::Cancel, "cancel: nothing imported"),
    b(SYNC, Key::ch('d'), A::OnlyDebt, "only debt / everything"),
    b(SYNC, Key::ch('j'), A::MoveDown, "scroll down"),
    b(SYNC, Key::plain(K::Down), A::MoveDown, "scroll down"),
    b(SYNC, Key::ch('k'), A::MoveUp, "scroll up"),
    b(SYNC, Key::plain(K::Up), A::MoveUp, "scroll up"),
    b(QUIT, Key::ch('K'), A::KeepMine, "keep mine & quit"),
    b(QUIT, Key::ch('w'), A::WriteRecovery, "write a recovery copy & quit"),
    b(QUIT, Key::plain(K::Esc), A::Back, "stay"),
    b(QUIT, Key::ch('n'), A::Back, "stay"),
    b(CONFLICTS, Key::ch('j'), A::MoveDown, "next"),
    b(CONFLICTS, Key::plain(K::Down), A::MoveDown, "next"),
    b(CONFLICTS, Key::ch('k'), A::MoveUp, "previous"),
    b(CONFLICTS, Key::plain(K::Up), A::MoveUp, "previous"),
    b(CONFLICTS, Key::ch('m'), A::PickSide(Pick::Mine), "mine"),
    b(CONFLICTS, Key::ch('t'), A::PickSide(Pick::Theirs), "theirs"),
    b(CONFLICTS, Key::ch('b'), A::PickSide(Pick::Base), "base"),
    b(CONFLICTS, Key::plain(K::Enter), A::Submit, "apply"),
    b(CONFLICTS, Key::plain(K::Esc), A::Cancel, "leave"),
    b(TRIAGE, Key::plain(K::Enter), A::Submit, "save, next item"),
    b(TRIAGE, Key::plain(K::Tab), A::Submit, "save, next item"),
    b(TRIAGE, Key::plain(K::Esc), A::Cancel, "leave"),
    b(TRIAGE, Key::plain(K::Right), A::MoveDown, "next field, complete"),
    b(TRIAGE, Key::plain(K::Left), A::MoveUp, "previous field"),
];

/// The action a key does in this mode and view, if any.
pub fn lookup(mode: ModeKind, view: View, ev: KeyEvent) -> Option<Action> {
    if ev.kind == KeyEventKind::Release {
        return None;
    }
    let key = Key::from_event(ev);
    let find = |scope: Scope| {
        BINDINGS
            .iter()
            .find(|b| b.scope == scope && b.key == key)
            .map(|b| b.action)
    };
    find(Scope::Always).or_else(|| match mode {
        ModeKind::Normal => find(Scope::View(view)).or_else(|| find(Scope::Global)),
        other => find(Scope::Mode(other)),
    })
}

/// Bindings grouped by (scope, action, help) in table order: one line per
/// thing to do, with every key that does it.
pub fn grouped(scopes: &[Scope]) -> Vec<(Scope, Vec<String>, &'static str)> {
    let mut out: Vec<(Scope, Action, Vec<String>, &'static str)> = Vec::new();
    for scope in scopes {
        for b in BINDINGS.iter().filter(|b| b.scope == *scope) {
            match out
                .iter_mut()
                .find(|(s, a, _, h)| *s == b.scope && *a == b.action && *h == b.help)
            {
                Some(entry) => entry.2.push(b.key.label()),
                None => out.push((b.scope, b.action, vec![b.key.label()], b.help)),
            }
        }
    }
    out.into_iter().map(|(s, _, k, h)| (s, k, h)).collect()
}

/// The lines of the `?` overlay: this view's keys, then the global ones.
pub fn help_for(view: View) -> Vec<(Scope, Vec<String>, &'static str)> {
    grouped(&[Scope::View(view), Scope::Global, Scope::Always])
}

/// A mode's keys as a one-line hint, the first key of each: "y yes · n no".
pub fn hints(mode: ModeKind) -> Vec<String> {
    grouped(&[Scope::Mode(mode)])
        .into_iter()
        .map(|(_, keys, help)| format!("{} {help}", keys[0]))
        .collect()
}

mod palette;
pub use palette::{Command, PaletteEntry, commands, palette};

mod table;
pub use table::markdown_table;

#[cfg(test)]
mod tests;
