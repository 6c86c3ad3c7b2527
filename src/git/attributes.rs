//! The `.gitattributes` line that sends a plan to Bearing's merge driver
//! and diff hunk headers, as text (pure: the caller reads and writes the
//! file).

/// The driver's name in `merge=` and `diff=`, and in `merge.NAME.*`,
/// `diff.NAME.*` config keys.
pub const DRIVER: &str = "bearing";

/// The attributes a plan gets.
pub fn attributes() -> String {
    format!("merge={DRIVER} diff={DRIVER}")
}

/// A pattern matching exactly `path` (from the repository root, `/`
/// separators): anchored with a leading `/`, glob characters escaped, and
/// in double quotes (git's C-style quoting) when it holds a space, a quote
/// or a backslash.
pub fn pattern(path: &str) -> String {
    let mut p = String::from("/");
    for c in path.chars() {
        if matches!(c, '*' | '?' | '[' | ']' | '\\' | '!' | '#') {
            p.push('\\');
        }
        p.push(c);
    }
    if p.contains([' ', '\t', '"', '\\']) {
        let mut q = String::from("\"");
        for c in p.chars() {
            if matches!(c, '"' | '\\') {
                q.push('\\');
            }
            q.push(c);
        }
        q.push('"');
        return q;
    }
    p
}

/// The whole line for `path`.
pub fn line(path: &str) -> String {
    format!("{} {}", pattern(path), attributes())
}

/// `text` (a `.gitattributes` file, maybe empty) with `line` added at
/// the end, in the file's own line ends.
pub fn append(text: &str, line: &str) -> String {
    let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let mut out = text.to_owned();
    if !out.is_empty() && !out.ends_with('\n') {
        out.push_str(eol);
    }
    out.push_str(line);
    out.push_str(eol);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_match_only_the_plan() {
        assert_eq!(pattern("bearing.ron"), "/bearing.ron");
        assert_eq!(pattern("plans/q3.ron"), "/plans/q3.ron");
        assert_eq!(pattern("my plans/q3.ron"), "\"/my plans/q3.ron\"");
        assert_eq!(pattern("a[1]*.ron"), "\"/a\\\\[1\\\\]\\\\*.ron\"");
        assert_eq!(
            line("bearing.ron"),
            "/bearing.ron merge=bearing diff=bearing"
        );
    }

    #[test]
    fn append_keeps_the_files_line_ends() {
        assert_eq!(append("", "x"), "x\n");
        assert_eq!(append("*.png binary", "x"), "*.png binary\nx\n");
        assert_eq!(append("a\r\nb\r\n", "x"), "a\r\nb\r\nx\r\n");
    }
}
