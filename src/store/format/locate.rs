//! Where things are in plan text that has already parsed: the `key:` of
//! every field, outside strings and comments, with the group it belongs to,
//! so an error can point at the line and column of the value it is about,
//! whatever the layout (hand-written one-liners, ids that span lines,
//! escapes, fields in any order).

use super::Position;

/// One `name: value` in the text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Key<'a> {
    pub name: &'a str,
    /// Byte offset where the value starts.
    pub value: usize,
    /// Byte offset of the `(`, `[` or `{` that encloses the key (0 at the top).
    pub group: usize,
    /// How many groups enclose the key.
    pub depth: usize,
}

/// Every key in file order. Only meant for text that parsed, so brackets
/// balance and strings close; on other text it gives up quietly.
pub(crate) fn keys(text: &str) -> Vec<Key<'_>> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut stack: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'"' => i = skip_string(b, i),
            b'\'' => i = skip_char(b, i),
            b'/' if b.get(i + 1) == Some(&b'/') => {
                i = b[i..]
                    .iter()
                    .position(|c| *c == b'\n')
                    .map_or(b.len(), |n| i + n);
            }
            b'/' if b.get(i + 1) == Some(&b'*') => i = skip_block_comment(b, i),
            b'(' | b'[' | b'{' => {
                stack.push(i);
                i += 1;
            }
            b')' | b']' | b'}' => {
                stack.pop();
                i += 1;
            }
            c if c == b'_' || c.is_ascii_alphabetic() => {
                let start = i;
                while i < b.len() && (b[i] == b'_' || b[i].is_ascii_alphanumeric()) {
                    i += 1;
                }
                let name = &text[start..i];
                if matches!(name, "r" | "b" | "br") && matches!(b.get(i), Some(b'"' | b'#')) {
                    i = skip_raw_string(b, i);
                    continue;
                }
                let mut j = skip_space(b, i);
                if b.get(j) == Some(&b':') && b.get(j + 1) != Some(&b':') {
                    j = skip_space(b, j + 1);
                    out.push(Key {
                        name,
                        value: j,
                        group: stack.last().copied().unwrap_or(0),
                        depth: stack.len(),
                    });
                }
            }
            _ => i += 1,
        }
    }
    out
}

fn skip_space(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && b[i].is_ascii_whitespace() {
        i += 1;
    }
    i
}

/// From an opening `"` to just past its closing quote.
fn skip_string(b: &[u8], mut i: usize) -> usize {
    i += 1;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    b.len()
}

fn skip_char(b: &[u8], mut i: usize) -> usize {
    i += 1;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'\'' => return i + 1,
            _ => i += 1,
        }
    }
    b.len()
}

/// `#*"…"#*` after the `r`.
fn skip_raw_string(b: &[u8], mut i: usize) -> usize {
    let hashes = b[i..].iter().take_while(|c| **c == b'#').count();
    i += hashes;
    if b.get(i) != Some(&b'"') {
        return i;
    }
    i += 1;
    while i < b.len() {
        if b[i] == b'"'
            && b[i + 1..]
                .iter()
                .take(hashes)
                .filter(|c| **c == b'#')
                .count()
                == hashes
        {
            return i + 1 + hashes;
        }
        i += 1;
    }
    b.len()
}

/// RON block comments nest.
fn skip_block_comment(b: &[u8], mut i: usize) -> usize {
    let mut depth = 0usize;
    while i < b.len() {
        if b[i..].starts_with(b"/*") {
            depth += 1;
            i += 2;
        } else if b[i..].starts_with(b"*/") {
            depth = depth.saturating_sub(1);
            i += 2;
            if depth == 0 {
                return i;
            }
        } else {
            i += 1;
        }
    }
    b.len()
}

/// The string literal that starts at `at`, read the way RON reads it.
pub(crate) fn string_at(text: &str, at: usize) -> Option<String> {
    let b = text.as_bytes();
    let end = match b.get(at)? {
        b'"' => skip_string(b, at),
        b'r' => skip_raw_string(b, at + 1),
        _ => return None,
    };
    ron::from_str::<String>(text.get(at..end)?).ok()
}

/// 1-based line and column (in characters) of a byte offset.
pub(crate) fn position(text: &str, at: usize) -> Position {
    let at = at.min(text.len());
    let before = text.get(..at).unwrap_or(text);
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    Position {
        line: before.matches('\n').count() + 1,
        column: before[line_start..].chars().count() + 1,
    }
}

/// Where each item with this id is written: the `id:` values equal to it.
pub(crate) fn items<'a>(keys: &[Key<'a>], text: &str, id: &str) -> Vec<Key<'a>> {
    keys.iter()
        .filter(|k| k.name == "id" && string_at(text, k.value).as_deref() == Some(id))
        .copied()
        .collect()
}

/// The `n`-th (0-based) key called `name` inside the group that starts at
/// `group` (in nested groups too when `nested`).
pub(crate) fn field_in<'a>(
    keys: &[Key<'a>],
    group: usize,
    name: &str,
    n: usize,
    nested: bool,
) -> Option<Key<'a>> {
    let first = keys.iter().position(|k| k.group == group)?;
    let depth = keys[first].depth;
    keys[first..]
        .iter()
        .take_while(|k| k.depth > depth || k.group == group)
        .filter(|k| k.name == name && (nested || k.group == group))
        .nth(n)
        .copied()
}

/// The top-level key `name` (a section such as `weights:` or `debts:`).
pub(crate) fn section<'a>(keys: &[Key<'a>], name: &str) -> Option<Key<'a>> {
    keys.iter()
        .find(|k| k.depth == 1 && k.name == name)
        .copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_keys_outside_strings_and_comments() {
        let text = "(\n  // effort: 1\n  debts: [(id: \"D-1\\n2\", title: \"effort: 9\", /* risk: 1 */ effort: 0)],\n)";
        let keys = keys(text);
        let names: Vec<&str> = keys.iter().map(|k| k.name).collect();
        assert_eq!(names, ["debts", "id", "title", "effort"]);
        let item = items(&keys, text, "D-1\n2")[0];
        let effort = field_in(&keys, item.group, "effort", 0, false).unwrap();
        assert_eq!(position(text, effort.value).line, 3);
        assert_eq!(&text[effort.value..effort.value + 1], "0");
    }

    #[test]
    fn an_id_spanning_lines_is_found_on_its_first_line() {
        let text = "(\n  debts: [\n    (\n      id: \"D-1\nx\",\n      effort: 0,\n    ),\n  ],\n)";
        let keys = keys(text);
        let item = items(&keys, text, "D-1\nx")[0];
        assert_eq!(
            position(text, item.value),
            Position {
                line: 4,
                column: 11
            }
        );
    }
}
