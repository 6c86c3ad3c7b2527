//! Candidates from what was read, ranked; which to show and add; the debt
//! item a candidate becomes.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use super::files::FileText;
use super::hotspots::History;
use super::{Candidate, CandidateKind, area, hotspot_fingerprint, marker_fingerprint};
use crate::model::{Debt, Plan};

/// How many hotspots are shown without `--top`.
pub const DEFAULT_TOP: usize = 10;

/// Every candidate of a repository, ranked: hotspots by score (changes ×
/// lines, highest first), then markers grouped per file — the files in
/// order of their own score, then path — and by line within a file. Only
/// files the scan read (not binary, generated or vendored) are candidates.
pub fn candidates(
    files: &[FileText],
    histories: &HashMap<String, History>,
    areas: &[(String, String)],
) -> Vec<Candidate> {
    let empty = History::default();
    let people = super::people::People::new(histories, files);
    let mut hot = Vec::new();
    let mut marked: Vec<(u64, &str, Vec<Candidate>)> = Vec::new();
    for f in files {
        let h = histories.get(&f.path).unwrap_or(&empty);
        let area = area(&f.path, areas);
        let owner = h.main_author().map(str::to_owned);
        let file_owner = owner.clone();
        let base = Candidate {
            fingerprint: String::new(),
            kind: CandidateKind::Hotspot,
            path: f.path.clone(),
            line: None,
            text: String::new(),
            title: String::new(),
            area,
            owner,
            file_owner,
            changes: h.changes,
            lines: f.lines,
        };
        if h.changes > 0 && f.lines > 0 {
            hot.push(Candidate {
                fingerprint: hotspot_fingerprint(&f.path),
                text: format!(
                    "{} × {}",
                    crate::text::count(h.changes as usize, "commit"),
                    crate::text::count(f.lines, "line")
                ),
                title: format!("Hotspot: {}", f.path),
                ..base.clone()
            });
        }
        if f.markers.is_empty() {
            continue;
        }
        let mut seen: HashMap<(&str, &str), usize> = HashMap::new();
        let mut list = Vec::new();
        for m in &f.markers {
            let nth = seen.entry((&m.marker, &m.text)).or_default();
            let fingerprint = marker_fingerprint(&f.path, &m.marker, &m.text, *nth);
            *nth += 1;
            let who = m
                .author
                .as_ref()
                .map(|a| format!("({a})"))
                .unwrap_or_default();
            let text = match m.text.as_str() {
                "" => format!("{}{who}", m.marker),
                t => format!("{}{who}: {t}", m.marker),
            };
            let name = f.path.rsplit('/').next().unwrap_or(&f.path);
            let title = match m.text.as_str() {
                "" => format!("{} in {}", m.marker, f.path),
                t => format!("{}: {} ({name})", m.marker, cut(t, 90)),
            };
            list.push(Candidate {
                fingerprint,
                kind: CandidateKind::Marker,
                line: Some(m.line),
                text,
                title,
                owner: m
                    .author
                    .as_deref()
                    .map(|a| people.owner(a))
                    .or_else(|| base.owner.clone()),
                ..base.clone()
            });
        }
        marked.push((base.score(), &f.path, list));
    }
    hot.sort_by(|a, b| b.score().cmp(&a.score()).then_with(|| a.path.cmp(&b.path)));
    marked.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    hot.into_iter()
        .chain(marked.into_iter().flat_map(|(_, _, l)| l))
        .collect()
}

/// `s` cut to at most `n` characters, with `…` when cut.
fn cut(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        return s.to_owned();
    }
    let mut t: String = s.chars().take(n - 1).collect();
    t.push('…');
    t
}

/// A hotspot is proposed only when it changed at least this often in the
/// window: a file written once is not "changed often", whatever its size.
pub const MIN_HOTSPOT_CHANGES: u32 = 2;

/// ... and when its score (changes × lines) is at least this share of the
/// best hotspot's (1/10): a 2-commit × 3-line file is noise next to a
/// 40-commit × 2,000-line one.
pub const MIN_HOTSPOT_SHARE: u64 = 10;

/// The hotspots worth proposing, of `all` (ranked, best first): at least
/// `min_changes` commits and a tenth of the best score.
fn proposed_hotspots(all: &[Candidate], min_changes: u32) -> impl Iterator<Item = &Candidate> {
    let hot = all
        .iter()
        .filter(move |c| c.kind == CandidateKind::Hotspot && c.changes >= min_changes.max(1));
    let best = hot.clone().map(Candidate::score).max().unwrap_or(0);
    hot.filter(move |c| c.score().saturating_mul(MIN_HOTSPOT_SHARE) >= best)
}

