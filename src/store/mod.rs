//! Where the plan lives on disk and how it gets there and back without ever
//! being lost or torn.

pub mod embedded;
pub mod format;
