//! Splitting CSV text into rows of cells, as spreadsheets write it: LF,
//! CRLF (Excel, LibreOffice, Google Sheets) or CR-only (old Mac Excel) line
//! ends, a UTF-8 byte order mark (Excel's "CSV UTF-8"), `,` or — from
//! European locales — `;` between cells (sniffed from the header line, or
//! named by Excel's `sep=;` first line), quoted cells that hold separators,
//! doubled quotes and line breaks.
//!
//! Hand-written rather than the `csv` crate because an import must know
//! exactly where each row starts in the file (every line end counts, CR
//! alone too) and must refuse a quote that never closes instead of letting
//! one cell swallow the rest of the file.

/// One row: the line of the file it starts on (1-based) and its cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub line: usize,
    pub cells: Vec<String>,
}

impl Row {
    /// A blank line, or a row of empty cells (`,,,`).
    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(|c| c.trim().is_empty())
    }
}

/// Why the text cannot be split into rows: a quote that opens a cell and
/// is never closed, or text after a cell's closing quote. Either way the
/// quotes do not pair up, so no row after it can be trusted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Broken {
    /// The line the quote opened on (unclosed), or the line of the stray text.
    pub line: usize,
    /// The line the row holding that cell starts on.
    pub row_line: usize,
    /// The cell's 0-based position in its row.
    pub cell: usize,
    pub unclosed: bool,
    /// The header (the first row with text), when the problem is after it.
    pub header: Option<Row>,
}

/// The rows of `text` and the separator they were split on: `delimiter`
/// when given (`--delimiter`), else the one the file names or its header
/// line uses.
pub fn split(text: &str, delimiter: Option<char>) -> Result<(Vec<Row>, char), Broken> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (sniffed, skip) = separator(text);
    let sep = delimiter.unwrap_or(sniffed);
    let first_line = 1 + usize::from(skip.is_some());
    let rows = Splitter::new(sep, first_line).run(&text[skip.unwrap_or(0)..])?;
    Ok((rows, sep))
}

/// Excel's `sep=X` first line names the separator (and is not a row);
/// otherwise the header — the first line with text — decides: whichever of
/// `,` `;` and tab it has most of outside quotes, `,` on a tie or none.
/// Returns the separator and, for `sep=`, the byte length of that line.
fn separator(text: &str) -> (char, Option<usize>) {
    let first_end = text.find(['\r', '\n']).unwrap_or(text.len());
    let first = &text[..first_end];
    if first
        .get(..4)
        .is_some_and(|p| p.eq_ignore_ascii_case("sep="))
        && let Some(c) = first[4..].chars().next()
        && first[4 + c.len_utf8()..].trim().is_empty()
        && c != '"'
    {
        let mut end = first_end;
        if text[end..].starts_with("\r\n") {
            end += 2;
        } else if end < text.len() {
            end += 1;
        }
        return (c, Some(end));
    }
    let header = text
        .split(['\r', '\n'])
        .find(|l| !l.trim().is_empty())
        .unwrap_or("");
    let (mut counts, mut quoted) = ([0usize; 3], false);
    for c in header.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = [(counts[0], ','), (counts[1], ';'), (counts[2], '\t')]
        .into_iter()
        .fold((0, ','), |acc, x| if x.0 > acc.0 { x } else { acc });
    (best.1, None)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Nothing of the cell read yet (leading spaces aside).
    Start,
    Unquoted,
    /// Inside quotes opened on the given line.
    Quoted(usize),
    /// After a cell's closing quote: only spaces may follow.
    Closed,
}

struct Splitter {
    sep: char,
    line: usize,
    row_line: usize,
    rows: Vec<Row>,
    cells: Vec<String>,
    cell: String,
    state: State,
}

impl Splitter {
    fn new(sep: char, line: usize) -> Self {
        Splitter {
            sep,
            line,
            row_line: line,
            rows: Vec::new(),
            cells: Vec::new(),
            cell: String::new(),
            state: State::Start,
        }
    }

    fn end_cell(&mut self) {
        self.cells.push(std::mem::take(&mut self.cell));
        self.state = State::Start;
    }

    fn end_row(&mut self) {
        self.end_cell();
        self.rows.push(Row {
            line: self.row_line,
            cells: std::mem::take(&mut self.cells),
        });
        self.line += 1;
        self.row_line = self.line;
    }

    fn broken(&self, line: usize, unclosed: bool) -> Broken {
        Broken {
            line,
            row_line: self.row_line,
            cell: self.cells.len(),
            unclosed,
            header: self.rows.iter().find(|r| !r.is_blank()).cloned(),
        }
    }

