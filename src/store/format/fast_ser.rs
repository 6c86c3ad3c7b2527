//! Writes a plan in exactly the bytes RON's pretty printer writes with the
//! crate's settings (two-space indents, no struct names, trailing commas,
//! implicit `Some`, strings escaped with `char::escape_debug`, floats with
//! `{:?}`), several times faster. `tests/load_equivalence.rs` compares the
//! two byte for byte on generated plans.

use std::fmt::Write;

use chrono::NaiveDate;

use crate::model::{
    Debt, DebtStatus, Hypothesis, HypothesisStatus, KeyResult, Objective, Plan, Severity, Sprint,
    SprintState,
};

/// From this many debt items the list is written on two threads.
const PARALLEL_FROM: usize = 20_000;

pub(super) fn write(plan: &Plan) -> String {
    let mut w = W(String::with_capacity(600 * (plan.debts.len() + 64)));
    w.0.push_str("(\n");
    w.uint(2, "schema", plan.schema);
    w.str_field(2, "north_star", &plan.north_star);
    let x = &plan.weights;
    w.open(2, "weights");
    w.float(4, "customer", x.customer);
    w.float(4, "delivery", x.delivery);
    w.float(4, "risk", x.risk);
    w.float(4, "urgency", x.urgency);
    w.float(4, "kr_at_risk", x.kr_at_risk);
    w.float(4, "kr_off_track", x.kr_off_track);
    w.close(2);
    w.open(2, "health");
    w.float(4, "at_risk", plan.health.at_risk);
    w.float(4, "off_track", plan.health.off_track);
    w.close(2);
    let p = &plan.policy;
    w.open(2, "policy");
    for (name, s) in [
        ("dangling_reference", p.dangling_reference),
        ("duplicate_id", p.duplicate_id),
        ("debt_without_owner", p.debt_without_owner),
        ("debt_without_impact", p.debt_without_impact),
        ("sprint_over_capacity", p.sprint_over_capacity),
        ("stale_experiment", p.stale_experiment),
        ("decided_without_evidence", p.decided_without_evidence),
        ("kr_without_target", p.kr_without_target),
        ("kr_past_due", p.kr_past_due),
        ("sprint_overdue", p.sprint_overdue),
        ("sprint_window_passed", p.sprint_window_passed),
        ("sprint_overlap", p.sprint_overlap),
    ] {
        w.ident(4, name, severity(s));
    }
    w.close(2);
    w.list(2, "objectives", &plan.objectives, objective);
    w.list(2, "key_results", &plan.key_results, key_result);
    w.list(2, "hypotheses", &plan.hypotheses, hypothesis);
    debts(&mut w, &plan.debts);
    w.list(2, "sprints", &plan.sprints, sprint);
    w.0.push(')');
    w.0
}

fn debts(w: &mut W, list: &[Debt]) {
    if list.len() < PARALLEL_FROM {
        w.list(2, "debts", list, debt);
        return;
    }
    let (a, b) = list.split_at(list.len() / 2);
    let items = |xs: &[Debt]| {
        let mut w = W(String::with_capacity(600 * xs.len()));
        for x in xs {
            w.item(4, x, debt);
        }
        w.0
    };
    let (first, second) = std::thread::scope(|s| {
        let h = s.spawn(|| items(a));
        let second = items(b);
        (h.join(), second)
    });
    w.key(2, "debts");
    w.0.push_str("[\n");
    match first {
        Ok(first) => w.0.push_str(&first),
        // Unreachable (writing cannot panic), but never lose the items.
        Err(_) => w.0.push_str(&items(a)),
    }
    w.0.push_str(&second);
    w.0.push_str("  ],\n");
}

fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Off => "off",
        Severity::Warn => "warn",
        Severity::Error => "error",
    }
}

fn debt_status(s: DebtStatus) -> &'static str {
    match s {
        DebtStatus::Open => "open",
        DebtStatus::InProgress => "in_progress",
        DebtStatus::Done => "done",
        DebtStatus::WontFix => "wont_fix",
    }
}

fn hyp_status(s: HypothesisStatus) -> &'static str {
    match s {
        HypothesisStatus::Proposed => "proposed",
        HypothesisStatus::Running => "running",
        HypothesisStatus::Validated => "validated",
        HypothesisStatus::Abandoned => "abandoned",
    }
}

