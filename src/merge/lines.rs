//! A line-based three-way merge of one text (a North Star, a description,
//! evidence): edits of different lines both land; edits that touch the same
//! or neighbouring lines are a clash, as in `git merge-file`.

/// Base lines `start..end` replaced by `lines`.
#[derive(Debug, PartialEq)]
struct Hunk<'a> {
    start: usize,
    end: usize,
    lines: Vec<&'a str>,
}

/// Above this many line pairs the diff is not tried: a clash instead.
const MAX_CELLS: usize = 4_000_000;

/// The merged text, or `None` when the two sides' edits clash.
pub fn merge(base: &str, ours: &str, theirs: &str) -> Option<String> {
    let b: Vec<&str> = base.split_inclusive('\n').collect();
    let o: Vec<&str> = ours.split_inclusive('\n').collect();
    let t: Vec<&str> = theirs.split_inclusive('\n').collect();
    let ours = hunks(&b, &o)?;
    let theirs = hunks(&b, &t)?;
    let (mut i, mut j) = (0, 0);
    let mut picked = Vec::new();
    while i < ours.len() || j < theirs.len() {
        match (ours.get(i), theirs.get(j)) {
            (Some(x), Some(y)) if x == y => {
                picked.push(x);
                i += 1;
                j += 1;
            }
            (Some(x), Some(y)) if clash(x, y) => return None,
            (Some(x), Some(y)) if x.start <= y.start => {
                picked.push(x);
                i += 1;
            }
            (_, Some(y)) => {
                picked.push(y);
                j += 1;
            }
            (Some(x), None) => {
                picked.push(x);
                i += 1;
            }
            (None, None) => unreachable!("the loop condition"),
        }
    }
    let mut out = String::new();
    let mut pos = 0;
    for h in picked {
        out.extend(b[pos..h.start].iter().copied());
        out.extend(h.lines.iter().copied());
        pos = h.end;
    }
    out.extend(b[pos..].iter().copied());
    Some(out)
}

/// Whether two hunks of different sides touch the same base lines, or meet
/// at a point where their order would be a guess.
fn clash(x: &Hunk, y: &Hunk) -> bool {
    (x.start < y.end && y.start < x.end)
        || x.start == y.start
        || (x.start == x.end && x.start == y.end)
        || (y.start == y.end && y.start == x.end)
}

/// The edits that turn `base` into `new`, by a longest common subsequence.
fn hunks<'a>(base: &[&str], new: &[&'a str]) -> Option<Vec<Hunk<'a>>> {
    let (n, m) = (base.len(), new.len());
    if (n + 1).saturating_mul(m + 1) > MAX_CELLS {
        return None;
    }
    // lcs[i][j]: the longest common subsequence of base[i..] and new[j..].
    let w = m + 1;
    let mut lcs = vec![0u32; (n + 1) * w];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i * w + j] = if base[i] == new[j] {
                lcs[(i + 1) * w + j + 1] + 1
            } else {
                lcs[(i + 1) * w + j].max(lcs[i * w + j + 1])
            };
        }
    }
    let mut out = Vec::new();
    let (mut i, mut j) = (0, 0);
    let mut open: Option<Hunk> = None;
    while i < n || j < m {
        if i < n && j < m && base[i] == new[j] {
            out.extend(open.take());
            i += 1;
            j += 1;
            continue;
        }
        let h = open.get_or_insert(Hunk {
            start: i,
            end: i,
            lines: Vec::new(),
        });
        if j < m && (i == n || lcs[i * w + j + 1] >= lcs[(i + 1) * w + j]) {
            h.lines.push(new[j]);
            j += 1;
        } else {
            i += 1;
            h.end = i;
        }
    }
    out.extend(open);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::merge;

    #[test]
    fn edits_of_different_lines_both_land() {
        let base = "one\ntwo\nthree\nfour\n";
        let ours = "ONE\ntwo\nthree\nfour\n";
        let theirs = "one\ntwo\nthree\nFOUR\n";
        assert_eq!(
            merge(base, ours, theirs).as_deref(),
            Some("ONE\ntwo\nthree\nFOUR\n")
        );
    }

    #[test]
    fn an_insertion_and_a_distant_deletion_both_land() {
        let base = "a\nb\nc\nd\n";
        let ours = "a\nnew\nb\nc\nd\n";
        let theirs = "a\nb\nc\n";
        assert_eq!(merge(base, ours, theirs).as_deref(), Some("a\nnew\nb\nc\n"));
    }

    #[test]
    fn edits_of_the_same_line_clash() {
        assert_eq!(merge("a\nb\n", "a\nX\n", "a\nY\n"), None);
        assert_eq!(merge("one line", "ours", "theirs"), None);
    }

    #[test]
    fn two_insertions_at_the_same_place_clash_unless_equal() {
        assert_eq!(merge("a\nb\n", "a\nx\nb\n", "a\ny\nb\n"), None);
        assert_eq!(
            merge("a\nb\n", "a\nx\nb\n", "a\nx\nb\n").as_deref(),
            Some("a\nx\nb\n")
        );
    }

    #[test]
    fn one_side_unchanged_gives_the_other() {
        assert_eq!(merge("a\nb\n", "a\nb\n", "z\n").as_deref(), Some("z\n"));
        assert_eq!(merge("", "", "new\n").as_deref(), Some("new\n"));
    }
}
