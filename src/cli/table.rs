//! Plain-text output for the terminal: aligned columns that fit 80 columns,
//! every cell sanitized.

use crate::model::{Debt, Weights};
use crate::score::Breakdown;
use crate::text::{display_width, sanitize, truncate};

/// A table whose `flex` column (the title) shrinks so rows fit `width`.
pub struct Table {
    pub headers: Vec<&'static str>,
    pub rows: Vec<Vec<String>>,
    pub flex: usize,
    /// Columns aligned right (numbers).
    pub right: Vec<usize>,
}

impl Table {
    pub fn new(headers: Vec<&'static str>, flex: usize) -> Self {
        Table {
            headers,
            rows: Vec::new(),
            flex,
            right: Vec::new(),
        }
    }

    pub fn push(&mut self, row: Vec<String>) {
        self.rows
            .push(row.into_iter().map(|c| sanitize(&c).into_owned()).collect());
    }

    pub fn render(&self, width: usize) -> String {
        let n = self.headers.len();
        let mut widths: Vec<usize> = self.headers.iter().map(|h| display_width(h)).collect();
        for row in &self.rows {
            for (i, c) in row.iter().enumerate().take(n) {
                widths[i] = widths[i].max(display_width(c));
            }
        }
        let total: usize = widths.iter().sum::<usize>() + 2 * n.saturating_sub(1);
        if total > width && self.flex < n {
            let others = total - widths[self.flex];
            widths[self.flex] = width.saturating_sub(others).max(12).min(widths[self.flex]);
        }
        let mut out = String::new();
        let header: Vec<String> = self.headers.iter().map(|h| h.to_string()).collect();
        for row in std::iter::once(&header).chain(self.rows.iter()) {
            let mut line = String::new();
            for (i, w) in widths.iter().enumerate() {
                let cell = row.get(i).map(String::as_str).unwrap_or("");
                let cell = truncate(cell, *w);
                let pad = w.saturating_sub(display_width(&cell));
                if i > 0 {
                    line.push_str("  ");
                }
                if self.right.contains(&i) {
                    line.push_str(&" ".repeat(pad));
                    line.push_str(&cell);
                } else {
                    line.push_str(&cell);
                    if i + 1 < widths.len() {
                        line.push_str(&" ".repeat(pad));
                    }
                }
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    }
}

/// Each term of a score as rating × weight = term (the order the UI and
/// the exports use too), then the sum and the division, so anyone can redo
/// the arithmetic by hand.
pub fn explain(b: &Breakdown, d: &Debt, w: &Weights, indent: &str) -> String {
    let mut s = String::new();
    for t in b.rated(d, w) {
        s.push_str(&format!("{indent}{:<12} {}\n", t.name, t.formula()));
    }
    s.push_str(&format!(
        "{indent}{:<12} {}\n",
        "kr_pressure",
        b.pressure_formula(w)
    ));
    s.push_str(&format!(
        "{indent}cost of delay {:.2} / effort {} = score {:.2}\n",
        b.cost_of_delay(),
        b.effort,
        b.score()
    ));
    s
}

pub fn breakdown_json(b: &Breakdown) -> serde_json::Value {
    serde_json::to_value(b.to_terms()).unwrap_or(serde_json::Value::Null)
}

/// Width for tables: the terminal's when stdout is one, else `COLUMNS` when
/// set, else 80 (so piped output is stable in scripts and tests). Never
/// under 40.
pub fn width() -> usize {
    use std::io::IsTerminal;
    let terminal = std::io::stdout()
        .is_terminal()
        .then(crossterm::terminal::size)
        .and_then(Result::ok)
        .map(|(w, _)| usize::from(w))
        .filter(|w| *w > 0);
    let columns = || {
        std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.trim().parse::<usize>().ok())
    };
    terminal.or_else(columns).unwrap_or(80).max(40)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_column_shrinks_to_fit() {
        let mut t = Table::new(vec!["id", "title", "score"], 1);
        t.right = vec![2];
        t.push(vec!["D-1".into(), "x".repeat(100), "1.00".into()]);
        let out = t.render(40);
        assert!(out.lines().all(|l| display_width(l) <= 40), "{out}");
        assert!(out.contains('…'));
    }

    #[test]
    fn cells_are_sanitized() {
        let mut t = Table::new(vec!["title"], 0);
        t.push(vec!["a\u{1b}[31mb".into()]);
        assert!(!t.render(80).contains('\u{1b}'));
    }
}