/// The candidates shown (and added by `--add` without a fingerprint): the
/// `top` best hotspots (default [`DEFAULT_TOP`]) of those above the floor
/// (see [`MIN_HOTSPOT_CHANGES`], [`MIN_HOTSPOT_SHARE`]), then the markers
/// — of every file, or of the `top` first files when `top` is given.
pub fn shown(all: &[Candidate], top: Option<usize>) -> Vec<&Candidate> {
    shown_from(all, top, MIN_HOTSPOT_CHANGES)
}

/// [`shown`] with another floor of changes (`--min-changes`).
pub fn shown_from(all: &[Candidate], top: Option<usize>, min_changes: u32) -> Vec<&Candidate> {
    let hot = top.unwrap_or(DEFAULT_TOP);
    let mut files: Vec<&str> = Vec::new();
    let mut out: Vec<&Candidate> = proposed_hotspots(all, min_changes).take(hot).collect();
    for c in all.iter().filter(|c| c.kind == CandidateKind::Marker) {
        if files.last() != Some(&c.path.as_str()) {
            if top.is_some_and(|n| files.len() >= n) {
                break;
            }
            files.push(&c.path);
        }
        out.push(c);
    }
    out
}

/// The candidates `--add` names: all of `shown` when no fingerprint is
/// given, else each candidate (shown or not) whose fingerprint starts with
/// one given. A prefix that matches none, or several, is an error naming it.
pub fn select<'a>(
    all: &'a [Candidate],
    shown: &[&'a Candidate],
    prefixes: &[String],
) -> Result<Vec<&'a Candidate>, String> {
    if prefixes.is_empty() {
        return Ok(shown.to_vec());
    }
    let mut out: Vec<&Candidate> = Vec::new();
    for p in prefixes {
        let p = p.trim().to_ascii_lowercase();
        let matching: Vec<&Candidate> = all
            .iter()
            .filter(|c| !p.is_empty() && c.fingerprint.starts_with(&p))
            .collect();
        match matching.as_slice() {
            [] => {
                return Err(format!(
                    "no candidate has a fingerprint starting with {p:?}"
                ));
            }
            [one] => {
                if !out.iter().any(|c| c.fingerprint == one.fingerprint) {
                    out.push(one);
                }
            }
            many => {
                return Err(format!(
                    "{p:?} starts {} fingerprints ({}…): type more of it",
                    many.len(),
                    many.iter()
                        .take(3)
                        .map(|c| c.fingerprint.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
        }
    }
    Ok(out)
}

/// The sources (`scan:FINGERPRINT`) of the plan's debt: what a scan has
/// added before, whatever became of the item since.
pub fn in_plan(plan: &Plan) -> HashSet<String> {
    plan.debts.iter().filter_map(|d| d.source.clone()).collect()
}

/// The debt item a candidate becomes. Its ratings are left at 0 for the
/// person to set (the item is a proposal).
pub fn to_debt(c: &Candidate, id: String, today: NaiveDate) -> Debt {
    let description = match c.kind {
        CandidateKind::Marker => format!(
            "{} at {}:{} (found by bearing scan)",
            c.text,
            c.path,
            c.line.unwrap_or(0)
        ),
        CandidateKind::Hotspot => format!(
            "{} changed in {} in the window and has {} now: change often × large (found by bearing scan)",
            c.path,
            crate::text::count(c.changes as usize, "commit"),
            crate::text::count(c.lines, "line")
        ),
    };
    // A scan does not estimate: the item comes in to triage.
    let mut d = Debt::new(id, c.title.clone(), today);
    d.description = description;
    d.area = c.area.clone().unwrap_or_default();
    d.owner = c.owner.clone().unwrap_or_default();
    d.tags = vec!["scan".to_owned()];
    d.source = Some(c.source());
    d
}

/// The debt items to add for `chosen`: one per candidate not already in the
/// plan (by source), with fresh ids; and how many were already there.
pub fn additions(plan: &Plan, chosen: &[&Candidate], today: NaiveDate) -> (Vec<Debt>, usize) {
    let known = in_plan(plan);
    let mut ids = crate::import::Ids::new(plan);
    let mut out = Vec::new();
    let mut already = 0;
    for c in chosen {
        if known.contains(&c.source()) {
            already += 1;
            continue;
        }
        out.push(to_debt(c, ids.next(), today));
    }
    (out, already)
}
