//! Change frequency per file from one `git log --numstat -z` run (as
//! CodeScene and code-maat measure it): how many commits touched each file
//! in the window, and who added the most lines to it there.
//!
//! The log is read newest first. A rename (`old => new`) makes the older
//! commits of `old` count for the file's current name, so a file moved in
//! the window keeps its history.

use std::collections::{BTreeMap, HashMap};

/// The format string the log is asked for: each commit starts with `\x01`,
/// the author's name (mailmap applied), `\x02` and their email, and a NUL.
pub const LOG_FORMAT: &str = "%x01%aN%x02%aE%x00";

/// One file's history in the window.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct History {
    /// Commits that touched it.
    pub changes: u32,
    /// Lines added per author.
    pub added: BTreeMap<String, u64>,
    /// Each author's email (the last seen), when the log gave one: how a
    /// marker's `TODO(ann)` is matched to `Ann Lee <ann@…>`.
    pub emails: BTreeMap<String, String>,
}

impl History {
    /// The author who added the most lines (ties: the first by name); the
    /// suggested owner.
    pub fn main_author(&self) -> Option<&str> {
        let mut best: Option<(&str, u64)> = None;
        for (who, n) in &self.added {
            if best.is_none_or(|(_, m)| *n > m) {
                best = Some((who, *n));
            }
        }
        best.map(|(w, _)| w)
    }
}

/// Every file's history by its current path, from the output of
/// `git log -M --numstat -z --format=LOG_FORMAT`.
pub fn parse_log(log: &str) -> HashMap<String, History> {
    let mut files: HashMap<String, History> = HashMap::new();
    // old name → the name it has now.
    let mut renamed: HashMap<String, String> = HashMap::new();
    for commit in log.split('\x01').filter(|c| !c.is_empty()) {
        let Some((who, rest)) = commit.split_once('\0') else {
            continue;
        };
        let (author, email) = who.split_once('\x02').unwrap_or((who, ""));
        let mut fields = rest.split('\0');
        while let Some(field) = fields.next() {
            let field = field.trim_start_matches('\n');
            let mut parts = field.splitn(3, '\t');
            let (Some(add), Some(_del), Some(path)) = (parts.next(), parts.next(), parts.next())
            else {
                continue;
            };
            // Binary files show `-`.
            let add: u64 = add.parse().unwrap_or(0);
            let path = if path.is_empty() {
                // A rename: the old name, then the new one.
                let (Some(old), Some(new)) = (fields.next(), fields.next()) else {
                    break;
                };
                let now = current(&renamed, new);
                if old != now {
                    renamed.insert(old.to_owned(), now.clone());
                }
                now
            } else {
                current(&renamed, &arrow_path(path))
            };
            let h = files.entry(path).or_default();
            h.changes += 1;
            if add > 0 {
                *h.added.entry(author.to_owned()).or_default() += add;
            }
            if !email.is_empty() && !h.emails.contains_key(author) {
                h.emails.insert(author.to_owned(), email.to_owned());
            }
        }
    }
    files
}

/// The name `path` has now, following renames seen in newer commits.
fn current(renamed: &HashMap<String, String>, path: &str) -> String {
    renamed
        .get(path)
        .cloned()
        .unwrap_or_else(|| path.to_owned())
}

/// The new side of a `{old => new}` numstat path (the form without `-z`);
/// any other path as it is.
pub fn arrow_path(path: &str) -> String {
    if let (Some(open), Some(close)) = (path.find('{'), path.rfind('}'))
        && open < close
        && let Some((_, new)) = path[open + 1..close].split_once(" => ")
    {
        let joined = format!("{}{}{}", &path[..open], new, &path[close + 1..]);
        return joined.replace("//", "/").trim_start_matches('/').to_owned();
    }
    match path.split_once(" => ") {
        Some((_, new)) => new.to_owned(),
        None => path.to_owned(),
    }
}
