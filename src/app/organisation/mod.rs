//! The organisation: emulation groups (blocs, clusters) and their member units.

pub mod groups;
pub mod units;
