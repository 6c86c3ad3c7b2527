//! Bearing: strategy and execution in one plan file. This crate is the domain
//! (model, scoring, planning, checks, exports, storage); the `bearing` binary
//! puts a command line and a terminal UI on top of it.

pub mod cli;
pub mod import;
pub mod model;
pub mod score;
pub mod store;
pub mod text;
