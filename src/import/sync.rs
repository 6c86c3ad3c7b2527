//! Re-import as a sync, the same for every source: the parsers hand over
//! plain debt items with `source = KIND:KEY`, and [`sync`] decides what they
//! mean for the plan.
//!
//! - An item whose source is not in the plan is added; its upstream values
//!   are recorded ([`Imported`]).
//! - An item whose source is in the plan is merged field by field with
//!   [`merge::merge`](crate::merge::merge): base = the values last imported,
//!   ours = the item as it is here, theirs = the incoming values. A field
//!   changed only upstream is updated, one changed only here is kept, one
//!   changed both ways differently is a [`SyncConflict`] (Bearing's value is
//!   kept and upstream's reported). A status closed upstream is a status
//!   change dated when the source says it closed (else today). The record
//!   then holds the incoming values.
//! - Items imported earlier (same source kind; for spreadsheets, the same
//!   sheet: `csv:NAME:ID`) but not in this input are
//!   left alone and counted: an export may be filtered, so absence is not
//!   deletion.
//! - Items with no source (made here) are never touched.
//!
//! An item imported before values were recorded merges with the incoming
//! values as its base, but open: a status closed upstream closes it, and no
//! other field of it is overwritten (nothing says which side changed it).
//!
//! Every added item gets its id here, derived from its source (or its place
//! in the input), so a dry run shows the ids the real import gives.
//!
//! Pure: a plan and items in, a [`SyncPlan`] out; [`SyncPlan::change`] is
//! the one change (one undo step) that applies it.

use std::collections::{BTreeSet, HashMap, HashSet};

use chrono::NaiveDate;
use serde_json::{Map, Value};

use crate::model::{Change, Debt, DebtStatus, Imported, Item, Plan};

/// What importing some items would do to a plan.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SyncPlan {
    /// New items, with their imported record.
    pub added: Vec<Debt>,
    /// Items where a field other than a closing status changed upstream.
    pub updated: Vec<Updated>,
    /// Items closed upstream (and now closed here); other fields of them
    /// that changed are listed too.
    pub closed: Vec<Updated>,
    /// Matched items with nothing to update.
    pub unchanged: usize,
    /// Fields changed here and upstream differently: Bearing's value kept.
    pub conflicts: Vec<SyncConflict>,
    /// Ids of items imported earlier from the same kind of source that this
    /// input does not hold: kept as they are.
    pub missing: Vec<String>,
    /// Incoming items whose source came earlier in the same input: only the
    /// first is used.
    pub repeated: usize,
    /// Every item the change puts: the added ones and each matched one whose
    /// fields or record changed.
    puts: Vec<Debt>,
}

/// One item's fields that the sync changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Updated {
    pub id: String,
    pub title: String,
    pub fields: Vec<FieldChange>,
}

/// A field's value before and after, as JSON text (`"a title"`, `3`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    pub field: String,
    pub from: String,
    pub to: String,
}

/// A field both sides changed differently; `ours` was kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncConflict {
    pub id: String,
    pub title: String,
    /// The field, or `None` for the whole item.
    pub field: Option<String>,
    /// Values as JSON text; `None` where absent.
    pub ours: Option<String>,
    pub theirs: Option<String>,
}

/// The kind part of a `KIND:KEY` source.
pub fn kind_of(source: &str) -> &str {
    source.split_once(':').map_or(source, |(k, _)| k)
}

/// What importing `incoming` into `plan` on `today` does; see the module
/// documentation.
pub fn sync(plan: &Plan, incoming: Vec<Debt>, today: NaiveDate) -> SyncPlan {
    sync_given(plan, incoming, today, None)
}