    fn run(mut self, text: &str) -> Result<Vec<Row>, Broken> {
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            // Every line end is one line: CRLF, LF, or CR alone.
            let newline = c == '\n' || c == '\r';
            if c == '\r' && chars.peek() == Some(&'\n') {
                chars.next();
            }
            match self.state {
                State::Quoted(_) => {
                    if newline {
                        self.cell.push('\n');
                        self.line += 1;
                    } else if c == '"' {
                        if chars.peek() == Some(&'"') {
                            chars.next();
                            self.cell.push('"');
                        } else {
                            self.state = State::Closed;
                        }
                    } else {
                        self.cell.push(c);
                    }
                }
                _ if newline => self.end_row(),
                _ if c == self.sep => self.end_cell(),
                State::Start if c == '"' => {
                    self.cell.clear();
                    self.state = State::Quoted(self.line);
                }
                State::Start if c == ' ' => self.cell.push(c),
                State::Start | State::Unquoted => {
                    self.cell.push(c);
                    self.state = State::Unquoted;
                }
                State::Closed if c == ' ' || c == '\t' => {}
                State::Closed => return Err(self.broken(self.line, false)),
            }
        }
        match self.state {
            State::Quoted(opened) => return Err(self.broken(opened, true)),
            State::Start if self.cells.is_empty() && self.cell.is_empty() => {}
            _ => self.end_row(),
        }
        Ok(self.rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> Vec<(usize, Vec<String>)> {
        let (rows, _) = split(text, None).unwrap();
        rows.into_iter().map(|r| (r.line, r.cells)).collect()
    }

    fn want(rows: &[(usize, &[&str])]) -> Vec<(usize, Vec<String>)> {
        rows.iter()
            .map(|(l, c)| (*l, c.iter().map(|s| (*s).to_owned()).collect()))
            .collect()
    }

    #[test]
    fn every_line_end_counts_once() {
        let want = want(&[
            (1, &["a", "b"]),
            (2, &["c", "d"]),
            (3, &[""]),
            (4, &["e", ""]),
        ]);
        assert_eq!(rows("a,b\nc,d\n\ne,\n"), want);
        assert_eq!(rows("a,b\r\nc,d\r\n\r\ne,\r\n"), want);
        assert_eq!(rows("a,b\rc,d\r\re,\r"), want);
        assert_eq!(rows("a,b\rc,d\r\re,"), want);
    }

    #[test]
    fn quoted_cells_keep_separators_quotes_and_line_breaks() {
        assert_eq!(
            rows("t,d\r\n\"a, b\",\"say \"\"hi\"\"\r\nthen go\"\r\nnext,x\r\n"),
            want(&[
                (1, &["t", "d"]),
                (2, &["a, b", "say \"hi\"\nthen go"]),
                (4, &["next", "x"]),
            ])
        );
        // A quote inside an unquoted cell is text.
        assert_eq!(rows("5\" pipe,x\n"), want(&[(1, &["5\" pipe", "x"])]));
    }

    #[test]
    fn bom_and_separators() {
        let (r, sep) = split("\u{feff}\"title\";\"risk\"\r\n\"a,b\";3\r\n", None).unwrap();
        assert_eq!(sep, ';');
        assert_eq!(r[0].cells, ["title", "risk"]);
        assert_eq!(r[1].cells, ["a,b", "3"]);
        let (r, sep) = split("sep=;\r\ntitle;risk\r\nA;1\r\n", None).unwrap();
        assert_eq!(sep, ';');
        assert_eq!(r[0].line, 2);
        assert_eq!(r[0].cells, ["title", "risk"]);
        assert_eq!(r[1].line, 3);
        let (_, sep) = split("title\trisk\nA\t1\n", None).unwrap();
        assert_eq!(sep, '\t');
        let (_, sep) = split("title\nA;B\n", None).unwrap();
        assert_eq!(sep, ',');
        // A separator inside a quoted header cell does not count.
        let (r, sep) = split("\"Title; the short one\",Owner\nA,b\n", None).unwrap();
        assert_eq!(sep, ',');
        assert_eq!(r[0].cells, ["Title; the short one", "Owner"]);
        let (r, sep) = split("\"a;b;c\"\tx\n", None).unwrap();
        assert_eq!((sep, r[0].cells.len()), ('\t', 2));
        // --delimiter wins over the header, and a sep= line is still no row.
        let (r, sep) = split("title,x;y\nA,1;2\n", Some(';')).unwrap();
        assert_eq!(
            (sep, &r[1].cells[..]),
            (';', &["A,1".to_owned(), "2".to_owned()][..])
        );
        let (r, _) = split("sep=,\ntitle;x\n", Some(';')).unwrap();
        assert_eq!(r[0].cells, ["title", "x"]);
    }

    #[test]
    fn a_quote_that_never_closes_names_its_line() {
        let e = split("title,owner\n\"Unclosed quote,ana\nNext row,sam\n", None).unwrap_err();
        assert_eq!(
            e,
            Broken {
                line: 2,
                row_line: 2,
                cell: 0,
                unclosed: true,
                header: Some(Row {
                    line: 1,
                    cells: vec!["title".into(), "owner".into()]
                }),
            }
        );
        let e = split("a,b\r\nx,\"multi\r\nline\" y\r\n", None).unwrap_err();
        assert_eq!((e.line, e.row_line, e.cell, e.unclosed), (3, 2, 1, false));
    }
}
