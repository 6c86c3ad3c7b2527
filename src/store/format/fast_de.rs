//! A strict reader for the canonical text `to_text` writes, about ten times
//! faster than the general RON parser on a big plan.
//!
//! It accepts only text laid out byte for byte as the pretty printer lays it
//! out (fields in declaration order, two-space indents, trailing commas, no
//! comments, the number and string spellings the printer uses) and answers
//! `None` for anything else, so the caller falls back to the full RON parse
//! and every error message stays RON's. The grammar is deterministic, so
//! text it accepts has exactly one reading and RON reads it the same way;
//! `tests/load_equivalence.rs` checks this against RON on generated plans.

use chrono::NaiveDate;

use crate::model::{
    Checkin, Commitment, Debt, DebtStatus, Decision, HealthThresholds, Hypothesis,
    HypothesisStatus, KeyResult, Objective, Plan, Policy, Severity, Sprint, SprintState,
    StatusChange, Weights,
};

/// Below this many bytes of debt items one thread is faster than two.
pub(super) const PARALLEL_MIN_BYTES: usize = 1 << 20;

/// `parallel_from`: the size in bytes from which the debt list is read on
/// two threads (a parameter so tests can force the split on small plans).
pub(super) fn parse(text: &str, parallel_from: usize) -> Option<Plan> {
    let mut c = Cur::new(text, 0);
    c.lit(b"(\n")?;
    let schema = c.field(2, "schema", Cur::uint::<u32>)?;
    let north_star = c.field(2, "north_star", Cur::string)?;
    let weights = c.field(2, "weights", |c| c.block(2, weights))?;
    let health = c.field(2, "health", |c| c.block(2, health))?;
    let policy = c.field(2, "policy", |c| c.block(2, policy))?;
    let objectives = c.field(2, "objectives", |c| c.list(2, |c| c.block(4, objective)))?;
    let key_results = c.field(2, "key_results", |c| c.list(2, |c| c.block(4, key_result)))?;
    let hypotheses = c.field(2, "hypotheses", |c| c.list(2, |c| c.block(4, hypothesis)))?;
    let debts = c.field(2, "debts", |c| debt_list(c, parallel_from))?;
    let sprints = c.field(2, "sprints", |c| c.list(2, |c| c.block(4, sprint)))?;
    c.lit(b")")?;
    let rest = &c.s[c.pos..];
    if !(rest.is_empty() || rest == b"\n") {
        return None;
    }
    Some(Plan {
        schema,
        north_star,
        weights,
        health,
        policy,
        objectives,
        key_results,
        hypotheses,
        debts,
        sprints,
    })
}

