//! Building a [`SearchIndex`](super::SearchIndex): every searchable field of
//! every entity, case-folded once into one flat buffer. A keystroke then
//! walks memory in order instead of chasing a few hundred thousand small
//! strings scattered over the heap, which is what a pass over 100k items
//! spent most of its time on.

use super::matching::text_mask;
use super::{Entry, Field, FieldName};
use crate::model::{Kind, Plan};

/// Title and id matches count this many times a match in other text, so an
/// item named after the query ranks above one that mentions it.
const TITLE_WEIGHT: u8 = 2;

/// The flat buffers an index is made of.
#[derive(Default)]
pub(super) struct Parts {
    /// Every field's folded text, back to back; fields point into it.
    pub folded: String,
    /// Ids and titles as written, for the hits.
    pub originals: String,
    pub fields: Vec<Field>,
    pub entries: Vec<Entry>,
}

/// Lower case, one char at a time: unlike `str::to_lowercase` (final sigma)
/// the fold of a prefix is then always a prefix of the fold, which the
/// narrowing relies on.
pub(super) fn fold_into(buf: &mut String, s: &str) {
    if s.is_ascii() {
        let at = buf.len();
        buf.push_str(s);
        buf[at..].make_ascii_lowercase();
    } else {
        buf.extend(s.chars().flat_map(char::to_lowercase));
    }
}

/// Offsets are `u32` to keep the per-field record small; a plan with more
/// than 4 GiB of text is indexed up to that point.
fn offset(len: usize) -> Option<u32> {
    u32::try_from(len).ok()
}

impl Parts {
    pub fn of(plan: &Plan) -> Parts {
        let mut p = Parts::default();
        for o in &plan.objectives {
            p.entry(Kind::Objective, &o.id, &o.title, |e| {
                e.field(FieldName::Description, &[&o.description]);
            });
        }
        for kr in &plan.key_results {
            p.entry(Kind::KeyResult, &kr.id, &kr.title, |e| {
                e.field(FieldName::Owner, &[&kr.owner]);
                e.field(FieldName::Unit, &[&kr.unit]);
                e.field(FieldName::Objective, &[&kr.objective]);
            });
        }
        for h in &plan.hypotheses {
            p.entry(Kind::Hypothesis, &h.id, &h.title, |e| {
                e.field(FieldName::Belief, &[&h.belief]);
                e.field(FieldName::Signal, &[&h.signal]);
                e.field(FieldName::Evidence, &[&h.evidence]);
                e.field(FieldName::Owner, &[&h.owner]);
            });
        }
        let mut tags: Vec<&str> = Vec::new();
        for d in &plan.debts {
            tags.clear();
            tags.extend(d.tags.iter().map(String::as_str));
            p.entry(Kind::Debt, &d.id, &d.title, |e| {
                e.field(FieldName::Description, &[&d.description]);
                e.field(FieldName::Owner, &[&d.owner]);
                e.field(FieldName::Area, &[&d.area]);
                e.field(FieldName::Tags, &tags);
            });
        }
        for s in &plan.sprints {
            p.entry(Kind::Sprint, &s.id, &s.name, |e| {
                e.field(FieldName::Goal, &[&s.goal]);
            });
        }
        // Ties rank by id; with the entries in id order that is their
        // position, a plain integer compare on the hot path. Plans list
        // each kind by id and the kinds' prefixes sort D, H, KR, O, S, so
        // this is usually a check that finds nothing to do.
        let originals = &p.originals;
        let id = |e: &Entry| &originals[e.id.0 as usize..e.id.1 as usize];
        if !p.entries.is_sorted_by(|a, b| id(a) <= id(b)) {
            p.entries.sort_by(|a, b| id(a).cmp(id(b)));
        }
        p
    }

    fn entry(&mut self, kind: Kind, id: &str, title: &str, rest: impl FnOnce(&mut Self)) {
        let fields_start = self.fields.len() as u32;
        let (Some(id_at), Some(title_at), Some(end)) = (
            offset(self.originals.len()),
            offset(self.originals.len() + id.len()),
            offset(self.originals.len() + id.len() + title.len()),
        ) else {
            return;
        };
        self.originals.push_str(id);
        self.originals.push_str(title);
        self.field_weighted(FieldName::Title, &[title], TITLE_WEIGHT);
        self.field_weighted(FieldName::Id, &[id], TITLE_WEIGHT);
        rest(self);
        let mask = self.fields[fields_start as usize..]
            .iter()
            .fold(0, |m, f| m | f.mask);
        self.entries.push(Entry {
            kind,
            mask,
            fields: (fields_start, self.fields.len() as u32),
            id: (id_at, title_at),
            title: (title_at, end),
        });
    }

    fn field(&mut self, name: FieldName, parts: &[&str]) {
        self.field_weighted(name, parts, 1);
    }

    /// A field made of `parts` joined by spaces (tags), skipped when blank.
    fn field_weighted(&mut self, name: FieldName, parts: &[&str], weight: u8) {
        if parts.iter().all(|p| p.trim().is_empty()) {
            return;
        }
        let start = self.folded.len();
        for (i, part) in parts.iter().enumerate() {
            if i > 0 {
                self.folded.push(' ');
            }
            fold_into(&mut self.folded, part);
        }
        match (offset(start), offset(self.folded.len())) {
            (Some(start), Some(end)) => self.fields.push(Field {
                start,
                end,
                mask: text_mask(&self.folded[start as usize..]),
                name,
                weight,
            }),
            _ => self.folded.truncate(start),
        }
    }
}