fn objective(w: &mut W, i: usize, x: &Objective) {
    w.str_field(i, "id", &x.id);
    w.str_field(i, "title", &x.title);
    w.opt_str(i, "description", &x.description);
}

fn key_result(w: &mut W, i: usize, x: &KeyResult) {
    w.str_field(i, "id", &x.id);
    w.str_field(i, "objective", &x.objective);
    w.str_field(i, "title", &x.title);
    w.opt_str(i, "unit", &x.unit);
    w.float(i, "baseline", x.baseline);
    if let Some(t) = x.target {
        w.float(i, "target", t);
    }
    w.float(i, "current", x.current);
    w.date(i, "start", x.start);
    if let Some(d) = x.due {
        w.date(i, "due", d);
    }
    w.opt_str(i, "owner", &x.owner);
    if !x.checkins.is_empty() {
        w.list(i, "checkins", &x.checkins, |w, j, c| {
            w.date(j, "date", c.date);
            w.float(j, "value", c.value);
        });
    }
}

fn hypothesis(w: &mut W, i: usize, x: &Hypothesis) {
    w.str_field(i, "id", &x.id);
    w.str_field(i, "title", &x.title);
    w.opt_str(i, "belief", &x.belief);
    w.opt_str(i, "signal", &x.signal);
    w.opt_strs(i, "key_results", &x.key_results);
    w.opt_str(i, "owner", &x.owner);
    w.uint(i, "impact", x.impact);
    w.uint(i, "confidence", x.confidence);
    w.uint(i, "ease", x.ease);
    w.ident(i, "status", hyp_status(x.status));
    w.date(i, "created", x.created);
    for (name, d) in [
        ("started", x.started),
        ("review_by", x.review_by),
        ("decided", x.decided),
    ] {
        if let Some(d) = d {
            w.date(i, name, d);
        }
    }
    w.opt_str(i, "evidence", &x.evidence);
    if !x.history.is_empty() {
        w.list(i, "history", &x.history, |w, j, d| {
            w.ident(j, "status", hyp_status(d.status));
            w.date(j, "date", d.date);
            w.str_field(j, "evidence", &d.evidence);
            w.date(j, "reopened", d.reopened);
        });
    }
}

fn debt(w: &mut W, i: usize, x: &Debt) {
    w.str_field(i, "id", &x.id);
    w.str_field(i, "title", &x.title);
    w.opt_str(i, "description", &x.description);
    w.opt_str(i, "area", &x.area);
    w.opt_str(i, "owner", &x.owner);
    w.opt_strs(i, "tags", &x.tags);
    w.uint(i, "customer", x.customer);
    w.uint(i, "delivery", x.delivery);
    w.uint(i, "risk", x.risk);
    w.uint(i, "urgency", x.urgency);
    w.uint(i, "effort", x.effort);
    w.opt_strs(i, "key_results", &x.key_results);
    w.ident(i, "status", debt_status(x.status));
    w.date(i, "created", x.created);
    if !x.changes.is_empty() {
        w.list(i, "changes", &x.changes, |w, j, c| {
            w.date(j, "date", c.date);
            w.ident(j, "status", debt_status(c.status));
        });
    }
    if let Some(s) = &x.source {
        w.str_field(i, "source", s);
    }
}

fn sprint(w: &mut W, i: usize, x: &Sprint) {
    w.str_field(i, "id", &x.id);
    w.str_field(i, "name", &x.name);
    w.date(i, "start", x.start);
    w.date(i, "end", x.end);
    w.uint(i, "capacity", x.capacity);
    w.opt_str(i, "goal", &x.goal);
    w.opt_strs(i, "items", &x.items);
    let state = match x.state {
        SprintState::Planned => "planned",
        SprintState::Active => "active",
        SprintState::Closed => "closed",
        SprintState::Cancelled => "cancelled",
    };
    w.ident(i, "state", state);
    if let Some(c) = &x.commitment {
        w.open(i, "commitment");
        w.date(i + 2, "date", c.date);
        w.strs(i + 2, "items", &c.items);
        w.uint(i + 2, "points", c.points);
        w.close(i);
    }
    w.opt_strs(i, "completed", &x.completed);
    if let Some(p) = x.completed_points {
        w.uint(i, "completed_points", p);
    }
    if let Some(d) = x.closed {
        w.date(i, "closed", d);
    }
    w.opt_strs(i, "carried", &x.carried);
    if let Some(to) = &x.carried_to {
        w.str_field(i, "carried_to", to);
    }
}