/// The debt list, split into two runs of whole items parsed on two
/// threads. The split points are only guesses (the list's end `  ],`, an
/// item boundary `    ),` + `    (` near the middle); each run must parse to
/// its exact end, so a wrong guess makes the fast path fail, never misread.
fn debt_list(c: &mut Cur, parallel_from: usize) -> Option<Vec<Debt>> {
    let body = c.pos + 2;
    let split = || {
        if !c.s[c.pos..].starts_with(b"[\n") || c.s.len() - body < parallel_from {
            return None;
        }
        let end = body + find(&c.s[body..], b"\n  ],\n")? + 1;
        let mid = body + (end - body) / 2;
        let cut = mid + find(&c.s[mid..end], b"\n    ),\n    (\n")? + 8;
        Some((cut, end))
    };
    let Some((cut, end)) = split() else {
        return c.list(2, |c| c.block(4, debt));
    };
    let text = c.text;
    let run = move |from: usize, to: usize| -> Option<Vec<Debt>> {
        let mut r = Cur::new(&text[..to], from);
        let mut out = Vec::new();
        while r.pos < to {
            r.indent(4)?;
            out.push(r.block(4, debt)?);
            r.lit(b",\n")?;
        }
        Some(out)
    };
    let (first, second) = std::thread::scope(|s| {
        let h = s.spawn(move || run(body, cut));
        let second = run(cut, end);
        (h.join().ok().flatten(), second)
    });
    let (mut first, second) = (first?, second?);
    first.extend(second);
    c.pos = end;
    c.indent(2)?;
    c.lit(b"]")?;
    Some(first)
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn weights(c: &mut Cur, i: usize) -> Option<Weights> {
    Some(Weights {
        customer: c.field(i, "customer", Cur::float)?,
        delivery: c.field(i, "delivery", Cur::float)?,
        risk: c.field(i, "risk", Cur::float)?,
        urgency: c.field(i, "urgency", Cur::float)?,
        kr_at_risk: c.field(i, "kr_at_risk", Cur::float)?,
        kr_off_track: c.field(i, "kr_off_track", Cur::float)?,
    })
}

fn health(c: &mut Cur, i: usize) -> Option<HealthThresholds> {
    Some(HealthThresholds {
        at_risk: c.field(i, "at_risk", Cur::float)?,
        off_track: c.field(i, "off_track", Cur::float)?,
    })
}

fn severity(c: &mut Cur) -> Option<Severity> {
    c.ident(&[
        ("off", Severity::Off),
        ("warn", Severity::Warn),
        ("error", Severity::Error),
    ])
}

fn policy(c: &mut Cur, i: usize) -> Option<Policy> {
    Some(Policy {
        dangling_reference: c.field(i, "dangling_reference", severity)?,
        duplicate_id: c.field(i, "duplicate_id", severity)?,
        debt_without_owner: c.field(i, "debt_without_owner", severity)?,
        debt_without_impact: c.field(i, "debt_without_impact", severity)?,
        sprint_over_capacity: c.field(i, "sprint_over_capacity", severity)?,
        stale_experiment: c.field(i, "stale_experiment", severity)?,
        decided_without_evidence: c.field(i, "decided_without_evidence", severity)?,
        kr_without_target: c.field(i, "kr_without_target", severity)?,
        kr_past_due: c.field(i, "kr_past_due", severity)?,
        sprint_overdue: c.field(i, "sprint_overdue", severity)?,
        sprint_window_passed: c.field(i, "sprint_window_passed", severity)?,
        sprint_overlap: c.field(i, "sprint_overlap", severity)?,
    })
}

fn objective(c: &mut Cur, i: usize) -> Option<Objective> {
    Some(Objective {
        id: c.field(i, "id", Cur::string)?,
        title: c.field(i, "title", Cur::string)?,
        description: c.opt(i, "description", Cur::string)?.unwrap_or_default(),
    })
}

fn string_list(c: &mut Cur, i: usize) -> Option<Vec<String>> {
    c.list(i, Cur::string)
}

fn key_result(c: &mut Cur, i: usize) -> Option<KeyResult> {
    Some(KeyResult {
        id: c.field(i, "id", Cur::string)?,
        objective: c.field(i, "objective", Cur::string)?,
        title: c.field(i, "title", Cur::string)?,
        unit: c.opt(i, "unit", Cur::string)?.unwrap_or_default(),
        baseline: c.field(i, "baseline", Cur::float)?,
        target: c.opt(i, "target", Cur::float)?,
        current: c.field(i, "current", Cur::float)?,
        start: c.field(i, "start", Cur::date)?,
        due: c.opt(i, "due", Cur::date)?,
        owner: c.opt(i, "owner", Cur::string)?.unwrap_or_default(),
        checkins: c
            .opt(i, "checkins", |c| {
                c.list(i, |c| {
                    c.block(i + 2, |c, j| {
                        Some(Checkin {
                            date: c.field(j, "date", Cur::date)?,
                            value: c.field(j, "value", Cur::float)?,
                        })
                    })
                })
            })?
            .unwrap_or_default(),
    })
}

fn hypothesis_status(c: &mut Cur) -> Option<HypothesisStatus> {
    c.ident(&[
        ("proposed", HypothesisStatus::Proposed),
        ("running", HypothesisStatus::Running),
        ("validated", HypothesisStatus::Validated),
        ("abandoned", HypothesisStatus::Abandoned),
    ])
}

fn hypothesis(c: &mut Cur, i: usize) -> Option<Hypothesis> {
    Some(Hypothesis {
        id: c.field(i, "id", Cur::string)?,
        title: c.field(i, "title", Cur::string)?,
        belief: c.opt(i, "belief", Cur::string)?.unwrap_or_default(),
        signal: c.opt(i, "signal", Cur::string)?.unwrap_or_default(),
        key_results: c
            .opt(i, "key_results", |c| string_list(c, i))?
            .unwrap_or_default(),
        owner: c.opt(i, "owner", Cur::string)?.unwrap_or_default(),
        impact: c.field(i, "impact", Cur::uint::<u8>)?,
        confidence: c.field(i, "confidence", Cur::uint::<u8>)?,
        ease: c.field(i, "ease", Cur::uint::<u8>)?,
        status: c.field(i, "status", hypothesis_status)?,
        created: c.field(i, "created", Cur::date)?,
        started: c.opt(i, "started", Cur::date)?,
        review_by: c.opt(i, "review_by", Cur::date)?,
        decided: c.opt(i, "decided", Cur::date)?,
        evidence: c.opt(i, "evidence", Cur::string)?.unwrap_or_default(),
        history: c
            .opt(i, "history", |c| {
                c.list(i, |c| {
                    c.block(i + 2, |c, j| {
                        Some(Decision {
                            status: c.field(j, "status", hypothesis_status)?,
                            date: c.field(j, "date", Cur::date)?,
                            evidence: c.field(j, "evidence", Cur::string)?,
                            reopened: c.field(j, "reopened", Cur::date)?,
                        })
                    })
                })
            })?
            .unwrap_or_default(),
    })
}

fn debt_status(c: &mut Cur) -> Option<DebtStatus> {
    c.ident(&[
        ("open", DebtStatus::Open),
        ("in_progress", DebtStatus::InProgress),
        ("done", DebtStatus::Done),
        ("wont_fix", DebtStatus::WontFix),
    ])
}

fn debt(c: &mut Cur, i: usize) -> Option<Debt> {
    Some(Debt {
        id: c.field(i, "id", Cur::string)?,
        title: c.field(i, "title", Cur::string)?,
        description: c.opt(i, "description", Cur::string)?.unwrap_or_default(),
        area: c.opt(i, "area", Cur::string)?.unwrap_or_default(),
        owner: c.opt(i, "owner", Cur::string)?.unwrap_or_default(),
        tags: c.opt(i, "tags", |c| string_list(c, i))?.unwrap_or_default(),
        customer: c.field(i, "customer", Cur::uint::<u8>)?,
        delivery: c.field(i, "delivery", Cur::uint::<u8>)?,
        risk: c.field(i, "risk", Cur::uint::<u8>)?,
        urgency: c.field(i, "urgency", Cur::uint::<u8>)?,
        effort: c.field(i, "effort", Cur::uint::<u32>)?,
        key_results: c
            .opt(i, "key_results", |c| string_list(c, i))?
            .unwrap_or_default(),
        status: c.field(i, "status", debt_status)?,
        created: c.field(i, "created", Cur::date)?,
        changes: c
            .opt(i, "changes", |c| {
                c.list(i, |c| {
                    c.block(i + 2, |c, j| {
                        Some(StatusChange {
                            date: c.field(j, "date", Cur::date)?,
                            status: c.field(j, "status", debt_status)?,
                        })
                    })
                })
            })?
            .unwrap_or_default(),
        source: c.opt(i, "source", Cur::string)?,
    })
}

fn sprint(c: &mut Cur, i: usize) -> Option<Sprint> {
    Some(Sprint {
        id: c.field(i, "id", Cur::string)?,
        name: c.field(i, "name", Cur::string)?,
        start: c.field(i, "start", Cur::date)?,
        end: c.field(i, "end", Cur::date)?,
        capacity: c.field(i, "capacity", Cur::uint::<u32>)?,
        goal: c.opt(i, "goal", Cur::string)?.unwrap_or_default(),
        items: c
            .opt(i, "items", |c| string_list(c, i))?
            .unwrap_or_default(),
        state: c.field(i, "state", |c| {
            c.ident(&[
                ("planned", SprintState::Planned),
                ("active", SprintState::Active),
                ("closed", SprintState::Closed),
                ("cancelled", SprintState::Cancelled),
            ])
        })?,
        commitment: c.opt(i, "commitment", |c| {
            c.block(i, |c, j| {
                Some(Commitment {
                    date: c.field(j, "date", Cur::date)?,
                    items: c.field(j, "items", |c| string_list(c, j))?,
                    points: c.field(j, "points", Cur::uint::<u32>)?,
                })
            })
        })?,
        completed: c
            .opt(i, "completed", |c| string_list(c, i))?
            .unwrap_or_default(),
        completed_points: c.opt(i, "completed_points", Cur::uint::<u32>)?,
        closed: c.opt(i, "closed", Cur::date)?,
        carried: c
            .opt(i, "carried", |c| string_list(c, i))?
            .unwrap_or_default(),
        carried_to: c.opt(i, "carried_to", Cur::string)?,
    })
}

/// A position in the text. Every method consumes exactly what it matched
/// or answers `None`; a `None` abandons the whole fast path, so a failed
/// method may leave the position anywhere.
struct Cur<'a> {
    text: &'a str,
    s: &'a [u8],
    pos: usize,
}

