//! How a conflict's versions are shown on one line, the same on the
//! conflict screen and in the command line's conflict lines: whole when
//! short, else the part where they differ with a little of what they
//! share around it, so two long values never show the same prefix.

/// One line per version as shown on a row: `(absent)`, line breaks as ⏎.
pub fn one_line(v: Option<&str>) -> String {
    v.map_or("(absent)".to_owned(), |v| v.replace(['\n', '\r'], " ⏎ "))
}

/// What each version shows on the row's line: whole when short; else
/// the part where they differ, with a little of what they share around
/// it ("…vision ⏎ not yet" against "…vision ⏎ maybe").
pub fn differing(values: &[Option<&str>]) -> Vec<String> {
    let lines: Vec<Vec<char>> = values
        .iter()
        .map(|v| one_line(*v).chars().collect())
        .collect();
    let present: Vec<&Vec<char>> = values
        .iter()
        .zip(&lines)
        .filter(|(v, _)| v.is_some())
        .map(|(_, l)| l)
        .collect();
    let whole = || lines.iter().map(|l| l.iter().collect()).collect();
    let shortest = present.iter().map(|l| l.len()).min().unwrap_or(0);
    if present.len() < 2 || shortest <= 12 {
        return whole();
    }
    let same_at = |i: usize, end: bool| {
        let at = |l: &Vec<char>| if end { l[l.len() - 1 - i] } else { l[i] };
        present.iter().all(|l| at(l) == at(present[0]))
    };
    let prefix = (0..shortest).take_while(|&i| same_at(i, false)).count();
    let suffix = (0..shortest - prefix)
        .take_while(|&i| same_at(i, true))
        .count();
    const KEEP: usize = 4;
    lines
        .iter()
        .zip(values)
        .map(|(l, v)| {
            if v.is_none() {
                return l.iter().collect();
            }
            let (mut from, mut to) = (0, l.len());
            let mut out = String::new();
            // Cuts fall between words, never inside one ("…ace the" reads
            // as noise), looking at most a word's length further.
            const WORD: usize = 12;
            if prefix > KEEP + 2 {
                from = prefix - KEEP;
                let stop = from.saturating_sub(WORD);
                while from > stop && !l[from - 1].is_whitespace() {
                    from -= 1;
                }
                if from > 0 {
                    out.push('…');
                }
            }
            let mut cut_end = suffix > KEEP + 2;
            if cut_end {
                to = l.len() - suffix + KEEP;
                let stop = (to + WORD).min(l.len());
                while to < stop && !l[to].is_whitespace() {
                    to += 1;
                }
                cut_end = to < l.len();
            }
            out.extend(&l[from..to.max(from)]);
            if cut_end {
                out.push('…');
            }
            out
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_values_show_where_they_differ() {
        let ours =
            "Old HMAC signing still used by the billing export\nRemove it after the migration";
        let theirs =
            "Old HMAC signing still used by the billing export\nRemove it before the audit";
        let shown = differing(&[Some(ours), Some(theirs)]);
        assert_eq!(
            shown,
            [
                "…Remove it after the migration",
                "…Remove it before the audit"
            ]
        );
        assert_eq!(differing(&[Some("short"), None]), ["short", "(absent)"]);
    }

    #[test]
    fn cuts_fall_between_words() {
        let shown = differing(&[
            Some("Replace the retry loop with the SDK's"),
            Some("Replace hand-rolled retry loops everywhere"),
        ]);
        assert_eq!(
            shown,
            [
                "Replace the retry loop with the SDK's",
                "Replace hand-rolled retry loops everywhere"
            ]
        );
    }
}
