//! The token scan behind `tests/layering.rs`: Rust source as identifiers,
//! `::` and punctuation with their lines, without comments, strings,
//! character literals and (on request) `#[cfg(test)]` items.

/// Names of `#[cfg(test)] mod NAME;` declarations.
pub fn test_modules(text: &str) -> Vec<String> {
    let toks = tokens(text);
    let mut out = Vec::new();
    for (i, _) in toks.iter().enumerate() {
        if is_cfg_test(&toks, i) {
            let j = i + cfg_test_len(&toks, i);
            if let [(_, m), (_, name), (_, semi), ..] = &toks[j.min(toks.len())..]
                && m == "mod"
                && semi == ";"
            {
                out.push(name.clone());
            }
        }
    }
    out
}

/// The length of a test-only attribute at `i`: `#[cfg(test)]`, or
/// `#[cfg(all(test, …))]` (test code for one platform); 0 if none.
pub fn cfg_test_len(toks: &[(usize, String)], i: usize) -> usize {
    let at = |k: usize| toks.get(i + k).map(|t| t.1.as_str());
    if (0..4).map(at).ne(["#", "[", "cfg", "("].map(Some)) {
        return 0;
    }
    let plain = at(4) == Some("test") && at(5) == Some(")") && at(6) == Some("]");
    let all = at(4) == Some("all") && at(5) == Some("(") && at(6) == Some("test");
    if plain {
        return 7;
    }
    if !all {
        return 0;
    }
    // To the `]` that closes the attribute.
    let mut depth = 0usize;
    for k in 1.. {
        match at(k) {
            None => return 0,
            Some("[") => depth += 1,
            Some("]") => {
                depth -= 1;
                if depth == 0 {
                    return k + 1;
                }
            }
            _ => {}
        }
    }
    0
}

pub fn is_cfg_test(toks: &[(usize, String)], i: usize) -> bool {
    cfg_test_len(toks, i) > 0
}

/// The tokens without `#[cfg(test)]` items: from the attribute to the `;`
/// or the closing brace of the item's first `{ … }` block.
pub fn without_test_items(toks: &[(usize, String)]) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let attribute = cfg_test_len(toks, i);
        if attribute == 0 {
            out.push(toks[i].clone());
            i += 1;
            continue;
        }
        i += attribute;
        let mut depth = 0usize;
        while i < toks.len() {
            let t = toks[i].1.as_str();
            i += 1;
            match t {
                "{" => depth += 1,
                "}" => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        break;
                    }
                }
                ";" if depth == 0 => break,
                _ => {}
            }
        }
    }
    out
}

/// Identifiers, `::` and single punctuation characters with their 1-based
/// line; comments, strings and character literals are left out.
pub fn tokens(text: &str) -> Vec<(usize, String)> {
    let c: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let (mut i, mut line) = (0, 1);
    let skip_to = |i: &mut usize, end: usize, line: &mut usize| {
        *line += c[*i..end.min(c.len())]
            .iter()
            .filter(|&&x| x == '\n')
            .count();
        *i = end;
    };
    while i < c.len() {
        let ch = c[i];
        let next = c.get(i + 1).copied();
        if ch == '\n' {
            line += 1;
            i += 1;
        } else if ch == '/' && next == Some('/') {
            let end = (i..c.len()).find(|&j| c[j] == '\n').unwrap_or(c.len());
            i = end;
        } else if ch == '/' && next == Some('*') {
            let (mut j, mut depth) = (i, 0);
            while j < c.len() {
                if c[j] == '/' && c.get(j + 1) == Some(&'*') {
                    depth += 1;
                    j += 2;
                } else if c[j] == '*' && c.get(j + 1) == Some(&'/') {
                    depth -= 1;
                    j += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    j += 1;
                }
            }
            skip_to(&mut i, j, &mut line);
        } else if ch == '"' {
            let mut j = i + 1;
            while j < c.len() && c[j] != '"' {
                j += if c[j] == '\\' { 2 } else { 1 };
            }
            skip_to(&mut i, j + 1, &mut line);
        } else if ch == 'r' && matches!(next, Some('"' | '#')) && raw_string_end(&c, i).is_some() {
            let end = raw_string_end(&c, i).unwrap_or(c.len());
            skip_to(&mut i, end, &mut line);
        } else if ch == '\'' {
            // A character literal ('x', '\n', '\u{1b}'), or a lifetime.
            let end = if next == Some('\\') {
                (i + 2..c.len()).find(|&j| c[j] == '\'').map(|j| j + 1)
            } else {
                (c.get(i + 2) == Some(&'\'')).then_some(i + 3)
            };
            i = end.unwrap_or(i + 1);
        } else if ch == '_' || ch.is_alphabetic() {
            let start = i;
            while i < c.len() && (c[i] == '_' || c[i].is_alphanumeric()) {
                i += 1;
            }
            out.push((line, c[start..i].iter().collect()));
        } else if ch == ':' && next == Some(':') {
            out.push((line, "::".into()));
            i += 2;
        } else if ch.is_whitespace() || ch.is_ascii_digit() {
            i += 1;
        } else {
            out.push((line, ch.to_string()));
            i += 1;
        }
    }
    out
}

/// The end of a raw string `r#"…"#` starting at `i` (the `r`).
fn raw_string_end(c: &[char], i: usize) -> Option<usize> {
    let hashes = c[i + 1..].iter().take_while(|&&x| x == '#').count();
    let open = i + 1 + hashes;
    if c.get(open) != Some(&'"') {
        return None;
    }
    let close: String = std::iter::once('"')
        .chain(std::iter::repeat_n('#', hashes))
        .collect();
    let close: Vec<char> = close.chars().collect();
    (open + 1..c.len())
        .find(|&j| c[j..].starts_with(&close))
        .map(|j| j + close.len())
}
