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

/// Whether `text` (a `.gitattributes` file) already holds `line` as a
/// whole line (blanks around it ignored).
pub fn has_line(text: &str, line: &str) -> bool {
    text.lines().any(|l| l.trim() == line)
}

/// The last line of `text` (an attributes file whose patterns are relative
/// to the directory `rel_path` is in, given from there) whose pattern
/// matches `rel_path` and which sets `merge` or `diff` to anything but
/// Bearing's driver (`-merge`, `!diff`, `merge=text`, `binary`): the line
/// git lets win over one further up. 1-based line number and the line.
pub fn overriding_line(text: &str, rel_path: &str) -> Option<(usize, String)> {
    let ours = [format!("merge={DRIVER}"), format!("diff={DRIVER}")];
    text.lines()
        .enumerate()
        .filter(|(_, l)| {
            let Some((pat, attrs)) = split_line(l) else {
                return false;
            };
            let other = attrs.split_whitespace().any(|a| {
                let name = a.trim_start_matches(['-', '!']);
                let name = name.split('=').next().unwrap_or(name);
                (matches!(name, "merge" | "diff") && !ours.iter().any(|o| o == a)) || a == "binary"
            });
            other && matches(&pat, rel_path)
        })
        .last()
        .map(|(i, l)| (i + 1, l.trim().to_owned()))
}

/// Whether a line of `text` matching `rel_path` sets `merge=bearing`.
pub fn names_driver(text: &str, rel_path: &str) -> bool {
    let ours = format!("merge={DRIVER}");
    text.lines().any(|l| {
        split_line(l).is_some_and(|(pat, attrs)| {
            attrs.split_whitespace().any(|a| a == ours) && matches(&pat, rel_path)
        })
    })
}

/// A line's pattern (unquoted) and the rest; `None` for a blank line, a
/// comment or a macro definition.
fn split_line(line: &str) -> Option<(String, &str)> {
    let l = line.trim();
    if l.is_empty() || l.starts_with('#') || l.starts_with("[attr]") {
        return None;
    }
    if let Some(rest) = l.strip_prefix('"') {
        let mut pat = String::new();
        let mut chars = rest.char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                '\\' => pat.extend(chars.next().map(|(_, c)| c)),
                '"' => return Some((pat, &rest[i + 1..])),
                c => pat.push(c),
            }
        }
        return None;
    }
    let end = l.find([' ', '\t']).unwrap_or(l.len());
    Some((l[..end].to_owned(), &l[end..]))
}

/// A `.gitattributes` pattern against a path relative to the file's
/// directory, as git matches it: with no `/` but a trailing one, against
/// the last component anywhere below; else against the whole path from
/// the directory (a leading `/` only anchors). `*` and `?` stay within a
/// component, `**` crosses them, `\\` escapes.
pub fn matches(pattern: &str, rel_path: &str) -> bool {
    let p = pattern.strip_suffix('/').unwrap_or(pattern);
    if !p.contains('/') {
        let name = rel_path.rsplit('/').next().unwrap_or(rel_path);
        return glob(p.as_bytes(), name.as_bytes());
    }
    glob(p.trim_start_matches('/').as_bytes(), rel_path.as_bytes())
}

fn glob(p: &[u8], s: &[u8]) -> bool {
    match p.first() {
        None => s.is_empty(),
        Some(b'*') if p.get(1) == Some(&b'*') => {
            let rest = p[2..].strip_prefix(b"/").unwrap_or(&p[2..]);
            (0..=s.len()).any(|i| (i == 0 || s[i - 1] == b'/') && glob(rest, &s[i..]))
                || glob(&p[2..], s)
        }
        Some(b'*') => (0..=s.len())
            .take_while(|&i| i == 0 || s[i - 1] != b'/')
            .any(|i| glob(&p[1..], &s[i..])),
        Some(b'?') => s.first().is_some_and(|&c| c != b'/') && glob(&p[1..], &s[1..]),
        Some(b'\\') if p.len() > 1 => s.first() == Some(&p[1]) && glob(&p[2..], &s[1..]),
        Some(&c) => s.first() == Some(&c) && glob(&p[1..], &s[1..]),
    }
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

    #[test]
    fn overrides_are_found_as_git_matches_them() {
        assert!(matches("bearing.ron", "bearing.ron"));
        assert!(matches("bearing.ron", "p/bearing.ron"));
        assert!(matches("/bearing.ron", "bearing.ron"));
        assert!(!matches("/bearing.ron", "p/bearing.ron"));
        assert!(matches("*.ron", "p/q3.ron"));
        assert!(matches("p/*.ron", "p/q3.ron"));
        assert!(!matches("p/*.ron", "p/x/q3.ron"));
        assert!(matches("**/q3.ron", "p/x/q3.ron"));
        assert!(matches("/my plans/q3.ron", "my plans/q3.ron"));
        let text = "*.png binary\nbearing.ron -merge -diff\n# c\n";
        assert_eq!(
            overriding_line(text, "bearing.ron"),
            Some((2, "bearing.ron -merge -diff".into()))
        );
        assert_eq!(overriding_line(text, "other.ron"), None);
        assert_eq!(
            overriding_line("/bearing.ron merge=bearing diff=bearing\n", "bearing.ron"),
            None
        );
        assert_eq!(
            overriding_line("*.ron binary\n", "x.ron"),
            Some((1, "*.ron binary".into()))
        );
        assert!(names_driver(
            "\"/my plans/q3.ron\" merge=bearing diff=bearing\n",
            "my plans/q3.ron"
        ));
        assert!(has_line("a\n  /b merge=bearing  \n", "/b merge=bearing"));
    }
}
