//! Reading a plan: bytes → text → plan, with every failure pointing at the
//! file, line and column. Loading never writes.

use std::path::Path;

use super::StoreError;
use super::comments::Comments;
use super::format::{self, FormatError};
use super::watch::Fingerprint;
use crate::merge::markers;
use crate::model::{Plan, SCHEMA_VERSION};

/// A plan as read from disk, with what is needed to notice a later change.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub plan: Plan,
    pub text: String,
    pub fingerprint: Fingerprint,
    /// The comments in the file, for the next save to put back.
    pub comments: Comments,
}

pub fn load(path: &Path) -> Result<Loaded, StoreError> {
    let (text, fingerprint) = read_text(path)?;
    let (plan, comments) = parse_with_comments(path, &text)?;
    Ok(Loaded {
        plan,
        text,
        fingerprint,
        comments,
    })
}

/// The file's text (see [`decode`]) and fingerprint, not parsed.
pub fn read_text(path: &Path) -> Result<(String, Fingerprint), StoreError> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(StoreError::NotFound {
                path: path.to_path_buf(),
            });
        }
        Err(e) => return Err(StoreError::io(path, "cannot read", e)),
    };
    let fingerprint = Fingerprint::of(&bytes);
    Ok((decode(path, bytes)?, fingerprint))
}

/// The UTF-8 byte-order mark some Windows editors put at the start.
const BOM: &[u8] = b"\xef\xbb\xbf";

/// UTF-8 text, or the line and column of the first byte that is not. A
/// byte-order mark is accepted and left out of the text (so columns are
/// the editor's); the next save writes the file without it.
pub fn decode(path: &Path, mut bytes: Vec<u8>) -> Result<String, StoreError> {
    if bytes.starts_with(BOM) {
        bytes.drain(..BOM.len());
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = valid.iter().filter(|b| **b == b'\n').count() + 1;
        let line_start = valid.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(&valid[line_start..])
            .chars()
            .count()
            + 1;
        StoreError::Parse {
            path: path.to_path_buf(),
            line,
            column,
            message: "the file is not valid UTF-8 text".into(),
        }
    })
}

/// Parses plan text read from `path` (used in messages only).
pub fn parse(path: &Path, text: &str) -> Result<Plan, StoreError> {
    unmerged(path, text)?;
    format::from_text(text).map_err(|e| failed(path, text, e))
}

/// [`parse`] and the comments written in the text.
pub fn parse_with_comments(path: &Path, text: &str) -> Result<(Plan, Comments), StoreError> {
    unmerged(path, text)?;
    format::from_text_with_comments(text).map_err(|e| failed(path, text, e))
}

/// Git conflict markers, before the parser meets them: a file a merge left
/// with markers says so and names `bearing resolve`, not "Expected
/// identifier". Only whole blocks count (see [`markers`]): a North Star
/// line `=======` is text.
fn unmerged(path: &Path, text: &str) -> Result<(), StoreError> {
    if !markers::has_markers(text) {
        return Ok(());
    }
    match markers::blocks(text) {
        Ok(blocks) => match blocks.first() {
            Some(b) => Err(StoreError::Conflict {
                path: path.to_path_buf(),
                line: b.start_line,
                id: b.id.clone(),
                field: b.field.clone(),
                place: b.place(),
                more: blocks.len() - 1,
            }),
            None => Ok(()),
        },
        // A `<<<<<<<` line that opens no whole block may be text (a line
        // of a multi-line North Star): the parser decides.
        Err(_) => Ok(()),
    }
}

/// The parser's error, unless the text holds a `<<<<<<<` block that does
/// not close: then that block, at its line, is the likelier cause.
fn failed(path: &Path, text: &str, e: FormatError) -> StoreError {
    match markers::blocks(text) {
        Err(m) => marker_error(path, m),
        Ok(_) => located(path, e),
    }
}

/// A conflict block that does not close, at its line.
pub(crate) fn marker_error(path: &Path, e: markers::MarkerError) -> StoreError {
    StoreError::Parse {
        path: path.to_path_buf(),
        line: e.line,
        column: 1,
        message: format!("{}; finish the merge by hand", e.message),
    }
}

