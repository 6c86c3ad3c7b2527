//! One person, one owner. A marker names someone the way the code's
//! author typed it (`TODO(ann)`), git names them as they configured it
//! (`Ann Lee <ann@example.com>`): a scan that suggested both `ann` and
//! `Ann Lee` as owners would split one person's debt in two. A marker's
//! name is matched, case-insensitively, to an author of the window by their
//! full name, their name without spaces, their email's local part, or their
//! first name when no other author shares it; a match takes the author's
//! spelling. Names no author matches keep the spelling first seen, so
//! `TODO(Bob)` and `TODO(bob)` are one owner too.

use std::collections::{BTreeMap, HashMap};

use super::files::FileText;
use super::hotspots::History;

/// The spelling of each person's name, by every key they go by.
#[derive(Debug, Default)]
pub struct People {
    by_key: HashMap<String, Option<String>>,
}

fn key(s: &str) -> String {
    s.trim().to_lowercase()
}

impl People {
    pub fn new(histories: &HashMap<String, History>, files: &[FileText]) -> Self {
        // Every author of the window, with an email when the log had one.
        let mut authors: BTreeMap<&str, Option<&str>> = BTreeMap::new();
        for h in histories.values() {
            for name in h.added.keys().chain(h.emails.keys()) {
                let email = h.emails.get(name).map(String::as_str);
                let e = authors.entry(name.as_str()).or_default();
                if e.is_none() {
                    *e = email;
                }
            }
        }
        let mut first_names: HashMap<String, usize> = HashMap::new();
        for name in authors.keys() {
            if let Some(first) = name.split_whitespace().next() {
                *first_names.entry(key(first)).or_default() += 1;
            }
        }
        let mut people = People::default();
        for (name, email) in &authors {
            let mut keys = vec![key(name), key(&name.split_whitespace().collect::<String>())];
            if let Some(local) = email.and_then(|e| e.split_once('@')).map(|(l, _)| l) {
                keys.push(key(local));
            }
            if let Some(first) = name.split_whitespace().next()
                && first_names.get(&key(first)) == Some(&1)
            {
                keys.push(key(first));
            }
            for k in keys.into_iter().filter(|k| !k.is_empty()) {
                people.claim(k, name);
            }
        }
        // Names only markers use: the first spelling seen stands for all.
        for f in files {
            for who in f.markers.iter().filter_map(|m| m.author.as_deref()) {
                let k = key(who);
                if !k.is_empty() && !people.by_key.contains_key(&k) {
                    people.by_key.insert(k, Some(who.trim().to_owned()));
                }
            }
        }
        people
    }

    /// `k` stands for `name`, unless another author claimed it: then for
    /// nobody (an ambiguous key is no match).
    fn claim(&mut self, k: String, name: &str) {
        match self.by_key.get(&k) {
            None => {
                self.by_key.insert(k, Some(name.to_owned()));
            }
            Some(Some(other)) if other != name => {
                self.by_key.insert(k, None);
            }
            Some(_) => {}
        }
    }

    /// The one spelling of the person `name` stands for (`name` itself
    /// when nobody else does).
    pub fn owner(&self, name: &str) -> String {
        match self.by_key.get(&key(name)) {
            Some(Some(spelling)) => spelling.clone(),
            _ => name.trim().to_owned(),
        }
    }
}
