//! The helpers every action uses: apply a change and say so, ask a one-line
//! question, refuse an answer (keeping what was typed), and where files the
//! UI writes go by default.

use std::path::PathBuf;

use super::App;
use crate::model::Change;
use crate::tui::action::Effect;
use crate::tui::state::{Mode, Prompt};

impl App {
    /// Applies `change` as one undo step and says `message`; an empty
    /// change (nothing to do) only reports, so undo never steps over a
    /// no-op.
    pub fn apply_reported(&mut self, change: Change, message: String) -> Effect {
        if change.is_empty() {
            self.info(message);
            return Effect::None;
        }
        self.apply(change);
        self.info(format!("{message} — u to undo"));
        Effect::Save
    }

    /// Opens a one-line question; Enter answers it (see `route`).
    pub fn ask(&mut self, prompt: Prompt) {
        self.mode = Mode::Prompt(prompt);
    }

    /// Keeps the prompt open with `why` under it and in the status bar, so
    /// nothing typed is lost.
    pub fn refuse(&mut self, mut prompt: Prompt, why: String) -> Effect {
        prompt.error = Some(why.clone());
        self.mode = Mode::Prompt(prompt);
        self.error(why);
        Effect::None
    }

    /// Where a file the UI writes goes by default: the plan's directory,
    /// else `./`.
    pub fn default_path(&self, file: &str) -> String {
        match &self.export_dir {
            Some(dir) => dir.join(file).display().to_string(),
            None => format!("./{file}"),
        }
    }

    /// Writes `text` to `path` atomically; the status line says where.
    pub fn write_export(&mut self, path: &str, text: &str, what: &str) -> Result<(), String> {
        let path = path_of(path);
        if path.as_os_str().is_empty() {
            return Err("a path is required".to_owned());
        }
        crate::store::export_file::write_export(&path, self.plan_path.as_deref(), text.as_bytes())
            .map_err(|e| e.to_string())?;
        self.info(format!("wrote {what} to {}", path.display()));
        Ok(())
    }
}

/// A path as typed in a prompt: trimmed, and a leading `~/` (or a lone
/// `~`) is the home directory, as a shell would read it. Without `$HOME`
/// the text is taken as it is.
pub fn path_of(text: &str) -> PathBuf {
    let text = text.trim();
    let home = std::env::var_os("HOME").filter(|h| !h.is_empty());
    match (text.strip_prefix('~'), home) {
        (Some(""), Some(home)) => home.into(),
        (Some(rest), Some(home)) if rest.starts_with('/') => {
            std::path::Path::new(&home).join(rest.trim_start_matches('/'))
        }
        _ => text.into(),
    }
}
