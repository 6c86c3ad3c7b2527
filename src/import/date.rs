//! The one reader of the dates an import meets, shared by every source
//! (spreadsheets, Linear, GitLab, Jira, GitHub): a cell as the person or
//! tool that wrote it wrote it, read as its calendar day (a timestamp's day
//! as written, whatever its zone).
//!
//! Read: ISO dates and timestamps (`2026-11-28`, `2026-11-28T10:00:00Z`,
//! `2026-11-28 10:00`, taskwarrior's `20261128T100000Z`), day.month.year (`15.11.2026`), slashed numbers when
//! a part over 12 says which is the day (`28/11/2026` day first,
//! `11/28/2026` month first; `5/5/2026` either way), month names as Excel
//! and Jira write them (`28-Nov-2026`, `28 Nov 2026`, `Nov 28, 2026`,
//! `November 28 2026`, `08/Sep/21 2:02 PM`), and JavaScript's
//! `Date.toString()` (`Tue Oct 06 2026 09:12:33 GMT+0000 (…)`). A slashed
//! date like `05/06/2026` is 5 June in most of the world and May 6 in the
//! US: it is refused with both readings named, never guessed.

use std::fmt;

use chrono::{Datelike, NaiveDate, NaiveDateTime};

/// Why a cell is not read as a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unread {
    /// Not a date in any form read.
    Unknown,
    /// `05/06/2026`: day and month could each be either part.
    Ambiguous {
        day_first: NaiveDate,
        month_first: NaiveDate,
    },
}

impl fmt::Display for Unread {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Unread::Unknown => write!(
                f,
                "write it like 2026-11-28 (also 28.11.2026, 28/11/2026, 28-Nov-2026 or Nov 28, 2026)"
            ),
            Unread::Ambiguous {
                day_first,
                month_first,
            } => write!(
                f,
                "it could be {} (day first) or {} (month first); write it as YYYY-MM-DD",
                day_first.format("%-d %B %Y"),
                month_first.format("%B %-d, %Y")
            ),
        }
    }
}

/// The cell's calendar day, or why it cannot be read.
pub fn day(s: &str) -> Result<NaiveDate, Unread> {
    let s = s.trim();
    if let Some(d) = iso(s)
        .or_else(|| iso_basic(s))
        .or_else(|| javascript(s))
        .or_else(|| with_names(s))
        .or_else(|| dotted(s))
    {
        return Ok(d);
    }
    slashed(s).unwrap_or(Err(Unread::Unknown))
}

/// A problem message for a cell `s` that [`day`] could not read:
/// `cannot read the date "05/06/2026": it could be …`.
pub fn problem(s: &str, why: &Unread) -> String {
    format!(
        "cannot read the date {}: {why}",
        crate::text::quote(s.trim())
    )
}

/// `2026-11-28`, then anything after a `T` or a space (a time, a zone).
fn iso(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    let shaped = b.len() >= 10
        && b[4] == b'-'
        && b[7] == b'-'
        && (b.len() == 10 || matches!(b[10], b'T' | b't' | b' '));
    if !shaped {
        return None;
    }
    NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok()
}

/// ISO 8601's basic form with a time, as taskwarrior writes:
/// `20261125T000000Z` (a bare `20261125` is not read: it may be a number).
fn iso_basic(s: &str) -> Option<NaiveDate> {
    let (date, _) = s.split_once(['T', 't'])?;
    (date.len() == 8 && date.bytes().all(|b| b.is_ascii_digit()))
        .then(|| NaiveDate::parse_from_str(date, "%Y%m%d").ok())
        .flatten()
}

/// `Tue Oct 06 2026 09:12:33 GMT+0000 (Coordinated Universal Time)`: a
/// weekday, then month, day and year.
fn javascript(s: &str) -> Option<NaiveDate> {
    let parts: Vec<&str> = s.split_whitespace().collect();
    if parts.len() < 4 || !s.contains("GMT") {
        return None;
    }
    NaiveDate::parse_from_str(&parts[1..4].join(" "), "%b %d %Y").ok()
}

