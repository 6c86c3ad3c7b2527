//! Editing a long text in the user's editor, for a form's Ctrl-e. The caller
//! leaves the alternate screen and raw mode first and restores them after;
//! this only runs the editor on a private temporary file.

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::Command;

/// The editor to run: `$VISUAL`, else `$EDITOR`, else `vi` (as git does).
/// Pass the variables in: `editor_command(env::var("VISUAL").ok(), env::var("EDITOR").ok())`.
pub fn editor_command(visual: Option<String>, editor: Option<String>) -> String {
    [visual, editor]
        .into_iter()
        .flatten()
        .find(|s| !s.trim().is_empty())
        .unwrap_or_else(|| "vi".to_owned())
}

fn temp_path() -> PathBuf {
    let mut r = [0u8; 6];
    // Uniqueness only; `create_new` below refuses an existing file anyway.
    let _ = getrandom::fill(&mut r);
    let tag: String = r.iter().map(|b| format!("{b:02x}")).collect();
    std::env::temp_dir().join(format!("bearing-{}-{tag}.md", std::process::id()))
}

/// Runs `command` (a shell command line such as `code --wait`) on a
/// temporary file holding `initial` and returns the edited text, without
/// the final line break editors add. A failing editor leaves the text as it
/// was and says so.
pub fn edit_text(initial: &str, command: &str) -> io::Result<String> {
    let path = temp_path();
    // create_new: never follow a planted file or symlink in a shared /tmp.
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)?;
    let result = (|| {
        file.write_all(initial.as_bytes())?;
        file.sync_all()?;
        drop(file);
        let status = shell(command, &path).status().map_err(|e| {
            io::Error::new(
                e.kind(),
                format!("could not start the editor {command:?}: {e}"),
            )
        })?;
        if !status.success() {
            return Err(io::Error::other(format!(
                "the editor {command:?} exited with {status}; the text was not changed"
            )));
        }
        let text = fs::read_to_string(&path)?;
        let text = text.strip_suffix('\n').unwrap_or(&text);
        Ok(text.strip_suffix('\r').unwrap_or(text).to_owned())
    })();
    let _ = fs::remove_file(&path);
    result
}

/// Through the shell, so `$EDITOR` may carry arguments and quotes.
#[cfg(unix)]
fn shell(command: &str, path: &std::path::Path) -> Command {
    let mut c = Command::new("sh");
    c.arg("-c")
        .arg(format!("{command} \"$1\""))
        .arg("sh")
        .arg(path);
    c
}

#[cfg(not(unix))]
fn shell(command: &str, path: &std::path::Path) -> Command {
    let mut parts = command.split_whitespace();
    let mut c = Command::new(parts.next().unwrap_or("notepad"));
    c.args(parts).arg(path);
    c
}

#[cfg(test)]
#[cfg(unix)]
mod tests {
    use super::*;

    #[test]
    fn picks_visual_then_editor_then_vi() {
        let s = |x: &str| Some(x.to_owned());
        assert_eq!(editor_command(s("code --wait"), s("nano")), "code --wait");
        assert_eq!(editor_command(s(" "), s("nano")), "nano");
        assert_eq!(editor_command(None, None), "vi");
    }

    #[test]
    fn returns_the_edited_text() {
        let out = edit_text("old text\nsecond", "sed -i -e s/old/new/").unwrap();
        assert_eq!(out, "new text\nsecond");
        // An editor that appends a final newline does not add a line.
        let out = edit_text("x", "printf 'y\\n' >").unwrap();
        assert_eq!(out, "y");
    }

    #[test]
    fn a_failing_editor_is_an_error() {
        let e = edit_text("keep", "false").unwrap_err();
        assert!(e.to_string().contains("was not changed"), "{e}");
        let e = edit_text("keep", "/nonexistent/editor").unwrap_err();
        assert!(e.to_string().contains("not changed"), "{e}");
    }
}
