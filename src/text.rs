//! Text from a plan file is data, never terminal instructions. These helpers
//! make it safe for the three places it goes: a terminal, a Markdown table and
//! a spreadsheet.

use std::borrow::Cow;

/// What a control character or escape is drawn as.
pub const REPLACEMENT: char = '\u{FFFD}';

/// Characters that must never reach a terminal or an export: C0 and C1
/// controls, DEL, and the bidi overrides that reorder what a reader sees.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// One line of terminal-safe text: line breaks and tabs become spaces, every
/// other unsafe character becomes U+FFFD.
pub fn sanitize(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| match c {
                '\n' | '\t' => ' ',
                c if is_unsafe(c) => REPLACEMENT,
                c => c,
            })
            .collect(),
    )
}

/// Multi-line terminal-safe text: keeps line breaks, neutralizes the rest.
pub fn sanitize_multiline(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| c != '\n' && is_unsafe(c)) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| match c {
                '\n' => '\n',
                '\t' => ' ',
                c if is_unsafe(c) => REPLACEMENT,
                c => c,
            })
            .collect(),
    )
}

/// A Markdown table cell: sanitized, one line, with everything that would end
/// the cell, start markup or raw HTML escaped, so a title cannot break the
/// table or inject a link.
pub fn markdown_cell(s: &str) -> String {
    markdown_escape(&sanitize(s)).trim().to_owned()
}

fn markdown_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '|' | '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '!' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '&' => out.push_str("&amp;"),
            c => out.push(c),
        }
    }
    out
}

/// A Markdown line (a warning, a finding; not a table cell) whose code
/// spans stay code: text between a pair of backticks is kept as a code
/// span (`` `bearing org fetch` ``; Markdown shows it literally, markup and
/// HTML included), everything else is escaped as [`markdown_cell`] does,
/// a lone backtick too.
pub fn markdown_with_code(s: &str) -> String {
    let clean = sanitize(s);
    let mut out = String::with_capacity(clean.len() + 8);
    let mut rest: &str = &clean;
    while let Some(open) = rest.find('`') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('`') else {
            break;
        };
        out.push_str(&markdown_escape(&rest[..open]));
        let code = &after[..close];
        // `` ` x` `` would lose its padding: a space each side keeps it.
        if code.starts_with(' ') || code.ends_with(' ') || code.is_empty() {
            out.push_str(&markdown_escape(&format!("`{code}`")));
        } else {
            out.push('`');
            out.push_str(code);
            out.push('`');
        }
        rest = &after[close + 1..];
    }
    out.push_str(&markdown_escape(rest));
    out.trim().to_owned()
}

/// What a spreadsheet runs as a formula when a cell starts with it.
pub const FORMULA_STARTERS: [char; 7] = ['=', '+', '-', '@', '\t', '\r', '\n'];

/// Whether a cell needs (or, read back, carries) the `'` guard: it starts
/// with a formula starter once its leading `'`s are set aside. Counting the
/// `'`s keeps text that itself starts with `'=` exact through a round trip.
fn guarded(s: &str) -> bool {
    s.trim_start_matches('\'').starts_with(FORMULA_STARTERS)
}

/// A CSV cell that a spreadsheet will not run as a formula (OWASP CSV
/// injection): a leading `=`, `+`, `-`, `@`, tab, CR or LF (after any `'`s)
/// gets a `'` in front, which [`csv_unguard`] takes off again. Numbers are
/// written separately and keep their sign.
pub fn csv_cell(s: &str) -> String {
    let clean = sanitize(s);
    if guarded(&clean) {
        format!("'{clean}")
    } else {
        clean.into_owned()
    }
}

/// [`csv_cell`] for multi-line text (a description): its line breaks kept.
pub fn csv_text_cell(s: &str) -> String {
    let clean = sanitize_multiline(s);
    if guarded(&clean) {
        format!("'{clean}")
    } else {
        clean.into_owned()
    }
}

/// Exactly undoes [`csv_cell`]'s guard: a cell that starts with `'` and,
/// after its `'`s, with a formula starter loses one `'`.
pub fn csv_unguard(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if guarded(rest) => rest,
        _ => cell,
    }
}