struct W(String);

impl W {
    fn indent(&mut self, n: usize) {
        const SPACES: &str = "                                ";
        let mut n = n;
        while n > SPACES.len() {
            self.0.push_str(SPACES);
            n -= SPACES.len();
        }
        self.0.push_str(&SPACES[..n]);
    }

    fn key(&mut self, i: usize, name: &str) {
        self.indent(i);
        self.0.push_str(name);
        self.0.push_str(": ");
    }

    fn end(&mut self) {
        self.0.push_str(",\n");
    }

    fn open(&mut self, i: usize, name: &str) {
        self.key(i, name);
        self.0.push_str("(\n");
    }

    fn close(&mut self, i: usize) {
        self.indent(i);
        self.0.push(')');
        self.end();
    }

    fn uint(&mut self, i: usize, name: &str, v: impl Into<u64>) {
        self.key(i, name);
        let _ = write!(self.0, "{}", v.into());
        self.end();
    }

    fn float(&mut self, i: usize, name: &str, v: f64) {
        self.key(i, name);
        if v.is_nan() && v.is_sign_negative() {
            self.0.push('-');
        }
        let _ = write!(self.0, "{v:?}");
        self.end();
    }

    fn ident(&mut self, i: usize, name: &str, v: &str) {
        self.key(i, name);
        self.0.push_str(v);
        self.end();
    }

    fn date(&mut self, i: usize, name: &str, d: NaiveDate) {
        self.key(i, name);
        // chrono serializes dates with `Debug`: `YYYY-MM-DD`, signed for
        // years outside 0..=9999; never anything that needs escaping.
        let _ = write!(self.0, "\"{d:?}\"");
        self.end();
    }

    fn string(&mut self, s: &str) {
        self.0.push('"');
        let plain = |b: &u8| (0x20..0x7f).contains(b) && !matches!(b, b'"' | b'\'' | b'\\');
        if s.as_bytes().iter().all(plain) {
            self.0.push_str(s);
        } else {
            self.0.extend(s.chars().flat_map(char::escape_debug));
        }
        self.0.push('"');
    }

    fn str_field(&mut self, i: usize, name: &str, s: &str) {
        self.key(i, name);
        self.string(s);
        self.end();
    }

    fn opt_str(&mut self, i: usize, name: &str, s: &str) {
        if !s.is_empty() {
            self.str_field(i, name, s);
        }
    }

    fn strs(&mut self, i: usize, name: &str, xs: &[String]) {
        self.key(i, name);
        if xs.is_empty() {
            self.0.push_str("[]");
        } else {
            self.0.push_str("[\n");
            for x in xs {
                self.indent(i + 2);
                self.string(x);
                self.end();
            }
            self.indent(i);
            self.0.push(']');
        }
        self.end();
    }

    fn opt_strs(&mut self, i: usize, name: &str, xs: &[String]) {
        if !xs.is_empty() {
            self.strs(i, name, xs);
        }
    }

    /// One struct list item at indent `i`: `(`, fields at `i + 2`, `),`.
    fn item<T>(&mut self, i: usize, x: &T, f: impl Fn(&mut W, usize, &T)) {
        self.indent(i);
        self.0.push_str("(\n");
        f(self, i + 2, x);
        self.indent(i);
        self.0.push(')');
        self.end();
    }

    fn list<T>(&mut self, i: usize, name: &str, xs: &[T], f: impl Fn(&mut W, usize, &T)) {
        self.key(i, name);
        if xs.is_empty() {
            self.0.push_str("[]");
        } else {
            self.0.push_str("[\n");
            for x in xs {
                self.item(i + 2, x, &f);
            }
            self.indent(i);
            self.0.push(']');
        }
        self.end();
    }
}
