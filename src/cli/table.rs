//! Plain-text output for the terminal: aligned columns that fit 80 columns,
//! every cell sanitized.

use crate::model::{Debt, Weights};
use crate::score::Breakdown;
use crate::text::{display_width, sanitize, truncate};

/// A table that fits `width`: its `flex` column (the title) shrinks first;
/// then the `drop` columns are hidden, least important first; then long
/// text cells are cut. No line is ever wider than `width`.
pub struct Table {
    pub headers: Vec<&'static str>,
    pub rows: Vec<Vec<String>>,
    pub flex: usize,
    /// Columns aligned right (numbers).
    pub right: Vec<usize>,
    /// Columns hidden when the table does not fit, in this order.
    pub drop: Vec<usize>,
    /// The `flex` column keeps its whole width while columns can still be
    /// hidden (sprint names that differ only at their end stay readable).
    pub keep_flex: bool,
}

/// The narrowest a title gets before columns are hidden.
const MIN_FLEX: usize = 12;
/// The narrowest a left-aligned text cell (owner, area) gets when cut.
const MIN_TEXT: usize = 8;

impl Table {
    pub fn new(headers: Vec<&'static str>, flex: usize) -> Self {
        Table {
            headers,
            rows: Vec::new(),
            flex,
            right: Vec::new(),
            drop: Vec::new(),
            keep_flex: false,
        }
    }

    pub fn push(&mut self, row: Vec<String>) {
        self.rows
            .push(row.into_iter().map(|c| sanitize(&c).into_owned()).collect());
    }

    /// The width of each column (0 for a hidden one) so the table fits.
    fn widths(&self, width: usize) -> Vec<Option<usize>> {
        let n = self.headers.len();
        let mut natural: Vec<usize> = self.headers.iter().map(|h| display_width(h)).collect();
        for row in &self.rows {
            for (i, c) in row.iter().enumerate().take(n) {
                natural[i] = natural[i].max(display_width(c));
            }
        }
        let mut widths: Vec<Option<usize>> = natural.iter().copied().map(Some).collect();
        let total = |ws: &[Option<usize>]| {
            let shown = ws.iter().flatten().count();
            ws.iter().flatten().sum::<usize>() + 2 * shown.saturating_sub(1)
        };
        // The title takes what the other columns leave, between a floor
        // and its natural width.
        let fit_flex = |ws: &mut Vec<Option<usize>>, floor: usize| {
            if let Some(Some(_)) = ws.get(self.flex) {
                ws[self.flex] = Some(0);
                let others = total(ws);
                let nat = natural[self.flex];
                ws[self.flex] = Some(width.saturating_sub(others).clamp(floor.min(nat), nat));
            }
        };
        let floor = if self.keep_flex {
            natural.get(self.flex).copied().unwrap_or(MIN_FLEX)
        } else {
            MIN_FLEX
        };
        fit_flex(&mut widths, floor);
        for &i in &self.drop {
            if total(&widths) <= width {
                break;
            }
            if i != self.flex && i < n {
                widths[i] = None;
                fit_flex(&mut widths, floor);
            }
        }
        // Still too wide: cut the widest left-aligned text cells (never the
        // first column, the id), then let the title go down to its header.
        while total(&widths) > width {
            let widest = (1..n)
                .filter(|i| *i != self.flex && !self.right.contains(i))
                .filter_map(|i| widths[i].map(|w| (w, i)))
                .filter(|(w, i)| *w > MIN_TEXT.max(display_width(self.headers[*i])))
                .max();
            let Some((w, i)) = widest else {
                break;
            };
            let over = total(&widths) - width;
            let floor = MIN_TEXT.max(display_width(self.headers[i]));
            widths[i] = Some(w.saturating_sub(over).max(floor));
        }
        fit_flex(
            &mut widths,
            display_width(self.headers.get(self.flex).unwrap_or(&"")),
        );
        widths
    }

    pub fn render(&self, width: usize) -> String {
        let widths = self.widths(width);
        let last = widths.iter().rposition(Option::is_some).unwrap_or(0);
        let mut out = String::new();
        let header: Vec<String> = self.headers.iter().map(|h| h.to_string()).collect();
        for row in std::iter::once(&header).chain(self.rows.iter()) {
            let mut line = String::new();
            let mut first = true;
            for (i, w) in widths.iter().enumerate() {
                let Some(w) = *w else { continue };
                let cell = row.get(i).map(String::as_str).unwrap_or("");
                let cell = truncate(cell, w);
                let pad = w.saturating_sub(display_width(&cell));
                if !first {
                    line.push_str("  ");
                }
                first = false;
                if self.right.contains(&i) {
                    line.push_str(&" ".repeat(pad));
                    line.push_str(&cell);
                } else {
                    line.push_str(&cell);
                    if i < last {
                        line.push_str(&" ".repeat(pad));
                    }
                }
            }
            // The last resort (ids or numbers wider than the terminal).
            out.push_str(truncate(line.trim_end(), width).trim_end());
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
    match (b.effort, b.score()) {
        _ if !d.status.is_open() => s.push_str(&format!(
            "{indent}cost of delay {:.2} / effort {} = no score ({}: only open debt is ranked)\n",
            b.cost_of_delay(),
            crate::text::effort(b.effort),
            d.status.label(),
        )),
        (Some(effort), Some(score)) => s.push_str(&format!(
            "{indent}cost of delay {:.2} / effort {effort} = score {:.2}\n",
            b.cost_of_delay(),
            score
        )),
        _ => s.push_str(&format!(
            "{indent}cost of delay {:.2} / effort ? = to triage (estimate its effort to rank it)\n",
            b.cost_of_delay(),
        )),
    }
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
        t.drop = vec![3, 2];
        t.keep_flex = true;
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
    fn columns_are_hidden_then_cut_so_no_line_is_wider() {
        let mut t = Table::new(vec!["id", "title", "owner", "area", "score"], 1);
        t.right = vec![4];
        t.drop = vec![3];
        t.push(vec![
            "D-1".into(),
            "x".repeat(60),
            "o".repeat(30),
            "billing".into(),
            "1.00".into(),
        ]);
        for w in 40..=120 {
            let out = t.render(w);
            assert!(out.lines().all(|l| display_width(l) <= w), "{w}\n{out}");
            assert!(out.contains("1.00") && out.contains("D-1"), "{w}\n{out}");
        }
        assert!(!t.render(40).contains("area"));
        assert!(t.render(200).contains("billing"));
    }

    #[test]
    fn cells_are_sanitized() {
        let mut t = Table::new(vec!["title"], 0);
        t.push(vec!["a\u{1b}[31mb".into()]);
        assert!(!t.render(80).contains('\u{1b}'));
    }
}