/// A user's value quoted for a message: in `"…"`, with `"`, `\\` and every
/// unsafe character escaped and everything else — accents, combining marks
/// (NFD `e\u{301}`), other scripts — written as text; cut at [`QUOTE_MAX`]
/// characters with `…`.
pub fn quote(s: &str) -> String {
    const MAX: usize = QUOTE_MAX;
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for (i, c) in s.chars().enumerate() {
        if i == MAX {
            out.push('…');
            break;
        }
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if is_unsafe(c) => out.extend(c.escape_unicode()),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Undoes the `\u{…}` escapes RON (and Rust's `{:?}`) write for printable
/// characters such as combining accents, so `Cafe\u{301}` reads `Café`;
/// escapes of unsafe characters and every other escape stay as they are.
pub fn unescape_printable(s: &str) -> Cow<'_, str> {
    if !s.contains("\\u{") {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('\\') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let decoded = tail
            .strip_prefix("\\u{")
            .and_then(|t| t.split_once('}'))
            .and_then(|(hex, after)| {
                let c = char::from_u32(u32::from_str_radix(hex, 16).ok()?)?;
                (!is_unsafe(c)).then_some((c, after))
            });
        match decoded {
            Some((c, after)) => {
                out.push(c);
                rest = after;
            }
            None => {
                // Any other escape (including `\\`) is copied whole, so the
                // backslash of `\\u{301}` is never taken for an escape.
                let len = tail.chars().nth(1).map_or(1, |c| 1 + c.len_utf8());
                out.push_str(&tail[..len]);
                rest = &tail[len..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// "1 day", "3 days", "0 errors": a count with its noun, plural unless the
/// count is one. Every count in the output goes through here.
pub fn count<N>(n: N, noun: &str) -> String
where
    N: TryInto<i64> + std::fmt::Display + Copy,
{
    let one = matches!(n.try_into(), Ok(1 | -1));
    if one {
        format!("{n} {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// A path cut to `width` columns from the directory side: the file name
/// stays whole as long as it fits (`…/plans/bearing.ron`); text without a
/// `/` is cut at its end like [`truncate`].
pub fn shorten_path(s: &str, width: usize) -> Cow<'_, str> {
    if display_width(s) <= width {
        return Cow::Borrowed(s);
    }
    let Some(slash) = s.rfind('/') else {
        return truncate(s, width);
    };
    let name = &s[slash..]; // with its `/`
    if display_width(name) + 1 > width {
        return truncate(&s[slash + 1..], width).into_owned().into();
    }
    // The longest tail of the directory that fits after the `…`.
    let dir = &s[..slash];
    let mut keep = display_width(name) + 1;
    let mut start = dir.len();
    for (i, c) in dir.char_indices().rev() {
        let cw = char_width(c);
        if keep + cw > width {
            break;
        }
        keep += cw;
        start = i;
    }
    Cow::Owned(format!("…{}{name}", &dir[start..]))
}

/// Cuts `s` to at most `width` terminal columns, ending with `…` when cut.
pub fn truncate(s: &str, width: usize) -> Cow<'_, str> {
    let w = display_width(s);
    if w <= width {
        return Cow::Borrowed(s);
    }
    if width == 0 {
        return Cow::Borrowed("");
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let cw = char_width(c);
        if used + cw + 1 > width {
            break;
        }
        used += cw;
        out.push(c);
    }
    out.push('…');
    Cow::Owned(out)
}

fn char_width(c: char) -> usize {
    unicode_width::UnicodeWidthChar::width(c).unwrap_or(0)
}

pub fn display_width(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(s)
}

/// How long a quoted value in a message may be, in characters.
pub const QUOTE_MAX: usize = 40;

/// An id (or other short key) as messages show it: as written when it is
/// plain (letters, digits, `-`, `_`, `.`, up to [`QUOTE_MAX`]), else quoted.
pub fn label(s: &str) -> Cow<'_, str> {
    let plain = !s.is_empty()
        && s.chars().count() <= QUOTE_MAX
        && s.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if plain {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(quote(s))
    }
}

/// A number as people write it, the one spelling every output uses: no
/// trailing zeros, at most two decimals, and never `-0` (a value that rounds
/// to zero is `0`, whatever its sign).
pub fn number(x: f64) -> String {
    if !x.is_finite() {
        return format!("{x}");
    }
    let s = format!("{x:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_owned()
    } else {
        s.to_owned()
    }
}

/// A score in a column or a total: always two decimals so a column lines
/// up (`3.50`), and never `-0.00` (an empty sprint's summed score is `-0.0`
/// in floating point). Every score the UI, the CLI and exports print goes
/// through here.
pub fn score(x: f64) -> String {
    format!("{:.2}", no_negative_zero(x)).replace("-0.00", "0.00")
}

/// A score, or `triage` for an item with no effort yet (it has none).
pub fn score_or_triage(x: Option<f64>) -> String {
    x.map_or_else(|| "triage".to_owned(), score)
}

/// A debt item's score cell: its score, `triage` when it waits for an
/// estimate, `-` for a closed item (done or won't fix): only open debt is
/// ranked, so a closed item has no score even when it has an effort.
pub fn debt_score(d: &crate::model::Debt, x: Option<f64>) -> String {
    match x {
        _ if !d.status.is_open() => "-".to_owned(),
        Some(x) => score(x),
        None => "triage".to_owned(),
    }
}

/// An effort in a column: the points, or `?` when not estimated yet.
pub fn effort(e: Option<u32>) -> String {
    e.map_or_else(|| "?".to_owned(), |e| e.to_string())
}

/// A share as a whole percentage (`0.456` → `46%`), never `-0%`.
pub fn percent(share: f64) -> String {
    let s = format!("{:.0}", share * 100.0);
    if s == "-0" {
        "0%".to_owned()
    } else {
        format!("{s}%")
    }
}

/// `x` with a negative zero turned into a plain zero, for outputs that
/// print floats themselves (JSON).
pub fn no_negative_zero(x: f64) -> f64 {
    // -0.0 + 0.0 is +0.0; every other value is unchanged.
    x + 0.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_score_has_two_decimals_and_no_negative_zero() {
        assert_eq!(score(-0.0), "0.00");
        assert_eq!(score(-0.001), "0.00");
        assert_eq!(score(3.5), "3.50");
        assert_eq!(score(-1.256), "-1.26");
        let empty: f64 = Vec::<f64>::new().into_iter().sum();
        assert_eq!(score(empty), "0.00");
    }

    #[test]
    fn escapes_are_inert() {
        let evil = "a\u{1b}]0;pwn\u{7}b\u{9b}31mc\u{202E}d\re\0";
        let s = sanitize(evil);
        assert!(!s.chars().any(is_unsafe), "{s:?}");
        assert!(s.starts_with('a'));
        assert_eq!(sanitize("plain"), Cow::Borrowed("plain"));
    }

    #[test]
    fn markdown_cells_cannot_break_tables() {
        let c = markdown_cell("a | b\nc <script> [x](http://e)");
        assert!(!c.contains(" | "));
        assert!(c.contains("\\|"));
        assert!(c.contains("\\<script\\>"));
        assert!(!c.contains('\n'));
    }

    #[test]
    fn csv_formulas_are_neutralized() {
        assert_eq!(csv_cell("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(csv_cell("@cmd"), "'@cmd");
        assert_eq!(csv_cell("-1+2"), "'-1+2");
        assert_eq!(csv_cell("fine"), "fine");
    }

    #[test]
    fn combining_marks_are_text_controls_are_escaped() {
        let nfd = "Cafe\u{301}";
        assert_eq!(sanitize(nfd), nfd);
        assert_eq!(quote(nfd), "\"Cafe\u{301}\"");
        assert_eq!(quote("a\"b\u{1b}\n"), "\"a\\\"b\\u{1b}\\n\"");
        assert_eq!(
            unescape_printable("t: \"Cafe\\u{301}\""),
            "t: \"Cafe\u{301}\""
        );
        assert_eq!(
            unescape_printable("\\\\u{301} \\u{1b}"),
            "\\\\u{301} \\u{1b}"
        );
    }

    #[test]
    fn counts_and_numbers() {
        assert_eq!(count(1, "day"), "1 day");
        assert_eq!(count(2usize, "error"), "2 errors");
        assert_eq!(count(0u32, "warning"), "0 warnings");
        assert_eq!(count(-1i64, "day"), "-1 day");
        assert_eq!(number(1.50), "1.5");
        assert_eq!(number(-0.001), "0");
        assert_eq!(number(3.0), "3");
    }

    #[test]
    fn paths_lose_their_directory_before_their_name() {
        let p = "/home/ana/src/platform/plans/bearing.ron";
        assert_eq!(shorten_path(p, 80), p);
        assert_eq!(shorten_path(p, 20), "…m/plans/bearing.ron");
        assert_eq!(display_width(&shorten_path(p, 20)), 20);
        assert_eq!(shorten_path(p, 12), "bearing.ron");
        assert_eq!(shorten_path(p, 8), "bearing…");
        assert_eq!(shorten_path("demo (read-only)", 8), "demo (r…");
    }

    #[test]
    fn truncate_to_width() {
        assert_eq!(truncate("hello", 10), "hello");
        assert_eq!(truncate("hello world", 6), "hello…");
        assert_eq!(truncate("日本語", 4), "日…");
    }

    #[test]
    fn quoted_values_are_escaped_and_short() {
        assert_eq!(quote("a\nb"), "\"a\\nb\"");
        let long = quote(&"x".repeat(500));
        assert!(long.ends_with("…\"") && long.chars().count() == QUOTE_MAX + 3);
        assert_eq!(label("D-00001"), "D-00001");
        assert_eq!(label("D-1\nx"), "\"D-1\\nx\"");
    }

    #[test]
    fn numbers_never_print_negative_zero() {
        assert_eq!(number(-0.0), "0");
        assert_eq!(number(-0.001), "0");
        assert_eq!(number(12.0), "12");
        assert_eq!(number(0.5), "0.5");
        assert_eq!(number(-1.25), "-1.25");
        assert_eq!(number(99.999), "100");
        assert!(no_negative_zero(-0.0).is_sign_positive());
        assert_eq!(percent(-0.001), "0%");
        assert_eq!(percent(-0.25), "-25%");
        assert_eq!(percent(1.5), "150%");
    }
}
