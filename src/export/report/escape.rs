//! The two ways plan text enters the page: as text between tags, and as an
//! attribute value. Nothing else from the plan is ever written, so a title
//! holding `<script>`, `"><img onerror=…>` or `javascript:` stays text.
//!
//! Both neutralise what [`crate::text::is_unsafe`] names (C0 and C1
//! controls, DEL, bidi overrides and isolates) as U+FFFD, so a title cannot
//! reorder what a reader sees; text keeps its line breaks (shown by
//! `white-space: pre-line` where a field is multi-line).

use std::fmt::Write;

use crate::text::{REPLACEMENT, is_unsafe};

/// Plan text for an element's content (HTML or SVG `<title>`/`<text>`).
pub fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\n' => out.push('\n'),
            '\t' => out.push(' '),
            c if is_unsafe(c) => out.push(REPLACEMENT),
            c => out.push(c),
        }
    }
    out
}

/// [`text`] with Markdown `code` spans as `<code>` elements: a message
/// written for the terminal and Markdown ("run `bearing org fetch`")
/// reads as HTML without literal backticks. The span's content is escaped
/// like any text; a backtick without its closing one stays a backtick.
pub fn text_with_code(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    let mut rest = s;
    while let Some(open) = rest.find('`') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('`') else {
            break;
        };
        out.push_str(&text(&rest[..open]));
        let _ = write!(out, "<code>{}</code>", text(&after[..close]));
        rest = &after[close + 1..];
    }
    out.push_str(&text(rest));
    out
}

/// Plan text for a double-quoted attribute value: one line, with both
/// quote characters escaped as well, so it can end neither the value nor
/// the tag.
pub fn attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' | '\t' => out.push(' '),
            c if is_unsafe(c) => out.push(REPLACEMENT),
            c => out.push(c),
        }
    }
    out
}

/// A number for an SVG coordinate: finite, two decimals at most.
pub fn coord(v: f64) -> String {
    let v = if v.is_finite() { v } else { 0.0 };
    let mut s = String::new();
    let _ = write!(s, "{:.2}", v);
    let s = s.trim_end_matches('0').trim_end_matches('.').to_owned();
    if s == "-0" || s.is_empty() {
        "0".to_owned()
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_quotes_and_controls_never_survive() {
        assert_eq!(
            text("<script>a & b</script>"),
            "&lt;script&gt;a &amp; b&lt;/script&gt;"
        );
        assert_eq!(
            attr("\"><img onerror='x'>"),
            "&quot;&gt;&lt;img onerror=&#39;x&#39;&gt;"
        );
        assert_eq!(
            text("a\u{202E}b\u{1b}[31m\u{9b}"),
            "a\u{FFFD}b\u{FFFD}[31m\u{FFFD}"
        );
        assert_eq!(text("two\nlines\tx"), "two\nlines x");
        assert_eq!(attr("two\nlines"), "two lines");
    }

    #[test]
    fn coordinates_are_short_and_finite() {
        assert_eq!(coord(12.0), "12");
        assert_eq!(coord(12.345), "12.35");
        assert_eq!(coord(-0.001), "0");
        assert_eq!(coord(f64::NAN), "0");
        assert_eq!(coord(0.5), "0.5");
    }
}
