//! An editing session over one plan, with no terminal in it: the one door
//! for changes, undo and redo, persistence (the file's background writer, or
//! none) and the watch for outside changes. The TUI wraps it; the CLI can
//! use it too.

pub mod file_persist;
pub mod history;
mod persist;

pub use persist::{NoPersist, Persist};
