//! The org UI's keys, once: the `?` overlay lists them and a test checks
//! the README's table of them against this list.

/// (keys, what they do), in the order the overlay shows them.
pub const KEYS: [(&str, &str); 9] = [
    ("1-4, Tab, Shift-Tab", "Teams, Debt, Key results, Sprints"),
    ("j k, arrows", "move"),
    ("PgUp PgDn, g G", "move by a page, to the top, the bottom"),
    (
        "/",
        "search every team's rows (Enter keeps the filter, Esc drops it)",
    ),
    (
        "Enter",
        "open the row's team's plan, read-only, on its item",
    ),
    (
        "r",
        "reload: the workspace, the fetch cache and local files again",
    ),
    ("?", "these keys (any key closes them)"),
    ("Esc", "drop the search's filter"),
    ("q, Ctrl-C", "quit"),
];