impl<'a> Cur<'a> {
    fn new(text: &'a str, pos: usize) -> Self {
        Cur {
            text,
            s: text.as_bytes(),
            pos,
        }
    }

    fn lit(&mut self, l: &[u8]) -> Option<()> {
        if self.s[self.pos..].starts_with(l) {
            self.pos += l.len();
            Some(())
        } else {
            None
        }
    }

    fn indent(&mut self, n: usize) -> Option<()> {
        let end = self.pos.checked_add(n)?;
        if self.s.get(self.pos..end)?.iter().all(|&b| b == b' ') {
            self.pos = end;
            Some(())
        } else {
            None
        }
    }

    /// Whether `{indent}{name}: ` follows; consumes it if so.
    fn key(&mut self, indent: usize, name: &str) -> bool {
        let rest = &self.s[self.pos..];
        let n = indent + name.len() + 2;
        let ok = rest.len() >= n
            && rest[..indent].iter().all(|&b| b == b' ')
            && &rest[indent..indent + name.len()] == name.as_bytes()
            && &rest[indent + name.len()..n] == b": ";
        if ok {
            self.pos += n;
        }
        ok
    }

    /// A required field line: `{indent}{name}: value,\n`.
    fn field<T>(
        &mut self,
        indent: usize,
        name: &str,
        v: impl FnOnce(&mut Self) -> Option<T>,
    ) -> Option<T> {
        if !self.key(indent, name) {
            return None;
        }
        let x = v(self)?;
        self.lit(b",\n")?;
        Some(x)
    }