/// [`sync`] of an input that gives only the fields in `given` (a
/// spreadsheet's columns; `None`: every field a source can give). A field it
/// does not give keeps what was last imported, so importing a sheet with
/// fewer columns never clears or reopens anything.
pub fn sync_given(
    plan: &Plan,
    incoming: Vec<Debt>,
    today: NaiveDate,
    given: Option<&[&str]>,
) -> SyncPlan {
    let mut by_source: HashMap<&str, usize> = HashMap::new();
    for (i, d) in plan.debts.iter().enumerate() {
        if let Some(s) = d.source.as_deref() {
            by_source.entry(s).or_insert(i);
        }
    }
    let legacy = legacy_csv(plan);
    let mut ids = super::Ids::new(plan);
    let mut out = SyncPlan::default();
    let mut seen: HashSet<String> = HashSet::new();
    let mut scopes: BTreeSet<String> = BTreeSet::new();
    let mut matched: Vec<(usize, Debt)> = Vec::new();
    let mut own: Vec<(usize, Debt)> = Vec::new();
    // The plan's items by id, made when a source-less item first asks.
    let mut by_id: Option<HashMap<String, usize>> = None;
    for (n, mut d) in incoming.into_iter().enumerate() {
        // Every source's text the same way: a description's line ends as
        // `\n` (GitHub bodies, Windows sheets and exports write `\r\n`).
        d.description = line_ends(&d.description);
        let Some(source) = d.source.clone() else {
            // A parser gives new items ids the plan does not have: one
            // with a plan's id is that item, in Bearing's own export.
            let by_id = by_id.get_or_insert_with(|| {
                plan.debts
                    .iter()
                    .enumerate()
                    .map(|(i, p)| (p.id.clone(), i))
                    .collect::<HashMap<String, usize>>()
            });
            if let Some(&i) = by_id.get(&d.id) {
                if seen.insert(d.id.clone()) {
                    own.push((i, d));
                } else {
                    out.repeated += 1;
                }
                continue;
            }
            // Nothing to match it by: always new, its id from its place
            // and text in the input.
            d.id = ids.keyed(&format!("{n}\n{}\n{}", d.title, d.description));
            out.added.push(d);
            continue;
        };
        scopes.insert(scope_of(&source).to_owned());
        if !seen.insert(source.clone()) {
            out.repeated += 1;
            continue;
        }
        let found = by_source
            .get(source.as_str())
            .or_else(|| legacy.get(legacy_key(&source)?));
        match found {
            Some(&i) => matched.push((i, d)),
            None => {
                d.id = ids.keyed(&source);
                d.imported = Some(Imported::of(&d, today));
                out.added.push(d);
            }
        }
    }
    if !legacy.is_empty() && scopes.iter().any(|s| s.starts_with("csv:")) {
        // Bare keys being taken over by a named sheet belong to it.
        scopes.insert("csv".to_owned());
    }
    let matched_ids: HashSet<usize> = matched.iter().map(|(i, _)| *i).collect();
    out.missing = plan
        .debts
        .iter()
        .enumerate()
        .filter(|(i, d)| {
            !matched_ids.contains(i)
                && d.source
                    .as_deref()
                    .is_some_and(|s| scopes.contains(scope_of(s)) && !seen.contains(s))
        })
        .map(|(_, d)| d.id.clone())
        .collect();
    merge_matched(plan, &matched, today, given, &mut out);
    own::update(plan, &own, today, given, &mut out);
    out.puts.extend(out.added.iter().cloned());
    out
}

mod own;

