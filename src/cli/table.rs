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
    /// Columns left out, in this order, while the table is too wide, before
    /// the `flex` column is cut (the sprint names stay readable at 80
    /// columns; the item count and window give way).
    pub drop_first: Vec<usize>,
}

impl Table {
    pub fn new(headers: Vec<&'static str>, flex: usize) -> Self {
        Table {
            headers,
            rows: Vec::new(),
            flex,
            right: Vec::new(),
            drop_first: Vec::new(),
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
        let mut shown: Vec<usize> = (0..n).collect();
        let total = |shown: &[usize]| {
            shown.iter().map(|&i| widths[i]).sum::<usize>() + 2 * shown.len().saturating_sub(1)
        };
        for drop in &self.drop_first {
            if total(&shown) <= width {
                break;
            }
            shown.retain(|i| i != drop);
        }
        let all = total(&shown);
        if all > width && shown.contains(&self.flex) {
            let others = all - widths[self.flex];
            widths[self.flex] = width.saturating_sub(others).max(12).min(widths[self.flex]);
        }
        let mut out = String::new();
        let header: Vec<String> = self.headers.iter().map(|h| h.to_string()).collect();
        for row in std::iter::once(&header).chain(self.rows.iter()) {
            let mut line = String::new();
            for (k, &i) in shown.iter().enumerate() {
                let w = widths[i];
                let cell = row.get(i).map(String::as_str).unwrap_or("");
                let cell = truncate(cell, w);
                let pad = w.saturating_sub(display_width(&cell));
                if k > 0 {
                    line.push_str("  ");
                }
                if self.right.contains(&i) {
                    line.push_str(&" ".repeat(pad));
                    line.push_str(&cell);
                } else {
                    line.push_str(&cell);
                    if k + 1 < shown.len() {
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
    fn columns_to_drop_give_way_before_the_flex_column_is_cut() {
        let mut t = Table::new(vec!["id", "name", "window", "n"], 1);
        t.drop_first = vec![3, 2];
        t.push(vec![
            "S-1".into(),
            "Debt sprint 21".into(),
            "x".repeat(20),
            "5".into(),
        ]);
        let wide = t.render(80);
        assert!(wide.contains("window") && wide.contains('5'), "{wide}");
        let narrow = t.render(42);
        assert!(
            narrow.contains("Debt sprint 21") && narrow.contains("window"),
            "{narrow}"
        );
        assert!(!narrow.lines().next().unwrap().ends_with(" n"), "{narrow}");
        let narrower = t.render(20);
        assert!(narrower.contains("Debt sprint 21") && !narrower.contains("window"));
    }

    #[test]
    fn cells_are_sanitized() {
        let mut t = Table::new(vec!["title"], 0);
        t.push(vec!["a\u{1b}[31mb".into()]);
        assert!(!t.render(80).contains('\u{1b}'));
    }
}