    /// A field the printer leaves out when empty: `Some(None)` when absent.
    fn opt<T>(
        &mut self,
        indent: usize,
        name: &str,
        v: impl FnOnce(&mut Self) -> Option<T>,
    ) -> Option<Option<T>> {
        if !self.key(indent, name) {
            return Some(None);
        }
        let x = v(self)?;
        self.lit(b",\n")?;
        Some(Some(x))
    }

    /// A struct opened on a line indented by `indent`: fields at +2, the
    /// closing parenthesis at `indent`.
    fn block<T>(
        &mut self,
        indent: usize,
        f: impl FnOnce(&mut Self, usize) -> Option<T>,
    ) -> Option<T> {
        self.lit(b"(\n")?;
        let x = f(self, indent + 2)?;
        self.indent(indent)?;
        self.lit(b")")?;
        Some(x)
    }

    /// `[]`, or one item per line at `indent + 2` and `]` at `indent`.
    fn list<T>(
        &mut self,
        indent: usize,
        mut item: impl FnMut(&mut Self) -> Option<T>,
    ) -> Option<Vec<T>> {
        if self.lit(b"[]").is_some() {
            return Some(Vec::new());
        }
        self.lit(b"[\n")?;
        let mut out = Vec::new();
        loop {
            let rest = &self.s[self.pos..];
            if rest.len() > indent
                && rest[..indent].iter().all(|&b| b == b' ')
                && rest[indent] == b']'
            {
                self.pos += indent + 1;
                return Some(out);
            }
            self.indent(indent + 2)?;
            out.push(item(self)?);
            self.lit(b",\n")?;
        }
    }

    /// An identifier from a fixed set, followed by the field's comma.
    fn ident<T: Copy>(&mut self, names: &[(&str, T)]) -> Option<T> {
        let rest = &self.s[self.pos..];
        for (name, v) in names {
            let n = name.len();
            if rest.len() > n && &rest[..n] == name.as_bytes() && rest[n] == b',' {
                self.pos += n;
                return Some(*v);
            }
        }
        None
    }