/// Dates with a month's name: Jira's `08/Sep/21 2:02 PM`, Excel's
/// `28-Nov-2026`, `28 Nov 2026`, `Nov 28, 2026`, `November 28 2026`.
fn with_names(s: &str) -> Option<NaiveDate> {
    if !s.chars().any(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    const TIMES: [&str; 4] = [
        "%d/%b/%y %I:%M %p",
        "%d/%b/%Y %I:%M %p",
        "%d/%b/%y %H:%M",
        "%d/%b/%Y %H:%M",
    ];
    if let Some(t) = TIMES
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
    {
        return Some(t.date());
    }
    // One spacing and no comma: `Nov 28, 2026` is `Nov 28 2026`.
    let s = s.replace(',', " ");
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    // Two-digit years first: `%Y` would read `26` as the year 26.
    const DAYS: [&str; 8] = [
        "%d/%b/%y", "%d/%b/%Y", "%d-%b-%y", "%d-%b-%Y", "%d %b %Y", "%b %d %Y", "%d %B %Y",
        "%B %d %Y",
    ];
    DAYS.iter()
        .find_map(|f| NaiveDate::parse_from_str(&s, f).ok())
        .filter(|d| d.year() >= 1000)
}

/// `15.11.2026` (day.month.year, as German, Russian and other locales
/// write), with a time after a space.
fn dotted(s: &str) -> Option<NaiveDate> {
    let date = s.split_whitespace().next()?;
    if date.matches('.').count() != 2 {
        return None;
    }
    NaiveDate::parse_from_str(date.trim_end_matches('.'), "%d.%m.%Y").ok()
}

/// `28/11/2026` or `11/28/2026` (a time may follow): the part over 12 is
/// the day; both 12 or under is a guess unless they are equal.
fn slashed(s: &str) -> Option<Result<NaiveDate, Unread>> {
    let date = s.split_whitespace().next()?;
    let parts: Vec<&str> = date.split('/').collect();
    let [a, b, y] = parts[..] else {
        return None;
    };
    if y.len() != 4
        || [a, b, y]
            .iter()
            .any(|p| !p.bytes().all(|c| c.is_ascii_digit()))
    {
        return None;
    }
    let (a, b, y): (u32, u32, i32) = (a.parse().ok()?, b.parse().ok()?, y.parse().ok()?);
    let day_first = NaiveDate::from_ymd_opt(y, b, a);
    let month_first = NaiveDate::from_ymd_opt(y, a, b);
    Some(match (day_first, month_first) {
        (Some(d), Some(m)) if d == m => Ok(d),
        (Some(d), Some(m)) => Err(Unread::Ambiguous {
            day_first: d,
            month_first: m,
        }),
        (Some(d), None) | (None, Some(d)) => Ok(d),
        (None, None) => Err(Unread::Unknown),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn dates_as_locales_and_tools_write_them() {
        for (s, want) in [
            ("2026-11-28", "2026-11-28"),
            ("2026-11-28T10:00:00Z", "2026-11-28"),
            ("2026-11-28T10:00:00.000+0200", "2026-11-28"),
            ("2026-11-28 10:00", "2026-11-28"),
            ("15.11.2026", "2026-11-15"),
            ("15.11.2026 10:00", "2026-11-15"),
            ("28/11/2026", "2026-11-28"),
            ("11/28/2026", "2026-11-28"),
            ("5/5/2026", "2026-05-05"),
            ("28/11/2026 10:00", "2026-11-28"),
            ("28-Nov-2026", "2026-11-28"),
            ("28-Nov-26", "2026-11-28"),
            ("28-nov-2026", "2026-11-28"),
            ("28 Nov 2026", "2026-11-28"),
            ("Nov 28, 2026", "2026-11-28"),
            ("November 28, 2026", "2026-11-28"),
            ("08/Sep/21 2:02 PM", "2021-09-08"),
            ("08/Sep/2021 14:02", "2021-09-08"),
            ("08/Sep/21", "2021-09-08"),
            (
                "Tue Oct 06 2026 09:12:33 GMT+0000 (Coordinated Universal Time)",
                "2026-10-06",
            ),
            ("  2026-11-28  ", "2026-11-28"),
            ("20261128T100000Z", "2026-11-28"),
        ] {
            assert_eq!(day(s), Ok(d(want)), "{s}");
        }
    }

    #[test]
    fn a_guess_or_nonsense_is_refused() {
        let Err(why) = day("05/06/2026") else {
            panic!("read an ambiguous date")
        };
        let msg = problem("05/06/2026", &why);
        assert!(
            msg.contains("5 June 2026") && msg.contains("May 6, 2026"),
            "{msg}"
        );
        assert!(msg.contains("YYYY-MM-DD"), "{msg}");
        for s in [
            "",
            "yesterday",
            "2026-13-01",
            "20261128",
            "32.11.2026",
            "13/13/2026",
            "08/Okt/21",
            "1/2/26",
            "28 Nov 26",
        ] {
            assert_eq!(day(s), Err(Unread::Unknown), "{s}");
        }
    }
}