/// `text` with every `\r\n` and lone `\r` line end as `\n`.
fn line_ends(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// What an input's items are compared within to find the ones it lacks: a
/// named spreadsheet (`csv:NAME`; a bare `csv:ID` from before sheets were
/// named is in `csv`), else the source's kind.
fn scope_of(source: &str) -> &str {
    match source.strip_prefix("csv:") {
        Some(rest) => match rest.find(':') {
            Some(at) => &source[..4 + at],
            None => "csv",
        },
        None => kind_of(source),
    }
}

/// Items imported from a spreadsheet before sheets were named (bare
/// `csv:ID`), by ID — only while the plan holds no named spreadsheet source:
/// then those items can only have come from one sheet, and the first import
/// of it under a name (`csv:NAME:ID`) takes them over (their source becomes
/// the named one). Once named sources exist, a bare key is ambiguous and
/// matches nothing.
fn legacy_csv(plan: &Plan) -> HashMap<&str, usize> {
    let csv_keys = || {
        plan.debts
            .iter()
            .enumerate()
            .filter_map(|(i, d)| Some((i, d.source.as_deref()?.strip_prefix("csv:")?)))
    };
    if csv_keys().any(|(_, key)| key.contains(':')) {
        return HashMap::new();
    }
    let mut out = HashMap::new();
    for (i, key) in csv_keys() {
        out.entry(key).or_insert(i);
    }
    out
}

/// The ID of a named spreadsheet source (`csv:NAME:ID` → `ID`).
fn legacy_key(source: &str) -> Option<&str> {
    source
        .strip_prefix("csv:")?
        .split_once(':')
        .map(|(_, id)| id)
}

/// The three-way merge of every matched item at once (one merge of three
/// plans that differ only in those items' synced fields).
fn merge_matched(
    plan: &Plan,
    matched: &[(usize, Debt)],
    today: NaiveDate,
    given: Option<&[&str]>,
    out: &mut SyncPlan,
) {
    if matched.is_empty() {
        return;
    }
    let (mut base, mut theirs) = (plan.clone(), plan.clone());
    let mut records = Vec::with_capacity(matched.len());
    for (i, inc) in matched {
        let ours = &plan.debts[*i];
        let record = ours.imported.clone().unwrap_or_else(|| Imported {
            // Imported before records were kept: as the input says, but
            // open (every such import was of open items).
            status: DebtStatus::Open,
            ..Imported::of(inc, today)
        });
        let mut upstream = Imported::of(inc, today);
        if let Some(given) = given {
            upstream.keep_absent(&record, given);
        }
        base.debts[*i] = record.applied_to(ours);
        theirs.debts[*i] = upstream.applied_to(ours);
        records.push(upstream);
    }
    let merged = crate::merge::merge(&base, plan, &theirs);
    let by_id: HashMap<&str, &Debt> = merged
        .plan
        .debts
        .iter()
        .map(|d| (d.id.as_str(), d))
        .collect();
    let title_of = |id: &str| {
        plan.debts
            .iter()
            .find(|d| d.id == id)
            .map_or_else(String::new, |d| d.title.clone())
    };
    out.conflicts = merged
        .conflicts
        .iter()
        .map(|c| SyncConflict {
            id: c.id.clone(),
            title: title_of(&c.id),
            field: c.field.clone(),
            ours: c.ours.clone(),
            theirs: c.theirs.clone(),
        })
        .collect();
    for ((i, inc), upstream) in matched.iter().zip(records) {
        let ours = &plan.debts[*i];
        let m = by_id.get(ours.id.as_str()).copied().unwrap_or(ours);
        let mut new = m.clone();
        // The status change goes on ours' log, dated when upstream says it
        // changed (a close date), else today.
        (new.status, new.changes) = (ours.status, ours.changes.clone());
        new.set_status(m.status, changed_on(inc, m.status).unwrap_or(today));
        // A legacy `csv:ID` taken over by a named sheet keeps the new key.
        new.source.clone_from(&inc.source);
        new.imported = match &ours.imported {
            Some(r) if r.same_values(&upstream) => Some(r.clone()),
            _ => Some(upstream),
        };
        record(out, ours, new);
    }
}

/// Counts an item the sync touched as closed, updated or unchanged, and
/// keeps its new version when it differs from ours.
fn record(out: &mut SyncPlan, ours: &Debt, new: Debt) {
    let fields = changed_fields(ours, &new);
    let closed = ours.status.is_open() && !new.status.is_open();
    let u = Updated {
        id: new.id.clone(),
        title: new.title.clone(),
        fields,
    };
    if new != *ours {
        out.puts.push(new);
    }
    if closed {
        out.closed.push(u);
    } else if !u.fields.is_empty() {
        out.updated.push(u);
    } else {
        out.unchanged += 1;
    }
}

/// The day the incoming item says it took `status`: the last change to it
/// on its log (a parser dates a close by the source's close date).
fn changed_on(inc: &Debt, status: DebtStatus) -> Option<NaiveDate> {
    (inc.status == status)
        .then(|| inc.changes.iter().rev().find(|c| c.status == status))
        .flatten()
        .map(|c| c.date)
}

/// The order changed fields are listed in (the item's).
const ORDER: [&str; 12] = [
    "title",
    "description",
    "area",
    "owner",
    "tags",
    "customer",
    "delivery",
    "risk",
    "urgency",
    "effort",
    "due",
    "status",
];

/// The synced fields that differ between `a` and `b`, in field order.
fn changed_fields(a: &Debt, b: &Debt) -> Vec<FieldChange> {
    let object = |d: &Debt| match serde_json::to_value(Imported::of(d, NaiveDate::MIN)) {
        Ok(Value::Object(m)) => m,
        _ => Map::new(),
    };
    let (a, b) = (object(a), object(b));
    // A field serde leaves out when empty, shown as the empty value of the
    // other side's type; an optional one (effort, due) as `none`.
    let text = |v: Option<&Value>, other: Option<&Value>| match (v, other) {
        (Some(v), _) => v.to_string(),
        (None, Some(Value::Array(_))) => "[]".to_owned(),
        (None, Some(Value::Number(_))) => "none".to_owned(),
        (None, Some(Value::String(s))) if NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok() => {
            "none".to_owned()
        }
        (None, _) => "\"\"".to_owned(),
    };
    let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
    // Shown in the item's own order; a field not listed comes last.
    let rank = |k: &str| ORDER.iter().position(|o| *o == k).unwrap_or(ORDER.len());
    keys.sort_by_key(|k| (rank(k), *k));
    keys.dedup();
    keys.into_iter()
        .filter(|k| a.get(*k) != b.get(*k))
        .map(|k| FieldChange {
            field: k.clone(),
            from: text(a.get(k), b.get(k)),
            to: text(b.get(k), a.get(k)),
        })
        .collect()
}

impl SyncPlan {
    /// Whether applying it changes the plan.
    pub fn is_empty(&self) -> bool {
        self.puts.is_empty()
    }

    /// The one change (one undo step) that applies it.
    pub fn change(&self) -> Change {
        let label = format!(
            "import: {} added, {} updated, {} closed",
            self.added.len(),
            self.updated.len(),
            self.closed.len()
        );
        self.puts
            .iter()
            .fold(Change::new(label), |c, d| c.put(Item::Debt(d.clone())))
    }
}
