//! The organisation: emulation groups (blocs, clusters) and their member units, and
//! the first unit of an empty database.

pub mod first_run;
pub mod groups;
pub mod parents;
pub mod units;