    /// Plain decimal digits without a leading zero, in range for `T`.
    fn uint<T: TryFrom<u64>>(&mut self) -> Option<T> {
        let rest = &self.s[self.pos..];
        let n = rest.iter().take_while(|b| b.is_ascii_digit()).count();
        if n == 0 || n > 19 || (n > 1 && rest[0] == b'0') || rest.get(n) != Some(&b',') {
            return None;
        }
        let v = rest[..n]
            .iter()
            .fold(0u64, |acc, &b| acc * 10 + u64::from(b - b'0'));
        self.pos += n;
        T::try_from(v).ok()
    }

    /// The `{:?}` spellings of finite floats (`-12.5`, `1e-7`, `1.5e300`),
    /// read with the same `f64::from_str` RON uses.
    fn float(&mut self) -> Option<f64> {
        let rest = &self.s[self.pos..];
        let mut i = usize::from(rest.first() == Some(&b'-'));
        let digits = |i: &mut usize| {
            let n = rest[*i..].iter().take_while(|b| b.is_ascii_digit()).count();
            *i += n;
            n
        };
        if digits(&mut i) == 0 {
            return None;
        }
        if rest.get(i) == Some(&b'.') {
            i += 1;
            if digits(&mut i) == 0 {
                return None;
            }
        }
        if rest.get(i) == Some(&b'e') {
            i += 1;
            i += usize::from(rest.get(i) == Some(&b'-'));
            if digits(&mut i) == 0 {
                return None;
            }
        }
        if rest.get(i) != Some(&b',') {
            return None;
        }
        let v = self.text[self.pos..self.pos + i].parse().ok()?;
        self.pos += i;
        Some(v)
    }

    /// `"YYYY-MM-DD"` read directly (what chrono's parser makes of it);
    /// other spellings, such as signed years, go through chrono's parser.
    fn date(&mut self) -> Option<NaiveDate> {
        let rest = &self.s[self.pos..];
        if rest.len() > 11 && rest[0] == b'"' && rest[11] == b'"' {
            let d = &rest[1..11];
            let num = |r: std::ops::Range<usize>| {
                d[r].iter().try_fold(0u32, |acc, &b| {
                    b.is_ascii_digit().then(|| acc * 10 + u32::from(b - b'0'))
                })
            };
            if d[4] == b'-' && d[7] == b'-' {
                let y = i32::try_from(num(0..4)?).ok()?;
                let date = NaiveDate::from_ymd_opt(y, num(5..7)?, num(8..10)?)?;
                self.pos += 12;
                return Some(date);
            }
        }
        self.string()?.parse().ok()
    }

    /// A double-quoted string with the escapes `char::escape_debug` writes,
    /// decoded as RON decodes them. Anything else (`\x`, line continuations,
    /// raw strings) is left to RON.
    fn string(&mut self) -> Option<String> {
        self.lit(b"\"")?;
        let rest = &self.s[self.pos..];
        let n = rest.iter().position(|&b| b == b'"' || b == b'\\')?;
        if rest[n] == b'"' {
            // The common case: no escapes, one exact allocation.
            let out = self.text[self.pos..self.pos + n].to_owned();
            self.pos += n + 1;
            return Some(out);
        }
        let mut out = String::with_capacity(n + 16);
        loop {
            let rest = &self.s[self.pos..];
            let n = rest.iter().position(|&b| b == b'"' || b == b'\\')?;
            out.push_str(&self.text[self.pos..self.pos + n]);
            self.pos += n + 1;
            if rest[n] == b'"' {
                return Some(out);
            }
            let e = *self.s.get(self.pos)?;
            self.pos += 1;
            match e {
                b'\'' => out.push('\''),
                b'"' => out.push('"'),
                b'\\' => out.push('\\'),
                b'n' => out.push('\n'),
                b'r' => out.push('\r'),
                b't' => out.push('\t'),
                b'0' => out.push('\0'),
                b'u' => {
                    self.lit(b"{")?;
                    let rest = &self.s[self.pos..];
                    let n = rest.iter().take_while(|b| b.is_ascii_hexdigit()).count();
                    if n == 0 || n > 6 || rest.get(n) != Some(&b'}') {
                        return None;
                    }
                    let v = u32::from_str_radix(&self.text[self.pos..self.pos + n], 16).ok()?;
                    out.push(char::from_u32(v)?);
                    self.pos += n + 1;
                }
                _ => return None,
            }
        }
    }
}
