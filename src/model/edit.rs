//! One rule per edit that touches more than one item, used by the CLI and
//! the UI alike: each returns a [`Change`] (one undo step) and says what it
//! does beyond the item itself, so both front ends can ask or refuse the
//! same way.

use std::fmt;

use super::{Change, Item, Kind, Plan};
use crate::text::count;

/// Why an edit cannot be made at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditError {
    NotAnId(String),
    NoSuchItem(String),
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EditError::NotAnId(id) => write!(f, "{id}: not an id"),
            EditError::NoSuchItem(id) => write!(f, "no item with id {id}"),
        }
    }
}

impl std::error::Error for EditError {}

/// A delete and everything it takes along.
#[derive(Debug, Clone, PartialEq)]
pub struct Deletion {
    pub id: String,
    pub kind: Kind,
    /// Removes the item, the items it owns and every link to any of them.
    pub change: Change,
    /// Items removed with it: an objective's key results.
    pub removed: Vec<String>,
    /// Items that keep living without a link to what goes, in plan order.
    pub unlinked: Vec<String>,
    /// What points at the item itself: (referring id, field), as
    /// [`Plan::references_to`] names it; the CLI's refusal lists these.
    pub links: Vec<(String, &'static str)>,
}

impl Deletion {
    /// Whether it reaches past the item: the CLI wants `--force` for that,
    /// the UI says it in its question.
    pub fn reaches_further(&self) -> bool {
        !self.removed.is_empty() || !self.unlinked.is_empty()
    }

    /// "its 2 key results (KR-1, KR-2) go too; it is unlinked from 3 other
    /// items", or "" when only the item goes.
    pub fn effects(&self) -> String {
        let mut parts = Vec::new();
        if !self.removed.is_empty() {
            parts.push(format!(
                "its {} ({}) {} too",
                count(self.removed.len(), "key result"),
                self.removed.join(", "),
                if self.removed.len() == 1 {
                    "goes"
                } else {
                    "go"
                }
            ));
        }
        if !self.unlinked.is_empty() {
            parts.push(format!(
                "it is unlinked from {}",
                count(self.unlinked.len(), "other item")
            ));
        }
        parts.join("; ")
    }
}

/// The links [`delete`] drops, dropped from `plan` for an item that is
/// already gone (a merge conflict settled by keeping the side that deleted
/// it): hypotheses' and debts' key results, every sprint list. Returns the
/// items unlinked, in plan order. A key result's objective is not a link
/// that can go: [`Plan::references_to`] still names such a key result.
pub fn unlink(plan: &mut Plan, id: &str) -> Vec<String> {
    let mut unlinked = Vec::new();
    let mut drop = |holder: &str, v: &mut Vec<String>| {
        if v.iter().any(|x| x == id) {
            v.retain(|x| x != id);
            if !unlinked.iter().any(|u| u == holder) {
                unlinked.push(holder.to_owned());
            }
        }
    };
    for h in &mut plan.hypotheses {
        drop(&h.id, &mut h.key_results);
    }
    for d in &mut plan.debts {
        drop(&d.id, &mut d.key_results);
    }
    for s in &mut plan.sprints {
        drop(&s.id, &mut s.items);
        drop(&s.id, &mut s.completed);
        drop(&s.id, &mut s.carried);
        if let Some(c) = &mut s.commitment {
            drop(&s.id, &mut c.items);
        }
    }
    unlinked
}

/// Deleting an item also removes what it owns and every link to either, so
/// the plan stays valid: an objective takes its key results along; a key
/// result leaves the debt and hypotheses linked to it; a debt item leaves
/// every sprint list that names it (items, the start commitment, completed
/// and carried — a closed sprint's points stay as they were recorded).
pub fn delete(plan: &Plan, id: &str) -> Result<Deletion, EditError> {
    let kind = Kind::of_id(id).ok_or_else(|| EditError::NotAnId(id.to_owned()))?;
    if !plan.contains_id(id) {
        return Err(EditError::NoSuchItem(id.to_owned()));
    }
    let mut gone = vec![id.to_owned()];
    let mut removed = Vec::new();
    if kind == Kind::Objective {
        for kr in plan.key_results.iter().filter(|k| k.objective == id) {
            removed.push(kr.id.clone());
            gone.push(kr.id.clone());
        }
    }
    let mut change = Change::new(format!("delete {id}"));
    for r in &removed {
        change = change.remove(Kind::KeyResult, r.clone());
    }
    change = change.remove(kind, id);
    let mut unlinked = Vec::new();
    let links_gone = |v: &Vec<String>| v.iter().any(|x| gone.contains(x));
    let drop = |v: &mut Vec<String>| v.retain(|x| !gone.contains(x));
    for h in plan
        .hypotheses
        .iter()
        .filter(|h| links_gone(&h.key_results))
    {
        let mut h = h.clone();
        drop(&mut h.key_results);
        unlinked.push(h.id.clone());
        change = change.put(Item::Hypothesis(h));
    }
    for d in plan.debts.iter().filter(|d| links_gone(&d.key_results)) {
        let mut d = d.clone();
        drop(&mut d.key_results);
        unlinked.push(d.id.clone());
        change = change.put(Item::Debt(d));
    }
    for s in &plan.sprints {
        let commitment = s.commitment.as_ref().map(|c| &c.items);
        if ![&s.items, &s.completed, &s.carried]
            .into_iter()
            .chain(commitment)
            .any(links_gone)
        {
            continue;
        }
        let mut s = s.clone();
        drop(&mut s.items);
        drop(&mut s.completed);
        drop(&mut s.carried);
        if let Some(c) = &mut s.commitment {
            drop(&mut c.items);
        }
        unlinked.push(s.id.clone());
        change = change.put(Item::Sprint(s));
    }
    Ok(Deletion {
        id: id.to_owned(),
        kind,
        change,
        removed,
        unlinked,
        links: plan.references_to(id),
    })
}

#[cfg(test)]
mod tests;