fn located(path: &Path, e: FormatError) -> StoreError {
    match e {
        FormatError::Syntax { at, message } => StoreError::Parse {
            path: path.to_path_buf(),
            line: at.line,
            column: at.column,
            message: tidy(&message),
        },
        FormatError::NewerSchema { found } => StoreError::NewerSchema {
            path: path.to_path_buf(),
            found,
            supported: SCHEMA_VERSION,
        },
        FormatError::DuplicateId { id, first, second } => StoreError::DuplicateId {
            path: path.to_path_buf(),
            id,
            first,
            second,
        },
        FormatError::Invalid { at, id, message } => StoreError::Invalid {
            path: path.to_path_buf(),
            line: at.line,
            column: at.column,
            id,
            message,
        },
    }
}

/// The longest message from the RON parser shown whole.
const MESSAGE_MAX: usize = 300;

/// A parser message made safe to print: a name quoted in backticks (an
/// unknown field, a variant) is cut to [`crate::text::QUOTE_MAX`]
/// characters, control characters are escaped, and the whole is cut at
/// [`MESSAGE_MAX`], so a 1 MB field name does not become a 1 MB message.
fn tidy(message: &str) -> String {
    let mut out = String::with_capacity(message.len().min(MESSAGE_MAX + 8));
    let mut quoted = 0usize;
    let mut inside = false;
    for c in message.chars() {
        if out.chars().count() >= MESSAGE_MAX {
            out.push('…');
            break;
        }
        if c == '`' {
            if inside && quoted > crate::text::QUOTE_MAX {
                out.push('…');
            }
            inside = !inside;
            quoted = 0;
            out.push(c);
            continue;
        }
        if inside {
            quoted += 1;
            if quoted > crate::text::QUOTE_MAX {
                continue;
            }
        }
        if c.is_control() || crate::text::is_unsafe(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_has_a_position() {
        let err = decode(Path::new("p.ron"), b"(\n  ab\xffc".to_vec()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "p.ron:2:5: the file is not valid UTF-8 text"
        );
    }

    #[test]
    fn a_byte_order_mark_is_not_part_of_the_text() {
        let text = decode(Path::new("p.ron"), b"\xef\xbb\xbf(\n)".to_vec()).unwrap();
        assert_eq!(text, "(\n)");
        let err = decode(Path::new("p.ron"), b"\xef\xbb\xbfab\xff".to_vec()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "p.ron:1:3: the file is not valid UTF-8 text"
        );
    }

    #[test]
    fn both_readers_skip_a_byte_order_mark() {
        let plan = crate::synth::plan(30, 1);
        let text = format!("\u{feff}{}", format::to_text(&plan).unwrap());
        assert!(format::parse_canonical(&text[3..], usize::MAX).is_some());
        assert_eq!(format::from_text(&text).unwrap(), plan);
        assert_eq!(format::from_text_ron(&text).unwrap(), plan);
    }

    #[test]
    fn parser_messages_are_escaped_and_short() {
        let name = "x".repeat(5000);
        let msg = tidy(&format!(
            "Unexpected field named `{name}` in `KeyResult`, expected `id`"
        ));
        assert!(msg.starts_with(&format!("Unexpected field named `{}…`", "x".repeat(40))));
        assert!(msg.ends_with("in `KeyResult`, expected `id`"), "{msg}");
        assert_eq!(tidy("a\nb\u{1b}"), "a\\nb\\u{1b}");
        assert!(tidy(&"y".repeat(1000)).chars().count() <= MESSAGE_MAX + 1);
    }

    #[test]
    fn missing_file_says_init() {
        let tmp = tempfile::tempdir().unwrap();
        let err = load(&tmp.path().join("none.ron")).unwrap_err();
        assert!(err.to_string().contains("bearing init"), "{err}");
    }

    #[test]
    fn parse_error_names_path_line_column() {
        let err = parse(
            Path::new("plan.ron"),
            "(\n  schema: 1,\n  debts: [ (id: ) ],\n)",
        )
        .unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with("plan.ron:3:"), "{msg}");
    }
}
