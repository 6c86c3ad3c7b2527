//! Bearing: strategy and execution in one plan file. This crate is the domain
//! (model, scoring, planning, checks, exports, storage); the `bearing` binary
//! puts a command line and a terminal UI on top of it.

pub mod check;
pub mod cli;
pub mod export;
pub mod git;
pub mod import;
pub mod lifecycle;
pub mod merge;
pub mod model;
pub mod org;
pub mod planning;
pub mod report;
pub mod scan;
pub mod score;
pub mod search;
pub mod session;
pub mod store;
pub mod synth;
pub mod text;
pub mod tui;
